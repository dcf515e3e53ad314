/// cert-manager (kubernetes.md §6): a `Certificate` says what its Secret will hold once issued — the
/// keys, the names and the usages of the certificate — so a mount of that Secret or a monitor's
/// `serverName` can be checked before anything is issued. Rejections are cert-manager's webhook's
/// (and the API server's schema's) own words.
public struct CertManagerCertificate: Sendable, Hashable {
    /// What kind of issuer signs it, when its Issuer or ClusterIssuer is in the input.
    public enum IssuerType: String, Sendable, Hashable {
        case acme, ca, selfSigned, vault, venafi
        /// An issuer of another API group (an external issuer).
        case external
        /// The issuer is not in the input.
        case unknown
    }

    public var name: ObjectName
    /// The Secret it writes (same namespace).
    public var secretName: String
    public var commonName: String?
    public var dnsNames: [String]
    public var ipAddresses: [String]
    public var uris: [String]
    /// As written; empty: cert-manager's default (digital signature, key encipherment; no EKU).
    public var usages: [String]
    public var isCA: Bool
    public var issuer: ObjectName
    public var issuerType: IssuerType
    /// Seconds; nil: cert-manager's default (90 days, renewed at two thirds).
    public var duration: Double?
    public var renewBefore: Double?
    public var location: Location

    /// The Secret it writes: `Secret monitoring/exporter-tls`.
    public var secret: ObjectName { ObjectName(kind: "Secret", namespace: name.namespace, name: secretName) }

    /// Whether the Secret will have `key`: tls.crt and tls.key always; ca.crt only when the issuer
    /// returns a CA (never for ACME); nil when that depends on an issuer not in the input.
    public func willHold(_ key: String) -> Bool? {
        switch key {
        case "tls.crt", "tls.key": return true
        case "ca.crt":
            switch issuerType {
            case .acme: return false
            case .ca, .selfSigned, .vault: return true
            case .venafi, .external, .unknown: return nil
            }
        default: return false
        }
    }

    /// Extended key usages it will carry; empty: no EKU extension (Go accepts it for any use).
    public var extendedUsages: [String] {
        let eku: Set = [
            "server auth", "client auth", "code signing", "email protection", "s/mime", "ipsec end system", "ipsec tunnel",
            "ipsec user", "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc", "any",
        ]
        return usages.filter(eku.contains)
    }

    /// A TLS server may present it (no EKU, `server auth` or `any`).
    public var allowsServerAuth: Bool { extendedUsages.isEmpty || extendedUsages.contains { $0 == "server auth" || $0 == "any" } }
    /// A TLS client may present it.
    public var allowsClientAuth: Bool { extendedUsages.isEmpty || extendedUsages.contains { $0 == "client auth" || $0 == "any" } }
}

extension ManifestInventory {
    static let keyUsages = [
        "signing", "digital signature", "content commitment", "key encipherment", "key agreement", "data encipherment",
        "cert sign", "crl sign", "encipher only", "decipher only", "any", "server auth", "client auth", "code signing",
        "email protection", "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing",
        "microsoft sgc", "netscape sgc",
    ]

    mutating func readIssuer(_ object: KubernetesObject) {
        let spec = object.node["spec"]
        let type: CertManagerCertificate.IssuerType =
            spec?["acme"] != nil ? .acme : spec?["ca"] != nil ? .ca : spec?["selfSigned"] != nil ? .selfSigned
            : spec?["vault"] != nil ? .vault : spec?["venafi"] != nil ? .venafi : .unknown
        let namespace = object.kind == "ClusterIssuer" ? nil : object.namespace
        issuers[ObjectName(kind: object.kind, namespace: namespace, name: object.name)] = type
    }

    /// A Certificate's facts, and a finding for each reason its webhook would refuse it.
    mutating func readCertificate(_ object: KubernetesObject) -> CertManagerCertificate? {
        guard let spec = object.node["spec"] else { return nil }
        func at(_ node: YAMLNode?) -> Location { object.location(node ?? spec) }
        func refuse(_ message: String, _ node: YAMLNode?, hint: String? = nil) {
            findings.append(Finding(.certManagerInvalid, "\(object.displayName): cert-manager refuses it: \(message)", at: at(node), hint: hint))
        }
        func strings(_ key: String) -> [String] { spec[key]?.items?.compactMap(\.text) ?? [] }
        let secretName = spec["secretName"]?.text ?? ""
        if secretName.isEmpty { refuse("spec.secretName: Required value: must be specified", spec["secretName"]) }
        let issuerRef = spec["issuerRef"]
        let issuerName = issuerRef?["name"]?.text ?? ""
        if issuerName.isEmpty { refuse("spec.issuerRef.name: Required value: must be specified", issuerRef) }
        let group = issuerRef?["group"]?.text ?? ""
        let issuerKind = issuerRef?["kind"]?.text ?? "Issuer"
        if group.isEmpty || group == "cert-manager.io", !["", "Issuer", "ClusterIssuer"].contains(issuerKind) {
            refuse("spec.issuerRef.kind: Invalid value: \"\(issuerKind)\": must be one of Issuer or ClusterIssuer\(group.isEmpty ? " (did you forget to set spec.issuerRef.group?)" : "")",
                   issuerRef?["kind"])
        }
        let commonName = spec["commonName"]?.text
        let dnsNames = strings("dnsNames"), ipAddresses = strings("ipAddresses"), uris = strings("uris")
        let emails = strings("emailAddresses"), otherNames = spec["otherNames"]?.items ?? []
        let hasLiteral = !(spec["literalSubject"]?.text ?? "").isEmpty
        if (commonName ?? "").isEmpty && !hasLiteral && dnsNames.isEmpty && uris.isEmpty && emails.isEmpty && ipAddresses.isEmpty && otherNames.isEmpty {
            refuse("spec: Invalid value: \"\": at least one of commonName (from the commonName field or from a literalSubject), dnsNames, emailSANs, ipAddresses, otherNames, or uriSANs must be set",
                   spec, hint: "list the names clients use in dnsNames (e.g. the Service's svc.namespace.svc name)")
        } else if let commonName, !commonName.isEmpty, dnsNames.isEmpty, ipAddresses.isEmpty, uris.isEmpty, emails.isEmpty {
            findings.append(Finding(
                .certNoSAN,
                "\(object.displayName) has only commonName \"\(commonName)\": the certificate it issues has no subject alternative name, and Go clients refuse it (x509: certificate relies on legacy Common Name field, use SANs instead)",
                at: at(spec["commonName"]), hint: "add dnsNames: [\(commonName)]"))
        }
        if let commonName, commonName.utf8.count > 64 {
            refuse("spec.commonName: Too long: may not be longer than 64 bytes", spec["commonName"])
        }
        for (index, item) in (spec["ipAddresses"]?.items ?? []).enumerated() where IPAddress.bytes(item.text ?? "") == nil {
            refuse("spec.ipAddresses[\(index)]: Invalid value: \"\(item.text ?? "")\": invalid IP address", item)
        }
        var usages: [String] = []
        for (index, item) in (spec["usages"]?.items ?? []).enumerated() {
            let usage = item.text ?? ""
            guard Self.keyUsages.contains(usage) else {
                findings.append(Finding(
                    .certManagerInvalid,
                    "\(object.displayName): the API server refuses it: spec.usages[\(index)]: Unsupported value: \"\(usage)\"",
                    at: at(item), hint: Suggestion.closest(to: usage, in: Self.keyUsages).map { "did you mean \"\($0)\"?" }
                        ?? "use the words of the list, such as \"server auth\" or \"client auth\""))
                continue
            }
            usages.append(usage)
        }
        let duration = spec["duration"]?.text.flatMap(GoDuration.parse).map { $0 / 1e9 }
        let renewBefore = spec["renewBefore"]?.text.flatMap(GoDuration.parse).map { $0 / 1e9 }
        if let duration, duration < 3600 {
            refuse("spec.duration: Invalid value: \"\(Self.goDuration(duration))\": certificate duration must be greater than 1h0m0s", spec["duration"])
        }
        if let renewBefore {
            if renewBefore < 300 {
                refuse("spec.renewBefore: Invalid value: \"\(Self.goDuration(renewBefore))\": certificate renewBefore must be greater than 5m0s", spec["renewBefore"])
            }
            let lifetime = duration ?? 90 * 86_400
            if renewBefore >= lifetime {
                refuse("spec.renewBefore: Invalid value: \"\(Self.goDuration(renewBefore))\": certificate duration \(Self.goDuration(lifetime)) must be greater than renewBefore \(Self.goDuration(renewBefore))",
                       spec["renewBefore"], hint: "make renewBefore shorter than duration (by default a third of it)")
            }
        }
        let issuerNamespace = issuerKind == "ClusterIssuer" ? nil : object.namespace
        let issuer = ObjectName(kind: issuerKind, namespace: issuerNamespace, name: issuerName)
        return CertManagerCertificate(
            name: ObjectName(kind: "Certificate", namespace: object.namespace, name: object.name), secretName: secretName,
            commonName: commonName, dnsNames: dnsNames, ipAddresses: ipAddresses, uris: uris, usages: usages,
            isCA: spec["isCA"]?.value == .bool(true), issuer: issuer,
            issuerType: group.isEmpty || group == "cert-manager.io" ? .unknown : .external,
            duration: duration, renewBefore: renewBefore, location: object.location(object.node))
    }

    /// The issuer types, once every Issuer of the input is read.
    mutating func resolveIssuers() {
        for index in certificates.indices where certificates[index].issuerType == .unknown {
            let issuer = certificates[index].issuer
            let match = issuers.first { $0.key.kind == issuer.kind && $0.key.name == issuer.name && $0.key.isReachable(from: issuer.namespace) }
            certificates[index].issuerType = match?.value ?? .unknown
        }
    }

    /// Go's `time.Duration.String` for whole seconds: `2160h0m0s`, `5m0s`, `30s`.
    static func goDuration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60
        if hours > 0 { return "\(hours)h\(minutes)m\(rest)s" }
        if minutes > 0 { return "\(minutes)m\(rest)s" }
        return "\(rest)s"
    }
}
