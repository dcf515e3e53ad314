import Foundation
import Testing

/// `tlscheck inspect` and `tlscheck expiry` as a user runs them, on files made by `openssl`.
@Suite struct InspectExpiryCommandTests {
    /// A self-signed certificate valid `days`, named `name`.crt / `name`.key.
    func certificate(_ folder: TemporaryFolder, _ name: String, days: Int) throws {
        try OpenSSLCLI.selfSigned(in: folder, name: name, days: days)
    }

    @Test func expiryExitCodes() throws {
        let folder = try TemporaryFolder()
        try certificate(folder, "long", days: 400)
        try certificate(folder, "short", days: 20)

        let calm = try CLI.run(["expiry", "long.crt", "--warn", "30d"], cwd: folder.url)
        #expect(calm.status == 0, "\(calm.output)")
        #expect(calm.stdout.contains("long.crt"))
        #expect(calm.stdout.contains("1 certificate: 1 ok"))

        let due = try CLI.run(["expiry", "."], cwd: folder.url)
        #expect(due.status == 1)
        let lines = due.stdout.split(separator: "\n")
        // Soonest first.
        #expect(lines[1].contains("short.crt") && lines[1].contains("warning"))
        #expect(lines[2].contains("long.crt") && lines[2].contains("ok"))

        #expect(try CLI.run(["expiry", "short.crt", "--warn", "480h", "--critical", "1d"], cwd: folder.url).status == 1)
        #expect(try CLI.run(["expiry", "short.crt", "--warn", "19d", "--critical", "1d"], cwd: folder.url).status == 0)

        let nagiosWarning = try CLI.run(["expiry", "--nagios", "short.crt"], cwd: folder.url)
        #expect(nagiosWarning.status == 1)
        #expect(nagiosWarning.stdout.hasPrefix("EXPIRY WARNING - "))
        let nagiosCritical = try CLI.run(["expiry", "--nagios", "--warn", "60d", "--critical", "30d", "."], cwd: folder.url)
        #expect(nagiosCritical.status == 2)
        #expect(nagiosCritical.stdout.hasPrefix("EXPIRY CRITICAL - "))
        let nagiosOK = try CLI.run(["expiry", "--nagios", "long.crt"], cwd: folder.url)
        #expect(nagiosOK.status == 0 && nagiosOK.stdout.hasPrefix("EXPIRY OK - "))
        let nagiosUnknown = try CLI.run(["expiry", "--nagios", "long.crt", "missing.crt"], cwd: folder.url)
        #expect(nagiosUnknown.status == 3)

        for bad in [["--warn", "30"], ["--warn", "7d", "--critical", "30d"], ["--format", "sarif"]] {
            let usage = try CLI.run(["expiry", "long.crt"] + bad, cwd: folder.url)
            #expect(usage.status == 64, "\(bad): \(usage.output)")
        }
    }

    @Test func expiryFormats() throws {
        let folder = try TemporaryFolder()
        try certificate(folder, "server", days: 20)
        try folder.write("broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n")

        let json = try CLI.run(["expiry", "--format", "json", "server.crt"], cwd: folder.url)
        #expect(json.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = try #require(document?["certificates"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect((rows[0]["daysLeft"] as? Int).map { (19...20).contains($0) } == true)
        #expect(rows[0]["subject"] as? String == "CN=localhost")
        #expect(rows[0]["notAfter"] as? String != nil)

        let metrics = try CLI.run(["expiry", "--format", "prometheus", "server.crt", "broken.pem"], cwd: folder.url)
        #expect(metrics.stdout.contains("# TYPE x509_cert_not_after gauge"))
        #expect(metrics.stdout.contains(#"x509_cert_not_after{path="server.crt",subject="CN=localhost""#))
        #expect(metrics.stdout.contains("x509_read_errors 1"))
        // The reason goes to standard error, never into the metrics file.
        #expect(metrics.stderr.contains("broken.pem"))
        #expect(!metrics.stdout.contains("pem-invalid"))
    }

    @Test func inspectShowsAndChecks() throws {
        let folder = try TemporaryFolder()
        try certificate(folder, "server", days: 400)
        let text = try CLI.run(["inspect", "server.crt"], cwd: folder.url)
        #expect(text.status == 0, "\(text.output)")
        for expected in ["subject           CN=localhost", "SANs              DNS:localhost, IP:127.0.0.1",
                         "key               EC P-256", "SHA-256", "private key (server.key): EC P-256, matches certificate 1"] {
            #expect(text.stdout.contains(expected), "missing \(expected)")
        }
        let json = try CLI.run(["inspect", "--format", "json", "server.crt"], cwd: folder.url)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = try #require(document?["files"] as? [[String: Any]])
        #expect(files.count == 1)

        try certificate(folder, "other", days: 400)
        let mismatch = try CLI.run(["inspect", "server.crt", "--key", "other.key"], cwd: folder.url)
        #expect(mismatch.status == 1)
        #expect(mismatch.stdout.contains("[key-mismatch]"))

        try folder.write("empty.pem", "")
        let bad = try CLI.run(["inspect", "empty.pem", "server.crt"], cwd: folder.url)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("empty.pem: error: empty.pem holds no certificate or key: the file is empty [material-unreadable]"))
        #expect(bad.stdout.contains("server.crt: PEM, 1 certificate"))
    }
}

@Suite struct ExpiryEndpointTests {
    /// `expiry 127.0.0.1:PORT` against `openssl s_server` on loopback: the served chain's dates.
    @Test func expiryReadsAnEndpoint() throws {
        let folder = try TemporaryFolder()
        try OpenSSLCLI.selfSigned(in: folder, name: "server", days: 20)
        // LoopbackServer (ProbeServers.swift) kills it at the end: s_server never sees SIGTERM here.
        let server = try LoopbackServer.sServer([
            "-cert", folder.url.appendingPathComponent("server.crt").path,
            "-key", folder.url.appendingPathComponent("server.key").path,
        ])
        defer { server.stop() }
        let port = server.port

        let result = try CLI.run(["expiry", "127.0.0.1:\(port)", "--warn", "30d"], cwd: folder.url, timeout: 30)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("127.0.0.1:\(port)") && result.stdout.contains("warning"))
        #expect(result.stdout.contains("CN=localhost"))

        let calm = try CLI.run(["expiry", "127.0.0.1:\(port)", "--warn", "10d", "--critical", "1d", "--format", "json"],
                               cwd: folder.url, timeout: 30)
        #expect(calm.status == 0, "\(calm.output)")
        #expect(calm.stdout.contains("\"path\" : \"127.0.0.1:\(port)\""))

        // Nothing listens: a finding, exit 1 (Nagios UNKNOWN), and the files are still read.
        let closed = LoopbackServer.freePort()
        let refused = try CLI.run(["expiry", "127.0.0.1:\(closed)", "server.crt", "--timeout", "3"], cwd: folder.url, timeout: 30)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("127.0.0.1:\(closed)"))
        #expect(refused.stdout.contains("server.crt"))
        let unknown = try CLI.run(["expiry", "--nagios", "127.0.0.1:\(closed)", "--timeout", "3"], cwd: folder.url, timeout: 30)
        #expect(unknown.status == 3)
    }
}
