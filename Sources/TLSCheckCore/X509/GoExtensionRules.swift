/// Go's reading of certificate times (`readASN1Time`): a UTCTime or GeneralizedTime that Go's
/// `time.Parse` reads and that prints back to the same text, so no leniency (`+0000` for `Z`,
/// trailing zeros in fractions, a 13th month, 30 February).
enum GoTime {
    typealias Problem = GoCertificateRules.Problem

    static func read(_ reader: inout DERReader) throws(Problem) {
        if reader.peek(DERTag.utcTime) {
            guard let value = reader.read(DERTag.utcTime), isUTCTime(value.content) else {
                throw Problem(message: "x509: malformed UTCTime", field: .validity)
            }
        } else if reader.peek(DERTag.generalizedTime) {
            guard let value = reader.read(DERTag.generalizedTime), isGeneralizedTime(value.content) else {
                throw Problem(message: "x509: malformed GeneralizedTime", field: .validity)
            }
        } else {
            throw Problem(message: "x509: unsupported time format", field: .validity)
        }
    }

    /// `YYMMDDhhmmss` then a zone, or (Go's fallback) `YYMMDDhhmm` then a zone.
    static func isUTCTime(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for digits in [12, 10] where text.count > digits {
            let year = 1950 + ((number(text, 0, 2) ?? 0) + 50) % 100
            if date(text, yearDigits: 2, year: year, timeDigits: digits - 6), isZone(text[digits...]) { return true }
        }
        return false
    }

    /// `YYYYMMDDhhmmss`, an optional fraction without trailing zeros, then a zone.
    static func isGeneralizedTime(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count > 14, let year = number(text, 0, 4), date(text, yearDigits: 4, year: year, timeDigits: 6)
        else { return false }
        var rest = text[14...]
        if rest.first == UInt8(ascii: ".") {
            let fraction = rest.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard (1...9).contains(fraction.count), fraction.last != 0x30 else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        return isZone(rest)
    }

    /// `Z`, or an offset other than `+0000` (which prints back as `Z`).
    private static func isZone(_ zone: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if zone.elementsEqual([UInt8(ascii: "Z")]) { return true }
        guard zone.count == 5, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-") else { return false }
        let digits = UnsafeBufferPointer(rebasing: zone.dropFirst())
        guard let hours = number(digits, 0, 2), let minutes = number(digits, 2, 2), hours <= 24, minutes <= 59 else { return false }
        return hours + minutes > 0
    }

    /// Month, day (within the month), hours, minutes and, with 6 time digits, seconds.
    private static func date(_ text: UnsafeBufferPointer<UInt8>, yearDigits: Int, year: Int, timeDigits: Int) -> Bool {
        let at = yearDigits
        guard let month = number(text, at, 2), let day = number(text, at + 2, 2), let hour = number(text, at + 4, 2),
            let minute = number(text, at + 6, 2), (1...12).contains(month), hour <= 23, minute <= 59
        else { return false }
        if timeDigits == 6 {
            guard let second = number(text, at + 8, 2), second <= 59 else { return false }
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    private static func number(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= text.count else { return nil }
        var value = 0
        for byte in text[start..<(start + count)] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// Go's `processExtensions` and the extension list checks of `parseCertificate`.
enum GoExtensionRules {
    typealias Problem = GoCertificateRules.Problem

    private static func fail(_ message: String) -> Problem { Problem(message: message, field: .extensions) }

    static func check(_ extensions: inout DERReader) throws(Problem) {
        var seen: [UnsafeBufferPointer<UInt8>] = []
        while !extensions.isEmpty {
            guard var ext = extensions.read(DERTag.sequence) else { throw fail("x509: malformed extension") }
            guard let oid = ext.readObjectIdentifier() else { throw fail("x509: malformed extension OID field") }
            var critical = false
            if ext.peek(DERTag.boolean) {
                guard let value = ext.readBoolean() else { throw fail("x509: malformed extension critical field") }
                critical = value
            }
            guard let value = ext.read(DERTag.octetString) else { throw fail("x509: malformed extension value field") }
            guard !seen.contains(where: { $0.elementsEqual(oid) }) else {
                throw fail("x509: certificate contains duplicate extension with OID \"\(DERReader.objectIdentifier(oid) ?? "?")\"")
            }
            seen.append(oid)
            try extensionValue(oid, critical: critical, value)
        }
    }

    /// 2.5.29.n as its octets (id-ce), and id-pe-authorityInfoAccess.
    private static let idCE: [UInt8] = [0x55, 0x1D]
    private static let authorityInfoAccess: [UInt8] = [0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01]

    private static func extensionValue(_ oid: UnsafeBufferPointer<UInt8>, critical: Bool, _ value: DERReader) throws(Problem) {
        // id-ce-n as n; 0 (unused in id-ce) for authorityInfoAccess.
        let number: UInt8
        if oid.count == 3 && oid.starts(with: idCE) {
            number = oid.last!
        } else if oid.elementsEqual(authorityInfoAccess) {
            number = 0
        } else {
            return
        }
        var value = value
        switch number {
        case 15:
            if value.readBitString() == nil { throw fail("x509: invalid key usage") }
        case 19:
            guard var constraints = value.read(DERTag.sequence) else { throw fail("x509: invalid basic constraints") }
            if constraints.peek(DERTag.boolean), constraints.readBoolean() == nil { throw fail("x509: invalid basic constraints") }
            if constraints.peek(DERTag.integer) {
                guard let length = constraints.readSmallInteger(), length >= 0 else { throw fail("x509: invalid basic constraints") }
            }
        case 17:
            try subjectAlternativeNames(value)
        case 35:
            if critical { throw fail("x509: authority key identifier incorrectly marked critical") }
            guard var identifier = value.read(DERTag.sequence) else { throw fail("x509: invalid authority key identifier") }
            if identifier.peek(DERTag.context(0)), identifier.read(DERTag.context(0)) == nil {
                throw fail("x509: invalid authority key identifier")
            }
        case 14:
            if critical { throw fail("x509: subject key identifier incorrectly marked critical") }
            if value.read(DERTag.octetString) == nil { throw fail("x509: invalid subject key identifier") }
        case 37:
            guard var usages = value.read(DERTag.sequence) else { throw fail("x509: invalid extended key usages") }
            while !usages.isEmpty {
                guard usages.readObjectIdentifier() != nil else { throw fail("x509: invalid extended key usages") }
            }
        case 32:
            guard var policies = value.read(DERTag.sequence) else { throw fail("x509: invalid certificate policies") }
            var seen: [UnsafeBufferPointer<UInt8>] = []
            while !policies.isEmpty {
                guard var policy = policies.read(DERTag.sequence), let id = policy.readObjectIdentifier(),
                    !seen.contains(where: { $0.elementsEqual(id) })
                else { throw fail("x509: invalid certificate policies") }
                seen.append(id)
            }
        case 0:
            if critical { throw fail("x509: authority info access incorrectly marked critical") }
            guard var accesses = value.read(DERTag.sequence) else { throw fail("x509: invalid authority info access") }
            while !accesses.isEmpty {
                guard var access = accesses.read(DERTag.sequence), access.readObjectIdentifier() != nil else {
                    throw fail("x509: invalid authority info access")
                }
                if access.peek(DERTag.context(6)), access.read(DERTag.context(6)) == nil {
                    throw fail("x509: invalid authority info access")
                }
            }
        default:
            return  // name constraints, policy mappings and the rest: their finer rules are not repeated here
        }
    }

    /// Go's `parseSANExtension`: IA5 names, IP addresses of 4 or 16 bytes, URIs with a valid host.
    static func subjectAlternativeNames(_ value: DERReader) throws(Problem) {
        var value = value
        guard var names = value.read(DERTag.sequence) else { throw fail("x509: invalid subject alternative names") }
        while !names.isEmpty {
            guard let (tag, name) = names.readAny() else { throw fail("x509: invalid subject alternative name") }
            let content = name.content
            switch tag {
            case DERTag.context(1):
                if !GoStrings.isIA5(content) { throw fail("x509: SAN rfc822Name is malformed") }
            case DERTag.context(2):
                if !GoStrings.isIA5(content) { throw fail("x509: SAN dNSName is malformed") }
            case DERTag.context(6):
                if !GoStrings.isIA5(content) { throw fail("x509: SAN uniformResourceIdentifier is malformed") }
                let uri = String(decoding: content, as: UTF8.self)
                if let host = uriHost(uri), !host.isEmpty, !isDomainNameValid(host) {
                    throw fail("x509: cannot parse URI \"\(uri)\": invalid domain")
                }
            case DERTag.context(7):
                if content.count != 4 && content.count != 16 {
                    throw fail("x509: cannot parse IP address of length \(content.count)")
                }
            default:
                continue
            }
        }
    }

    /// The host of `scheme://[userinfo@]host[:port]/…`, nil when there is no authority.
    static func uriHost(_ uri: String) -> String? {
        let bytes = Array(uri.utf8)
        let separator = Array("://".utf8)
        guard let start = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0..<($0 + 3)].elementsEqual(separator) })
        else { return nil }
        var authority = bytes[(start + 3)...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
        if authority.first == UInt8(ascii: "[") { return nil }  // an IPv6 literal
        if let colon = authority.lastIndex(of: UInt8(ascii: ":")),
            authority[(colon + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            authority = authority[..<colon]
        }
        return String(decoding: authority, as: UTF8.self)
    }

    /// Go's `domainNameValid` for names (not constraints): no trailing dot, no empty label, only
    /// printable ASCII.
    static func isDomainNameValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.last != UInt8(ascii: ".") else { return false }
        var labelLength = 0
        for byte in bytes {
            guard byte >= 33 && byte <= 126 else { return false }
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0 else { return false }
                labelLength = 0
            } else {
                labelLength += 1
            }
        }
        return labelLength > 0
    }
}
