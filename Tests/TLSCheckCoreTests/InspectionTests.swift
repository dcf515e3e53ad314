import Foundation
import Testing

@testable import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// `inspect` and `expiry` over real files made by the `openssl` command at test time.
@Suite struct InspectionTests {
    /// A minute ahead: openssl does not backdate.
    let now = Date().addingTimeInterval(60)

    func inspect(_ paths: [String], key: String? = nil, passphrase: String? = nil, verbose: Bool = false) -> InspectionReport {
        CertificateInspector(context: CheckContext(now: now), passphrase: passphrase, verbose: verbose, keyPath: key)
            .inspect(paths)
    }

    func expiry(_ paths: [String], warn: Double = 30, critical: Double = 7, at time: Date? = nil,
                passphrase: String? = nil) -> ExpiryReport {
        ExpiryScanner(context: CheckContext(now: time ?? now), warn: warn * 86_400, critical: critical * 86_400,
                      passphrase: passphrase).scan(paths)
    }

    /// root CA → intermediate → leaf (20 days), and a full chain file.
    func chain(_ fixtures: OpenSSLFixtures) throws {
        try fixtures.ca("root", subject: "/CN=Test Root")
        try fixtures.ca("int", subject: "/CN=Test Intermediate", issuer: "root")
        try fixtures.leaf("server", issuer: "int", days: 20)
        try fixtures.concatenate(["server.crt", "int.crt"], into: "chain.pem")
        try fixtures.concatenate(["server.crt", "int.crt", "root.crt"], into: "full.pem")
        try fixtures.concatenate(["int.crt", "server.crt"], into: "reversed.pem")
    }

    // MARK: Chains and keys

    @Test func chainAnalysis() throws {
        let fixtures = try OpenSSLFixtures()
        try chain(fixtures)
        let good = inspect([fixtures.file("chain.pem")])
        #expect(good.files.count == 1)
        let group = try #require(good.files.first?.groups.first)
        #expect(group.certificates.map(\.subject) == ["CN=localhost", "CN=Test Intermediate"])
        #expect(group.signedByNext == [true])
        #expect(group.role == "server")
        // A 20-day leaf: a note with the default thresholds; nothing about the chain.
        #expect(good.report.findings.codes == ["cert-expiring"])
        // The leaf's key is beside it (server.crt / server.key), not beside chain.pem.
        #expect(group.key == nil)

        let full = inspect([fixtures.file("full.pem")])
        #expect(full.files[0].groups[0].signedByNext == [true, true])
        #expect(full.report.findings.codes.contains("chain-root-included"))

        let reversed = inspect([fixtures.file("reversed.pem")])
        #expect(reversed.files[0].groups[0].signedByNext == [false])
        let order = try #require(reversed.report.findings.with("chain-order").first)
        #expect(order.message.contains("reverse order"))

        let alone = inspect([fixtures.file("server.crt")])
        #expect(alone.report.findings.codes.contains("chain-incomplete"))
    }

    @Test func certificateFacts() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server", hosts: ["DNS:example.test", "IP:10.0.0.1"])
        let summary = try #require(inspect([fixtures.file("server.crt")]).files.first?.groups.first?.certificates.first)
        #expect(summary.subject == "CN=localhost")
        #expect(summary.issuer == "O=tlscheck tests, CN=Test Root CA")
        #expect(summary.subjectAlternativeNames == ["DNS:example.test", "IP:10.0.0.1"])
        #expect(summary.key == "EC P-256")
        #expect(summary.signatureAlgorithm == "ecdsa-with-SHA256")
        #expect(summary.keyUsage == ["digitalSignature", "keyEncipherment"])
        #expect(summary.extendedKeyUsage == ["serverAuth"])
        #expect(summary.basicConstraints == "critical, CA:FALSE")
        #expect(summary.subjectKeyIdentifier != nil && summary.authorityKeyIdentifier != nil)
        let fingerprint = try fixtures.openssl(["x509", "-in", "server.crt", "-noout", "-fingerprint", "-sha256"])
        #expect(fingerprint.contains(summary.sha256Fingerprint))
        let serial = try fixtures.openssl(["x509", "-in", "server.crt", "-noout", "-serial"])
        #expect(serial.contains(summary.serial))
        #expect((363...365).contains(summary.daysLeft))
    }

    @Test func keysInTheFileBesideItOrGiven() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.leaf("other")
        // Same file.
        try fixtures.concatenate(["server.crt", "server.key"], into: "combined.pem")
        let combined = inspect([fixtures.file("combined.pem")])
        #expect(combined.files[0].groups[0].key?.matchesLeaf == true)
        #expect(combined.report.findings.with("key-mismatch").isEmpty)
        // Beside it by name.
        let beside = inspect([fixtures.file("server.crt")])
        #expect(beside.files[0].groups[0].key?.foundBeside == fixtures.file("server.key"))
        #expect(beside.files[0].groups[0].key?.matchesLeaf == true)
        // mkcert's names.
        try FileManager.default.copyItem(atPath: fixtures.file("server.crt"), toPath: fixtures.file("host.pem"))
        try FileManager.default.copyItem(atPath: fixtures.file("other.key"), toPath: fixtures.file("host-key.pem"))
        let mkcert = inspect([fixtures.file("host.pem")])
        #expect(mkcert.files[0].groups[0].key?.matchesLeaf == false)
        #expect(mkcert.report.findings.codes.contains("key-mismatch"))
        // --key.
        try fixtures.write("lone.crt", try fixtures.read("server.crt"))
        let given = inspect([fixtures.file("lone.crt")], key: fixtures.file("other.key"))
        let mismatch = try #require(given.report.findings.with("key-mismatch").first)
        #expect(mismatch.location.path == fixtures.file("other.key"))
        #expect(inspect([fixtures.file("lone.crt")], key: fixtures.file("server.key")).report.findings.with("key-mismatch").isEmpty)
    }

    @Test func encryptedKeysNeedTheirPassphrase() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.openssl(["pkey", "-in", "server.key", "-aes256", "-passout", "pass:right", "-out", "enc.key"])
        try fixtures.concatenate(["server.crt", "enc.key"], into: "bundle.pem")
        let none = inspect([fixtures.file("bundle.pem")])
        #expect(none.report.findings.codes.contains("key-encrypted"))
        let wrong = inspect([fixtures.file("bundle.pem")], passphrase: "wrong")
        #expect(wrong.report.findings.codes.contains("passphrase-wrong"))
        let right = inspect([fixtures.file("bundle.pem")], passphrase: "right")
        #expect(right.files[0].groups[0].key?.matchesLeaf == true)
    }

    // MARK: Formats

    @Test func derAndPKCS12() throws {
        let fixtures = try OpenSSLFixtures()
        try chain(fixtures)
        try fixtures.openssl(["x509", "-in", "server.crt", "-outform", "der", "-out", "server.der"])
        let der = inspect([fixtures.file("server.der")])
        #expect(der.files[0].format == "DER")
        #expect(der.files[0].groups[0].certificates.count == 1)

        try fixtures.openssl(["pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-certfile", "int.crt",
                              "-out", "modern.p12", "-passout", "pass:secret"])
        let p12 = inspect([fixtures.file("modern.p12")], passphrase: "secret")
        let group = try #require(p12.files.first?.groups.first)
        #expect(p12.files[0].format == "PKCS#12")
        #expect(group.certificates.map(\.subject) == ["CN=localhost", "CN=Test Intermediate"])
        #expect(group.signedByNext == [true])
        #expect(group.key?.matchesLeaf == true)

        let wrong = inspect([fixtures.file("modern.p12")], passphrase: "nope")
        #expect(wrong.report.findings.codes == ["passphrase-wrong"])
        #expect(wrong.report.findings[0].message.contains("modern.p12"))
        #expect(inspect([fixtures.file("modern.p12")]).report.findings.codes == ["passphrase-wrong"])

        // RC2-40, as mkcert and keytool write: needs OpenSSL's legacy provider.
        try fixtures.openssl(["pkcs12", "-export", "-legacy", "-in", "server.crt", "-inkey", "server.key",
                              "-out", "legacy.p12", "-passout", "pass:changeit"])
        let legacy = inspect([fixtures.file("legacy.p12")], passphrase: "changeit")
        #expect(legacy.files.first?.groups.first?.certificates.count == 1)
        #expect(legacy.report.findings.errors.isEmpty)
        let rows = expiry([fixtures.file("legacy.p12")], passphrase: "changeit").rows
        #expect(rows.count == 1)
    }

    // MARK: Bad input

    @Test func badInputIsAFindingAndTheScanGoesOn() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        let pem = try fixtures.read("server.crt")
        try fixtures.write("truncated.pem", String(pem.prefix(pem.count / 2)))
        try fixtures.write("empty.crt", "")
        try Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: URL(fileURLWithPath: fixtures.file("junk.pem")))
        try fixtures.openssl(["x509", "-in", "server.crt", "-outform", "der", "-out", "full.der"])
        let der = try Data(contentsOf: URL(fileURLWithPath: fixtures.file("full.der")))
        try der.prefix(der.count - 40).write(to: URL(fileURLWithPath: fixtures.file("cut.der")))
        try fixtures.write("notes.txt", "nothing here")
        try FileManager.default.createDirectory(atPath: fixtures.file("sub"), withIntermediateDirectories: true)
        symlink(fixtures.path, fixtures.file("sub/loop"))
        symlink("self-link", fixtures.file("self-link"))
        symlink("missing.crt", fixtures.file("dangling.crt"))

        let result = inspect([fixtures.path])
        func finding(_ name: String) -> Finding? {
            result.report.findings.first { $0.location.path.hasSuffix("/" + name) }
        }
        #expect(finding("truncated.pem")?.code == "pem-invalid")
        #expect(finding("empty.crt")?.code == "material-unreadable")
        #expect(finding("empty.crt")?.message.contains("empty") == true)
        #expect(finding("junk.pem")?.code == "material-unreadable")
        #expect(finding("cut.der")?.code == "material-unreadable")
        #expect(finding("loop")?.code == "unreadable-input")
        #expect(finding("loop")?.message.contains("loop") == true)
        #expect(finding("self-link")?.message.contains("loop") == true)
        #expect(finding("dangling.crt")?.message.contains("does not exist") == true)
        #expect(finding("notes.txt") == nil)
        // The good files were still read.
        #expect(result.files.contains { $0.path.hasSuffix("/server.crt") && $0.groups.count == 1 })
        #expect(result.report.findings.allSatisfy { $0.hint != nil })

        let verbose = inspect([fixtures.path], verbose: true)
        #expect(verbose.report.findings.contains { $0.code == "file-skipped" && $0.location.path.hasSuffix("notes.txt") })

        // Named explicitly, a file without certificates is a finding whatever its name.
        #expect(inspect([fixtures.file("notes.txt")]).report.findings.codes == ["material-unreadable"])
        #expect(inspect([fixtures.file("nope.pem")]).report.findings.codes == ["unreadable-input"])
        // A file that cannot be read even by root.
        let unreadable = expiry(["/proc/self/mem"])
        #expect(unreadable.report.findings.codes == ["unreadable-input"])
        if getuid() != 0 {
            try FileManager.default.createDirectory(atPath: fixtures.file("closed"), withIntermediateDirectories: true)
            chmod(fixtures.file("closed"), 0)
            defer { chmod(fixtures.file("closed"), 0o755) }
            #expect(inspect([fixtures.file("closed")]).report.findings.first?.message.contains("permission denied") == true)
        }
    }

    // MARK: Expiry

    @Test func thresholdsAndStates() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("soon", days: 20)
        try fixtures.leaf("later", days: 200)
        try fixtures.expiredLeaf("old")
        let paths = ["soon.crt", "later.crt", "old.crt"].map(fixtures.file)

        let result = expiry(paths)
        #expect(result.rows.map(\.status) == [.expired, .warning, .ok])
        #expect(result.rows.first?.daysLeft(at: now) ?? 0 < -300)
        #expect(result.exitStatus == 1)
        #expect(result.nagiosState == 2)
        #expect(result.report.findings.codes.sorted() == ["cert-expired", "cert-expiring"])
        #expect(result.report.findings.map(\.severity).sorted() == [.warning, .error])

        let calm = expiry([fixtures.file("later.crt")])
        #expect(calm.exitStatus == 0 && calm.nagiosState == 0 && calm.report.findings.isEmpty)

        let warning = expiry([fixtures.file("soon.crt")])
        #expect(warning.exitStatus == 1 && warning.nagiosState == 1)
        let critical = expiry([fixtures.file("soon.crt")], warn: 60, critical: 21)
        #expect(critical.rows[0].status == .critical && critical.nagiosState == 2)
        #expect(critical.report.findings.first?.severity == .error)
        // Hours: 20 days is inside 481h, outside 479h.
        #expect(expiry([fixtures.file("soon.crt")], warn: 481.0 / 24, critical: 0).rows[0].status == .warning)
        #expect(expiry([fixtures.file("soon.crt")], warn: 479.0 / 24, critical: 0).rows[0].status == .ok)

        let early = expiry([fixtures.file("later.crt")], at: Date().addingTimeInterval(-86_400))
        #expect(early.rows[0].status == .notYetValid)
        #expect(early.exitStatus == 1 && early.nagiosState == 1)

        let broken = expiry([fixtures.file("later.crt"), fixtures.file("missing.crt")])
        #expect(broken.exitStatus == 1 && broken.nagiosState == 3)
        #expect(expiry([]).nagiosState == 3)
    }

    @Test func durations() {
        #expect(DurationText.seconds("30d").map(Int.init) == 2_592_000)
        #expect(DurationText.seconds("720h").map(Int.init) == 2_592_000)
        #expect(DurationText.seconds("90m").map(Int.init) == 5400)
        #expect(DurationText.seconds("1d12h").map(Int.init) == 129_600)
        #expect(DurationText.seconds("30") == nil)
        #expect(DurationText.seconds("d") == nil)
        #expect(DurationText.seconds("3w") == nil)
        #expect(DurationText.seconds("-1d") == nil)
        #expect(DurationText.text(36 * 3600) == "1d12h")
        #expect(DurationText.text(7 * 86_400) == "7d")
    }

    /// The streamed JSON is byte for byte what JSONEncoder prints for the whole document: arrays of
    /// objects, with empty arrays outside and inside them.
    @Test func streamedJSONMatchesTheEncoder() throws {
        struct Item: Encodable { let names: [String]; let n: Int?; let text: String }
        struct Whole: Encodable { let a: [Item]; let b: [Item] }
        let items = [
            Item(names: [], n: nil, text: "a/b \"q\"\nline"), Item(names: ["x", "y"], n: 3, text: ""),
        ]
        for (a, b) in [(items, [Item]()), ([], items), (items, items)] {
            var streamed = "{\n  \"a\" : "
            ExpiryRenderer.jsonArray(a, to: &streamed) { $0 }
            streamed += ",\n  \"b\" : "
            ExpiryRenderer.jsonArray(b, to: &streamed) { $0 }
            streamed += "\n}"
            #expect(streamed == JSON.encode(Whole(a: a, b: b)))
        }
    }

    /// The command's stream receives pieces; they join to the String form.
    @Test func renderersWriteInPieces() throws {
        struct Pieces: TextOutputStream {
            var pieces: [String] = []
            mutating func write(_ string: String) { pieces.append(string) }
        }
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("soon", days: 20)
        try fixtures.concatenate(["soon.crt", "ca.crt"], into: "bundle.pem")
        let result = expiry([fixtures.file("bundle.pem")])
        let renderer = ExpiryRenderer(workingDirectory: fixtures.path)
        var json = Pieces(), metrics = Pieces(), text = Pieces()
        renderer.json(result, to: &json)
        renderer.prometheus(result, to: &metrics)
        renderer.text(result, to: &text)
        #expect(json.pieces.count > 2 && json.pieces.joined() == renderer.json(result))
        #expect(metrics.pieces.count > 2 && metrics.pieces.joined() == renderer.prometheus(result))
        #expect(text.pieces.count > 2 && text.pieces.joined() == renderer.text(result))
    }

    @Test func outputFormats() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("soon", subject: "/CN=say \"hi\"", days: 20)
        try fixtures.concatenate(["soon.crt", "ca.crt"], into: "bundle.pem")
        let result = expiry([fixtures.file("bundle.pem")])
        let renderer = ExpiryRenderer(workingDirectory: fixtures.path)

        let text = renderer.text(result)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NOT AFTER") == true)
        #expect(lines[1].contains("warning") && lines[1].contains("bundle.pem"))
        #expect(lines[2].contains("bundle.pem:") && lines[2].contains("CN=Test Root CA"))
        #expect(text.contains("2 certificates: 1 within 30d (warning), 1 ok"))

        let json = try JSONSerialization.jsonObject(with: Data(renderer.json(result).utf8)) as? [String: Any]
        let certificates = try #require(json?["certificates"] as? [[String: Any]])
        #expect(certificates.count == 2)
        #expect((certificates[0]["daysLeft"] as? Int).map { (19...20).contains($0) } == true)
        #expect(certificates[0]["status"] as? String == "warning")
        #expect(certificates[0]["path"] as? String == "bundle.pem")
        #expect((json?["summary"] as? [String: Any])?["warning"] as? Int == 1)

        let metrics = renderer.prometheus(result)
        #expect(metrics.contains("# TYPE x509_cert_not_after gauge"))
        #expect(metrics.contains("# TYPE x509_cert_not_before gauge"))
        let notAfter = Int(result.rows[0].notAfter.timeIntervalSince1970)
        #expect(metrics.contains(#"x509_cert_not_after{path="bundle.pem",subject="CN=say \\\"hi\\\"""#))
        #expect(ExpiryRenderer.escape("a\\b\"c\nd") == #"a\\b\"c\nd"#)
        #expect(metrics.contains("} \(notAfter)\n"))
        #expect(metrics.contains(#"sans="DNS:localhost,IP:127.0.0.1"} "#))
        #expect(metrics.contains("x509_read_errors 0\n"))
        // promtool's rules for the text format, the ones that matter here: every sample line has a
        // metric name, optional labels and a number.
        for line in metrics.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").last.flatMap { Double($0) } != nil, "bad sample line \(line)")
        }

        let nagios = renderer.nagios(result)
        #expect(nagios.hasPrefix("EXPIRY WARNING - 2 certificates"))
    }

    /// Copies of one certificate issue each other exactly when it is self-signed, which is checked
    /// once: a bundle of copies costs one signature check, not two per link (10,000 checks of a
    /// P-521 signature made 5,000 copies take 6.7 s).
    @Test func copiesOfOneCertificateAreCheckedOnce() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.leaf("self", issuer: nil, key: .ec("P-521"))
        let pem = try fixtures.read("self.crt")
        try fixtures.write("copies.pem", String(repeating: pem, count: 500))
        let result = inspect([fixtures.file("copies.pem")])
        let group = try #require(result.files.first?.groups.first)
        #expect(group.certificates.count == 500)
        #expect(group.signedByNext.allSatisfy { $0 } && group.signedByNext.count == 499)
        let certificate = try #require(Certificate.bundle(from: Array(pem.utf8)).entries.first?.certificate)
        #expect(certificate.signatureVerifications <= 1)
        // Distinct certificates are still checked.
        try fixtures.ca("ca")
        try fixtures.leaf("leaf")
        let leaf = try Certificate(der: try Certificate(pem: fixtures.read("leaf.crt")).der)
        let ca = try Certificate(pem: fixtures.read("ca.crt"))
        #expect(leaf.isIssued(by: ca) && leaf.signatureVerifications == 1)
    }

    @Test func manyFilesInParallelKeepWalkOrder() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("leaf")
        try FileManager.default.createDirectory(atPath: fixtures.file("many"), withIntermediateDirectories: true)
        let pem = try fixtures.read("leaf.crt")
        for i in 0..<300 { try fixtures.write("many/\(String(format: "%03d", i)).pem", pem) }
        try fixtures.write("many/150.pem", "broken")
        let result = inspect([fixtures.file("many")])
        #expect(result.files.count == 299)
        #expect(result.files.map(\.path) == result.files.map(\.path).sorted())
        #expect(result.report.findings.with("material-unreadable").count == 1)
        #expect(expiry([fixtures.file("many")]).rows.count == 299)
    }
}
