/// Where a finding points: a file (or a pseudo-source such as `env` or `flags`), and a 1-based
/// line and column when the input has them.
public struct Location: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, `path:line` or `path`, as compilers print it.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): "\(path):\(line):\(column)"
        case let (line?, nil): "\(path):\(line)"
        default: path
        }
    }
}
