#if canImport(Glibc)
import Glibc
#endif

/// What a leaf certificate may be used for: the extended key usages it gets.
public struct LeafUsage: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let server = LeafUsage(rawValue: 1)
    public static let client = LeafUsage(rawValue: 2)
}

/// What a new certificate says about itself; the issuer adds serial, validity dates and key identifiers.
public struct CertificateTemplate: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A CA; `pathLength` limits the intermediates below it (nil: no limit).
        case ca(pathLength: Int?)
        case leaf(LeafUsage)
    }

    public var kind: Kind
    public var commonName: String
    public var organization: String?
    /// Required for leaves (Go ignores the CN); CAs get none.
    public var subjectAlternativeNames: [GeneralName]
    /// Validity in days, counted from notBefore.
    public var days: Int
    /// notBefore lies this far in the past, so clocks a little behind still accept the certificate.
    public var backdate: TimeInterval

    public init(
        kind: Kind, commonName: String, organization: String? = nil, subjectAlternativeNames: [GeneralName] = [],
        days: Int, backdate: TimeInterval = 5 * 60
    ) {
        self.kind = kind
        self.commonName = commonName
        self.organization = organization
        self.subjectAlternativeNames = subjectAlternativeNames
        self.days = days
        self.backdate = backdate
    }

    public var isCA: Bool {
        if case .ca = kind { return true }
        return false
    }

    /// Default validity: a year for leaves, ten years for CAs.
    public static let defaultLeafDays = 365
    public static let defaultCADays = 3650
    /// Above this, public CAs may no longer issue (and tlscheck warns).
    public static let publicLeafLimitDays = 398
    /// Above this, Apple platforms reject TLS server certificates (tlscheck refuses unless told).
    public static let appleLeafLimitDays = 825

    /// Days within 1 and 100 years; leaves above 825 days refused unless allowed, above 398 warned.
    public static func checkDays(_ days: Int, forCA: Bool, allowLong: Bool) throws(GenerationError) -> [String] {
        guard days >= 1 else { throw GenerationError(.usage, "--days must be at least 1, not \(days)") }
        guard days <= 36_500 else { throw GenerationError(.usage, "--days \(days) is more than 100 years") }
        if forCA { return [] }
        if days > appleLeafLimitDays && !allowLong {
            throw GenerationError(.usage, "--days \(days) is above \(appleLeafLimitDays), the most Apple platforms accept for TLS certificates; pass --allow-long-validity to make it anyway")
        }
        if days > publicLeafLimitDays {
            return ["--days \(days) is above \(publicLeafLimitDays): public CAs no longer issue such long-lived certificates and some clients refuse them"]
        }
        return []
    }
}

/// An input problem found before anything is generated or written.
public struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Options that cannot work (a host that does not parse, days out of range, a file an option
        /// names that cannot be read): a usage or setup error, exit 64.
        case usage
        /// Input files that cannot be used (a CA key that does not match), or files that would be
        /// overwritten, or a folder that cannot be written.
        case input
        /// OpenSSL or the system failed unexpectedly.
        case `internal`
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Turns `--host` values into subjectAltName entries.
public enum HostNames {
    public struct Parsed: Sendable, Hashable {
        public let name: GeneralName
        /// Something worth saying about an accepted name (a wildcard over a top-level domain).
        public let warning: String?
    }

    /// IP addresses become IP SANs, `user@domain` e-mail SANs, `scheme://…` URI SANs, anything else a
    /// DNS name (a wildcard allowed as the whole leftmost label). An explicit `DNS:`, `IP:`,
    /// `email:` or `URI:` prefix chooses the kind.
    public static func parse(_ text: String) throws(GenerationError) -> Parsed {
        let lower = text.lowercased()
        for (prefix, kind) in [("dns:", "dns"), ("ip:", "ip"), ("email:", "email"), ("uri:", "uri")]
        where lower.hasPrefix(prefix) {
            let value = String(text.dropFirst(prefix.count))
            switch kind {
            case "ip": return Parsed(name: .ip(try ipAddress(value, original: text)), warning: nil)
            case "email": return Parsed(name: .email(try email(value)), warning: nil)
            case "uri": return Parsed(name: .uri(try uri(value)), warning: nil)
            default: return try dnsName(value)
            }
        }
        if text.isEmpty { throw usage("an empty --host is not a name") }
        if text.contains("://") { return Parsed(name: .uri(try uri(text)), warning: nil) }
        if text.contains("@") { return Parsed(name: .email(try email(text)), warning: nil) }
        if let slash = text.firstIndex(of: "/"), IPAddress.bytes(String(text[..<slash])) != nil {
            throw usage("'\(text)' is a network; a certificate names single addresses (Go cannot parse certificates with network SANs): give each IP address")
        }
        let unbracketed = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        if IPAddress.bytes(unbracketed) != nil {
            return Parsed(name: .ip(try ipAddress(unbracketed, original: text)), warning: nil)
        }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) && text.contains(".") {
            throw usage("'\(text)' is not a valid IPv4 address")
        }
        if text.contains(":") {
            if let colon = text.lastIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isNumber),
                text.filter({ $0 == ":" }).count == 1
            {
                throw usage("'\(text)' looks like host:port; give the host only ('\(text[..<colon])')")
            }
            throw usage("'\(text)' is not a valid IPv6 address or host name")
        }
        return try dnsName(text)
    }

    /// Parses each value; throws at the first bad one. Duplicates are dropped.
    public static func parseAll(_ texts: [String]) throws(GenerationError) -> (names: [GeneralName], warnings: [String]) {
        var names: [GeneralName] = []
        var warnings: [String] = []
        for text in texts {
            let parsed = try parse(text)
            if !names.contains(parsed.name) { names.append(parsed.name) }
            if let warning = parsed.warning { warnings.append(warning) }
        }
        return (names, warnings)
    }

    private static func usage(_ message: String) -> GenerationError { GenerationError(.usage, message) }

    private static func ipAddress(_ text: String, original: String) throws(GenerationError) -> String {
        if text.contains("%") { throw usage("'\(original)': an IPv6 zone (%…) cannot be in a certificate") }
        guard let bytes = IPAddress.bytes(text), let canonical = IPAddress.text(bytes) else {
            throw usage("'\(original)' is not a valid IP address")
        }
        return canonical
    }

    private static func email(_ text: String) throws(GenerationError) -> String {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else { throw usage("'\(text)' is not a valid e-mail address") }
        return text
    }

    private static func uri(_ text: String) throws(GenerationError) -> String {
        guard let range = text.firstRange(of: "://"), text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw usage("'\(text)' is not a valid URI")
        }
        let scheme = text[..<range.lowerBound]
        let schemeCharacters = scheme.allSatisfy { (c: Character) -> Bool in
            c.isLetter || c.isNumber || c == "+" || c == "-" || c == "."
        }
        guard let first = scheme.first, first.isLetter, schemeCharacters else {
            throw usage("'\(text)' is not a valid URI: the scheme is malformed")
        }
        let host = text[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty else { throw usage("'\(text)' is not a valid URI: it has no host (Go rejects such URI SANs)") }
        return text
    }

    private static func dnsName(_ input: String) throws(GenerationError) -> Parsed {
        var text = input
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { throw usage("an empty DNS name is not a name") }
        guard text.allSatisfy(\.isASCII) else {
            throw usage("'\(input)' has non-ASCII letters; give its punycode form (xn--…), which certificates require")
        }
        guard text.count <= 253 else { throw usage("'\(input)' is longer than the 253 characters a DNS name may have") }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        var warning: String?
        for (index, label) in labels.enumerated() {
            if label == "*" && index == 0 {
                if labels.count == 1 { throw usage("'*' alone is not a valid name; give a wildcard such as *.example.com") }
                if labels.count == 2 {
                    warning = "'\(input)' is a wildcard over a whole top-level domain; many clients do not accept it"
                }
                continue
            }
            if label.contains("*") {
                throw usage("'\(input)': a wildcard must be the whole leftmost label (*.example.com)")
            }
            guard !label.isEmpty, label.count <= 63,
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                label.first != "-", label.last != "-"
            else { throw usage("'\(input)' is not a valid DNS name (label '\(label)')") }
        }
        return Parsed(name: .dns(text), warning: warning)
    }
}

/// Passphrases come from files (never from the command line, where `ps` shows them).
public enum Passphrase {
    /// The first line of the file, without its line ending; an empty one is refused.
    public static func read(_ path: String, option: String) throws(GenerationError) -> String {
        switch FileInput.read(path, limit: 64 << 10, origin: .commandLine) {
        case .failure(let error):
            throw GenerationError(.usage, "cannot read \(option) \(path): \(error.reason)")
        case .success(let bytes):
            let line = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
            guard !line.isEmpty else { throw GenerationError(.usage, "\(option) \(path) is empty; a passphrase is needed") }
            return String(decoding: line, as: UTF8.self)
        }
    }
}
