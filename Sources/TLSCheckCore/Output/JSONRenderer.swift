/// The documented JSON schema (docs/json.md). Field names are stable; `version` changes only when a
/// field changes meaning or goes away.
public struct JSONRenderer: Sendable {
    public static let schemaVersion = 1

    public var workingDirectory: String

    public init(workingDirectory: String = "") { self.workingDirectory = workingDirectory }

    struct Document: Encodable {
        let version: Int
        let tool: String
        let inputs: [String]
        let findings: [Item]
        let summary: Summary
    }

    struct Item: Encodable {
        let severity: String
        let code: String
        let message: String
        let path: String
        let line: Int?
        let column: Int?
        let hint: String?
    }

    struct Summary: Encodable {
        let errors: Int
        let warnings: Int
        let notes: Int
        let inputs: Int
    }

    public func render(_ report: Report) -> String {
        let document = Document(
            version: Self.schemaVersion, tool: "tlscheck",
            inputs: report.inputs.map { Paths.display($0, relativeTo: workingDirectory) },
            findings: report.sorted.map(item),
            summary: Summary(
                errors: report.count(.error), warnings: report.count(.warning),
                notes: report.count(.info), inputs: report.inputs.count))
        return JSON.encode(document) + "\n"
    }

    func item(_ f: Finding) -> Item {
        Item(
            severity: f.severity.rawValue, code: f.code, message: f.message,
            path: Paths.display(f.location.path, relativeTo: workingDirectory),
            line: f.location.line, column: f.location.column, hint: f.hint)
    }
}

public enum JSON {
    /// Pretty, key-sorted JSON text of an Encodable value (stable for diffs and tests).
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
