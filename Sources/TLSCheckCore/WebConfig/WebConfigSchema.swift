/// The shape of an exporter-toolkit web-config (web-config.md §1): every key, its YAML type, and the
/// toolkit release that introduced it.
struct WebConfigSchema: Sendable {
    indirect enum Kind: Sendable {
        case string, path, secret, bool, int, duration, stringList, headers, users
        case section(Section)
    }

    struct Field: Sendable {
        let name: String
        let kind: Kind
        var since = ToolkitVersion(0, 1)
    }

    struct Section: Sendable {
        /// Where it sits, for messages: `tls_server_config`, or "the top level".
        let name: String
        /// Go's type name, as go-yaml's `field X not found in type T` says it.
        let goType: String
        let fields: [Field]

        func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    static let tls = Section(name: "tls_server_config", goType: "web.TLSConfig", fields: [
        Field(name: "cert_file", kind: .path),
        Field(name: "key_file", kind: .path),
        Field(name: "cert", kind: .string, since: ToolkitVersion(0, 11)),
        Field(name: "key", kind: .secret, since: ToolkitVersion(0, 11)),
        Field(name: "client_auth_type", kind: .string),
        Field(name: "client_ca_file", kind: .path),
        Field(name: "client_ca", kind: .string, since: ToolkitVersion(0, 11)),
        Field(name: "client_allowed_sans", kind: .stringList, since: ToolkitVersion(0, 10)),
        Field(name: "cipher_suites", kind: .stringList),
        Field(name: "curve_preferences", kind: .stringList),
        Field(name: "min_version", kind: .string),
        Field(name: "max_version", kind: .string),
        Field(name: "prefer_server_cipher_suites", kind: .bool),
    ])

    static let http = Section(name: "http_server_config", goType: "web.HTTPConfig", fields: [
        Field(name: "http2", kind: .bool),
        Field(name: "headers", kind: .headers, since: ToolkitVersion(0, 7)),
    ])

    static let rateLimit = Section(name: "rate_limit", goType: "web.RateLimiterConfig", fields: [
        Field(name: "interval", kind: .duration),
        Field(name: "burst", kind: .int),
    ])

    static let root = Section(name: "the top level", goType: "web.Config", fields: [
        Field(name: "tls_server_config", kind: .section(tls)),
        Field(name: "http_server_config", kind: .section(http)),
        Field(name: "basic_auth_users", kind: .users),
        Field(name: "rate_limit", kind: .section(rateLimit), since: ToolkitVersion(0, 15)),
    ])

    static let sections = [root, tls, http, rateLimit]

    /// The header names the toolkit lets users set, exact case, with the values it allows (nil: any).
    static let headers: [(name: String, allowed: [String]?)] = [
        ("Strict-Transport-Security", nil),
        ("X-Content-Type-Options", ["nosniff"]),
        ("X-Frame-Options", ["deny", "sameorigin"]),
        ("X-XSS-Protection", nil),
        ("Content-Security-Policy", nil),
    ]
}
