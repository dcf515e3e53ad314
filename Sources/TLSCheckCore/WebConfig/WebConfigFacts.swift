/// What a web-config tells the deployment model: the exporter's side of every scrape.
extension WebConfigRun {
    /// The server this web-config makes, from the sections that passed the schema (the rules have
    /// reported what is wrong with them; here only what the exporter will do).
    func serverFacts(top: CheckedSection, tls: CheckedSection?) -> TLSServer {
        var server = TLSServer(name: "web-config \(path)", dialect: .webConfig, origin: Location(path: path, line: 1, column: 1), usesTLS: false)
        if let users = top["basic_auth_users"], let pairs = users.value.pairs {
            server.basicAuthLocation = at(users.key)
            for pair in pairs {
                if let user = pair.key.text { server.basicAuthUsers[user] = pair.value.isNull ? "" : pair.value.text ?? "" }
            }
        }
        guard let tls else { return server }
        let enablers = ["cert_file", "cert", "key_file", "key", "client_ca_file", "client_ca", "client_auth_type"]
        server.origin = at(tls.name)
        server.usesTLS = enablers.contains(where: tls.isSet)
        server.certificate = reference(tls, file: "cert_file", inline: "cert")
        server.key = reference(tls, file: "key_file", inline: "key")
        server.clientCA = reference(tls, file: "client_ca_file", inline: "client_ca")
        if let pair = tls["client_auth_type"], let policy = ClientAuthPolicy(toolkitName: tls.string("client_auth_type")) {
            server.clientAuth = Stated(policy, at: at(pair.value))
        }
        if let pair = tls["client_allowed_sans"], let items = tls.list("client_allowed_sans") {
            server.allowedSANs = Stated(items.compactMap(\.text), at: at(pair.key))
        }
        // The toolkit's defaults: TLS 1.2 to 1.3 (web-config.md §1.1).
        server.minVersion = version(tls, "min_version")
        server.maxVersion = version(tls, "max_version")
        return server
    }

    /// The file wins over the inline value, as the toolkit decides (§6 #14).
    private func reference(_ tls: CheckedSection, file: String, inline: String) -> MaterialReference? {
        if tls.isSet(file), let pair = tls[file] {
            return .source(.file(path: FileInput.resolve(tls.string(file), relativeTo: folder), at: at(pair.value)))
        }
        if tls.isSet(inline), let pair = tls[inline] {
            return .source(.inline(pem: tls.string(inline), at: at(pair.value)))
        }
        return nil
    }

    private func version(_ tls: CheckedSection, _ key: String) -> Stated<TLSVersion>? {
        guard let pair = tls[key], let version = TLSVersion(parsing: tls.string(key)) else { return nil }
        return Stated(version, at: at(pair.value))
    }
}
