/// The checks of a connection from both ends: a client matched to the server it reaches. Pure
/// functions over the two sets of facts (and the material they name, read once through
/// `MaterialFindings`), so the same judgement serves a static link (both ends in the input). Each
/// finding points at the client's setting to change — the scraper or sender is where the mistake
/// usually is — and names the server's side with its location.
public struct LinkChecks: Sendable {
    public var context: CheckContext
    /// The Kubernetes objects of the deployment, for material a cert-manager Certificate will write
    /// (its usages are known before the certificate exists).
    public var kubernetes: KubernetesFacts?

    public init(context: CheckContext, kubernetes: KubernetesFacts? = nil) {
        self.context = context
        self.kubernetes = kubernetes
    }

    public func check(_ link: Link, materials: inout MaterialFindings) -> [Finding] {
        if let mismatch = checkScheme(link) { return [mismatch] }
        guard link.client.usesTLS else { return checkBasicAuth(link) }
        var findings: [Finding] = []
        if let versions = checkVersions(link) { findings.append(versions) }
        findings += checkServerChain(link, materials: &materials)
        findings += checkClientCertificatePresence(link)
        findings += checkClientChain(link, materials: &materials)
        findings += checkBasicAuth(link)
        return findings
    }

    /// The server as the client reaches it, for messages: `Service db/exporter port https → port https
    /// of container exporter of Deployment db/exporter (web-config /etc/web/web.yml, deploy.yaml:23:5)`;
    /// a kubelet probe reaches `port https of its container`; a server no manifest places is
    /// `web-config web.yml (web.yml:1:1)`. Each part once: the server's name no longer repeats its
    /// container and workload.
    func describe(_ link: Link) -> String {
        let server = link.server
        guard let pod = server.pod else { return "\(server.name) (\(server.origin.description))" }
        let path = link.via.isEmpty ? "" : "\(link.via) → "
        let port = link.port.map { "port \($0) of " } ?? ""
        let container = link.client.pod == pod ? "its container" : pod.description
        return "\(path)\(port)\(container) (\(server.configurationName), \(server.origin.description))"
    }

    // MARK: Plaintext against TLS (kubernetes.md §8 row 1, §9 #1–2)

    func checkScheme(_ link: Link) -> Finding? {
        let client = link.client, server = link.server
        switch (client.usesTLS, server.usesTLS) {
        case (false, true):
            let failure = client.transport == .grpc
                ? "gRPC fails with `error reading server preface: EOF`"
                : "every request fails with `server returned HTTP status 400 Bad Request` (the server logs `client sent an HTTP request to an HTTPS server`)"
            return Finding(
                .plaintextToTLS,
                "\(client.name) sends plaintext to \(describe(link)), which serves TLS: \(failure)",
                at: client.location(of: .scheme),
                hint: client.dialect == .kubeletProbe ? KubeletHints.plaintextToTLS(client, server)
                    : "set \(client.dialect.tlsOn ?? "TLS on") and the server's CA in \(client.dialect.spelled(.trust))")
        case (true, false):
            return Finding(
                .plaintextHTTP,
                "\(client.name) speaks TLS to \(describe(link)), which serves plaintext: the client fails with `http: server gave HTTP response to HTTPS client`",
                at: client.location(of: .scheme),
                hint: client.dialect == .kubeletProbe ? "remove `scheme: HTTPS` from the probe: the port serves plaintext"
                    : "give the server TLS (\(server.dialect.spelled(.tls))), or set \(client.dialect.spelled(.scheme)) to plaintext")
        default:
            return nil
        }
    }

    // MARK: Versions (§9 #28)

    /// Go's defaults when a side sets nothing: the toolkit and the Collector TLS 1.2 to 1.3.
    static let defaultRange = TLSVersion.tls1_2...TLSVersion.tls1_3

    func checkVersions(_ link: Link) -> Finding? {
        let client = link.client, server = link.server
        let clientRange = (client.minVersion?.value ?? Self.defaultRange.lowerBound)...max(
            client.minVersion?.value ?? Self.defaultRange.lowerBound, client.maxVersion?.value ?? Self.defaultRange.upperBound)
        let serverRange = (server.minVersion?.value ?? Self.defaultRange.lowerBound)...max(
            server.minVersion?.value ?? Self.defaultRange.lowerBound, server.maxVersion?.value ?? Self.defaultRange.upperBound)
        guard !clientRange.overlaps(serverRange) else { return nil }
        func text(_ range: ClosedRange<TLSVersion>) -> String {
            range.lowerBound == range.upperBound ? range.lowerBound.rawValue : "\(range.lowerBound.rawValue) to \(range.upperBound.rawValue)"
        }
        let setting: ClientSetting = clientRange.upperBound < serverRange.lowerBound ? .maxVersion : .minVersion
        return Finding(
            .protocolVersionMismatch,
            "\(client.name) allows \(text(clientRange)), \(describe(link)) allows \(text(serverRange)): no version in common, every handshake fails (the server logs `tls: client offered only unsupported versions`)",
            at: client.location(of: setting),
            hint: "align \(client.dialect.spelled(setting)) with the server's \(server.dialect.spelled(setting == .maxVersion ? .minVersion : .maxVersion))")
    }

    // MARK: Client certificates (§9 #13)

    func checkClientCertificatePresence(_ link: Link) -> [Finding] {
        let client = link.client, server = link.server
        guard server.policy.requiresCertificate, client.certificate == nil else { return [] }
        return [Finding(
            .clientCertRequired,
            "\(client.name) sends no client certificate to \(describe(link)), which requires one (\(server.dialect[.clientAuth].map { "\($0): \(server.policy.rawValue)" } ?? "\(server.dialect.spelled(.clientCA)) is set")): the handshake fails with `remote error: tls: certificate required` (TLS 1.3) or `bad certificate`",
            at: client.location(of: .certificate),
            hint: client.dialect[.certificate] == nil
                ? (client.dialect == .kubeletProbe ? KubeletHints.clientCertificate : "\(client.dialect.input) has no client-certificate setting: the server must not require one (or put a Collector that has one in between)")
                : "give \(client.name) a client certificate signed by the server's \(server.dialect.spelled(.clientCA)) in \(client.dialect.spelled(.certificate)) and \(client.dialect.spelled(.key))")]
    }

    // MARK: Basic auth (§8 last rows, §9 #22)

    func checkBasicAuth(_ link: Link) -> [Finding] {
        let client = link.client, server = link.server
        guard !server.basicAuthUsers.isEmpty else { return [] }
        let serverPlace = "\(server.dialect.spelled(.basicAuthUsers)) of \(describe(link))"
        if let credentials = client.basicAuth, !credentials.isKnown { return [] }  // behind a Secret not in the input
        guard let credentials = client.basicAuth else {
            let sends = client.authorizationScheme.map { "sends `Authorization: \($0.value) …`, not basic auth," } ?? "sends no credentials"
            return [Finding(
                .basicAuthMissing,
                "\(client.name) \(sends) to \(describe(link)), which requires basic auth (\(server.dialect.spelled(.basicAuthUsers))): every request gets HTTP 401 Unauthorized",
                at: client.authorizationScheme?.location ?? client.origin,
                hint: client.dialect == .kubeletProbe ? KubeletHints.basicAuth
                    : "give \(client.name) \(client.dialect == .monitor ? "basicAuth (username and password from a Secret)" : "basic_auth") with a user of \(server.dialect.spelled(.basicAuthUsers))")]
        }
        guard let hash = server.basicAuthUsers[credentials.username] else {
            let users = server.basicAuthUsers.keys.sorted().prefix(5).joined(separator: ", ")
            return [Finding(
                .basicAuthRejected,
                "\(client.name) logs in as \"\(credentials.username)\", who is not among the users of \(serverPlace) (\(users)): HTTP 401 Unauthorized",
                at: credentials.location, hint: Suggestion.closest(to: credentials.username, in: Array(server.basicAuthUsers.keys)).map { "did you mean \($0)?" })]
        }
        if let password = credentials.password, !BCryptHash.matches(password: password, hash: hash) {
            return [Finding(
                .basicAuthRejected,
                "the password \(client.name) sends for \"\(credentials.username)\" does not match the bcrypt hash in \(serverPlace): HTTP 401 Unauthorized",
                at: credentials.location, hint: "hash the password the client sends (htpasswd -nbBC 10 \"\" PASSWORD) and put it in \(server.dialect.spelled(.basicAuthUsers))")]
        }
        return []
    }
}

/// What to write instead, for a kubelet probe that cannot reach its server (kubernetes.md §4, §9 #20–23).
enum KubeletHints {
    static func plaintextToTLS(_ client: TLSClient, _ server: TLSServer) -> String {
        if client.transport == .grpc {
            return "the kubelet's gRPC probe speaks plaintext: use a tcpSocket probe (or an exec probe that speaks TLS) for a TLS port"
        }
        // HTTPS would only trade the 400 for a handshake failure on a port that requires client certificates.
        if server.policy.requiresCertificate {
            return "use a tcpSocket probe: the port requires client certificates, which the kubelet never sends, so `scheme: HTTPS` would fail the handshake instead"
        }
        return "set `scheme: HTTPS` in the probe's httpGet (the kubelet then skips certificate verification), or use a tcpSocket probe"
    }

    static let clientCertificate =
        "the kubelet never sends a client certificate: use a tcpSocket probe (or an exec probe) for a port that requires one"
    static let basicAuth =
        "add `httpHeaders: [{name: Authorization, value: Basic <base64 of user:password>}]` to the probe, or use a tcpSocket probe"
}

extension Check {
    static let basicAuthMissing = Check(
        "basic-auth-missing", .error,
        summary: "The server requires basic auth and the client sends no credentials.",
        help: "An exporter with `basic_auth_users` answers every request without credentials with HTTP 401; Prometheus marks the target down with `server returned HTTP status 401 Unauthorized`. The kubelet's probes fail the same way unless they send an Authorization header.",
        hint: "give the client basic_auth (basicAuth for a monitor) with a user the server lists")
    static let basicAuthRejected = Check(
        "basic-auth-rejected", .error,
        summary: "The client's basic-auth user is unknown to the server, or its password does not match the server's bcrypt hash.",
        help: "tlscheck hashes the password the client sends with the salt and cost of the server's bcrypt hash (libxcrypt's crypt_r, what Go's bcrypt.CompareHashAndPassword computes) and compares; a password kept in a file or Secret tlscheck cannot see is not checked.",
        hint: "make the client's user and password match an entry of the server's basic_auth_users")
}
