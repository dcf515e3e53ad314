/// Every object of one run's manifests that tlscheck reads, by kind — the files of a folder and the
/// documents of standard input together, since a Deployment in one file mounts a Secret from another.
/// Filled object by object (`add`), then resolved as a whole (`ManifestResolver`).
struct ManifestInventory {
    private(set) var secrets: [DataObject] = []
    private(set) var configMaps: [DataObject] = []
    /// Positions in `secrets` and `configMaps` by name: every volume and reference looks one up.
    private var secretsByName: [String: [Int]] = [:]
    private var configMapsByName: [String: [Int]] = [:]
    var pods: [PodTemplateSpec] = []
    var services: [ServiceFacts] = []
    var certificates: [CertManagerCertificate] = []
    /// cert-manager Issuers and ClusterIssuers (a ClusterIssuer has no namespace) and what kind each is.
    var issuers: [ObjectName: CertManagerCertificate.IssuerType] = [:]
    var collectors: [CollectorResource] = []
    var tempos: [TempoResource] = []
    var prometheuses: [PrometheusResource] = []
    /// Findings of reading the objects themselves (bad base64, a TLS Secret without its keys…).
    var findings: [Finding] = []
    /// Each manifest file's bytes, and its text once an embedded block scalar needs its lines.
    var sources: [String: [UInt8]] = [:]
    var texts: [String: ManifestText] = [:]

    /// Makes `path`'s lines available to `EmbeddedText`.
    mutating func loadText(_ path: String) {
        guard texts[path] == nil, let bytes = sources[path] else { return }
        texts[path] = ManifestText(path: path, bytes: bytes)
    }

    /// Reads one object of a kind tlscheck knows; others pass quietly.
    mutating func add(_ object: KubernetesObject) {
        switch (object.group, object.kind) {
        case ("", "Secret"):
            secretsByName[object.name, default: []].append(secrets.count)
            secrets.append(readDataObject(object, secret: true))
        case ("", "ConfigMap"):
            configMapsByName[object.name, default: []].append(configMaps.count)
            configMaps.append(readDataObject(object, secret: false))
        case ("", "Service"): if let service = readService(object) { services.append(service) }
        case ("", "Pod"): readPod(object, spec: object.node["spec"], labels: object.labels)
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
            ("batch", "Job"), ("extensions", "Deployment"), ("extensions", "DaemonSet"):
            readTemplate(object, object.node["spec"]?["template"])
        case ("batch", "CronJob"):
            readTemplate(object, object.node["spec"]?["jobTemplate"]?["spec"]?["template"])
        case ("cert-manager.io", "Certificate"):
            if let certificate = readCertificate(object) { certificates.append(certificate) }
        case ("cert-manager.io", "Issuer"), ("cert-manager.io", "ClusterIssuer"):
            readIssuer(object)
        case ("opentelemetry.io", "OpenTelemetryCollector"):
            readCollector(object)
        case ("tempo.grafana.com", "TempoMonolithic"), ("tempo.grafana.com", "TempoStack"):
            readTempo(object)
        case ("monitoring.coreos.com", "Prometheus"), ("monitoring.coreos.com", "PrometheusAgent"):
            readPrometheus(object)
        default:
            break
        }
    }

    private mutating func readTemplate(_ object: KubernetesObject, _ template: YAMLNode?) {
        guard let template else { return }
        var labels: [String: String] = [:]
        for pair in template["metadata"]?["labels"]?.pairs ?? [] {
            if let key = pair.key.text, let value = pair.value.text { labels[key] = value }
        }
        readPod(object, spec: template["spec"], labels: labels)
    }

    // MARK: Finding objects

    /// The Secret or ConfigMap `name` as a pod in `namespace` sees it, or nil when not in the input.
    func dataObject(_ kind: ObjectKeyReference.Kind, _ name: String, from namespace: String?) -> DataObject? {
        named(kind, name).last { $0.name.isReachable(from: namespace) }
    }

    /// An object of that kind and name in another namespace (for "it is in the wrong namespace").
    func elsewhere(_ kind: ObjectKeyReference.Kind, _ name: String, from namespace: String?) -> DataObject? {
        named(kind, name).first { !$0.name.isReachable(from: namespace) }
    }

    private func named(_ kind: ObjectKeyReference.Kind, _ name: String) -> [DataObject] {
        kind == .secret ? (secretsByName[name] ?? []).map { secrets[$0] } : (configMapsByName[name] ?? []).map { configMaps[$0] }
    }

    /// The cert-manager Certificate that writes Secret `name`, seen from `namespace`.
    func certificate(writing name: String, from namespace: String?) -> CertManagerCertificate? {
        certificates.last { $0.secretName == name && $0.name.isReachable(from: namespace) }
    }

    /// The facts the cross-checks read.
    var facts: KubernetesFacts {
        KubernetesFacts(workloads: pods.map(\.facts), services: services, certificates: certificates)
    }
}

/// A Secret or ConfigMap: its keys and their bytes.
struct DataObject: Sendable {
    var name: ObjectName
    /// `type` of a Secret (`kubernetes.io/tls`, `Opaque`).
    var type: String?
    var entries: [String: DataEntry] = [:]
    var location: Location
    var path: String
}

/// One key of a Secret or ConfigMap: its bytes and where it is written (positions, not nodes: an
/// inventory of a large dump keeps many of these).
struct DataEntry: Sendable {
    /// nil: the value is unusable (not base64; reported when read).
    var bytes: [UInt8]?
    var keyStart: YAMLMark
    var valueStart: YAMLMark
    var style: YAMLScalarStyle?
    var encoding: EmbeddedText.Encoding

    init(bytes: [UInt8]?, key: YAMLNode, value: YAMLNode, encoding: EmbeddedText.Encoding) {
        self.bytes = bytes
        keyStart = key.start
        valueStart = value.start
        style = value.style
        self.encoding = encoding
    }

    /// Where the text is, mapped back to `path`.
    func embedded(_ bytes: [UInt8], path: String, source: ManifestText?, what: String) -> EmbeddedText {
        EmbeddedText(bytes: bytes, style: style, valueStart: valueStart, keyStart: keyStart, path: path, encoding: encoding,
                     source: source, what: what)
    }
}

/// An OpenTelemetryCollector resource (opentelemetry-operator): its config is checked at resolution.
struct CollectorResource {
    var object: KubernetesObject
    /// The pods the operator makes for it (for a sidecar: the container it injects).
    var pod: PodTemplateSpec
    var sidecar: Bool
}
