/// The model of a deployment: every server and client the inputs describe, and the links between
/// them — a client matched to the server it reaches. Readers add facts; they never call each other.
/// `LinkChecks` judges each link from both ends.
public struct Deployment: Sendable {
    public var servers: [TLSServer] = []
    public var clients: [TLSClient] = []
    public var links: [Link] = []
    /// Pods, Services and cert-manager Certificates of the Kubernetes manifests, when there are some.
    public var kubernetes = KubernetesFacts()

    public init() {}

    public mutating func merge(_ other: Deployment) {
        // Into an empty model, share the other's arrays instead of copying them element by element
        // (a 1,000-job prometheus.yml has 2,000 clients).
        if servers.isEmpty { servers = other.servers } else { servers += other.servers }
        if clients.isEmpty { clients = other.clients } else { clients += other.clients }
        if links.isEmpty { links = other.links } else { links += other.links }
        kubernetes.merge(other.kubernetes)
    }
}

/// A client matched to the server it connects to.
public struct Link: Sendable, Hashable {
    public var client: TLSClient
    public var server: TLSServer
    /// What the client verifies the server's certificate against: a name or IP, or — for pod targets
    /// without a server name — any pod IP.
    public var verifiedName: VerifiedName
    /// What the client dials on the way to the server, for messages: `Service monitoring/node-exporter
    /// port https`, `static target node1:9100`; empty when it reaches the server's port directly (a
    /// PodMonitor, the kubelet).
    public var via: String
    /// The server's port the connection arrives at, as its container names it (`https`, `9187`).
    public var port: String?

    public init(client: TLSClient, server: TLSServer, verifiedName: VerifiedName? = nil, via: String, port: String? = nil) {
        self.client = client
        self.server = server
        self.verifiedName = verifiedName ?? client.verifiedName.map(VerifiedName.name) ?? .podIP
        self.via = via
        self.port = port
    }
}

/// The identity a client checks in the server's certificate.
public enum VerifiedName: Sendable, Hashable {
    /// A DNS name or an IP address, known statically.
    case name(String)
    /// A pod's IP, known only at run time: the certificate needs IP SANs for every pod (the node's IP
    /// for a pod on the host network).
    case podIP
}
