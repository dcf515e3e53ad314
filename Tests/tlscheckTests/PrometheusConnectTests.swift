import Foundation
import Testing

/// `validate --connect` on prometheus.yml: each static target dialled with exactly its job's TLS
/// settings, against node_exporter serving the generated mTLS web-config and an openssl s_server whose
/// certificate names only localhost. Hints name the job's settings, never a probe flag.
@Suite(.serialized) struct PrometheusConnectTests {
    func job(_ name: String, _ port: Int, _ lines: String, host: String = "localhost") -> String {
        "  - job_name: \(name)\n\(lines)    static_configs:\n      - targets: ['\(host):\(port)']\n"
    }

    @Test func scrapeJobsAgainstRealServers() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-node-exporter"),
                     "install Debian's prometheus-node-exporter")
        let folder = try TemporaryFolder()
        let generated = try CLI.run(["gen-self-signed", "--mtls", "--host", "localhost", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.output)")
        let exporter = try LoopbackServer.start("/usr/bin/prometheus-node-exporter") {
            ["--collector.disable-defaults", "--web.listen-address=127.0.0.1:\($0)", "--web.config.file=\(folder.path)/web-config.yaml"]
        }
        try OpenSSLCLI.selfSigned(in: folder, name: "other")
        let sServer = try LoopbackServer.start("openssl", cwd: folder.path) {
            ["s_server", "-accept", "127.0.0.1:\($0)", "-www", "-quiet", "-cert", "other.crt", "-key", "other.key"]
        }
        let mtls = "    scheme: https\n    tls_config:\n      ca_file: ca.crt\n      cert_file: client.crt\n      key_file: client.key\n"

        func connect(_ jobs: String) throws -> CLI.Result {
            let config = try folder.write("prometheus-\(UUID().uuidString).yml", "scrape_configs:\n" + jobs)
            return try CLI.run(["validate", "--connect", "--timeout", "5", config])
        }

        let clean = try connect(job("node", exporter.port, mtls))
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.stdout.contains("job \"node\" (localhost:\(exporter.port)): connected with the configured settings"), "\(clean.stdout)")

        let noClient = try connect(job("node", exporter.port, "    scheme: https\n    tls_config:\n      ca_file: ca.crt\n"))
        #expect(noClient.status == 1)
        #expect(noClient.stdout.contains("[client-cert-required]"), "\(noClient.stdout)")
        #expect(noClient.stdout.contains("tls_config.cert_file") && !noClient.stdout.contains("--cert"), "\(noClient.stdout)")

        let wrongCA = try connect(job("node", exporter.port, mtls.replacing("ca_file: ca.crt", with: "ca_file: other.crt")))
        #expect(wrongCA.status == 1)
        #expect((wrongCA.stdout.contains("[unknown-authority]") || wrongCA.stdout.contains("[server-chain-incomplete]"))
                && wrongCA.stdout.contains("tls_config.ca_file"), "\(wrongCA.stdout)")
        #expect(!wrongCA.stdout.contains("--ca-file"), "\(wrongCA.stdout)")

        let plaintext = try connect(job("node", exporter.port, ""))
        #expect(plaintext.status == 1)
        #expect(plaintext.stdout.contains("[plaintext-to-tls]") && plaintext.stdout.contains("set scheme: https"), "\(plaintext.stdout)")

        // The s_server certificate names localhost only: by IP, without server_name, the name does not match.
        let byIP = try connect(job("ip", sServer.port, "    scheme: https\n    tls_config:\n      ca_file: other.crt\n", host: "127.0.0.2"))
        #expect(byIP.status == 1)
        #expect(byIP.stdout.contains("[ip-target-without-server-name]"), "\(byIP.stdout)")
        let named = try connect(job("ip", sServer.port, "    scheme: https\n    tls_config:\n      ca_file: other.crt\n      server_name: localhost\n", host: "127.0.0.1"))
        #expect(named.status == 0, "\(named.output)")
    }
}
