import Foundation
import Testing

@testable import TLSCheckCore

/// A certificate's DER as a tree, to edit one field of a generated certificate and encode it again
/// (the signature no longer matches; parsing does not check it).
struct DERNode {
    var tag: UInt8
    var content: [UInt8]
    var children: [DERNode]?

    init(tag: UInt8, content: [UInt8]) {
        self.tag = tag
        self.content = content
    }

    init(_ der: [UInt8]) {
        var index = 0
        self = DERNode.read(der, &index)
    }

    private static func read(_ der: [UInt8], _ index: inout Int) -> DERNode {
        let tag = der[index]
        var length = Int(der[index + 1])
        index += 2
        if length & 0x80 != 0 {
            let octets = length & 0x7F
            length = der[index..<(index + octets)].reduce(0) { $0 << 8 | Int($1) }
            index += octets
        }
        var node = DERNode(tag: tag, content: Array(der[index..<(index + length)]))
        if tag & 0x20 != 0 {
            var inner = index
            var children: [DERNode] = []
            while inner < index + length { children.append(read(der, &inner)) }
            node.children = children
        }
        index += length
        return node
    }

    var encoded: [UInt8] { DER.element(tag, children.map { $0.flatMap(\.encoded) } ?? content) }

    subscript(path: Int...) -> DERNode {
        get { path.reduce(self) { $0.children![$1] } }
        set { set(path[...], newValue) }
    }

    private mutating func set(_ path: ArraySlice<Int>, _ value: DERNode) {
        guard let first = path.first else {
            self = value
            return
        }
        children![first].set(path.dropFirst(), value)
    }
}

@Suite struct GoCertificateRulesTests {
    /// A leaf with SANs of every kind, its DER, and paths into it.
    func leaf(_ fixtures: OpenSSLFixtures) throws -> DERNode {
        try fixtures.ca("ca")
        try fixtures.leaf("server", hosts: ["DNS:localhost", "IP:127.0.0.1", "email:ops@example.org", "URI:spiffe://example.org/x"])
        return DERNode(try Certificate(pem: fixtures.read("server.crt")).der)
    }

    // tbs is [0]; in it: 0 version, 1 serial, 2 signature, 3 issuer, 4 validity, 5 subject, 6 spki, 7 [3] extensions.
    static let validity = [0, 4]
    static let extensions = [0, 7, 0]

    func problem(_ node: DERNode) -> String? { GoCertificateRules.problem(der: node.encoded)?.message }

    func withExtension(_ node: DERNode, oid: String, _ edit: (inout DERNode) -> Void) -> DERNode {
        var node = node
        var list = node[0, 7, 0]
        let index = list.children!.firstIndex { DERReader.objectIdentifier($0.children![0].content[...]) == oid }!
        edit(&list.children![index])
        node[0, 7, 0] = list
        return node
    }

    @Test func acceptsWhatOpenSSLAndGoBothRead() throws {
        let fixtures = try OpenSSLFixtures()
        #expect(problem(try leaf(fixtures)) == nil)
        try fixtures.ca("rsa", key: .rsa(2048))
        try fixtures.ca("ed", key: .ed25519)
        for name in ["ca", "rsa", "ed"] {
            #expect(GoCertificateRules.problem(der: try Certificate(pem: fixtures.read("\(name).crt")).der) == nil, "\(name)")
        }
        // Every root of the system bundle (Go reads it as its trust store).
        let system = Certificate.bundle(from: Array((try? Data(contentsOf: URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt"))) ?? Data()))
        #expect(system.problems.isEmpty, "\(system.problems.prefix(3))")
    }

    @Test func malformedTimes() throws {
        let fixtures = try OpenSSLFixtures()
        let node = try leaf(fixtures)
        func notAfter(tag: UInt8 = DERTag.utcTime, _ text: String) -> String? {
            var edited = node
            edited[0, 4, 1] = DERNode(tag: tag, content: Array(text.utf8))
            return problem(edited)
        }
        #expect(notAfter("301231235959Z") == nil)
        #expect(notAfter("3012312359Z") == nil)  // minutes only: Go's fallback layout
        #expect(notAfter("301231235959+0100") == nil)
        #expect(notAfter("3012312359XYZ") == "x509: malformed UTCTime")
        #expect(notAfter("301331235959Z") == "x509: malformed UTCTime")  // month 13
        #expect(notAfter("300230235959Z") == "x509: malformed UTCTime")  // 30 February
        #expect(notAfter("280229235959Z") == nil)  // 2028 is a leap year
        #expect(notAfter("301231235960Z") == "x509: malformed UTCTime")
        #expect(notAfter("301231235959+0000") == "x509: malformed UTCTime")  // Go prints it back as Z
        #expect(notAfter("301231235959") == "x509: malformed UTCTime")
        #expect(notAfter(tag: DERTag.generalizedTime, "20301231235959Z") == nil)
        #expect(notAfter(tag: DERTag.generalizedTime, "20301231235959.5Z") == nil)
        #expect(notAfter(tag: DERTag.generalizedTime, "20301231235959.50Z") == "x509: malformed GeneralizedTime")
        #expect(notAfter(tag: DERTag.generalizedTime, "301231235959Z") == "x509: malformed GeneralizedTime")
        #expect(notAfter(tag: DERTag.printableString, "301231235959Z") == "x509: unsupported time format")
        var noValidity = node
        noValidity[0, 4] = DERNode(tag: DERTag.set, content: [])
        #expect(problem(noValidity) == "x509: malformed validity")
        #expect(GoCertificateRules.problem(der: noValidity.encoded)?.field == .validity)
    }

    @Test func malformedNamesAndExtensions() throws {
        let fixtures = try OpenSSLFixtures()
        let node = try leaf(fixtures)
        let san = "2.5.29.17"
        func sans(_ names: [DERNode]) -> DERNode {
            withExtension(node, oid: san) { ext in
                ext.children![ext.children!.count - 1] = DERNode(tag: DERTag.octetString, content: DER.element(0x30, names.flatMap(\.encoded)))
            }
        }
        #expect(problem(sans([DERNode(tag: 0x82, content: Array("h\u{e9}te".utf8))])) == "x509: SAN dNSName is malformed")
        #expect(problem(sans([DERNode(tag: 0x81, content: [0x80])])) == "x509: SAN rfc822Name is malformed")
        #expect(problem(sans([DERNode(tag: 0x87, content: [10, 0, 0, 0, 255, 0, 0, 0])])) == "x509: cannot parse IP address of length 8")
        #expect(problem(sans([DERNode(tag: 0x86, content: Array("https://bad..name/x".utf8))]))
                == "x509: cannot parse URI \"https://bad..name/x\": invalid domain")
        #expect(problem(sans([DERNode(tag: 0x86, content: Array("https://user@good.example:8443/x".utf8))])) == nil)
        let notASequence = withExtension(node, oid: san) { ext in
            ext.children![ext.children!.count - 1].content[0] = 0x31
        }
        #expect(problem(notASequence) == "x509: invalid subject alternative names")

        var twice = node
        twice[0, 7, 0].children!.append(twice[0, 7, 0].children!.last!)
        #expect(problem(twice)?.hasPrefix("x509: certificate contains duplicate extension with OID \"") == true)
        let criticalSKI = withExtension(node, oid: "2.5.29.14") { ext in
            ext.children!.insert(DERNode(tag: DERTag.boolean, content: [0xFF]), at: 1)
        }
        #expect(problem(criticalSKI) == "x509: subject key identifier incorrectly marked critical")

        var negative = node
        negative[0, 1] = DERNode(tag: DERTag.integer, content: [0xF0, 0x01])
        #expect(problem(negative) == "x509: negative serial number")
        var padded = node
        padded[0, 1] = DERNode(tag: DERTag.integer, content: [0x00, 0x01])
        #expect(problem(padded) == "x509: malformed serial number")
        var badName = node
        badName[0, 5] = DERNode(tag: 0x30, content: DER.element(0x31, DER.element(0x30, [0x06, 0x03, 0x55, 0x04, 0x03] + DER.element(0x13, Array("a_b".utf8)))))
        #expect(problem(badName) == "x509: invalid RDNSequence: invalid attribute value: invalid PrintableString")
        #expect(GoCertificateRules.problem(der: node.encoded + [0])?.message == "x509: trailing data")
    }

    /// Loading: a certificate with malformed dates is a finding, not a certificate of 1970 or 9999;
    /// one Go refuses for another field is shown, with the refusal.
    @Test func inspectAndExpiryReportThem() throws {
        let fixtures = try OpenSSLFixtures()
        var node = try leaf(fixtures)
        node[0, 4, 1] = DERNode(tag: DERTag.utcTime, content: Array("3012312359XYZ".utf8))
        try fixtures.write("undated.pem", PEM.encode(node.encoded, label: "CERTIFICATE"))
        let now = Date()
        let inspected = CertificateInspector(context: CheckContext(now: now)).inspect([fixtures.file("undated.pem")])
        #expect(inspected.report.findings.codes == ["pem-invalid"])
        #expect(inspected.report.findings[0].message.contains("x509: malformed UTCTime; its dates cannot be read"))
        #expect(inspected.report.findings[0].severity == .error)
        #expect(inspected.files.first?.groups.isEmpty == true)
        let expiry = ExpiryScanner(context: CheckContext(now: now), warn: 30 * 86_400, critical: nil).scan([fixtures.file("undated.pem")])
        #expect(expiry.rows.isEmpty)
        #expect(expiry.exitStatus == 1 && expiry.report.findings.codes == ["pem-invalid"])

        let sans = withExtension(try leaf(fixtures), oid: "2.5.29.17") { ext in
            ext.children![ext.children!.count - 1].content[0] = 0x31
        }
        try fixtures.write("badsan.pem", PEM.encode(sans.encoded, label: "CERTIFICATE"))
        let bad = CertificateInspector(context: CheckContext(now: now)).inspect([fixtures.file("badsan.pem")])
        let summary = try #require(bad.files.first?.groups.first?.certificates.first)
        #expect(summary.subjectAlternativeNames.isEmpty && summary.subjectAlternativeNamesUnreadable)
        #expect(summary.goParseProblem == "x509: invalid subject alternative names")
        #expect(bad.report.findings.codes.contains("pem-invalid"))
        #expect(!bad.report.findings.codes.contains("cert-no-san"))
        let text = InspectionRenderer().text(bad)
        #expect(text.contains("SANs              (malformed extension: it cannot be decoded)"))
    }
}
