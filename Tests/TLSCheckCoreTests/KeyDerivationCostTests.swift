import Foundation
import Testing

@testable import TLSCheckCore

/// Iteration counts are read before OpenSSL derives anything, and held to `KeyDerivationCost`.
@Suite struct KeyDerivationCostTests {
    func algorithm(_ oid: String, _ parameters: [UInt8]) -> [UInt8] {
        DER.element(0x30, DER.element(0x06, oidBytes(oid)) + parameters)
    }

    func oidBytes(_ oid: String) -> [UInt8] {
        let arcs = oid.split(separator: ".").map { Int($0)! }
        var bytes = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var septets = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                septets.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += septets
        }
        return bytes
    }

    func integer(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return DER.element(0x02, bytes)
    }

    let salt = DER.element(0x04, [1, 2, 3, 4, 5, 6, 7, 8])

    @Test func readsEveryKindOfCount() {
        let pbkdf2 = algorithm(KeyDerivationCost.pbkdf2, DER.element(0x30, salt + integer(2048)))
        let aes = algorithm("2.16.840.1.101.3.4.1.42", DER.element(0x04, [UInt8](repeating: 0, count: 16)))
        let pbes2 = algorithm(KeyDerivationCost.pbes2, DER.element(0x30, pbkdf2 + aes))
        #expect(KeyDerivationCost.work(ofAlgorithm: pbes2) == 2048)
        let scrypt = algorithm(KeyDerivationCost.scrypt, DER.element(0x30, salt + integer(16384) + integer(8) + integer(1)))
        #expect(KeyDerivationCost.work(ofAlgorithm: algorithm(KeyDerivationCost.pbes2, DER.element(0x30, scrypt + aes))) == 16384)
        let pkcs12 = algorithm("1.2.840.113549.1.12.1.3", DER.element(0x30, salt + integer(2_147_483_647)))
        #expect(KeyDerivationCost.work(ofAlgorithm: pkcs12) == 2_147_483_647)
        let pbes1 = algorithm("1.2.840.113549.1.5.10", DER.element(0x30, salt + integer(10_000)))
        #expect(KeyDerivationCost.work(ofAlgorithm: pbes1) == 10_000)
        let huge = algorithm("1.2.840.113549.1.12.1.6", DER.element(0x30, salt + DER.element(0x02, [0x01] + [UInt8](repeating: 0, count: 12))))
        #expect(KeyDerivationCost.work(ofAlgorithm: huge) == Int.max)
        // Not password-based: nothing to derive. Password-based but unreadable: no count, refused.
        #expect(KeyDerivationCost.work(ofAlgorithm: aes) == 0)
        #expect(KeyDerivationCost.work(ofAlgorithm: algorithm(KeyDerivationCost.pbes2, DER.element(0x30, aes))) == nil)
        #expect(KeyDerivationCost.work(ofAlgorithm: algorithm("1.2.840.113549.1.12.1.3", DER.element(0x30, salt + DER.element(0x02, [0xFB])))) == nil)
    }

    @Test func oneDerivationAndOneFile() {
        var budget = KeyDerivationCost.Budget()
        #expect(budget.spend(2048, for: "MAC") == nil)
        #expect(budget.spend(1_000_001, for: "MAC")?.reason == .tooMany(1_000_001))
        #expect(budget.spend(nil, for: "encrypted key")?.reason == .unreadable)
        for _ in 0..<3 { #expect(budget.spend(1_000_000, for: "encrypted certificates") == nil) }
        let over = budget.spend(1_000_000, for: "encrypted key")
        #expect(over?.reason == .overBudget(1_000_000))
        #expect(over?.description == "its encrypted key asks for 1,000,000 more iterations, past the 4,000,000 tlscheck does for all key derivations of one file")
        #expect(KeyDerivationCost.Refusal(what: "MAC", reason: .tooMany(2_147_483_647)).description
                == "its MAC asks for 2,147,483,647 iterations, more than the 1,000,000 tlscheck does for one key derivation")
    }

    /// A PKCS#12 file made by openssl, then edited: its structure, and the SafeContents inside its
    /// authSafe's OCTET STRING.
    func p12(_ fixtures: OpenSSLFixtures) throws -> DERNode {
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.openssl(["pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:secret"])
        return DERNode(Array(try Data(contentsOf: URL(fileURLWithPath: fixtures.file("server.p12")))))
    }

    func expiry(_ path: String) -> ExpiryReport {
        ExpiryScanner(context: CheckContext(now: Date()), warn: 30 * 86_400, critical: nil, passphrase: "secret").scan([path])
    }

    @Test func aPKCS12MACCountIsRefusedBeforeAnyWork() throws {
        let fixtures = try OpenSSLFixtures()
        var pfx = try p12(fixtures)
        #expect(expiry(fixtures.file("server.p12")).rows.count == 1)
        pfx[2, 2] = DERNode(tag: 0x02, content: [0x7F, 0xFF, 0xFF, 0xFF])  // MacData.iterations
        try Data(pfx.encoded).write(to: URL(fileURLWithPath: fixtures.file("mac.p12")))
        let result = expiry(fixtures.file("mac.p12"))
        #expect(result.rows.isEmpty)
        #expect(result.report.findings.codes == ["key-derivation-too-costly"])
        #expect(result.report.findings[0].message.contains("its MAC asks for 2,147,483,647 iterations"))
        #expect(result.exitStatus == 1)
    }

    @Test func aShroudedKeyCountIsRefused() throws {
        let fixtures = try OpenSSLFixtures()
        var pfx = try p12(fixtures)
        pfx.children!.removeLast()  // no MAC: the bags are reached without one
        // authSafe [0] OCTET STRING → AuthenticatedSafe; its last ContentInfo is the key's data safe.
        var safes = DERNode(pfx[1, 1, 0].content)
        let last = safes.children!.count - 1
        var keys = DERNode(safes[last, 1, 0].content)
        // SafeBag → [0] EncryptedPrivateKeyInfo → AlgorithmIdentifier → PBES2 params → PBKDF2 → params → count
        keys[0, 1, 0, 0, 1, 0, 1, 1] = DERNode(tag: 0x02, content: [0x7F, 0xFF, 0xFF, 0xFF])
        safes[last, 1, 0] = DERNode(tag: 0x04, content: keys.encoded)
        pfx[1, 1, 0] = DERNode(tag: 0x04, content: safes.encoded)
        try Data(pfx.encoded).write(to: URL(fileURLWithPath: fixtures.file("key.p12")))
        let result = CertificateInspector(context: CheckContext(now: Date()), passphrase: "secret").inspect([fixtures.file("key.p12")])
        #expect(result.report.findings.codes == ["key-derivation-too-costly"])
        #expect(result.report.findings.first?.message.contains("its encrypted key asks for 2,147,483,647 iterations") == true)
    }

    @Test func anEncryptedPKCS8CountIsRefused() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.openssl(["pkcs8", "-topk8", "-in", "ca.key", "-out", "enc.key", "-passout", "pass:secret", "-v2", "aes-256-cbc", "-iter", "2048"])
        let block = try #require(PEM.scan(try fixtures.read("enc.key")).blocks.first)
        var info = DERNode(block.bytes)
        #expect(info[0, 1, 0, 1, 1] == DERNode(tag: 0x02, content: [0x08, 0x00]))
        info[0, 1, 0, 1, 1] = DERNode(tag: 0x02, content: [0x7F, 0xFF, 0xFF, 0xFF])
        let pem = PEM.encode(info.encoded, label: "ENCRYPTED PRIVATE KEY")
        #expect(throws: PrivateKey.LoadError.tooCostly(.init(what: "encrypted key", reason: .tooMany(2_147_483_647)))) {
            try PrivateKey(pem: pem, passphrase: "secret")
        }
        #expect(try PrivateKey(pem: fixtures.read("enc.key"), passphrase: "secret").algorithm == .ec(curve: "P-256"))
        try fixtures.write("bundle.pem", try fixtures.read("ca.crt") + pem)
        let result = CertificateInspector(context: CheckContext(now: Date()), passphrase: "secret").inspect([fixtures.file("bundle.pem")])
        #expect(result.report.findings.with("key-derivation-too-costly").count == 1)
    }
}

extension DERNode: Equatable {
    static func == (a: DERNode, b: DERNode) -> Bool { a.encoded == b.encoded }
}
