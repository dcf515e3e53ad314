/// SARIF 2.1.0 for code-scanning tools: one run, the tool's rules from the checks catalogue, and one
/// result per finding with a physical location.
public struct SARIFRenderer: Sendable {
    public var workingDirectory: String
    public var toolVersion: String

    public init(workingDirectory: String = "", toolVersion: String) {
        self.workingDirectory = workingDirectory
        self.toolVersion = toolVersion
    }

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }
    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name: String
        let version: String
        let informationUri: String
        let rules: [Rule]
    }
    struct Rule: Encodable {
        let id: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [ResultLocation]
    }
    struct ResultLocation: Encodable { let physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        let artifactLocation: Artifact
        let region: Region?
    }
    struct Artifact: Encodable { let uri: String }
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int?
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    public func render(_ report: Report) -> String {
        let catalog = Check.catalog
        let index = Dictionary(catalog.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rules = catalog.map {
            Rule(
                id: $0.code, shortDescription: Text(text: $0.summary),
                fullDescription: Text(text: $0.help),
                help: Text(text: $0.help + ($0.defaultHint.map { " Fix: " + $0 } ?? "")),
                defaultConfiguration: Configuration(level: Self.level($0.severity)))
        }
        let results = report.sorted.map { f in
            Result(
                ruleId: f.code, ruleIndex: index[f.code] ?? 0, level: Self.level(f.severity),
                message: Text(text: f.message + (f.hint.map { " (hint: \($0))" } ?? "")),
                locations: [ResultLocation(physicalLocation: PhysicalLocation(
                    artifactLocation: Artifact(uri: Self.uri(Paths.display(f.location.path, relativeTo: workingDirectory))),
                    region: f.location.line.map { Region(startLine: $0, startColumn: f.location.column) }))])
        }
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(
                name: "tlscheck", version: toolVersion,
                informationUri: "https://github.com/tlscheck/tlscheck", rules: rules)),
            results: results)])
        return JSON.encode(log) + "\n"
    }

    /// A relative path as a URI reference: percent-encode what a URI may not hold.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
