/// Pod specs as the kubelet reads them: containers and init containers with their command, args,
/// env, ports, volume mounts and probes; the pod's volumes (Secret, ConfigMap, projected).
struct PodTemplateSpec {
    var owner: ObjectName
    var labels: [String: String]
    var hostNetwork: Bool
    var volumes: [String: VolumeSpec]
    var containers: [ContainerSpec]
    var location: Location
    var path: String

    var namespace: String? { owner.namespace }

    var facts: PodTemplate {
        PodTemplate(owner: owner, labels: labels, hostNetwork: hostNetwork, containers: containers.map(\.facts), location: location)
    }

    func placement(_ container: ContainerSpec) -> PodPlacement {
        PodPlacement(owner: owner, container: container.name, labels: labels, hostNetwork: hostNetwork)
    }
}

/// A volume of a pod: the Secret and ConfigMap keys it puts into files. Other kinds (emptyDir,
/// hostPath, a PVC) hold files tlscheck cannot see.
struct VolumeSpec {
    /// One Secret or ConfigMap in the volume (a `projected` volume has several).
    struct Projection {
        var kind: ObjectKeyReference.Kind
        var name: String
        /// `items`: only these keys, each at its path; nil: every key at its own name.
        var items: [(key: String, path: String, node: YAMLNode)]?
        var optional: Bool
        var node: YAMLNode
    }

    var name: String
    var projections: [Projection]
    /// The volume kind when it is not Secret, ConfigMap or projected (`emptyDir`).
    var otherKind: String?
    /// A projected volume's sources that are not Secrets or ConfigMaps (`serviceAccountToken`,
    /// `downwardAPI`…): files tlscheck cannot see.
    var hasOtherSources = false
    var node: YAMLNode
}

struct VolumeMountSpec {
    var volume: String
    var mountPath: String
    var subPath: String?
    var node: YAMLNode
}

/// `env[]`: a value, a key of a Secret or ConfigMap, or something only the cluster knows (fieldRef).
struct EnvSpec {
    var name: String
    var value: String?
    var source: ObjectKeyReference?
    var optional: Bool
    var node: YAMLNode
}

/// `envFrom[]`: every key of a Secret or ConfigMap as a variable.
struct EnvFromSpec {
    var kind: ObjectKeyReference.Kind
    var name: String
    var prefix: String
    var optional: Bool
    var node: YAMLNode
}

struct ContainerSpec {
    var name: String
    var image: String?
    var isInit: Bool
    var node: YAMLNode
    /// `command` then `args`, each item's node (not yet expanded).
    var command: [YAMLNode]
    var args: [YAMLNode]
    var env: [EnvSpec]
    var envFrom: [EnvFromSpec]
    var ports: [ContainerPort]
    var mounts: [VolumeMountSpec]
    var probes: [KubeletProbe]
    var location: Location
    /// Arguments an operator adds (an OpenTelemetryCollector's `args` map).
    var extraArguments: [ContainerArguments.Argument] = []

    var facts: ContainerFacts {
        ContainerFacts(name: name, image: image, isInit: isInit, ports: ports, probes: probes, location: location)
    }
}

extension ManifestInventory {
    mutating func readPod(_ object: KubernetesObject, spec: YAMLNode?, labels: [String: String]) {
        guard let spec else { return }
        let path = object.path
        var volumes: [String: VolumeSpec] = [:]
        for item in spec["volumes"]?.items ?? [] {
            if let volume = readVolume(item) { volumes[volume.name] = volume }
        }
        var containers: [ContainerSpec] = []
        for (section, isInit) in [("initContainers", true), ("containers", false)] {
            for item in spec[section]?.items ?? [] {
                containers.append(readContainer(item, isInit: isInit, path: path, owner: object.displayName))
            }
        }
        pods.append(PodTemplateSpec(
            owner: ObjectName(kind: object.kind, namespace: object.namespace, name: object.name), labels: labels,
            hostNetwork: spec["hostNetwork"]?.value == .bool(true), volumes: volumes, containers: containers,
            location: object.location(spec), path: path))
    }

    func readVolume(_ node: YAMLNode) -> VolumeSpec? {
        guard let name = node["name"]?.text else { return nil }
        var projections: [VolumeSpec.Projection] = []
        var other: String?
        var hasOtherSources = false
        if let secret = node["secret"] {
            projections += projection(.secret, secret, nameKey: "secretName")
        } else if let configMap = node["configMap"] {
            projections += projection(.configMap, configMap, nameKey: "name")
        } else if let projected = node["projected"] {
            for source in projected["sources"]?.items ?? [] {
                if let secret = source["secret"] { projections += projection(.secret, secret, nameKey: "name") }
                if let configMap = source["configMap"] { projections += projection(.configMap, configMap, nameKey: "name") }
                hasOtherSources = hasOtherSources || source["secret"] == nil && source["configMap"] == nil
            }
        } else {
            other = node.pairs?.compactMap(\.key.text).first { $0 != "name" } ?? "unknown"
        }
        var volume = VolumeSpec(name: name, projections: projections, otherKind: other, node: node)
        volume.hasOtherSources = hasOtherSources
        return volume
    }

    private func projection(_ kind: ObjectKeyReference.Kind, _ node: YAMLNode, nameKey: String) -> [VolumeSpec.Projection] {
        guard let name = node[nameKey]?.text else { return [] }
        let items = node["items"]?.items.map { items in
            items.compactMap { item -> (String, String, YAMLNode)? in
                guard let key = item["key"]?.text, let path = item["path"]?.text else { return nil }
                return (key, path, item)
            }
        }
        return [VolumeSpec.Projection(kind: kind, name: name, items: items, optional: node["optional"]?.value == .bool(true), node: node)]
    }

    mutating func readContainer(_ node: YAMLNode, isInit: Bool, path: String, owner: String) -> ContainerSpec {
        let name = node["name"]?.text ?? ""
        var ports: [ContainerPort] = []
        for item in node["ports"]?.items ?? [] {
            guard case .int(let number)? = item["containerPort"]?.value else { continue }
            ports.append(ContainerPort(name: item["name"]?.text, number: number, proto: item["protocol"]?.text ?? "TCP",
                                       location: item.start.location(in: path)))
        }
        var env: [EnvSpec] = []
        for item in node["env"]?.items ?? [] {
            guard let variable = item["name"]?.text else { continue }
            var spec = EnvSpec(name: variable, value: item["value"].flatMap { $0.isNull ? "" : $0.text }, source: nil, optional: false, node: item)
            if let from = item["valueFrom"] {
                spec.value = nil
                for (key, kind) in [("secretKeyRef", ObjectKeyReference.Kind.secret), ("configMapKeyRef", .configMap)] {
                    if let ref = from[key], let refName = ref["name"]?.text, let refKey = ref["key"]?.text {
                        spec.source = ObjectKeyReference(kind: kind, namespace: nil, name: refName, key: refKey)
                        spec.optional = ref["optional"]?.value == .bool(true)
                    }
                }
            } else if spec.value == nil {
                spec.value = ""  // `- name: X` alone: the empty string
            }
            env.append(spec)
        }
        var envFrom: [EnvFromSpec] = []
        for item in node["envFrom"]?.items ?? [] {
            for (key, kind) in [("secretRef", ObjectKeyReference.Kind.secret), ("configMapRef", .configMap)] {
                if let ref = item[key], let refName = ref["name"]?.text {
                    envFrom.append(EnvFromSpec(kind: kind, name: refName, prefix: item["prefix"]?.text ?? "",
                                               optional: ref["optional"]?.value == .bool(true), node: item))
                }
            }
        }
        var mounts: [VolumeMountSpec] = []
        for item in node["volumeMounts"]?.items ?? [] {
            guard let volume = item["name"]?.text, let mountPath = item["mountPath"]?.text else { continue }
            let subPath = item["subPath"]?.text ?? item["subPathExpr"]?.text
            mounts.append(VolumeMountSpec(volume: volume, mountPath: mountPath, subPath: subPath?.isEmpty == true ? nil : subPath, node: item))
        }
        var probes: [KubeletProbe] = []
        for kind in [KubeletProbe.Kind.liveness, .readiness, .startup] {
            if let probe = node[kind.rawValue], let read = readProbe(probe, kind: kind, ports: ports, path: path,
                                                                    where: "\(kind.rawValue) of container \(name) of \(owner)") {
                probes.append(read)
            }
        }
        return ContainerSpec(
            name: name, image: node["image"]?.text, isInit: isInit, node: node, command: node["command"]?.items ?? [],
            args: node["args"]?.items ?? [], env: env, envFrom: envFrom, ports: ports, mounts: mounts, probes: probes,
            location: node.start.location(in: path))
    }

    /// A probe and the container port it reaches; a named port the container lacks is a finding.
    private mutating func readProbe(_ node: YAMLNode, kind: KubeletProbe.Kind, ports: [ContainerPort], path: String, where name: String) -> KubeletProbe? {
        let handler: KubeletProbe.Handler
        let body: YAMLNode?
        var schemeLocation: Location?
        if let http = node["httpGet"] {
            var headers: [String: String] = [:]
            for header in http["httpHeaders"]?.items ?? [] {
                if let key = header["name"]?.text { headers[key] = header["value"]?.text ?? "" }
            }
            schemeLocation = http.pair("scheme").map { $0.value.start.location(in: path) }
            handler = .httpGet(scheme: (http["scheme"]?.text ?? "HTTP").uppercased(), path: http["path"]?.text ?? "/", headers: headers)
            body = http
        } else if let tcp = node["tcpSocket"] {
            handler = .tcpSocket
            body = tcp
        } else if let grpc = node["grpc"] {
            handler = .grpc(service: grpc["service"]?.text)
            body = grpc
        } else if node["exec"] != nil {
            return KubeletProbe(kind: kind, handler: .exec, port: nil, portNumber: nil, location: node.start.location(in: path))
        } else {
            return nil
        }
        var reference: PortReference?
        var number: Int?
        if let port = body?["port"] {
            if case .int(let n)? = port.value {
                reference = .number(n)
                number = n
            } else if let text = port.text {
                reference = .name(text)
                // The kubelet looks the name up in the container's ports, then tries it as a number.
                number = ports.first { $0.name == text }?.number ?? Int(text)
                if number == nil {
                    findings.append(Finding(
                        .probePortUnknown,
                        "\(name) names port \"\(text)\", which the container does not declare: every probe fails (strconv.Atoi: parsing \"\(text)\": invalid syntax)",
                        at: port.start.location(in: path),
                        hint: "use the name of one of the container's ports\(ports.compactMap(\.name).isEmpty ? "" : " (\(ports.compactMap(\.name).joined(separator: ", ")))"), or its number"))
                }
            }
        }
        return KubeletProbe(kind: kind, handler: handler, port: reference, portNumber: number,
                            location: node.start.location(in: path), schemeLocation: schemeLocation)
    }

    mutating func readService(_ object: KubernetesObject) -> ServiceFacts? {
        let spec = object.node["spec"]
        var selector: [String: String]?
        if let pairs = spec?["selector"]?.pairs {
            selector = [:]
            for pair in pairs {
                if let key = pair.key.text, let value = pair.value.text { selector?[key] = value }
            }
        }
        var ports: [ServicePort] = []
        for item in spec?["ports"]?.items ?? [] {
            guard case .int(let number)? = item["port"]?.value else { continue }
            var target = PortReference.number(number)
            if let node = item["targetPort"] {
                if case .int(let n)? = node.value { target = .number(n) } else if let text = node.text { target = Int(text).map(PortReference.number) ?? .name(text) }
            }
            ports.append(ServicePort(name: item["name"]?.text, port: number, targetPort: target, location: object.location(item)))
        }
        return ServiceFacts(name: ObjectName(kind: "Service", namespace: object.namespace, name: object.name),
                            labels: object.labels, selector: selector, ports: ports, location: object.location(object.node))
    }
}
