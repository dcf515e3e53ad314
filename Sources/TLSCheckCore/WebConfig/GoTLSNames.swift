/// The names exporter-toolkit accepts for ciphers, curves and versions (web-config.md §2), which
/// depend on the Go version that built the exporter.
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
}
