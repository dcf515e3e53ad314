import Foundation
import Testing

@testable import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct IssuanceTests {
    func generator(_ fixtures: OpenSSLFixtures, _ folder: String = "out", keyType: KeyType = .p256,
                   configure: (inout GenerationOptions) -> Void = { _ in }) -> Generator {
        var options = GenerationOptions(folder: fixtures.file(folder), now: Date())
        options.keyType = keyType
        configure(&options)
        return Generator(options: options)
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test(arguments: KeyType.allCases)
    func everyKeyTypeRoundTripsAndVerifies(_ keyType: KeyType) throws {
        let key = try PrivateKey.generate(keyType)
        let reread = try PrivateKey(pem: key.pem())
        #expect(reread.publicKeyDER == key.publicKeyDER)
        #expect(reread.info == key.info)
        let encrypted = try key.pem(passphrase: "s3cret")
        #expect(encrypted.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        #expect(try PrivateKey(pem: encrypted, passphrase: "s3cret").publicKeyDER == key.publicKeyDER)
        #expect(throws: PrivateKey.LoadError.encrypted(.encryptedPKCS8)) { try PrivateKey(pem: encrypted) }

        let fixtures = try OpenSSLFixtures()
        // Big RSA keys take seconds each on a small machine: one self-signed certificate is proof enough.
        if keyType == .rsa3072 || keyType == .rsa4096 {
            _ = try generator(fixtures, keyType: keyType).selfSigned(hosts: ["localhost"])
            try fixtures.openssl(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "out/server.crt", "out/server.crt"])
            #expect(try Certificate(pem: fixtures.read("out/server.crt")).publicKey == key.info)
            return
        }
        let result = try generator(fixtures, keyType: keyType).mutualTLS(.init(serverHosts: ["localhost", "127.0.0.1"]))
        #expect(result.written)
        try fixtures.openssl(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "out/ca.crt", "out/server.crt"])
        try fixtures.openssl(["verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", "out/ca.crt", "out/client.crt"])
        let expected: String =
            switch keyType {
            case .p256: "EC P-256"
            case .p384: "EC P-384"
            case .rsa2048: "RSA 2048"
            case .ed25519: "Ed25519"
            default: "RSA 2048"
            }
        for name in ["ca", "server", "client"] {
            let certificate = try Certificate(pem: fixtures.read("out/\(name).crt"))
            #expect(certificate.publicKey.description == expected)
            let key = try PrivateKey(pem: fixtures.read("out/\(name).key"))
            #expect(key.matches(certificate))
            // The SubjectPublicKeyInfo written from the encoded point is byte for byte OpenSSL's own.
            let spki = key.publicKeyDER, der = certificate.der
            #expect((0...(der.count - spki.count)).contains { der[$0..<($0 + spki.count)].elementsEqual(spki) })
        }
        // openssl reads the keys back.
        try fixtures.openssl(["pkey", "-in", "out/server.key", "-noout"])
        if keyType == .p384 {
            #expect(try Certificate(pem: fixtures.read("out/server.crt")).signatureAlgorithm.digest == "SHA384")
        }
    }

    /// tlscheck writes EC and Ed25519 keys itself (OpenSSL 3.0's encoder is slow to start): OpenSSL
    /// must read them and write back the very same bytes, and the public half must be the key's.
    @Test(arguments: [KeyType.p256, .p384, .ed25519])
    func keysWrittenByTLSCheckAreByteForByteOpenSSLs(_ keyType: KeyType) throws {
        let fixtures = try OpenSSLFixtures()
        let key = try PrivateKey.generate(keyType)
        let ours = try key.pem()
        _ = try fixtures.write("ours.pem", ours)
        #expect(try fixtures.openssl(["pkey", "-in", "ours.pem"]) == ours)
        #expect(try fixtures.openssl(["pkey", "-in", "ours.pem", "-pubout"]) == PEM.encode(key.publicKeyDER, label: "PUBLIC KEY"))
        if keyType != .ed25519 { _ = try fixtures.openssl(["pkey", "-in", "ours.pem", "-check", "-noout"]) }
    }

    @Test(arguments: [(0, [0x00]), (127, [0x7F]), (128, [0x81, 0x80]), (255, [0x81, 0xFF]), (256, [0x82, 0x01, 0x00]),
                      (65_536, [0x83, 0x01, 0x00, 0x00])] as [(Int, [UInt8])])
    func derLengthsUseTheShortestForm(_ count: Int, _ length: [UInt8]) {
        let element = DER.element(0x04, [UInt8](repeating: 0xAB, count: count))
        #expect(Array(element.prefix(1 + length.count)) == [0x04] + length)
        #expect(element.count == 1 + length.count + count)
    }

    @Test func rsaKeysAreLeftToOpenSSL() throws {
        #expect(try PrivateKey.generate(.rsa2048).pkcs8DER() == nil)
    }

    @Test func certificatesCarryTheExtensionsTheIssueLists() throws {
        let fixtures = try OpenSSLFixtures()
        let now = Date(timeIntervalSince1970: TimeInterval(Int(Date().timeIntervalSince1970)))
        var options = GenerationOptions(folder: fixtures.file("out"), now: now)
        options.keyType = .rsa2048
        options.organization = "Example Ops"
        _ = try Generator(options: options).mutualTLS(.init(serverHosts: ["node1.example.org", "*.nodes.example.org", "10.0.0.5", "::1"]))
        let ca = try Certificate(pem: fixtures.read("out/ca.crt"))
        let server = try Certificate(pem: fixtures.read("out/server.crt"))
        let client = try Certificate(pem: fixtures.read("out/client.crt"))

        #expect(ca.basicConstraints == BasicConstraints(isCA: true, pathLength: 0, isCritical: true))
        #expect(ca.keyUsage == [.keyCertSign, .cRLSign])
        #expect(ca.extendedKeyUsage == nil)
        #expect(ca.commonName?.hasPrefix("Example Ops CA ") == true)
        #expect(ca.subject.contains("O=Example Ops"))
        #expect(ca.isSelfSigned)
        #expect(ca.notAfter.timeIntervalSince(ca.notBefore) == 3650 * 86_400)
        let text = try fixtures.openssl(["x509", "-in", "out/ca.crt", "-noout", "-text"])
        #expect(text.contains("X509v3 Key Usage: critical"))
        #expect(text.contains("X509v3 Basic Constraints: critical"))

        #expect(server.subjectAlternativeNames == [.dns("node1.example.org"), .dns("*.nodes.example.org"), .ip("10.0.0.5"), .ip("::1")])
        #expect(server.commonName == "node1.example.org")
        #expect(server.basicConstraints == BasicConstraints(isCA: false, pathLength: nil, isCritical: true))
        #expect(server.keyUsage == [.digitalSignature, .keyEncipherment])
        #expect(server.extendedKeyUsage == [.serverAuth])
        #expect(client.extendedKeyUsage == [.clientAuth])
        #expect(client.subjectAlternativeNames == [.dns("prometheus")])
        #expect(server.authorityKeyIdentifier == ca.subjectKeyIdentifier)
        #expect(server.subjectKeyIdentifier != nil && server.subjectKeyIdentifier != ca.subjectKeyIdentifier)
        // Backdated five minutes, a year long.
        #expect(server.notBefore == now.addingTimeInterval(-300))
        #expect(server.notAfter.timeIntervalSince(server.notBefore) == 365 * 86_400)
        // Random positive serials of at least 128 bits, all different.
        let serials = [ca, server, client].map(\.serialNumberHex)
        #expect(Set(serials).count == 3)
        for serial in serials {
            #expect(!serial.hasPrefix("-") && serial.count >= 32, "\(serial)")
            #expect(UInt8(serial.prefix(2), radix: 16)! < 0x80)
        }

        // The shared checker finds nothing wrong with what the generator made.
        let checker = MaterialChecker(context: CheckContext(now: Date()))
        let at = Location(path: "web-config.yaml")
        for (name, role) in [("server", CertificateRole.server), ("client", .client)] {
            let findings = checker.checkKeyPair(
                certificate: .file(path: fixtures.file("out/\(name).crt"), at: at),
                key: .file(path: fixtures.file("out/\(name).key"), at: at), role: role, issuers: KnownIssuers([ca]))
            #expect(findings.isEmpty, "\(name): \(findings.map(\.message))")
        }
        #expect(checker.checkCABundle(.file(path: fixtures.file("out/ca.crt"), at: at), purpose: .client).isEmpty)
    }

    @Test func modesAndAFolderThatIsCreated() throws {
        let fixtures = try OpenSSLFixtures()
        var options = GenerationOptions(folder: fixtures.file("deep/er/out"), now: Date())
        options.pkcs12 = true
        options.pkcs12Passphrase = "p12pass"
        let result = try Generator(options: options).mutualTLS(.init(serverHosts: ["localhost"]))
        let modes = Dictionary(uniqueKeysWithValues: result.files.map { ($0.name, mode(result.path(of: $0))) })
        #expect(modes["ca.key"] == 0o600 && modes["server.key"] == 0o600 && modes["client.key"] == 0o600)
        #expect(modes["server.p12"] == 0o600 && modes["kubernetes-secrets.yaml"] == 0o600)
        #expect(modes["ca.crt"] == 0o644 && modes["server.crt"] == 0o644 && modes["web-config.yaml"] == 0o644)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.file("deep/er/out")).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        // OpenSSL 3 reads the PKCS#12 without -legacy: PBES2 with AES-256.
        let info = try OpenSSLFixtures.run(
            "openssl", ["pkcs12", "-in", "deep/er/out/server.p12", "-passin", "pass:p12pass", "-info", "-nokeys"], in: fixtures.folder)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stderr.contains("PBES2") && info.stderr.contains("AES-256-CBC"))
        #expect(info.stdout.contains("BEGIN CERTIFICATE"))
    }

    @Test func aRefusedRunWritesNothing() throws {
        let fixtures = try OpenSSLFixtures()
        let first = try generator(fixtures).mutualTLS(.init(serverHosts: ["localhost"]))
        let before = try first.files.map { try fixtures.read("out/\($0.name)") }
        #expect(throws: GenerationError.self) { try generator(fixtures).mutualTLS(.init(serverHosts: ["localhost"])) }
        do {
            _ = try generator(fixtures).mutualTLS(.init(serverHosts: ["localhost"]))
        } catch {
            #expect(error.kind == .input)
            #expect(error.message.contains("refusing to overwrite"))
            #expect(error.message.contains("--force"))
        }
        #expect(try first.files.map { try fixtures.read("out/\($0.name)") } == before)

        // One existing file among many: nothing else appears either.
        try FileManager.default.createDirectory(atPath: fixtures.file("two"), withIntermediateDirectories: true)
        try fixtures.write("two/web-config.yaml", "keep me\n")
        #expect(throws: GenerationError.self) { try generator(fixtures, "two").mutualTLS(.init(serverHosts: ["localhost"])) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.file("two")) == ["web-config.yaml"])
        #expect(try fixtures.read("two/web-config.yaml") == "keep me\n")

        // --force replaces atomically.
        let forced = try generator(fixtures) { $0.force = true }.mutualTLS(.init(serverHosts: ["localhost"]))
        #expect(forced.files.count == first.files.count)
        #expect(try fixtures.read("out/ca.crt") != before[0])
        #expect(mode(fixtures.file("out/ca.key")) == 0o600)

        // A folder that cannot be made: nothing written.
        try fixtures.write("afile", "x")
        #expect(throws: GenerationError.self) { try generator(fixtures, "afile/sub").selfSigned(hosts: ["localhost"]) }
        #expect(throws: GenerationError.self) { try generator(fixtures, "afile").selfSigned(hosts: ["localhost"]) }
    }

    @Test func badInputIsRefusedBeforeAnythingIsWritten() throws {
        let fixtures = try OpenSSLFixtures()
        func usageError(_ hosts: [String]) -> String? {
            do {
                _ = try generator(fixtures).selfSigned(hosts: hosts)
                return nil
            } catch {
                return error.kind == .usage ? error.message : "not a usage error: \(error.message)"
            }
        }
        #expect(usageError(["999.1.1.1"])?.contains("not a valid IPv4 address") == true)
        #expect(usageError(["10.0.0.0/8"])?.contains("network") == true)
        #expect(usageError(["localhost:9100"])?.contains("host:port") == true)
        #expect(usageError(["exa mple.org"]) != nil)
        #expect(usageError(["foo.*.org"])?.contains("wildcard") == true)
        #expect(usageError(["bücher.example"])?.contains("punycode") == true)
        #expect(usageError(["fe80::1%eth0"]) != nil)
        #expect(!FileManager.default.fileExists(atPath: fixtures.file("out")))
        #expect(KeyType(parsing: "dsa") == nil)
        #expect(KeyType(parsing: "RSA-3072") == .rsa3072)
        #expect(KeyType(parsing: "P-256") == .p256)

        #expect(try HostNames.parse("[::1]").name == .ip("::1"))
        #expect(try HostNames.parse("ops@example.org").name == .email("ops@example.org"))
        #expect(try HostNames.parse("spiffe://example.org/ns/x").name == .uri("spiffe://example.org/ns/x"))
        #expect(try HostNames.parse("*.local").warning != nil)
        #expect(try HostNames.parse("DNS:10.0.0.1").name == .dns("10.0.0.1"))

        #expect(throws: GenerationError.self) { try generator(fixtures) { $0.days = 900 }.selfSigned(hosts: ["a"]) }
        let long = try generator(fixtures) { $0.days = 900; $0.allowLongValidity = true }.selfSigned(hosts: ["a"])
        #expect(long.warnings.contains { $0.contains("398") })
        let year = try generator(fixtures, "y") { $0.days = 500 }.selfSigned(hosts: ["a"])
        #expect(year.warnings.count == 1)
    }

    @Test func signingWithAGivenCA() throws {
        let fixtures = try OpenSSLFixtures()
        try FileManager.default.createDirectory(atPath: fixtures.file("pki"), withIntermediateDirectories: true)
        _ = try generator(fixtures, "pki") { $0.keyPassphrase = "capass" }
            .certificateAuthority(name: "root", commonName: "Example Root", pathLength: 1)
        #expect(try fixtures.read("pki/root.key").contains("ENCRYPTED PRIVATE KEY"))
        try fixtures.openssl(["pkey", "-in", "pki/root.key", "-passin", "pass:capass", "-noout"])
        let root = SignerFiles(certificatePath: fixtures.file("pki/root.crt"), keyPath: fixtures.file("pki/root.key"), passphrase: "capass")

        // An intermediate, then a leaf from it: the leaf file carries the intermediate, not the root.
        _ = try generator(fixtures, "pki").certificateAuthority(name: "sub", commonName: "Example Sub", pathLength: 0, parent: root)
        let sub = SignerFiles(certificatePath: fixtures.file("pki/sub.crt"), keyPath: fixtures.file("pki/sub.key"))
        let leaf = try generator(fixtures, "node").certificate(
            hosts: ["node1.example.org", "10.1.2.3"], usage: [.server, .client], name: "node1", signer: sub)
        let bundle = Certificate.bundle(from: Array(try fixtures.read("node/node1.crt").utf8))
        #expect(bundle.entries.map { $0.certificate.commonName } == ["node1.example.org", "Example Sub"])
        #expect(leaf.file(named: "node1.crt")?.certificate?.extendedKeyUsage == [.serverAuth, .clientAuth])
        for purpose in ["sslserver", "sslclient"] {
            try fixtures.openssl(["verify", "-x509_strict", "-purpose", purpose, "-CAfile", "pki/root.crt",
                                  "-untrusted", "node/node1.crt", "node/node1.crt"])
        }
        let checker = MaterialChecker(context: CheckContext(now: Date()))
        let at = Location(path: "config.yaml")
        let node1 = MaterialSource.file(path: fixtures.file("node/node1.crt"), at: at)
        #expect(checker.checkKeyPair(certificate: node1, key: .file(path: fixtures.file("node/node1.key"), at: at),
                                     role: .server, issuers: .configuration(certificate: node1, ca: nil)).isEmpty)

        // Refusals: no passphrase, wrong key, not a CA, pathlen 0, EKU that excludes the usage.
        func inputError(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let error as GenerationError { return error.message } catch { return "\(error)" }
        }
        let noPass = SignerFiles(certificatePath: root.certificatePath, keyPath: root.keyPath)
        #expect(inputError { _ = try generator(fixtures, "x").certificate(hosts: ["a"], usage: .server, name: "a", signer: noPass) }?
            .contains("--ca-key-passphrase-file") == true)
        let wrongKey = SignerFiles(certificatePath: root.certificatePath, keyPath: fixtures.file("pki/sub.key"))
        #expect(inputError { _ = try generator(fixtures, "x").certificate(hosts: ["a"], usage: .server, name: "a", signer: wrongKey) }?
            .contains("does not belong") == true)
        let notCA = SignerFiles(certificatePath: fixtures.file("node/node1.crt"), keyPath: fixtures.file("node/node1.key"))
        #expect(inputError { _ = try generator(fixtures, "x").certificate(hosts: ["a"], usage: .server, name: "a", signer: notCA) }?
            .contains("not a CA") == true)
        #expect(inputError { _ = try generator(fixtures, "x").certificateAuthority(name: "subsub", parent: sub) }?
            .contains("pathlen 0") == true)
        try fixtures.ca("serveronly", subject: "/CN=Server Only CA",
                        extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign", "extendedKeyUsage=serverAuth"])
        let serverOnly = SignerFiles(certificatePath: fixtures.file("serveronly.crt"), keyPath: fixtures.file("serveronly.key"))
        #expect(inputError { _ = try generator(fixtures, "x").certificate(hosts: ["a"], usage: .client, name: "a", signer: serverOnly) }?
            .contains("EKUs nest") == true)
        #expect(!FileManager.default.fileExists(atPath: fixtures.file("x")))
    }

    @Test func selfSignedServerCertificateIsItsOwnTrustAnchor() throws {
        let fixtures = try OpenSSLFixtures()
        let result = try generator(fixtures, keyType: .ed25519).selfSigned(hosts: ["localhost", "127.0.0.1"])
        #expect(result.files.map(\.name) == ["server.crt", "server.key"])
        try fixtures.openssl(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "out/server.crt", "out/server.crt"])
        let certificate = try Certificate(pem: fixtures.read("out/server.crt"))
        #expect(certificate.isSelfSigned && !certificate.isCA)
    }

    @Test func jsonNamesEveryFile() throws {
        let fixtures = try OpenSSLFixtures()
        let result = try generator(fixtures).mutualTLS(.init(serverHosts: ["localhost"]))
        let object = try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        let files = object?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 11)
        let server = files.first { ($0["path"] as? String)?.hasSuffix("/server.crt") == true }
        #expect(server?["sha256"] as? String == result.file(named: "server.crt")?.certificate?.sha256Fingerprint)
        #expect((server?["notAfter"] as? String)?.hasSuffix("Z") == true)
        #expect(files.first { ($0["path"] as? String)?.hasSuffix("/ca.key") == true }?["mode"] as? String == "0600")
    }
}
