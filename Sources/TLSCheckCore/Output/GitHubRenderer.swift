/// GitHub Actions workflow commands: `::error file=PATH,line=N,col=M,title=CODE::message`, which
/// GitHub shows as annotations on the pull request's lines.
public struct GitHubRenderer: Sendable {
    public var workingDirectory: String

    public init(workingDirectory: String = "") { self.workingDirectory = workingDirectory }

    public func render(_ report: Report) -> String {
        report.sorted.map(render).joined()
    }

    public func render(_ f: Finding) -> String {
        let command = switch f.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var properties = ["file=" + Self.escapeProperty(Paths.display(f.location.path, relativeTo: workingDirectory))]
        if let line = f.location.line { properties.append("line=\(line)") }
        if let column = f.location.column { properties.append("col=\(column)") }
        properties.append("title=" + Self.escapeProperty(f.code))
        var message = f.message
        if let hint = f.hint { message += "\nhint: " + hint }
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    // The escapes the Actions runner decodes (toolkit/core command.ts).
    static func escapeData(_ s: String) -> String {
        s.replacing("%", with: "%25")
            .replacing("\r", with: "%0D")
            .replacing("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
