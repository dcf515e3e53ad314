import Foundation
import Testing

@testable import TLSCheckCore

/// prometheus/common's own test data (Tests/Conformance/prometheus-common, Apache-2.0): each
/// fragment wrapped into a prometheus.yml job as Prometheus would read it, and tlscheck's verdict held
/// against upstream's expectation and message (EXPECTED.tsv).
@Suite struct PrometheusConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/prometheus-common")

    struct Row: CustomTestStringConvertible, Sendable {
        let path: String
        let kind: String
        let expect: String
        let message: String
        var testDescription: String { "\(expect): \(path)" }
    }

    static let rows: [Row] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            return Row(path: fields[0], kind: fields[1], expect: fields[2], message: fields.count > 3 ? fields[3] : "")
        }
    }()

    /// The fragment as the body of a scrape job (`http-client`) or of its `tls_config` (`tls-config`).
    static func wrap(_ fragment: String, kind: String) -> String {
        let body = fragment.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : String(repeating: " ", count: kind == "tls-config" ? 6 : 4) + $0 }.joined(separator: "\n")
        let job = "scrape_configs:\n  - job_name: conformance\n    scheme: https\n    static_configs:\n      - targets: [localhost:9100]\n"
        return kind == "tls-config" ? job + "    tls_config:\n" + body + "\n" : job + body + "\n"
    }

    @Test func everyRowIsRead() {
        #expect(Self.rows.count >= 35)
    }

    @Test(arguments: rows)
    func verdictAndMessageAgree(_ row: Row) throws {
        let file = Self.folder.appendingPathComponent(row.path)
        let fragment = try String(contentsOf: file, encoding: .utf8)
        // Named inside testdata/, so relative paths (basic-auth-password, headers-file) resolve as upstream's tests do.
        let path = file.deletingLastPathComponent().appendingPathComponent("wrapped-\(file.lastPathComponent)").path
        let result = ConfigValidator(kind: .prometheus).validate(text: Self.wrap(fragment, kind: row.kind), path: path)
        let errors = result.report.findings.filter { $0.severity == .error }
        if row.expect == "good" {
            #expect(errors.isEmpty, "\(errors.map(\.message))")
        } else {
            #expect(errors.contains { $0.message.contains(row.message) }, "expected “\(row.message)”, got \(errors.map(\.message))")
        }
    }
}
