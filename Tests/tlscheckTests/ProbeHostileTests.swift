import Foundation
import Testing
import TestSupport

/// Hostile servers and abusive arguments (issue 14): each probe ends within its timeout with the
/// right diagnosis; nothing crashes, hangs or prompts.
@Suite(.timeLimit(.minutes(2))) struct ProbeHostileTests {
    let pki = ProbePKI.shared
    let probe = ProbeTests()

    // MARK: servers

    @Test func dripFeedingServerIsAHandshakeTimeout() throws {
        let server = try LoopbackServer.fake("drip", hex: "160303007a0200007603035f")
        let line = try probe.expect(["127.0.0.1:\(server.port)", "--timeout", "2s"], code: "handshake-timeout")
        #expect(probe.message(line).contains("did not finish the TLS handshake within 2 s"))
    }

    @Test func resetAfterTheClientHello() throws {
        let server = try LoopbackServer.fake("reset-after-hello")
        let line = try probe.expect(["127.0.0.1:\(server.port)"], code: "connection-reset")
        #expect(probe.message(line).contains("during the TLS handshake"))
    }

    @Test func garbageAndAnAlert() throws {
        let garbage = try LoopbackServer.fake("reply", hex: "8f3a00c47e11d2aa0b5f9c33")
        #expect(probe.message(try probe.expect(["127.0.0.1:\(garbage.port)"], code: "non-tls-service")).contains("12 bytes starting 8f 3a"))
        let alert = try LoopbackServer.fake("reply", hex: "15030300020250")  // fatal internal_error
        #expect(probe.message(try probe.expect(["127.0.0.1:\(alert.port)"], code: "tls-alert")).contains("alert 80 (internal error)"))
    }

    @Test func oneByteHandshakeRecordsAreFine() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("chained.pem"), "-key", pki.path("chained.key"),
                                                 "-cert_chain", pki.path("inter.pem"), "-tls1_2"])
        let proxy = try LoopbackServer.fragmenting(server.port)
        let line = try probe.expect(["localhost:\(proxy.port)", "--ca-file", pki.path("ca.pem")], code: nil)
        #expect((line["chain"] as? [Any])?.count == 2)
    }

    @Test func longAndOversizedChains() throws {
        // 200 certificates (about 90 KB): a client takes them, and so does the probe.
        let folder = try TemporaryFolder()
        let intermediate = try String(contentsOfFile: pki.path("inter.pem"), encoding: .utf8)
        let chain = try folder.write("chain200.pem", String(repeating: intermediate, count: 200))
        let long = try LoopbackServer.sServer(["-cert", pki.path("chained.pem"), "-key", pki.path("chained.key"), "-cert_chain", chain])
        let line = try probe.expect(["localhost:\(long.port)", "--ca-file", pki.path("ca.pem"), "--timeout", "10s"], code: nil)
        #expect((line["chain"] as? [Any])?.count == 201)

        // A 1 MB certificate: over OpenSSL's limit for the Certificate message, named as such.

        try folder.write("big.cnf", "[req]\ndistinguished_name=dn\nx509_extensions=ext\n[dn]\n[ext]\n1.2.3.4=DER:" + String(repeating: "00", count: 1 << 20) + "\n")
        let made = try Shell.run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "big.key",
                                             "-out", "big.pem", "-subj", "/CN=localhost", "-days", "2", "-config", "big.cnf"], cwd: folder.url)
        try #require(made.status == 0, "\(made.stderr)")
        let big = try LoopbackServer.sServer(["-cert", folder.path + "/big.pem", "-key", folder.path + "/big.key"])
        #expect(probe.message(try probe.expect(["localhost:\(big.port)", "--timeout", "10s"], code: "tls-error")).contains("100 KB"))
    }

    @Test func aSTARTTLSPeerThatLies() throws {
        // 'S' and junk in one reply: diagnosed at once, not after the timeout.
        let stuffed = try LoopbackServer.fake("reply", hex: "53" + "junk after the S".hex)
        let line = try probe.expect(["127.0.0.1:\(stuffed.port)", "--starttls", "postgres", "--timeout", "30s"], code: "starttls-failed")
        #expect(probe.message(line).contains("'S' and then sent 'junk after the S'"))
        #expect(((line["timings"] as? [String: Any])?["total"] as? Double ?? 99) < 10)
        // 'S', then junk in reply to the ClientHello.
        let liar = try LoopbackServer.fake("lie", hex: "SSH-2.0-OpenSSH_9.2\r\n".hex)
        let lie = try probe.expect(["127.0.0.1:\(liar.port)", "--starttls", "postgres", "--timeout", "30s"], code: "non-tls-service")
        #expect(probe.message(lie).contains("SSH"))
    }

    // MARK: arguments

    /// `--timeout inf` or 1.8e10 s crashed probe, expiry HOST:PORT and validate --connect (SIGILL).
    @Test func absurdTimeoutsAreUsageErrors() throws {
        let port = LoopbackServer.freePort()
        for timeout in ["inf", "1.8e10", "2e10s", "nan", "-1"] {
            for arguments in [["probe", "127.0.0.1:\(port)"], ["expiry", "127.0.0.1:\(port)"], ["validate", "--otlp-address", "127.0.0.1:\(port)", "--connect"]] {
                let result = try CLI.run(arguments + ["--timeout", timeout])
                #expect(result.status == 64, "\(arguments) --timeout \(timeout): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("--timeout"), "\(result.stderr)")
            }
        }
        // The three take the same forms.
        for arguments in [["probe", "127.0.0.1:\(port)"], ["expiry", "127.0.0.1:\(port)"], ["validate", "--otlp-address", "127.0.0.1:\(port)", "--connect"]] {
            for timeout in ["2", "2s", "500ms"] {
                let result = try CLI.run(arguments + ["--timeout", timeout])
                #expect(result.status != 64 && result.status < 128, "\(arguments) --timeout \(timeout): \(result.stderr)")
            }
        }
    }

    /// An encrypted --key made OpenSSL prompt `Enter PEM pass phrase:` on the terminal and wait.
    @Test func encryptedKeyIsASetupErrorNotAPrompt() throws {
        let folder = try TemporaryFolder()
        let encrypted = try Shell.run("openssl", ["pkey", "-in", pki.path("client.key"), "-aes256", "-passout", "pass:secret", "-out", folder.path + "/enc.key"])
        try #require(encrypted.status == 0, "\(encrypted.stderr)")
        try FileManager.default.copyItem(atPath: pki.path("client.pem"), toPath: folder.path + "/client.pem")
        let piped = try CLI.run(["probe", "127.0.0.1:\(LoopbackServer.freePort())", "--cert", "client.pem", "--key", "enc.key"], cwd: folder.url, timeout: 20)
        #expect(piped.status == 64)
        #expect(piped.stderr.contains("enc.key is encrypted") && piped.stderr.contains("openssl pkey"), "\(piped.stderr)")
        // On a real terminal, where OpenSSL's default callback would read the passphrase.
        let screen = TerminalSessionTests.plain(try TerminalSessionTests().screen(
            running: "\(CLI.binary.path) probe 127.0.0.1:\(LoopbackServer.freePort()) --cert client.pem --key enc.key", in: folder))
        #expect(!screen.contains("pass phrase"), "\(screen)")
        #expect(screen.contains("enc.key is encrypted") && screen.contains("DONE:64"), "\(screen)")
    }

    /// --concurrency above the open-file limit: capped with a note, and every probe still says the
    /// truth (connection-refused), none `connect-failed` for want of a socket.
    @Test func concurrencyIsCappedAtTheDescriptorLimit() throws {
        let folder = try TemporaryFolder()
        let port = LoopbackServer.freePort()
        let list = try folder.write("targets.txt", String(repeating: "127.0.0.1:\(port)\n", count: 300))
        let result = try Shell.run("bash", ["-c", "ulimit -n 128 && exec \"$0\" probe --targets \"$1\" --concurrency 1000 --format json",
                                            CLI.binary.path, list], timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr.contains("note: --concurrency 1000 needs 1064 open files, but the limit is 128"), "\(result.stderr)")
        #expect(result.stderr.contains("probing 64 at a time"), "\(result.stderr)")
        let codes = result.stdout.split(separator: "\n").map { $0.contains("\"code\":\"connection-refused\"") }
        #expect(codes.count == 300 && codes.allSatisfy { $0 }, "\(result.stdout.prefix(2000))")
    }
}
