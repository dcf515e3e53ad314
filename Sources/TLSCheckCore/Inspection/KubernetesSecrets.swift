/// Kubernetes Secret manifests (YAML or JSON, one or several documents, or a `kind: List`): every
/// `data` value (base64) and `stringData` value (text) that holds certificate material. `tls.key`
/// belongs to `tls.crt`; `tls.crt` is served (a server certificate), `ca.crt` is a CA bundle.
///
/// Read as a stream (`ManifestStream`): one Secret's nodes at a time, whatever the size of the list,
/// handed over in parts of `partSize` Secrets. The `items` of a document are read whatever its kind
/// says (`kubectl` prints `kind: List` after the items): only items that are Secrets (or Lists of
/// them) count.
struct KubernetesSecrets<C: KeylessCertificate> {
    let loader: MaterialLoader<C>
    var partSize = 64

    /// Cheap test before parsing YAML: the text names a Secret and is not a PEM file. No size
    /// limit: a `kubectl get secrets -A -o yaml` of a large cluster is many megabytes (above 4 MiB
    /// such a list was once taken for a file that "holds no PEM block").
    static func mayHoldSecret(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
            first != UInt8(ascii: "-") || !Bytes.contains(Array(bytes.prefix(64)), "-----BEGIN")
        else { return false }
        return first != 0x30 && Bytes.contains(bytes, "Secret") && Bytes.contains(bytes, "kind")
    }

    /// The parts of a Secret that matter here.
    struct Secret {
        var metadata: YAMLNode?
        var data: YAMLNode?
        var stringData: YAMLNode?

        init(_ node: YAMLNode) {
            metadata = node["metadata"]
            data = node["data"]
            stringData = node["stringData"]
        }

        init(_ fields: [String: YAMLNode]) {
            metadata = fields["metadata"]
            data = fields["data"]
            stringData = fields["stringData"]
        }
    }

    /// Loads the Secrets of `bytes` into parts handed to `parts`; false when there are none (the
    /// file is then not a Secret manifest, whatever it mentions).
    func load(_ bytes: [UInt8], path: String, parts: (LoadedFile<C>) -> Void) -> Bool {
        var part = LoadedFile<C>(path: path)
        var inPart = 0
        var secrets = 0
        var delivered = false
        func loaded(_ secret: Secret) {
            load(secret, path: path, into: &part)
            secrets += 1
            inPart += 1
            guard inPart >= partSize else { return }
            if !part.isEmpty {
                part.format = .kubernetesSecret
                parts(part)
                delivered = true
            }
            part = LoadedFile(path: path)
            inPart = 0
        }
        let problems = ManifestStream.read(bytes, path: path) { streamed in
            switch streamed {
            case .item(let node): collect(node, loaded)
            case .document(let fields): if fields["kind"]?.text == "Secret" { loaded(Secret(fields)) }
            }
        }
        guard secrets > 0 else { return false }
        for problem in problems {
            part.findings.append(Finding(
                .secretInvalid, "\(path) does not parse as YAML/JSON: \(problem.message)", at: problem.location))
        }
        // Secrets that hold no material at all: the file is read as any other.
        guard delivered || !part.isEmpty else { return false }
        if !part.isEmpty {
            part.format = .kubernetesSecret
            parts(part)
        }
        return true
    }

    /// The Secrets of an item: itself, or those of a nested List.
    private func collect(_ node: YAMLNode, _ secret: (Secret) -> Void) {
        switch node["kind"]?.text {
        case "Secret": secret(Secret(node))
        case "List", "SecretList": for item in node["items"]?.items ?? [] { collect(item, secret) }
        default: break
        }
    }

    private func load(_ secret: Secret, path: String, into file: inout LoadedFile<C>) {
        let secretName = secret.metadata?["name"]?.text ?? "(unnamed)"
        let namespace = secret.metadata?["namespace"]?.text
        let name = [namespace, secretName].compactMap { $0 }.joined(separator: "/")
        var entries: [(key: String, bytes: [UInt8], at: Location)] = []
        var positions: [String: Int] = [:]
        for pair in secret.data?.pairs ?? [] {
            guard let key = pair.key.text, let text = pair.value.text else { continue }
            let at = pair.key.start.location(in: path)
            guard let decoded = Base64.decode(text) else {
                file.findings.append(Finding(
                    .secretInvalid, "data.\(key) of Secret \(name) in \(path) is not valid base64"
                        + (text.contains("-----BEGIN") ? " (it holds PEM text: use stringData, or encode it)" : ""),
                    at: at))
                continue
            }
            positions[key] = entries.count
            entries.append((key, decoded, at))
        }
        // stringData wins over data for the same key, as the API server merges them.
        for pair in secret.stringData?.pairs ?? [] {
            guard let key = pair.key.text, let text = pair.value.text else { continue }
            let entry = (key, Array(text.utf8), pair.key.start.location(in: path))
            if let position = positions[key] { entries[position] = entry } else {
                positions[key] = entries.count
                entries.append(entry)
            }
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
            // Named, not kept: the value's bytes are read here, and a list of 10,000 Secrets would
            // keep them all in the groups' sources.
            let source = MaterialSource.secretKey(entry.key, of: secretName, namespace: namespace, bytes: [], at: entry.at)
            let content = loader.loadContent(entry.bytes, as: source, group: label, role: role)
            file.findings += content.findings
            groups += content.groups.map { (entry.key, $0) }
            for key in content.keys { keysByEntry[entry.key] = key }
            file.unreadKeys += content.unreadKeys
            if content.isEmpty, MaterialNames.promisesMaterial(entry.key), let reason = content.nothingReason {
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
        let companions = groups.filter { $0.entry == "ca.crt" }.flatMap { $0.group.bundle.certificates }.filter(\.isCA)
        for index in groups.indices where groups[index].entry != "ca.crt" {
            groups[index].group.companions = companions
        }
        file.groups += groups.map(\.group)
        file.keys += keysByEntry.values.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
    }
}
