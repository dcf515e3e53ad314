internal import COpenSSL

/// A TLS protocol version a probe can ask for or report.
public enum TLSVersion: String, Sendable, CaseIterable, Codable, Comparable {
    case tls1_0 = "TLS 1.0"
    case tls1_1 = "TLS 1.1"
    case tls1_2 = "TLS 1.2"
    case tls1_3 = "TLS 1.3"

    /// Reads `1.2`, `tls1.2`, `TLSv1.2`, `TLS 1.2`, `tls1_2`.
    public init?(parsing text: String) {
        var value = text.lowercased().replacing(" ", with: "").replacing("_", with: ".")
        if value.hasPrefix("tlsv") { value.removeFirst(4) } else if value.hasPrefix("tls") { value.removeFirst(3) }
        switch value {
        case "1", "1.0": self = .tls1_0
        case "1.1": self = .tls1_1
        case "1.2": self = .tls1_2
        case "1.3": self = .tls1_3
        default: return nil
        }
    }

    /// TLS 1.0 and 1.1 are deprecated (RFC 8996).
    public var isLegacy: Bool { self < .tls1_2 }

    var openSSLValue: Int32 {
        switch self {
        case .tls1_0: TLS1_VERSION
        case .tls1_1: TLS1_1_VERSION
        case .tls1_2: TLS1_2_VERSION
        case .tls1_3: TLS1_3_VERSION
        }
    }

    init?(openSSLValue: Int32) {
        guard let match = Self.allCases.first(where: { $0.openSSLValue == openSSLValue }) else { return nil }
        self = match
    }

    public static func < (a: TLSVersion, b: TLSVersion) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A plaintext protocol that upgrades to TLS on the same connection. Each one is a small dialog
/// (`StartTLSDialog`); adding a protocol means adding a case and its dialog.
public enum StartTLSProtocol: String, Sendable, CaseIterable, Codable {
    /// PostgreSQL's SSLRequest (what libpq and postgres_exporter send before TLS).
    case postgres
}

/// How to probe: trust, identity, what to offer, and how long to wait.
public struct ProbeOptions: Sendable {
    /// PEM bundle of CAs to trust instead of the system store.
    public var caFile: String?
    /// Folder of CA certificates (hashed with `openssl rehash`) to trust instead of the system store.
    public var caDir: String?
    /// Client certificate (PEM, leaf first, intermediates after it) for servers that require one.
    public var certificateFile: String?
    /// Private key of the client certificate (PEM).
    public var keyFile: String?
    /// Report verification problems without failing the probe.
    public var insecure = false
    /// ALPN protocols to offer, in order of preference (`h2`, `http/1.1`).
    public var alpn: [String] = []
    /// Name sent as SNI and checked against the certificate (default: the target's host).
    public var serverName: String?
    public var minVersion: TLSVersion?
    public var maxVersion: TLSVersion?
    /// TLS key-exchange groups to offer (`X25519`, `P-256`), empty for OpenSSL's default.
    public var groups: [String] = []
    /// One deadline per probe covering DNS, connect, STARTTLS, handshake and the read after it.
    public var timeout: Duration = ProbeOptions.defaultTimeout
    public var startTLS: StartTLSProtocol?
    /// How long to wait after the handshake for a refusal a TLS 1.3 server sends only then
    /// (alert 116, certificate required). Ends early when the server sends a session ticket.
    public var readAfterHandshake: Duration = .milliseconds(500)
    /// When the server asked for a client certificate but finished the handshake, send one HTTP
    /// request: nginx (`ssl_verify_client on`) refuses only there, with an HTTP 400.
    public var httpRequestWhenClientCertificateAsked = true
    /// Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.
    public var checkVersions = false
    /// Verify certificates as of this time instead of the clock (nil: now).
    public var verificationTime: Date?
    /// How hints name the client settings: `probe`'s flags, or the keys of the configuration an
    /// endpoint came from (`validate --connect`).
    public var dialect: SettingDialect = .probeFlags

    public static let defaultConcurrency = 64
    public static let defaultTimeout: Duration = .seconds(5)
    /// The longest timeout taken: a day. Longer ones are refused rather than converted (a Double of
    /// 1.8e10 seconds is past the nanoseconds a 64-bit integer holds).
    public static let maximumTimeout: Duration = .seconds(86_400)

    public init() {}
}

/// A dialog that runs before the TLS handshake on the same connection.
public protocol StartTLSDialog {
    /// Bytes to send as soon as the connection is up (empty: wait for the server first).
    var opening: [UInt8] { get }
    /// Everything the server has sent so far; says what to do next. Pure over bytes.
    mutating func received(_ bytes: [UInt8]) -> StartTLSStep
}

public enum StartTLSStep: Sendable {
    case needMore
    case send([UInt8])
    case startHandshake
    case refused(message: String, hint: String)
    case unexpected(message: String, hint: String)
}

extension StartTLSProtocol {
    public func makeDialog() -> any StartTLSDialog {
        switch self {
        case .postgres: PostgresSSLRequest()
        }
    }

    var displayName: String {
        switch self {
        case .postgres: "PostgreSQL"
        }
    }
}

/// PostgreSQL: send SSLRequest (length 8, code 80877103); the server answers one byte, `S` to go on
/// with TLS or `N` when it runs with `ssl = off`.
public struct PostgresSSLRequest: StartTLSDialog, Sendable {
    public let opening: [UInt8] = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]

    public init() {}

    public mutating func received(_ bytes: [UInt8]) -> StartTLSStep {
        guard let first = bytes.first else { return .needMore }
        switch first {
        case UInt8(ascii: "S") where bytes.count == 1:
            return .startHandshake
        case UInt8(ascii: "S"):
            // Nothing may follow the 'S' before the ClientHello: libpq refuses such bytes too
            // ("received unencrypted data after SSL response", CVE-2021-23214).
            let rest = Array(bytes.dropFirst())
            return .unexpected(
                message: "the server answered the PostgreSQL SSLRequest with 'S' and then sent \(ProbeEvidence.describe(rest)) before the TLS handshake: a PostgreSQL server sends nothing after the 'S'",
                hint: "check that the port is a PostgreSQL server, and what sits in front of it")
        case UInt8(ascii: "N"):
            return .refused(
                message: "the PostgreSQL server answered the SSLRequest with 'N': it runs with ssl = off",
                hint: "set ssl = on with ssl_cert_file and ssl_key_file in postgresql.conf and reload")
        case UInt8(ascii: "E"):
            return .unexpected(
                message: "the server answered the PostgreSQL SSLRequest with an error message",
                hint: "this server is too old for SSLRequest or is not PostgreSQL; check the port")
        default:
            return .unexpected(
                message: "the server answered the PostgreSQL SSLRequest with \(ProbeEvidence.describe(bytes))",
                hint: "check that the port is a PostgreSQL server")
        }
    }
}

extension ProbeOptions {
    /// `h2, http/1.1` as a flag gives it: comma-separated, spaces around names ignored.
    public static func list(_ text: String?) -> [String] {
        text.map { $0.split(separator: ",").map { String($0).trimmedSpaces } } ?? []
    }

    /// Why a timeout was not taken.
    public struct TimeoutError: Error, Sendable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "'\(text)' is not a timeout: \(reason)" }
    }

    /// Reads a timeout: `2` and `2s` (seconds), `500ms`, `1.5s`, `1m`; above 0 and at most a day
    /// (`maximumTimeout`). `inf`, `nan` and other spellings are refused.
    public static func parseTimeout(_ text: String) throws(TimeoutError) -> Duration {
        let value = text.trimmedSpaces.lowercased()
        var number = value[...]
        var scale = 1.0
        for (suffix, factor) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where value.hasSuffix(suffix) {
            number = value.dropLast(suffix.count)
            scale = factor
            break
        }
        // Digits, a point and an exponent only: Double() alone would also take `inf`, `nan` and hex.
        let isDecimal = number.first?.isNumber == true || number.first == "-" || number.first == "."
        let isNumeral = isDecimal && number.allSatisfy { $0.isASCII && ($0.isNumber || ".e+-".contains($0)) }
        guard isNumeral, let amount = Double(number), amount.isFinite else {
            throw TimeoutError(text: text, reason: "give seconds such as 2, 2s, 500ms or 1m")
        }
        let seconds = amount * scale
        guard seconds > 0 else { throw TimeoutError(text: text, reason: "it must be above 0") }
        guard seconds <= Double(maximumTimeout.components.seconds) else {
            throw TimeoutError(text: text, reason: "the longest timeout taken is 86400s (a day)")
        }
        // Whole milliseconds: below 1 ms a timeout means nothing on a network.
        return .milliseconds(max(1, Int64((seconds * 1000).rounded())))
    }
}
