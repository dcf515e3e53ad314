/// The shape of a `prometheus.yml` as Prometheus decodes it (go-yaml v2, strict): every key of the top
/// level, `global`, scrape configs, remote_write/remote_read, alerting, relabel configs, the static,
/// file, Kubernetes, HTTP and DNS service discovery, and prometheus/common's HTTP client config
/// (kubernetes.md §1). Other service discovery mechanisms are known by name only: their HTTP client
/// blocks (`tls_config`, `basic_auth`, `authorization`, `oauth2`) are checked, their other keys not.
struct PrometheusSchema: Sendable {
    indirect enum Kind: Sendable {
        case string, bool, int, float, duration, secret, stringList, stringMap
        /// A value tlscheck does not look into (sigv4, storage, claims…).
        case any
        case section(Section)
        case list(Section)
        /// `http_headers`: header name → {values, secrets, files}.
        case headers
        /// `proxy_connect_header`: header name → list of values.
        case headerLists
    }

    struct Field: Sendable {
        let name: String
        let kind: Kind
        init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    final class Section: Sendable {
        /// How messages name it: `tls_config`, `scrape config`, `the top level`.
        let name: String
        /// Go's type, as go-yaml's `field X not found in type T` prints it.
        let goType: String
        let fields: [Field]
        /// Keys are not checked, only the HTTP client blocks among them (other SD mechanisms).
        let open: Bool

        /// Field by name: a scrape config has 80 keys, and a 1,000-job file looks up 5,000.
        private let index: [String: Int]

        init(_ name: String, goType: String = "config.plain", open: Bool = false, _ fields: [Field]) {
            self.name = name
            self.goType = goType
            self.fields = fields
            self.open = open
            var index: [String: Int] = [:]
            for (offset, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = offset }
            self.index = index
        }

        func field(_ name: String) -> Field? { index[name].map { fields[$0] } }
    }

    // MARK: prometheus/common

    static let tls = Section("tls_config", [
        Field("ca", .string), Field("ca_file", .string), Field("ca_ref", .string),
        Field("cert", .string), Field("cert_file", .string), Field("cert_ref", .string),
        Field("key", .secret), Field("key_file", .string), Field("key_ref", .string),
        Field("server_name", .string), Field("insecure_skip_verify", .bool),
        Field("min_version", .string), Field("max_version", .string),
    ])

    static let basicAuth = Section("basic_auth", [
        Field("username", .string), Field("username_file", .string), Field("username_ref", .string),
        Field("password", .secret), Field("password_file", .string), Field("password_ref", .string),
    ])

    static let authorization = Section("authorization", [
        Field("type", .string), Field("credentials", .secret), Field("credentials_file", .string),
        Field("credentials_ref", .string),
    ])

    static let proxyFields = [
        Field("proxy_url", .string), Field("no_proxy", .string), Field("proxy_from_environment", .bool),
        Field("proxy_connect_header", .headerLists),
    ]

    static let oauth2 = Section("oauth2", goType: "config.OAuth2", [
        Field("client_id", .string), Field("client_secret", .secret), Field("client_secret_file", .string),
        Field("client_secret_ref", .string), Field("client_certificate_key_id", .string),
        Field("client_certificate_key", .secret), Field("client_certificate_key_file", .string),
        Field("client_certificate_key_ref", .string), Field("grant_type", .string), Field("signature_algorithm", .string),
        Field("iss", .string), Field("audience", .string), Field("claims", .any), Field("scopes", .stringList),
        Field("token_url", .string), Field("endpoint_params", .stringMap), Field("tls_config", .section(tls)),
    ] + proxyFields)

    /// The keys of prometheus/common's `HTTPClientConfig`, inlined into jobs, remote_write, alertmanagers
    /// and the Kubernetes and HTTP service discovery.
    static let httpClient: [Field] = [
        Field("basic_auth", .section(basicAuth)), Field("authorization", .section(authorization)),
        Field("oauth2", .section(oauth2)), Field("bearer_token", .secret), Field("bearer_token_file", .string),
        Field("tls_config", .section(tls)), Field("follow_redirects", .bool), Field("enable_http2", .bool),
        Field("http_headers", .headers),
    ] + proxyFields

    static let httpClientKeys: Set<String> = Set(httpClient.map(\.name))

    // MARK: Prometheus

    static let relabel = Section("relabel config", goType: "relabel.plain", [
        Field("source_labels", .stringList), Field("separator", .string), Field("regex", .string),
        Field("modulus", .int), Field("target_label", .string), Field("replacement", .string), Field("action", .string),
    ])

    static let staticConfig = Section(
        "static_configs", goType: #"struct { Targets []string "yaml:\"targets\""; Labels model.LabelSet "yaml:\"labels\"" }"#,
        [Field("targets", .stringList), Field("labels", .stringMap)])

    static let fileSD = Section("file_sd_configs", goType: "file.plain", [
        Field("files", .stringList), Field("refresh_interval", .duration),
    ])

    static let kubernetesSD = Section("kubernetes_sd_configs", goType: "kubernetes.plain", [
        Field("api_server", .string), Field("role", .string), Field("kubeconfig_file", .string),
        Field("namespaces", .section(Section("namespaces", goType: "kubernetes.NamespaceDiscovery", [
            Field("own_namespace", .bool), Field("names", .stringList),
        ]))),
        Field("selectors", .list(Section("selectors", goType: "kubernetes.SelectorConfig", [
            Field("role", .string), Field("label", .string), Field("field", .string),
        ]))),
        Field("attach_metadata", .section(Section("attach_metadata", goType: "kubernetes.AttachMetadataConfig", [
            Field("node", .bool), Field("namespace", .bool),
        ]))),
    ] + httpClient)

    static let httpSD = Section("http_sd_configs", goType: "http.plain", [
        Field("url", .string), Field("refresh_interval", .duration),
    ] + httpClient)

    static let dnsSD = Section("dns_sd_configs", goType: "dns.plain", [
        Field("names", .stringList), Field("type", .string), Field("port", .int), Field("refresh_interval", .duration),
    ])

    /// Service discovery mechanisms whose keys tlscheck does not check (only their HTTP client blocks).
    static let otherSDNames = [
        "azure", "consul", "digitalocean", "docker", "dockerswarm", "ec2", "eureka", "gce", "hetzner", "ionos",
        "kuma", "lightsail", "linode", "marathon", "nerve", "nomad", "openstack", "ovhcloud", "puppetdb",
        "scaleway", "serverset", "stackit", "triton", "uyuni", "vultr",
    ]

    static let discovery: [Field] = [
        Field("static_configs", .list(staticConfig)), Field("file_sd_configs", .list(fileSD)),
        Field("kubernetes_sd_configs", .list(kubernetesSD)), Field("http_sd_configs", .list(httpSD)),
        Field("dns_sd_configs", .list(dnsSD)),
    ] + otherSDNames.map { Field("\($0)_sd_configs", .list(Section("\($0)_sd_configs", open: true, []))) }

    static let scrape = Section("scrape config", goType: "config.ScrapeConfig", [
        Field("job_name", .string), Field("honor_labels", .bool), Field("honor_timestamps", .bool),
        Field("track_timestamps_staleness", .bool), Field("params", .any), Field("scrape_interval", .duration),
        Field("scrape_timeout", .duration), Field("scrape_protocols", .stringList), Field("fallback_scrape_protocol", .string),
        Field("scrape_native_histograms", .bool), Field("always_scrape_classic_histograms", .bool),
        Field("convert_classic_histograms_to_nhcb", .bool), Field("scrape_failure_log_file", .string),
        Field("metrics_path", .string), Field("scheme", .string), Field("enable_compression", .bool),
        Field("body_size_limit", .string), Field("sample_limit", .int), Field("target_limit", .int),
        Field("label_limit", .int), Field("label_name_length_limit", .int), Field("label_value_length_limit", .int),
        Field("native_histogram_bucket_limit", .int), Field("native_histogram_min_bucket_factor", .float),
        Field("keep_dropped_targets", .int), Field("metric_name_validation_scheme", .string),
        Field("metric_name_escaping_scheme", .string), Field("extra_scrape_metrics", .bool),
        Field("relabel_configs", .list(relabel)), Field("metric_relabel_configs", .list(relabel)),
    ] + httpClient + discovery)

    static let global = Section("global", [
        Field("scrape_interval", .duration), Field("scrape_timeout", .duration), Field("scrape_protocols", .stringList),
        Field("evaluation_interval", .duration), Field("rule_query_offset", .duration), Field("query_log_file", .string),
        Field("scrape_failure_log_file", .string), Field("external_labels", .stringMap), Field("body_size_limit", .string),
        Field("sample_limit", .int), Field("target_limit", .int), Field("label_limit", .int),
        Field("label_name_length_limit", .int), Field("label_value_length_limit", .int), Field("keep_dropped_targets", .int),
        Field("metric_name_validation_scheme", .string), Field("metric_name_escaping_scheme", .string),
        Field("scrape_native_histograms", .bool), Field("convert_classic_histograms_to_nhcb", .bool),
        Field("always_scrape_classic_histograms", .bool), Field("extra_scrape_metrics", .bool),
    ])

    static let alertmanager = Section("alertmanager config", goType: "config.AlertmanagerConfig", [
        Field("sigv4", .any), Field("scheme", .string), Field("path_prefix", .string), Field("timeout", .duration),
        Field("api_version", .string), Field("relabel_configs", .list(relabel)), Field("alert_relabel_configs", .list(relabel)),
    ] + httpClient + discovery)

    static let alerting = Section("alerting", [
        Field("alert_relabel_configs", .list(relabel)), Field("alertmanagers", .list(alertmanager)),
    ])

    static let remoteWrite = Section("remote_write", [
        Field("url", .string), Field("remote_timeout", .duration), Field("headers", .stringMap),
        Field("write_relabel_configs", .list(relabel)), Field("name", .string), Field("send_exemplars", .bool),
        Field("send_native_histograms", .bool), Field("round_robin_dns", .bool), Field("protobuf_message", .string),
        Field("queue_config", .any), Field("metadata_config", .any), Field("sigv4", .any), Field("azuread", .any),
        Field("google_iam", .any),
    ] + httpClient)

    static let remoteRead = Section("remote_read", [
        Field("url", .string), Field("remote_timeout", .duration), Field("chunked_read_limit", .int),
        Field("headers", .stringMap), Field("read_recent", .bool), Field("name", .string),
        Field("required_matchers", .stringMap), Field("filter_external_labels", .bool),
    ] + httpClient)

    static let tracing = Section("tracing", [
        Field("client_type", .string), Field("endpoint", .string), Field("sampling_fraction", .float),
        Field("insecure", .bool), Field("tls_config", .section(tls)), Field("headers", .stringMap),
        Field("compression", .string), Field("timeout", .duration),
    ])

    static let root = Section("the top level", [
        Field("global", .section(global)), Field("runtime", .any), Field("alerting", .section(alerting)),
        Field("rule_files", .stringList), Field("scrape_config_files", .stringList),
        Field("scrape_configs", .list(scrape)), Field("storage", .any), Field("tracing", .section(tracing)),
        Field("remote_write", .list(remoteWrite)), Field("remote_read", .list(remoteRead)), Field("otlp", .any),
    ])

    /// A scrape_config_files file (and what `gen-self-signed --mtls` writes): only `scrape_configs`.
    static let scrapeFile = Section("the top level", goType: "config.ScrapeConfigs", [
        Field("scrape_configs", .list(scrape)),
    ])

    /// Sections a misplaced key may belong to, for "belongs under" hints.
    static let homes: [Section] = [root, global, scrape, tls, basicAuth, authorization, oauth2, remoteWrite, alerting, alertmanager]
}
