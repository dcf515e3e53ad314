/// One Kubernetes object of a manifest stream, as the reader of its kind receives it.
public struct KubernetesObject: Sendable {
    /// `v1`, `apps/v1`, `monitoring.coreos.com/v1`.
    public let apiVersion: String
    public let kind: String
    public let name: String
    /// `metadata.namespace`; nil when the manifest leaves it to `kubectl apply -n`.
    public let namespace: String?
    public let labels: [String: String]
    /// The object's mapping (a document root, or an item of a `List`).
    public let node: YAMLNode
    /// The file it was read from, for locations.
    public let path: String

    /// The API group: `monitoring.coreos.com`, or "" for the core group (`v1`).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// `ServiceMonitor monitoring/node-exporter`, for messages.
    public var displayName: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }

    public func location(_ node: YAMLNode) -> Location { node.start.location(in: path) }

    /// Reads the object fields every reader needs; nil when `node` is not an object.
    init?(_ node: YAMLNode, path: String) {
        guard let apiVersion = node["apiVersion"]?.text, let kind = node["kind"]?.text else { return nil }
        self.apiVersion = apiVersion
        self.kind = kind
        let metadata = node["metadata"]
        name = metadata?["name"]?.text ?? ""
        namespace = metadata?["namespace"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        var labels: [String: String] = [:]
        for pair in metadata?["labels"]?.pairs ?? [] {
            if let key = pair.key.text, let value = pair.value.text { labels[key] = value }
        }
        self.labels = labels
        self.node = node
        self.path = path
    }
}

/// One manifest file (or standard input) of a run: its bytes (its documents are parsed one at a time
/// when it is read, so a large stream never has all its nodes in memory), or documents already parsed.
public struct ManifestFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public var documents: [YAMLDocument]?

    public init(path: String, bytes: [UInt8], documents: [YAMLDocument]? = nil) {
        self.path = path
        self.bytes = bytes
        self.documents = documents
    }
}

/// Reads a stream of Kubernetes manifests — every document of a file (`helm template`, `kustomize
/// build`, `kubectl get -o yaml`), `List` kinds included — and hands each object to the reader of its
/// kind. Objects of kinds tlscheck does not read are passed over quietly.
public struct ManifestReader: Sendable {
    public var context: CheckContext

    public init(context: CheckContext) { self.context = context }

    /// True when a document looks like a Kubernetes object (or a `List` of them).
    public static func isManifest(_ root: YAMLNode?) -> Bool {
        root?["apiVersion"]?.text != nil && root?["kind"]?.text != nil
    }

    /// Every object of every document of `bytes`, with the YAML findings of each document.
    public func read(_ documents: [YAMLDocument], path: String, bytes: [UInt8] = []) -> ConfigValidation {
        read([ManifestFile(path: path, bytes: bytes, documents: documents)])
    }

    /// The manifests of one run — files of a folder, documents of standard input — as one
    /// deployment: every object is read first, then mounts, references and embedded configurations
    /// are resolved across all of them.
    public func read(_ files: [ManifestFile]) -> ConfigValidation {
        var result = ConfigValidation(report: Report(inputs: files.map(\.path)))
        var inventory = ManifestInventory()
        var clients: [TLSClient] = []
        for file in files {
            inventory.sources[file.path] = file.bytes
            func take(_ document: YAMLDocument) {
                result.report.findings += document.findings
                guard let root = document.root else { return }
                for object in objects(in: root, path: file.path) {
                    inventory.add(object)
                    var read = read(object)
                    // Monitors' Secret keys are resolved against the whole input below.
                    clients += read.deployment.clients
                    read.deployment.clients = []
                    result.append(read)
                }
            }
            if let documents = file.documents {
                documents.forEach(take)
            } else {
                YAMLParser.forEachDocument(file.bytes, path: file.path, take)
            }
        }
        var resolver = ManifestResolver(inventory: inventory, context: context)
        result.append(resolver.run(clients: clients))
        let linked = checkLinks(&result.deployment)
        // A link that proves a failure says more than the client's own finding that it may happen: the
        // pod-IP name that fails, the plaintext sender whose receiver serves TLS.
        let superseded: [(proof: Check, maybe: Check)] = [(.hostnameMismatch, .ipTargetWithoutServerName), (.plaintextToTLS, .otlpPlaintext)]
        for (proof, maybe) in superseded {
            let proven = Set(linked.filter { $0.check == proof }.map(\.location))
            result.report.findings.removeAll { $0.check == maybe && proven.contains($0.location) }
        }
        result.report.findings += linked
        return result
    }

    /// Both ends of every connection the deployment's facts allow to match (`kubernetesLinks`).
    func checkLinks(_ deployment: inout Deployment) -> [Finding] {
        let (links, notes) = deployment.kubernetesLinks()
        deployment.links = links
        var materials = MaterialFindings(files: .nowhere)
        let checks = LinkChecks(context: context, kubernetes: deployment.kubernetes)
        // Objects given twice (a folder holding a base and its copy) link twice: say each thing once.
        var seen = Set<Finding>()
        return links.flatMap { checks.check($0, materials: &materials) }.filter { seen.insert($0).inserted } + notes
    }

    /// The objects of a document: itself, or the items of a `List` (`kubectl get -o yaml`).
    func objects(in root: YAMLNode, path: String) -> [KubernetesObject] {
        guard let object = KubernetesObject(root, path: path) else { return [] }
        if object.kind == "List" || object.kind.hasSuffix("List"), let items = root["items"]?.items {
            return items.flatMap { objects(in: $0, path: path) }
        }
        return [object]
    }

    /// The reader of one object's kind.
    func read(_ object: KubernetesObject) -> ConfigValidation {
        switch (object.group, object.kind) {
        case ("monitoring.coreos.com", "ServiceMonitor"), ("monitoring.coreos.com", "PodMonitor"),
             ("monitoring.coreos.com", "Probe"), ("monitoring.coreos.com", "ScrapeConfig"):
            return MonitorReader(context: context).read(object)
        default:
            return ConfigValidation()
        }
    }
}
