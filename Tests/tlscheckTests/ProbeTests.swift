import Foundation
import Testing

/// `tlscheck probe` against real servers on loopback: every diagnosis code with its exit code.
/// Each test starts its servers and stops them (deinit) however it ends; each CLI run has a deadline.
@Suite(.timeLimit(.minutes(2))) struct ProbeTests {
    let pki = ProbePKI.shared

    /// Runs `tlscheck probe` with JSON output and returns the exit status and the parsed lines.
    func probeJSON(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, lines: [[String: Any]], stderr: String) {
        let result = try CLI.run(["probe", "--format", "json"] + arguments, stdin: stdin, timeout: 60)
        let lines = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (result.status, lines, result.stderr)
    }

    /// Probes one target and checks the diagnosis code (nil: success) and the exit status.
    @discardableResult
    func expect(_ arguments: [String], code: String?, status: Int32? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let (exit, lines, stderr) = try probeJSON(arguments)
        let line = try #require(lines.first, "no output; stderr: \(stderr)", sourceLocation: sourceLocation)
        let diagnosis = (line["diagnosis"] as? [String: Any])?["code"] as? String
        #expect(diagnosis == code, "findings: \(line["findings"] ?? "")", sourceLocation: sourceLocation)
        #expect(exit == status ?? (code == nil ? 0 : 1), sourceLocation: sourceLocation)
        return line
    }

    func codes(_ line: [String: Any]) -> [String] {
        ((line["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    func message(_ line: [String: Any]) -> String {
        ((line["diagnosis"] as? [String: Any])?["message"] as? String) ?? ""
    }

    // MARK: openssl s_server

    @Test func goodPrivateCAVerifies() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key")])
        let line = try expect(["127.0.0.1:\(server.port)", "--ca-file", pki.path("ca.pem")], code: nil)
        let tls = try #require(line["tls"] as? [String: Any])
        #expect(tls["version"] as? String == "TLS 1.3")
        let chain = try #require(line["chain"] as? [[String: Any]])
        #expect(chain.first?["subjectAlternativeNames"] as? [String] == ["DNS:localhost", "IP:127.0.0.1"])
        #expect((line["verification"] as? [String: Any])?["result"] as? String == "X509_V_OK")

        let text = try CLI.run(["probe", "localhost:\(server.port)", "--ca-file", pki.path("ca.pem")])
        #expect(text.status == 0)
        #expect(text.stdout.contains("TLS 1.3"))
        #expect(text.stdout.contains("CN=tlscheck Test Root"))
        #expect(text.stdout.contains("days left"))
        #expect(text.stdout.contains("1 probe ok"))
    }

    @Test func hashedCAFolderAsCADirAndAsTheSystemStore() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key")])
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: pki.path("ca.pem"), toPath: folder.path + "/ca.pem")
        let rehash = try Shell.run("openssl", ["rehash", folder.path])
        try #require(rehash.status == 0, "openssl rehash: \(rehash.stderr)")
        try expect(["localhost:\(server.port)", "--ca-dir", folder.path], code: nil)
        // The system store is read as OpenSSL's hashed folder (lazily); point it at ours.
        let result = try CLI.run(["probe", "localhost:\(server.port)"], environment: [
            "SSL_CERT_DIR": folder.path, "SSL_CERT_FILE": "/usr/lib/ssl/cert.pem",
        ])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func privateCAWithoutCAFileIsUnknownAuthority() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key")])
        let line = try expect(["localhost:\(server.port)"], code: "unknown-authority")
        #expect(message(line).contains("tlscheck Test Root"))
        #expect(((line["diagnosis"] as? [String: Any])?["hint"] as? String)?.contains("--ca-file") == true)
    }

    @Test func selfSignedIsToldApartFromUnknownAuthority() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("self.pem"), "-key", pki.path("self.key")])
        try expect(["localhost:\(server.port)"], code: "server-cert-self-signed")
        try expect(["localhost:\(server.port)", "--ca-file", pki.path("self.pem")], code: nil)
    }

    @Test func insecureSaysSoAndDoesNotFail() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("self.pem"), "-key", pki.path("self.key")])
        let (status, lines, stderr) = try probeJSON(["localhost:\(server.port)", "--insecure"])
        #expect(status == 0)
        #expect(stderr.contains("--insecure"))
        let line = try #require(lines.first)
        #expect(codes(line).contains("verification-skipped"))
        #expect(codes(line).contains("server-cert-self-signed"))
        #expect(line["success"] as? Bool == true)
        let text = try CLI.run(["probe", "localhost:\(server.port)", "--insecure"])
        #expect(text.stdout.contains("NOT ENFORCED"))
    }

    @Test func expiredAndNotYetValid() throws {
        let expired = try LoopbackServer.sServer(["-cert", pki.path("expired.pem"), "-key", pki.path("expired.key")])
        let line = try expect(["localhost:\(expired.port)", "--ca-file", pki.path("ca.pem")], code: "server-cert-expired")
        #expect(message(line).contains("2020-02-01"))
        let future = try LoopbackServer.sServer(["-cert", pki.path("future.pem"), "-key", pki.path("future.key")])
        try expect(["localhost:\(future.port)", "--ca-file", pki.path("ca.pem")], code: "server-cert-not-yet-valid")
    }

    @Test func wrongHostnameNamesTheSANs() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("wrong.pem"), "-key", pki.path("wrong.key")])
        let line = try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem")], code: "hostname-mismatch")
        #expect(message(line).contains("DNS:wrong.example"))
        try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem"), "--servername", "wrong.example"], code: nil)
    }

    @Test func missingIntermediateIsAnIncompleteChain() throws {
        let leafOnly = try LoopbackServer.sServer(["-cert", pki.path("chained.pem"), "-key", pki.path("chained.key")])
        let line = try expect(["localhost:\(leafOnly.port)", "--ca-file", pki.path("ca.pem")], code: "server-chain-incomplete")
        #expect(message(line).contains("tlscheck Test Intermediate"))
        let full = try LoopbackServer.sServer(["-cert", pki.path("chained.pem"), "-key", pki.path("chained.key"), "-cert_chain", pki.path("inter.pem")])
        let ok = try expect(["localhost:\(full.port)", "--ca-file", pki.path("ca.pem")], code: nil)
        #expect((ok["chain"] as? [Any])?.count == 2)
    }

    @Test func versionsOneByOneAndNoSharedVersion() throws {
        let tls12 = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-tls1_2"])
        let line = try expect(["localhost:\(tls12.port)", "--ca-file", pki.path("ca.pem"), "--versions"], code: nil)
        #expect((line["tls"] as? [String: Any])?["version"] as? String == "TLS 1.2")
        let versions = try #require(line["versions"] as? [[String: Any]])
        let accepted = versions.filter { $0["accepted"] as? Bool == true }.compactMap { $0["version"] as? String }
        #expect(accepted == ["TLS 1.2"])
        try expect(["localhost:\(tls12.port)", "--ca-file", pki.path("ca.pem"), "--min-version", "1.3"], code: "protocol-version-mismatch")

        let tls13 = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-tls1_3"])
        let refused = try expect(["localhost:\(tls13.port)", "--ca-file", pki.path("ca.pem"), "--max-version", "1.2"], code: "protocol-version-mismatch")
        #expect(message(refused).contains("alert 70"))
    }

    @Test func legacyVersionIsAWarning() throws {
        let server = try LoopbackServer.sServer([
            "-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-cipher", "DEFAULT:@SECLEVEL=0", "-tls1",
        ])
        let line = try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem"), "--versions", "--min-version", "1.0"], code: nil)
        #expect(codes(line) == ["server-accepts-legacy-tls"])
        try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem"), "--versions", "--min-version", "1.0", "--fail-on", "warning"],
                   code: nil, status: 1)
    }

    @Test func noSharedCipher() throws {
        let server = try LoopbackServer.sServer([
            "-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-tls1_2", "-cipher", "NULL-SHA256:@SECLEVEL=0",
        ])
        try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem")], code: "no-shared-cipher")
    }

    @Test func alpnH2() throws {
        let h2 = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-alpn", "h2"])
        let line = try expect(["localhost:\(h2.port)", "--ca-file", pki.path("ca.pem"), "--alpn", "h2"], code: nil)
        #expect((line["tls"] as? [String: Any])?["alpn"] as? String == "h2")
        let none = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key")])
        let refused = try expect(["localhost:\(none.port)", "--ca-file", pki.path("ca.pem"), "--alpn", "h2,http/1.1"], code: "alpn-not-negotiated")
        #expect(message(refused).contains("gRPC"))
        let http1 = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-alpn", "http/1.1"])
        try expect(["localhost:\(http1.port)", "--ca-file", pki.path("ca.pem"), "--alpn", "h2"], code: "alpn-not-negotiated")
    }

    @Test func clientCertificateRequiredUnderTLS13AndTLS12() throws {
        for version in ["-tls1_3", "-tls1_2"] {
            let server = try LoopbackServer.sServer([
                "-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-Verify", "1", "-verify_return_error", "-CAfile", pki.path("ca.pem"), version,
            ])
            let line = try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem")], code: "client-cert-required")
            #expect(message(line).contains(version == "-tls1_3" ? "116" : "40"))
            #expect((line["clientCertificate"] as? [String: Any])?["acceptableCAs"] as? [String] == ["CN=tlscheck Test Root"] || version == "-tls1_2")
            try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem"), "--cert", pki.path("client.pem"), "--key", pki.path("client.key")], code: nil)
            try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem"), "--cert", pki.path("client-other.pem"), "--key", pki.path("client-other.key")],
                       code: "client-cert-rejected")
        }
    }

    @Test func optionalClientCertificateIsANote() throws {
        let server = try LoopbackServer.sServer([
            "-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-verify", "1", "-CAfile", pki.path("ca.pem"),
        ])
        let line = try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem")], code: nil)
        #expect(codes(line) == ["client-cert-optional"])
    }

    @Test func otherAlertsByName() throws {
        let server = try LoopbackServer.sServer([
            "-cert", pki.path("server.pem"), "-key", pki.path("server.key"), "-servername", "only.example", "-servername_fatal",
            "-cert2", pki.path("server.pem"), "-key2", pki.path("server.key"),
        ])
        let line = try expect(["localhost:\(server.port)", "--ca-file", pki.path("ca.pem")], code: "tls-alert")
        #expect(message(line).contains("unrecognized name"))
    }

    // MARK: nginx

    @Test func nginxTLSClientCertificateAndPlaintextPorts() throws {
        let folder = try TemporaryFolder()
        let ports = (0..<4).map { _ in LoopbackServer.freePort() }
        try folder.write("nginx.conf", """
            daemon off;
            master_process on;
            worker_processes 1;
            pid \(folder.path)/nginx.pid;
            error_log \(folder.path)/error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path \(folder.path)/tmp;
              ssl_certificate \(pki.path("chained-full.pem"));
              ssl_certificate_key \(pki.path("chained.key"));
              server { listen 127.0.0.1:\(ports[0]) ssl; return 200 "ok\\n"; }
              server { listen 127.0.0.1:\(ports[1]) ssl;
                       ssl_verify_client on; ssl_client_certificate \(pki.path("ca.pem")); return 200 "ok\\n"; }
              server { listen 127.0.0.1:\(ports[2]); return 200 "plain\\n"; }
              server { listen 127.0.0.1:\(ports[3]) ssl; ssl_protocols TLSv1.2;
                       ssl_verify_client on; ssl_client_certificate \(pki.path("ca.pem")); return 200 "ok\\n"; }
            }
            """)
        let nginx = try LoopbackServer.start("/usr/sbin/nginx", graceful: true, ready: { _ in ports.allSatisfy(LoopbackServer.accepts) }) { _ in
            ["-p", folder.path, "-c", folder.path + "/nginx.conf", "-e", folder.path + "/error.log"]
        }
        defer { nginx.stop() }
        let good = try expect(["localhost:\(ports[0])", "--ca-file", pki.path("ca.pem")], code: nil)
        #expect((good["chain"] as? [Any])?.count == 2)
        for port in [ports[1], ports[3]] {
            let line = try expect(["localhost:\(port)", "--ca-file", pki.path("ca.pem")], code: "client-cert-required")
            #expect(message(line).contains("No required SSL certificate was sent"))
            try expect(["localhost:\(port)", "--ca-file", pki.path("ca.pem"), "--cert", pki.path("client.pem"), "--key", pki.path("client.key")], code: nil)
            try expect(["localhost:\(port)", "--ca-file", pki.path("ca.pem"), "--cert", pki.path("client-other.pem"), "--key", pki.path("client-other.key")],
                       code: "client-cert-rejected")
        }
        let plain = try expect(["localhost:\(ports[2])"], code: "plaintext-http")
        #expect(message(plain).contains("HTTP/1.1 400"))
    }

    // MARK: prometheus-node-exporter (exporter-toolkit)

    @Test func nodeExporterRequiringClientCertificates() throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("web-config.yml", """
            tls_server_config:
              cert_file: \(pki.path("server.pem"))
              key_file: \(pki.path("server.key"))
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: \(pki.path("ca.pem"))
            """)
        let exporter = try LoopbackServer.start("/usr/bin/prometheus-node-exporter") {
            ["--web.listen-address=127.0.0.1:\($0)", "--web.config.file=\(config)", "--collector.disable-defaults"]
        }
        let target = "localhost:\(exporter.port)"
        let ca = ["--ca-file", pki.path("ca.pem")]
        try expect([target] + ca, code: "client-cert-required")
        try expect([target] + ca + ["--max-version", "1.2"], code: "client-cert-required")
        try expect([target] + ca + ["--cert", pki.path("client.pem"), "--key", pki.path("client.key")], code: nil)
        try expect([target] + ca + ["--cert", pki.path("client-other.pem"), "--key", pki.path("client-other.key")], code: "client-cert-rejected")
        try expect([target] + ca + ["--cert", pki.path("client-serveronly.pem"), "--key", pki.path("client-serveronly.key")], code: "client-cert-rejected")
    }

    // MARK: plaintext, silence, refusal, resets, other protocols

    @Test func plaintextHTTPServer() throws {
        let server = try LoopbackServer.start("python3") { ["-m", "http.server", "--bind", "127.0.0.1", String($0)] }
        let line = try expect(["127.0.0.1:\(server.port)"], code: "plaintext-http")
        #expect(((line["diagnosis"] as? [String: Any])?["hint"] as? String)?.contains("tls_server_config") == true)
    }

    @Test func portThatNeverAnswersIsAHandshakeTimeout() throws {
        let server = try LoopbackServer.fake("silent")
        let line = try expect(["127.0.0.1:\(server.port)", "--timeout", "800ms"], code: "handshake-timeout")
        #expect(message(line).contains("sent nothing"))
    }

    @Test func closedPortIsRefused() throws {
        try expect(["127.0.0.1:\(LoopbackServer.freePort())"], code: "connection-refused")
    }

    @Test func fullAcceptQueueIsAConnectTimeout() throws {
        let server = try LoopbackServer.fake("full")
        // The listener has backlog 0 and never accepts: after two connections the kernel drops SYNs.
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<3 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(server.port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(fd)
        }
        usleep(100_000)
        try expect(["127.0.0.1:\(server.port)", "--timeout", "1s"], code: "connect-timeout")
    }

    @Test func unroutableAddressFailsToConnect() throws {
        // A link-local address without an interface: the kernel refuses at once, no packet leaves.
        try expect(["[fe80::1]:443", "--timeout", "1s"], code: "connect-failed")
    }

    @Test func resetAndCloseDuringTheHandshake() throws {
        let reset = try LoopbackServer.fake("reset")
        try expect(["127.0.0.1:\(reset.port)"], code: "connection-reset")
        let closed = try LoopbackServer.fake("close")
        try expect(["127.0.0.1:\(closed.port)"], code: "connection-closed")
    }

    @Test func otherProtocolsAreNamed() throws {
        let ssh = try LoopbackServer.fake("banner", hex: "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".hex)
        #expect(message(try expect(["127.0.0.1:\(ssh.port)"], code: "non-tls-service")).contains("SSH"))
        let smtp = try LoopbackServer.fake("banner", hex: "220 mail.example ESMTP Postfix\r\n".hex)
        #expect(message(try expect(["127.0.0.1:\(smtp.port)"], code: "non-tls-service")).contains("SMTP"))
        let garbage = try LoopbackServer.fake("reply", hex: "160303000401000000")  // a ClientHello from the server
        try expect(["127.0.0.1:\(garbage.port)"], code: "tls-error")
    }

    @Test func unknownHostIsADNSFailure() throws {
        try expect(["no-such-host.invalid:443", "--timeout", "3s"], code: "dns-failure")
    }

    // MARK: PostgreSQL STARTTLS

    @Test func postgresSTARTTLS() throws {
        let bin = "/usr/lib/postgresql/15/bin"
        guard FileManager.default.isExecutableFile(atPath: bin + "/initdb") else {
            Issue.record("PostgreSQL 15 is missing: apt-get install postgresql-15")
            return
        }
        let folder = try TemporaryFolder()
        let data = folder.path + "/data"
        for (name, source) in [("server.pem", "server.pem"), ("server.key", "server.key")] {
            try FileManager.default.copyItem(atPath: pki.path(source), toPath: folder.path + "/" + name)
        }
        #expect(try Shell.run("chown", ["-R", "postgres:postgres", folder.path]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.path + "/server.key")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let initdb = try Shell.run("runuser", ["-u", "postgres", "--", bin + "/initdb", "-D", data, "--auth=trust", "-U", "postgres"],
                                   cwd: URL(fileURLWithPath: folder.path), timeout: 60)
        try #require(initdb.status == 0, "initdb failed: \(initdb.stderr)")
        let postgres = try LoopbackServer.start(
            "/usr/sbin/runuser", cwd: folder.path, wait: 30,
            onStop: {
                // A fast shutdown through the postmaster's pid (runuser may not pass signals on).
                if let pidText = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8),
                    let pid = Int32(pidText.split(separator: "\n").first ?? "")
                {
                    kill(pid, SIGINT)
                    for _ in 0..<200 where kill(pid, 0) == 0 { usleep(25_000) }
                }
            }
        ) {
            ["-u", "postgres", "--", bin + "/postgres", "-D", data, "-p", String($0), "-c", "listen_addresses=127.0.0.1",
             "-c", "unix_socket_directories=\(folder.path)", "-c", "ssl=on",
             "-c", "ssl_cert_file=\(folder.path)/server.pem", "-c", "ssl_key_file=\(folder.path)/server.key"]
        }
        defer { postgres.stop() }
        let target = "localhost:\(postgres.port)"
        let line = try expect([target, "--starttls", "postgres", "--ca-file", pki.path("ca.pem")], code: nil)
        #expect((line["timings"] as? [String: Any])?["startTLS"] != nil)
        let plain = try expect([target, "--ca-file", pki.path("ca.pem")], code: "non-tls-service")
        #expect(message(plain).contains("PostgreSQL"))

        let sslOff = try LoopbackServer.fake("reply", hex: "4e")  // 'N': ssl = off
        try expect(["127.0.0.1:\(sslOff.port)", "--starttls", "postgres"], code: "starttls-refused")
        let confused = try LoopbackServer.fake("reply", hex: "58")
        try expect(["127.0.0.1:\(confused.port)", "--starttls", "postgres"], code: "starttls-failed")
    }

    // MARK: many targets, formats, sharding

    @Test func manyTargetsInInputOrderWithFormats() throws {
        let server = try LoopbackServer.sServer(["-cert", pki.path("server.pem"), "-key", pki.path("server.key")])
        let closed = LoopbackServer.freePort()
        let folder = try TemporaryFolder()
        let list = try folder.write("targets.txt", """
            # fleet
            localhost:\(server.port)   # the good one
            127.0.0.1:\(closed)

            https://localhost:\(server.port)/metrics
            """)
        let (status, lines, _) = try probeJSON(["--targets", list, "--ca-file", pki.path("ca.pem")])
        #expect(status == 1)
        #expect(lines.compactMap { $0["target"] as? String } == ["localhost:\(server.port)", "127.0.0.1:\(closed)", "localhost:\(server.port)"])
        #expect(lines.allSatisfy { $0["version"] as? Int == 1 })

        let table = try CLI.run(["probe", "--targets", list, "--ca-file", pki.path("ca.pem")])
        #expect(table.stdout.contains("TARGET"))
        #expect(table.stdout.contains("connection-refused"))
        #expect(table.stdout.contains("1 of 3 probes failed"))

        let metrics = try CLI.run(["probe", "--targets", list, "--ca-file", pki.path("ca.pem"), "--format", "prometheus"])
        for name in ["probe_success{target=\"localhost:\(server.port)\"} 1", "probe_success{target=\"127.0.0.1:\(closed)\"} 0",
                     "probe_ssl_earliest_cert_expiry", "probe_ssl_last_chain_expiry_timestamp_seconds", "probe_tls_version_info",
                     "probe_tls_cipher_info", "probe_duration_seconds", "tlscheck_probe_diagnosis_info{target=\"127.0.0.1:\(closed)\",code=\"connection-refused\"} 1"] {
            #expect(metrics.stdout.contains(name), "missing \(name)")
        }
        #expect(metrics.stdout.components(separatedBy: "# TYPE probe_success gauge").count == 2)

        let shard = try probeJSON(["--targets", list, "--ca-file", pki.path("ca.pem"), "--shard", "1/2"])
        #expect(shard.lines.compactMap { $0["target"] as? String } == ["127.0.0.1:\(closed)"])
        let stdin = try probeJSON(["-", "--ca-file", pki.path("ca.pem")], stdin: "localhost:\(server.port)\n")
        #expect(stdin.status == 0 && stdin.lines.count == 1)
    }

    @Test func usageErrors() throws {
        for arguments in [["probe"], ["probe", "a:1", "--timeout", "soon"], ["probe", "a:1", "--shard", "4/4"],
                          ["probe", "a:99999"], ["probe", "a:1", "--ca-file", "/nonexistent/ca.pem"], ["probe", "a:1", "--cert", "x.pem"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }
}
