/// The Prometheus Operator's `Prometheus` and `PrometheusAgent` resources, for the files a
/// ServiceMonitor names in the Prometheus container (kubernetes.md §3.3, §9 #18–19): the Operator
/// mounts each Secret of `spec.secrets` at /etc/prometheus/secrets/NAME/ and each ConfigMap of
/// `spec.configMaps` at /etc/prometheus/configmaps/NAME/, and with
/// `spec.arbitraryFSAccessThroughSMs.deny` rejects every ServiceMonitor that names a file.
struct PrometheusResource {
    var name: ObjectName
    var secrets: [String]
    var configMaps: [String]
    var deniesFiles: Bool

    static let secretsFolder = "/etc/prometheus/secrets/"
    static let configMapsFolder = "/etc/prometheus/configmaps/"
}

extension ManifestInventory {
    mutating func readPrometheus(_ object: KubernetesObject) {
        let spec = object.node["spec"]
        func names(_ key: String) -> [String] { (spec?[key]?.items ?? []).compactMap(\.text) }
        prometheuses.append(PrometheusResource(
            name: ObjectName(kind: object.kind, namespace: object.namespace, name: object.name),
            secrets: names("secrets"), configMaps: names("configMaps"),
            deniesFiles: spec?["arbitraryFSAccessThroughSMs"]?["deny"]?.value == .bool(true)))
    }
}

extension ManifestResolver {
    /// A ServiceMonitor's file in the Prometheus container, through the Prometheus resources of the
    /// input: the Secret or ConfigMap key mounted there, or a finding when none mounts it. Without a
    /// Prometheus resource in the input the file stays unknown, said by nothing.
    mutating func resolveScraperFile(_ path: String, at: Location, for client: TLSClient) -> MaterialReference {
        let unknown = MaterialReference.external(what: "file \(path) in the Prometheus container", at: at)
        let servers = inventory.prometheuses
        guard !servers.isEmpty else { return unknown }
        if servers.allSatisfy(\.deniesFiles) {
            guard rejectedForFiles.insert(client.name).inserted else { return unknown }
            report(Finding(
                .monitorRejected,
                "\(client.name): the Operator rejects the monitor: it accesses file system via tls config which Prometheus specification prohibits (\(servers.map { "\($0.name)" }.joined(separator: ", ")) sets arbitraryFSAccessThroughSMs.deny)",
                at: at, hint: "use tlsConfig.ca.secret, tlsConfig.cert.secret and tlsConfig.keySecret instead of files"))
            return unknown
        }
        let kind: ObjectKeyReference.Kind
        let rest: Substring
        if path.hasPrefix(PrometheusResource.secretsFolder) {
            (kind, rest) = (.secret, path.dropFirst(PrometheusResource.secretsFolder.count))
        } else if path.hasPrefix(PrometheusResource.configMapsFolder) {
            (kind, rest) = (.configMap, path.dropFirst(PrometheusResource.configMapsFolder.count))
        } else {
            return unknown  // a volume of the Prometheus resource's own, or the service account's CA
        }
        let parts = rest.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return unknown }
        let name = String(parts[0]), key = String(parts[1])
        let field = kind == .secret ? "spec.secrets" : "spec.configMaps"
        guard let server = servers.first(where: { (kind == .secret ? $0.secrets : $0.configMaps).contains(name) }) else {
            report(Finding(
                .pathNotMounted,
                "\(client.name): \(path) is where the Operator mounts \(kind.rawValue) \(name) when a Prometheus lists it in \(field), and \(servers.map { "\($0.name)" }.joined(separator: ", ")) does not: the file does not exist in the Prometheus container, so the scrape pool fails (`unable to read file \(path): open \(path): no such file or directory`) and the job has no targets",
                at: at, hint: "add \(name) to \(field) of \(servers[0].name), or name the \(kind.rawValue) key in the monitor's tlsConfig instead of a file"))
            return unknown
        }
        let mounted = "\(server.name) mounts at \(kind == .secret ? PrometheusResource.secretsFolder : PrometheusResource.configMapsFolder)\(name)/"
        guard let object = inventory.dataObject(kind, name, from: server.name.namespace) else {
            reportMissing(ObjectName(kind: kind.rawValue, namespace: server.name.namespace, name: name), usedBy: "\(server.name) (\(field))", at: at)
            return unknown
        }
        guard let bytes = object.entries[key]?.bytes, !bytes.isEmpty else {
            let has = object.entries.keys.sorted().joined(separator: ", ")
            report(Finding(
                .objectKeyMissing,
                "\(client.name): \(path): \(object.name), which \(mounted), \(object.entries[key] == nil ? "has no key \(key)" : "has \(key) empty"): the scrape pool cannot read the file and the job has no targets",
                at: at, hint: "name a key \(object.name) has (\(has)), or add \(key) to it"))
            return unknown
        }
        return .source(KubernetesMaterial.source(bytes, named: "\(object.name) key \(key)", at: at))
    }
}
