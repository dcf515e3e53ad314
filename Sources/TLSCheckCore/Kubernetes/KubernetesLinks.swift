/// Matches the clients of a Kubernetes deployment to the servers they reach: a ServiceMonitor to
/// the Services it selects and the pods behind them, a PodMonitor to its pods, an OTLP sender or a
/// scrape job's `svc.ns.svc:port` to that Service, a kubelet probe to the server of its container.
/// The links then go through `LinkChecks`, so each connection is judged from both ends.
extension Deployment {
    /// Every link the Kubernetes facts allow, and what could not be linked (a monitor that selects
    /// nothing in the input), said once per client.
    public func kubernetesLinks() -> (links: [Link], findings: [Finding]) {
        guard !kubernetes.isEmpty else { return ([], []) }
        let index = KubernetesIndex(self)
        var links: [Link] = []
        var findings: [Finding] = []
        for client in clients {
            switch client.target {
            case .pods(let selection) where client.dialect == .monitor:
                let reached = podLinks(client, selection, index)
                if reached.isEmpty, let note = selectsNothing(client, selection) { findings.append(note) }
                links += reached
            case .address(let host, let port):
                links += serviceLinks(client, host: host, port: port, index)
            default:
                continue  // discovered targets and prometheus.yml's relabelled discovery are not followed
            }
        }
        for server in servers { links += probeLinks(server, index) }
        return (links, findings)
    }

    /// A monitor's pods: through the Services it selects, or directly (PodMonitor).
    private func podLinks(_ client: TLSClient, _ selection: PodSelection, _ index: KubernetesIndex) -> [Link] {
        let namespace = selection.namespaces?.first
        let searched = selection.namespaces?.count == 1 ? [] : selection.namespaces
        var targets: [(PodPort, String)] = []
        switch selection.through {
        case .services:
            for service in index.services(matching: selection.selector, in: searched, from: namespace) {
                if let targetPort = selection.targetPort {
                    // The pods' container port itself, named or numbered, whatever the Service's ports.
                    for template in index.pods(selectedBy: service) {
                        for container in template.containers where !container.isInit {
                            for port in container.ports where port.matches(targetPort) {
                                targets.append((PodPort(template: template, container: container, port: port), "\(service.name)"))
                            }
                        }
                    }
                    continue
                }
                let ports = selection.port.map { reference in service.port(reference).map { [$0] } ?? [] } ?? service.ports
                for port in ports {
                    targets += index.targets(of: service, port: port).map { ($0, "\(service.name) port \(port.name ?? String(port.port))") }
                }
            }
        case .pods:
            for template in index.pods(matching: selection.selector, in: searched, from: namespace) {
                for container in template.containers where !container.isInit {
                    for port in container.ports where selection.port.map(port.matches) ?? true {
                        targets.append((PodPort(template: template, container: container, port: port), ""))
                    }
                }
            }
        }
        return targets.flatMap { target, via in
            index.servers(at: target).map { server in
                Link(client: client, server: server, verifiedName: client.serverName.map { .name($0.value) } ?? .podIP,
                     via: via, port: target.port.name ?? String(target.port.number))
            }
        }
    }

    /// A client that dials a Service by name (`svc.ns.svc:4317`).
    private func serviceLinks(_ client: TLSClient, host: String, port: Int, _ index: KubernetesIndex) -> [Link] {
        guard let (service, servicePort) = index.service(host: host, port: port, from: client.pod?.namespace) else { return [] }
        return index.targets(of: service, port: servicePort).flatMap { target in
            index.servers(at: target).map { server in
                Link(client: client, server: server, via: "\(service.name) port \(servicePort.port)",
                     port: target.port.name ?? String(target.port.number))
            }
        }
    }

    /// The kubelet's probes of a server's port, each as the client it is.
    private func probeLinks(_ server: TLSServer, _ index: KubernetesIndex) -> [Link] {
        index.probes(of: server).compactMap { probe in
            KubeletProbeClient.client(for: probe, in: server.pod).map {
                Link(client: $0, server: server, verifiedName: .podIP, via: "", port: probe.port?.description)
            }
        }
    }

    private func selectsNothing(_ client: TLSClient, _ selection: PodSelection) -> Finding? {
        // A model without Services or workloads is a monitors-only input: nothing to say per monitor.
        guard !kubernetes.workloads.isEmpty else { return nil }
        let labels = selection.selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let what = selection.through == .services ? "Service" : "pod"
        return Finding(
            .selectsNothingInInput,
            "\(client.name) selects no \(what) in the input (selector \(labels.isEmpty ? "{}" : labels)\((selection.port ?? selection.targetPort).map { ", port \($0)" } ?? "")): the connection to what it scrapes was not checked",
            at: client.origin)
    }
}

/// A kubelet probe as a TLS client (kubernetes.md §4): `httpGet` speaks HTTP or HTTPS as its scheme
/// says, never verifies and never sends a client certificate; basic auth only as a literal header;
/// `grpc` speaks plaintext gRPC. `tcpSocket` and `exec` probes do not speak to the server's protocol.
enum KubeletProbeClient {
    static func client(for probe: KubeletProbe, in pod: PodPlacement?) -> TLSClient? {
        let name = "\(probe.kind.rawValue)\(pod.map { " of \($0)" } ?? "")"
        let target = ClientTarget.address(host: "pod IP", port: probe.portNumber ?? 0)
        var client: TLSClient
        switch probe.handler {
        case .httpGet(let scheme, _, let headers):
            client = TLSClient(name: name, dialect: .kubeletProbe, origin: probe.location, target: target, usesTLS: scheme == "HTTPS")
            client.schemeLocation = probe.schemeLocation
            client.skipVerify = Stated(true, at: probe.location)
            client.basicAuth = basicAuth(headers, at: probe.location)
            if client.basicAuth == nil, let header = headers.first(where: { $0.key.lowercased() == "authorization" }) {
                client.authorizationScheme = Stated(String(header.value.prefix { $0 != " " }), at: probe.location)
            }
        case .grpc:
            client = TLSClient(name: name, dialect: .kubeletProbe, origin: probe.location, target: target, transport: .grpc, usesTLS: false)
        case .tcpSocket, .exec:
            return nil
        }
        client.pod = pod
        return client
    }

    /// `Authorization: Basic <base64 of user:password>`.
    static func basicAuth(_ headers: [String: String], at location: Location) -> BasicAuthCredentials? {
        guard let value = headers.first(where: { $0.key.lowercased() == "authorization" })?.value,
            value.lowercased().hasPrefix("basic "), let bytes = Base64.decoding(value.dropFirst(6).utf8, skipping: .lineBreaks).bytes,
            let text = String(validating: bytes, as: UTF8.self), let colon = text.firstIndex(of: ":")
        else { return nil }
        return BasicAuthCredentials(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]), at: location)
    }
}
