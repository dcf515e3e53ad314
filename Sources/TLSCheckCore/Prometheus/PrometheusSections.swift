#if canImport(Glibc)
import Glibc
#endif

/// The sections of a prometheus.yml besides the jobs themselves: service discovery clients,
/// remote_write and remote_read, alerting, and the files `scrape_config_files` names.
extension PrometheusRun {
    static let kubernetesRoles = ["pod", "service", "endpoints", "endpointslice", "node", "ingress"]

    /// A `kubernetes_sd_configs` entry: its load rules, its own client (to the API server), and the
    /// targets it gives the job — pod IPs for the pod, endpoints and endpointslice roles
    /// (kubernetes.md §1.4), unless relabeling rewrites `__address__`.
    mutating func kubernetesDiscovery(_ sd: YAMLNode, job: String, index: Int, notPodIPs: Bool) -> [ClientTarget] {
        let role = string(sd, "role") ?? ""
        if role.isEmpty {
            report(.prometheusInvalidSetting, "role missing (one of: \(Self.kubernetesRoles.joined(separator: ", ")))", at: sd,
                   hint: "add role: endpoints (what a ServiceMonitor uses), pod, service, node or ingress")
        } else if !Self.kubernetesRoles.contains(role) {
            report(.prometheusInvalidSetting, "unknown Kubernetes SD role \"\(role)\"", at: sd["role"]!,
                   hint: Suggestion.closest(to: role, in: Self.kubernetesRoles).map { "did you mean \($0)?" })
        }
        let customClient = (sd.pairs ?? []).contains { PrometheusSchema.httpClientKeys.contains($0.key.text ?? "") && !$0.value.isNull }
        let apiServer = string(sd, "api_server")
        if apiServer == nil && customClient && !has(sd, "kubeconfig_file"), let pair = sd.pairs?.first(where: { PrometheusSchema.httpClientKeys.contains($0.key.text ?? "") }) {
            report(.prometheusInvalidSetting, "to use custom HTTP client configuration please provide the 'api_server' URL explicitly", at: pair.key,
                   hint: "in the cluster Prometheus uses its service account; set api_server to talk to another API server")
        }
        if apiServer != nil && has(sd, "kubeconfig_file") {
            report(.prometheusInvalidSetting, "cannot use 'kubeconfig_file' and 'api_server' simultaneously", at: sd["kubeconfig_file"]!)
        }
        validateHTTPClient(sd)
        if let apiServer, let url = EndpointSyntax.url(apiServer) {
            let https = url.scheme == "https"
            clients(of: sd, name: "job \"\(job)\" kubernetes_sd_configs[\(index)]", owner: .discovery(job: job), origin: sd["api_server"]!,
                    targets: [.address(host: url.host, port: url.port ?? (https ? 443 : 80))], usesTLS: https, schemeNode: sd["api_server"])
        }
        guard ["pod", "endpoints", "endpointslice"].contains(role), !notPodIPs else {
            return [.discovered(mechanism: "kubernetes_sd_configs role \(role)")]
        }
        let namespaces = sd["namespaces"]?["names"]?.items?.compactMap(\.text)
        return [.pods(PodSelection(through: role == "pod" ? .pods : .services, namespaces: namespaces, selector: LabelSelector(), port: nil))]
    }

    /// An `http_sd_configs` entry: its URL and its own client.
    mutating func httpDiscovery(_ sd: YAMLNode, job: String, index: Int) {
        validateHTTPClient(sd)
        guard let text = string(sd, "url"), !text.isEmpty else {
            report(.prometheusInvalidSetting, "URL is missing", at: sd, hint: "give the url of the HTTP service discovery endpoint")
            return
        }
        guard let url = EndpointSyntax.url(text), url.scheme == "http" || url.scheme == "https" else {
            report(.prometheusInvalidSetting, "URL scheme must be 'http' or 'https'", at: sd["url"]!)
            return
        }
        clients(of: sd, name: "job \"\(job)\" http_sd_configs[\(index)]", owner: .discovery(job: job), origin: sd["url"]!,
                targets: [.address(host: url.host, port: url.port ?? (url.scheme == "https" ? 443 : 80))],
                usesTLS: url.scheme == "https", schemeNode: sd["url"])
    }

    // MARK: remote_write, remote_read

    mutating func remote(_ root: YAMLNode) {
        for (key, what) in [("remote_write", "remote write"), ("remote_read", "remote read")] {
            var names: Set<String> = []
            for (index, item) in (root[key]?.items ?? []).enumerated() {
                if item.isNull {
                    report(.prometheusInvalidSetting, "empty or null \(what) config section", at: item)
                    continue
                }
                guard item.pairs != nil else { continue }
                if let name = string(item, "name"), !name.isEmpty, !names.insert(name).inserted {
                    report(.prometheusInvalidSetting, "found multiple \(what) configs with job name \"\(name)\"", at: item["name"]!)
                }
                for pair in item["headers"]?.pairs ?? [] {
                    let header = pair.key.text ?? ""
                    if header.lowercased() == "authorization" {
                        report(.prometheusInvalidSetting, "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter", at: pair.key)
                    } else if Self.reservedHeaders.contains(Self.canonicalHeader(header)) {
                        report(.prometheusInvalidSetting, "\(header) is a reserved header. It must not be changed", at: pair.key)
                    }
                }
                validateHTTPClient(item)
                validateRelabel(item["write_relabel_configs"]?.items)
                if key == "remote_write" {
                    let auth = ["basic_auth", "authorization", "oauth2", "sigv4", "azuread", "google_iam"].filter { has(item, $0) }
                    if auth.count > 1 {
                        report(.authConflict, "at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [\(auth.joined(separator: " "))]",
                               at: item.pair(auth[1])!.key)
                    }
                }
                guard let text = string(item, "url"), !text.isEmpty, let url = EndpointSyntax.url(text) else {
                    report(.prometheusInvalidSetting, "url for \(key) is empty", at: item, hint: "give the receiver's URL, e.g. https://mimir:9009/api/v1/push")
                    continue
                }
                let https = url.scheme == "https"
                let label = string(item, "name").map { "\(key) \"\($0)\"" } ?? "\(key)[\(index)]"
                clients(of: item, name: "\(label) (\(text))", owner: .startup, origin: item["url"]!,
                        targets: [.address(host: url.host, port: url.port ?? (https ? 443 : 80))], usesTLS: https, schemeNode: item["url"])
            }
        }
    }

    // MARK: alerting

    mutating func alerting(_ node: YAMLNode?) {
        for rule in node?["alert_relabel_configs"]?.items ?? [] where rule.isNull {
            report(.prometheusInvalidSetting, "empty or null alert relabeling rule", at: rule)
        }
        for (index, item) in (node?["alertmanagers"]?.items ?? []).enumerated() where item.pairs != nil {
            validateHTTPClient(item)
            validateRelabel(item["relabel_configs"]?.items)
            validateRelabel(item["alert_relabel_configs"]?.items)
            let auth = ["basic_auth", "authorization", "oauth2"].contains { has(item, $0) }
            if auth && has(item, "sigv4") {
                report(.authConflict, "at most one of basic_auth, authorization, oauth2, & sigv4 must be configured", at: item.pair("sigv4")!.key)
            }
            if let version = string(item, "api_version"), version != "v2" {
                report(.prometheusInvalidSetting, "expected Alertmanager api version to be one of [v2] but got \(version)", at: item["api_version"]!,
                       hint: "remove api_version; v1 is no longer supported")
            }
            let (usesTLS, schemeNode) = scheme(item, what: "notification")
            let targets = staticTargets(item, https: usesTLS, checkURLs: item["relabel_configs"]?.items?.isEmpty ?? true)
            let discovered = PrometheusSchema.discovery.contains { $0.name != "static_configs" && !(item[$0.name]?.items?.isEmpty ?? true) }
            clients(of: item, name: "alertmanagers[\(index)]", owner: .startup, origin: item,
                    targets: targets + (discovered ? [.discovered(mechanism: "service discovery")] : []), usesTLS: usesTLS, schemeNode: schemeNode)
        }
    }

    // MARK: scrape_config_files

    /// Each pattern, resolved against the config's folder, and the jobs of every file it matches
    /// (read as Prometheus reads them: only `scrape_configs`, paths relative to that file).
    mutating func scrapeConfigFiles(_ patterns: [YAMLNode], timing: Timing, names: inout [String: String]) -> [String] {
        var read: [String] = []
        for pattern in patterns {
            guard let text = pattern.text, !text.isEmpty else { continue }
            let resolved = FileInput.resolve(text, relativeTo: folder)
            let matches = ConfigValidator.glob(resolved).filter { ConfigValidator.isFolder($0) == false }
            if matches.isEmpty {
                report(.scrapeConfigFilesEmpty, "scrape_config_files: no file matches \(resolved)", at: pattern)
            }
            for file in matches.prefix(1000) {
                var sub = PrometheusRun(path: file, context: context, materials: materials)
                sub.inScrapeConfigFile = true
                switch FileInput.read(file) {
                case .failure(let error):
                    report(.unreadableInput, "scrape_config_files: \(file) cannot be read: \(error)", at: pattern)
                    continue
                case .success(let bytes):
                    let document = YAMLParser.parse(bytes, path: file)
                    sub.findings = document.findingList
                    if let root = document.root, sub.checkKeys(root, PrometheusSchema.scrapeFile) {
                        sub.jobs(root["scrape_configs"]?.items ?? [], timing: timing, names: &names)
                    }
                }
                findings.append(contentsOf: sub.findings)
                clients += sub.clients
                materials = sub.materials
                read.append(file)
            }
        }
        return read
    }

    // MARK: Relabeling and scrape protocols

    static let relabelActions = [
        "replace", "keep", "drop", "keepequal", "dropequal", "hashmod", "labelmap", "labeldrop", "labelkeep", "lowercase", "uppercase",
    ]

    /// `relabel.Action.UnmarshalYAML` and `relabel.Config.Validate`, for every rule of a list.
    mutating func validateRelabel(_ rules: [YAMLNode]?) {
        for rule in rules ?? [] where rule.pairs != nil {
            let written = string(rule, "action")
            let action = (written ?? "replace").lowercased()
            if let written, !Self.relabelActions.contains(action) {
                report(.prometheusInvalidSetting, "unknown relabel action \"\(written)\"", at: rule["action"]!,
                       hint: Suggestion.closest(to: action, in: Self.relabelActions).map { "did you mean \($0)?" } ?? "actions: " + Self.relabelActions.joined(separator: ", "))
                continue
            }
            if action == "hashmod", (string(rule, "modulus").flatMap { Int($0) } ?? 0) == 0 {
                report(.prometheusInvalidSetting, "relabel configuration for hashmod requires non-zero modulus", at: rule)
            }
            if ["replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal"].contains(action), string(rule, "target_label")?.isEmpty != false {
                report(.prometheusInvalidSetting, "relabel configuration for \(action) action requires 'target_label' value", at: rule,
                       hint: action == "replace" && written == nil ? "replace is the default action; add target_label, or set the action you meant" : "add target_label")
            }
        }
    }

    static let scrapeProtocols = ["OpenMetricsText0.0.1", "OpenMetricsText1.0.0", "PrometheusProto", "PrometheusText0.0.4", "PrometheusText1.0.0"]

    /// `validateAcceptScrapeProtocols`: known names (case-sensitive), no repeats, not empty.
    mutating func validateScrapeProtocols(_ node: YAMLNode?, suffix: String) {
        guard let node, let items = node.items else { return }
        if items.isEmpty { report(.prometheusInvalidSetting, "scrape_protocols cannot be empty\(suffix)", at: node) }
        var seen: Set<String> = []
        for item in items {
            guard let name = item.text else { continue }
            if !seen.insert(name.lowercased()).inserted {
                report(.prometheusInvalidSetting, "duplicated protocol in scrape_protocols, got [\(items.compactMap(\.text).joined(separator: " "))]\(suffix)", at: item)
            } else if !Self.scrapeProtocols.contains(name) {
                report(.prometheusInvalidSetting, "scrape_protocols: unknown scrape protocol \(name), supported: [\(Self.scrapeProtocols.joined(separator: " "))]\(suffix)",
                       at: item, hint: Suggestion.closest(to: name, in: Self.scrapeProtocols).map { "did you mean \($0)?" })
            }
        }
    }
}
