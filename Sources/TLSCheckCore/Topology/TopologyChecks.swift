/// Checks of a TLS client's settings (`ClientChecks`) and of a connection judged from both ends
/// (`LinkChecks`). Where a check means what a probe diagnosis means, it is that diagnosis's code.
extension Check {
    static let topologyIntro = """
        Checks of a TLS client's own settings, written once for every kind of client — Prometheus scrape
        jobs, remote_write and alerting, Prometheus Operator monitors, Collector exporters, the OTLP
        environment, Parca's flags and `probe` — and of a connection judged from both ends, when the input
        holds both (a Kubernetes deployment: a ServiceMonitor and the exporter it selects; a Collector and
        the receiver its exporter reaches). A hint names the setting the way that input spells it
        (`tls_config.ca_file`, `tlsConfig.serverName`, `tls.ca_file`, `--ca-file`). Where a connection
        check means the same as a probe diagnosis (unknown authority, name mismatch, client certificate
        required, plaintext against TLS), it has the probe's code and wording, so a problem found statically
        and one found by `probe` or `--connect` read alike.
        """

    static let clientChecks: [Check] = [.tlsSettingsUnused, .insecureSkipVerify, .ipTargetWithoutServerName]
    static let linkChecks: [Check] = [.basicAuthMissing, .basicAuthRejected, .selectsNothingInInput]

    static let selectsNothingInInput = Check(
        "selects-nothing-in-input", .info,
        summary: "A monitor selects no Service or pod among the manifests given, so its connection was not checked.",
        help: "A ServiceMonitor's selector (and namespaceSelector) chose no Service of the input, or a PodMonitor's no pod template: the exporter it scrapes may come from another chart or already run in the cluster, or the labels do not match (a common reason for a target that never appears in Prometheus). Give the exporter's manifests too to check both ends.",
        hint: "check that the selector's labels are the Service's (or pod's) labels, or add the exporter's manifests to the input")

    static let tlsSettingsUnused = Check(
        "tls-settings-unused", .warning,
        summary: "TLS settings that are not used, because the connection is plaintext.",
        help: "A client whose scheme is http (Prometheus's and the Operator's default), whose Collector exporter has `insecure: true` without a CA, or whose endpoint is http:// sends plaintext: its CA, client certificate, server name and skip-verify do nothing. Go uses the TLS settings only for https URLs. The files may still be loaded at start-up (the Collector does), so a missing one can still stop the program. The Go SDK's HTTP exporter refuses the combination (`insecure HTTP endpoint cannot use TLS client configuration`).",
        hint: "use https (or drop insecure) for TLS, or remove the unused settings")
    static let insecureSkipVerify = Check(
        "insecure-skip-verify", .warning,
        summary: "Certificate verification is off (insecure_skip_verify, insecureSkipVerify, --insecure).",
        help: "The connection is encrypted but the server is not authenticated: anyone on the path can impersonate it. Beside a CA or a server name it also hides them: neither is checked, so a wrong CA or a name the certificate lacks stays unnoticed until someone turns verification on.",
        hint: "give the server's CA instead of skipping verification")
    static let ipTargetWithoutServerName = Check(
        "ip-target-without-server-name", .warning,
        summary: "The client connects to an IP address (a static IP target, or pod IPs) and no server name is set.",
        help: "Go verifies the certificate against the host it dials when no server name is set, and sends no SNI for an IP. Kubernetes service discovery (ServiceMonitor endpoints, PodMonitor) makes every target a pod IP, so the certificate must carry an IP SAN for every pod, which certificates from cert-manager `dnsNames` never do: `x509: cannot validate certificate for 10.1.2.3 because it doesn't contain any IP SANs`. A note for a static IP target (the certificate may well list it); a warning for pod IPs.",
        hint: "set the server name to a DNS name the certificate lists (tls_config.server_name, tlsConfig.serverName)")
}
