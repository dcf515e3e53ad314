/// The toolkit's own rules (web-config.md §3, in its order) and the configurations it accepts that
/// cannot work or are unsafe (§6).
extension WebConfigRun {
    // MARK: - Null values and defaults (§4, §6 #17)

    mutating func checkNullSections(_ top: CheckedSection) {
        if let pair = top["http_server_config"], pair.value.isNull {
            report(.nullDropsDefault, "an empty http_server_config turns HTTP/2 off (the null value drops the default http2: true)",
                   at: pair.key, hint: "remove the empty key, or write `http2: true` under it")
        }
    }

    // MARK: - basic_auth_users (§3 step 2, §6 #15)

    mutating func checkUsers(_ node: YAMLNode?) {
        guard let pairs = node?.pairs else { return }
        for pair in pairs {
            let user = pair.key.text ?? ""
            if user.contains(":") {
                report(.userNameColon, "user name \"\(user)\" contains ':'; HTTP basic auth splits at the first ':', so this user can never log in",
                       at: pair.key, hint: "choose a user name without ':'")
            } else if user.isEmpty {
                report(.userNameEmpty, "an empty user name is accepted, but is surely not intended", at: pair.key,
                       hint: "give the user a name")
            }
            let hash = pair.value.isNull ? "" : (pair.value.text ?? "")
            switch BCryptHash.check(hash) {
            case .valid(let cost) where cost > 12:
                report(.bcryptSlow, "bcrypt cost \(cost) for user \"\(user)\" makes every uncached login take \(cost >= 16 ? "seconds" : "a long time")",
                       at: pair.value, hint: "a cost of 10 to 12 is enough; the toolkit caches results, but each new password check costs 2^\(cost) rounds")
            case .valid:
                break
            case .rejected(let message, let hint):
                report(.bcryptInvalid, "the password hash of user \"\(user)\" is not usable: \(message)", at: pair.value, hint: hint)
            case .neverMatches(let reason, let hint):
                report(.bcryptNeverMatches, "the password hash of user \"\(user)\" passes the toolkit's check but no password can match it: \(reason)",
                       at: pair.value, hint: hint)
            }
        }
    }

    // MARK: - tls_server_config (§3 step 4)

    mutating func checkTLS(_ tls: CheckedSection, http: CheckedSection?) {
        let enablers = ["cert_file", "cert", "key_file", "key", "client_ca_file", "client_ca", "client_auth_type"]
        checkNames(tls)
        guard enablers.contains(where: tls.isSet) else {
            let options = tls.pairs.keys.filter { !enablers.contains($0) }.sorted()
            if let first = options.compactMap({ tls[$0] }).min(by: { $0.key.start.line < $1.key.start.line }) {
                report(.tlsWithoutCertificate,
                       "TLS options (\(options.joined(separator: ", "))) are set but no certificate, key, CA or client_auth_type: the toolkit serves plain HTTP",
                       at: first.key, hint: "add cert_file and key_file to serve TLS, or remove tls_server_config")
            }
            return
        }
        var certificate: MaterialSource?
        var key: MaterialSource?
        if !tls.isSet("cert_file") && !tls.isSet("cert") {
            report(.missingCertificate, "missing one of cert or cert_file: TLS is on (some TLS key is set) but there is no server certificate",
                   at: (tls["cert_file"] ?? tls["cert"])?.value ?? tls.name, hint: "set cert_file to the server certificate (PEM, leaf first)")
        } else {
            certificate = material(tls, file: "cert_file", inline: "cert")
        }
        if !tls.isSet("key_file") && !tls.isSet("key") {
            report(.missingKey, "missing one of key or key_file: the server certificate needs its private key",
                   at: (tls["key_file"] ?? tls["key"])?.value ?? tls.name, hint: "set key_file to the PEM private key of the certificate")
        } else {
            key = material(tls, file: "key_file", inline: "key")
        }
        let materials = MaterialChecker(context: context)
        let ca = material(tls, file: "client_ca_file", inline: "client_ca")
        // A client CA that also issued the server certificate shows the server's chain is complete.
        let issuers = KnownIssuers.configuration(certificate: certificate, ca: ca, files: context.files)
        switch (certificate, key) {
        case let (certificate?, key?):
            findings += materials.checkKeyPair(certificate: certificate, key: key, role: .server, issuers: issuers)
        case let (certificate?, nil):
            findings += materials.checkCertificateChain(certificate, role: .server, issuers: issuers)
        case let (nil, key?): findings += materials.checkPrivateKey(key, role: .server)
        case (nil, nil): break
        }
        if let ca { findings += materials.checkCABundle(ca, purpose: .client) }
        checkClientAuth(tls, hasCA: ca != nil)
        checkVersions(tls)
        checkCiphers(tls, http: http, certificate: certificate)
    }

    /// The file wins over the inline value, silently (§6 #14).
    mutating func material(_ tls: CheckedSection, file: String, inline: String) -> MaterialSource? {
        if tls.isSet(file), let pair = tls[file] {
            if tls.isSet(inline), let ignored = tls[inline] {
                report(.inlineIgnored, "both \(file) and \(inline) are set; the toolkit uses \(file) and silently ignores \(inline)",
                       at: ignored.key, hint: "remove one of them")
            }
            return .file(path: FileInput.resolve(tls.string(file), relativeTo: folder), at: at(pair.value))
        }
        if tls.isSet(inline), let pair = tls[inline] {
            return .inline(pem: tls.string(inline), at: at(pair.value))
        }
        return nil
    }

    /// Cipher, curve, version and client-auth names (the toolkit's custom parsers).
    mutating func checkNames(_ tls: CheckedSection) {
        let accepted = GoTLSNames.acceptedCiphers(for: context.toolkitVersion)
        for item in tls.list("cipher_suites") ?? [] {
            let name = item.text ?? ""
            if accepted.contains(name) { continue }
            if GoTLSNames.cipher(named: name)?.legacyRSAKeyExchange == true {
                report(.unknownCipher, "unknown cipher: \(name) (exporters built with Go 1.22 or later, exporter-toolkit \(GoTLSNames.rsaKeyExchangeDropped) and later in Debian, no longer accept RSA key exchange suites)",
                       at: item, hint: "use an ECDHE suite such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, or set --toolkit-version for an older exporter")
            } else {
                report(.unknownCipher, "unknown cipher: \(name)", at: item, hint: suggestion(name, accepted, "Go/IANA cipher names"))
            }
        }
        for item in tls.list("curve_preferences") ?? [] where !GoTLSNames.curves.contains(item.text ?? "") {
            let name = item.text ?? ""
            let hint = name == "X25519MLKEM768"
                ? "exporter-toolkit does not accept the post-quantum X25519MLKEM768 here (PR #417); leave curve_preferences out to keep Go's default, which includes it"
                : suggestion(name, GoTLSNames.curves, "curve names")
            report(.unknownCurve, "unknown curve: \(name)", at: item, hint: hint)
        }
        for key in ["min_version", "max_version"] {
            guard let pair = tls[key] else { continue }
            if pair.value.isNull {
                report(.nullDropsDefault, "an empty \(key) drops the toolkit's default (\(key == "min_version" ? "TLS12" : "TLS13")) and falls back to Go's",
                       at: pair.key, hint: "write the version, e.g. `\(key): \(key == "min_version" ? "TLS12" : "TLS13")`, or remove the key")
                continue
            }
            let name = tls.string(key)
            if !GoTLSNames.versions.contains(name) {
                report(.unknownTLSVersion, "unknown TLS version: \(name)", at: pair.value, hint: suggestion(name, GoTLSNames.versions, "versions"))
            }
        }
        if let pair = tls["client_auth_type"], tls.isSet("client_auth_type") {
            let name = tls.string("client_auth_type")
            if !GoTLSNames.clientAuthTypes.contains(name) {
                report(.invalidClientAuth, "invalid ClientAuth: \(name)", at: pair.value,
                       hint: suggestion(name, GoTLSNames.clientAuthTypes, "values") + "; RequireAndVerifyClientCert is the one that authenticates clients")
            } else if name == "RequireClientCert" {
                report(.legacyClientAuthName, "RequireClientCert is the old name of RequireAnyClientCert", at: pair.value,
                       hint: "write RequireAnyClientCert (accepted since exporter-toolkit 0.6.1)")
            }
        }
        if let pair = tls["prefer_server_cipher_suites"] {
            report(.optionNoEffect, "prefer_server_cipher_suites has no effect: Go 1.17 and later ignore it", at: pair.key,
                   hint: "remove it")
        }
    }

    func suggestion(_ name: String, _ candidates: [String], _ what: String) -> String {
        if let near = Suggestion.closest(to: name, in: candidates) { return "did you mean \(near)?" }
        return "accepted \(what): " + candidates.joined(separator: ", ")
    }

    // MARK: - Client authentication (§3 steps 5–6, §6 #1–8)

    mutating func checkClientAuth(_ tls: CheckedSection, hasCA: Bool) {
        let policy = tls.string("client_auth_type")
        guard policy.isEmpty || GoTLSNames.clientAuthTypes.contains(policy) else { return }
        let policyNode = tls["client_auth_type"]?.value ?? tls.node
        let caNode = (tls["client_ca_file"] ?? tls["client_ca"])?.key ?? tls.node
        let verifies = policy == "RequireAndVerifyClientCert" || policy == "VerifyClientCertIfGiven"
        let optional = policy == "VerifyClientCertIfGiven" || policy == "RequestClientCert"
        let unverified = policy == "RequireAnyClientCert" || policy == "RequireClientCert" || policy == "RequestClientCert"
        let none = policy.isEmpty || policy == "NoClientCert"

        if hasCA && none {
            report(.clientCAWithoutPolicy, "client CA's have been configured without a Client Auth Policy", at: caNode,
                   hint: "add `client_auth_type: RequireAndVerifyClientCert` to require client certificates signed by this CA")
        }
        if hasCA && unverified {
            report(.clientCAUnused, "client_auth_type \(policy) never verifies client certificates, so the client CA is loaded but not used",
                   at: policyNode, hint: "use RequireAndVerifyClientCert to check clients against the CA")
        }
        if verifies && !hasCA {
            report(.verifyWithoutCA, "\(policy) without client_ca_file or client_ca verifies clients against the system trust store: private-CA client certificates are rejected and any public certificate with clientAuth is accepted",
                   at: policyNode, hint: "set client_ca_file to the CA that signs your clients' certificates")
        }
        if !none && policy != "RequireAndVerifyClientCert" {
            report(.clientAuthNotAuthenticating, "\(policy) does not authenticate clients: only RequireAndVerifyClientCert with a client CA does",
                   at: policyNode, hint: "use RequireAndVerifyClientCert with client_ca_file, unless optional client certificates are really intended")
        }
        guard let sans = tls["client_allowed_sans"], !sans.value.isNull else { return }
        let entries = sans.value.items ?? []
        if entries.isEmpty {
            report(.allowedSANsEmpty, "client_allowed_sans is an empty list: every client is rejected", at: sans.key,
                   hint: "list the SANs of the clients to allow, or remove client_allowed_sans")
        }
        if optional {
            report(.allowedSANsOptionalCert, "client_allowed_sans with \(policy): a client without a certificate makes the exporter panic (index out of range) and drops the connection",
                   at: sans.key, hint: "use RequireAndVerifyClientCert with client_allowed_sans (exporter-toolkit PR #436)")
        } else if unverified {
            report(.allowedSANsUnverified, "client_allowed_sans with \(policy) checks the SAN of an unverified certificate: any self-signed certificate with that SAN is let in",
                   at: sans.key, hint: "use RequireAndVerifyClientCert with client_ca_file")
        } else if none {
            report(.allowedSANsIgnored, "client_allowed_sans is ignored without a client_auth_type that asks for certificates",
                   at: sans.key, hint: "set client_auth_type: RequireAndVerifyClientCert and client_ca_file")
        }
        for entry in entries {
            let text = entry.text ?? ""
            if text.contains("*") {
                report(.allowedSANsPattern, "client_allowed_sans matches exactly; \"\(text)\" is not a wildcard", at: entry,
                       hint: "list each client's SAN in full")
            } else if text != text.lowercased(), !text.contains("://") {
                report(.allowedSANsPattern, "client_allowed_sans matches case-sensitively; \"\(text)\" only matches a SAN written exactly so", at: entry,
                       hint: "write the SAN exactly as it appears in the client certificate (usually lower case)")
            }
        }
    }

    // MARK: - Versions (§6 #9)

    mutating func checkVersions(_ tls: CheckedSection) {
        let min = GoTLSNames.versions.firstIndex(of: tls.string("min_version")) ?? 2
        let max = GoTLSNames.versions.firstIndex(of: tls.string("max_version")) ?? 3
        if min > max, let pair = tls["min_version"] ?? tls["max_version"] {
            report(.minAboveMax, "min_version \(GoTLSNames.versions[min]) is above max_version \(GoTLSNames.versions[max]): every handshake fails",
                   at: pair.value, hint: "lower min_version or raise max_version")
        }
        if min < 2, let pair = tls["min_version"] {
            report(.legacyTLSVersion, "min_version \(GoTLSNames.versions[min]) allows TLS 1.0/1.1, which are deprecated (RFC 8996)", at: pair.value,
                   hint: "use TLS12 (the default) or TLS13")
        }
    }

    // MARK: - Ciphers (§5 HTTP/2 rule, §6 #10–12)

    mutating func checkCiphers(_ tls: CheckedSection, http: CheckedSection?, certificate: MaterialSource?) {
        guard let pair = tls["cipher_suites"], let items = tls.list("cipher_suites"), !items.isEmpty else {
            if let curves = tls["curve_preferences"], tls.list("curve_preferences")?.isEmpty == false {
                report(.curvesDropPostQuantum, "setting curve_preferences also turns off Go's default post-quantum key exchange X25519MLKEM768",
                       at: curves.key, hint: "leave curve_preferences out unless you must restrict curves")
            }
            return
        }
        let names = items.compactMap(\.text)
        let known = names.compactMap(GoTLSNames.cipher(named:))
        let min = GoTLSNames.versions.firstIndex(of: tls.string("min_version")) ?? 2
        let max = GoTLSNames.versions.firstIndex(of: tls.string("max_version")) ?? 3
        if min == 3 {
            report(.optionNoEffect, "cipher_suites has no effect with min_version TLS13: Go does not let TLS 1.3 suites be configured",
                   at: pair.key, hint: "remove cipher_suites, or allow TLS12")
            return
        }
        for item in items where GoTLSNames.cipher(named: item.text ?? "")?.tls13 == true {
            report(.optionNoEffect, "\(item.text ?? "") is a TLS 1.3 suite; the toolkit accepts the name but Go ignores it", at: item,
                   hint: "remove it; TLS 1.3 suites are always enabled")
        }
        let tls12 = known.filter { !$0.tls13 }
        // HTTP/2 needs an AES-128-GCM suite when a TLS 1.2 list is given (start-up failure, §5).
        let http2Value = http?["http2"]?.value
        let http2On = http2Value.map { if case .bool(let on) = $0.value { on } else { !$0.isNull } } ?? (http?.node.isNull != true)
        if http2On, !tls12.isEmpty, !names.contains(where: GoTLSNames.http2Required.contains) {
            report(.http2CipherMissing, "http2: TLSConfig.CipherSuites is missing an HTTP/2-required AES_128_GCM_SHA256 cipher: the exporter refuses to start (promtool does not catch this)",
                   at: pair.key, hint: "add TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RSA key) or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (ECDSA key), or set http_server_config.http2: false")
        }
        // Suites that cannot be used with the certificate's key, when TLS 1.3 cannot rescue it.
        if max <= 2, !tls12.isEmpty, let keyKind = certificate.flatMap({ MaterialChecker.leafKeyKind($0, files: context.files) }) {
            let usable = tls12.contains { $0.kind == .any || ($0.kind == .ecdsa) == (keyKind == .ecdsa) }
            if !usable {
                report(.ciphersMismatchKey, "every suite in cipher_suites needs \(keyKind == .ecdsa ? "an RSA" : "an ECDSA") certificate, but the certificate has \(keyKind == .ecdsa ? "an ECDSA" : "an RSA") key and TLS 1.3 is off: every handshake fails",
                       at: pair.key, hint: "add TLS_ECDHE_\(keyKind == .ecdsa ? "ECDSA" : "RSA")_WITH_AES_128_GCM_SHA256, or allow TLS13")
            }
        }
    }

    // MARK: - http_server_config (§1.2)

    mutating func checkHTTP(_ http: CheckedSection) {
        if let pair = http["http2"], pair.value.isNull {
            report(.nullDropsDefault, "an empty http2 turns HTTP/2 off (the null value drops the default true)", at: pair.key,
                   hint: "write `http2: true` or `http2: false`")
        }
        guard let headers = http["headers"]?.value.pairs else { return }
        for pair in headers {
            let name = pair.key.text ?? ""
            guard let known = WebConfigSchema.headers.first(where: { $0.name == name }) else {
                let names = WebConfigSchema.headers.map(\.name)
                let caseFix = names.first { $0.lowercased() == name.lowercased() }
                report(.headerNotAllowed, "HTTP header \"\(name)\" can not be configured", at: pair.key,
                       hint: caseFix.map { "header names are case-sensitive here: write \($0)" }
                        ?? "the toolkit allows only " + names.joined(separator: ", "))
                continue
            }
            let value = pair.value.isNull ? "" : (pair.value.text ?? "")
            if let allowed = known.allowed, !allowed.contains(value) {
                report(.invalidHeaderValue,
                       "invalid value for \(name). Expected one of: [\(allowed.map { "\"\($0)\"" }.joined(separator: " "))], but got: \"\(value)\"",
                       at: pair.value, hint: "use " + allowed.joined(separator: " or ") + " (lower case)")
            }
        }
    }

    // MARK: - rate_limit (§1.4, §6 #16)

    mutating func checkRateLimit(_ limit: CheckedSection) {
        var interval: Double = 0
        if let pair = limit["interval"], !pair.value.isNull {
            switch pair.value.value {
            case .int(let n):
                interval = Double(n)
                if n > 0 {
                    report(.rateLimitNanoseconds, "interval \(n) is a bare number, read as \(n) nanoseconds", at: pair.value,
                           hint: "write a unit, e.g. `\(n)s` or `\(n)ms`")
                }
            case .float(let f):
                interval = f.rounded(.towardZero)
                report(.rateLimitNanoseconds, "interval \(pair.value.text ?? "") is a bare number, read as \(Int.saturating(interval)) nanoseconds", at: pair.value,
                       hint: "write a unit, e.g. `1s` or `100ms`")
            case .string(let text): interval = GoDuration.parse(text) ?? 0
            default: break
            }
            if interval < 0 {
                report(.rateLimitNegative, "a negative interval means no limit at all", at: pair.value,
                       hint: "use 0 to turn the limiter off explicitly, or a positive duration")
            }
        }
        var burst = 0
        if case .int(let n)? = limit["burst"]?.value.value { burst = n }
        if case .float(let f)? = limit["burst"]?.value.value { burst = Int.saturating(f) }
        if interval > 0 && burst <= 0 {
            report(.rateLimitBlocksAll, "rate_limit with interval > 0 and burst \(burst) answers every request with HTTP 429",
                   at: (limit["burst"] ?? limit["interval"])?.value ?? limit.node, hint: "set burst to at least 1")
        }
        if interval == 0, let pair = limit["burst"], burst > 0 {
            report(.rateLimitBurstOnly, "burst without a positive interval does nothing: the limiter is off", at: pair.key,
                   hint: "set interval, e.g. `interval: 1s`")
        }
    }
}
