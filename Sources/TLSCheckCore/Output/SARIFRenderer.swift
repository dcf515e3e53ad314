/// SARIF 2.1.0 (OASIS) for code-scanning tools such as GitHub's: one run, the tool's rules from the
/// checks catalogue, and one result per finding with a physical location.
///
/// Paths inside the working folder become relative URIs against the `%SRCROOT%` base, which the run
/// maps to the working folder (GitHub resolves them against the checkout); paths outside it become
/// absolute `file://` URIs. Columns count Unicode code points, as tlscheck's YAML marks do.
public struct SARIFRenderer: Sendable {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let sourceRoot = "%SRCROOT%"
    static let informationURI = "https://github.com/tlscheck/tlscheck"

    public var workingDirectory: String
    public var toolVersion: String

    public init(workingDirectory: String = "", toolVersion: String) {
        self.workingDirectory = workingDirectory
        self.toolVersion = toolVersion
    }

    struct Log: Encodable {
        let schema = SARIFRenderer.schemaURI
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }
    struct Run: Encodable {
        let tool: Tool
        let originalUriBaseIds: [String: Artifact]?
        let columnKind = "unicodeCodePoints"
        let results: [Result]
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let informationUri: String
        let rules: [Rule]
    }
    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Help
        let helpUri: String
        let defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }
    struct Help: Encodable {
        let text: String
        let markdown: String
    }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Text
        let locations: [ResultLocation]
    }
    struct ResultLocation: Encodable { let physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        let artifactLocation: Artifact
        let region: Region?
    }
    struct Artifact: Encodable {
        let uri: String
        var uriBaseId: String? = nil
    }
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

    static func rule(_ check: Check) -> Rule {
        let fix = check.defaultHint.map { "\n\nFix: " + $0 } ?? ""
        return Rule(
            id: check.code, name: ruleName(check.code),
            shortDescription: Text(text: check.summary),
            fullDescription: Text(text: check.help),
            help: Help(text: check.help + fix, markdown: "**\(check.summary)**\n\n\(check.help)\(fix)"),
            helpUri: "\(informationURI)/blob/main/docs/checks.md#\(check.code)",
            defaultConfiguration: Configuration(level: level(check.severity)))
    }

    /// `unknown-key` → `UnknownKey`: SARIF's rule `name` is an identifier-like, human-readable name.
    static func ruleName(_ code: String) -> String {
        code.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    public func render(_ report: Report) -> String {
        var text = ""
        render(report, to: &text)
        return text
    }

    /// The log as `JSON.encode` prints it, the results written one at a time.
    public func render(_ report: Report, to out: inout some TextOutputStream) {
        let catalog = Check.catalog
        let index = Dictionary(catalog.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let root = workingDirectory.isEmpty ? nil : [Self.sourceRoot: Artifact(uri: Self.fileURI(workingDirectory, folder: true))]
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(
                name: "tlscheck", version: toolVersion, semanticVersion: toolVersion,
                informationUri: Self.informationURI, rules: catalog.map(Self.rule))),
            originalUriBaseIds: root,
            results: [])])
        JSON.write(log, filling: "results", with: report.sorted, { f in
            Result(
                ruleId: f.code, ruleIndex: index[f.code], level: Self.level(f.severity),
                message: Text(text: f.message + (f.hint.map { " (hint: \($0))" } ?? "")),
                locations: [ResultLocation(physicalLocation: PhysicalLocation(
                    artifactLocation: artifact(f.location.path),
                    region: f.location.line.map { Region(startLine: $0, startColumn: f.location.column) }))])
        }, to: &out)
        out.write("\n")
    }

    /// Relative to `%SRCROOT%` when the path is relative (or inside the working folder); an absolute
    /// `file://` URI otherwise.
    func artifact(_ path: String) -> Artifact {
        let shown = Paths.display(path, relativeTo: workingDirectory)
        if shown.hasPrefix("/") { return Artifact(uri: Self.fileURI(shown, folder: false)) }
        return Artifact(uri: Self.uri(shown), uriBaseId: Self.sourceRoot)
    }

    static func fileURI(_ absolutePath: String, folder: Bool) -> String {
        let path = folder && !absolutePath.hasSuffix("/") ? absolutePath + "/" : absolutePath
        return "file://" + uri(path)
    }

    /// A path as a URI reference: percent-encode every byte outside RFC 3986's unreserved set and `/`.
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
