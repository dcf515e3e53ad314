/// Checks an exporter-toolkit web-config. (Filled in by the web-config work.)
public struct WebConfigValidator: Sendable {
    public var context: CheckContext

    public init(context: CheckContext = CheckContext()) { self.context = context }

    public func validate(path: String) -> Report {
        switch FileInput.read(path) {
        case .failure(let error):
            return Report(findings: [Finding(.unreadableInput, "cannot read \(path): \(error.reason)",
                                             at: Location(path: path), hint: error.hint)], inputs: [path])
        case .success(let bytes):
            return validate(bytes: bytes, path: path)
        }
    }

    public func validate(text: String, path: String) -> Report {
        validate(bytes: Array(text.utf8), path: path)
    }

    public func validate(bytes: [UInt8], path: String) -> Report {
        Report(findings: [], inputs: [path])
    }
}
