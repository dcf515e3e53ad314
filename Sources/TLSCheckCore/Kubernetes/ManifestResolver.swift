/// The pass over a whole inventory, once every object of the run is read: each pod's volumes and each
/// container's environment, flags and mounted configurations; the configurations nobody names;
/// the Secret keys monitors refer to. Its findings and facts go into one `ConfigValidation`.
struct ManifestResolver {
    var inventory: ManifestInventory
    let context: CheckContext
    var result = ConfigValidation()
    /// Objects already said to be missing: said once per run.
    private var reportedMissing: Set<ObjectName> = []
    /// Secret and ConfigMap keys read as a container's configuration (`Secret ns/x\0key`).
    var consumed: Set<String> = []
    /// Where a container mounts each key, for configurations no flag names.
    var mountedAt: [String: (pod: Int, container: Int, path: String)] = [:]
    /// Monitors already said to be rejected for naming files (once each, not once per file).
    var rejectedForFiles: Set<String> = []

    init(inventory: ManifestInventory, context: CheckContext) {
        self.inventory = inventory
        self.context = context
    }

    static func id(_ object: ObjectName, _ key: String) -> String { "\(object)\u{0}\(key)" }

    mutating func run(clients: [TLSClient]) -> ConfigValidation {
        inventory.resolveIssuers()
        for (podIndex, pod) in inventory.pods.enumerated() {
            checkVolumes(pod)
            for (containerIndex, container) in pod.containers.enumerated() {
                check(container, of: pod, at: (podIndex, containerIndex))
            }
        }
        checkCollectorResources()
        checkTempoResources()
        checkUnnamedConfigurations()
        // A monitor's Secret keys become readable here: their material gets the client's checks now
        // (a CA that holds no certificate, a key that does not match), each source once. Not
        // chain-incomplete: a Secret key has no folder of CAs beside it, and whether the server's
        // client CA verifies the certificate is the link's own check.
        var materials = MaterialFindings(files: .nowhere)
        for client in clients {
            let resolved = resolveReferences(client)
            if resolved.trust != client.trust || resolved.certificate != client.certificate || resolved.key != client.key {
                result.report.findings += ClientChecks(context: context).check(resolved, materials: &materials, parts: .material)
                    .filter { $0.check != .chainIncomplete }
            }
            result.deployment.clients.append(resolved)
        }
        result.report.findings += inventory.findings
        var seen = Set<Finding>()
        result.report.findings = result.report.findings.filter { seen.insert($0).inserted }
        result.deployment.kubernetes = inventory.facts
        return result
    }

    mutating func report(_ finding: Finding) { result.report.findings.append(finding) }

    /// Says once per run that `name` is not in the input.
    mutating func reportMissing(_ name: ObjectName, usedBy user: String, at location: Location) {
        guard reportedMissing.insert(name).inserted else { return }
        report(Finding(
            .objectNotInInput, "\(name), which \(user) uses, is not in the input: what it holds was not checked", at: location,
            hint: "add its manifest to the input (kubectl get \(name.kind.lowercased()) \(name.name)\(name.namespace.map { " -n \($0)" } ?? "") -o yaml) to check it"))
    }

    // MARK: Volumes

    /// Each Secret or ConfigMap a volume takes: there, in this namespace, with the keys `items` name.
    private mutating func checkVolumes(_ pod: PodTemplateSpec) {
        for volume in pod.volumes.values.sorted(by: { $0.node.start < $1.node.start }) {
            for projection in volume.projections {
                let at = projection.node.start.location(in: pod.path)
                let user = "volume \(volume.name) of \(pod.owner)"
                if let object = inventory.dataObject(projection.kind, projection.name, from: pod.namespace) {
                    for item in projection.items ?? [] where object.entries[item.key] == nil && !projection.optional {
                        report(Finding(
                            .objectKeyMissing,
                            "\(user) takes key \(item.key) of \(object.name), which has no such key: the volume cannot be set up and the pod never starts",
                            at: item.node.start.location(in: pod.path),
                            hint: "add \(item.key) to \(object.name), or mark the volume optional: true"))
                    }
                } else if let other = inventory.elsewhere(projection.kind, projection.name, from: pod.namespace), !projection.optional {
                    report(Finding(
                        .objectInOtherNamespace,
                        "\(user) takes \(projection.kind.rawValue) \(projection.name), which is only in namespace \(other.name.namespace ?? ""): a pod reads its own namespace's \(projection.kind.rawValue)s only, so it never starts",
                        at: at, hint: "create \(projection.kind.rawValue) \(projection.name) in namespace \(pod.namespace ?? "")"))
                } else if projection.kind == .secret, let certificate = inventory.certificate(writing: projection.name, from: pod.namespace) {
                    for item in projection.items ?? [] where certificate.willHold(item.key) == false && !projection.optional {
                        report(Finding(
                            .objectKeyMissing,
                            "\(user) takes key \(item.key) of Secret \(projection.name), written by \(certificate.name), and \(MountTable.whyNoKey(item.key, certificate)); the pod never starts",
                            at: item.node.start.location(in: pod.path), hint: "remove the item for \(item.key)"))
                    }
                } else {
                    reportMissing(ObjectName(kind: projection.kind.rawValue, namespace: pod.namespace, name: projection.name),
                                  usedBy: user, at: at)
                }
            }
        }
    }

    // MARK: Mounts

    /// The files `container` of `pod` sees.
    func table(_ pod: PodTemplateSpec, _ container: ContainerSpec) -> MountTable {
        let mounts = container.mounts.map { mount -> MountTable.Mount in
            let volume = pod.volumes[mount.volume]
            let sources = volume?.projections.map { projection in
                MountTable.Source(
                    state: state(projection.kind, projection.name, from: pod.namespace),
                    items: projection.items?.map { ($0.key, $0.path) }, optional: projection.optional)
            } ?? []
            return MountTable.Mount(
                path: MountTable.normalize(mount.mountPath), volume: mount.volume, subPath: mount.subPath,
                location: mount.node.start.location(in: pod.path), sources: sources,
                otherKind: volume == nil ? "a missing volume" : volume?.otherKind, hasOtherSources: volume?.hasOtherSources ?? false)
        }
        return MountTable(container: pod.placement(container).description, mounts: mounts)
    }

    private func state(_ kind: ObjectKeyReference.Kind, _ name: String, from namespace: String?) -> MountTable.Source.State {
        if let object = inventory.dataObject(kind, name, from: namespace) { return .present(object) }
        if let object = inventory.elsewhere(kind, name, from: namespace) { return .elsewhere(object) }
        return .missing(ObjectName(kind: kind.rawValue, namespace: namespace, name: name),
                        kind == .secret ? inventory.certificate(writing: name, from: namespace) : nil)
    }

    // MARK: Environment

    /// The container's variables as the kubelet sets them: `envFrom` first, then `env` in order, each
    /// `value` expanded with the variables before it. A value only the cluster knows is nil.
    mutating func environment(_ container: ContainerSpec, of pod: PodTemplateSpec) -> [(name: String, value: String?, location: Location)] {
        var variables: [(name: String, value: String?, location: Location)] = []
        let user = "container \(container.name) of \(pod.owner)"
        for source in container.envFrom {
            let at = source.node.start.location(in: pod.path)
            guard let object = inventory.dataObject(source.kind, source.name, from: pod.namespace) else {
                reportReference(ObjectKeyReference(kind: source.kind, namespace: pod.namespace, name: source.name, key: ""),
                                user: user, at: at, optional: source.optional)
                continue
            }
            for (key, entry) in object.entries.sorted(by: { $0.key < $1.key }) {
                variables.append((source.prefix + key, entry.bytes.map { String(decoding: $0, as: UTF8.self) }, at))
            }
        }
        for variable in container.env {
            let at = (variable.node["value"] ?? variable.node).start.location(in: pod.path)
            var value = variable.value
            if let text = value {
                let known = Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
                value = ContainerArguments.expand(text, known)
            } else if var reference = variable.source {
                reference.namespace = pod.namespace
                value = read(reference, user: "env \(variable.name) of \(user)", at: at, optional: variable.optional)
            }
            variables.append((variable.name, value, at))
        }
        return variables
    }

    /// The text of a Secret or ConfigMap key an env variable takes, or nil (with a finding when the
    /// container cannot start).
    private mutating func read(_ reference: ObjectKeyReference, user: String, at: Location, optional: Bool) -> String? {
        guard let object = inventory.dataObject(reference.kind, reference.name, from: reference.namespace) else {
            reportReference(reference, user: user, at: at, optional: optional)
            return nil
        }
        guard let entry = object.entries[reference.key] else {
            if !optional {
                report(Finding(
                    .objectKeyMissing, "\(user) takes key \(reference.key) of \(object.name), which has no such key: the container does not start (CreateContainerConfigError)",
                    at: at, hint: "add \(reference.key) to \(object.name), or set optional: true"))
            }
            return nil
        }
        return entry.bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// A reference to an object that is not in this namespace of the input.
    private mutating func reportReference(_ reference: ObjectKeyReference, user: String, at: Location, optional: Bool) {
        if let other = inventory.elsewhere(reference.kind, reference.name, from: reference.namespace), !optional {
            report(Finding(
                .objectInOtherNamespace,
                "\(user) takes \(reference.kind.rawValue) \(reference.name), which is only in namespace \(other.name.namespace ?? ""): a pod reads its own namespace's objects only, so the container does not start",
                at: at))
            return
        }
        reportMissing(ObjectName(kind: reference.kind.rawValue, namespace: reference.namespace, name: reference.name), usedBy: user, at: at)
    }

    // MARK: Monitors' references

    /// A client's `.objectKey` material (a monitor's `tlsConfig.ca.secret`) resolved against the
    /// input: the key's bytes, or `.external` with a finding. Keys of a Secret a cert-manager
    /// Certificate of the input writes stay `.objectKey`: `kubernetes.certificate(writing:)` says
    /// what they will hold.
    private mutating func resolveReferences(_ client: TLSClient) -> TLSClient {
        var client = client
        client.trust = client.trust.map { resolve($0, for: client, file: true) }
        client.certificate = client.certificate.map { resolve($0, for: client, file: true) }
        client.key = client.key.map { resolve($0, for: client, file: true) }
        if var credentials = client.basicAuth, let usernameKey = credentials.usernameKey {
            // The Operator inlines both from their Secrets; one it cannot read rejects the monitor.
            if let username = text(usernameKey, for: client, at: credentials.location) {
                credentials.username = username
                credentials.usernameKey = nil
            }
            credentials.password = credentials.passwordKey.flatMap { text($0, for: client, at: credentials.location) }
            client.basicAuth = credentials
        }
        return client
    }

    /// The text of a Secret key a monitor names, or nil (said once when the Operator would reject it).
    private mutating func text(_ key: ObjectKeyReference, for client: TLSClient, at: Location) -> String? {
        let resolved = resolve(.objectKey(key, at: at), for: client)
        guard case .source(.decoded(let bytes, _, _)) = resolved else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `file`: the Operator writes the value to a file under /etc/prometheus/certs (TLS material), and
    /// writes none for an empty value (kubernetes.md §9 #16).
    private mutating func resolve(_ reference: MaterialReference, for client: TLSClient, file: Bool = false) -> MaterialReference {
        if case .scraperFile(let path, let at) = reference { return resolveScraperFile(path, at: at, for: client) }
        guard case .objectKey(let key, let at) = reference else { return reference }
        if let object = inventory.dataObject(key.kind, key.name, from: key.namespace) {
            if let bytes = object.entries[key.key]?.bytes {
                if file, bytes.isEmpty {
                    report(Finding(
                        .objectKeyMissing,
                        "\(client.name): key \"\(key.key)\" in \(key.kind.rawValue.lowercased()) \"\(key.name)\" is empty: the Operator writes no file for an empty value, so Prometheus cannot create the scrape pool (`unable to read file /etc/prometheus/certs/…: no such file or directory`) and the job has no targets",
                        at: at, hint: "put the PEM text in \(object.name) key \(key.key), or name the key that holds it"))
                    return .external(what: key.description, at: at)
                }
                return .source(KubernetesMaterial.source(bytes, named: "\(object.name) key \(key.key)", at: at))
            }
            if object.entries[key.key] == nil {
                report(Finding(
                    .objectKeyMissing, "\(client.name): key \"\(key.key)\" in \(key.kind.rawValue.lowercased()) \"\(key.name)\" not found: the Prometheus Operator rejects the monitor",
                    at: at, hint: "name a key \(object.name) has (\(object.entries.keys.sorted().joined(separator: ", ")))"))
            }
            return .external(what: key.description, at: at)
        }
        if let other = inventory.elsewhere(key.kind, key.name, from: key.namespace) {
            report(Finding(
                .objectInOtherNamespace,
                "\(client.name): \(key.kind.rawValue) \(key.name) is only in namespace \(other.name.namespace ?? ""), and the Operator reads it from the monitor's namespace \(key.namespace ?? ""): unable to get \(key.kind.rawValue.lowercased()) \"\(key.name)\": \(key.kind.rawValue.lowercased())s \"\(key.name)\" not found",
                at: at, hint: "create the \(key.kind.rawValue) in namespace \(key.namespace ?? "of the monitor"), or move the monitor next to it"))
            return .external(what: key.description, at: at)
        }
        if key.kind == .secret, let certificate = inventory.certificate(writing: key.name, from: key.namespace) {
            if certificate.willHold(key.key) == false {
                report(Finding(
                    .objectKeyMissing,
                    "\(client.name): Secret \(key.name) is written by \(certificate.name), and \(MountTable.whyNoKey(key.key, certificate)): the Operator rejects the monitor (key \"\(key.key)\" in secret \"\(key.name)\" not found)",
                    at: at, hint: key.key == "ca.crt" ? "leave tlsConfig.ca out to trust the public roots an ACME certificate chains to" : nil))
                return .external(what: key.description, at: at)
            }
            return reference
        }
        reportMissing(ObjectName(kind: key.kind.rawValue, namespace: key.namespace, name: key.name), usedBy: client.name, at: at)
        return .external(what: key.description, at: at)
    }
}

/// Material that comes from a Secret or ConfigMap key rather than a file, named in findings the way
/// the manifest names it (`Secret monitoring/exporter-tls key tls.crt`).
enum KubernetesMaterial {
    static func source(_ bytes: [UInt8], named name: String, at location: Location) -> MaterialSource {
        .decoded(bytes: bytes, name: name, at: location)
    }
}
