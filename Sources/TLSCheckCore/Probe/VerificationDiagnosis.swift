internal import COpenSSL

/// How a client was told whom to trust.
public struct TrustConfiguration: Sendable {
    /// PEM bundle of CAs that replaces the system store.
    public var caFile: String?
    /// Hashed folder of CAs (`openssl rehash`) that replaces the system store.
    public var caDirectory: String?

    public init(caFile: String? = nil, caDirectory: String? = nil) {
        self.caFile = caFile
        self.caDirectory = caDirectory
    }

    /// The system trust store.
    public static let systemStore = TrustConfiguration()

    public var isCustom: Bool { caFile != nil || caDirectory != nil }

    /// `--ca-file ca.pem` / `tls.ca_file ca.pem` / `the system trust store`.
    func words(_ dialect: SettingDialect) -> String {
        guard isCustom else { return "the system trust store" }
        let folder = dialect == .probeFlags ? "--ca-dir" : "the CA folder"
        return [caFile.map { "\(dialect.spelled(.trust)) \($0)" }, caDirectory.map { "\(folder) \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}

/// What certificate verification of one chain came to, as plain values: OpenSSL's verify result
/// for the chain a server presented (or a chain read from files), and what the diagnosis needs to
/// tell the causes apart. Nothing here needs a connection.
public struct VerificationInput: Sendable {
    /// `X509_STORE_CTX_get_error` / `SSL_get_verify_result`: 0 (`X509_V_OK`) or an `X509_V_ERR_…` value.
    public var verifyResult: Int
    /// The chain as presented, leaf first.
    public var chain: [PeerCertificate]
    /// The host name or IP address the client checks the leaf against.
    public var expectedName: String
    /// The time verification is judged at.
    public var time: Date
    public var trust: TrustConfiguration
    /// Whether the leaf covers `expectedName` (`X509_check_host` / `X509_check_ip_asc`), known even
    /// when OpenSSL stopped at another error first.
    public var leafMatchesName: Bool
    /// Whether the leaf has an Authority Information Access extension (public CAs set it; a client
    /// could fetch the missing intermediate from it, Go and OpenSSL do not).
    public var leafHasAuthorityInformationAccess: Bool
    /// How messages name the server: `localhost:8443`, or a file for a static check.
    public var subject: String
    /// The subjects of the trust anchors, when the caller knows them (a static check of a
    /// configuration's CA bundle); nil for a live probe, whose store may be the system's.
    public var anchorSubjects: [String]?

    public init(
        verifyResult: Int, chain: [PeerCertificate], expectedName: String, time: Date, trust: TrustConfiguration,
        leafMatchesName: Bool, leafHasAuthorityInformationAccess: Bool, subject: String
    ) {
        self.verifyResult = verifyResult
        self.chain = chain
        self.expectedName = expectedName
        self.time = time
        self.trust = trust
        self.leafMatchesName = leafMatchesName
        self.leafHasAuthorityInformationAccess = leafHasAuthorityInformationAccess
        self.subject = subject
    }

    /// `X509_V_OK`, `X509_V_ERR_HOSTNAME_MISMATCH`: the symbolic name (numbers moved between versions).
    public var resultName: String { VerifyErrorNames.name(verifyResult) }
    /// OpenSSL's words for the result ("hostname mismatch").
    public var resultText: String { String(cString: X509_verify_cert_error_string(numericCast(verifyResult))) }
    var expectsIPAddress: Bool { SocketAddress.numeric(expectedName, port: 0) != nil }
}

/// Why a chain does not verify, with one code and one explanation whether the chain was seen on a
/// live connection (`probe`, `validate --connect`) or read from files and verified against a
/// configuration's CA bundle (the static cross-checks).
///
/// ```swift
/// let input = VerificationInput(verifyResult: Int(X509_STORE_CTX_get_error(store)), chain: chain,
///     expectedName: "node-1", time: Date(), trust: TrustConfiguration(caFile: "ca.pem"),
///     leafMatchesName: matches, leafHasAuthorityInformationAccess: false, subject: "node-1:9100")
/// for diagnosis in VerificationDiagnosis.diagnose(input, dialect: .prometheus) { … }
/// ```
public enum VerificationDiagnosis {
    /// Empty when the chain verified and covers the name. Otherwise OpenSSL's verdict first, then
    /// what a client would hit next (OpenSSL stops at the first problem): a name the leaf does not
    /// cover, an expired or not yet valid certificate. Each message ends with the `X509_V_ERR_…` name.
    public static func diagnose(_ input: VerificationInput, dialect: SettingDialect = .probeFlags) -> [ProbeDiagnosis] {
        guard input.verifyResult != 0 else { return [] }
        let code = input.verifyResult
        let leaf = input.chain.first
        let trustWords = input.trust.words(dialect)
        var diagnoses: [ProbeDiagnosis] = []
        func report(_ check: Check, _ message: String, _ setting: ClientSetting?, symbol: String = input.resultName) {
            diagnoses.append(ProbeDiagnosis(check, message + " (\(symbol))", setting: setting))
        }
        switch code {
        case Int(X509_V_ERR_HOSTNAME_MISMATCH), Int(X509_V_ERR_IP_ADDRESS_MISMATCH):
            report(.hostnameMismatch, hostnameMessage(input), .serverName)
        case Int(X509_V_ERR_CERT_HAS_EXPIRED):
            report(.serverCertExpired, expiredMessage(input), nil)
        case Int(X509_V_ERR_CERT_NOT_YET_VALID):
            report(.serverCertNotYetValid, notYetValidMessage(input), nil)
        case Int(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT):
            report(.serverCertSelfSigned, "\(input.subject) presents a self-signed certificate (\(leaf?.subject ?? "?")) that is not trusted here", .trust)
        case Int(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN):
            let root = input.chain.last?.subject ?? "?"
            report(.unknownAuthority, "the chain \(input.subject) sent ends in the root '\(root)', which this client does not trust (\(trustWords))", .trust)
        case Int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY), Int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT),
            Int(X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE):
            let last = input.chain.last
            let issuer = last?.issuer ?? "?"
            let count = input.chain.count
            if let last, let anchors = input.anchorSubjects, !anchors.contains(last.issuer) {
                // Both sides known: no anchor even bears the issuer's name, so whether an intermediate
                // is missing or the CA is another one, the bundle cannot verify this chain; Go says
                // `x509: certificate signed by unknown authority` either way.
                let held = anchors.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (anchors.count > 3 ? ", …" : "")
                report(.unknownAuthority,
                    "the certificate of \(input.subject) is issued by '\(issuer)', and \(trustWords) holds only \(held.isEmpty ? "no certificate" : held): Go says `x509: certificate signed by unknown authority`", .trust)
            } else if let last, !last.isSelfSigned, input.trust.isCustom || input.leafHasAuthorityInformationAccess {
                report(.serverChainIncomplete,
                    "\(input.subject) sent \(count) certificate\(count == 1 ? "" : "s") ending with one issued by '\(issuer)', which is neither sent nor in \(trustWords): the server probably leaves out the intermediate CA (or the CA given is not the one that issued it)", nil)
            } else {
                report(.unknownAuthority,
                    "the certificate of \(input.subject) is issued by '\(issuer)', a CA this client does not trust (\(trustWords))", .trust)
            }
        default:
            report(.certificateInvalid, "certificate verification failed: \(input.resultText)", nil)
        }
        let reported = Set(diagnoses.map(\.check))
        if !reported.contains(.hostnameMismatch), leaf != nil, !input.leafMatchesName {
            let symbol = input.expectsIPAddress ? "X509_V_ERR_IP_ADDRESS_MISMATCH" : "X509_V_ERR_HOSTNAME_MISMATCH"
            report(.hostnameMismatch, hostnameMessage(input), .serverName, symbol: symbol)
        }
        if !reported.contains(.serverCertExpired), input.chain.contains(where: { $0.notAfter < input.time }) {
            report(.serverCertExpired, expiredMessage(input), nil, symbol: "X509_V_ERR_CERT_HAS_EXPIRED")
        }
        if !reported.contains(.serverCertNotYetValid), input.chain.contains(where: { $0.notBefore > input.time }) {
            report(.serverCertNotYetValid, notYetValidMessage(input), nil, symbol: "X509_V_ERR_CERT_NOT_YET_VALID")
        }
        return diagnoses
    }

    static func hostnameMessage(_ input: VerificationInput) -> String {
        let leaf = input.chain.first
        let sans = leaf?.subjectAlternativeNames ?? []
        let has = sans.isEmpty
            ? "has no subject alternative names (only '\(leaf?.subject ?? "?")'; clients ignore the CN)"
            : "is for \(sans.joined(separator: ", "))"
        return "the certificate of \(input.subject) \(has), not for '\(input.expectedName)'"
    }

    static func expiredMessage(_ input: VerificationInput) -> String {
        guard let cert = input.chain.first(where: { $0.notAfter < input.time }) else { return "a certificate has expired" }
        let days = -cert.daysLeft(now: input.time)
        return "the certificate '\(cert.subject)' expired on \(Dates.day(cert.notAfter)) (\(days) day\(days == 1 ? "" : "s") ago)"
    }

    static func notYetValidMessage(_ input: VerificationInput) -> String {
        guard let cert = input.chain.first(where: { $0.notBefore > input.time }) else { return "a certificate is not valid yet" }
        return "the certificate '\(cert.subject)' is valid only from \(Dates.day(cert.notBefore))"
    }
}
