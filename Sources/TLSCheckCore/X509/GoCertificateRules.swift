/// Why Go's `x509.ParseCertificate` refuses a certificate, in Go's words (crypto/x509/parser.go).
///
/// OpenSSL reads much that Go refuses: times that are not DER (`x509: malformed UTCTime`), names
/// that are not IA5 (`x509: SAN dNSName is malformed`), IP SANs of 8 bytes, negative serials,
/// duplicate extensions, critical key identifiers. A certificate Go cannot parse is unusable in
/// every Go program (Prometheus, exporters, the Collector), however OpenSSL shows it; and OpenSSL
/// shows a malformed date as 1970 (or a malformed SAN as none at all). So every certificate is
/// walked here, once, the way Go walks it. Pure: a function of the bytes.
///
/// Left out: the checks of the public key's own encoding (RSA parameters, curve points), which
/// `key-unsupported` already covers where they matter, and URI parsing beyond the host.
public enum GoCertificateRules {
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Go's message: `x509: malformed UTCTime`.
        public let message: String
        public let field: Field
        public var description: String { message }
    }

    /// Where the problem is; `validity` means the dates OpenSSL reports cannot be trusted.
    public enum Field: Sendable, Hashable { case structure, serial, names, validity, key, extensions }

    /// nil when Go's parser takes the certificate. A pure function of the bytes.
    public static func problem(der: [UInt8]) -> Problem? {
        DERReader.read(der) { problem(&$0) }
    }

    private static func problem(_ input: inout DERReader) -> Problem? {
        do {
            try check(&input)
            return nil
        } catch {
            return error
        }
    }

    private static func fail(_ message: String, _ field: Field = .structure) -> Problem { Problem(message: message, field: field) }

    private static func check(_ input: inout DERReader) throws(Problem) {
        guard var certificate = input.read(DERTag.sequence) else { throw fail("x509: malformed certificate") }
        guard var tbs = certificate.read(DERTag.sequence) else { throw fail("x509: malformed tbs certificate") }

        var version: Int64 = 0
        if tbs.peek(DERTag.context(0, constructed: true)) {
            guard var explicit = tbs.read(DERTag.context(0, constructed: true)), let value = explicit.readSmallInteger(),
                explicit.isEmpty
            else { throw fail("x509: malformed version") }
            version = value
        }
        guard version >= 0, version <= 3 else { throw fail("x509: malformed version") }
        guard version + 1 <= 3 else { throw fail("x509: invalid version") }

        guard let serial = tbs.readInteger() else { throw fail("x509: malformed serial number", .serial) }
        if serial.negative { throw fail("x509: negative serial number", .serial) }

        guard let innerAlgorithm = tbs.read(DERTag.sequence) else {
            throw fail("x509: malformed signature algorithm identifier")
        }
        guard let outerAlgorithm = certificate.read(DERTag.sequence) else { throw fail("x509: malformed algorithm identifier") }
        guard innerAlgorithm.content.elementsEqual(outerAlgorithm.content) else {
            throw fail("x509: inner and outer signature algorithm identifiers don't match")
        }
        try algorithmIdentifier(innerAlgorithm)

        guard let issuer = tbs.read(DERTag.sequence) else { throw fail("x509: malformed issuer", .names) }
        try name(issuer)
        guard var validity = tbs.read(DERTag.sequence) else { throw fail("x509: malformed validity", .validity) }
        try GoTime.read(&validity)
        try GoTime.read(&validity)
        guard let subject = tbs.read(DERTag.sequence) else { throw fail("x509: malformed issuer", .names) }
        try name(subject)

        guard var spki = tbs.read(DERTag.sequence) else { throw fail("x509: malformed spki", .key) }
        guard let keyAlgorithm = spki.read(DERTag.sequence) else {
            throw fail("x509: malformed public key algorithm identifier", .key)
        }
        try algorithmIdentifier(keyAlgorithm)
        guard spki.readBitString() != nil else { throw fail("x509: malformed subjectPublicKey", .key) }

        if version >= 1 {
            if tbs.peek(DERTag.context(1)), tbs.read(DERTag.context(1)) == nil { throw fail("x509: malformed issuerUniqueID") }
            if tbs.peek(DERTag.context(2)), tbs.read(DERTag.context(2)) == nil { throw fail("x509: malformed subjectUniqueID") }
            if version == 2, let present = tbs.readOptional(DERTag.context(3, constructed: true)) {
                guard var wrapper = present, var extensions = wrapper.read(DERTag.sequence) else {
                    throw fail("x509: malformed extensions", .extensions)
                }
                try GoExtensionRules.check(&extensions)
            }
        }
        guard certificate.readBitString() != nil else { throw fail("x509: malformed signature") }
        guard input.isEmpty else { throw fail("x509: trailing data") }
    }

    private static func algorithmIdentifier(_ identifier: DERReader) throws(Problem) {
        var identifier = identifier
        guard identifier.readObjectIdentifier() != nil else { throw fail("x509: malformed OID") }
        if !identifier.isEmpty, identifier.readAnyElement() == nil { throw fail("x509: malformed parameters") }
    }

    /// Go's `parseName`: a SEQUENCE of SETs of (type, value), every string value valid for its type.
    private static func name(_ name: DERReader) throws(Problem) {
        var rdns = name
        while !rdns.isEmpty {
            guard var set = rdns.read(DERTag.set) else { throw fail("x509: invalid RDNSequence", .names) }
            while !set.isEmpty {
                guard var attribute = set.read(DERTag.sequence) else {
                    throw fail("x509: invalid RDNSequence: invalid attribute", .names)
                }
                guard attribute.readObjectIdentifier() != nil else {
                    throw fail("x509: invalid RDNSequence: invalid attribute type", .names)
                }
                if let problem = attributeValue(&attribute) {
                    throw fail("x509: invalid RDNSequence: invalid attribute value: \(problem)", .names)
                }
            }
        }
    }

    /// Go's `readASN1Any`, as far as it can fail.
    private static func attributeValue(_ attribute: inout DERReader) -> String? {
        guard let (tag, element) = attribute.readAnyElement() else { return "invalid ASN.1 element" }
        var value = element
        switch tag {
        case DERTag.t61String, DERTag.printableString, DERTag.utf8String, DERTag.bmpString, DERTag.ia5String,
            DERTag.numericString:
            guard let content = value.read(tag) else { return "invalid ASN.1 element" }
            return GoStrings.problem(tag: tag, content.content)
        case DERTag.integer:
            return value.readSmallInteger() == nil ? "invalid ASN.1 integer" : nil
        case DERTag.bitString:
            return value.readBitString() == nil ? "invalid ASN.1 BIT STRING" : nil
        case DERTag.octetString:
            return value.read(DERTag.octetString) == nil ? "invalid ASN.1 OCTET STRING" : nil
        case DERTag.objectIdentifier:
            return value.readObjectIdentifier() == nil ? "invalid ASN.1 OBJECT IDENTIFIER" : nil
        case DERTag.utcTime, DERTag.generalizedTime:
            do {
                try GoTime.read(&value)
                return nil
            } catch {
                return error.message
            }
        case DERTag.boolean:
            return value.readBoolean() == nil ? "invalid ASN.1 BOOLEAN" : nil
        default:
            return nil
        }
    }
}

/// Go's checks of ASN.1 string types (`parseASN1String`, `isIA5String`).
enum GoStrings {
    /// nil when Go accepts the content for this string type, else Go's reason.
    static func problem(tag: UInt8, _ content: UnsafeBufferPointer<UInt8>) -> String? {
        switch tag {
        case DERTag.printableString:
            return content.allSatisfy(isPrintable) ? nil : "invalid PrintableString"
        case DERTag.utf8String:
            return String(validating: content, as: UTF8.self) == nil ? "invalid UTF-8 string" : nil
        case DERTag.bmpString:
            return isBMP(content) ? nil : "invalid BMPString"
        case DERTag.ia5String:
            return isIA5(content) ? nil : "invalid IA5String"
        case DERTag.numericString:
            return content.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 } ? nil : "invalid NumericString"
        default:
            return nil  // T61String: read as Latin-1, anything goes
        }
    }

    /// Go's `isIA5String`: every rune below 0x80 (an invalid UTF-8 byte is U+FFFD, so any byte ≥ 0x80 fails).
    static func isIA5(_ content: UnsafeBufferPointer<UInt8>) -> Bool { content.allSatisfy { $0 < 0x80 } }

    /// PrintableString, with the `*` and `&` Go tolerates because real certificates carry them.
    static func isPrintable(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            || (b >= 0x27 && b <= 0x29) || (b >= 0x2B && b <= 0x2F)
            || b == 0x20 || b == 0x3A || b == 0x3D || b == 0x3F || b == 0x2A || b == 0x26
    }

    /// UCS-2: an even length, no surrogates or non-characters (a final NUL pair is allowed).
    static func isBMP(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        guard content.count % 2 == 0 else { return false }
        var units = Array(content)
        if units.count >= 2 && units[units.count - 1] == 0 && units[units.count - 2] == 0 { units.removeLast(2) }
        var i = 0
        while i < units.count {
            let point = UInt16(units[i]) << 8 | UInt16(units[i + 1])
            if point == 0xFFFE || point == 0xFFFF || (0xFDD0...0xFDEF).contains(point) || (0xD800...0xDFFF).contains(point) {
                return false
            }
            i += 2
        }
        return true
    }
}
