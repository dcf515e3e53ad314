/// The checks of one TLS client's own settings, written once for every kind of client: Prometheus
/// scrape jobs, remote_write and alerting, Operator monitors, Collector exporters, the OTLP
/// environment and `probe`'s flags. Each finding names the setting the way the client's input spells
/// it (`client.dialect`).
///
/// What is *not* here: load-time rules of one program (which keys go together, mutual exclusion),
/// which each reader reports in its program's own words; and checks against the server, which need
/// both ends (`LinkChecks`).
public struct ClientChecks: Sendable {
    public var context: CheckContext

    public init(context: CheckContext) { self.context = context }

    /// Which checks to run: a reader whose program has its own words for a part (the Collector's
    /// version rule and start-up material errors) runs the rest.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Unused TLS settings under plaintext.
        public static let unused = Parts(rawValue: 16)
        /// Skip-verify and what it hides.
        public static let skipVerify = Parts(rawValue: 1)
        /// Versions out of order, legacy versions.
        public static let versions = Parts(rawValue: 2)
        /// IP and pod-IP targets without a server name.
        public static let serverName = Parts(rawValue: 4)
        /// The CA bundle and the client key pair.
        public static let material = Parts(rawValue: 8)
        public static let all: Parts = [.unused, .skipVerify, .versions, .serverName, .material]
    }

    /// Every finding about `client`'s settings, using `materials` so that a CA or certificate file
    /// shared by many clients is read and checked once.
    public func check(_ client: TLSClient, materials: inout MaterialFindings, parts: Parts = .all) -> [Finding] {
        var findings: [Finding] = []
        let names = client.dialect
        if !client.usesTLS {
            if client.hasTLSSettings && parts.contains(.unused) {
                findings.append(Finding(
                    .tlsSettingsUnused,
                    "\(client.name): the connection is plaintext (\(plaintextReason(client))), so the TLS settings are not used",
                    at: client.settingsLocation ?? client.location(of: .trust),
                    hint: names.tlsOn.map { "set \($0) for TLS, or remove the TLS settings" }))
            }
            // A program that loads the settings anyway still fails on what cannot be loaded.
            guard client.loadsUnusedSettings else { return findings }
            if parts.contains(.versions) { findings += checkVersionOrder(client) }
            return findings + (parts.contains(.material) ? checkMaterial(client, materials: &materials) : [])
        }
        if parts.contains(.skipVerify) { findings += checkVerification(client) }
        if parts.contains(.versions) { findings += checkVersionOrder(client) + checkLegacyVersion(client) }
        if parts.contains(.serverName) { findings += checkServerName(client) }
        return findings + (parts.contains(.material) ? checkMaterial(client, materials: &materials) : [])
    }

    /// The CA bundle and the client key pair, each shared source read once.
    private func checkMaterial(_ client: TLSClient, materials: inout MaterialFindings) -> [Finding] {
        var findings: [Finding] = []
        if case .source(let source)? = client.trust {
            findings += materials.caBundle(source, purpose: .server, context: context)
        }
        if case .source(let certificate)? = client.certificate, case .source(let key)? = client.key {
            let issuers = materials.issuers(certificate: certificate, ca: client.trust?.source)
            findings += materials.keyPair(certificate: certificate, key: key, role: .client, issuers: issuers, context: context)
        }
        return findings
    }

    private func plaintextReason(_ client: TLSClient) -> String {
        client.schemeLocation == nil ? "\(client.dialect.spelled(.scheme)) is not set, and the default is plaintext"
            : "\(client.dialect.spelled(.scheme))"
    }

    /// Skip-verify turns off everything trust and the server name would catch.
    private func checkVerification(_ client: TLSClient) -> [Finding] {
        guard let skip = client.skipVerify, skip.value else { return [] }
        let names = client.dialect
        let hidden = [client.trust.map { _ in names.spelled(.trust) }, client.serverName.map { _ in names.spelled(.serverName) }]
            .compactMap { $0 }
        if hidden.isEmpty {
            return [Finding(
                .insecureSkipVerify,
                "\(client.name): \(names.spelled(.skipVerify)) turns off certificate verification: the server is not authenticated",
                at: skip.location, hint: "give the server's CA in \(names.spelled(.trust)) instead")]
        }
        return [Finding(
            .insecureSkipVerify,
            "\(client.name): \(names.spelled(.skipVerify)) is on, so \(hidden.joined(separator: " and ")) \(hidden.count == 1 ? "is" : "are") ignored: a wrong CA or name stays hidden until verification is turned on",
            at: skip.location, hint: "remove \(names.spelled(.skipVerify)); the CA and name given are then checked")]
    }

    /// Without a server name, an IP target is verified as an IP (kubernetes.md §1.4).
    private func checkServerName(_ client: TLSClient) -> [Finding] {
        guard client.serverName == nil, client.verifies else { return [] }
        let names = client.dialect
        let hint = "set \(names.spelled(.serverName)) to a DNS name the server's certificate lists"
        switch client.target {
        case .pods:
            return [Finding(
                .ipTargetWithoutServerName,
                "\(client.name): targets are pod IPs and \(names.spelled(.serverName)) is not set, so the certificate is verified against each pod's IP: it needs an IP SAN for every pod (Go: x509: cannot validate certificate for <pod IP> because it doesn't contain any IP SANs)",
                at: client.location(of: .serverName), hint: hint)]
        case .address(let host, _) where IPAddress.bytes(host) != nil:
            return [Finding(
                .ipTargetWithoutServerName,
                "\(client.name): the target \(host) is an IP address and \(names.spelled(.serverName)) is not set: the certificate must list IP:\(host) as a subject alternative name, and no SNI is sent",
                at: client.location(of: .serverName), hint: hint, severity: .info)]
        default:
            return []
        }
    }

    private func checkVersionOrder(_ client: TLSClient) -> [Finding] {
        let names = client.dialect
        guard let min = client.minVersion, let max = client.maxVersion, min.value > max.value else { return [] }
        return [Finding(
            .minAboveMax,
            "\(client.name): \(names.spelled(.maxVersion)) (\(max.value.rawValue)) is below \(names.spelled(.minVersion)) (\(min.value.rawValue)): no version is left to connect with",
            at: max.location, hint: "raise \(names.spelled(.maxVersion)) or lower \(names.spelled(.minVersion))")]
    }

    private func checkLegacyVersion(_ client: TLSClient) -> [Finding] {
        let names = client.dialect
        guard let min = client.minVersion, min.value.isLegacy else { return [] }
        return [Finding(
            .legacyTLSVersion, "\(client.name): \(names.spelled(.minVersion)) \(min.value.rawValue) allows TLS 1.0/1.1, which are deprecated (RFC 8996)",
            at: min.location, hint: "use TLS 1.2 (the default) or 1.3")]
    }
}

/// Findings of certificate, key and CA material, computed once per source and role and pointed at each
/// place that names the material: a thousand scrape jobs sharing one CA file read it once.
public struct MaterialFindings: Sendable {
    private struct Key: Hashable {
        var name: String
        var role: String
        var extra: String
    }
    /// The findings, and the locations they were computed for (to move them to another place).
    private var cache: [Key: (findings: [Finding], places: [Location])] = [:]
    private var bundles: [String: [Certificate]] = [:]
    /// CA certificates beside certificate files, each folder read once for the run.
    private let folders: FolderIssuers
    /// Where file sources are read: the disk, or nowhere for a deployment whose files live in
    /// containers (what the mounts serve is already bytes).
    public let files: FileReader

    public init(files: FileReader = .disk) {
        self.files = files
        folders = FolderIssuers(files: files)
    }

    /// The issuers a leaf in `certificate` may chain to: the certificates of `ca`, and the CA
    /// certificates beside a certificate file.
    public mutating func issuers(certificate: MaterialSource, ca: MaterialSource?) -> KnownIssuers {
        let named = ca.map { certificates(in: $0) } ?? []
        guard case .file(let path, _) = certificate else { return KnownIssuers(named) }
        return .beside(path, in: folders, named: named)
    }

    /// A client's or server's CA bundle (`purpose`: the role of the certificates it verifies).
    public mutating func caBundle(_ source: MaterialSource, purpose: CertificateRole, context: CheckContext) -> [Finding] {
        let key = Key(name: Self.identity(source), role: "ca-\(purpose.rawValue)", extra: "")
        return relocated(key, to: [source.location]) {
            MaterialChecker(context: context).checkCABundle(source, purpose: purpose)
        }
    }

    /// A certificate and its key, loaded as Go loads a pair.
    public mutating func keyPair(
        certificate: MaterialSource, key: MaterialSource, role: CertificateRole, issuers: KnownIssuers,
        context: CheckContext
    ) -> [Finding] {
        let cacheKey = Key(name: Self.identity(certificate), role: role.rawValue, extra: Self.identity(key))
        return relocated(cacheKey, to: [certificate.location, key.location]) {
            MaterialChecker(context: context).checkKeyPair(certificate: certificate, key: key, role: role, issuers: issuers)
        }
    }

    /// The certificates of a source (for known issuers), read once.
    public mutating func certificates(in source: MaterialSource, files: FileReader? = nil) -> [Certificate] {
        let name = Self.identity(source)
        if let known = bundles[name] { return known }
        let certificates = MaterialChecker.certificates(in: source, files: files ?? self.files)
        bundles[name] = certificates
        return certificates
    }

    /// The cached findings with each computed-for place replaced by the matching one of `places`
    /// (the certificate's key to the certificate's key, the key's to the key's).
    private mutating func relocated(_ key: Key, to places: [Location], _ compute: () -> [Finding]) -> [Finding] {
        guard let cached = cache[key] else {
            let findings = compute()
            cache[key] = (findings, places)
            return findings
        }
        return cached.findings.map { finding in
            var finding = finding
            if let index = cached.places.firstIndex(of: finding.location) { finding.location = places[index] }
            return finding
        }
    }

    /// What makes two sources the same material: the resolved path, or the PEM text.
    private static func identity(_ source: MaterialSource) -> String {
        switch source {
        case .file(let path, _): "file:" + path
        case .inline(let pem, _): "pem:" + pem
        case .decoded(let bytes, let name, _): "decoded:\(name):\(bytes.count):\(bytes.hashValue)"
        }
    }
}
