/// Checks of Prometheus's client side: `prometheus.yml` (scrape jobs, remote_write, remote_read,
/// alerting, scrape config files) and Prometheus Operator monitors. The settings of each TLS client
/// are judged by the shared client checks; these are the rules of Prometheus and the Operator.
extension Check {
    static let prometheusIntro = """
        Checks of Prometheus as a client: `prometheus.yml` — every scrape job, `remote_write`, `remote_read`,
        `alerting.alertmanagers`, the files `scrape_config_files` names, and a bare job list such as the
        `prometheus-scrape.yaml` of `gen-self-signed --mtls` — and Prometheus Operator resources
        (ServiceMonitor, PodMonitor, Probe, ScrapeConfig). The rules Prometheus enforces when it loads the
        file use its own words (a search for its log line finds the finding); what only fails later — a CA
        file it cannot use, a client key that does not match, `max_version` below `min_version` — says when
        it fails: a scrape job then has no targets, while remote_write and alerting stop Prometheus from
        starting. The TLS settings of every client (trust, server name, client certificate, skip-verify,
        versions) are judged by the shared client checks below. For monitors, what the Operator rejects uses
        its messages, and keys the CRD does not have are reported because the API server drops them. See
        docs/prometheus.md.
        """

    static let prometheusChecks: [Check] = [
        .prometheusInvalidSetting, .authConflict, .tlsConfigConflict, .secretRefWithoutManager, .monitorRejected,
        .scrapeConfigFilesEmpty, .schemaInvalidValue,
    ]

    static let prometheusInvalidSetting = Check(
        "prometheus-invalid-setting", .error,
        summary: "A setting Prometheus refuses when it loads the configuration.",
        help: "Prometheus (and `promtool check config`) refuse the whole file: `job_name is empty`, `found multiple scrape configs with job name`, `scrape timeout greater than scrape interval`, `url for remote_write is empty`, a target written as a URL (`\"https://host:9100\" is not a valid hostname`), proxy and header rules of prometheus/common (`if no_proxy is configured, proxy_url must also be configured`, `setting header \"User-Agent\" is not allowed`), oauth2 without client_id or token_url. The message is Prometheus's own.",
        hint: "fix the setting as the message says; `promtool check config` shows the same error")
    static let authConflict = Check(
        "auth-conflict", .error,
        summary: "Two ways of authenticating where prometheus/common allows one.",
        help: "basic_auth, oauth2, authorization and bearer_token[_file] exclude each other, and each secret may come from one place only (`password` or `password_file` or `password_ref`): `at most one of basic_auth, oauth2 & authorization must be configured`. `authorization.type: Basic` is refused (`use \"basic_auth\" instead`). The file is refused at load.",
        hint: "keep one way of authenticating and one source for each secret")
    static let tlsConfigConflict = Check(
        "tls-config-conflict", .error,
        summary: "A tls_config gives the CA, certificate or key in more than one form.",
        help: "prometheus/common takes each of the CA, client certificate and key from exactly one of the inline value, the `*_file` and the `*_ref`: `at most one of ca, ca_file & ca_ref must be configured`. The file is refused at load.",
        hint: "keep either the inline PEM, the *_file or the *_ref")
    static let secretRefWithoutManager = Check(
        "secret-ref-without-manager", .error,
        summary: "A `*_ref` setting (ca_ref, cert_ref, key_ref) in a prometheus.yml: Prometheus has no secret manager.",
        help: "The `*_ref` settings name secrets in a secret manager that programs embedding prometheus/common may provide. Prometheus itself provides none, so the file loads but the client cannot be created: `unable to use CA cert: cannot use secret ref without manager`. A scrape job then has no targets; remote_write and alerting stop Prometheus from starting.",
        hint: "use the *_file setting with a mounted file")
    static let monitorRejected = Check(
        "monitor-rejected", .error,
        summary: "A Prometheus Operator resource the Operator rejects: it is left out of the generated configuration.",
        help: "The Operator validates each ServiceMonitor, PodMonitor, Probe and ScrapeConfig when it builds Prometheus's configuration and skips the ones it rejects, with a Warning event `InvalidConfiguration` (`\"<ns>/<name>\" was rejected due to invalid configuration: …`): both `caFile` and `ca`, a client certificate without its key, `maxVersion` below `minVersion`, a Secret and a ConfigMap for the same value, two kinds of authentication, `authorization.type: Basic`, a ServiceMonitor that names files when the Prometheus resource sets `arbitraryFSAccessThroughSMs.deny`. Its targets are then not scraped at all, with no error in Prometheus.",
        hint: "fix the resource as the message says; `kubectl get events` shows the Operator's rejection")
    static let scrapeConfigFilesEmpty = Check(
        "scrape-config-files-empty", .warning,
        summary: "A `scrape_config_files` pattern matches no file.",
        help: "Prometheus reads the files a pattern matches when it loads the configuration; a pattern that matches nothing is not an error, so the jobs it was meant to add are silently missing.",
        hint: "check the pattern; relative patterns are resolved against the folder of the prometheus.yml")
    static let schemaInvalidValue = Check(
        "schema-invalid-value", .error,
        summary: "A value a CRD's schema refuses: not one of its enum values, or a required field missing.",
        help: "The API server checks every custom resource against its CRD's OpenAPI schema and refuses the object: `spec.endpoints[0].scheme: Unsupported value: \"htps\": supported values: \"http\", \"https\", \"HTTP\", \"HTTPS\"`, `spec.selector: Required value`. Nothing of it reaches the Operator.",
        hint: "use one of the values the message lists, or add the required field")
}
