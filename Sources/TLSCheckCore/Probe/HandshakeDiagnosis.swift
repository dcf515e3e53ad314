#if canImport(Glibc)
import Glibc
#endif

/// What a probe saw of a handshake that did not come to a good end, as plain values: recorded on a
/// live connection, replayed in tests, or built by a fuzz target from bytes.
public struct HandshakeObservation: Sendable {
    public enum Phase: Sendable {
        /// The plaintext dialog before TLS (`--starttls`).
        case startTLS
        case handshake
        /// The read after a finished handshake (TLS 1.3 servers refuse a client certificate only then).
        case afterHandshake
    }

    /// The server, as messages name it (`localhost:8443`).
    public var target: String
    public var phase: Phase
    /// OpenSSL's error queue after the failing call, as codes.
    public var reasons: [OpenSSLReason] = []
    /// The alert the server sent (`TLSAlert` names it), other than close_notify.
    public var alert: UInt8?
    /// The first bytes the server sent (at most 1 KB): a non-TLS server is recognised by them.
    public var evidence: [UInt8] = []
    /// The server closed its end (end of file).
    public var peerClosed = false
    /// `errno` of a failed send or receive, 0 for none.
    public var socketError: Int32 = 0
    /// Set when the deadline passed: the timeout it was.
    public var timedOut: Duration?
    public var serverHelloSeen = false
    public var certificateRequestSeen = false
    /// A client certificate was configured (and so sent when asked for).
    public var clientCertificateConfigured = false
    public var startTLS: StartTLSProtocol?
    public var minVersion: TLSVersion?
    public var maxVersion: TLSVersion?
    public var alpnOffered: [String] = []
    /// The name sent as SNI.
    public var serverName = ""
    /// `SSL_get_error`'s value, named when OpenSSL gave no reason.
    public var sslError: Int32 = 0

    public init(target: String, phase: Phase) {
        self.target = target
        self.phase = phase
    }

    var clientCertificateSent: Bool { certificateRequestSeen && clientCertificateConfigured }
}

/// Why a handshake failed, from what was observed: evidence bytes first (a plaintext HTTP port, SSH,
/// PostgreSQL), then the server's alert, the socket, OpenSSL's reason codes, the hang-up. Pure: no
/// connection, no clock, no OpenSSL state — every branch has a unit test on a recorded observation.
public enum HandshakeDiagnosis {
    public static func diagnose(_ seen: HandshakeObservation, dialect: SettingDialect = .probeFlags) -> ProbeDiagnosis {
        let target = seen.target
        if seen.phase == .startTLS {
            return startTLSFailure(seen)
        }
        if let verdict = ProbeEvidence.classify(seen.evidence, target: target) {
            return ProbeDiagnosis(verdict.check, verdict.message, hint: verdict.hint)
        }
        if let timeout = seen.timedOut {
            let detail = seen.evidence.isEmpty
                ? "accepted the connection but sent nothing in reply to the ClientHello within \(timeout.probeText)"
                : "did not finish the TLS handshake within \(timeout.probeText)"
            return ProbeDiagnosis(.handshakeTimeout, "\(target) \(detail)")
        }
        if let alert = seen.alert {
            return alertDiagnosis(alert, seen, dialect: dialect)
        }
        if seen.phase == .afterHandshake {
            guard seen.certificateRequestSeen, !seen.clientCertificateConfigured else {
                return ProbeDiagnosis(.connectionClosed, "\(target) closed the connection right after the handshake")
            }
            return ProbeDiagnosis(.clientCertRequired,
                "\(target) asked for a client certificate and closed the connection right after the handshake, when none was sent",
                setting: .certificate)
        }
        if seen.socketError != 0 { return socketFailure(seen, during: "the TLS handshake") }
        let joined = seen.reasons.map(\.text).joined(separator: ", ")
        if seen.reasons.contains(where: \.isVersionRefusal) {
            return ProbeDiagnosis(.protocolVersionMismatch,
                "\(target) chose a TLS version this probe does not allow (\(versionRange(seen))): \(joined)", setting: .minVersion)
        }
        if seen.reasons.contains(where: \.isNoSharedParameters) {
            return ProbeDiagnosis(.noSharedCipher, "no cipher suite or group in common with \(target): \(joined)")
        }
        if seen.peerClosed || seen.reasons.contains(where: \.isUnexpectedEOF) {
            let when = seen.evidence.isEmpty ? "without answering the ClientHello" : "in the middle of the TLS handshake"
            return ProbeDiagnosis(.connectionClosed, "\(target) closed the connection \(when)", setting: .serverName)
        }
        if seen.reasons.contains(where: \.isExcessiveMessage) {
            return ProbeDiagnosis(.tlsError,
                "the TLS handshake with \(target) failed: \(joined) (a handshake message, usually the certificate chain, is over OpenSSL's 100 KB limit; Go's clients take up to 64 KB per certificate)")
        }
        return ProbeDiagnosis(.tlsError, "the TLS handshake with \(target) failed: \(joined.isEmpty ? "SSL error \(seen.sslError)" : joined)")
    }

    /// A server that hangs up on a ClientHello without a byte may be PostgreSQL, which answers only
    /// its own SSLRequest: worth a second connection that asks (only without --starttls).
    public static func mayBePostgres(_ seen: HandshakeObservation) -> Bool {
        seen.phase == .handshake && seen.timedOut == nil && seen.evidence.isEmpty && seen.startTLS == nil
            && diagnose(seen).check == .connectionClosed
    }

    /// Why one version was refused (`--versions`), in a word or two.
    public static func versionRefusal(_ seen: HandshakeObservation) -> String {
        seen.alert.map { "alert \(TLSAlert.name($0))" } ?? seen.reasons.first?.text ?? "refused"
    }

    static func startTLSFailure(_ seen: HandshakeObservation) -> ProbeDiagnosis {
        let dialog = "the \(seen.startTLS?.displayName ?? "") STARTTLS dialog"
        if let timeout = seen.timedOut {
            return ProbeDiagnosis(.handshakeTimeout, "\(dialog) with \(seen.target) did not finish within \(timeout.probeText)")
        }
        if seen.socketError != 0 { return socketFailure(seen, during: dialog) }
        return ProbeDiagnosis(.connectionClosed, "\(seen.target) closed the connection during \(dialog)")
    }

    static func socketFailure(_ seen: HandshakeObservation, during: String) -> ProbeDiagnosis {
        if seen.socketError == ECONNRESET || seen.socketError == EPIPE {
            return ProbeDiagnosis(.connectionReset, "\(seen.target) reset the connection during \(during)")
        }
        return ProbeDiagnosis(.connectionReset,
            "the connection to \(seen.target) failed during \(during): \(String(cString: strerror(seen.socketError)))")
    }

    static func alertDiagnosis(_ code: UInt8, _ seen: HandshakeObservation, dialect: SettingDialect) -> ProbeDiagnosis {
        let alert = TLSAlert(rawValue: code)
        let name = TLSAlert.name(code)
        let said = "\(seen.target) sent TLS alert \(code) (\(name))"
        let asked = seen.certificateRequestSeen && !seen.clientCertificateSent
        switch alert {
        case .protocolVersion:
            return ProbeDiagnosis(.protocolVersionMismatch, "\(said): it accepts none of the TLS versions offered (\(versionRange(seen)))",
                setting: .minVersion)
        case .certificateRequired:
            return ProbeDiagnosis(.clientCertRequired, "\(said) after the handshake: it requires a client certificate and none was sent",
                setting: .certificate)
        case .handshakeFailure? where asked, .badCertificate? where asked:
            return ProbeDiagnosis(.clientCertRequired, "\(said) after asking for a client certificate: it requires one and none was sent",
                setting: .certificate)
        case let alert? where seen.clientCertificateSent && TLSAlert.certificateRefusals.contains(alert):
            return ProbeDiagnosis(.clientCertRejected,
                "\(said): it rejected the client certificate from \(dialect.spelled(.certificate)) (\(name))", setting: .certificate)
        case .handshakeFailure? where !seen.serverHelloSeen, .insufficientSecurity:
            return ProbeDiagnosis(.noSharedCipher, "\(said): no cipher suite or key-exchange group in common")
        case .noApplicationProtocol:
            return ProbeDiagnosis(.alpnNotNegotiated,
                "\(said): it supports none of the ALPN protocols offered (\(seen.alpnOffered.joined(separator: ", ")))",
                hint: "offer a protocol the server supports, or enable it (h2 for gRPC) on the server")
        case .unrecognizedName:
            return ProbeDiagnosis(.tlsAlert, "\(said): it does not know the name \(seen.serverName) sent as SNI", setting: .serverName)
        default:
            return ProbeDiagnosis(.tlsAlert, "\(said)\(seen.phase == .afterHandshake ? " after the handshake" : " during the handshake")")
        }
    }

    static func versionRange(_ seen: HandshakeObservation) -> String {
        switch (seen.minVersion, seen.maxVersion) {
        case (nil, nil): "OpenSSL's defaults, TLS 1.2 and 1.3"
        case (let min?, nil): "\(min.rawValue) and newer"
        case (nil, let max?): "up to \(max.rawValue)"
        case (let min?, let max?): min == max ? "only \(min.rawValue)" : "\(min.rawValue) to \(max.rawValue)"
        }
    }
}
