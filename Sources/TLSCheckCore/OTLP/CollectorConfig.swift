/// The Collector's components (otlp.md §1–3): the OTLP exporters and receiver in full, the `tls:`
/// blocks of every other component with the configtls rules. Unknown components are not errors.
extension OTLPRun {
    mutating func checkCollector(_ root: YAMLNode) {
        guard mapping(root, "the top level") else { return }
        for section in ["receivers", "exporters", "extensions", "connectors", "processors"] {
            guard let components = root[section], !components.isNull, mapping(components, section) else { continue }
            for pair in components.pairs ?? [] {
                guard let id = pair.key.text else { continue }
                let type = String(id.split(separator: "/", maxSplits: 1).first ?? "")
                let name = "\(section)::\(id)"
                switch (section, type) {
                case ("exporters", "otlp"), ("exporters", "otlp_grpc"):
                    checkGRPCExporter(pair.value, name: name, key: pair.key)
                case ("exporters", "otlphttp"), ("exporters", "otlp_http"):
                    checkHTTPExporter(pair.value, name: name, key: pair.key)
                case ("receivers", "otlp"):
                    checkOTLPReceiver(pair.value, name: name)
                default:
                    walkTLS(pair.value, name: name, role: .unknown, depth: 0)
                }
            }
        }
    }

    /// Every `tls:` block below a component whose schema tlscheck does not know.
    mutating func walkTLS(_ node: YAMLNode, name: String, role: TLSRole, depth: Int) {
        guard depth < 8, let pairs = node.pairs else { return }
        for pair in pairs {
            guard let key = pair.key.text else { continue }
            if key == "tls" {
                _ = checkCollectorTLS(pair.value, role: inferRole(pair.value, parent: name, default: role), name: "\(name)::tls")
            } else if key == "tls_settings" {
                legacyPlacement(pair.key, name: name, key: key)
            } else if pair.value.pairs != nil {
                walkTLS(pair.value, name: "\(name)::\(key)", role: role, depth: depth + 1)
            }
        }
    }

    /// Client keys make a client block, client_ca_file a server block; otherwise the enclosing key says.
    func inferRole(_ tls: YAMLNode, parent: String, default role: TLSRole) -> TLSRole {
        if tls["client_ca_file"] != nil || tls["client_ca_file_reload"] != nil { return .server }
        if OTLPRun.clientTLSKeys.contains(where: { tls[$0] != nil }) { return .client }
        if parent.hasSuffix("::client") || parent == "client" { return .client }
        if parent.hasSuffix("::server") || parent == "server" { return .server }
        return role
    }

    mutating func legacyPlacement(_ key: YAMLNode, name: String, key text: String) {
        let hint = text == "tls_settings" ? "rename tls_settings to tls (Collector v0.36 and later)" : "move \(text) under `tls:` (Collector v0.36 and later)"
        report(.legacyTLSPlacement, "'\(name)' has invalid keys: \(text)", at: key, hint: hint)
    }

    // MARK: otlp / otlp_grpc exporter (§3.1)

    mutating func checkGRPCExporter(_ body: YAMLNode, name: String, key: YAMLNode) {
        guard mapping(body, name) else { return }
        for legacy in ["insecure", "ca_file", "cert_file", "key_file", "insecure_skip_verify", "server_name_override"] {
            if let pair = body.pair(legacy) { legacyPlacement(pair.key, name: name, key: legacy) }
        }
        let tls = checkCollectorTLS(body["tls"], role: .client, name: "\(name)::tls", exporter: true)
        checkExporterSettings(body, name: name)
        if let balancer = string(body, "balancer_name"), !["pick_first", "round_robin"].contains(balancer), let pair = body.pair("balancer_name") {
            report(.collectorInvalidSetting, "\(name): invalid balancer_name: \(balancer)", at: pair.value, hint: "use round_robin or pick_first")
        }

        let raw = string(body, "endpoint") ?? ""
        let endpointNode = body.pair("endpoint")?.value ?? key
        var address = raw
        var scheme = ""
        for prefix in ["https://", "http://"] where raw.lowercased().hasPrefix(prefix) {
            scheme = String(prefix.dropLast(3))
            address = String(raw.dropFirst(prefix.count))
        }
        if address.isEmpty {
            report(.endpointMissing, "\(name): requires a non-empty \"endpoint\"", at: endpointNode,
                   hint: scheme.isEmpty ? "set endpoint: HOST:4317" : "write the host and port after \(scheme)://, e.g. \(scheme)://tempo:4317")
            return
        }
        if raw.hasPrefix("unix://") {
            if raw.dropFirst(7).isEmpty {
                report(.endpointInvalid, "\(name): unix socket path cannot be empty", at: endpointNode, hint: "write unix:///path/to/socket")
            }
            return
        }
        if address.contains("://") { return }  // dns:///, passthrough:///, xds:/// go to gRPC's resolvers as they are
        guard case .ok(let host, let port) = EndpointSyntax.hostPort(address) else {
            if case .invalid(let reason) = EndpointSyntax.hostPort(address) {
                let hint = address.contains("/") ? "a gRPC endpoint is host:port without a path" : "write host:port, e.g. tempo:4317"
                report(.endpointInvalid, "\(name): \(reason)", at: endpointNode, hint: hint)
            }
            return
        }
        let usesTLS = !tls.insecure || tls.hasCA || scheme == "https"
        if tls.insecure, tls.hasCA, let node = tls.insecureNode {
            report(.insecureWithCA, "\(name): insecure: true is ignored because a CA is set: the exporter uses TLS", at: node)
        } else if tls.insecure, scheme == "https", let node = tls.insecureNode {
            report(.insecureWithHTTPS, "\(name): insecure: true is ignored for an https:// endpoint: the exporter uses TLS with full verification", at: node)
        }
        if scheme == "http" && !tls.insecure {
            report(.grpcHTTPSchemeStillTLS, "\(name): the gRPC exporter still uses TLS for an http:// endpoint (tls.insecure is not true)", at: endpointNode)
        }
        if !usesTLS, tls.skipVerify || tls.hasClientCertificate || tls.serverName != nil, let node = tls.node {
            report(.tlsSettingsUnused,
                   "\(name): insecure: true without a CA means no TLS, so the client certificate, insecure_skip_verify and server_name_override are unused (the files are still loaded)",
                   at: node)
        }
        if port == 4318 {
            report(.otlpPortMismatch, "\(name): the OTLP/gRPC exporter sends to port 4318, the OTLP/HTTP port", at: endpointNode,
                   hint: "use port 4317, or the otlp_http exporter for 4318")
        }
        if !usesTLS {
            report(.otlpPlaintext, "\(name): sends to \(address) without TLS (tls.insecure: true)", at: tls.insecureNode ?? endpointNode)
        }
        var endpoint = OTLPEndpoint(name: name, transport: .grpc, host: host, port: port, usesTLS: usesTLS, location: at(endpointNode))
        endpoint.applying(tls)
        endpoints.append(endpoint)
    }

    /// exporterhelper settings the Collector validates: timeout and retry.
    mutating func checkExporterSettings(_ body: YAMLNode, name: String) {
        if let pair = body.pair("timeout"), let text = pair.value.text, let value = GoDuration.parse(text), value < 0 {
            report(.collectorInvalidSetting, "\(name): 'timeout' must be non-negative", at: pair.value, hint: "use a positive duration such as 10s")
        }
        if let retry = body["retry_on_failure"], let pair = retry.pair("randomization_factor") {
            let factor: Double? = switch pair.value.value {
            case .int(let n): Double(n)
            case .float(let x): x
            default: nil
            }
            if let factor, factor < 0 {
                report(.collectorInvalidSetting, "\(name): retry_on_failure: 'randomization_factor' randomization_factor value must be greater than or equal to 0",
                       at: pair.value, hint: "use a value between 0 and 1, e.g. 0.5")
            }
        }
    }

    // MARK: otlphttp / otlp_http exporter (§3.2)

    mutating func checkHTTPExporter(_ body: YAMLNode, name: String, key: YAMLNode) {
        guard mapping(body, name) else { return }
        for legacy in ["insecure", "ca_file", "cert_file", "key_file", "insecure_skip_verify"] {
            if let pair = body.pair(legacy) { legacyPlacement(pair.key, name: name, key: legacy) }
        }
        let tls = checkCollectorTLS(body["tls"], role: .client, name: "\(name)::tls", exporter: true)
        checkExporterSettings(body, name: name)
        let keys = ["endpoint", "traces_endpoint", "metrics_endpoint", "logs_endpoint", "profiles_endpoint"]
        let set = keys.compactMap { key in string(body, key).flatMap { $0.isEmpty ? nil : (key, $0, body.pair(key)!.value) } }
        if set.isEmpty {
            report(.endpointMissing, "\(name): at least one endpoint must be specified", at: body.pair("endpoint")?.value ?? key,
                   hint: "set endpoint: https://HOST:4318 (the /v1/<signal> paths are appended)")
            return
        }
        var plaintextReported = false
        var insecureReported = false
        for (key, text, node) in set {
            guard let url = EndpointSyntax.url(text) else {
                report(.endpointInvalid, "\(name): \(key) \"\(text)\" has no scheme: Go reads the part before ':' as the scheme and every export fails",
                       at: node, hint: "write https://\(text) (or http:// for plaintext)")
                continue
            }
            guard url.scheme == "http" || url.scheme == "https" else {
                report(.endpointInvalid, "\(name): \(key) uses the scheme \(url.scheme)://; OTLP/HTTP takes http:// or https:// (Go: unsupported protocol scheme \"\(url.scheme)\")",
                       at: node, hint: "write https://HOST:4318")
                continue
            }
            guard !url.host.isEmpty else {
                report(.endpointInvalid, "\(name): \(key) \"\(text)\" has no host", at: node, hint: "write \(url.scheme)://HOST:4318")
                continue
            }
            if url.port == -1 {
                report(.endpointInvalid, "\(name): \(key) \"\(text)\" has an invalid port", at: node, hint: "write a port number after the host")
                continue
            }
            let port = url.port ?? (url.scheme == "https" ? 443 : 80)
            if key == "endpoint", let signal = EndpointSyntax.signalPaths.first(where: { url.path.hasSuffix($0) }) {
                report(.signalPathInBase, "\(name): endpoint already ends in \(signal), and the exporter appends /v1/<signal> to it (\(signal)\(signal))",
                       at: node, hint: "remove \(signal), or set \(signal.split(separator: "/").last ?? "traces")_endpoint instead")
            }
            if key != "endpoint", url.path.isEmpty || url.path == "/" {
                report(.signalPathMissing, "\(name): \(key) is used as given, so data goes to \"/\"", at: node,
                       hint: "append the signal path, e.g. \(text)/v1/\(key.split(separator: "_").first ?? "traces")")
            }
            if port == 4317 {
                report(.otlpPortMismatch, "\(name): the OTLP/HTTP exporter sends to port 4317, the OTLP/gRPC port", at: node,
                       hint: "use port 4318, or the otlp exporter for gRPC")
            }
            let https = url.scheme == "https"
            if !https && !plaintextReported {
                plaintextReported = true
                if tls.hasCA || tls.hasClientCertificate || tls.skipVerify, let tlsNode = tls.node {
                    report(.tlsSettingsUnused, "\(name): \(key) is http://, so the tls settings are unused (but their files are still loaded at start-up)",
                           at: tlsNode, hint: "use https:// for TLS, or remove the tls settings")
                }
                report(.otlpPlaintext, "\(name): \(key) is http://: sent without TLS", at: node)
            }
            if https, tls.insecure, !insecureReported, let insecureNode = tls.insecureNode {
                insecureReported = true
                if tls.hasCA {
                    report(.insecureWithCA, "\(name): insecure: true is ignored because a CA is set: the exporter uses TLS", at: insecureNode)
                } else {
                    report(.insecureWithHTTPS, "\(name): insecure: true does nothing for an https:// endpoint: TLS with full verification is used (insecure is not insecure_skip_verify)",
                           at: insecureNode, hint: "remove it; use insecure_skip_verify to skip verification, or http:// for plaintext")
                }
            }
            var endpoint = OTLPEndpoint(name: "\(name) \(key)", transport: .http, host: url.host, port: port, usesTLS: https, location: at(node))
            endpoint.applying(tls)
            if !endpoints.contains(where: { $0.address == endpoint.address && $0.usesTLS == endpoint.usesTLS && $0.transport == .http }) {
                endpoints.append(endpoint)
            }
        }
    }

    // MARK: otlp receiver (§3.3)

    mutating func checkOTLPReceiver(_ body: YAMLNode, name: String) {
        guard mapping(body, name), let protocols = body["protocols"] else { return }
        guard mapping(protocols, "\(name)::protocols") else { return }
        for pair in protocols.pairs ?? [] {
            guard let proto = pair.key.text, pair.value.pairs != nil else { continue }
            let protoName = "\(name)::protocols::\(proto)"
            if let legacy = pair.value.pair("tls_settings") { legacyPlacement(legacy.key, name: protoName, key: "tls_settings") }
            _ = checkCollectorTLS(pair.value["tls"], role: .server, name: "\(protoName)::tls")
        }
    }
}

extension OTLPEndpoint {
    mutating func applying(_ tls: TLSSettings) {
        caFile = tls.caFile
        if tls.hasClientCertificate {
            certificateFile = tls.certificateFile
            keyFile = tls.keyFile
        }
        serverName = tls.serverName
        skipVerify = tls.skipVerify
        usesInlinePEM = tls.inlinePEM
    }
}
