/// The opentelemetry-operator's `OpenTelemetryCollector` (opentelemetry.io v1alpha1: `spec.config`
/// a string; v1beta1: an object). The operator runs the Collector in container `otc-container` with
/// the config at `/conf/collector.yaml`, the resource's `volumes`, `volumeMounts`, `env`, `envFrom`
/// and `args`, and makes Service `<name>-collector` for the receivers' ports; the config is checked
/// like a Collector file, through those mounts.
extension ManifestInventory {
    static let collectorContainer = "otc-container"

    mutating func readCollector(_ object: KubernetesObject) {
        guard let spec = object.node["spec"] else { return }
        let owner = ObjectName(kind: object.kind, namespace: object.namespace, name: object.name)
        var labels = [
            "app.kubernetes.io/component": "opentelemetry-collector",
            "app.kubernetes.io/instance": "\(object.namespace ?? "default").\(object.name)",
            "app.kubernetes.io/managed-by": "opentelemetry-operator",
            "app.kubernetes.io/name": "\(object.name)-collector",
            "app.kubernetes.io/part-of": "opentelemetry",
        ]
        for pair in spec["podLabels"]?.pairs ?? [] {
            if let key = pair.key.text, let value = pair.value.text { labels[key] = value }
        }
        // The resource's spec has the container fields (image, env, envFrom, ports, volumeMounts,
        // probes) at the top; its `args` is a map of flag to value.
        var volumes: [String: VolumeSpec] = [:]
        for item in spec["volumes"]?.items ?? [] {
            if let volume = readVolume(item) { volumes[volume.name] = volume }
        }
        var container = readContainer(spec, isInit: false, path: object.path, owner: object.displayName)
        container.name = Self.collectorContainer
        container.extraArguments = (spec["args"]?.pairs ?? []).compactMap { pair in
            guard let flag = pair.key.text else { return nil }
            return ContainerArguments.Argument(text: "--\(flag)=\(pair.value.text ?? "")", location: object.location(pair.key))
        }
        let pod = PodTemplateSpec(
            owner: owner, labels: labels, hostNetwork: spec["hostNetwork"]?.value == .bool(true), volumes: volumes,
            containers: [container], location: object.location(spec), path: object.path)
        // A sidecar is injected into other pods: it has no pods or Service of its own.
        let sidecar = spec["mode"]?.text == "sidecar"
        if !sidecar { pods.append(pod) }
        collectors.append(CollectorResource(object: object, pod: pod, sidecar: sidecar))
    }
}

extension ManifestResolver {
    /// Each OpenTelemetryCollector's config, through its container's mounts; its receivers become
    /// servers of that container and its generated Service.
    mutating func checkCollectorResources() {
        for resource in inventory.collectors {
            let object = resource.object, pod = resource.pod
            guard let config = object.node["spec"]?["config"], !config.isNull, let container = pod.containers.first else { continue }
            let table = table(pod, container)
            var context = self.context
            context.files = table.reader
            let placement = resource.sidecar ? nil : pod.placement(container)
            let path = "/conf/collector.yaml"
            var servers: [TLSServer] = []
            if let text = config.text {
                // v1alpha1: the config is a string in the manifest.
                let holder = DataObject(name: ObjectName(kind: object.kind, namespace: object.namespace, name: object.name),
                                        location: object.location(object.node), path: object.path)
                let entry = DataEntry(bytes: Array(text.utf8), key: object.node["spec"]!.pair("config")!.key, value: config, encoding: .text)
                guard let checked = checkEmbedded(Array(text.utf8), entry: entry, object: holder, key: "config", path: path,
                                                  kind: .collector, context: context) else { continue }
                let before = result.deployment.servers.count
                add(checked, placement: placement, listens: [], table: table)
                servers = Array(result.deployment.servers[before...])
            } else if config.pairs != nil {
                // v1beta1: the config is part of the manifest, so findings are at its own lines.
                var run = OTLPRun(path: object.path, context: context)
                run.check(config, as: .collector)
                result.report.append(Report(run.findings, inputs: []))
                let facts = run.facts(config, as: .collector)
                for var server in facts.servers {
                    server = server.relocated({ $0 }, material: { material($0, table) })
                    server.pod = placement
                    if let placement { server.name += " in \(placement)" }
                    servers.append(server)
                }
                result.deployment.servers += servers
                for var client in facts.clients {
                    client = client.relocated({ $0 }, material: { material($0, table) })
                    client.pod = placement
                    if let placement { client.name += " in \(placement)" }
                    result.deployment.clients.append(client)
                }
            }
            guard !resource.sidecar else { continue }
            // The operator's Service: one port per receiver endpoint, named after the receiver.
            var ports: [ServicePort] = []
            for server in servers {
                for listen in server.listens where !ports.contains(where: { $0.port == listen.port }) {
                    let name = server.name.prefix { $0 != " " }.split(separator: ":").filter { !$0.isEmpty }.dropFirst().filter { $0 != "protocols" }
                        .joined(separator: "-").replacing("/", with: "-")
                    ports.append(ServicePort(name: name, port: listen.port, targetPort: .number(listen.port), location: server.origin))
                }
            }
            let selector = pod.labels.filter { $0.key != "app.kubernetes.io/name" && $0.key.hasPrefix("app.kubernetes.io/") }
            inventory.services.append(ServiceFacts(
                name: ObjectName(kind: "Service", namespace: object.namespace, name: "\(object.name)-collector"),
                labels: pod.labels, selector: selector, ports: ports, location: object.location(object.node)))
        }
    }
}
