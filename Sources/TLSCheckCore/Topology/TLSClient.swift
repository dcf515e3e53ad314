/// A TLS client as its input configures it: where it connects and with which settings. Prometheus
/// scrape jobs, remote_write and alerting, Operator monitors, Collector exporters, OTLP environment
/// variables, Parca's flags and `probe`'s own flags all become one of these, so the checks of a
/// client's settings (`ClientChecks`) and of a connection (`LinkChecks`) are written once.
public struct TLSClient: Sendable, Hashable {
    /// How findings name the client: `job "node"`, `ServiceMonitor monitoring/node endpoint 0`,
    /// `exporters::otlp/tempo`.
    public var name: String
    /// How the input spells each setting, for hints.
    public var dialect: SettingDialect
    /// Where the client is defined (its `job_name`, endpoint item, exporter key): findings about a
    /// setting that is not written point here.
    public var origin: Location
    public var target: ClientTarget
    public var transport: Transport
    /// True: the client speaks TLS (an `https` scheme, `insecure: false`…).
    public var usesTLS: Bool
    /// Where the scheme (or `insecure`, or the endpoint's `http://`) is written; nil: the default.
    public var schemeLocation: Location?
    /// Trust anchors for the server's chain; nil: the system store.
    public var trust: MaterialReference?
    public var serverName: Stated<String>?
    public var certificate: MaterialReference?
    public var key: MaterialReference?
    public var skipVerify: Stated<Bool>?
    public var minVersion: Stated<TLSVersion>?
    public var maxVersion: Stated<TLSVersion>?
    public var basicAuth: BasicAuthCredentials?
    /// An `Authorization` the client sends that is not basic auth (`Bearer`, from `authorization`,
    /// `bearer_token`, a probe's header): the scheme and where it is set.
    public var authorizationScheme: Stated<String>?
    /// Where the TLS settings block is (`tls_config:`, `tlsConfig:`, `tls:`), for a finding about all
    /// of it (settings unused under a plaintext scheme); nil when there is none.
    public var settingsLocation: Location?
    /// True when the program builds its TLS configuration even for a plaintext client (prometheus/common
    /// does, for every job): broken material and versions out of order then still fail, scheme or not.
    public var loadsUnusedSettings = false
    /// The pod template and container it runs in, when a Kubernetes manifest says.
    public var pod: PodPlacement?

    public init(
        name: String, dialect: SettingDialect, origin: Location, target: ClientTarget, transport: Transport = .http,
        usesTLS: Bool
    ) {
        self.name = name
        self.dialect = dialect
        self.origin = origin
        self.target = target
        self.transport = transport
        self.usesTLS = usesTLS
    }

    /// True when verification is on (no skip-verify).
    public var verifies: Bool { skipVerify?.value != true }

    /// Whether any TLS setting is written (trust, name, client certificate, skip-verify, versions).
    public var hasTLSSettings: Bool {
        trust != nil || serverName != nil || certificate != nil || key != nil || skipVerify != nil
            || minVersion != nil || maxVersion != nil
    }

    /// Where a finding about `setting` points: where it is written, else where the client is defined.
    public func location(of setting: ClientSetting) -> Location {
        let written: Location? = switch setting {
        case .scheme: schemeLocation
        case .trust: trust?.location
        case .serverName: serverName?.location
        case .certificate: certificate?.location
        case .key: key?.location
        case .skipVerify: skipVerify?.location
        case .minVersion: minVersion?.location
        case .maxVersion: maxVersion?.location
        }
        return written ?? settingsLocation ?? origin
    }

    /// The name the client checks the certificate against: the server name if set, else the host it
    /// dials; nil when that is a pod IP or otherwise unknown before run time.
    public var verifiedName: String? { serverName?.value ?? target.host }
}
