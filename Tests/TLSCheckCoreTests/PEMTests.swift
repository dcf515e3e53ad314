import Foundation
import Testing

@testable import TLSCheckCore

@Suite struct PEMTests {
    @Test func findsBlocksWithLinesInAMixedFileWithJunk() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        let certificate = try fixtures.read("ca.crt")
        let key = try fixtures.read("ca.key")
        let text = "junk before\nBag Attributes: x\n" + certificate + "\nsome text between\n\n" + key + "trailing junk"
        let scan = PEM.scan(text)
        #expect(scan.blocks.map(\.label) == ["CERTIFICATE", "PRIVATE KEY"])
        #expect(scan.blocks[0].line == 3)
        let keyLine = 3 + certificate.split(separator: "\n").count + 3
        #expect(scan.blocks[1].line == keyLine)
        #expect(scan.malformed.isEmpty)
        #expect(try Certificate(der: scan.blocks[0].bytes).commonName == "Test Root CA")
    }

    @Test func brokenBlocksDoNotHideLaterOnes() {
        let good = PEM.encode([0x30, 0x03, 0x02, 0x01, 0x01], label: "CERTIFICATE")
        let text = "-----BEGIN CERTIFICATE-----\nbad certificate\n-----END CERTIFICATE-----\n"
            + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END KEY-----\n" + good
        let scan = PEM.scan(text)
        #expect(scan.blocks.count == 1)
        #expect(scan.blocks.first?.line == 7)
        #expect(scan.blocks.first?.bytes == [0x30, 0x03, 0x02, 0x01, 0x01])
        #expect(scan.malformed.map(\.line) == [1, 4])
        #expect(scan.malformed[0].reason.contains("base64"))
    }

    @Test func readsHeadersOfLegacyEncryptedKeysAndCRLF() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,00\r\n\r\nAAAA\r\n-----END RSA PRIVATE KEY-----\r\n"
        let block = PEM.scan(text).blocks.first
        #expect(block?.headers["Proc-Type"] == "4,ENCRYPTED")
        #expect(block?.isEncrypted == true)
        #expect(block?.isPrivateKey == true)
        #expect(block?.bytes == [0, 0, 0])
    }

    @Test func emptyAndUnterminatedInputs() {
        #expect(PEM.scan("").blocks.isEmpty)
        #expect(PEM.scan("-----BEGIN CERTIFICATE-----\nAAAA\n").malformed.first?.reason == "no END line follows")
        #expect(PEM.scan("x\n-----BEGIN CERTIFICATE-----\n").malformed.first?.reason == "the file ends before the END line")
        #expect(PEM.scan("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n").blocks.first?.bytes == [])
        #expect(!PEM.looksLikePEM([0x30, 0x82, 0x01]))
    }

    /// The decoder PEM blocks and Secret values share, against Foundation's on every length, and
    /// Go's rules for padding and white space.
    @Test func base64AsGoReadsIt() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
            let text = Data(bytes).base64EncodedString()
            #expect(Base64.decode(text) == bytes)
            // Line breaks, CRs, spaces and tabs anywhere are skipped.
            let spaced = text.enumerated().map { $0.offset % 5 == 4 ? "\($0.element)\r\n \t" : "\($0.element)" }.joined()
            #expect(Base64.decode(spaced) == bytes)
        }
        for bad in ["QQ=", "Q===", "QQ=A", "QQ==QQ==", "QUJD*", "QUJ", "=QQQ", "QUJD\u{a0}"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
        #expect(Base64.decode("QQ==\n") == [0x41])
        #expect(Base64.decode("") == [])
    }

    @Test func encodesIn64ColumnLines() {
        let text = PEM.encode([UInt8](repeating: 7, count: 100), label: "X")
        let lines = text.split(separator: "\n")
        #expect(lines.first == "-----BEGIN X-----")
        #expect(lines[1].count == 64)
        #expect(lines.last == "-----END X-----")
        #expect(PEM.scan(text).blocks.first?.bytes == [UInt8](repeating: 7, count: 100))
    }
}
