/// A TLS alert description, named as RFC 8446 §6 names it (with the values TLS 1.2 and earlier
/// used, which servers still send). OpenSSL 3.0 has no name for 116 and others, so the names are here.
public enum TLSAlert: UInt8, Sendable {
    case closeNotify = 0
    case unexpectedMessage = 10
    case badRecordMAC = 20
    case decryptionFailed = 21
    case recordOverflow = 22
    case decompressionFailure = 30
    case handshakeFailure = 40
    case noCertificate = 41
    case badCertificate = 42
    case unsupportedCertificate = 43
    case certificateRevoked = 44
    case certificateExpired = 45
    case certificateUnknown = 46
    case illegalParameter = 47
    case unknownCA = 48
    case accessDenied = 49
    case decodeError = 50
    case decryptError = 51
    case exportRestriction = 60
    case protocolVersion = 70
    case insufficientSecurity = 71
    case internalError = 80
    case inappropriateFallback = 86
    case userCanceled = 90
    case noRenegotiation = 100
    case missingExtension = 109
    case unsupportedExtension = 110
    case certificateUnobtainable = 111
    case unrecognizedName = 112
    case badCertificateStatusResponse = 113
    case badCertificateHashValue = 114
    case unknownPSKIdentity = 115
    case certificateRequired = 116
    case noApplicationProtocol = 120

    /// `handshake failure`: the RFC's name with spaces.
    public var name: String {
        switch self {
        case .badRecordMAC: "bad record mac"
        case .unknownCA: "unknown ca"
        case .unknownPSKIdentity: "unknown psk identity"
        default:
            String(describing: self).reduce(into: "") { name, character in
                if character.isUppercase { name += " " + character.lowercased() } else { name.append(character) }
            }
        }
    }

    /// The name of any alert value, `alert 200` for one the RFCs do not assign.
    public static func name(_ code: UInt8) -> String {
        TLSAlert(rawValue: code)?.name ?? "alert \(code)"
    }

    /// The alerts a server sends when it refuses the client certificate it received.
    static let certificateRefusals: Set<TLSAlert> = [
        .handshakeFailure, .badCertificate, .unsupportedCertificate, .certificateRevoked, .certificateExpired,
        .certificateUnknown, .unknownCA, .accessDenied, .decryptError,
    ]
}
