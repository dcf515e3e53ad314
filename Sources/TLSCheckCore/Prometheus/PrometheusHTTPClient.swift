/// prometheus/common's HTTP client config (kubernetes.md §1): the rules it enforces when the file is
/// loaded, in its words (`HTTPClientConfig.Validate`, `TLSConfig.Validate`, `ProxyConfig.Validate`,
/// `Headers.Validate`), then the client it makes: one `TLSClient` per target, checked by the shared
/// `ClientChecks`, with what Prometheus does about each error appended to it.
extension PrometheusRun {
    /// Who owns an HTTP client config, which decides what a client-creation failure costs.
    enum Owner {
        /// A scrape job: the pool is not created, the job has no targets, Prometheus keeps running.
        case scrape(job: String)
        /// remote_write, remote_read, an alertmanager: built when the config is applied, so
        /// Prometheus does not start (and a reload is refused).
        case startup
        /// A service discovery client (kubernetes_sd_configs, http_sd_configs) of a job.
        case discovery(job: String)

        func consequence(_ words: String) -> String {
            switch self {
            case .scrape: "the job has no targets: error creating HTTP client: \(words)"
            case .startup: "Prometheus does not start: one or more errors occurred while applying the new configuration: \(words)"
            case .discovery: "service discovery cannot start, so the job has no targets: \(words)"
            }
        }
    }

    /// The load-time rules of one HTTP client config (the keys inlined in `node`).
    mutating func validateHTTPClient(_ node: YAMLNode) {
        let bearer = has(node, "bearer_token"), bearerFile = has(node, "bearer_token_file")
        let basic = node["basic_auth"].flatMap { $0.isNull ? nil : $0 }, oauth2 = node["oauth2"].flatMap { $0.isNull ? nil : $0 }
        let authorization = node["authorization"].flatMap { $0.isNull ? nil : $0 }
        if bearer && bearerFile, let pair = node.pair("bearer_token_file") {
            report(.authConflict, "at most one of bearer_token & bearer_token_file must be configured", at: pair.key)
        }
        if basic != nil || oauth2 != nil, bearer || bearerFile, let pair = node.pair(bearer ? "bearer_token" : "bearer_token_file") {
            report(.authConflict, "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured", at: pair.key,
                   hint: "keep one way of authenticating; bearer tokens go in authorization.credentials[_file]")
        }
        if let basic {
            atMostOne(basic, ["username", "username_file", "username_ref"], "at most one of basic_auth username, username_file & username_ref must be configured", .authConflict)
            atMostOne(basic, ["password", "password_file", "password_ref"], "at most one of basic_auth password, password_file & password_ref must be configured", .authConflict)
        }
        if let authorization {
            if bearer || bearerFile {
                report(.authConflict, "authorization is not compatible with bearer_token & bearer_token_file", at: node.pair("authorization")!.key,
                       hint: "move the token into authorization.credentials or credentials_file and remove bearer_token*")
            }
            atMostOne(authorization, ["credentials", "credentials_file", "credentials_ref"], "at most one of authorization credentials & credentials_file must be configured", .authConflict)
            if let type = string(authorization, "type"), type.trimmed.lowercased() == "basic" {
                report(.authConflict, "authorization type cannot be set to \"basic\", use \"basic_auth\" instead", at: authorization["type"]!,
                       hint: "write basic_auth: {username: …, password_file: …}")
            }
            if basic != nil || oauth2 != nil {
                report(.authConflict, "at most one of basic_auth, oauth2 & authorization must be configured", at: node.pair("authorization")!.key)
            }
        }
        if let oauth2 {
            if basic != nil {
                report(.authConflict, "at most one of basic_auth, oauth2 & authorization must be configured", at: node.pair("oauth2")!.key)
            }
            if string(oauth2, "client_id")?.isEmpty != false {
                report(.prometheusInvalidSetting, "oauth2 client_id must be configured", at: oauth2)
            }
            if string(oauth2, "token_url")?.isEmpty != false {
                report(.prometheusInvalidSetting, "oauth2 token_url must be configured", at: oauth2)
            }
            atMostOne(oauth2, ["client_secret", "client_secret_file", "client_secret_ref"],
                      "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured", .authConflict)
            atMostOne(oauth2, ["client_certificate_key", "client_certificate_key_file", "client_certificate_key_ref"],
                      "at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured", .authConflict)
            validateProxy(oauth2)
            if let tls = oauth2["tls_config"] { validateTLS(tls) }
        }
        validateProxy(node)
        for pair in node["http_headers"]?.pairs ?? [] {
            let name = Self.canonicalHeader(pair.key.text ?? "")
            if Self.reservedHeaders.contains(name) {
                report(.prometheusInvalidSetting, "setting header \"\(name)\" is not allowed", at: pair.key,
                       hint: name == "Authorization" ? "use authorization, basic_auth or oauth2" : "Prometheus sets this header itself")
            }
        }
        if let tls = node["tls_config"] { validateTLS(tls) }
    }

    private mutating func validateProxy(_ node: YAMLNode) {
        let fromEnvironment = bool(node, "proxy_from_environment") == true
        let url = has(node, "proxy_url"), noProxy = has(node, "no_proxy")
        if fromEnvironment && url {
            report(.prometheusInvalidSetting, "if proxy_from_environment is configured, proxy_url must not be configured", at: node.pair("proxy_url")!.key)
        }
        if fromEnvironment && noProxy {
            report(.prometheusInvalidSetting, "if proxy_from_environment is configured, no_proxy must not be configured", at: node.pair("no_proxy")!.key)
        }
        if noProxy && !url && !fromEnvironment {
            report(.prometheusInvalidSetting, "if no_proxy is configured, proxy_url must also be configured", at: node.pair("no_proxy")!.key)
        }
        if has(node, "proxy_connect_header") && !url && !fromEnvironment {
            report(.prometheusInvalidSetting, "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured",
                   at: node.pair("proxy_connect_header")!.key)
        }
    }

    /// `TLSConfig.Validate` and the version names, at load.
    mutating func validateTLS(_ tls: YAMLNode) {
        guard tls.pairs != nil else { return }
        atMostOne(tls, ["ca", "ca_file", "ca_ref"], "at most one of ca, ca_file & ca_ref must be configured", .tlsConfigConflict)
        atMostOne(tls, ["cert", "cert_file", "cert_ref"], "at most one of cert, cert_file & cert_ref must be configured", .tlsConfigConflict)
        atMostOne(tls, ["key", "key_file", "key_ref"], "at most one of key and key_file must be configured", .tlsConfigConflict)
        let certificate = ["cert", "cert_file", "cert_ref"].first { has(tls, $0) }
        let key = ["key", "key_file", "key_ref"].first { has(tls, $0) }
        if let certificate, key == nil {
            report(.tlsIncompleteKeyPair, "exactly one of key or key_file must be configured when a client certificate is configured",
                   at: tls.pair(certificate)!.key, hint: "add key_file with the client certificate's private key")
        }
        if let key, certificate == nil {
            report(.tlsIncompleteKeyPair, "exactly one of cert or cert_file must be configured when a client key is configured",
                   at: tls.pair(key)!.key, hint: "add cert_file with the client certificate for this key")
        }
        for name in ["min_version", "max_version"] {
            if let text = string(tls, name), Self.versions[text] == nil {
                report(.unknownTLSVersion, "unknown TLS version: \(text)", at: tls[name]!,
                       hint: Suggestion.closest(to: text, in: Self.versions.keys.sorted()).map { "did you mean \($0)? Prometheus takes TLS10, TLS11, TLS12 or TLS13" }
                        ?? "Prometheus takes TLS10, TLS11, TLS12 or TLS13")
            }
        }
    }

    private mutating func atMostOne(_ node: YAMLNode, _ keys: [String], _ message: String, _ check: Check) {
        let set = keys.filter { has(node, $0) }
        guard set.count > 1, let pair = node.pair(set[1]) else { return }
        report(check, message, at: pair.key, hint: "keep only one of \(set.joined(separator: ", "))")
    }

    static let versions: [String: TLSVersion] = ["TLS10": .tls1_0, "TLS11": .tls1_1, "TLS12": .tls1_2, "TLS13": .tls1_3]

    /// prometheus/common's `reservedHeaders` (canonical form).
    static let reservedHeaders: Set = [
        "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type", "User-Agent", "Connection",
        "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Www-Authenticate", "Accept-Encoding",
        "X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version", "X-Prometheus-Scrape-Timeout-Seconds",
        "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
    ]

    /// Go's `http.CanonicalHeaderKey`: each dash-separated word capitalised, the rest lower case.
    static func canonicalHeader(_ name: String) -> String {
        name.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: "-")
    }
}
