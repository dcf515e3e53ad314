import Foundation
import Testing

@testable import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct MaterialCheckerTests {
    /// A minute ahead: openssl does not backdate, and a certificate made this second is valid from it.
    var checker: MaterialChecker { MaterialChecker(context: CheckContext(now: Date().addingTimeInterval(60))) }
    let at = Location.config

    func file(_ fixtures: OpenSSLFixtures, _ name: String) -> MaterialSource {
        .file(path: fixtures.file(name), at: at)
    }

    func pair(_ fixtures: OpenSSLFixtures, _ cert: String, _ key: String, role: CertificateRole = .server,
              known: [String] = ["ca.crt"], checker: MaterialChecker? = nil) throws -> [Finding] {
        let named = try known.map { try Certificate(pem: fixtures.read($0)) }
        // As a configuration gathers them: its CA file, and the CA certificates beside the file.
        let issuers = KnownIssuers.beside(fixtures.file(cert), in: FolderIssuers(), named: named)
        return (checker ?? self.checker).checkKeyPair(
            certificate: file(fixtures, cert), key: file(fixtures, key), role: role, issuers: issuers)
    }

    @Test func aGoodPairHasNoFinding() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        #expect(try pair(fixtures, "server.crt", "server.key").isEmpty)
        try fixtures.leaf("client", hosts: ["DNS:scraper"], usage: "clientAuth")
        #expect(try pair(fixtures, "client.crt", "client.key", role: .client).isEmpty)
        // The root beside the leaf (ca.crt) completes the chain without being named.
        #expect(try pair(fixtures, "server.crt", "server.key", known: []).isEmpty)
        // Alone in a folder, the issuer is unknown. Every finding points at the config key.
        let lonely = fixtures.folder.appendingPathComponent("lonely")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        for name in ["server.crt", "server.key"] {
            try FileManager.default.copyItem(atPath: fixtures.file(name), toPath: lonely.appendingPathComponent(name).path)
        }
        let alone = try pair(fixtures, "lonely/server.crt", "lonely/server.key", known: [])
        #expect(alone.codes == ["chain-incomplete"])
        #expect(alone.allSatisfy { $0.location == at && $0.hint != nil })
    }

    @Test func missingFoldersAndUnreadableFiles() throws {
        let fixtures = try OpenSSLFixtures()
        let missing = try pair(fixtures, "nope.crt", "nope.key", known: [])
        #expect(missing.codes == ["file-not-found", "file-not-found"])
        #expect(missing[0].message.contains("server certificate"))
        #expect(missing[1].message.contains("server key"))
        #expect(missing.allSatisfy { $0.severity == .error && $0.location == at })
        try FileManager.default.createDirectory(atPath: fixtures.file("dir"), withIntermediateDirectories: true)
        #expect(checker.checkCABundle(file(fixtures, "dir"), purpose: .client).codes == ["file-is-folder"])
        if getuid() != 0 {
            try fixtures.write("secret.key", "x")
            chmod(fixtures.file("secret.key"), 0)
            #expect(checker.checkPrivateKey(file(fixtures, "secret.key"), role: .server).codes == ["file-unreadable"])
        }
    }

    @Test func swappedFilesAreNamedAsSuch() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        let findings = try pair(fixtures, "server.key", "server.crt")
        #expect(findings.codes == ["key-cert-swapped", "key-cert-swapped"])
        #expect(findings[0].message.contains("PEM inputs may have been switched"))
        #expect(findings[1].message.contains("tls: found a certificate rather than a key in the PEM for the private key"))
        #expect(findings[0].hint?.contains("swap") == true)
        // A key given twice is not a swap, but still Go's "switched" message.
        let twice = try pair(fixtures, "server.key", "server.key")
        #expect(twice.codes == ["key-cert-swapped"])
        #expect(twice[0].hint?.contains("swap") == false)
    }

    @Test func keyMismatchAndLeafNotFirst() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.leaf("other")
        let mismatch = try pair(fixtures, "server.crt", "other.key")
        #expect(mismatch.codes == ["key-mismatch"])
        #expect(mismatch[0].message.contains("tls: private key does not match public key"))

        try fixtures.concatenate(["ca.crt", "server.crt"], into: "reversed.crt")
        let reversed = try pair(fixtures, "reversed.crt", "server.key")
        #expect(reversed.codes.contains("key-mismatch"))
        #expect(reversed.with("key-mismatch").first?.hint?.contains("certificate 2") == true)
        #expect(reversed.codes.contains("chain-order"))

        try fixtures.leaf("rsa", key: .rsa(2048))
        let typeMismatch = try pair(fixtures, "server.crt", "rsa.key")
        #expect(typeMismatch.codes == ["key-type-mismatch"])
        #expect(typeMismatch[0].message.contains("tls: private key type does not match public key type"))
    }

    @Test func encryptedEmptyDERAndBrokenInputs() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.openssl(["pkey", "-in", "server.key", "-out", "enc.key", "-aes256", "-passout", "pass:x"])
        let encrypted = try pair(fixtures, "server.crt", "enc.key")
        #expect(encrypted.codes == ["key-encrypted"])
        #expect(encrypted[0].message.contains("tls: failed to parse private key"))

        try fixtures.write("empty.crt", "\n")
        let empty = try pair(fixtures, "empty.crt", "server.key")
        #expect(empty.codes == ["pem-no-data"])
        #expect(empty[0].message.contains("tls: failed to find any PEM data in certificate input"))

        try fixtures.openssl(["x509", "-in", "server.crt", "-outform", "der", "-out", "server.der"])
        let der = try pair(fixtures, "server.der", "server.key")
        #expect(der.codes == ["pem-no-data"])
        #expect(der[0].hint?.contains("openssl x509 -inform der") == true)

        try fixtures.write("broken.crt", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n")
        #expect(try pair(fixtures, "broken.crt", "server.key").codes == ["pem-invalid"])

        try fixtures.write("csr-only.crt", PEM.encode([1, 2, 3], label: "CERTIFICATE REQUEST"))
        let csr = try pair(fixtures, "csr-only.crt", "server.key")
        #expect(csr.codes == ["pem-no-data"])
        #expect(csr[0].message.contains("after skipping PEM blocks of the following types: [CERTIFICATE REQUEST]"))

        try fixtures.write("garbage.key", PEM.encode([1, 2, 3], label: "PRIVATE KEY"))
        #expect(try pair(fixtures, "server.crt", "garbage.key").codes == ["pem-invalid"])

        try fixtures.openssl(["genpkey", "-algorithm", "ed448", "-out", "ed448.key"])
        #expect(try pair(fixtures, "server.crt", "ed448.key").codes == ["key-unsupported"])
    }

    @Test func validityUsesTheInjectedTime() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server", days: 60)
        let leaf = try Certificate(pem: fixtures.read("server.crt"))
        func findings(at now: Date) throws -> [Finding] {
            try pair(fixtures, "server.crt", "server.key", checker: MaterialChecker(context: CheckContext(now: now)))
        }
        let expired = try findings(at: leaf.notAfter.addingTimeInterval(86_400))
        #expect(expired.codes == ["cert-expired"])
        #expect(expired[0].severity == .error)
        #expect(expired[0].message.contains("1 day ago"))
        let early = try findings(at: leaf.notBefore.addingTimeInterval(-3 * 86_400))
        #expect(early.codes == ["cert-not-yet-valid"])
        #expect(early[0].severity == .warning)
        let soon = try findings(at: leaf.notAfter.addingTimeInterval(-10 * 86_400))
        #expect(soon.codes == ["cert-expiring"] && soon[0].severity == .warning)
        let later = try findings(at: leaf.notAfter.addingTimeInterval(-20 * 86_400))
        #expect(later.codes == ["cert-expiring"] && later[0].severity == .info)
        #expect(try findings(at: leaf.notAfter.addingTimeInterval(-40 * 86_400)).isEmpty)
    }

    @Test func aReallyExpiredCertificate() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.expiredLeaf("old")
        let findings = try pair(fixtures, "old.crt", "old.key")
        #expect(findings.with("cert-expired").first?.message.contains("2021-01-01 00:00 UTC") == true)
        #expect(findings.errors.codes == ["cert-expired"])
    }

    @Test func leafFactsGoDoesNotCheckAtLoad() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("nosan", hosts: [])
        let noSAN = try pair(fixtures, "nosan.crt", "nosan.key")
        #expect(noSAN.codes == ["cert-no-san"])
        #expect(noSAN[0].message.contains("legacy Common Name field"))
        // A client certificate needs no SAN.
        try fixtures.leaf("nosanclient", hosts: [], usage: "clientAuth")
        #expect(try pair(fixtures, "nosanclient.crt", "nosanclient.key", role: .client).isEmpty)

        try fixtures.leaf("clientonly", usage: "clientAuth")
        #expect(try pair(fixtures, "clientonly.crt", "clientonly.key").codes == ["cert-unfit-usage"])
        try fixtures.leaf("serveronly", usage: "serverAuth")
        #expect(try pair(fixtures, "serveronly.crt", "serveronly.key", role: .client).codes == ["cert-unfit-usage"])
        try fixtures.certificate("kuenc", subject: "/CN=localhost", issuer: "ca", key: .rsa(2048), days: 90,
                                 extensions: ["keyUsage=critical,keyEncipherment", "subjectAltName=DNS:localhost"])
        let kuFindings = try pair(fixtures, "kuenc.crt", "kuenc.key")
        #expect(kuFindings.codes == ["cert-unfit-usage"])
        #expect(kuFindings[0].message.contains("digitalSignature"))

        try fixtures.ca("rsaca", key: .rsa(2048))
        try fixtures.leaf("weak", issuer: "rsaca", key: .rsa(1024))
        #expect(try pair(fixtures, "weak.crt", "weak.key", known: ["rsaca.crt"]).codes == ["cert-weak-key"])
        try fixtures.leaf("sha1", issuer: "rsaca", key: .rsa(2048), digest: "sha1")
        #expect(try pair(fixtures, "sha1.crt", "sha1.key", known: ["rsaca.crt"]).codes == ["cert-weak-signature"])

        try fixtures.ca("subca", subject: "/CN=Sub CA", issuer: "ca")
        let caAsLeaf = try pair(fixtures, "subca.crt", "subca.key")
        #expect(caAsLeaf.codes == ["cert-no-san", "cert-unfit-usage", "cert-ca-as-leaf"])
        #expect(caAsLeaf.with("cert-ca-as-leaf")[0].severity == .warning)

        try fixtures.leaf("self", issuer: nil)
        let selfSigned = try pair(fixtures, "self.crt", "self.key", known: [])
        #expect(selfSigned.codes == ["cert-self-signed"])
        #expect(selfSigned[0].severity == .info)
        // openssl req -x509 style: self-signed with CA:TRUE is only a note.
        try fixtures.ca("selfca", subject: "/CN=localhost", extensions: ["basicConstraints=critical,CA:TRUE", "subjectAltName=DNS:localhost"])
        let selfCA = try pair(fixtures, "selfca.crt", "selfca.key", known: [])
        #expect(selfCA.codes == ["cert-ca-as-leaf", "cert-self-signed"])
        #expect(selfCA.allSatisfy { $0.severity == .info })

        // Same name as the CA, signed by it: Go accepts, OpenSSL calls it self-signed.
        try fixtures.leaf("samename", subject: "/CN=Test Root CA/O=tlscheck tests")
        #expect(try pair(fixtures, "samename.crt", "samename.key").codes == ["cert-self-issued"])
    }

    @Test func chainsInAndOutOfOrder() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.ca("sub", subject: "/CN=Test Intermediate CA", issuer: "ca")
        try fixtures.leaf("server", issuer: "sub")
        try fixtures.ca("stranger", subject: "/CN=Stranger CA")

        try fixtures.concatenate(["server.crt", "sub.crt"], into: "chain.crt")
        #expect(try pair(fixtures, "chain.crt", "server.key").isEmpty)
        try fixtures.concatenate(["server.crt", "sub.crt", "ca.crt"], into: "full.crt")
        // The root at the end works, but is sent for nothing: a note.
        let full = try pair(fixtures, "full.crt", "server.key")
        #expect(full.codes == ["chain-root-included"])
        #expect(full.allSatisfy { $0.severity == .info })

        try fixtures.concatenate(["server.crt", "ca.crt", "sub.crt"], into: "disorder.crt")
        let disorder = try pair(fixtures, "disorder.crt", "server.key")
        #expect(disorder.codes == ["chain-order"])
        #expect(disorder[0].message.contains("out of order"))

        try fixtures.concatenate(["server.crt", "stranger.crt"], into: "unrelated.crt")
        let unrelated = try pair(fixtures, "unrelated.crt", "server.key")
        #expect(unrelated.codes == ["chain-order"])
        #expect(unrelated[0].message.contains("does not belong"))

        // The intermediate is missing: known to be one, or unknown.
        let missing = try pair(fixtures, "server.crt", "server.key", known: ["ca.crt", "sub.crt"])
        #expect(missing.codes == ["chain-incomplete"])
        #expect(missing[0].message.contains("intermediate CA CN=Test Intermediate CA"))
        #expect(try pair(fixtures, "server.crt", "server.key", known: ["ca.crt"]).codes == ["chain-incomplete"])

        // An intermediate that lists only serverAuth cannot vouch for clients (EKUs nest).
        try fixtures.ca("serversub", subject: "/CN=Server-only CA", issuer: "ca",
                        extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign",
                                     "extendedKeyUsage=serverAuth"])
        try fixtures.leaf("client", issuer: "serversub", usage: "clientAuth")
        try fixtures.concatenate(["client.crt", "serversub.crt"], into: "clientchain.crt")
        let nested = try pair(fixtures, "clientchain.crt", "client.key", role: .client)
        #expect(nested.codes == ["cert-unfit-usage"])
        #expect(nested[0].message.contains("EKUs nest"))
    }

    @Test func caBundles() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        #expect(checker.checkCABundle(file(fixtures, "ca.crt"), purpose: .client).isEmpty)

        try fixtures.write("empty.pem", "")
        let empty = checker.checkCABundle(file(fixtures, "empty.pem"), purpose: .client)
        #expect(empty.codes == ["ca-no-certificate"])
        #expect(empty[0].severity == .error)
        #expect(checker.checkCABundle(file(fixtures, "ca.key"), purpose: .client).codes == ["ca-no-certificate"])
        try fixtures.openssl(["x509", "-in", "ca.crt", "-outform", "der", "-out", "ca.der"])
        let der = checker.checkCABundle(file(fixtures, "ca.der"), purpose: .client)
        #expect(der.codes == ["ca-no-certificate"])
        #expect(der[0].message.contains("DER"))

        try fixtures.leaf("client", usage: "clientAuth")
        let pinned = checker.checkCABundle(file(fixtures, "client.crt"), purpose: .client)
        #expect(pinned.codes == ["ca-not-ca"])
        #expect(pinned[0].severity == .info)

        try fixtures.ca("serverca", subject: "/CN=Server CA",
                        extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign",
                                     "extendedKeyUsage=serverAuth"])
        #expect(checker.checkCABundle(file(fixtures, "serverca.crt"), purpose: .client).codes == ["cert-unfit-usage"])
        #expect(checker.checkCABundle(file(fixtures, "serverca.crt"), purpose: .server).isEmpty)

        try fixtures.ca("nosign", subject: "/CN=No Sign CA",
                        extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature"])
        let nosign = checker.checkCABundle(file(fixtures, "nosign.crt"), purpose: .client)
        #expect(nosign.codes == ["ca-not-ca"] && nosign[0].severity == .warning)

        // One CA expired among good ones: a warning; all expired: an error.
        try fixtures.ca("short", subject: "/CN=Short CA", days: 1)
        try fixtures.concatenate(["ca.crt", "short.crt"], into: "two.pem")
        let later = MaterialChecker(context: CheckContext(now: Date().addingTimeInterval(3 * 86_400)))
        let one = later.checkCABundle(file(fixtures, "two.pem"), purpose: .client)
        #expect(one.codes == ["cert-expired"] && one[0].severity == .warning)
        #expect(one[0].message.contains("certificate 2 of"))
        let all = later.checkCABundle(file(fixtures, "short.crt"), purpose: .client)
        #expect(all.codes == ["cert-expired"] && all[0].severity == .error)

        // A broken block beside a good one: Go skips it, a warning.
        try fixtures.write("mixed.pem", "-----BEGIN CERTIFICATE-----\nbad\n-----END CERTIFICATE-----\n" + fixtures.read("ca.crt"))
        let mixed = checker.checkCABundle(file(fixtures, "mixed.pem"), purpose: .client)
        #expect(mixed.codes == ["pem-invalid"] && mixed[0].severity == .warning)
    }

    /// Bytes from a Secret are checked like a file and named as the Secret key.
    @Test func decodedBytesAreNamedByTheirSource() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.leaf("other")
        let at = Location(path: "secret.yaml", line: 7, column: 3)
        let certificate = MaterialSource.secretKey(
            "tls.crt", of: "exporter-tls", namespace: "monitoring", bytes: Array(try fixtures.read("server.crt").utf8), at: at)
        let key = MaterialSource.secretKey(
            "tls.key", of: "exporter-tls", namespace: "monitoring", bytes: Array(try fixtures.read("other.key").utf8), at: at)
        #expect(certificate.name == "Secret monitoring/exporter-tls key tls.crt")
        let findings = checker.checkKeyPair(certificate: certificate, key: key, role: .server, issuers: .none)
        #expect(findings.codes == ["key-mismatch", "chain-incomplete"])
        #expect(findings[0].message == "server key Secret monitoring/exporter-tls key tls.key does not belong to the server certificate Secret monitoring/exporter-tls key tls.crt (Go: tls: private key does not match public key)")
        #expect(findings.allSatisfy { $0.location == at })
        let empty = MaterialSource.secretKey("ca.crt", of: "trust", namespace: nil, bytes: [], at: at)
        #expect(checker.checkCABundle(empty, purpose: .client).first?.message.hasPrefix("client CA bundle Secret trust key ca.crt holds no certificate Go can use") == true)
    }

    @Test func inlinePEM() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        let findings = checker.checkKeyPair(
            certificate: .inline(pem: try fixtures.read("server.crt"), at: at),
            key: .inline(pem: try fixtures.read("server.key"), at: Location(path: "web-config.yaml", line: 9, column: 8)),
            role: .server, issuers: KnownIssuers([try Certificate(pem: fixtures.read("ca.crt"))]))
        #expect(findings.isEmpty)
        let bad = checker.checkKeyPair(
            certificate: .inline(pem: "", at: at), key: .inline(pem: "x", at: at), role: .server, issuers: .none)
        #expect(bad.codes == ["pem-no-data", "pem-no-data"])
        #expect(bad[0].message.contains("the inline PEM"))
        #expect(checker.checkCABundle(.inline(pem: try fixtures.read("ca.crt"), at: at), purpose: .client).isEmpty)
    }
}

@Suite struct KnownIssuersTests {
    /// The CA certificates beside a file are read once per folder: a second lone leaf of the same
    /// folder gets them from the first read, even after the file is gone.
    @Test func aFolderIsReadOnce() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("one")
        try fixtures.leaf("two")
        let folders = FolderIssuers()
        #expect(folders.issuers(besideFile: fixtures.file("one.crt")).map(\.subject) == ["O=tlscheck tests, CN=Test Root CA"])
        try FileManager.default.removeItem(atPath: fixtures.file("ca.crt"))
        #expect(folders.issuers(besideFile: fixtures.file("two.crt")).count == 1)
        // Another run reads the folder again.
        #expect(FolderIssuers().issuers(besideFile: fixtures.file("two.crt")).isEmpty)
    }

    /// Only asked when the leaf is alone: a chain that carries its issuer never reads the folder.
    @Test func aCompleteChainDoesNotAsk() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.ca("sub", subject: "/CN=Sub CA", issuer: "ca")
        try fixtures.leaf("server", issuer: "sub")
        try fixtures.concatenate(["server.crt", "sub.crt"], into: "chain.crt")
        let folders = FolderIssuers()
        let checker = MaterialChecker(context: CheckContext(now: Date().addingTimeInterval(60)))
        let source = MaterialSource.file(path: fixtures.file("chain.crt"), at: .config)
        #expect(checker.checkCertificateChain(source, role: .server, issuers: .beside(fixtures.file("chain.crt"), in: folders)).isEmpty)
        // The folder was not read then: read now, after the root is gone, it holds only the
        // intermediate (in chain.crt and sub.crt).
        try FileManager.default.removeItem(atPath: fixtures.file("ca.crt"))
        #expect(folders.issuers(besideFile: fixtures.file("server.crt")).map(\.subject) == ["CN=Sub CA", "CN=Sub CA"])
    }
}
