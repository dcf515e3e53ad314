import Foundation
import Testing

@testable import TLSCheckCore

/// OpenSSL's verdict on chains made by `openssl` at test time: root → intermediate → leaf.
@Suite struct ChainVerifierTests {
    let fixtures: OpenSSLFixtures
    let root: Certificate
    let intermediate: Certificate
    let leaf: Certificate
    let now = Date().addingTimeInterval(60)

    init() throws {
        fixtures = try OpenSSLFixtures()
        try fixtures.ca("root", subject: "/CN=Test Root")
        try fixtures.ca("int", subject: "/CN=Test Intermediate", issuer: "root")
        try fixtures.leaf("server", hosts: ["DNS:localhost", "DNS:*.example.test", "IP:127.0.0.1"], issuer: "int")
        root = try Certificate(pem: fixtures.read("root.crt"))
        intermediate = try Certificate(pem: fixtures.read("int.crt"))
        leaf = try Certificate(pem: fixtures.read("server.crt"))
    }

    func verify(
        _ chain: [Certificate]? = nil, anchors: [Certificate]? = nil, peer: ExpectedPeer? = .dns("localhost"),
        purpose: VerificationPurpose = .serverAuth, at time: Date? = nil
    ) -> ChainVerification {
        ChainVerifier.verify(chain ?? [leaf, intermediate], anchors: .certificates(anchors ?? [root]), peer: peer,
                             purpose: purpose, at: time ?? now)
    }

    @Test func aGoodChain() {
        let result = verify()
        #expect(result.isVerified && result.code == 0 && result.name == "X509_V_OK" && result.depth == nil)
        #expect(result.verifiedChain.map(\.subject) == ["CN=localhost", "CN=Test Intermediate", "CN=Test Root"])
        #expect(verify(peer: .dns("a.example.test")).isVerified)
        #expect(verify(peer: nil).isVerified)
        // An intermediate in the anchors is an anchor, as in a Go CertPool.
        #expect(verify(anchors: [intermediate]).isVerified)
    }

    @Test func unknownAuthorityAndMissingIntermediate() throws {
        try fixtures.ca("stranger", subject: "/CN=Stranger")
        let stranger = try Certificate(pem: fixtures.read("stranger.crt"))
        let unknown = verify(anchors: [stranger])
        #expect(unknown.name == "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY" && unknown.code == 20)
        #expect(unknown.message == "unable to get local issuer certificate")
        let missing = verify([leaf])
        #expect(missing.name == "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY" && missing.depth == 0)
        #expect(missing.verifiedChain.first?.isSame(as: leaf) == true)
        let empty = ChainVerifier.verify([], anchors: .system, peer: nil, purpose: .serverAuth, at: now)
        #expect(!empty.isVerified && empty.message == "no certificate was presented")
    }

    @Test func namesAndAddresses() throws {
        let mismatch = verify(peer: .dns("other.example"))
        #expect(mismatch.name == "X509_V_ERR_HOSTNAME_MISMATCH" && mismatch.code == 62)
        // One label for a wildcard, as Go matches it.
        #expect(verify(peer: .dns("a.b.example.test")).name == "X509_V_ERR_HOSTNAME_MISMATCH")
        #expect(verify(peer: ExpectedPeer("127.0.0.1")).isVerified)
        #expect(verify(peer: .ip("10.0.0.9")).name == "X509_V_ERR_IP_ADDRESS_MISMATCH")
        // A DNS SAN that spells an address does not match the address; the CN is never a name.
        try fixtures.leaf("dnsip", subject: "/CN=10.0.0.1", hosts: ["DNS:10.0.0.1"], issuer: "int")
        let dnsIP = try Certificate(pem: fixtures.read("dnsip.crt"))
        #expect(verify([dnsIP, intermediate], peer: ExpectedPeer("10.0.0.1")).name == "X509_V_ERR_IP_ADDRESS_MISMATCH")
        try fixtures.leaf("cnonly", subject: "/CN=legacy.example", hosts: [], issuer: "int")
        let cnOnly = try Certificate(pem: fixtures.read("cnonly.crt"))
        #expect(verify([cnOnly, intermediate], peer: .dns("legacy.example")).name == "X509_V_ERR_HOSTNAME_MISMATCH")
    }

    @Test func theTimeIsTheOneGiven() {
        let expired = verify(at: leaf.notAfter.addingTimeInterval(86_400))
        #expect(expired.name == "X509_V_ERR_CERT_HAS_EXPIRED" && expired.code == 10 && expired.depth == 0)
        #expect(verify(at: leaf.notBefore.addingTimeInterval(-86_400)).name == "X509_V_ERR_CERT_NOT_YET_VALID")
        #expect(verify(at: leaf.notAfter.addingTimeInterval(-86_400)).isVerified)
    }

    @Test func purposes() throws {
        let asClient = verify(purpose: .clientAuth)
        #expect(asClient.name == "X509_V_ERR_INVALID_PURPOSE" && asClient.code == 26)
        try fixtures.leaf("client", hosts: [], issuer: "int", usage: "clientAuth")
        let client = try Certificate(pem: fixtures.read("client.crt"))
        #expect(verify([client, intermediate], peer: nil, purpose: .clientAuth).isVerified)
        #expect(verify([client, intermediate], peer: nil, purpose: .serverAuth).name == "X509_V_ERR_INVALID_PURPOSE")
    }

    @Test func theSystemStore() throws {
        try fixtures.leaf("self", issuer: nil)
        let selfSigned = try Certificate(pem: fixtures.read("self.crt"))
        let result = ChainVerifier.verify([selfSigned], anchors: .system, peer: .dns("localhost"), purpose: .serverAuth, at: now)
        #expect(result.name == "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT")
    }

    @Test func aCertificateAsTheProbeReportsIt() {
        let peer = PeerCertificate(leaf)
        #expect(peer.subject == "CN=localhost" && peer.issuer == "CN=Test Intermediate")
        #expect(peer.subjectAlternativeNames == ["DNS:localhost", "DNS:*.example.test", "IP:127.0.0.1"])
        #expect(peer.publicKey == "EC P-256" && peer.serialNumber == leaf.serialNumber.hex)
        #expect(peer.sha256Fingerprint == leaf.sha256Fingerprint.filter { $0 != ":" }.lowercased())
        #expect(!peer.isCA && !peer.isSelfSigned && peer.notAfter == leaf.notAfter)
    }
}
