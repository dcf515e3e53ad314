/// What a run's Kubernetes manifests tell the deployment model besides servers and clients: the pod
/// templates (containers, ports, probes), Services and cert-manager Certificates, with the look-ups
/// the cross-checks need to match a monitor or an OTLP endpoint to the server it reaches.
///
/// Servers and clients found in containers are in `Deployment.servers` and `.clients`, each with
/// `pod` set to where it runs; `servers(at:)` finds the ones behind a pod port.
public struct KubernetesFacts: Sendable {
    public var workloads: [PodTemplate]
    public var services: [ServiceFacts]
    public var certificates: [CertManagerCertificate]

    public init(workloads: [PodTemplate] = [], services: [ServiceFacts] = [], certificates: [CertManagerCertificate] = []) {
        self.workloads = workloads
        self.services = services
        self.certificates = certificates
    }

    public var isEmpty: Bool { workloads.isEmpty && services.isEmpty && certificates.isEmpty }

    public mutating func merge(_ other: KubernetesFacts) {
        workloads += other.workloads
        services += other.services
        certificates += other.certificates
    }

    /// The pod templates a Service selects.
    public func pods(selectedBy service: ServiceFacts) -> [PodTemplate] {
        workloads.filter(service.selects)
    }

    /// The Services whose labels a ServiceMonitor's selector matches, in the namespaces it searches
    /// (nil: any namespace; empty: `from`, the monitor's own).
    public func services(matching selector: LabelSelector, in namespaces: [String]?, from namespace: String?) -> [ServiceFacts] {
        services.filter { selector.matches($0.labels) && Self.searched($0.name, namespaces, from: namespace) }
    }

    /// The pod templates whose labels a PodMonitor's selector matches.
    public func pods(matching selector: LabelSelector, in namespaces: [String]?, from namespace: String?) -> [PodTemplate] {
        workloads.filter { selector.matches($0.labels) && Self.searched($0.owner, namespaces, from: namespace) }
    }

    /// The pod templates a monitor's selection reaches: through the Services it selects (their
    /// selectors then choose the pods) or directly.
    public func pods(in selection: PodSelection, from namespace: String?) -> [PodTemplate] {
        switch selection.through {
        case .pods:
            return pods(matching: selection.selector, in: selection.namespaces, from: namespace)
        case .services:
            var seen = Set<ObjectName>()
            return services(matching: selection.selector, in: selection.namespaces, from: namespace)
                .flatMap(pods(selectedBy:)).filter { seen.insert($0.owner).inserted }
        }
    }

    private static func searched(_ object: ObjectName, _ namespaces: [String]?, from namespace: String?) -> Bool {
        guard let namespaces else { return true }
        if namespaces.isEmpty { return object.isReachable(from: namespace) }
        return namespaces.contains { object.isReachable(from: $0) }
    }

    /// The Service and port an address names (`svc:4317`, `svc.ns.svc:4317`,
    /// `svc.ns.svc.cluster.local:4317`), seen from a pod in `namespace`.
    public func service(host: String, port: Int, from namespace: String?) -> (service: ServiceFacts, port: ServicePort)? {
        for service in services where service.isNamed(host, from: namespace) {
            if let servicePort = service.port(.number(port)) { return (service, servicePort) }
        }
        return nil
    }

    /// Where a Service port leads: each selected pod template, the container and its port.
    /// A numbered target port reaches a container whether or not the container declares it
    /// (`containerPort` is informational; the operator's Collector pods declare none): every container
    /// is then a candidate, and `Deployment.servers(at:)` keeps the one that listens there.
    public func targets(of service: ServiceFacts, port: ServicePort) -> [PodPort] {
        pods(selectedBy: service).flatMap { template -> [PodPort] in
            if let declared = template.port(port.targetPort) {
                return [PodPort(template: template, container: declared.container, port: declared.port)]
            }
            guard case .number(let number) = port.targetPort else { return [] }
            return template.containers.filter { !$0.isInit }.map { container in
                PodPort(template: template, container: container, port: ContainerPort(name: nil, number: number, location: template.location))
            }
        }
    }

    /// The cert-manager Certificate that writes Secret `name`, for a pod or monitor in `namespace`.
    public func certificate(writing name: String, from namespace: String?) -> CertManagerCertificate? {
        certificates.last { $0.secretName == name && $0.name.isReachable(from: namespace) }
    }
}

/// A port of a container of a pod template: what a Service port or a pod target comes to.
public struct PodPort: Sendable, Hashable {
    public var template: PodTemplate
    public var container: ContainerFacts
    public var port: ContainerPort
}

extension Deployment {
    /// The servers that run in `container` of `template` and listen on `port` (or on every port,
    /// when their input does not say which).
    public func servers(at target: PodPort) -> [TLSServer] {
        servers.filter { server in
            guard let pod = server.pod, pod.owner == target.template.owner, pod.container == target.container.name else { return false }
            return server.listens.isEmpty || server.listens.contains { $0.port == target.port.number }
        }
    }

    /// The kubelet probes of the container a server runs in that reach one of its ports.
    public func probes(of server: TLSServer) -> [KubeletProbe] {
        guard let pod = server.pod,
            let container = kubernetes.workloads.first(where: { $0.owner == pod.owner })?.containers.first(where: { $0.name == pod.container })
        else { return [] }
        return container.probes.filter { probe in
            guard let number = probe.portNumber else { return false }
            return server.listens.isEmpty || server.listens.contains { $0.port == number }
        }
    }
}
