/// One monitor endpoint: what the Operator rejects (tls_types.go, types.go, http_config.go), then its
/// TLS client for the shared checks.
extension MonitorRun {
    /// Reads the endpoint at `node` (`field` is how the Operator names it: `endpoints[0]`, or "" for
    /// a Probe's or ScrapeConfig's spec). `files`: the CRD has caFile/certFile/keyFile (ServiceMonitor).
    mutating func endpointClient(
        _ node: YAMLNode, field: String, target: ClientTarget, files: Bool, scheme: YAMLNode? = nil,
        dialect: SettingDialect = .monitor, extraTargets: [ClientTarget] = []
    ) {
        let tls = node["tlsConfig"].flatMap { $0.pairs == nil ? nil : $0 }
        let prefix = field.isEmpty ? "" : "\(field): "
        if let tls { validateTLS(tls, prefix: prefix + "tlsConfig: ", files: files) }
        validateAuth(node, prefix: prefix)

        let schemeNode = scheme ?? node["scheme"]
        let schemeText = schemeNode?.text?.lowercased()
        var client = TLSClient(
            name: "\(object.displayName)\(field.isEmpty ? "" : " \(field)")", dialect: dialect,
            origin: at(node), target: target, usesTLS: schemeText == "https")
        client.schemeLocation = schemeNode.flatMap { $0.isNull ? nil : at($0) }
        client.settingsLocation = node.pair("tlsConfig").map { at($0.key) }
        client.trust = reference(tls, "ca", file: files ? "caFile" : nil)
        client.certificate = reference(tls, "cert", file: files ? "certFile" : nil)
        client.key = keyReference(tls, file: files ? "keyFile" : nil)
        if let name = text(tls, "serverName") { client.serverName = Stated(name, at: at(tls!["serverName"]!)) }
        if case .bool(let skip)? = tls?["insecureSkipVerify"]?.value { client.skipVerify = Stated(skip, at: at(tls!["insecureSkipVerify"]!)) }
        for (key, path) in [("minVersion", \TLSClient.minVersion), ("maxVersion", \TLSClient.maxVersion)] {
            if let text = text(tls, key), let version = PrometheusRun.versions[text] { client[keyPath: path] = Stated(version, at: at(tls![key]!)) }
        }
        // basicAuth names Secret keys (the Kubernetes reader resolves them); the other ways send a token.
        if let basic = node["basicAuth"], basic.pairs != nil {
            var credentials = BasicAuthCredentials(username: "", password: nil, at: at(basic))
            credentials.usernameKey = secretKey(basic["username"])
            credentials.passwordKey = secretKey(basic["password"])
            client.basicAuth = credentials
        } else if let token = node["authorization"] ?? node["bearerTokenSecret"] ?? node["bearerTokenFile"] ?? node["oauth2"], !token.isNull {
            let scheme = node["authorization"].flatMap { text($0, "type") } ?? "Bearer"
            client.authorizationScheme = Stated(scheme, at: at(token))
        }
        var materials = MaterialFindings()
        let checks = ClientChecks(context: context)
        var seen: Set<Finding> = []
        for one in [target] + extraTargets {
            var each = client
            each.target = one
            // Versions out of order are the Operator's rejection above, in its words. A monitor that
            // trusts the service account's CA scrapes cluster components (API servers, kubelets), whose
            // certificates carry their IPs: no claim about pod IPs then.
            let clusterCA = text(tls, "caFile")?.hasSuffix("serviceaccount/ca.crt") ?? false
            for finding in checks.check(each, materials: &materials) where finding.code != Check.minAboveMax.code
                && !(clusterCA && finding.code == Check.ipTargetWithoutServerName.code) && seen.insert(finding).inserted {
                findings.append(finding)
            }
            clients.append(each)
        }
    }

    /// A `{secret: {name, key}}` or `{configMap: {name, key}}` (in the monitor's namespace), or a file
    /// in the Prometheus container (ServiceMonitor `caFile`/`certFile`).
    private mutating func reference(_ tls: YAMLNode?, _ key: String, file: String?) -> MaterialReference? {
        if let file, let path = text(tls, file) {
            return .scraperFile(path: path, at: at(tls![file]!))
        }
        guard let node = tls?[key], node.pairs != nil else { return nil }
        if let secret = node["secret"], let name = text(secret, "name"), let item = text(secret, "key") {
            return .objectKey(ObjectKeyReference(kind: .secret, namespace: object.namespace, name: name, key: item), at: at(node))
        }
        if let map = node["configMap"], let name = text(map, "name"), let item = text(map, "key") {
            return .objectKey(ObjectKeyReference(kind: .configMap, namespace: object.namespace, name: name, key: item), at: at(node))
        }
        return nil
    }

    /// A `{name, key}` Secret key selector, in the monitor's namespace.
    private func secretKey(_ node: YAMLNode?) -> ObjectKeyReference? {
        guard let name = text(node, "name"), let key = text(node, "key") else { return nil }
        return ObjectKeyReference(kind: .secret, namespace: object.namespace, name: name, key: key)
    }

    private mutating func keyReference(_ tls: YAMLNode?, file: String?) -> MaterialReference? {
        if let file, let path = text(tls, file) {
            return .scraperFile(path: path, at: at(tls![file]!))
        }
        guard let secret = tls?["keySecret"], let name = text(secret, "name"), let item = text(secret, "key") else { return nil }
        return .objectKey(ObjectKeyReference(kind: .secret, namespace: object.namespace, name: name, key: item), at: at(secret))
    }

    // MARK: What the Operator rejects

    private mutating func reject(_ message: String, at node: YAMLNode, hint: String? = nil) {
        let name = "\(object.namespace ?? "default")/\(object.name)"
        report(.monitorRejected,
               "the Operator rejects \(object.kind) \(name) and leaves it out of Prometheus's configuration: \"\(name)\" was rejected due to invalid configuration: \(message)",
               at: node, hint: hint)
    }

    private mutating func validateTLS(_ tls: YAMLNode, prefix: String, files: Bool) {
        for key in ["ca", "cert"] {
            if let node = tls[key], has(node, "secret"), has(node, "configMap") {
                reject("\(prefix)\(key): cannot specify both Secret and ConfigMap", at: node, hint: "keep either secret or configMap")
            }
        }
        let ca = has(tls, "ca"), cert = has(tls, "cert"), key = has(tls, "keySecret")
        if files {
            let caFile = has(tls, "caFile"), certFile = has(tls, "certFile"), keyFile = has(tls, "keyFile")
            if caFile && ca { reject("\(prefix)cannot specify both 'caFile' and 'ca'", at: tls.pair("caFile")!.key) }
            if certFile && cert { reject("\(prefix)cannot specify both 'certFile' and 'cert'", at: tls.pair("certFile")!.key) }
            if keyFile && key { reject("\(prefix)cannot specify both 'keyFile' and 'keySecret'", at: tls.pair("keyFile")!.key) }
            if (cert || certFile) && !(key || keyFile) {
                reject("\(prefix)cannot specify client cert without client key", at: tls.pair(cert ? "cert" : "certFile")!.key,
                       hint: "add keySecret (or keyFile) with the client certificate's key")
            } else if (key || keyFile) && !(cert || certFile) {
                reject("\(prefix)cannot specify client key without client cert", at: tls.pair(key ? "keySecret" : "keyFile")!.key,
                       hint: "add cert (or certFile) with the client certificate")
            }
        } else if cert && !key {
            reject("\(prefix)client cert specified without client key", at: tls.pair("cert")!.key, hint: "add keySecret with the client certificate's key")
        } else if key && !cert {
            reject("\(prefix)client key specified without client cert", at: tls.pair("keySecret")!.key, hint: "add cert with the client certificate")
        }
        if let min = text(tls, "minVersion").flatMap({ PrometheusRun.versions[$0] }), let max = text(tls, "maxVersion").flatMap({ PrometheusRun.versions[$0] }),
            max < min {
            reject("\(prefix)maxVersion must more than or equal to minVersion", at: tls["maxVersion"]!)
        }
    }

    private mutating func validateAuth(_ node: YAMLNode, prefix: String) {
        let pairs: [(String, String, String)] = [
            ("authorization", "basicAuth", "authorization and basicAuth cannot be configured at the same time"),
            ("oauth2", "basicAuth", "oauth2 and basicAuth cannot be configured at the same time"),
            ("oauth2", "authorization", "oauth2 and authorization cannot be configured at the same time"),
            ("bearerTokenSecret", "basicAuth", "bearerTokenSecret and basicAuth cannot be configured at the same time"),
            ("bearerTokenSecret", "authorization", "authorization and bearerTokenSecret cannot be configured at the same time"),
            ("bearerTokenSecret", "oauth2", "oauth2 and bearerTokenSecret cannot be configured at the same time"),
        ]
        for (first, second, message) in pairs where has(node, first) && has(node, second) {
            reject("\(prefix)\(message)", at: node.pair(first)!.key, hint: "keep one way of authenticating")
        }
        if let authorization = node["authorization"], authorization.pairs != nil {
            if text(authorization, "type")?.lowercased() == "basic" {
                reject("\(prefix)'authorization' type cannot be set to \"basic\", use \"basicAuth\" instead", at: authorization["type"]!)
            }
            if !has(authorization, "credentials") {
                reject("\(prefix)'authorization' credentials are required", at: authorization, hint: "add credentials: {name: <secret>, key: <key>}")
            }
        }
    }
}
