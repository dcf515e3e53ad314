import Foundation
import Testing

/// `validate` over folders, globs and several kinds at once; environment and flags (the binary).
@Suite struct ValidateTreeTests {
    func tree() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("conf/otel.yaml", "exporters:\n  otlp:\n    endpoint: tempo\n")
        try folder.write("conf/tempo.yaml", "server:\n  http_listen_port: 3200\nmemberlist:\n  tls_ca_path: ca.pem\n")
        try folder.write("conf/web.yml", "tls_server_config:\n  min_version: TLS99\n  cert_file: s.crt\n  key_file: s.key\n")
        try folder.write("compose.yaml", "services:\n  web:\n    image: nginx\n")
        try folder.write("notes.txt", "not yaml: [\n")
        try folder.write(".hidden/otel.yaml", "exporters:\n  otlp:\n")
        return folder
    }

    @Test func walksFoldersSortedAndSkipsUnrelatedYAML() throws {
        let folder = try tree()
        let result = try CLI.run(["validate", "--skip-files", "."], cwd: folder.url)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(lines.first?.hasPrefix("conf/otel.yaml:3:15: error:") == true, "\(result.stdout)")
        #expect(result.stdout.contains("conf/tempo.yaml:4:3: warning:") && result.stdout.contains("[dskit-tls-disabled]"))
        #expect(result.stdout.contains("conf/web.yml:2:16: error:"))
        #expect(!result.stdout.contains("compose.yaml") && !result.stdout.contains(".hidden"))
        #expect(lines.last == "2 errors, 1 warning in 3 files", "\(result.stdout)")
        // Deterministic: the same run twice prints the same.
        #expect(try CLI.run(["validate", "--skip-files", "."], cwd: folder.url).stdout == result.stdout)
    }

    @Test func globsAndExplicitFiles() throws {
        let folder = try tree()
        let result = try CLI.run(["validate", "--skip-files", "conf/*.yaml", "compose.yaml"], cwd: folder.url)
        #expect(result.stdout.contains("conf/otel.yaml") && result.stdout.contains("conf/tempo.yaml"))
        #expect(!result.stdout.contains("conf/web.yml"))
        #expect(result.stdout.contains("compose.yaml:1:1: warning: not recognised"), "\(result.stdout)")
        let none = try CLI.run(["validate", "conf/*.json"], cwd: folder.url)
        #expect(none.status == 1 && none.stdout.contains("no file matches conf/*.json"))
    }

    @Test func quietAndFailOnWarning() throws {
        let folder = try tree()
        let quiet = try CLI.run(["validate", "--skip-files", "--quiet", "conf/tempo.yaml"], cwd: folder.url)
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains(" in 1 file"))
        let strict = try CLI.run(["validate", "--skip-files", "--fail-on", "warning", "conf/tempo.yaml"], cwd: folder.url)
        #expect(strict.status == 1)
    }

    @Test func kindOverride() throws {
        let folder = try TemporaryFolder()
        try folder.write("body.yaml", "endpoint: example.com\n")
        let forced = try CLI.run(["validate", "--kind", "otlp-exporter", "body.yaml"], cwd: folder.url)
        #expect(forced.stdout.contains("missing port in address"), "\(forced.stdout)")
        let bad = try CLI.run(["validate", "--kind", "nginx", "body.yaml"], cwd: folder.url)
        #expect(bad.status == 64)
    }

    @Test func environmentAndEnvFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("otel.env", "OTEL_EXPORTER_OTLP_ENDPOINT=http://tempo:4317\nnot a line\n")
        let file = try CLI.run(["validate", "--env-file", "otel.env"], cwd: folder.url)
        #expect(file.status == 1)
        #expect(file.stdout.contains("otel.env:1:1: warning: OTEL_EXPORTER_OTLP_ENDPOINT uses port 4317"), "\(file.stdout)")
        #expect(file.stdout.contains("otel.env:2:1: error: line 2 is not KEY=VALUE"))
        let process = try CLI.run(["validate", "--env"], environment: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://tempo:4318/v1/traces", "OTEL_EXPORTER_OTLP_TRACES_INSECURE": "true",
        ])
        #expect(process.stdout.contains("env: warning: OTEL_EXPORTER_OTLP_TRACES_INSECURE=true is ignored"), "\(process.stdout)")
    }

    @Test func parcaFlags() throws {
        let plain = try CLI.run(["validate", "--otlp-address", "tempo:4317"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("flags: info: traces go to tempo:4317 without TLS (--otlp-insecure defaults to true)"), "\(plain.stdout)")
        let scheme = try CLI.run(["validate", "--otlp-address", "https://tempo:443", "--otlp-insecure=false"])
        #expect(scheme.status == 1 && scheme.stdout.contains("[endpoint-invalid]"))
        let usage = try CLI.run(["validate", "--otlp-insecure=false"])
        #expect(usage.status == 64)
    }
}
