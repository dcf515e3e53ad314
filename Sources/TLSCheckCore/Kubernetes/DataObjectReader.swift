/// Secrets and ConfigMaps (kubernetes.md §5): `data` is base64 in a Secret and text in a ConfigMap,
/// `stringData` is text and wins over `data` for the same key, `binaryData` is base64. A value the API
/// server would refuse is a finding at that value, and its key is kept as unusable, so a mount of it
/// is not also reported as missing.
extension ManifestInventory {
    mutating func readDataObject(_ object: KubernetesObject, secret: Bool) -> DataObject {
        let kind = secret ? "Secret" : "ConfigMap"
        var result = DataObject(
            name: ObjectName(kind: kind, namespace: object.namespace, name: object.name),
            type: secret ? object.node["type"]?.text : nil, location: object.location(object.node), path: object.path)
        let sections: [(String, EmbeddedText.Encoding)] =
            secret ? [("data", .base64), ("stringData", .text)] : [("data", .text), ("binaryData", .base64)]
        for (section, encoding) in sections {
            guard let node = object.node[section], !node.isNull else { continue }
            guard let pairs = node.pairs else {
                findings.append(Finding(
                    .secretInvalid, "\(section) of \(result.name) must be a mapping of keys to values, not \(node.typeName)",
                    at: object.location(node), hint: "write `key: value` lines under \(section)"))
                continue
            }
            for pair in pairs {
                guard let key = pair.key.text else { continue }
                let bytes = value(pair, section: section, encoding: encoding, object: result, path: object.path)
                result.entries[key] = DataEntry(bytes: bytes, key: pair.key, value: pair.value, encoding: encoding)
            }
        }
        if secret, result.type == "kubernetes.io/tls" {
            for required in ["tls.crt", "tls.key"] where result.entries[required] == nil {
                findings.append(Finding(
                    .tlsSecretIncomplete,
                    "\(result.name) has type kubernetes.io/tls but no \(required): the API server refuses it (data[\(required)]: Required value)",
                    at: object.location(object.node["type"] ?? object.node),
                    hint: "add \(required) under data (base64) or stringData, or use type Opaque"))
            }
        }
        return result
    }

    /// The bytes of one value, or nil (and a finding) when the API server would refuse it.
    private mutating func value(
        _ pair: YAMLPair, section: String, encoding: EmbeddedText.Encoding, object: DataObject, path: String
    ) -> [UInt8]? {
        let key = pair.key.text ?? ""
        if pair.value.isNull { return [] }
        guard let text = pair.value.text else {
            findings.append(Finding(
                .secretInvalid, "\(section).\(key) of \(object.name) is \(pair.value.typeName), not a string: the API server refuses it",
                at: pair.value.start.location(in: path), hint: "write the value as one string (a block scalar `|` for several lines)"))
            return nil
        }
        guard encoding == .base64 else { return Array(text.utf8) }
        switch Base64.decoding(text.utf8, skipping: .lineBreaks) {
        case .bytes(let bytes):
            return bytes
        case .illegal(let offset):
            let pem = text.contains("-----BEGIN")
            findings.append(Finding(
                .secretInvalid,
                "\(section).\(key) of \(object.name) is not valid base64 (illegal base64 data at input byte \(offset))\(pem ? ": it holds PEM text" : ""); the API server refuses it",
                at: pair.value.start.location(in: path),
                hint: pem ? "move the PEM under stringData, or encode it with `base64 -w0`" : nil))
            return nil
        }
    }
}
