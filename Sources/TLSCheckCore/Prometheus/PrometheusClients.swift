/// The TLS clients an HTTP client config makes — one per target — checked by the shared
/// `ClientChecks`, with what Prometheus does about each error appended in its words: a CA file it
/// cannot use stops the client being created (a scrape job then has no targets; remote_write and
/// alerting stop Prometheus from starting), an expired or unfit certificate fails at the handshake.
extension PrometheusRun {
    /// Reads, checks and records the clients of the HTTP client config inlined in `node`.
    mutating func clients(
        of node: YAMLNode, name: String, owner: Owner, origin: YAMLNode, targets: [ClientTarget], usesTLS: Bool,
        schemeNode: YAMLNode?
    ) {
        let tls = node["tls_config"].flatMap { $0.pairs == nil ? nil : $0 }
        var client = TLSClient(name: name, dialect: .prometheus, origin: at(origin), target: targets.first ?? .discovered(mechanism: "none"),
                               usesTLS: usesTLS)
        client.loadsUnusedSettings = true  // prometheus/common builds the TLS config whatever the scheme
        client.schemeLocation = schemeNode.map(at)
        client.settingsLocation = node.pair("tls_config").map { at($0.key) }
        client.trust = material(tls, file: "ca_file", inline: "ca", ref: "ca_ref")
        client.certificate = material(tls, file: "cert_file", inline: "cert", ref: "cert_ref")
        client.key = material(tls, file: "key_file", inline: "key", ref: "key_ref")
        if let text = string(tls, "server_name"), !text.isEmpty { client.serverName = Stated(text, at: at(tls!["server_name"]!)) }
        if let skip = bool(tls, "insecure_skip_verify") { client.skipVerify = Stated(skip, at: at(tls!["insecure_skip_verify"]!)) }
        for (key, path) in [("min_version", \TLSClient.minVersion), ("max_version", \TLSClient.maxVersion)] {
            if let text = string(tls, key), let version = Self.versions[text] { client[keyPath: path] = Stated(version, at: at(tls![key]!)) }
        }
        if let basic = node["basic_auth"], let username = string(basic, "username") {
            client.basicAuth = BasicAuthCredentials(username: username, password: string(basic, "password"), at: at(basic))
        }
        for (key, setting) in [("ca_ref", "CA cert"), ("cert_ref", "client cert"), ("key_ref", "client key")] where has(tls, key) {
            report(.secretRefWithoutManager,
                   "\(name): tls_config.\(key) names a secret, but Prometheus has no secret manager (\(owner.consequence("unable to use \(setting): cannot use secret ref without manager")))",
                   at: tls![key]!, hint: "use \(key.replacing("_ref", with: "_file")) with a mounted file instead")
        }
        for (parent, key) in [("basic_auth", "username_ref"), ("basic_auth", "password_ref"), ("authorization", "credentials_ref"),
                              ("oauth2", "client_secret_ref"), ("oauth2", "client_certificate_key_ref")] where has(node[parent], key) {
            report(.secretRefWithoutManager,
                   "\(name): \(parent).\(key) names a secret, but Prometheus has no secret manager (\(owner.consequence("cannot use secret ref without manager")))",
                   at: node[parent]![key]!, hint: "use \(key.replacing("_ref", with: "_file")) with a mounted file instead")
        }
        checkCredentialFiles(node, name: name)

        let checks = ClientChecks(context: context)
        var seen: Set<Finding> = []
        for (index, target) in (targets.isEmpty ? [client.target] : targets).enumerated() {
            var one = client
            one.target = target
            // With a server name set, no client check depends on the target: the first one says it all.
            if index == 0 || client.serverName == nil {
                for finding in checks.check(one, materials: &materials) where seen.insert(finding).inserted {
                    findings.append(withConsequence(finding, client: one, owner: owner))
                }
            }
            clients.append(one)
        }
    }

    /// A trust, certificate or key setting: a file (resolved against the config's folder), inline
    /// PEM, or a secret manager reference tlscheck cannot follow.
    private func material(_ tls: YAMLNode?, file: String, inline: String, ref: String) -> MaterialReference? {
        if let path = string(tls, file), !path.isEmpty {
            return .source(.file(path: FileInput.resolve(path, relativeTo: folder), at: at(tls![file]!)))
        }
        if let pem = string(tls, inline), !pem.isEmpty { return .source(.inline(pem: pem, at: at(tls![inline]!))) }
        if let name = string(tls, ref) { return .external(what: "secret \(name)", at: at(tls![ref]!)) }
        return nil
    }

    /// Credential files are read on every request; promtool checks bearer_token_file and
    /// credentials_file of scrape jobs (`error checking authorization credentials or bearer token file`).
    private mutating func checkCredentialFiles(_ node: YAMLNode, name: String) {
        guard context.checkFiles else { return }
        let places: [(YAMLNode?, String, String)] = [
            (node, "bearer_token_file", "unable to read authorization credentials"),
            (node["authorization"], "credentials_file", "unable to read authorization credentials"),
            (node["basic_auth"], "password_file", "unable to read basic auth password file"),
            (node["basic_auth"], "username_file", "unable to read basic auth username file"),
            (node["oauth2"], "client_secret_file", "unable to read oauth2 client secret"),
        ]
        for (parent, key, words) in places {
            guard let text = string(parent, key), !text.isEmpty, let value = parent?[key] else { continue }
            let path = FileInput.resolve(text, relativeTo: folder)
            if ConfigValidator.isFolder(path) == nil {
                report(.fileNotFound,
                       "\(name): \(key) \(path) does not exist: every request fails (\(words): unable to read file \(path): open \(path): no such file or directory)",
                       at: value, hint: text.hasPrefix("/")
                        ? "check the path; the file must exist where Prometheus runs (--skip-files checks a config meant for another machine)"
                        : "check the path; relative paths are resolved against \(folder == "." ? "the working folder" : folder)")
            }
        }
    }

    /// The finding with Prometheus's consequence and message appended, when it is an error.
    private func withConsequence(_ finding: Finding, client: TLSClient, owner: Owner) -> Finding {
        guard finding.severity == .error else { return finding }
        var finding = finding
        let missing: Set = [Check.fileNotFound.code, Check.fileUnreadable.code, Check.fileIsFolder.code]
        let unusableCA: Set = [Check.caNoCertificate.code, Check.pemNoData.code, Check.pemInvalid.code]
        let unusablePair: Set = [
            Check.pemNoData.code, Check.pemInvalid.code, Check.keyCertSwapped.code, Check.keyMismatch.code,
            Check.keyTypeMismatch.code, Check.keyEncrypted.code, Check.keyUnsupported.code,
        ]
        func described(_ reference: MaterialReference?) -> String {
            switch reference?.source {
            case .file(let path, _)?: "file \(path)"
            default: "inline"
            }
        }
        func readError(_ what: String, _ reference: MaterialReference?) -> String {
            guard case .file(let path, _)? = reference?.source else { return what }
            return "\(what): unable to read file \(path): open \(path): no such file or directory"
        }
        let code = finding.code
        var words: String?
        if code == Check.minAboveMax.code {
            words = "tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified"
        } else if let trust = client.trust, finding.location == trust.location {
            if missing.contains(code) {
                words = readError("unable to read CA cert", trust)
            } else if unusableCA.contains(code) {
                words = trust.source?.isFile == true ? "unable to use specified CA cert \(described(trust))" : "unable to use inline CA cert"
            }
        } else if finding.location == client.certificate?.location || finding.location == client.key?.location {
            let isKey = finding.location == client.key?.location && finding.location != client.certificate?.location
            if missing.contains(code) {
                words = readError(isKey ? "unable to read specified client key" : "unable to read specified client cert", isKey ? client.key : client.certificate)
            } else if unusablePair.contains(code) {
                let reason = code == Check.keyMismatch.code ? ": tls: private key does not match public key" : ""
                words = "unable to use specified client cert (\(described(client.certificate))) & key (\(described(client.key)))\(reason)"
            }
        }
        if let words {
            finding.message += " (\(owner.consequence(words)))"
        } else if client.usesTLS, [client.trust?.location, client.certificate?.location, client.key?.location].contains(finding.location) {
            finding.message += " (the client is created, but \(owner.isScrape ? "every scrape" : "every request") fails at the TLS handshake)"
        }
        return finding
    }
}

extension PrometheusRun.Owner {
    var isScrape: Bool {
        if case .scrape = self { return true }
        return false
    }
}
