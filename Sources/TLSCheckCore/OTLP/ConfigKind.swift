/// What a YAML file configures, told from its top-level keys (`--kind` overrides).
public enum ConfigKind: String, Sendable, CaseIterable {
    /// exporter-toolkit `--web.config.file`.
    case webConfig = "web-config"
    /// An OpenTelemetry Collector configuration (receivers, exporters, service …).
    case collector
    /// A Grafana Tempo configuration (distributor, server, ingester …).
    case tempo
    /// The body of one `otlp`/`otlp_grpc` exporter (the Collector's own test files are such fragments).
    case otlpExporter = "otlp-exporter"
    /// The body of one `otlphttp`/`otlp_http` exporter.
    case otlpHTTPExporter = "otlphttp-exporter"
    /// The body of one `otlp` receiver (`protocols:`).
    case otlpReceiver = "otlp-receiver"
    /// Any other Collector component body: every `tls:` block in it is checked.
    case collectorComponent = "collector-component"
    /// Kubernetes manifests: every document, `List` kinds included.
    case kubernetes
    /// A Prometheus configuration (`prometheus.yml`).
    case prometheus
    /// Prometheus scrape jobs alone: a list of jobs with `job_name`, or a mapping with only
    /// `scrape_configs` (a `scrape_config_files` file; `gen-self-signed --mtls`'s prometheus-scrape.yaml).
    case prometheusJobs = "prometheus-jobs"
    /// None of these.
    case unknown

    /// Kinds `--kind` accepts.
    public static var selectable: [ConfigKind] { allCases.filter { $0 != .unknown } }

    static let prometheusKeys: Set = [
        "global", "scrape_configs", "scrape_config_files", "rule_files", "remote_write", "remote_read", "alerting",
    ]
    static let webConfigKeys: Set = ["tls_server_config", "http_server_config", "basic_auth_users", "rate_limit"]
    static let collectorKeys: Set = ["receivers", "exporters", "processors", "extensions", "connectors", "service"]
    static let tempoKeys: Set = [
        "distributor", "ingester", "ingester_client", "compactor", "storage", "querier", "query_frontend",
        "metrics_generator", "metrics_generator_client", "memberlist", "overrides", "stream_over_http_enabled",
    ]
    static let tempoServerKeys: Set = [
        "http_listen_port", "grpc_listen_port", "grpc_tls_config", "http_tls_config", "http_listen_address",
        "grpc_listen_address", "log_level",
    ]
    static let exporterKeys: Set = [
        "endpoint", "sending_queue", "retry_on_failure", "balancer_name", "keepalive", "compression", "timeout",
        "headers", "auth", "wait_for_ready", "authority",
    ]
    static let httpExporterKeys: Set = [
        "traces_endpoint", "metrics_endpoint", "logs_endpoint", "profiles_endpoint", "read_buffer_size",
        "write_buffer_size", "encoding", "proxy_url",
    ]

    /// The kind of a parsed document's root, from its top-level keys only.
    public static func detect(_ root: YAMLNode?) -> ConfigKind {
        if let items = root?.items, let first = items.first(where: { !$0.isNull }), first["job_name"] != nil {
            return .prometheusJobs
        }
        guard let pairs = root?.pairs else { return .unknown }
        if ManifestReader.isManifest(root) { return .kubernetes }
        let keys = Set(pairs.compactMap(\.key.text))
        if !keys.isDisjoint(with: webConfigKeys) { return .webConfig }
        if keys == ["scrape_configs"] { return .prometheusJobs }
        if !keys.isDisjoint(with: prometheusKeys) { return .prometheus }
        if !keys.isDisjoint(with: collectorKeys) { return .collector }
        if !keys.isDisjoint(with: tempoKeys) { return .tempo }
        if let server = root?["server"]?.pairs, server.contains(where: { tempoServerKeys.contains($0.key.text ?? "") }) {
            return .tempo
        }
        if keys.contains("protocols") { return .otlpReceiver }
        if !keys.isDisjoint(with: httpExporterKeys) { return .otlpHTTPExporter }
        // An exporter body: its endpoint or TLS block plus exporter settings, or two exporter settings.
        let exporterish = keys.intersection(exporterKeys.union(["tls"]))
        if exporterish.count >= 2 || (keys.contains("endpoint") && keys.count == 1) { return .otlpExporter }
        // confighttp/configgrpc fragments: client/server blocks with TLS.
        for key in ["client", "server"] where root?[key]?["tls"] != nil { return .collectorComponent }
        return .unknown
    }
}
