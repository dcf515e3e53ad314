import Foundation
import Testing

/// exporter-toolkit's own test data: tlscheck must agree with upstream on every file.
@Suite struct WebConfigConformanceTests {
    typealias Row = Conformance.Row


    static let folder = Conformance.root.appendingPathComponent("exporter-toolkit")

    static var rows: [Row] { Conformance.rows(in: folder) }

    @Test func corpusIsPresent() {
        #expect(Self.rows.count >= 40, "conformance corpus missing at \(Self.folder.path)")
    }

    @Test(arguments: rows)
    func agreesWithUpstream(_ row: Row) throws {
        let result = try CLI.run(["validate", "--format", "json", row.path], cwd: Self.folder)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let errors = findings.filter { $0["severity"] as? String == "error" }
        switch row.expect {
        case "bad":
            #expect(result.status == 1, "\(row.path) must fail\n\(result.output)")
            #expect(!errors.isEmpty, "\(row.path) must have an error-level finding")
            for error in errors {
                #expect(error["line"] is Int, "every error points at a line: \(error)")
            }
        default:
            #expect(result.status == 0, "\(row.path) must pass\n\(result.output)")
            #expect(errors.isEmpty)
        }
    }

    /// Where upstream fails only at handshake time, tlscheck sees it statically and warns.
    @Test(arguments: [
        ("web/testdata/web_config_auth_clientCAs_missing.bad.yml", "verify-without-ca"),
        ("web/testdata/web_config_noAuth.good.blocking.yml", "verify-without-ca"),
        ("web/testdata/web_config_rate_limiter_one_second.yaml", "rate-limit-blocks-all"),
    ])
    func warnsAboutHandshakeFailures(path: String, code: String) throws {
        let result = try CLI.run(["validate", path], cwd: Self.folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning:") && result.stdout.contains("[\(code)]"), "\(result.stdout)")
    }

    /// Upstream's error text appears in tlscheck's message for the toolkit's own rules.
    @Test(arguments: rows.filter { $0.expect == "bad" })
    func namesUpstreamsReason(_ row: Row) throws {
        let result = try CLI.run(["validate", row.path], cwd: Self.folder)
        let toolkitWords = [
            "no such file or directory", "missing one of", "unknown cipher", "unknown curve", "unknown TLS version",
            "can not be configured", "invalid value for", "not found in type", "Client Auth Policy", "hashedSecret too short",
            "cannot unmarshal", "HTTP/2-required",
        ]
        if let words = toolkitWords.first(where: { row.errorSubstring.localizedCaseInsensitiveContains($0) }) {
            #expect(result.stdout.localizedCaseInsensitiveContains(words), "\(row.path): expected «\(words)» in\n\(result.stdout)")
        }
    }
}
