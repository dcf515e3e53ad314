/// What went wrong with a probe, in one stable code, plain words and what to change.
public struct Diagnosis: Sendable, Hashable {
    public var check: Check
    public var message: String
    public var hint: String
    /// The stable code (`unknown-authority`).
    public var code: String { check.code }

    public init(check: Check, message: String, hint: String) {
        self.check = check
        self.message = message
        self.hint = hint
    }
}

/// A certificate the server presented, as plain values.
public struct PeerCertificate: Sendable, Hashable, Codable {
    public var subject: String
    public var issuer: String
    /// `DNS:name`, `IP:address`, `email:…`, `URI:…`
    public var subjectAlternativeNames: [String]
    public var notBefore: Date
    public var notAfter: Date
    /// `RSA 2048`, `EC P-256`, `Ed25519`
    public var publicKey: String
    /// `ecdsa-with-SHA256`, `sha256WithRSAEncryption`
    public var signatureAlgorithm: String
    /// Hex, upper case.
    public var serialNumber: String
    /// Hex, lower case, no separators.
    public var sha256Fingerprint: String
    public var isCA: Bool
    public var isSelfSigned: Bool

    /// Whole days from `now` to not-after (negative once expired).
    public func daysLeft(now: Date) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
    }
}

/// Whether the presented chain verified, as OpenSSL decided.
public struct VerificationResult: Sendable, Hashable, Codable {
    /// `X509_V_OK`, `X509_V_ERR_HOSTNAME_MISMATCH`, … (symbolic names are stable across OpenSSL
    /// versions; numbers are not).
    public var result: String
    /// OpenSSL's words for it ("hostname mismatch").
    public var message: String
    public var verified: Bool { result == "X509_V_OK" }
    /// Verification ran but was not enforced (`--insecure`).
    public var skipped: Bool
    /// The earliest not-after of the verified chain (leaf up to the trust anchor); nil when unverified.
    public var verifiedChainExpiry: Date?
}

/// What the client and server agreed on.
public struct NegotiatedTLS: Sendable, Hashable, Codable {
    public var version: String
    /// OpenSSL's name, `TLS_AES_256_GCM_SHA384` / `ECDHE-RSA-AES128-GCM-SHA256`.
    public var cipher: String
    /// IANA name (what Go and blackbox_exporter report).
    public var cipherStandardName: String
    public var alpn: String?
    /// Key-exchange group (`X25519`, `secp256r1`), when there was one.
    public var group: String?
}

/// Seconds spent in each phase; nil for a phase that did not run.
public struct ProbeTimings: Sendable, Hashable, Codable {
    public var dns: Double?
    public var connect: Double?
    public var startTLS: Double?
    public var handshake: Double?
    public var total: Double = 0
}

/// Whether the server accepted one protocol version (`--versions`).
public struct VersionSupport: Sendable, Hashable, Codable {
    public var version: TLSVersion
    public var accepted: Bool
    /// Why it was refused, in OpenSSL's words, when it was.
    public var detail: String?
}

/// Everything one probe learned.
public struct ProbeResult: Sendable {
    public var target: ProbeTarget
    /// Nothing at error severity: a client configured like this probe would connect.
    public var success: Bool { !findings.contains { $0.severity == .error } }
    /// The first error, the reason the probe failed.
    public var diagnosis: Diagnosis? {
        findings.first { $0.severity == .error }.map {
            Diagnosis(check: $0.check, message: $0.message, hint: $0.hint ?? "")
        }
    }
    /// The IP address connected to.
    public var address: String?
    public var negotiated: NegotiatedTLS?
    /// The certificates the server sent, leaf first.
    public var chain: [PeerCertificate] = []
    public var verification: VerificationResult?
    public var ocspStapled = false
    public var clientCertificateRequested = false
    public var clientCertificateSent = false
    /// CA names the server listed in its CertificateRequest (RFC 2253).
    public var acceptableClientCAs: [String] = []
    public var timings = ProbeTimings()
    /// `--versions`: one entry per version tried, oldest first.
    public var versions: [VersionSupport]?
    public var findings: [Finding] = []

    public init(target: ProbeTarget) { self.target = target }

    /// Earliest not-after among all presented certificates (blackbox_exporter's
    /// `probe_ssl_earliest_cert_expiry`).
    public var earliestExpiry: Date? { chain.map(\.notAfter).min() }
}
