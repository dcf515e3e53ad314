/// The names Go programs accept for ciphers, curves and versions: exporter-toolkit's (web-config.md §2,
/// depending on the Go version that built the exporter), the Collector's configtls and dskit's (otlp.md).
enum GoTLSNames {
    enum CipherKind: Sendable { case ecdsa, rsa, any }

    struct Cipher: Sendable {
        let name: String
        /// The certificate key type the suite can be used with (TLS 1.3 suites work with any).
        let kind: CipherKind
        let tls13: Bool
        /// Accepted only by Go < 1.22 (exporter-toolkit before 0.14 as Debian builds it).
        let legacyRSAKeyExchange: Bool
    }

    static let ciphers: [Cipher] = [
        Cipher(name: "TLS_AES_128_GCM_SHA256", kind: .any, tls13: true, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_AES_256_GCM_SHA384", kind: .any, tls13: true, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_CHACHA20_POLY1305_SHA256", kind: .any, tls13: true, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", kind: .ecdsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", kind: .ecdsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", kind: .rsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", kind: .rsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", kind: .ecdsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", kind: .ecdsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", kind: .rsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", kind: .rsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", kind: .rsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", kind: .ecdsa, tls13: false, legacyRSAKeyExchange: false),
        Cipher(name: "TLS_RSA_WITH_AES_128_CBC_SHA", kind: .rsa, tls13: false, legacyRSAKeyExchange: true),
        Cipher(name: "TLS_RSA_WITH_AES_256_CBC_SHA", kind: .rsa, tls13: false, legacyRSAKeyExchange: true),
        Cipher(name: "TLS_RSA_WITH_AES_128_GCM_SHA256", kind: .rsa, tls13: false, legacyRSAKeyExchange: true),
        Cipher(name: "TLS_RSA_WITH_AES_256_GCM_SHA384", kind: .rsa, tls13: false, legacyRSAKeyExchange: true),
    ]

    /// The suites Go's net/http requires for HTTP/2 when a TLS 1.2 cipher list is given.
    static let http2Required = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]

    /// The first toolkit release built with Go ≥ 1.22 in Debian (trixie's 0.14 with Go 1.24).
    static let rsaKeyExchangeDropped = ToolkitVersion(0, 14)

    static func cipher(named name: String) -> Cipher? { ciphers.first { $0.name == name } }

    static func acceptedCiphers(for version: ToolkitVersion) -> [String] {
        ciphers.filter { !$0.legacyRSAKeyExchange || version < rsaKeyExchangeDropped }.map(\.name)
    }

    static let curves = ["CurveP256", "CurveP384", "CurveP521", "X25519"]

    /// TLS version names and their order.
    static let versions = ["TLS10", "TLS11", "TLS12", "TLS13"]

    static let clientAuthTypes = [
        "NoClientCert", "RequestClientCert", "RequireAnyClientCert", "RequireClientCert",
        "VerifyClientCertIfGiven", "RequireAndVerifyClientCert",
    ]

    // MARK: Collector (configtls) and dskit

    /// Go's `tls.InsecureCipherSuites()` (Go ≥ 1.22, which moved the RSA key exchange suites there).
    static let insecureCipherNames = [
        "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    ] + ciphers.filter(\.legacyRSAKeyExchange).map(\.name)

    /// Go's `tls.CipherSuites()` for a current Go: what the Collector accepts without
    /// `include_insecure_cipher_suites`.
    static var secureCipherNames: [String] { ciphers.filter { !$0.legacyRSAKeyExchange }.map(\.name) }

    /// configtls `min_version` / `max_version`.
    static let collectorVersions = ["1.0", "1.1", "1.2", "1.3"]

    /// configtls `curve_preferences` (non-FIPS builds; FIPS builds accept the first three only).
    static let collectorCurves = ["P256", "P384", "P521", "X25519", "X25519MLKEM768"]

    /// dskit `tls_min_version` (client and server).
    static let dskitVersions = ["VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13"]
}
