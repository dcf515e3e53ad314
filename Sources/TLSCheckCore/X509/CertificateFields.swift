/// A subjectAltName entry.
public enum GeneralName: Sendable, Hashable, CustomStringConvertible {
    case dns(String)
    /// Text form: dotted IPv4 or compressed IPv6 (Go's canonical form).
    case ip(String)
    case email(String)
    case uri(String)
    /// Any other kind (directory name, otherName, registeredID, or an IP entry of a wrong length).
    case other(String)

    public var description: String {
        switch self {
        case .dns(let name): "DNS:\(name)"
        case .ip(let address): "IP:\(address)"
        case .email(let address): "email:\(address)"
        case .uri(let uri): "URI:\(uri)"
        case .other(let text): text
        }
    }

    /// The value without its kind prefix.
    public var value: String {
        switch self {
        case .dns(let v), .ip(let v), .email(let v), .uri(let v), .other(let v): v
        }
    }
}

/// The algorithm of a public or private key.
public enum KeyAlgorithm: Sendable, Hashable, CustomStringConvertible {
    case rsa
    case rsaPSS
    /// `curve` is the NIST name where there is one (`P-256`), else OpenSSL's (`brainpoolP256r1`).
    case ec(curve: String)
    case ed25519
    case ed448
    case dsa
    case other(String)

    public var description: String {
        switch self {
        case .rsa: "RSA"
        case .rsaPSS: "RSA-PSS"
        case .ec(let curve): "EC \(curve)"
        case .ed25519: "Ed25519"
        case .ed448: "Ed448"
        case .dsa: "DSA"
        case .other(let name): name
        }
    }

    /// Whether Go's crypto/tls can use a key of this kind (RSA, ECDSA P-224/256/384/521, Ed25519).
    public var isSupportedByGo: Bool {
        switch self {
        case .rsa, .ed25519: true
        case .ec(let curve): ["P-224", "P-256", "P-384", "P-521"].contains(curve)
        default: false
        }
    }

    /// A name for the same family of keys, ignoring the curve (for "type does not match" checks).
    var family: String {
        switch self {
        case .ec: "EC"
        default: description
        }
    }
}

/// A key's algorithm and size: "RSA 2048", "EC P-256 (256 bits)", "Ed25519".
public struct PublicKeyInfo: Sendable, Hashable, CustomStringConvertible {
    public let algorithm: KeyAlgorithm
    public let bits: Int

    public init(algorithm: KeyAlgorithm, bits: Int) {
        self.algorithm = algorithm
        self.bits = bits
    }

    public var description: String {
        switch algorithm {
        case .rsa, .rsaPSS, .dsa: "\(algorithm) \(bits)"
        default: algorithm.description
        }
    }
}

/// The algorithm a certificate is signed with.
public struct SignatureAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// OpenSSL's long name, e.g. `ecdsa-with-SHA256`, `sha256WithRSAEncryption`, `ED25519`.
    public let name: String
    /// The digest (`SHA256`, `SHA1`, `MD5`), nil for algorithms without a separate one (Ed25519).
    public let digest: String?

    public init(name: String, digest: String?) {
        self.name = name
        self.digest = digest
    }

    /// SHA-1 and MD5: Go refuses them for chain building, browsers long ago.
    public var isWeak: Bool { digest == "SHA1" || digest == "MD5" || digest == "MD4" || digest == "MD2" }

    public var description: String { name }
}

/// The keyUsage extension (RFC 5280 §4.2.1.3).
public struct KeyUsage: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    public static let contentCommitment = KeyUsage(rawValue: 1 << 1)
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    static let names: [(KeyUsage, String)] = [
        (.digitalSignature, "digitalSignature"), (.contentCommitment, "contentCommitment"),
        (.keyEncipherment, "keyEncipherment"), (.dataEncipherment, "dataEncipherment"),
        (.keyAgreement, "keyAgreement"), (.keyCertSign, "keyCertSign"), (.cRLSign, "cRLSign"),
        (.encipherOnly, "encipherOnly"), (.decipherOnly, "decipherOnly"),
    ]

    /// `["digitalSignature", "keyEncipherment"]`
    public var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }
    public var description: String { names.isEmpty ? "(none)" : names.joined(separator: ", ") }
}

/// One purpose of the extendedKeyUsage extension.
public enum ExtendedKeyUsage: Sendable, Hashable, CustomStringConvertible {
    case serverAuth
    case clientAuth
    case codeSigning
    case emailProtection
    case timeStamping
    case ocspSigning
    /// anyExtendedKeyUsage: valid for every purpose.
    case any
    /// Another purpose, by dotted OID.
    case other(String)

    public var description: String {
        switch self {
        case .serverAuth: "serverAuth"
        case .clientAuth: "clientAuth"
        case .codeSigning: "codeSigning"
        case .emailProtection: "emailProtection"
        case .timeStamping: "timeStamping"
        case .ocspSigning: "OCSPSigning"
        case .any: "anyExtendedKeyUsage"
        case .other(let oid): oid
        }
    }
}

/// The basicConstraints extension.
public struct BasicConstraints: Sendable, Hashable {
    public let isCA: Bool
    /// pathLenConstraint; nil when absent (no limit).
    public let pathLength: Int?
    public let isCritical: Bool

    public init(isCA: Bool, pathLength: Int?, isCritical: Bool) {
        self.isCA = isCA
        self.pathLength = pathLength
        self.isCritical = isCritical
    }
}

/// What a certificate is for: a TLS server, a TLS client, or a CA (trust anchor or issuer).
public enum CertificateRole: String, Sendable, CaseIterable {
    case server
    case client
    case ca

    /// The extended key usage a leaf needs for this role (nil for a CA).
    public var requiredUsage: ExtendedKeyUsage? {
        switch self {
        case .server: .serverAuth
        case .client: .clientAuth
        case .ca: nil
        }
    }
}

enum Hex {
    /// `AB:CD:EF`, as OpenSSL prints fingerprints and key identifiers.
    static func colonSeparated(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }

    static func plain(_ bytes: some Sequence<UInt8>) -> String {
        colonSeparated(bytes).filter { $0 != ":" }
    }
}

/// A certificate's serial number: the magnitude's bytes and its sign, as the DER INTEGER holds them.
public struct SerialNumber: Sendable, Hashable, CustomStringConvertible {
    /// Big-endian magnitude, without the sign byte DER adds for a high first bit.
    public let magnitude: [UInt8]
    /// Go 1.23 refuses certificates with negative serials (`x509: negative serial number`).
    public let isNegative: Bool

    public init(magnitude: [UInt8], isNegative: Bool) {
        self.magnitude = magnitude
        self.isNegative = isNegative
    }

    /// Upper-case hex of an even number of digits, as `openssl x509 -serial` prints it; `-` first
    /// when negative; `00` for zero.
    public var hex: String {
        let significant = magnitude.drop { $0 == 0 }
        let digits = significant.isEmpty ? "00" : Hex.plain(significant)
        return (isNegative ? "-" : "") + digits
    }

    /// Length of the magnitude in bytes (RFC 5280: at most 20 octets).
    public var length: Int { magnitude.count }

    public var description: String { hex }
}

/// A distinguished name (subject or issuer) as one line, most specific first: `CN=localhost, O=Example`.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    /// An empty name: RFC 5280 forbids it for issuers and Java refuses it (cert-manager#3634).
    public var isEmpty: Bool { text.isEmpty }
    public var description: String { text }
}

extension DistinguishedName {
    init(_ name: OpaquePointer?) { self.init(OpenSSLSupport.readable(name)) }
}
