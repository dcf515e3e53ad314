/// Grafana's tempo-operator (tempo.grafana.com v1alpha1). The operator runs Tempo itself, so the input
/// holds no Deployment, config or Service for it: tlscheck makes what the operator makes
/// (grafana/tempo-operator, `internal/manifests`) for the OTLP receivers, which is where clients meet
/// Tempo's TLS:
///
/// - TempoMonolithic: `spec.ingestion.otlp.grpc` and `.http` (both on unless `enabled: false`), each
///   with its own `tls`; the certificate Secret mounted at /var/run/tls/receiver/{grpc,http}, the CA
///   ConfigMap at /var/run/ca-receiver/{grpc,http}; Service `tempo-NAME`, ports 4317 and 4318.
/// - TempoStack: `spec.template.distributor.tls`, for both receivers of the distributor, mounted at
///   /var/run/tls/receiver and /var/run/ca-receiver; Service `tempo-NAME-distributor`.
///
/// A `tls` (the operator's TLSSpec) has `enabled`, `certName` (a Secret with tls.crt and tls.key),
/// `caName` (a ConfigMap with service-ca.crt) and `minVersion`. The operator writes them into Tempo's
/// receiver config as `cert_file`, `key_file`, `client_ca_file` and `min_version`; a receiver with a
/// `client_ca_file` requires client certificates signed by it, as a Collector's does.
struct TempoResource {
    struct Receiver {
        var transport: Transport
        var port: Int
        var portName: String
        /// Where its `tls` block is, as messages spell it: `spec.ingestion.otlp.grpc.tls`.
        var settingPath: String
        var tls: YAMLNode?
        var certificateFolder: String
        var caFolder: String

        var enabled: Bool { tls?["enabled"]?.value == .bool(true) }

        /// A name field of the block (`certName`, `caName`) when it names something.
        func named(_ field: String) -> YAMLNode? {
            guard let node = tls?[field], node.text?.isEmpty == false else { return nil }
            return node
        }
    }

    var object: KubernetesObject
    var pod: PodTemplateSpec
    var receivers: [Receiver]

    static let container = "tempo"
    static let tlsFields = ["caName", "certName", "enabled", "minVersion"]
}

extension ServerDialect {
    /// A tempo-operator resource's TLSSpec at `tls` (`spec.template.distributor.tls`).
    static func tempoOperator(_ tls: String) -> ServerDialect {
        ServerDialect(input: "tempo-operator resource", [
            .tls: "\(tls).enabled", .certificate: "\(tls).certName", .key: "\(tls).certName",
            .clientCA: "\(tls).caName", .minVersion: "\(tls).minVersion",
        ])
    }
}

extension ManifestInventory {
    mutating func readTempo(_ object: KubernetesObject) {
        guard let spec = object.node["spec"] else { return }
        let stack = object.kind == "TempoStack"
        var receivers: [TempoResource.Receiver] = []
        for (name, transport, port) in [("grpc", Transport.grpc, 4317), ("http", Transport.http, 4318)] {
            if stack {
                receivers.append(.init(
                    transport: transport, port: port, portName: "otlp-\(name)", settingPath: "spec.template.distributor.tls",
                    tls: spec["template"]?["distributor"]?["tls"], certificateFolder: "/var/run/tls/receiver", caFolder: "/var/run/ca-receiver"))
            } else {
                let block = spec["ingestion"]?["otlp"]?[name]
                guard block?["enabled"]?.value != .bool(false) else { continue }  // the operator's default: on
                receivers.append(.init(
                    transport: transport, port: port, portName: "otlp-\(name)", settingPath: "spec.ingestion.otlp.\(name).tls",
                    tls: block?["tls"], certificateFolder: "/var/run/tls/receiver/\(name)", caFolder: "/var/run/ca-receiver/\(name)"))
            }
        }
        // The Secret and ConfigMap volumes the operator mounts, each placed at the name that asks for it.
        var volumes: [String: VolumeSpec] = [:]
        var mounts: [VolumeMountSpec] = []
        var read = Set<String>()
        for receiver in receivers {
            guard let tls = receiver.tls, read.insert(receiver.settingPath).inserted else { continue }
            checkTLSSpec(tls, at: receiver.settingPath, of: object)
            guard receiver.enabled else { continue }
            let named: [(String, ObjectKeyReference.Kind, String)] = [
                ("certName", .secret, receiver.certificateFolder),
                ("caName", .configMap, receiver.caFolder),
            ]
            for (field, kind, folder) in named {
                guard let node = receiver.named(field), let name = node.text else { continue }
                let volume = String(folder.dropFirst("/var/run/".count)).replacing("/", with: "-")
                volumes[volume] = VolumeSpec(
                    name: volume,
                    projections: [.init(kind: kind, name: name, items: nil, optional: false, node: node)],
                    node: node)
                mounts.append(VolumeMountSpec(volume: volume, mountPath: folder, node: node))
            }
        }
        let at = object.location(spec)
        let labels = [
            "app.kubernetes.io/component": stack ? "distributor" : "tempo",
            "app.kubernetes.io/instance": object.name,
            "app.kubernetes.io/managed-by": "tempo-operator",
            "app.kubernetes.io/name": "tempo",
        ]
        var ports: [ContainerPort] = []
        for receiver in receivers where !ports.contains(where: { $0.number == receiver.port }) {
            ports.append(ContainerPort(name: receiver.portName, number: receiver.port, location: at))
        }
        let container = ContainerSpec(
            name: TempoResource.container, image: nil, isInit: false, node: spec, command: [], args: [], env: [], envFrom: [],
            ports: ports, mounts: mounts, probes: [], location: at)
        let pod = PodTemplateSpec(
            owner: ObjectName(kind: object.kind, namespace: object.namespace, name: object.name), labels: labels,
            hostNetwork: false, volumes: volumes, containers: [container], location: at, path: object.path)
        pods.append(pod)
        tempos.append(TempoResource(object: object, pod: pod, receivers: receivers))
        services.append(ServiceFacts(
            name: ObjectName(kind: "Service", namespace: object.namespace, name: stack ? "tempo-\(object.name)-distributor" : "tempo-\(object.name)"),
            labels: labels, selector: labels,
            ports: ports.map { ServicePort(name: $0.name, port: $0.number, targetPort: .name($0.name ?? ""), location: at) },
            location: object.location(object.node)))
    }

    /// The TLSSpec as the API server and Tempo read it: its four fields, `enabled` required, a
    /// version Tempo's receiver (the Collector's configtls) accepts, and a certificate when TLS is on.
    private mutating func checkTLSSpec(_ tls: YAMLNode, at path: String, of object: KubernetesObject) {
        for pair in tls.pairs ?? [] {
            guard let key = pair.key.text, !TempoResource.tlsFields.contains(key) else { continue }
            findings.append(Finding(
                .unknownKey,
                "unknown field \"\(path).\(key)\": kubectl apply refuses the \(object.kind) (strict decoding error), and where field validation is off (Helm, Argo CD, --validate=false) the API server drops it silently",
                at: object.location(pair.key),
                hint: Suggestion.closest(to: key, in: TempoResource.tlsFields).map { "did you mean \($0)?" }
                    ?? "a TLS block has only \(TempoResource.tlsFields.joined(separator: ", "))"))
        }
        guard tls.pairs != nil else { return }
        if tls["enabled"] == nil {
            findings.append(Finding(
                .schemaInvalidValue, "\(path).enabled: Required value (the API server refuses the \(object.kind))",
                at: object.location(tls), hint: "add `enabled: true` (or false)"))
        }
        if let node = tls["minVersion"], let text = node.text, !text.isEmpty, !GoTLSNames.collectorVersions.contains(text) {
            let meant = TLSVersion(parsing: text).flatMap(TLSVersion.allCases.firstIndex(of:))
                ?? GoTLSNames.dskitVersions.firstIndex(of: text) ?? GoTLSNames.versions.firstIndex(of: text)
            let hint = meant
                .map { "Tempo's receiver writes versions as \"\(GoTLSNames.collectorVersions[$0])\"" } ?? "use \"1.2\" or \"1.3\""
            findings.append(Finding(
                .tlsInvalidVersion,
                "\(object.displayName) \(path).minVersion: invalid TLS min_version: unsupported TLS version: \"\(text)\" (Tempo's receiver fails at start-up)",
                at: object.location(node), hint: hint))
        }
        if tls["enabled"]?.value == .bool(true), tls["certName"]?.text?.isEmpty ?? true {
            findings.append(Finding(
                .tempoReceiverWithoutCertificate,
                "\(object.displayName) turns on TLS at \(path) without certName: the operator fills one in only on OpenShift (its serving-certificate feature); elsewhere Tempo's receiver has no certificate and every handshake fails (`tls: no certificates configured`)",
                at: object.location(tls["enabled"]!)))
        }
    }
}

extension ManifestResolver {
    /// Each Tempo operator receiver as the server it is: its Secret and ConfigMap through the mounts
    /// the operator makes, their certificates checked once per folder.
    mutating func checkTempoResources() {
        for resource in inventory.tempos {
            let pod = resource.pod, object = resource.object
            guard let container = pod.containers.first else { continue }
            let table = table(pod, container)
            var context = self.context
            context.files = table.reader
            let checker = MaterialChecker(context: context)
            var checked = Set<String>()
            for receiver in resource.receivers {
                let origin = object.location(receiver.tls ?? object.node)
                var server = TLSServer(
                    name: "\(object.displayName) OTLP/\(receiver.transport == .grpc ? "gRPC" : "HTTP") receiver",
                    dialect: .tempoOperator(receiver.settingPath), origin: origin, transport: receiver.transport,
                    usesTLS: receiver.enabled)
                server.listens = [ListenAddress(port: receiver.port, name: receiver.portName)]
                server.pod = pod.placement(container)
                if receiver.enabled {
                    if let node = receiver.named("certName") {
                        let at = object.location(node)
                        let certificate = MaterialSource.file(path: "\(receiver.certificateFolder)/tls.crt", at: at)
                        let key = MaterialSource.file(path: "\(receiver.certificateFolder)/tls.key", at: at)
                        if checked.insert(receiver.certificateFolder).inserted {
                            report(contentsOf: checker.checkKeyPair(
                                certificate: certificate, key: key, role: .server,
                                issuers: .configuration(certificate: certificate, ca: nil, files: context.files)))
                        }
                        server.certificate = material(.source(certificate), table)
                        server.key = material(.source(key), table)
                    } else {
                        server.certificate = .external(what: "the certificate OpenShift's service CA issues", at: origin)
                    }
                    if let node = receiver.named("caName") {
                        let ca = MaterialSource.file(path: "\(receiver.caFolder)/service-ca.crt", at: object.location(node))
                        if checked.insert(receiver.caFolder).inserted {
                            report(contentsOf: checker.checkCABundle(ca, purpose: .client))
                        }
                        server.clientCA = material(.source(ca), table)
                        server.clientAuth = Stated(.requireAndVerify, at: object.location(node))
                    }
                    if let node = receiver.tls?["minVersion"], let version = node.text.flatMap(TLSVersion.init(parsing:)),
                        GoTLSNames.collectorVersions.contains(node.text ?? "") {
                        server.minVersion = Stated(version, at: object.location(node))
                    }
                }
                result.deployment.servers.append(server)
            }
        }
    }

    private mutating func report(contentsOf findings: [Finding]) { result.report.findings += findings }
}
