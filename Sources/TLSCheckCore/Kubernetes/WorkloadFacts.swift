/// What the manifests say about where things run: pod templates, their containers, ports and kubelet
/// probes, and Services. The cross-checks use these to find the server behind a monitor's target or an
/// OTLP endpoint, and to judge a probe against the port it probes.

/// A Kubernetes object by kind, namespace and name: `Secret monitoring/exporter-tls`.
public struct ObjectName: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    /// nil: not written (the namespace `kubectl apply -n` or the Helm release gives it).
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String?, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }

    /// Whether an object in `namespace` can refer to this one: the same namespace, or one of them is
    /// not written (then both land in the namespace the manifests are applied to).
    public func isReachable(from namespace: String?) -> Bool {
        self.namespace == nil || namespace == nil || self.namespace == namespace
    }
}

/// The pods of one workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, a bare Pod,
/// or the pods an operator makes for a resource such as an OpenTelemetryCollector).
public struct PodTemplate: Sendable, Hashable {
    /// The object that makes the pods: `Deployment monitoring/node-exporter`.
    public var owner: ObjectName
    /// The pods' labels (`spec.template.metadata.labels`, a Pod's own labels).
    public var labels: [String: String]
    /// `hostNetwork: true`: the pods listen on the node's IP, and scrapers target node IPs.
    public var hostNetwork: Bool
    public var containers: [ContainerFacts]
    /// Where the pod spec is.
    public var location: Location

    public init(owner: ObjectName, labels: [String: String], hostNetwork: Bool, containers: [ContainerFacts], location: Location) {
        self.owner = owner
        self.labels = labels
        self.hostNetwork = hostNetwork
        self.containers = containers
        self.location = location
    }

    public var namespace: String? { owner.namespace }

    /// The container port a Service's `targetPort` or a monitor's `port` names, with its container.
    public func port(_ reference: PortReference) -> (container: ContainerFacts, port: ContainerPort)? {
        for container in containers where !container.isInit {
            if let port = container.ports.first(where: { $0.matches(reference) }) { return (container, port) }
        }
        return nil
    }
}

/// One container of a pod template, as far as TLS is concerned.
public struct ContainerFacts: Sendable, Hashable {
    public var name: String
    public var image: String?
    /// An init container: it runs to completion before the others and serves nothing.
    public var isInit: Bool
    public var ports: [ContainerPort]
    public var probes: [KubeletProbe]
    public var location: Location

    public init(name: String, image: String?, isInit: Bool, ports: [ContainerPort], probes: [KubeletProbe], location: Location) {
        self.name = name
        self.image = image
        self.isInit = isInit
        self.ports = ports
        self.probes = probes
        self.location = location
    }
}

/// A container port (`ports[]`): its number and, when given, its name.
public struct ContainerPort: Sendable, Hashable {
    public var name: String?
    public var number: Int
    /// `TCP` unless written.
    public var proto: String
    public var location: Location

    public init(name: String?, number: Int, proto: String = "TCP", location: Location) {
        self.name = name
        self.number = number
        self.proto = proto
        self.location = location
    }

    public func matches(_ reference: PortReference) -> Bool {
        switch reference {
        case .number(let n): number == n
        case .name(let n): name == n
        }
    }
}

/// A kubelet probe of a container (kubernetes.md §4): the kubelet connects to the pod IP, HTTPS
/// without verification and without a client certificate, gRPC in plaintext.
public struct KubeletProbe: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case liveness = "livenessProbe", readiness = "readinessProbe", startup = "startupProbe"
    }

    public enum Handler: Sendable, Hashable {
        /// `scheme` as written, upper-cased (`HTTP` when not written); `headers` from `httpHeaders`.
        case httpGet(scheme: String, path: String, headers: [String: String])
        case tcpSocket
        /// `service` as written; the probe speaks plaintext gRPC.
        case grpc(service: String?)
        case exec
    }

    public var kind: Kind
    public var handler: Handler
    /// The port as written (nil for exec), and the container port number it comes to (nil when a
    /// named port is not among the container's ports).
    public var port: PortReference?
    public var portNumber: Int?
    /// Where the probe is (`livenessProbe:`), and where its scheme is written (nil: the default).
    public var location: Location
    public var schemeLocation: Location?

    public init(kind: Kind, handler: Handler, port: PortReference?, portNumber: Int?, location: Location, schemeLocation: Location? = nil) {
        self.kind = kind
        self.handler = handler
        self.port = port
        self.portNumber = portNumber
        self.location = location
        self.schemeLocation = schemeLocation
    }

    /// `HTTPS` for an httpGet probe with `scheme: HTTPS`.
    public var usesTLS: Bool {
        if case .httpGet(let scheme, _, _) = handler { return scheme == "HTTPS" }
        return false
    }
}

/// A Service: the pods it selects and how its ports map onto theirs.
public struct ServiceFacts: Sendable, Hashable {
    public var name: ObjectName
    public var labels: [String: String]
    /// `spec.selector`; nil or empty: it selects no pods (its endpoints are managed by hand).
    public var selector: [String: String]?
    public var ports: [ServicePort]
    public var location: Location

    public init(name: ObjectName, labels: [String: String], selector: [String: String]?, ports: [ServicePort], location: Location) {
        self.name = name
        self.labels = labels
        self.selector = selector
        self.ports = ports
        self.location = location
    }

    /// Whether the Service's selector chooses pods with `labels` (an empty selector chooses none).
    public func selects(_ template: PodTemplate) -> Bool {
        guard let selector, !selector.isEmpty, template.owner.isReachable(from: name.namespace) else { return false }
        return selector.allSatisfy { template.labels[$0.key] == $0.value }
    }

    /// The port a monitor's `port` (a name) or `targetPort`, or a client's port number, means.
    public func port(_ reference: PortReference) -> ServicePort? {
        switch reference {
        case .name(let name): ports.first { $0.name == name }
        case .number(let number): ports.first { $0.port == number }
        }
    }

    /// Whether `host` names this Service from a pod in `namespace`: `svc` (same namespace), `svc.ns`,
    /// `svc.ns.svc`, `svc.ns.svc.cluster.local`.
    public func isNamed(_ host: String, from namespace: String?) -> Bool {
        var parts = host.lowercased().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }  // a fully qualified name's final dot
        guard parts.first == name.name.lowercased() else { return false }
        if parts.count == 1 { return name.isReachable(from: namespace) }
        let rest = Array(parts.dropFirst(2))
        guard rest.isEmpty || rest == ["svc"] || rest == ["svc", "cluster", "local"] else { return false }
        return name.namespace.map { $0.lowercased() == parts[1] } ?? true
    }
}

/// One port of a Service.
public struct ServicePort: Sendable, Hashable {
    public var name: String?
    public var port: Int
    /// The container port it forwards to (`targetPort`, the same number when not written).
    public var targetPort: PortReference
    public var location: Location

    public init(name: String?, port: Int, targetPort: PortReference, location: Location) {
        self.name = name
        self.port = port
        self.targetPort = targetPort
        self.location = location
    }
}

/// Where a server or client runs, when a manifest says: the workload, its namespace, pod labels and
/// container. Set on `TLSServer.pod` and `TLSClient.pod` by the Kubernetes reader.
public struct PodPlacement: Sendable, Hashable, CustomStringConvertible {
    public var owner: ObjectName
    public var container: String
    public var labels: [String: String]
    public var hostNetwork: Bool

    public init(owner: ObjectName, container: String, labels: [String: String], hostNetwork: Bool) {
        self.owner = owner
        self.container = container
        self.labels = labels
        self.hostNetwork = hostNetwork
    }

    public var namespace: String? { owner.namespace }

    /// `container exporter of Deployment monitoring/exporter`.
    public var description: String { "container \(container) of \(owner)" }
}
