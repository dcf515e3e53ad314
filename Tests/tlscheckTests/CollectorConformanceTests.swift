import Foundation
import Testing

/// The Collector's own test data (Tests/Conformance/otel-collector): tlscheck agrees with
/// EXPECTED.tsv on every row.
///
/// The upstream `good` YAML files name certificate files that do not exist (`/var/lib/mycert.pem`,
/// `test.crt`): the Collector's own tests never start the components. They are checked with
/// `--skip-files` (schema and rules, like `otelcol validate`) and must pass; without it tlscheck
/// reports the missing files as `file-not-found`, which is what the Collector would hit at start-up.
/// The `pem/` and `grpc-pem/` rows are certificate files: each goes into a Collector config (a CA
/// as an exporter's `ca_file`, a certificate with its key as a receiver's `cert_file`/`key_file`),
/// so they are loaded by the same MaterialChecker path as any config's files.
@Suite struct CollectorConformanceTests {
    typealias Row = Conformance.Row


    static let folder = Conformance.root.appendingPathComponent("otel-collector")

    static var rows: [Row] { Conformance.rows(in: folder) }

    @Test func corpusIsPresent() {
        #expect(Self.rows.count >= 30, "conformance corpus missing at \(Self.folder.path)")
    }

    struct Outcome {
        let status: Int32
        let errors: [[String: Any]]
        let text: String
    }

    func run(_ arguments: [String], cwd: URL = folder) throws -> Outcome {
        let result = try CLI.run(["validate", "--format", "json"] + arguments, cwd: cwd)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        return Outcome(status: result.status, errors: findings.filter { $0["severity"] as? String == "error" }, text: result.output)
    }

    /// A Collector config in a temporary folder that loads one certificate file of the corpus.
    func configFor(_ path: String, in folder: TemporaryFolder) throws -> String {
        let file = Self.folder.appendingPathComponent(path).path
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix("ca") || name.hasPrefix("testCA") {
            return try folder.write("ca.yaml", """
                exporters:
                  otlp:
                    endpoint: backend:4317
                    tls:
                      ca_file: \(file)
                """)
        }
        let base = (file as NSString).deletingPathExtension
        return try folder.write("pair.yaml", """
            receivers:
              otlp:
                protocols:
                  grpc:
                    tls:
                      cert_file: \(base).crt
                      key_file: \(base).key
            """)
    }

    @Test(arguments: rows)
    func agreesWithUpstream(_ row: Row) throws {
        let isMaterial = row.path.hasPrefix("pem/") || row.path.hasPrefix("grpc-pem/")
        let folder = try TemporaryFolder()
        let outcome: Outcome
        if isMaterial {
            outcome = try run([try configFor(row.path, in: folder)])
        } else if row.expect == "good" {
            outcome = try run(["--skip-files", row.path])
        } else {
            outcome = try run([row.path])
        }
        switch row.expect {
        case "bad":
            #expect(outcome.status == 1, "\(row.path) must fail\n\(outcome.text)")
            let messages = outcome.errors.compactMap { $0["message"] as? String }
            #expect(messages.contains { $0.localizedCaseInsensitiveContains(row.errorSubstring) },
                    "\(row.path): expected an error containing «\(row.errorSubstring)», got \(messages)")
            for error in outcome.errors {
                #expect(error["line"] is Int, "every error points at a line: \(error)")
            }
        default:
            #expect(outcome.status == 0, "\(row.path) must pass\n\(outcome.text)")
            #expect(outcome.errors.isEmpty, "\(row.path): \(outcome.errors)")
        }
    }

    /// Without --skip-files, the good upstream files' missing certificates are start-up failures.
    @Test func goodFilesNameMissingFiles() throws {
        let outcome = try run(["upstream/otlpexporter-config.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.errors.map { $0["code"] as? String } == ["file-not-found"], "\(outcome.errors)")
        #expect((outcome.errors.first?["message"] as? String)?.contains("failed to load CA CertPool File") == true)
    }
}
