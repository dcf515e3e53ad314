/// Reads Prometheus Operator resources — ServiceMonitor, PodMonitor, Probe, ScrapeConfig — as the API
/// server and the Operator see them: the CRD schema (unknown, misplaced and file fields, enums), what
/// the Operator rejects (its messages, kubernetes.md §3.2), and one `TLSClient` per endpoint for the
/// shared client checks and the deployment model. Secret and ConfigMap references become
/// `MaterialReference.objectKey` in the monitor's namespace (where the Operator reads them); the
/// Kubernetes reader resolves them against the objects in the input.
public struct MonitorReader: Sendable {
    public var context: CheckContext

    public init(context: CheckContext) { self.context = context }

    public static let kinds: Set = ["ServiceMonitor", "PodMonitor", "Probe", "ScrapeConfig"]

    public func read(_ object: KubernetesObject) -> ConfigValidation {
        var run = MonitorRun(object: object, context: context)
        run.read()
        var result = ConfigValidation(report: Report(run.findings, inputs: []))
        result.deployment.clients = run.clients
        return result
    }
}

/// One monitor being read.
struct MonitorRun: ConfigRun {
    let object: KubernetesObject
    let context: CheckContext
    var findings = FindingList()
    var clients: [TLSClient] = []

    init(object: KubernetesObject, context: CheckContext) {
        self.object = object
        self.context = context
    }

    var path: String { object.path }

    func text(_ node: YAMLNode?, _ key: String) -> String? {
        guard let value = node?[key], !value.isNull, let text = value.text, !text.isEmpty else { return nil }
        return text
    }

    func has(_ node: YAMLNode?, _ key: String) -> Bool { node?[key].map { !$0.isNull } ?? false }

    mutating func read() {
        if let root = MonitorSchema.root(kind: object.kind, apiVersion: object.apiVersion) {
            var schema = MonitorSchemaCheck(object)
            schema.check(object.node, root, path: "")
            findings.append(contentsOf: schema.findings)
        }
        guard let spec = object.node["spec"], spec.pairs != nil else { return }
        switch object.kind {
        case "ServiceMonitor":
            let selection = podSelection(spec, through: .services)
            for (index, endpoint) in (spec["endpoints"]?.items ?? []).enumerated() where endpoint.pairs != nil {
                var target = selection
                target.port = text(endpoint, "port").map(PortReference.name)
                if target.port == nil { target.targetPort = portReference(endpoint["targetPort"]) }
                endpointClient(endpoint, field: "endpoints[\(index)]", target: .pods(target), files: true)
            }
        case "PodMonitor":
            let selection = podSelection(spec, through: .pods)
            for (index, endpoint) in (spec["podMetricsEndpoints"]?.items ?? []).enumerated() where endpoint.pairs != nil {
                var target = selection
                target.port = text(endpoint, "port").map(PortReference.name) ?? portReference(endpoint["portNumber"] ?? endpoint["targetPort"])
                endpointClient(endpoint, field: "podMetricsEndpoints[\(index)]", target: .pods(target), files: false)
            }
        case "Probe":
            // The Probe's TLS secures Prometheus → prober (`__address__` is prober.url), not the probed target.
            let prober = spec["prober"]
            let address = text(prober, "url").map { EndpointSyntax.hostPort($0) }
            let target: ClientTarget = switch address {
            case .ok(let host, let port)?: .address(host: host, port: port)
            default: .discovered(mechanism: "Probe prober")
            }
            endpointClient(spec, field: "", target: target, files: false, scheme: prober?["scheme"], dialect: Self.probeDialect)
        case "ScrapeConfig":
            var targets: [ClientTarget] = []
            for group in spec["staticConfigs"]?.items ?? [] {
                for item in group["targets"]?.items ?? [] {
                    if let text = item.text, case .ok(let host, let port) = EndpointSyntax.hostPort(text) {
                        targets.append(.address(host: host, port: port))
                    }
                }
            }
            let discovered = (spec.pairs ?? []).contains { ($0.key.text ?? "").hasSuffix("SDConfigs") && !($0.value.items?.isEmpty ?? true) }
            if discovered || targets.isEmpty { targets.append(.discovered(mechanism: "ScrapeConfig service discovery")) }
            endpointClient(spec, field: "", target: targets[0], files: false, extraTargets: Array(targets.dropFirst()))
        default:
            return
        }
    }

    static let probeDialect = SettingDialect(input: "Probe", [
        .scheme: "prober.scheme", .trust: "tlsConfig.ca", .serverName: "tlsConfig.serverName", .certificate: "tlsConfig.cert",
        .key: "tlsConfig.keySecret", .skipVerify: "tlsConfig.insecureSkipVerify", .minVersion: "tlsConfig.minVersion",
        .maxVersion: "tlsConfig.maxVersion",
    ])

    private func podSelection(_ spec: YAMLNode, through: PodSelection.Through) -> PodSelection {
        // nil: any namespace; otherwise the names, the monitor's own by default (empty when the
        // manifest leaves it to `kubectl apply -n`, PodSelection's word for "the monitor's own").
        let own = object.namespace.map { [$0] } ?? []
        let namespaceSelector = spec["namespaceSelector"]
        let namespaces: [String]? = namespaceSelector.flatMap { node in
            if case .bool(true)? = node["any"]?.value { return nil }
            let names = node["matchNames"]?.items?.compactMap(\.text) ?? []
            return names.isEmpty ? own : names
        } ?? own
        return PodSelection(through: through, namespaces: namespaces, selector: Self.selector(spec["selector"]), port: nil)
    }

    static func selector(_ node: YAMLNode?) -> LabelSelector {
        var selector = LabelSelector()
        for pair in node?["matchLabels"]?.pairs ?? [] {
            if let key = pair.key.text, let value = pair.value.text { selector.matchLabels[key] = value }
        }
        for item in node?["matchExpressions"]?.items ?? [] {
            guard let key = item["key"]?.text, let op = item["operator"]?.text.flatMap(LabelSelector.Requirement.Operator.init) else { continue }
            selector.matchExpressions.append(.init(key: key, operator: op, values: item["values"]?.items?.compactMap(\.text) ?? []))
        }
        return selector
    }

    private func portReference(_ node: YAMLNode?) -> PortReference? {
        guard let node, !node.isNull else { return nil }
        if case .int(let number)? = node.value { return .number(number) }
        return node.text.map(PortReference.name)
    }
}
