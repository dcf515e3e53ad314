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
    /// Why they are linked, for messages: "selects Service monitoring/node-exporter port https".
    public var via: String

    public init(client: TLSClient, server: TLSServer, verifiedName: VerifiedName? = nil, via: String) {
        self.client = client
        self.server = server
        self.verifiedName = verifiedName ?? client.verifiedName.map(VerifiedName.name) ?? .podIP
        self.via = via
    }
}

/// The identity a client checks in the server's certificate.
public enum VerifiedName: Sendable, Hashable {
    /// A DNS name or an IP address, known statically.
    case name(String)
    /// A pod's IP, known only at run time: the certificate needs IP SANs for every pod.
    case podIP
}
