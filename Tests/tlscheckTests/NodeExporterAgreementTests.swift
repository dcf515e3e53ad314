import Foundation
import Testing

/// tlscheck's verdicts checked against the real Go code: Debian's prometheus-node-exporter (built
/// with exporter-toolkit 0.8 in bookworm) either serves TLS with a config or refuses to start.
@Suite(.serialized) struct NodeExporterAgreementTests {
    static let exporter = "/usr/bin/prometheus-node-exporter"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let accepted: Bool
        var testDescription: String { name }
    }

    static let tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
    static let cases: [Case] = [
        Case(name: "plain certificate and key", yaml: tls, accepted: true),
        Case(name: "mTLS with a CA", yaml: tls + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: server.crt\n", accepted: true),
        Case(name: "typo in a key", yaml: "tls_server_config:\n  cert_file: server.crt\n  key_flie: server.key\n", accepted: false),
        Case(name: "CA without policy", yaml: tls + "  client_ca_file: server.crt\n", accepted: false),
        Case(name: "bad version name", yaml: tls + "  min_version: TLS1.2\n", accepted: false),
        Case(name: "missing key file", yaml: "tls_server_config:\n  cert_file: server.crt\n  key_file: nothere.key\n", accepted: false),
        Case(name: "key and certificate swapped", yaml: "tls_server_config:\n  cert_file: server.key\n  key_file: server.crt\n", accepted: false),
        Case(name: "HTTP/2 cipher rule", yaml: tls + "  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]\n", accepted: false),
        Case(name: "HTTP/2 off allows any cipher", yaml: tls + "  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]\nhttp_server_config:\n  http2: false\n", accepted: true),
        Case(name: "plaintext password", yaml: tls + "basic_auth_users:\n  alice: hunter2\n", accepted: false),
        Case(name: "inline cert unknown to 0.8", yaml: "tls_server_config:\n  cert: abc\n  key_file: server.key\n", accepted: false),
        Case(name: "invalid client auth", yaml: tls + "  client_auth_type: RequireAndVerify\n", accepted: false),
    ]

    @Test(arguments: cases)
    func exporterAgrees(_ c: Case) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.exporter),
                     "install Debian's prometheus-node-exporter (apt-get install prometheus-node-exporter)")
        let folder = try TemporaryFolder()
        try OpenSSLCLI.selfSigned(in: folder)
        let config = try folder.write("web-config.yml", c.yaml)

        let verdict = try CLI.run(["validate", "--toolkit-version", "0.8", config])
        #expect((verdict.status == 0) == c.accepted, "tlscheck: \(verdict.output)")

        let port = Ports.free()
        let server = try Server(Self.exporter, [
            "--collector.disable-defaults", "--web.listen-address=127.0.0.1:\(port)", "--web.config.file=\(config)",
        ], logIn: folder)
        if c.accepted {
            #expect(Server.waitForPort(port), "exporter did not listen: \(server.output)")
            let curl = try Shell.run("curl", ["-sS", "--max-time", "5", "--cacert", folder.url.appendingPathComponent("server.crt").path,
                                             "--cert", folder.url.appendingPathComponent("server.crt").path,
                                             "--key", folder.url.appendingPathComponent("server.key").path,
                                             "https://localhost:\(port)/metrics"])
            #expect(curl.stdout.contains("go_goroutines"), "TLS scrape failed: \(curl.output)\n\(server.output)")
        } else {
            // The exporter starts listening, then fails on the config; either way it must exit with an error.
            #expect(server.exits(within: 5), "exporter kept running with a config tlscheck rejects: \(server.output)")
            #expect(server.process.terminationStatus != 0)
        }
    }
}
