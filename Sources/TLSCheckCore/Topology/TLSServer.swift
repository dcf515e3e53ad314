/// A TLS (or plaintext) server as its input configures it: what it serves and whom it accepts. An
/// exporter's web-config, a Collector receiver, Tempo's server block become one of these; Kubernetes
/// adds where it listens (pod labels, container ports, Services).
public struct TLSServer: Sendable, Hashable {
    /// How findings name the server: `web-config exporter/web.yml`, `receivers::otlp::protocols::grpc`.
    public var name: String
    public var dialect: ServerDialect
    /// Where the server's configuration is (the file, the `tls_server_config` key).
    public var origin: Location
    public var transport: Transport
    /// False: the server speaks plaintext.
    public var usesTLS: Bool
    /// The chain it presents, leaf first.
    public var certificate: MaterialReference?
    public var key: MaterialReference?
    /// True when the server makes up its own certificate at start (kube-rbac-proxy without
    /// `--tls-cert-file`): no CA a client can be given verifies it.
    public var signsOwnCertificate = false
    public var clientAuth: Stated<ClientAuthPolicy>?
    public var clientCA: MaterialReference?
    /// `client_allowed_sans`: a client certificate must carry one of these SANs.
    public var allowedSANs: Stated<[String]>?
    /// User name → bcrypt hash (`basic_auth_users`); empty: no basic auth.
    public var basicAuthUsers: [String: String] = [:]
    public var basicAuthLocation: Location?
    public var minVersion: Stated<TLSVersion>?
    public var maxVersion: Stated<TLSVersion>?
    /// Where it listens, when the input says (a container port, a `host:port` endpoint).
    public var listens: [ListenAddress] = []
    /// The pod template and container it runs in, when a Kubernetes manifest says.
    public var pod: PodPlacement?

    public init(name: String, dialect: ServerDialect, origin: Location, transport: Transport = .http, usesTLS: Bool) {
        self.name = name
        self.dialect = dialect
        self.origin = origin
        self.transport = transport
        self.usesTLS = usesTLS
    }

    /// The name without where it runs (`web-config /etc/web/web.yml`), for messages that say where
    /// separately.
    public var configurationName: String {
        guard let pod, name.hasSuffix(" in \(pod)") else { return name }
        return String(name.dropLast(" in \(pod)".count))
    }

    /// The address its clients verify when they set no server name: the node's IP for a pod on the
    /// host network, else the pod's.
    public var podAddressWord: String { pod?.hostNetwork == true ? "node IP" : "pod IP" }

    /// The client-auth policy in force (none when not set).
    public var policy: ClientAuthPolicy { clientAuth?.value ?? .none }

    /// Where a finding about `setting` points: where it is written, else the server's configuration.
    public func location(of setting: ServerSetting) -> Location {
        let written: Location? = switch setting {
        case .tls: nil
        case .certificate: certificate?.location
        case .key: key?.location
        case .clientAuth: clientAuth?.location
        case .clientCA: clientCA?.location
        case .allowedSANs: allowedSANs?.location
        case .basicAuthUsers: basicAuthLocation
        case .minVersion: minVersion?.location
        case .maxVersion: maxVersion?.location
        }
        return written ?? origin
    }
}

/// A place a server listens: a host (or none: every address) and a port, optionally named.
public struct ListenAddress: Sendable, Hashable {
    public var host: String?
    public var port: Int
    /// A container port's name (`https`, `metrics`), for Services and monitors that name ports.
    public var name: String?

    public init(host: String? = nil, port: Int, name: String? = nil) {
        self.host = host
        self.port = port
        self.name = name
    }
}
