/// One container: its mounts, the configurations and files its flags name (read through its mounts
/// and checked with every check of their kind), the servers and clients it runs.
extension ManifestResolver {
    /// Flags that name a configuration file, and its kind (nil: told from the content).
    static let configurationFlags: [(names: [String], kind: ConfigKind?)] = [
        (["web.config.file"], .webConfig),
        (["config"], nil),  // otelcol --config; only YAML recognised as a configuration is checked
        (["config.file"], nil),  // Tempo, Prometheus, Loki, Mimir
    ]

    /// Programs whose `--config`/`--config.file` is a configuration tlscheck checks (image names).
    static let configurationPrograms = ["otelcol", "opentelemetry-collector", "tempo", "prometheus", "alertmanager", "loki", "mimir"]

    /// exporter-toolkit programs: without `--web.config.file` they serve plain HTTP.
    static let toolkitPrograms: Set = [
        "node-exporter", "node_exporter", "postgres-exporter", "postgres_exporter", "mysqld-exporter", "mysqld_exporter",
        "blackbox-exporter", "blackbox_exporter", "memcached-exporter", "memcached_exporter", "statsd-exporter",
        "statsd_exporter", "consul-exporter", "consul_exporter", "haproxy-exporter", "haproxy_exporter", "graphite-exporter",
        "graphite_exporter", "snmp-exporter", "snmp_exporter", "pushgateway", "alertmanager", "prometheus",
    ]

    mutating func check(_ container: ContainerSpec, of pod: PodTemplateSpec, at index: (pod: Int, container: Int)) {
        let table = table(pod, container)
        let placement = pod.placement(container)
        for mount in container.mounts where pod.volumes[mount.volume] == nil {
            report(Finding(
                .volumeMissing, "\(placement) mounts volume \(mount.volume), which the pod does not define: the API server refuses it (volumeMounts.name: Not found: \"\(mount.volume)\")",
                at: mount.node.start.location(in: pod.path)))
        }
        checkSubPaths(table, placement: placement)
        for mount in table.mounts {
            for path in files(of: mount) {
                if case .entry(let object, let key, _, _) = table.resolve(path) {
                    mountedAt[Self.id(object.name, key)] = mountedAt[Self.id(object.name, key)] ?? (index.pod, index.container, path)
                }
            }
        }
        let variables = environment(container, of: pod)
        let known = Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        let arguments = ContainerArguments(command: container.command, args: container.args, environment: known, path: pod.path)
            .adding(container.extraArguments)
        var context = self.context
        context.files = table.reader
        var servesWebConfig = false
        let program = container.image.map(Self.program) ?? ""
        for flag in Self.configurationFlags {
            guard let given = arguments.value(flag.names) else { continue }
            let path = given.value.hasPrefix("file:") ? String(given.value.dropFirst(5)) : given.value
            guard flag.kind != nil || path.hasPrefix("/") || !path.contains(":") else { continue }  // env:, yaml:, http:
            // `--config` is everybody's flag: a path outside the mounts is only news for a program
            // whose configuration tlscheck knows (the image may hold an application's own file).
            let known = flag.kind != nil || Self.configurationPrograms.contains { program.contains($0) }
            let checked = checkConfiguration(at: path, flag: "--\(given.flag)", location: given.location, kind: flag.kind, table: table,
                                             context: context, reportUnmounted: known)
            if flag.kind == .webConfig { servesWebConfig = true }
            if let checked { add(checked, placement: placement, listens: listens(arguments, container), table: table) }
        }
        checkProxyFlags(arguments, table: table, placement: placement, context: context)
        if !servesWebConfig, let image = container.image, Self.toolkitPrograms.contains(Self.program(image)) {
            // An exporter-toolkit program without a web-config serves plain HTTP, without authentication.
            var server = TLSServer(name: "\(Self.program(image)) in \(placement)", dialect: .webConfig, origin: container.location, usesTLS: false)
            server.listens = listens(arguments, container)
            server.pod = placement
            result.deployment.servers.append(server)
        }
        checkOTLPSenders(arguments, variables, table: table, placement: placement, context: context)
    }

    /// The repository's last path component of an image: `quay.io/prometheus/node-exporter:v1.8` → `node-exporter`.
    static func program(_ image: String) -> String {
        let name = image.split(separator: "@").first.map(String.init) ?? image
        let last = name.split(separator: "/").last.map(String.init) ?? name
        return String(last.prefix { $0 != ":" })
    }

    /// Where an exporter listens: `--web.listen-address` (`:9100`, `0.0.0.0:9100`), else its ports.
    func listens(_ arguments: ContainerArguments, _ container: ContainerSpec) -> [ListenAddress] {
        let given = arguments.values(["web.listen-address"]).compactMap { value -> ListenAddress? in
            guard case .ok(let host, let port) = EndpointSyntax.hostPort(value.value) else { return nil }
            return ListenAddress(host: host.isEmpty || host == "0.0.0.0" || host == "[::]" ? nil : host, port: port,
                                 name: container.ports.first { $0.number == port }?.name)
        }
        if !given.isEmpty { return given }
        return container.ports.map { ListenAddress(port: $0.number, name: $0.name) }
    }

    /// The file names a mount puts into the container.
    private func files(of mount: MountTable.Mount) -> [String] {
        if mount.subPath != nil { return [mount.path] }
        return mount.sources.flatMap { source -> [String] in
            if let items = source.items { return items.map { MountTable.normalize(mount.path + "/" + $0.path) } }
            if case .present(let object) = source.state { return object.entries.keys.map { MountTable.normalize(mount.path + "/" + $0) } }
            return []
        }
    }

    /// Certificates and keys mounted with `subPath` never see a renewal (kubernetes.md §5, §9 #24).
    private mutating func checkSubPaths(_ table: MountTable, placement: PodPlacement) {
        for mount in table.mounts where mount.subPath != nil {
            let what: String?
            switch table.resolve(mount.path) {
            case .entry(let object, let key, let entry, _):
                let looksLikeMaterial = [".crt", ".pem", ".key", ".cer"].contains { key.hasSuffix($0) }
                    || entry.bytes.map { Bytes.contains(Array($0.prefix(64)), "-----BEGIN") } == true
                what = looksLikeMaterial ? "\(key) of \(object.name)" : nil
            case .missingObject(let name, let key, _, let certificate):
                what = certificate != nil || [".crt", ".pem", ".key"].contains(where: key.hasSuffix) ? "\(key) of \(name)" : nil
            default:
                what = nil
            }
            guard let what else { continue }
            report(Finding(
                .subPathCertificate,
                "\(placement) mounts \(what) at \(mount.path) with subPath: a renewed certificate never reaches the container, which keeps the old file until it restarts",
                at: mount.location))
        }
    }

    // MARK: Configurations

    /// The configuration a flag names, through the mounts: checked as its kind, findings moved to the
    /// manifest; nil when it cannot be read (with a finding when that stops the program).
    mutating func checkConfiguration(
        at path: String, flag: String, location: Location, kind: ConfigKind?, table: MountTable, context: CheckContext,
        reportUnmounted: Bool = true
    ) -> (validation: ConfigValidation, embedded: EmbeddedText, path: String)? {
        let resolution = table.resolve(path)
        guard case .entry(let object, let key, let entry, _) = resolution, let bytes = entry.bytes else {
            if case .notMounted = resolution, !reportUnmounted { return nil }
            if let failure = table.failure(resolution), let check = failure.check {
                report(Finding(check, "\(flag)=\(path): cannot read it: \(failure.reason)", at: location, hint: failure.hint, severity: failure.severity))
            }
            return nil
        }
        consumed.insert(Self.id(object.name, key))
        return checkEmbedded(bytes, entry: entry, object: object, key: key, path: path, kind: kind, context: context)
    }

    /// Text of a Secret or ConfigMap key checked as a configuration of `kind` (nil: its detected
    /// kind, when that is a whole configuration), as the program reads it at `path`.
    mutating func checkEmbedded(
        _ bytes: [UInt8], entry: DataEntry, object: DataObject, key: String, path: String, kind: ConfigKind?, context: CheckContext,
        confident: Bool = false
    ) -> (validation: ConfigValidation, embedded: EmbeddedText, path: String)? {
        guard let kind = kind ?? Self.wholeConfigurationKind(bytes, path: path, confident: confident) else { return nil }
        if entry.style == .literal || entry.style == .folded { inventory.loadText(object.path) }
        let embedded = entry.embedded(bytes, path: object.path, source: inventory.texts[object.path],
                                      what: "the \(Self.word(kind)) in \(object.name) key \(key)")
        var validation = ConfigValidator(context: context, kind: kind).validate(bytes: bytes, path: path)
        validation.report.findings = validation.report.findings.map { embedded.relocate($0, innerPath: path) }
        validation.report.inputs = []
        validation.endpoints = []  // cluster addresses: `--connect` could not reach them from here
        return (validation, embedded, path)
    }

    /// The kind of a text that holds a whole web-config, Collector, Tempo (or other) configuration.
    /// `confident`: only with keys no other program's configuration has (for text no flag names: an
    /// application's own ConfigMap may well have a `service:` or `rate_limit:` key).
    static func wholeConfigurationKind(_ bytes: [UInt8], path: String, confident: Bool = false) -> ConfigKind? {
        guard bytes.count < 4 << 20, !Bytes.contains(Array(bytes.prefix(64)), "-----BEGIN"), bytes.contains(UInt8(ascii: ":")) else { return nil }
        let root = YAMLParser.parse(bytes, path: path).root
        let kind = ConfigKind.detect(root)
        let fragments: Set<ConfigKind> = [.unknown, .kubernetes, .otlpExporter, .otlpHTTPExporter, .otlpReceiver, .collectorComponent]
        guard !fragments.contains(kind) else { return nil }
        guard confident else { return kind }
        let keys = Set((root?.pairs ?? []).compactMap(\.key.text))
        switch kind {
        case .webConfig: return keys.contains("tls_server_config") || keys.isSubset(of: ConfigKind.webConfigKeys) ? kind : nil
        case .collector: return keys.contains("receivers") || keys.contains("exporters") ? kind : nil
        case .tempo: return keys.contains("distributor") || keys.contains("ingester") || keys.contains("compactor") ? kind : nil
        default: return kind
        }
    }

    static func word(_ kind: ConfigKind) -> String {
        switch kind {
        case .webConfig: "web-config"
        case .collector: "Collector configuration"
        case .tempo: "Tempo configuration"
        default: "\(kind.rawValue) configuration"
        }
    }

    /// A checked configuration's findings and facts, the facts placed in the container.
    mutating func add(_ checked: (validation: ConfigValidation, embedded: EmbeddedText, path: String), placement: PodPlacement?,
                      listens: [ListenAddress], table: MountTable? = nil) {
        result.report.append(checked.validation.report)
        let move = { (location: Location) in checked.embedded.relocate(location, innerPath: checked.path) }
        for var server in checked.validation.deployment.servers {
            server = server.relocated(move, material: { material($0, table) })
            server.pod = placement
            if let placement { server.name += " in \(placement)" }
            if placement != nil, server.listens.isEmpty || server.dialect == .webConfig {
                server.listens = listens
            } else {
                // A receiver's own endpoint: named after the container port of that number.
                for index in server.listens.indices where server.listens[index].name == nil {
                    server.listens[index].name = listens.first { $0.port == server.listens[index].port }?.name
                }
            }
            result.deployment.servers.append(server)
        }
        for var client in checked.validation.deployment.clients {
            client = client.relocated(move, material: { material($0, table) })
            client.pod = placement
            if let placement { client.name += " in \(placement)" }
            result.deployment.clients.append(client)
        }
    }

    /// A file a configuration names, as the container has it: the Secret key's bytes, the cert-manager
    /// Secret it will be, or something tlscheck cannot see.
    func material(_ reference: MaterialReference, _ table: MountTable?) -> MaterialReference {
        guard let table, case .source(.file(let path, let at)) = reference else { return reference }
        switch table.resolve(path) {
        case .entry(let object, let key, let entry, _):
            guard let bytes = entry.bytes else { return .external(what: "\(object.name) key \(key)", at: at) }
            return .source(KubernetesMaterial.source(bytes, named: "\(object.name) key \(key)", at: at))
        case .missingObject(let name, let key, _, let certificate):
            if certificate != nil {
                return .objectKey(ObjectKeyReference(kind: .secret, namespace: name.namespace, name: name.name, key: key), at: at)
            }
            return .external(what: "\(name) key \(key)", at: at)
        default:
            return .external(what: "\(path) in \(table.container)", at: at)
        }
    }

    /// Configurations in Secrets and ConfigMaps that no flag names: checked where a container mounts
    /// them (through its mounts), else without opening the files they name.
    mutating func checkUnnamedConfigurations() {
        // Joined, not added: `+` copied every Secret and ConfigMap of the input (half the peak memory
        // of a stream of 200,000 ConfigMaps).
        for object in [inventory.configMaps, inventory.secrets].joined() {
            for (key, entry) in object.entries.sorted(by: { $0.key < $1.key }) {
                guard let bytes = entry.bytes, !consumed.contains(Self.id(object.name, key)) else { continue }
                if let place = mountedAt[Self.id(object.name, key)] {
                    let pod = inventory.pods[place.pod], container = pod.containers[place.container]
                    let table = table(pod, container)
                    var context = self.context
                    context.files = table.reader
                    if let checked = checkEmbedded(bytes, entry: entry, object: object, key: key, path: place.path, kind: nil,
                                                   context: context, confident: true) {
                        let ports = container.ports.map { ListenAddress(port: $0.number, name: $0.name) }
                        add(checked, placement: pod.placement(container), listens: ports, table: table)
                    }
                } else {
                    var context = self.context
                    context.checkFiles = false
                    let path = "\(object.name) key \(key)"
                    if let checked = checkEmbedded(bytes, entry: entry, object: object, key: key, path: path, kind: nil,
                                                   context: context, confident: true) {
                        add(checked, placement: nil, listens: [])
                    }
                }
            }
        }
    }
}
