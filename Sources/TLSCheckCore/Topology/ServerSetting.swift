/// One setting of a TLS server, as the cross-checks refer to it; `ServerDialect` spells it the way
/// the server's input does (`tls_server_config.client_ca_file` in a web-config, `tls.client_ca_file`
/// in a Collector receiver), so a hint that asks to change the server names what the user wrote.
public enum ServerSetting: String, Sendable, Hashable, CaseIterable {
    /// Whether the server serves TLS at all.
    case tls
    case certificate
    case key
    case clientAuth
    case clientCA
    case allowedSANs
    case basicAuthUsers
    case minVersion
    case maxVersion
}

/// How one kind of server input names its settings; nil: the input has no such setting.
public struct ServerDialect: Sendable, Hashable {
    public let input: String
    private let names: [ServerSetting: String]

    public init(input: String, _ names: [ServerSetting: String]) {
        self.input = input
        self.names = names
    }

    public subscript(_ setting: ServerSetting) -> String? { names[setting] }

    /// The name, or a phrase saying the input cannot set it.
    public func spelled(_ setting: ServerSetting) -> String {
        names[setting] ?? "(\(input) has no \(setting.rawValue) setting)"
    }

    /// exporter-toolkit's `--web.config.file`.
    public static let webConfig = ServerDialect(input: "web-config", [
        .tls: "tls_server_config", .certificate: "tls_server_config.cert_file", .key: "tls_server_config.key_file",
        .clientAuth: "tls_server_config.client_auth_type", .clientCA: "tls_server_config.client_ca_file",
        .allowedSANs: "tls_server_config.client_allowed_sans", .basicAuthUsers: "basic_auth_users",
        .minVersion: "tls_server_config.min_version", .maxVersion: "tls_server_config.max_version",
    ])

    /// An OpenTelemetry Collector receiver protocol's `tls:` block (configtls server side).
    public static let collectorReceiver = ServerDialect(input: "Collector receiver", [
        .tls: "tls", .certificate: "tls.cert_file", .key: "tls.key_file", .clientCA: "tls.client_ca_file",
        .minVersion: "tls.min_version", .maxVersion: "tls.max_version",
    ])

    /// Grafana Tempo (dskit) `server.grpc_tls_config` / `http_tls_config`.
    public static let tempo = ServerDialect(input: "Tempo", [
        .tls: "server.grpc_tls_config", .certificate: "cert_file", .key: "key_file", .clientAuth: "client_auth_type",
        .clientCA: "client_ca_file",
    ])
}
