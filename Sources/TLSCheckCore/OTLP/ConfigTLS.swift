/// One pass over a Collector or Tempo file: where findings go, and the client endpoints found.
struct OTLPRun: ConfigRun {
    let path: String
    let folder: String
    let context: CheckContext
    var findings = FindingList()
    var endpoints: [OTLPEndpoint] = []

    init(path: String, context: CheckContext) {
        self.path = path
        self.folder = FileInput.folder(of: path)
        self.context = context
    }

    /// `node[key]` is `true` (absent, null or not a boolean: false, the Collector's zero value).
    func flag(_ node: YAMLNode?, _ key: String) -> Bool { bool(node, key) ?? false }

    /// `node` is a mapping (or null); reports it otherwise.
    mutating func mapping(_ node: YAMLNode, _ name: String) -> Bool {
        if node.isNull || node.pairs != nil { return true }
        report(.wrongType, "'\(name)' must be a mapping, not \(node.typeName)", at: node,
               hint: "write `key: value` lines indented under \(name)")
        return false
    }
}

/// What a configtls block amounts to, for the endpoint rules and `--connect`.
struct TLSSettings {
    var present = false
    var node: YAMLNode?
    var insecure = false
    var insecureNode: YAMLNode?
    var skipVerify = false
    var caFile: String?
    var hasCA = false
    var certificateFile: String?
    var keyFile: String?
    var hasClientCertificate = false
    var serverName: String?
    var inlinePEM = false
    var hasClientCA = false
}

/// The Collector's configtls (otlp.md §1–2): `Validate()` in its words (R1), the start-up failures it
/// misses (R2), receivers without certificates (R3), the dskit version form (R4), and W1/W5/W6.
extension OTLPRun {
    enum TLSRole {
        case client, server
        /// A component tlscheck does not know: role-specific rules are skipped.
        case unknown
    }

    static let sharedTLSKeys = [
        "ca_file", "ca_pem", "cert_file", "cert_pem", "key_file", "key_pem", "include_system_ca_certs_pool",
        "min_version", "max_version", "cipher_suites", "include_insecure_cipher_suites", "curve_preferences",
        "reload_interval", "tpm",
    ]
    static let clientTLSKeys = ["insecure", "insecure_skip_verify", "server_name_override"]
    static let serverTLSKeys = ["client_ca_file", "client_ca_file_reload"]
    static let boolTLSKeys: Set = [
        "include_system_ca_certs_pool", "include_insecure_cipher_suites", "insecure", "insecure_skip_verify",
        "client_ca_file_reload",
    ]

    /// Checks the `tls` value of a component at `name` (e.g. `exporters::otlp/tempo::tls`).
    /// `exporter`: an OTLP exporter's block, whose skip-verify `ClientChecks` judges with the endpoint known.
    mutating func checkCollectorTLS(_ node: YAMLNode?, role: TLSRole, name: String, exporter: Bool = false) -> TLSSettings {
        var settings = TLSSettings()
        guard let node, !(node.isNull && role != .server) else { return settings }
        settings.present = true
        settings.node = node
        if node.isNull {
            // `tls:` with nothing: absent for configoptional, so TLS stays off (otlp.md §2.1).
            settings.present = false
            return settings
        }
        guard mapping(node, name) else { return settings }
        let known: [String] = switch role {
        case .client: Self.sharedTLSKeys + Self.clientTLSKeys
        case .server: Self.sharedTLSKeys + Self.serverTLSKeys
        case .unknown: Self.sharedTLSKeys + Self.clientTLSKeys + Self.serverTLSKeys
        }
        for pair in node.pairs ?? [] {
            let key = pair.key.text ?? ""
            if !known.contains(key) {
                guard findings.admits(.unknownKey, in: path) else {  // counted only: no suggestion to compute
                    findings.add(.unknownKey, "", at: at(pair.key))
                    continue
                }
                let other = role == .client ? Self.serverTLSKeys : Self.clientTLSKeys
                let hint = other.contains(key)
                    ? "\(key) belongs to a \(role == .client ? "receiver (server)" : "exporter (client)") tls block"
                    : Suggestion.closest(to: key, in: known).map { "did you mean \($0)?" }
                        ?? "known keys: " + known.joined(separator: ", ")
                report(.unknownKey, "'\(name)' has invalid keys: \(key)", at: pair.key, hint: hint)
                continue
            }
            if Self.boolTLSKeys.contains(key), !pair.value.isNull, pair.value.value.map({ if case .bool = $0 { true } else { false } }) != true {
                report(.wrongType, "'\(name).\(key)' expected type 'bool', got \(pair.value.typeName)\(pair.value.text.map { " `\($0)`" } ?? "")",
                       at: pair.value, hint: "write true or false without quotes")
            }
            if ["cipher_suites", "curve_preferences"].contains(key), !pair.value.isNull, pair.value.items == nil {
                report(.wrongType, "'\(name).\(key)' must be a list, not \(pair.value.typeName)", at: pair.value,
                       hint: "write one name per `- ` line")
            }
        }

        // R1: Config.Validate, in its order and words.
        let pemPairs = [("ca_file", "ca_pem", "provide either a CA file or the PEM-encoded string, but not both"),
                        ("cert_file", "cert_pem", "provide either certificate file or PEM, but not both"),
                        ("key_file", "key_pem", "provide either key file or PEM, but not both")]
        for (file, pem, message) in pemPairs where string(node, file) != nil && string(node, pem) != nil {
            report(.tlsBothFileAndPEM, "\(name): \(message)", at: node.pair(pem)!.key, hint: "remove \(file) or \(pem)")
        }
        let hasCert = string(node, "cert_file") != nil || string(node, "cert_pem") != nil
        let hasKey = string(node, "key_file") != nil || string(node, "key_pem") != nil
        if hasCert != hasKey {
            let present = node.pair(hasCert ? (node["cert_file"] != nil ? "cert_file" : "cert_pem") : (node["key_file"] != nil ? "key_file" : "key_pem"))!
            report(.tlsIncompleteKeyPair,
                   "\(name): TLS configuration must include both certificate and key (CertFile/CertPem and KeyFile/KeyPem)",
                   at: present.key, hint: hasCert ? "add key_file with the certificate's private key" : "add cert_file with the certificate for this key")
        }
        let minIndex = checkCollectorVersion(node, "min_version", name: name)
        let maxIndex = checkCollectorVersion(node, "max_version", name: name)
        if let minIndex, let maxIndex, minIndex > maxIndex, let pair = node.pair("min_version") {
            report(.minAboveMax, "\(name): invalid TLS configuration: min_version cannot be greater than max_version", at: pair.value,
                   hint: "lower min_version or raise max_version")
        }
        if let minIndex, minIndex < 2, let pair = node.pair("min_version") {
            report(.legacyTLSVersion, "\(name): min_version \(GoTLSNames.collectorVersions[minIndex]) allows TLS 1.0/1.1, which are deprecated (RFC 8996)",
                   at: pair.value, hint: "use \"1.2\" (the default) or \"1.3\"")
        }
        // R3: ServerConfig.Validate.
        if role == .server && !hasCert && !hasKey {
            report(.serverTLSWithoutCertificate, "\(name): TLS configuration must include both certificate and key for server connections",
                   at: node)
        }
        checkCipherNames(node, name: name)
        checkCurveNames(node, name: name)
        if let tpm = node["tpm"], flag(tpm, "enabled"), string(tpm, "path") == nil {
            report(.tpmInvalid, "\(name): failed to load private key from TPM: TPM path is not set", at: tpm)
        }

        // The files (R2), through the shared checker, with the Collector's start-up words appended.
        let materials = MaterialChecker(context: context)
        if hasCert && hasKey, let certificate = material(node, "cert_file", "cert_pem"), let key = material(node, "key_file", "key_pem") {
            let certificateRole: CertificateRole = role == .server ? .server : .client
            findings += collectorWords(
                materials.checkKeyPair(certificate: certificate, key: key, role: certificateRole,
                                       issuers: .configuration(certificate: certificate, ca: material(node, "ca_file", "ca_pem"), files: context.files)),
                "failed to load TLS cert and key")
        }
        if let ca = material(node, "ca_file", "ca_pem") {
            let kind = string(node, "ca_file") != nil ? "File" : "PEM"
            findings += collectorWords(materials.checkCABundle(ca, purpose: .server),
                                       "failed to load TLS config: failed to load CA CertPool \(kind): failed to parse cert",
                                       unreadable: "failed to load TLS config: failed to load CA CertPool File: failed to load cert \(string(node, "ca_file") ?? "")")
        }
        if let clientCA = string(node, "client_ca_file"), let pair = node.pair("client_ca_file") {
            let source = MaterialSource.file(path: FileInput.resolve(clientCA, relativeTo: folder), at: at(pair.value))
            findings += collectorWords(materials.checkCABundle(source, purpose: .client),
                                       "failed to load client CA CertPool: failed to parse CA \(clientCA)",
                                       unreadable: "failed to load client CA CertPool: failed to load CA \(clientCA)")
            settings.hasClientCA = true
        }

        settings.insecure = flag(node, "insecure")
        settings.insecureNode = node.pair("insecure")?.key
        settings.skipVerify = flag(node, "insecure_skip_verify")
        settings.hasCA = string(node, "ca_file") != nil || string(node, "ca_pem") != nil
        settings.caFile = string(node, "ca_file").map { FileInput.resolve($0, relativeTo: folder) }
        settings.hasClientCertificate = hasCert && hasKey
        settings.certificateFile = string(node, "cert_file").map { FileInput.resolve($0, relativeTo: folder) }
        settings.keyFile = string(node, "key_file").map { FileInput.resolve($0, relativeTo: folder) }
        settings.serverName = string(node, "server_name_override")
        settings.inlinePEM = ["ca_pem", "cert_pem", "key_pem"].contains { string(node, $0) != nil }

        // W5 (an exporter's is ClientChecks', with what it hides), W6.
        if !exporter, settings.skipVerify, let pair = node.pair("insecure_skip_verify"), !(settings.insecure && !settings.hasCA) {
            report(.insecureSkipVerify, "\(name): insecure_skip_verify: true turns off certificate verification", at: pair.key)
        }
        if role == .server, settings.hasCA, string(node, "client_ca_file") == nil, let pair = node.pair("ca_file") ?? node.pair("ca_pem") {
            report(.receiverCAWithoutClientCA,
                   "\(name): \(pair.key.text ?? "ca_file") on a receiver does not verify clients; only client_ca_file makes it require client certificates",
                   at: pair.key)
        }
        return settings
    }

    private func material(_ node: YAMLNode, _ file: String, _ pem: String) -> MaterialSource? {
        if let path = string(node, file), let pair = node.pair(file) {
            return .file(path: FileInput.resolve(path, relativeTo: folder), at: at(pair.value))
        }
        if let text = string(node, pem), let pair = node.pair(pem) {
            return .inline(pem: text, at: at(pair.value))
        }
        return nil
    }

    /// Appends the Collector's start-up error to error findings, so its log line finds them.
    func collectorWords(_ findings: [Finding], _ words: String, unreadable: String? = nil) -> [Finding] {
        let fileProblems: Set = [Check.fileNotFound.code, Check.fileUnreadable.code, Check.fileIsFolder.code]
        return findings.map { finding in
            guard finding.severity == .error else { return finding }
            var finding = finding
            let said = fileProblems.contains(finding.code) ? unreadable ?? words : words
            finding.message += " (the Collector fails at start-up: \(said))"
            return finding
        }
    }

    /// Index into `collectorVersions`, or nil (absent, or reported).
    private mutating func checkCollectorVersion(_ node: YAMLNode, _ key: String, name: String) -> Int? {
        guard let pair = node.pair(key), !pair.value.isNull else { return nil }
        let text = pair.value.text ?? ""
        if let index = GoTLSNames.collectorVersions.firstIndex(of: text) { return index }
        if text.isEmpty { return nil }
        let dskit = GoTLSNames.dskitVersions.firstIndex(of: text) ?? GoTLSNames.versions.firstIndex(of: text)
        let hint = dskit.map { "the Collector writes versions as \"\(GoTLSNames.collectorVersions[$0])\"; \(text) is the dskit/exporter-toolkit form" }
            ?? "use \"1.2\" or \"1.3\" (quoted or not)"
        report(.tlsInvalidVersion, "\(name): invalid TLS \(key): unsupported TLS version: \"\(text)\"", at: pair.value, hint: hint)
        return nil
    }

    private mutating func checkCipherNames(_ node: YAMLNode, name: String) {
        let includeInsecure = flag(node, "include_insecure_cipher_suites")
        var insecureUsed = false
        for item in node["cipher_suites"]?.items ?? [] {
            let suite = item.text ?? ""
            if GoTLSNames.secureCipherNames.contains(suite) {
                if GoTLSNames.cipher(named: suite)?.tls13 == true {
                    report(.optionNoEffect, "\(name): \(suite) is a TLS 1.3 suite; Go does not let TLS 1.3 suites be configured", at: item,
                           hint: "remove it; cipher_suites only affects TLS 1.2 and below")
                }
                continue
            }
            if GoTLSNames.insecureCipherNames.contains(suite) {
                if includeInsecure {
                    insecureUsed = true
                } else {
                    report(.invalidCipherSuite, "\(name): invalid TLS cipher suite: \"\(suite)\" (an insecure suite, accepted only with include_insecure_cipher_suites: true)",
                           at: item, hint: "use an ECDHE suite with AES-GCM or ChaCha20, such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                }
                continue
            }
            let all = GoTLSNames.secureCipherNames + GoTLSNames.insecureCipherNames
            report(.invalidCipherSuite, "\(name): invalid TLS cipher suite: \"\(suite)\"", at: item,
                   hint: Suggestion.closest(to: suite, in: all).map { "did you mean \($0)?" }
                       ?? "use Go/IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, not OpenSSL names")
        }
        if includeInsecure, let pair = node.pair("include_insecure_cipher_suites") {
            report(.insecureCiphersEnabled,
                   "\(name): include_insecure_cipher_suites: true allows suites Go considers insecure\(insecureUsed ? ", and cipher_suites uses them" : "")",
                   at: pair.key)
        }
    }

    private mutating func checkCurveNames(_ node: YAMLNode, name: String) {
        for item in node["curve_preferences"]?.items ?? [] {
            let curve = item.text ?? ""
            if GoTLSNames.collectorCurves.contains(curve) { continue }
            let hint = GoTLSNames.curves.contains(curve) || curve.hasPrefix("Curve")
                ? "the Collector writes curves without the Curve prefix: P256, P384, P521, X25519"
                : Suggestion.closest(to: curve, in: GoTLSNames.collectorCurves).map { "did you mean \($0)?" }
                    ?? "accepted: " + GoTLSNames.collectorCurves.joined(separator: ", ")
            report(.invalidCurve, "\(name): invalid curve type: \"\(curve)\" (the Collector's message prints CurveID(0) instead of the name)",
                   at: item, hint: hint)
        }
    }
}
