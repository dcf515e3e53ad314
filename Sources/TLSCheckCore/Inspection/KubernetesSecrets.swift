/// Kubernetes Secret manifests (YAML or JSON, one or several documents, or a `kind: List`): every
/// `data` value (base64) and `stringData` value (text) that holds certificate material. `tls.key`
/// belongs to `tls.crt`; `tls.crt` is served (a server certificate), `ca.crt` is a CA bundle.
struct KubernetesSecrets<C: KeylessCertificate> {
    let loader: MaterialLoader<C>

    /// Cheap test before parsing YAML: the text names a Secret and is not a PEM file.
    static func mayHoldSecret(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
            first != UInt8(ascii: "-") || !Bytes.contains(Array(bytes.prefix(64)), "-----BEGIN")
        else { return false }
        return bytes.count < 4 << 20 && first != 0x30 && Bytes.contains(bytes, "Secret")
            && Bytes.contains(bytes, "kind")
    }

    func load(_ bytes: [UInt8], into file: inout LoadedFile<C>) {
        let path = file.path
        var secrets: [YAMLNode] = []
        var yamlFindings: [Finding] = []
        for document in YAMLParser.parseAll(bytes, path: path) {
            yamlFindings += document.findings.filter { $0.severity == .error }
            if let root = document.root { collect(root, into: &secrets) }
        }
        guard !secrets.isEmpty else { return }
        file.format = .kubernetesSecret
        for finding in yamlFindings {
            file.findings.append(Finding(
                .secretInvalid, "\(path) does not parse as YAML/JSON: \(finding.message)", at: finding.location))
        }
        for secret in secrets { load(secret: secret, path: path, into: &file) }
    }

    private func collect(_ node: YAMLNode, into secrets: inout [YAMLNode]) {
        switch node["kind"]?.text {
        case "Secret": secrets.append(node)
        case "List", "SecretList": for item in node["items"]?.items ?? [] { collect(item, into: &secrets) }
        default: break
        }
    }

    private func load(secret: YAMLNode, path: String, into file: inout LoadedFile<C>) {
        let metadata = secret["metadata"]
        let secretName = metadata?["name"]?.text ?? "(unnamed)"
        let namespace = metadata?["namespace"]?.text
        let name = [namespace, secretName].compactMap { $0 }.joined(separator: "/")
        var entries: [(key: String, bytes: [UInt8], at: Location)] = []
        for pair in secret["data"]?.pairs ?? [] {
            guard let key = pair.key.text, let text = pair.value.text else { continue }
            let at = pair.key.start.location(in: path)
            let cleaned = text.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: cleaned) else {
                file.findings.append(Finding(
                    .secretInvalid, "data.\(key) of Secret \(name) in \(path) is not valid base64"
                        + (text.contains("-----BEGIN") ? " (it holds PEM text: use stringData, or encode it)" : ""),
                    at: at))
                continue
            }
            entries.append((key, Array(decoded), at))
        }
        // stringData wins over data for the same key, as the API server merges them.
        for pair in secret["stringData"]?.pairs ?? [] {
            guard let key = pair.key.text, let text = pair.value.text else { continue }
            entries.removeAll { $0.key == key }
            entries.append((key, Array(text.utf8), pair.key.start.location(in: path)))
        }
        var keysByEntry: [String: LoadedKey] = [:]
        var groups: [(entry: String, group: CertificateGroup<C>)] = []
        for entry in entries {
            let label = "\(path) (Secret \(name), \(entry.key))"
            let role: CertificateRole? =
                switch entry.key {
                case "tls.crt": .server
                case "ca.crt": .ca
                default: nil
                }
            let source = MaterialSource.secretKey(entry.key, of: secretName, namespace: namespace, bytes: entry.bytes, at: entry.at)
            let content = loader.loadContent(entry.bytes, as: source, group: label, role: role)
            file.findings += content.findings
            groups += content.groups.map { (entry.key, $0) }
            for key in content.keys { keysByEntry[entry.key] = key }
            file.unreadKeys += content.unreadKeys
            if content.isEmpty,
                MaterialNames.promisesMaterial(entry.key), let reason = content.nothingReason
            {
                file.findings.append(Finding(.materialUnreadable, "\(label) holds no certificate or key: \(reason)", at: entry.at))
            }
        }
        // tls.key goes with tls.crt; any other `X.key` with `X.crt`.
        for (index, item) in groups.enumerated() where item.group.key == nil {
            let stem = item.entry.hasSuffix(".crt") ? String(item.entry.dropLast(4)) : item.entry
            if let key = keysByEntry[stem + ".key"] {
                groups[index].group.key = key
                keysByEntry[stem + ".key"] = nil
            }
        }
        // The Secret's CA (`ca.crt`) is what its other certificates may chain to.
        let companions = groups.filter { $0.entry == "ca.crt" }.flatMap { $0.group.bundle.certificates }
        for index in groups.indices where groups[index].entry != "ca.crt" {
            groups[index].group.companions = companions.filter(\.isCA)
        }
        file.groups += groups.map(\.group)
        file.keys += keysByEntry.values.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
    }
}
