/// What a Collector configuration (or a Tempo distributor's receivers) tells the deployment model:
/// each receiver protocol is a server where its endpoint listens, each OTLP exporter a client of the
/// endpoint it sends to. Facts only: the rules have already reported what is wrong (CollectorConfig,
/// ConfigTLS); here is what the Collector will do with what passed.
extension OTLPRun {
    /// Receivers that listen: `protocols.<p>` blocks (otlp, jaeger) and receivers with their own
    /// `endpoint` (zipkin). `prefix` names the section (`receivers`, `distributor::receivers`).
    func receiverServers(_ receivers: YAMLNode?, prefix: String = "receivers") -> [TLSServer] {
        var servers: [TLSServer] = []
        for pair in receivers?.pairs ?? [] {
            guard let id = pair.key.text, let body = pair.value.pairs.map({ _ in pair.value }) else { continue }
            let type = id.split(separator: "/").first.map(String.init) ?? id
            if let protocols = body["protocols"]?.pairs {
                for proto in protocols {
                    guard let name = proto.key.text else { continue }
                    let defaultPort = type == "otlp" ? (name == "grpc" ? 4317 : 4318) : nil
                    servers.append(receiverServer(proto.value, key: proto.key, name: "\(prefix)::\(id)::protocols::\(name)",
                                                  transport: name == "grpc" ? .grpc : .http, defaultPort: defaultPort))
                }
            } else if body["endpoint"] != nil {
                servers.append(receiverServer(body, key: pair.key, name: "\(prefix)::\(id)", transport: .http, defaultPort: nil))
            }
        }
        return servers
    }

    private func receiverServer(_ block: YAMLNode, key: YAMLNode, name: String, transport: Transport, defaultPort: Int?) -> TLSServer {
        let tls = block["tls"].flatMap { $0.isNull ? nil : $0 }
        var server = TLSServer(name: name, dialect: .collectorReceiver, origin: at(tls.map { _ in block.pair("tls")!.key } ?? key),
                               transport: transport, usesTLS: tls != nil)
        // The receivers' default endpoints listen on localhost (otlp.md §3.3).
        let endpoint = string(block, "endpoint") ?? defaultPort.map { "localhost:\($0)" }
        if let endpoint, case .ok(let host, let port) = EndpointSyntax.hostPort(endpoint) {
            server.listens = [ListenAddress(host: host.isEmpty ? nil : host, port: port)]
        }
        guard let tls else { return server }
        server.certificate = material(tls, "cert_file", "cert_pem")
        server.key = material(tls, "key_file", "key_pem")
        if let clientCA = material(tls, "client_ca_file", nil) {
            // client_ca_file turns on RequireAndVerifyClientCert (otlp.md §1.1).
            server.clientCA = clientCA
            server.clientAuth = Stated(.requireAndVerify, at: clientCA.location)
        }
        server.minVersion = version(tls, "min_version")
        server.maxVersion = version(tls, "max_version")
        return server
    }

    /// The OTLP exporters' clients, from the endpoints the rules accepted.
    func exporterClients(_ exporters: YAMLNode?) -> [TLSClient] {
        endpoints.compactMap { endpoint -> TLSClient? in
            guard endpoint.name.hasPrefix("exporters::") else { return nil }
            let id = String(endpoint.name.dropFirst("exporters::".count).prefix { $0 != " " })
            guard let pair = exporters?.pair(id) else { return nil }
            return exporterClient(endpoint, body: pair.value, key: pair.key)
        }
    }

    /// The client of one exporter `body` (a Collector's `exporters.<id>`, or a fragment file's root).
    func exporterClient(_ endpoint: OTLPEndpoint, body: YAMLNode, key: YAMLNode) -> TLSClient {
            let tls = body["tls"].flatMap { $0.isNull ? nil : $0 }
            var client = TLSClient(
                name: endpoint.name, dialect: .collector, origin: at(key),
                target: .address(host: endpoint.host, port: endpoint.port), transport: endpoint.transport == .grpc ? .grpc : .http,
                usesTLS: endpoint.usesTLS)
            client.schemeLocation = tls?.pair("insecure").map { at($0.key) }
                ?? (body["endpoint"]?.text?.contains("://") == true ? endpoint.location : nil)
            guard let tls else { return client }
            client.settingsLocation = body.pair("tls").map { at($0.key) }
            client.trust = material(tls, "ca_file", "ca_pem")
            client.certificate = material(tls, "cert_file", "cert_pem")
            client.key = material(tls, "key_file", "key_pem")
            if let serverName = string(tls, "server_name_override"), let node = tls["server_name_override"] {
                client.serverName = Stated(serverName, at: at(node))
            }
            if let skip = tls.pair("insecure_skip_verify"), case .bool(let value)? = skip.value.value {
                client.skipVerify = Stated(value, at: at(skip.key))
            }
            client.minVersion = version(tls, "min_version")
            client.maxVersion = version(tls, "max_version")
            return client
    }

    /// A `*_file` (resolved as the rules resolve it) or inline `*_pem` setting.
    private func material(_ tls: YAMLNode, _ file: String, _ pem: String?) -> MaterialReference? {
        if let path = string(tls, file), let node = tls[file] {
            return .source(.file(path: FileInput.resolve(path, relativeTo: folder), at: at(node)))
        }
        if let pem, let text = string(tls, pem), let node = tls[pem] {
            return .source(.inline(pem: text, at: at(node)))
        }
        return nil
    }

    private func version(_ tls: YAMLNode, _ key: String) -> Stated<TLSVersion>? {
        guard let text = string(tls, key), let node = tls[key], let version = TLSVersion(parsing: text) else { return nil }
        return Stated(version, at: at(node))
    }
}
