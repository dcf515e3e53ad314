/// What a container sends and serves besides its configuration files: Parca's `--otlp-*` flags and
/// the `OTEL_EXPORTER_OTLP_*` environment become clients (checked by the existing readers, whose
/// findings are moved to the flag or variable), kube-rbac-proxy's certificate flags are checked
/// through the mounts.
extension ManifestResolver {
    static let otlpPrefix = "OTEL_EXPORTER_OTLP_"

    mutating func checkOTLPSenders(
        _ arguments: ContainerArguments, _ variables: [(name: String, value: String?, location: Location)], table: MountTable,
        placement: PodPlacement, context: CheckContext
    ) {
        var environment: [String: (value: String, location: Location)] = [:]
        for variable in variables where variable.name.hasPrefix(Self.otlpPrefix) {
            if let value = variable.value { environment[variable.name] = (value, variable.location) }
        }
        let parca = arguments.value(["otlp-address"])
        if let address = parca {
            let insecure = arguments.bool("otlp-insecure")
            let ca = environment[Self.otlpPrefix + "TRACES_CERTIFICATE"] ?? environment[Self.otlpPrefix + "CERTIFICATE"]
            let flags = ParcaFlags(
                address: address.value, insecure: insecure?.value ?? true, insecureGiven: insecure != nil,
                exporter: arguments.value(["otlp-exporter"])?.value ?? "grpc", caFile: ca?.value)
            let checked = ParcaFlagsChecker(context: context).check(flags)
            // The checker words findings for the command line ("flags"): move them to the container.
            for var finding in checked.report.findings {
                if finding.location.path == "flags" {
                    finding.location = address.location
                    finding.message = "\(placement): \(finding.message)"
                }
                report(finding)
            }
            for endpoint in checked.endpoints {
                var client = client(endpoint, dialect: .parca, table: table, placement: placement)
                client.origin = address.location  // the checker's endpoint says "flags"
                client.schemeLocation = insecure?.location
                if let ca { client.trust = client.trust?.relocated { _ in ca.location } }
                result.deployment.clients.append(client)
            }
        }
        guard !environment.isEmpty else { return }
        let given = environment.map { EnvironmentVariable(name: $0.key, value: $0.value.value, location: $0.value.location) }
            .sorted { $0.name < $1.name }
        let checked = OTLPEnvironmentChecker(context: context).check(given, input: placement.description)
        result.report.findings += checked.report.findings
        guard parca == nil else { return }  // Parca's --otlp-address wins over the environment's endpoint
        for endpoint in checked.endpoints {
            var client = client(endpoint, dialect: .otlpEnvironment, table: table, placement: placement)
            // Each setting at its own variable, per signal first.
            let signal = endpoint.name.dropFirst(Self.otlpPrefix.count).split(separator: "_").first.map(String.init)
            func variable(_ suffix: String) -> Location? {
                let specific = signal.flatMap { ["TRACES", "METRICS", "LOGS"].contains($0) ? environment[Self.otlpPrefix + $0 + "_" + suffix] : nil }
                return (specific ?? environment[Self.otlpPrefix + suffix])?.location
            }
            if let at = variable("CERTIFICATE") { client.trust = client.trust?.relocated { _ in at } }
            if let at = variable("CLIENT_CERTIFICATE") { client.certificate = client.certificate?.relocated { _ in at } }
            if let at = variable("CLIENT_KEY") { client.key = client.key?.relocated { _ in at } }
            client.schemeLocation = variable("INSECURE") ?? endpoint.location
            result.deployment.clients.append(client)
        }
    }

    /// A client from an endpoint the OTLP readers accepted, its files read through the mounts.
    func client(_ endpoint: OTLPEndpoint, dialect: SettingDialect, table: MountTable, placement: PodPlacement) -> TLSClient {
        var client = TLSClient(
            name: "\(endpoint.name) in \(placement)", dialect: dialect, origin: endpoint.location,
            target: .address(host: endpoint.host, port: endpoint.port), transport: endpoint.transport == .grpc ? .grpc : .http,
            usesTLS: endpoint.usesTLS)
        let at = endpoint.location
        client.trust = endpoint.caFile.map { material(.source(.file(path: $0, at: at)), table) }
        client.certificate = endpoint.certificateFile.map { material(.source(.file(path: $0, at: at)), table) }
        client.key = endpoint.keyFile.map { material(.source(.file(path: $0, at: at)), table) }
        client.serverName = endpoint.serverName.map { Stated($0, at: at) }
        if endpoint.skipVerify { client.skipVerify = Stated(true, at: at) }
        client.pod = placement
        return client
    }

    /// kube-rbac-proxy (the node-exporter chart's TLS front, kubernetes.md §7): `--tls-cert-file` with
    /// `--tls-private-key-file`, and `--client-ca-file`, read through the mounts; with
    /// `--secure-listen-address` it is a TLS server — with a certificate it signs itself for its host
    /// name when given none (§9 #27).
    mutating func checkProxyFlags(_ arguments: ContainerArguments, table: MountTable, placement: PodPlacement, context: CheckContext) {
        let checker = MaterialChecker(context: context)
        let certificate = arguments.value(["tls-cert-file"]), key = arguments.value(["tls-private-key-file"])
        if let certificate, let key {
            let certificateSource = MaterialSource.file(path: certificate.value, at: certificate.location)
            result.report.findings += checker.checkKeyPair(
                certificate: certificateSource, key: .file(path: key.value, at: key.location), role: .server,
                issuers: .configuration(certificate: certificateSource, ca: nil, files: context.files))
        }
        let ca = arguments.value(["client-ca-file"])
        if let ca {
            result.report.findings += checker.checkCABundle(.file(path: ca.value, at: ca.location), purpose: .client)
        }
        guard let listen = arguments.value(["secure-listen-address"]) else { return }
        var server = TLSServer(name: "kube-rbac-proxy in \(placement)", dialect: .kubeRBACProxy, origin: listen.location, usesTLS: true)
        if case .ok(let host, let port) = EndpointSyntax.hostPort(listen.value) {
            server.listens = [ListenAddress(host: host.isEmpty || host == "0.0.0.0" ? nil : host, port: port)]
        }
        if let certificate, let key {
            server.certificate = material(.source(.file(path: certificate.value, at: certificate.location)), table)
            server.key = material(.source(.file(path: key.value, at: key.location)), table)
        } else {
            server.certificate = .external(what: "the certificate kube-rbac-proxy signs itself for its host name", at: listen.location)
            server.signsOwnCertificate = true
        }
        if let ca {
            // The apiserver's serving code asks for a client certificate and leaves verifying it to
            // the authenticator: the handshake does not fail without one.
            server.clientCA = material(.source(.file(path: ca.value, at: ca.location)), table)
            server.clientAuth = Stated(.request, at: ca.location)
        }
        server.pod = placement
        result.deployment.servers.append(server)
    }
}

extension ServerDialect {
    /// kube-rbac-proxy's flags.
    public static let kubeRBACProxy = ServerDialect(input: "kube-rbac-proxy", [
        .tls: "--secure-listen-address", .certificate: "--tls-cert-file", .key: "--tls-private-key-file",
        .clientCA: "--client-ca-file", .minVersion: "--tls-min-version",
    ])
}
