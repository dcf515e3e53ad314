import Foundation
import Testing

@testable import TLSCheckCore

@Suite struct CertificateTests {
    @Test func readsTheFactsOpenSSLPrints() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca", subject: "/O=Example/CN=Example CA")
        try fixtures.leaf("server", subject: "/O=Example/CN=localhost",
                          hosts: ["DNS:localhost", "DNS:*.example.org", "IP:127.0.0.1", "IP:::1",
                                  "email:ops@example.org", "URI:spiffe://example.org/node"],
                          usage: "serverAuth,clientAuth")
        let bundle = Certificate.bundle(from: Array(try fixtures.read("server.crt").utf8))
        let leaf = try #require(bundle.entries.first?.certificate)
        let ca = try Certificate(pem: try fixtures.read("ca.crt"))

        #expect(leaf.subject == "CN=localhost, O=Example")
        #expect(leaf.issuer == "CN=Example CA, O=Example")
        #expect(leaf.commonName == "localhost")
        #expect(leaf.subjectAlternativeNames == [
            .dns("localhost"), .dns("*.example.org"), .ip("127.0.0.1"), .ip("::1"),
            .email("ops@example.org"), .uri("spiffe://example.org/node"),
        ])
        let serial = try fixtures.openssl(["x509", "-in", "server.crt", "-noout", "-serial"])
        #expect("serial=" + leaf.serialNumberHex == serial.trimmingCharacters(in: .whitespacesAndNewlines))
        let fingerprint = try fixtures.openssl(["x509", "-in", "server.crt", "-noout", "-fingerprint", "-sha256"])
        #expect(fingerprint.contains(leaf.sha256Fingerprint))
        #expect(leaf.publicKey == PublicKeyInfo(algorithm: .ec(curve: "P-256"), bits: 256))
        #expect(leaf.publicKey.description == "EC P-256")
        #expect(leaf.signatureAlgorithm.name == "ecdsa-with-SHA256")
        #expect(leaf.signatureAlgorithm.digest == "SHA256")
        #expect(!leaf.signatureAlgorithm.isWeak)
        #expect(leaf.keyUsage == [.digitalSignature, .keyEncipherment])
        #expect(leaf.extendedKeyUsage == [.serverAuth, .clientAuth])
        #expect(leaf.basicConstraints == BasicConstraints(isCA: false, pathLength: nil, isCritical: true))
        #expect(leaf.version == 3)
        #expect(leaf.authorityKeyIdentifier == ca.subjectKeyIdentifier)
        #expect(leaf.subjectKeyIdentifier != nil)
        #expect(leaf.notAfter.timeIntervalSince(leaf.notBefore) == 365 * 86_400)
        #expect(abs(leaf.notBefore.timeIntervalSinceNow) < 600)

        #expect(!leaf.isSelfIssued && !leaf.isSelfSigned)
        #expect(leaf.isIssued(by: ca))
        #expect(!ca.isIssued(by: leaf))
        #expect(ca.isSelfSigned)
        #expect(ca.basicConstraints?.isCA == true)
        #expect(ca.keyUsage == [.keyCertSign, .cRLSign])
        #expect(ca.extendedKeyUsage == nil)
        #expect(ca.allows(.clientAuth))

        #expect(try Certificate(der: leaf.der).isSame(as: leaf))
        #expect(PEM.scan(leaf.pem).blocks.first?.bytes == leaf.der)
    }

    /// `expiry` reads certificates without their keys: every name, date and extension must be what a
    /// full parse gives, and the OpenSSL error queue must be left clean for the next caller.
    @Test func aCertificateReadWithoutItsKeyHasTheSameFacts() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca", subject: "/O=Example/CN=Example CA")
        try fixtures.leaf("server", subject: "/O=Example/CN=localhost",
                          hosts: ["DNS:localhost", "IP:127.0.0.1", "URI:spiffe://example.org/node"], usage: "serverAuth")
        for name in ["server", "ca"] {
            let pem = try fixtures.read("\(name).crt")
            let full = try #require(Certificate.bundle(from: Array(pem.utf8)).entries.first?.certificate)
            let keyless = try #require(KeylessCertificate.keylessBundle(from: Array(pem.utf8)).entries.first?.certificate)
            #expect(!(keyless is Certificate))
            #expect(keyless.subject == full.subject && keyless.issuer == full.issuer)
            #expect(keyless.serialNumberHex == full.serialNumberHex)
            #expect(keyless.notBefore == full.notBefore && keyless.notAfter == full.notAfter)
            #expect(keyless.subjectAlternativeNames == full.subjectAlternativeNames)
            #expect(keyless.keyUsage == full.keyUsage && keyless.extendedKeyUsage == full.extendedKeyUsage)
            #expect(keyless.basicConstraints == full.basicConstraints)
            #expect(keyless.subjectKeyIdentifier == full.subjectKeyIdentifier)
            #expect(keyless.authorityKeyIdentifier == full.authorityKeyIdentifier)
            #expect(keyless.der == full.der)
        }
        // Nothing of the keyless parses is left in the queue: the next failure reports its own reason.
        #expect {
            _ = try KeylessCertificate(der: [0x30, 0x03, 0x02, 0x01, 0x05])
        } throws: { error in
            let reasons = (error as? OpenSSLError)?.reasons ?? []
            return !reasons.isEmpty && !reasons.contains { $0.contains("unsupported") }
        }
    }

    @Test func keyTypesAndWeakSignatures() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("rsa", key: .rsa(1024))
        try fixtures.ca("p384", key: .ec("P-384"))
        try fixtures.ca("ed", key: .ed25519)
        try fixtures.leaf("sha1", issuer: "rsa", key: .rsa(2048), digest: "sha1")
        #expect(try Certificate(pem: fixtures.read("rsa.crt")).publicKey.description == "RSA 1024")
        #expect(try Certificate(pem: fixtures.read("p384.crt")).publicKey.algorithm == .ec(curve: "P-384"))
        let ed = try Certificate(pem: fixtures.read("ed.crt"))
        #expect(ed.publicKey.algorithm == .ed25519)
        #expect(ed.signatureAlgorithm.digest == nil)
        let sha1 = try Certificate(pem: fixtures.read("sha1.crt"))
        #expect(sha1.signatureAlgorithm.digest == "SHA1")
        #expect(sha1.signatureAlgorithm.isWeak)
    }

    @Test func readsDERAndReportsGarbage() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.openssl(["x509", "-in", "ca.crt", "-outform", "der", "-out", "ca.der"])
        let der = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures.file("ca.der"))))
        let bundle = Certificate.bundle(from: der)
        #expect(!bundle.isPEM)
        #expect(bundle.entries.first?.certificate.commonName == "Test Root CA")
        #expect(Certificate.bundle(from: [0x30, 0x01, 0x00]).problems.count == 1)
        #expect(Certificate.bundle(from: Array("hello".utf8)).entries.isEmpty)
        #expect(throws: OpenSSLError.self) { try Certificate(der: [1, 2, 3]) }
    }

    @Test func privateKeysInEveryFormat() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.ca("other")
        let certificate = try Certificate(pem: fixtures.read("ca.crt"))
        try fixtures.openssl(["pkey", "-in", "ca.key", "-out", "sec1.key", "-traditional"])
        try fixtures.openssl(["genrsa", "-out", "rsa.key", "2048"])
        try fixtures.openssl(["pkey", "-in", "rsa.key", "-out", "pkcs1.key", "-traditional"])
        try fixtures.openssl(["genpkey", "-algorithm", "ed25519", "-out", "ed.key"])
        try fixtures.openssl(["pkey", "-in", "ca.key", "-out", "enc.key", "-aes256", "-passout", "pass:secret"])
        try fixtures.openssl(["pkey", "-in", "sec1.key", "-out", "legacy.key", "-traditional", "-aes128", "-passout", "pass:secret"])

        let pkcs8 = try PrivateKey(pem: fixtures.read("ca.key"))
        #expect(pkcs8.format == .pkcs8)
        #expect(pkcs8.algorithm == .ec(curve: "P-256"))
        #expect(pkcs8.matches(certificate))
        #expect(try !PrivateKey(pem: fixtures.read("other.key")).matches(certificate))
        let sec1 = try PrivateKey(pem: fixtures.read("sec1.key"))
        #expect(sec1.format == .sec1 && sec1.matches(certificate))
        let pkcs1 = try PrivateKey(pem: fixtures.read("pkcs1.key"))
        #expect(pkcs1.format == .pkcs1 && pkcs1.info.description == "RSA 2048")
        #expect(try PrivateKey(pem: fixtures.read("ed.key")).algorithm == .ed25519)

        #expect(throws: PrivateKey.LoadError.encrypted(.encryptedPKCS8)) { try PrivateKey(pem: fixtures.read("enc.key")) }
        #expect(throws: PrivateKey.LoadError.encrypted(.encryptedLegacy)) { try PrivateKey(pem: fixtures.read("legacy.key")) }
        #expect(throws: PrivateKey.LoadError.wrongPassphrase) { try PrivateKey(pem: fixtures.read("enc.key"), passphrase: "nope") }
        #expect(try PrivateKey(pem: fixtures.read("enc.key"), passphrase: "secret").matches(certificate))
        #expect(try PrivateKey(pem: fixtures.read("legacy.key"), passphrase: "secret").matches(certificate))
        #expect(throws: PrivateKey.LoadError.certificateInsteadOfKey) { try PrivateKey(pem: fixtures.read("ca.crt")) }
        #expect(throws: PrivateKey.LoadError.noPEMData) { try PrivateKey(pem: "nothing here") }
    }
}
