/// One conclusion of a diagnosis: the catalogue's check, the message, and which client setting is
/// at fault. The hint is produced for the input at hand (`hint(in:)`): `probe` names its flags, a
/// Collector config `tls.ca_file`, the SDK environment `OTEL_EXPORTER_OTLP_CERTIFICATE`.
public struct ProbeDiagnosis: Sendable {
    public var check: Check
    public var message: String
    /// The client setting that would fix it, when a client setting can.
    public var setting: ClientSetting?
    /// A hint about the server or the port rather than a client setting (evidence, STARTTLS).
    public var fixedHint: String?

    public init(_ check: Check, _ message: String, setting: ClientSetting? = nil, hint: String? = nil) {
        self.check = check
        self.message = message
        self.setting = setting
        self.fixedHint = hint
    }

    /// The hint in `dialect`'s words.
    public func hint(in dialect: SettingDialect) -> String {
        fixedHint ?? ProbeHints.hint(check, setting: setting, dialect: dialect)
    }

    /// The finding for a target or configuration location.
    public func finding(at location: Location, dialect: SettingDialect, severity: Severity? = nil) -> Finding {
        Finding(check, message, at: location, hint: hint(in: dialect), severity: severity)
    }
}

/// Hints that name a client setting. For `.probeFlags` they are the texts `probe` has always
/// printed; for other inputs the same advice names that input's key, variable or flag, and says so
/// when the input has no such setting.
enum ProbeHints {
    static func hint(_ check: Check, setting: ClientSetting?, dialect: SettingDialect) -> String {
        let generic = check.defaultHint ?? ""
        guard let setting else { return generic }
        let isProbe = dialect == .probeFlags
        let name = dialect.spelled(setting)
        switch (check, setting) {
        case (.unknownAuthority, .trust):
            return isProbe ? generic : "set \(name) to the CA that issued the server's certificate (and give the same CA to the other clients)"
        case (.serverCertSelfSigned, .trust):
            return isProbe ? generic : "set \(name) to this certificate, or issue the server a certificate from a CA"
        case (.hostnameMismatch, .serverName):
            if isProbe { return generic }
            // An input without a server-name setting (the OTLP environment) can only change the host it dials.
            return "issue a certificate with this name or IP in its SANs, or connect with a name it has"
                + (dialect[setting].map { " (\($0))" } ?? " in the endpoint (the \(dialect.input) has no server-name setting)")
        case (.clientCertRequired, .certificate):
            if isProbe { return generic }
            guard let key = dialect[.key], let certificate = dialect[.certificate] else {
                return "the \(dialect.input) cannot send a client certificate: the server must not require one"
            }
            return "set \(certificate) and \(key) to a client certificate the server's client CA signed"
        case (.protocolVersionMismatch, _):
            guard !isProbe else { return generic }
            let names = [dialect[.minVersion], dialect[.maxVersion]].compactMap { $0 }
            return "align the minimum and maximum TLS versions on both sides\(names.isEmpty ? "" : " (here: \(names.joined(separator: ", ")))"); TLS 1.2 and 1.3 are the usual choice"
        case (.verificationSkipped, _):
            return isProbe ? generic : "drop \(dialect.spelled(.skipVerify)) and set \(dialect.spelled(.trust)) to the server's CA"
        case (.tlsAlert, .serverName):
            return "use \(name) with a name the server is configured for"
        case (.connectionClosed, .serverName):
            return isProbe ? generic : "check the server's logs; try \(name) with the name the server expects"
        default:
            return generic
        }
    }
}
