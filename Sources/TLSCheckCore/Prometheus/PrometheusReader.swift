/// Reads a `prometheus.yml` (or a scrape config file, or a bare list of jobs) the way Prometheus loads
/// it: go-yaml's strict keys and types, then each section's load-time rules in Prometheus's words, then
/// the TLS client of every scrape job, remote_write, remote_read and alertmanager (and of the Kubernetes
/// and HTTP service discovery), which go to the deployment model and the shared client checks.
public struct PrometheusReader: Sendable {
    public var context: CheckContext

    public init(context: CheckContext) { self.context = context }

    /// `kind` is `.prometheus` or `.prometheusJobs`; `path` names the file in findings (any name works,
    /// `<stdin>` included) and relative paths inside resolve against its folder.
    public func read(_ document: YAMLDocument, path: String, kind: ConfigKind) -> ConfigValidation {
        var run = PrometheusRun(path: path, context: context)
        run.findings = document.findingList
        var inputs = [path]
        if let root = document.root {
            inputs += run.checkRoot(root, jobsOnly: kind == .prometheusJobs)
        }
        var result = ConfigValidation(report: Report(run.findings, inputs: inputs))
        result.deployment.clients = run.clients
        return result
    }
}

extension PrometheusRun {
    /// Scrape interval and timeout in milliseconds, as a job inherits them.
    struct Timing {
        var interval = 60_000.0
        var timeout = 10_000.0
    }

    /// The whole file; returns the scrape config files it read.
    mutating func checkRoot(_ root: YAMLNode, jobsOnly: Bool) -> [String] {
        if jobsOnly, let items = root.items {
            // A bare job list: the body of `scrape_configs:`, as gen-self-signed writes it.
            for item in items { checkKeys(item, PrometheusSchema.scrape) }
            var names: [String: String] = [:]
            jobs(items, timing: Timing(), names: &names)
            return []
        }
        guard checkKeys(root, jobsOnly ? PrometheusSchema.scrapeFile : PrometheusSchema.root) else { return [] }
        let timing = global(root["global"])
        validateScrapeProtocols(root["global"]?["scrape_protocols"], suffix: " for global config")
        validateRelabel(root["alerting"]?["alert_relabel_configs"]?.items)
        for (key, what) in [("rule_files", "rule file"), ("scrape_config_files", "scrape config file")] {
            for item in root[key]?.items ?? [] {
                if let text = item.text, !Self.isValidFilePattern(text) {
                    report(.prometheusInvalidSetting, "invalid \(what) path \"\(text)\"", at: item,
                           hint: "a * may only appear in the last path element")
                }
            }
        }
        var names: [String: String] = [:]
        jobs(root["scrape_configs"]?.items ?? [], timing: timing, names: &names)
        let files = jobsOnly ? [] : scrapeConfigFiles(root["scrape_config_files"]?.items ?? [], timing: timing, names: &names)
        remote(root)
        alerting(root["alerting"])
        if let tls = root["tracing"]?["tls_config"] { validateTLS(tls) }
        return files
    }

    /// `^[^*]*(\*[^/]*)?$`: a glob only in the last path element.
    static func isValidFilePattern(_ text: String) -> Bool {
        guard let star = text.firstIndex(of: "*") else { return true }
        return !text[star...].contains("/")
    }

    private mutating func global(_ node: YAMLNode?) -> Timing {
        var timing = Timing()
        guard let node, node.pairs != nil else { return timing }
        if let text = string(node, "scrape_interval"), let value = PrometheusDuration.parse(text), value > 0 { timing.interval = value }
        let timeout = string(node, "scrape_timeout").flatMap(PrometheusDuration.parse) ?? 0
        if timeout > timing.interval, let value = node["scrape_timeout"] {
            report(.prometheusInvalidSetting, "global scrape timeout greater than scrape interval", at: value,
                   hint: "scrape_timeout must not exceed scrape_interval")
        }
        timing.timeout = timeout > 0 ? timeout : min(10_000, timing.interval)
        return timing
    }

    // MARK: Scrape jobs

    mutating func jobs(_ items: [YAMLNode], timing: Timing, names: inout [String: String]) {
        for item in items {
            if item.isNull {
                report(.prometheusInvalidSetting, "empty or null scrape config section", at: item, hint: "remove the empty `-` item")
                continue
            }
            guard item.pairs != nil else { continue }
            job(item, timing: timing, names: &names)
        }
    }

    private mutating func job(_ item: YAMLNode, timing: Timing, names: inout [String: String]) {
        let jobName = string(item, "job_name") ?? ""
        let nameNode = item["job_name"] ?? item
        if jobName.isEmpty {
            report(.prometheusInvalidSetting, "job_name is empty", at: nameNode, hint: "give every scrape config a unique job_name")
        } else if let first = names[jobName] {
            report(.prometheusInvalidSetting, "found multiple scrape configs with job name \"\(jobName)\"\(inScrapeConfigFile ? ", first found in \(first)" : "")",
                   at: nameNode, hint: "job names must be unique")
        } else {
            names[jobName] = inScrapeConfigFile ? "\"\(path)\"" : "main config file"
        }
        let interval = string(item, "scrape_interval").flatMap(PrometheusDuration.parse).flatMap { $0 > 0 ? $0 : nil } ?? timing.interval
        if let text = string(item, "scrape_timeout"), let timeout = PrometheusDuration.parse(text), timeout > interval {
            report(.prometheusInvalidSetting, "scrape timeout greater than scrape interval for scrape config with job name \"\(jobName)\"",
                   at: item["scrape_timeout"]!, hint: "scrape_timeout must not exceed scrape_interval (\(interval / 1000)s here)")
        }
        validateHTTPClient(item)
        for key in ["relabel_configs", "metric_relabel_configs"] {
            for rule in item[key]?.items ?? [] where rule.isNull {
                report(.prometheusInvalidSetting, "empty or null \(key == "relabel_configs" ? "target" : "metric") relabeling rule in scrape config", at: rule)
            }
            validateRelabel(item[key]?.items)
        }
        validateScrapeProtocols(item["scrape_protocols"], suffix: " for scrape config with job name \"\(jobName)\"")
        let (usesTLS, schemeNode) = scheme(item, what: "scrape")
        // Relabeling may point the targets elsewhere; and a job that trusts the service account's CA
        // scrapes cluster components (API servers, kubelets), whose certificates carry their IPs.
        let notPodIPs = (item["relabel_configs"]?.items ?? []).contains { string($0, "target_label") == "__address__" }
            || (string(item["tls_config"], "ca_file")?.hasSuffix("serviceaccount/ca.crt") ?? false)
        var targets = staticTargets(item, https: usesTLS, checkURLs: item["relabel_configs"]?.items?.isEmpty ?? true)
        for (index, sd) in (item["kubernetes_sd_configs"]?.items ?? []).enumerated() where sd.pairs != nil {
            targets += kubernetesDiscovery(sd, job: jobName, index: index, notPodIPs: notPodIPs)
        }
        for (index, sd) in (item["http_sd_configs"]?.items ?? []).enumerated() where sd.pairs != nil {
            targets.append(.discovered(mechanism: "http_sd_configs"))
            httpDiscovery(sd, job: jobName, index: index)
        }
        for pair in item.pairs ?? [] {
            guard let name = pair.key.text, name.hasSuffix("_sd_configs"), name != "kubernetes_sd_configs", name != "http_sd_configs",
                let items = pair.value.items, !items.isEmpty
            else { continue }
            targets.append(.discovered(mechanism: name))
            for sd in items where sd.pairs != nil { validateHTTPClient(sd) }
        }
        clients(of: item, name: "job \"\(jobName)\"", owner: .scrape(job: jobName), origin: nameNode, targets: targets,
                usesTLS: usesTLS, schemeNode: schemeNode)
    }

    /// `scheme` (default http); any other value than http or https fails every request.
    mutating func scheme(_ node: YAMLNode, what: String) -> (usesTLS: Bool, node: YAMLNode?) {
        guard let value = node["scheme"], !value.isNull, let text = value.text else { return (false, nil) }
        // The URL is parsed again before each request, which lower-cases the scheme: HTTPS works.
        let scheme = text.lowercased()
        if scheme != "http" && scheme != "https" {
            report(.prometheusInvalidSetting,
                   "scheme \"\(text)\" is not http or https: Prometheus loads it, but every \(what) fails (unsupported protocol scheme \"\(scheme)\")",
                   at: value, hint: "use http or https")
        }
        return (scheme == "https", value)
    }

    /// The `static_configs` targets, each `host[:port]` (the scheme's port when none is given).
    mutating func staticTargets(_ item: YAMLNode, https: Bool, checkURLs: Bool) -> [ClientTarget] {
        var targets: [ClientTarget] = []
        for group in item["static_configs"]?.items ?? [] {
            for target in group["targets"]?.items ?? [] {
                guard let text = target.text, !text.isEmpty else { continue }
                if text.utf8.contains(UInt8(ascii: "/")) {
                    if checkURLs {
                        report(.prometheusInvalidSetting, "\"\(text)\" is not a valid hostname", at: target,
                               hint: "a target is host:port; the scheme goes in scheme and the path in metrics_path")
                    }
                    continue
                }
                if let (host, port) = Self.hostAndPort(text) {
                    targets.append(.address(host: host, port: port))
                } else if case .ok(let host, let port) = EndpointSyntax.hostPort(text) {
                    targets.append(.address(host: host, port: port))
                } else {
                    targets.append(.address(host: text.hasPrefix("[") ? String(text.dropFirst().dropLast()) : text, port: https ? 443 : 80))
                }
            }
        }
        return targets
    }

    /// `name:port` without brackets, the usual target, split on bytes: a 1,000-job file has thousands
    /// (the general splitter, with IPv6 and Go's error words, takes ten times as long). Nil otherwise.
    static func hostAndPort(_ text: String) -> (String, Int)? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes.first != UInt8(ascii: "[") else { return nil }
        let digits = bytes[bytes.index(after: colon)...]
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let port = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard port <= 65535 else { return nil }
        return (String(text[..<colon]), port)
    }
}
