/// One setting of a TLS client, as the cross-checks and the probe's diagnoses refer to it.
///
/// The core says *which* setting is at fault; a `SettingDialect` says how the input at hand spells
/// it, so a hint names `tls_config.ca_file` in a prometheus.yml, `tlsConfig.ca` in a ServiceMonitor,
/// `tls.ca_file` in a Collector config and `--ca-file` for `probe` — never a flag of another command.
public enum ClientSetting: String, Sendable, Hashable, CaseIterable {
    /// Whether the client speaks TLS at all (`scheme`, `tls.insecure`, an `http://` endpoint).
    case scheme
    /// The CA bundle the server's chain must reach (none: the system store).
    case trust
    /// The name verified against the certificate and sent as SNI (default: the target's host).
    case serverName
    /// The client certificate presented to servers that ask for one.
    case certificate
    /// The private key of the client certificate.
    case key
    /// Verification turned off.
    case skipVerify
    case minVersion
    case maxVersion
}

/// How one kind of input names the client settings. A nil name: that input has no such setting
/// (Parca has no CA flag; the kubelet has no client certificate), which a hint must then say.
public struct SettingDialect: Sendable, Hashable {
    /// What the input is, for messages: "prometheus.yml", "ServiceMonitor", "probe".
    public let input: String
    private let names: [ClientSetting: String]

    public init(input: String, _ names: [ClientSetting: String]) {
        self.input = input
        self.names = names
    }

    /// The input's own name for `setting`, or nil when it has none.
    public subscript(_ setting: ClientSetting) -> String? { names[setting] }

    /// How this input turns TLS on, for hints: `scheme: https`, `tls.insecure: false`,
    /// `--otlp-insecure=false`; nil when it has no such switch.
    public var tlsOn: String? {
        switch names[.scheme] {
        case nil: nil
        case "--otlp-insecure": "--otlp-insecure=false"
        case "tls.insecure": "tls.insecure: false"
        case "OTEL_EXPORTER_OTLP_INSECURE": "OTEL_EXPORTER_OTLP_INSECURE=false (or an https:// endpoint)"
        case "httpGet.scheme": "httpGet.scheme: HTTPS"
        case let name? where name.hasSuffix("scheme"): "\(name): https"
        case let name?: name
        }
    }

    /// The name, or a phrase saying the input cannot set it.
    public func spelled(_ setting: ClientSetting) -> String {
        names[setting] ?? "(\(input) has no \(setting.rawValue) setting)"
    }

    /// `tlscheck probe` and the other commands' flags.
    public static let probeFlags = SettingDialect(input: "probe", [
        .scheme: "--starttls", .trust: "--ca-file", .serverName: "--servername", .certificate: "--cert",
        .key: "--key", .skipVerify: "--insecure", .minVersion: "--min-version", .maxVersion: "--max-version",
    ])

    /// prometheus/common's HTTP client config (scrape jobs, remote_write, alerting).
    public static let prometheus = SettingDialect(input: "prometheus.yml", [
        .scheme: "scheme", .trust: "tls_config.ca_file", .serverName: "tls_config.server_name",
        .certificate: "tls_config.cert_file", .key: "tls_config.key_file", .skipVerify: "tls_config.insecure_skip_verify",
        .minVersion: "tls_config.min_version", .maxVersion: "tls_config.max_version",
    ])

    /// Prometheus Operator monitors (ServiceMonitor, PodMonitor, Probe, ScrapeConfig).
    public static let monitor = SettingDialect(input: "monitor", [
        .scheme: "scheme", .trust: "tlsConfig.ca", .serverName: "tlsConfig.serverName", .certificate: "tlsConfig.cert",
        .key: "tlsConfig.keySecret", .skipVerify: "tlsConfig.insecureSkipVerify", .minVersion: "tlsConfig.minVersion",
        .maxVersion: "tlsConfig.maxVersion",
    ])

    /// An OpenTelemetry Collector exporter's `tls:` block (configtls).
    public static let collector = SettingDialect(input: "Collector config", [
        .scheme: "tls.insecure", .trust: "tls.ca_file", .serverName: "tls.server_name_override",
        .certificate: "tls.cert_file", .key: "tls.key_file", .skipVerify: "tls.insecure_skip_verify",
        .minVersion: "tls.min_version", .maxVersion: "tls.max_version",
    ])

    /// The OpenTelemetry SDK environment (`OTEL_EXPORTER_OTLP_*`; per-signal variables exist too).
    public static let otlpEnvironment = SettingDialect(input: "environment", [
        .scheme: "OTEL_EXPORTER_OTLP_INSECURE", .trust: "OTEL_EXPORTER_OTLP_CERTIFICATE",
        .certificate: "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", .key: "OTEL_EXPORTER_OTLP_CLIENT_KEY",
    ])

    /// A kubelet probe (`httpGet`): it never verifies and never sends a client certificate.
    public static let kubeletProbe = SettingDialect(input: "kubelet probe", [.scheme: "httpGet.scheme"])

    /// Parca's OTLP flags: no CA flag (it reads OTEL_EXPORTER_OTLP_CERTIFICATE) and no client certificate.
    public static let parca = SettingDialect(input: "Parca", [
        .scheme: "--otlp-insecure", .trust: "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE",
    ])
}
