import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// gen-self-signed, gen-ca and gen-cert as a user runs them, and their certificates in real servers.
@Suite struct GenerateTests {
    @Test func mtlsBundleServesNodeExporter() throws {
        let exporter = "/usr/bin/prometheus-node-exporter"
        guard FileManager.default.isExecutableFile(atPath: exporter) else {
            Issue.record("\(exporter) is missing (Debian: apt-get install prometheus-node-exporter)")
            return
        }
        try requirePrograms("curl")
        let folder = try TemporaryFolder()
        let made = try CLI.run(["gen-self-signed", "--mtls", "--host", "localhost", "--host", "127.0.0.1", "--out", "tls"], cwd: folder.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("wrote tls/web-config.yaml"))
        // The web-config it wrote passes validate with no finding at all.
        let validated = try CLI.run(["validate", "--fail-on", "info", "tls/web-config.yaml"], cwd: folder.url)
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(validated.stdout == "0 errors, 0 warnings in 1 file\n")
        // A client from another CA must be refused too.
        #expect(try CLI.run(["gen-self-signed", "--mtls", "--out", "stranger"], cwd: folder.url).status == 0)

        let port = Ports.free()
        let server = try Server(exporter, [
            "--web.config.file=\(folder.path)/tls/web-config.yaml", "--web.listen-address=127.0.0.1:\(port)",
            "--collector.disable-defaults", "--collector.loadavg",
        ], logIn: folder)
        try #require(Server.waitForPort(port), "node exporter did not listen: \(server.output)")
        defer { withExtendedLifetime(server) {} }

        let url = "https://localhost:\(port)/metrics"
        let withCertificate = try Shell.run("curl", [
            "-sS", "--fail", "--max-time", "10", "--cacert", "tls/ca.crt", "--cert", "tls/client.crt", "--key", "tls/client.key", url,
        ], cwd: folder.url)
        #expect(withCertificate.status == 0, "\(withCertificate.stderr)")
        #expect(withCertificate.stdout.contains("node_exporter_build_info"))

        let without = try Shell.run("curl", ["-sS", "--max-time", "10", "--cacert", "tls/ca.crt", url], cwd: folder.url)
        #expect(without.status != 0)
        #expect(!without.stdout.contains("node_exporter_build_info"))

        let stranger = try Shell.run("curl", [
            "-sS", "--max-time", "10", "--cacert", "tls/ca.crt", "--cert", "stranger/client.crt", "--key", "stranger/client.key", url,
        ], cwd: folder.url)
        #expect(stranger.status != 0)
        #expect(server.output.contains("TLS handshake error"))
    }

    @Test func caAndCertificateServeOpenSSLVerifiedByCurl() throws {
        try requirePrograms("openssl", "curl")
        let folder = try TemporaryFolder()
        #expect(try CLI.run(["gen-ca", "--out", "pki", "--common-name", "Test Fleet CA"], cwd: folder.url).status == 0)
        let cert = try CLI.run(["gen-cert", "--ca", "pki/ca.crt", "--ca-key", "pki/ca.key", "--host", "localhost",
                                "--host", "127.0.0.1", "--out", "node"], cwd: folder.url)
        #expect(cert.status == 0, "\(cert.stderr)")
        let verified = try Shell.run("openssl", ["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "pki/ca.crt", "node/server.crt"], cwd: folder.url)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        let port = Ports.free()
        let server = try Server("openssl", [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "node/server.crt", "-key", "node/server.key", "-www",
        ], cwd: folder.url, logIn: folder)
        try #require(Server.waitForPort(port), "openssl s_server did not listen: \(server.output)")
        defer { withExtendedLifetime(server) {} }

        let trusted = try Shell.run("curl", ["-sS", "--fail", "--max-time", "10", "--cacert", "pki/ca.crt", "https://localhost:\(port)/"], cwd: folder.url)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        let byIP = try Shell.run("curl", ["-sS", "--fail", "--max-time", "10", "--cacert", "pki/ca.crt", "https://127.0.0.1:\(port)/"], cwd: folder.url)
        #expect(byIP.status == 0, "\(byIP.stderr)")
        let untrusted = try Shell.run("curl", ["-sS", "--max-time", "10", "https://localhost:\(port)/"], cwd: folder.url)
        #expect(untrusted.status == 60)
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let badIP = try CLI.run(["gen-self-signed", "--host", "300.1.2.3", "--out", "out"], cwd: folder.url)
        #expect(badIP.status == 64)
        #expect(badIP.stderr == "tlscheck: error: '300.1.2.3' is not a valid IPv4 address\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))

        let keyType = try CLI.run(["gen-self-signed", "--key-type", "dsa", "--out", "out"], cwd: folder.url)
        #expect(keyType.status == 64)
        #expect(keyType.stderr.contains("--key-type"))

        let noHost = try CLI.run(["gen-cert", "--ca", "x", "--ca-key", "y"], cwd: folder.url)
        #expect(noHost.status == 64)
        #expect(noHost.stderr.contains("--host"))

        #expect(try CLI.run(["gen-self-signed", "--out", "out"], cwd: folder.url).status == 0)
        let again = try CLI.run(["gen-self-signed", "--out", "out"], cwd: folder.url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("tlscheck: error: refusing to overwrite"))
        #expect(again.stderr.split(separator: "\n").count == 1)
        #expect(try CLI.run(["gen-self-signed", "--out", "out", "--force"], cwd: folder.url).status == 0)

        // A CA key that does not belong to the CA certificate.
        #expect(try CLI.run(["gen-ca", "--out", "a"], cwd: folder.url).status == 0)
        #expect(try CLI.run(["gen-ca", "--out", "b"], cwd: folder.url).status == 0)
        let mismatch = try CLI.run(["gen-cert", "--ca", "a/ca.crt", "--ca-key", "b/ca.key", "--host", "x", "--out", "leaf"], cwd: folder.url)
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.contains("does not belong"))
        // The server certificate is not a CA.
        let notCA = try CLI.run(["gen-cert", "--ca", "out/server.crt", "--ca-key", "out/server.key", "--host", "x", "--out", "leaf"], cwd: folder.url)
        #expect(notCA.status == 1)
        #expect(notCA.stderr.contains("not a CA"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/leaf"))

        let missing = try CLI.run(["gen-cert", "--ca", "nope.crt", "--ca-key", "nope.key", "--host", "x"], cwd: folder.url)
        // A file an option names that cannot be read is a setup error, as for every command.
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("nope.crt"))
    }

    @Test func jsonStdoutPassphrasesAndHelp() throws {
        let folder = try TemporaryFolder()
        try folder.write("pass", "s3cret\n")
        let json = try CLI.run(["gen-ca", "--out", "pki", "--key-passphrase-file", "pass", "--json"], cwd: folder.url)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]] ?? []
        #expect(files.map { ($0["path"] as? String) ?? "" } == [folder.path + "/pki/ca.crt", folder.path + "/pki/ca.key"])
        #expect(files[1]["encrypted"] as? Bool == true)

        let leaf = try CLI.run(["gen-cert", "--ca", "pki/ca.crt", "--ca-key", "pki/ca.key", "--ca-key-passphrase-file", "pass",
                                "--client", "--host", "prometheus", "--out", "prom", "--p12", "--p12-passphrase-file", "pass"], cwd: folder.url)
        #expect(leaf.status == 0, "\(leaf.stderr)")
        #expect(leaf.stdout.contains("prom/client.crt") && leaf.stdout.contains("prom/client.p12"))
        let p12 = try Shell.run("openssl", ["pkcs12", "-in", "prom/client.p12", "-passin", "pass:s3cret", "-noout"], cwd: folder.url)
        #expect(p12.status == 0, "\(p12.stderr)")

        let printed = try CLI.run(["gen-self-signed", "--host", "test.local", "--stdout"], cwd: folder.url)
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("# server.crt\n-----BEGIN CERTIFICATE-----"))
        #expect(printed.stdout.contains("-----BEGIN PRIVATE KEY-----"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/server.crt"))

        for command in ["gen-self-signed", "gen-ca", "gen-cert"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command)")
            #expect(help.stdout.contains("tlscheck \(command) "), "\(command)")
        }
    }
}

func requirePrograms(_ names: String...) throws {
    for name in names where !Shell.exists(name) {
        throw Shell.MissingProgram(name: "\(name) (Debian: apt-get install \(name))")
    }
}
