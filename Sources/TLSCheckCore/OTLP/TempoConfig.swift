/// Grafana Tempo (otlp.md §6): the distributor's receivers are Collector code (configtls servers),
/// internal clients use dskit `tls_*` keys, the server block dskit's `*_tls_config`.
extension OTLPRun {
    static let dskitClientKeys = [
        "tls_enabled", "tls_cert_path", "tls_key_path", "tls_ca_path", "tls_server_name", "tls_insecure_skip_verify",
        "tls_cipher_suites", "tls_min_version",
    ]
    /// The gRPC clients that talk to a TLS gRPC server of another Tempo component.
    static let tempoInternalClients = [
        "ingester_client.grpc_client_config", "metrics_generator_client.grpc_client_config",
        "querier.frontend_worker.grpc_client_config",
    ]

    mutating func checkTempo(_ root: YAMLNode) {
        guard mapping(root, "the top level") else { return }
        if let receivers = root["distributor"]?["receivers"], receivers.pairs != nil {
            for pair in receivers.pairs ?? [] {
                guard let id = pair.key.text else { continue }
                let type = String(id.split(separator: "/", maxSplits: 1).first ?? "")
                let role: TLSRole = ["otlp", "jaeger", "zipkin", "opencensus"].contains(type) ? .server : .unknown
                walkTLS(pair.value, name: "distributor.receivers.\(id)", role: role, depth: 0)
            }
        }
        var serverGRPCTLS: YAMLPair?
        if let server = root["server"], server.pairs != nil {
            for key in ["grpc_tls_config", "http_tls_config"] {
                if let pair = server.pair(key), checkDskitServerTLS(pair.value, name: "server.\(key)"), key == "grpc_tls_config" {
                    serverGRPCTLS = pair
                }
            }
            if let pair = server.pair("tls_min_version"), let text = pair.value.text, !text.isEmpty {
                checkDskitVersion(text, at: pair.value, name: "server.tls_min_version")
            }
            if let pair = server.pair("tls_cipher_suites"), let text = pair.value.text {
                checkDskitCiphers(text, at: pair.value, name: "server.tls_cipher_suites")
            }
        }
        var plaintextClients: [String] = []
        walkDskitClients(root, name: "", depth: 0)
        for path in Self.tempoInternalClients {
            let node = path.split(separator: ".").reduce(Optional(root)) { $0?[String($1)] }
            if !flag(node, "tls_enabled") { plaintextClients.append(path) }
        }
        if let serverGRPCTLS, !plaintextClients.isEmpty {
            report(.tempoClientsPlaintext,
                   "server.grpc_tls_config turns on TLS for Tempo's gRPC server, but \(plaintextClients.joined(separator: ", ")) \(plaintextClients.count == 1 ? "has" : "have") no tls_enabled: true; those clients fail with `error reading server preface: EOF`",
                   at: serverGRPCTLS.key)
        }
    }

    /// Every mapping with dskit client keys, except the server and the receivers.
    mutating func walkDskitClients(_ node: YAMLNode, name: String, depth: Int) {
        guard depth < 8, let pairs = node.pairs else { return }
        if pairs.contains(where: { Self.dskitClientKeys.contains($0.key.text ?? "") }) {
            checkDskitClient(node, name: name)
        }
        for pair in pairs where pair.value.pairs != nil {
            guard let key = pair.key.text else { continue }
            let child = name.isEmpty ? key : "\(name).\(key)"
            if child == "server" || child == "distributor.receivers" { continue }
            walkDskitClients(pair.value, name: child, depth: depth + 1)
        }
    }

    mutating func checkDskitClient(_ node: YAMLNode, name: String) {
        let enabled = flag(node, "tls_enabled")
        let others = (node.pairs ?? []).filter {
            let key = $0.key.text ?? ""
            return key != "tls_enabled" && Self.dskitClientKeys.contains(key) && !$0.value.isNull && $0.value.text != "" && $0.value.value != .bool(false)
        }
        if !enabled {
            if let first = others.first {
                report(.dskitTLSDisabled,
                       "\(name): \(others.compactMap(\.key.text).joined(separator: ", ")) \(others.count == 1 ? "is" : "are") ignored because tls_enabled is not true: this client connects without TLS",
                       at: first.key)
            }
            return
        }
        let cert = string(node, "tls_cert_path"), key = string(node, "tls_key_path")
        if (cert == nil) != (key == nil), let pair = node.pair(cert != nil ? "tls_cert_path" : "tls_key_path") {
            report(.tlsIncompleteKeyPair, "\(name): \(cert != nil ? "certificate given but no key configured" : "key given but no certificate configured")",
                   at: pair.key, hint: cert != nil ? "add tls_key_path" : "add tls_cert_path")
        }
        if let pair = node.pair("tls_min_version"), let text = pair.value.text, !text.isEmpty {
            checkDskitVersion(text, at: pair.value, name: "\(name).tls_min_version")
        }
        if let pair = node.pair("tls_cipher_suites"), let text = pair.value.text {
            checkDskitCiphers(text, at: pair.value, name: "\(name).tls_cipher_suites")
        }
        if flag(node, "tls_insecure_skip_verify"), let pair = node.pair("tls_insecure_skip_verify") {
            report(.insecureSkipVerify, "\(name): tls_insecure_skip_verify: true turns off certificate verification", at: pair.key)
        }
        let materials = MaterialChecker(context: context)
        if let ca = string(node, "tls_ca_path"), let pair = node.pair("tls_ca_path") {
            findings += materials.checkCABundle(.file(path: FileInput.resolve(ca, relativeTo: folder), at: at(pair.value)), purpose: .server)
        }
        if let cert, let key, let certPair = node.pair("tls_cert_path"), let keyPair = node.pair("tls_key_path") {
            let certificate = MaterialSource.file(path: FileInput.resolve(cert, relativeTo: folder), at: at(certPair.value))
            findings += materials.checkKeyPair(
                certificate: certificate, key: .file(path: FileInput.resolve(key, relativeTo: folder), at: at(keyPair.value)),
                role: .client, issuers: .configuration(certificate: certificate, ca: nil, files: context.files))
        }
    }

    mutating func checkDskitVersion(_ text: String, at node: YAMLNode, name: String) {
        guard !GoTLSNames.dskitVersions.contains(text) else { return }
        let index = GoTLSNames.collectorVersions.firstIndex(of: text) ?? GoTLSNames.versions.firstIndex(of: text)
        report(.tlsInvalidVersion, "\(name): unknown minimum TLS version: \"\(text)\"", at: node,
               hint: index.map { "dskit writes it as \(GoTLSNames.dskitVersions[$0]); \"\(text)\" is the Collector/exporter-toolkit form" }
                ?? "use VersionTLS12 or VersionTLS13")
    }

    mutating func checkDskitCiphers(_ text: String, at node: YAMLNode, name: String) {
        let all = GoTLSNames.secureCipherNames + GoTLSNames.insecureCipherNames
        for suite in text.split(separator: ",").map(\.trimmed) where !suite.isEmpty && !all.contains(suite) {
            report(.invalidCipherSuite, "\(name): unsupported cipher suite: \"\(suite)\"", at: node,
                   hint: Suggestion.closest(to: suite, in: all).map { "did you mean \($0)?" } ?? "a comma-separated list of Go names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        }
    }

    /// dskit's server TLS (exporter-toolkit code underneath); true when TLS is on.
    mutating func checkDskitServerTLS(_ node: YAMLNode, name: String) -> Bool {
        guard !node.isNull, mapping(node, name) else { return false }
        let hasCert = string(node, "cert_file") != nil || string(node, "cert") != nil
        let hasKey = string(node, "key_file") != nil || string(node, "key") != nil
        if hasCert != hasKey {
            report(.serverTLSWithoutCertificate,
                   "\(name): only the \(hasCert ? "certificate" : "key") is set; dskit turns TLS on only with both, so this server silently serves plaintext",
                   at: node, hint: hasCert ? "add key_file" : "add cert_file")
            return false
        }
        guard hasCert else { return false }
        let policy = string(node, "client_auth_type") ?? ""
        let clientCA = string(node, "client_ca_file") ?? string(node, "client_ca")
        if !policy.isEmpty, !GoTLSNames.clientAuthTypes.contains(policy), let pair = node.pair("client_auth_type") {
            report(.invalidClientAuth, "\(name): invalid ClientAuth: \(policy)", at: pair.value,
                   hint: Suggestion.closest(to: policy, in: GoTLSNames.clientAuthTypes).map { "did you mean \($0)?" } ?? "use RequireAndVerifyClientCert")
        }
        if clientCA != nil, policy.isEmpty || policy == "NoClientCert", let pair = node.pair("client_ca_file") ?? node.pair("client_ca") {
            report(.clientCAWithoutPolicy, "\(name): client CA's have been configured without a Client Auth Policy", at: pair.key,
                   hint: "add client_auth_type: RequireAndVerifyClientCert")
        }
        let materials = MaterialChecker(context: context)
        func source(_ file: String, _ inline: String) -> MaterialSource? {
            if let path = string(node, file), let pair = node.pair(file) {
                return .file(path: FileInput.resolve(path, relativeTo: folder), at: at(pair.value))
            }
            if let pem = string(node, inline), let pair = node.pair(inline) { return .inline(pem: pem, at: at(pair.value)) }
            return nil
        }
        if let certificate = source("cert_file", "cert"), let key = source("key_file", "key") {
            findings += materials.checkKeyPair(
                certificate: certificate, key: key, role: .server, issuers: .configuration(certificate: certificate, ca: nil, files: context.files))
        }
        if let ca = source("client_ca_file", "client_ca") {
            findings += materials.checkCABundle(ca, purpose: .client)
        }
        return true
    }
}
