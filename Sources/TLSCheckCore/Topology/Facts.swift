/// The small values the deployment model is made of. Every reader (web-config, Collector, Tempo,
/// Prometheus, monitors, manifests, environment, flags) states facts with these; the cross-checks read
/// them. A fact carries where the input states it, so a finding about it points there.

/// A value and where the input states it.
public struct Stated<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: Location

    public init(_ value: Value, at location: Location) {
        self.value = value
        self.location = location
    }
}

/// Where the certificates or the key of a setting come from.
public enum MaterialReference: Sendable, Hashable {
    /// Material tlscheck can read: a file, inline PEM, or the bytes of a Secret key found in the input.
    case source(MaterialSource)
    /// Material that is named but not in the input — a Secret or ConfigMap not given, a cert-manager
    /// Certificate's Secret, a file on another machine. `what` says which, for a finding that says what
    /// could not be checked ("Secret monitoring/exporter-tls key ca.crt").
    case external(what: String, at: Location)
    /// A key of a Secret or ConfigMap (a monitor's `tlsConfig.ca.secret`), which the Kubernetes reader
    /// resolves against the objects in the input into `.source` or `.external`.
    case objectKey(ObjectKeyReference, at: Location)
    /// A file in the Prometheus container (a ServiceMonitor's `caFile`, `certFile`, `keyFile`), which
    /// the Kubernetes reader resolves through the Prometheus resources of the input (`spec.secrets`
    /// at /etc/prometheus/secrets/NAME/, `spec.configMaps` at /etc/prometheus/configmaps/NAME/).
    case scraperFile(path: String, at: Location)

    /// Where findings about this material point.
    public var location: Location {
        switch self {
        case .source(let source): source.location
        case .external(_, let at), .objectKey(_, let at), .scraperFile(_, let at): at
        }
    }

    /// The readable source, if there is one.
    public var source: MaterialSource? {
        if case .source(let source) = self { return source }
        return nil
    }
}

/// The transport above TLS, which decides what ALPN a client offers and what a plaintext/TLS mix-up
/// looks like (an HTTP 400, or gRPC's `error reading server preface`).
public enum Transport: String, Sendable, Hashable {
    case http
    case grpc
}

/// Client authentication a TLS server asks for: Go's `tls.ClientAuthType`, spelled as the
/// exporter-toolkit's `client_auth_type` spells it.
public enum ClientAuthPolicy: String, Sendable, Hashable, CaseIterable {
    case none = "NoClientCert"
    case request = "RequestClientCert"
    case requireAny = "RequireAnyClientCert"
    case verifyIfGiven = "VerifyClientCertIfGiven"
    case requireAndVerify = "RequireAndVerifyClientCert"

    /// Reads the toolkit's names (`RequireClientCert` is its old spelling of `RequireAnyClientCert`).
    public init?(toolkitName name: String) {
        if name == "RequireClientCert" {
            self = .requireAny
            return
        }
        if name.isEmpty {
            self = .none
            return
        }
        self.init(rawValue: name)
    }

    /// A client without a certificate is refused.
    public var requiresCertificate: Bool { self == .requireAny || self == .requireAndVerify }
    /// A certificate the client sends must chain to the client CA.
    public var verifiesCertificate: Bool { self == .verifyIfGiven || self == .requireAndVerify }
    /// The server sends a CertificateRequest.
    public var asksForCertificate: Bool { self != .none }
}

/// A port as Kubernetes objects name it: a number, or the name of a container or Service port.
public enum PortReference: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case name(String)

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .name(let name): name
        }
    }
}

/// A Kubernetes label selector (`matchLabels` and `matchExpressions`).
public struct LabelSelector: Sendable, Hashable {
    public struct Requirement: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable {
            case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist"
        }
        public var key: String
        public var `operator`: Operator
        public var values: [String]

        public init(key: String, operator: Operator, values: [String]) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether `labels` satisfy the selector, as the API server decides. An empty selector matches
    /// everything (a Service's empty selector is handled by its reader: it selects nothing).
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for requirement in matchExpressions {
            let value = labels[requirement.key]
            switch requirement.operator {
            case .in: guard let value, requirement.values.contains(value) else { return false }
            case .notIn: if let value, requirement.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }
}

/// Where a client connects, as its input states it.
public enum ClientTarget: Sendable, Hashable {
    /// A host name or IP address and a port: a static target, a URL, an endpoint setting.
    case address(host: String, port: Int)
    /// The pods behind a selection, each reached at its own IP (ServiceMonitor endpoints, PodMonitor
    /// targets): with no server name set, the name verified is a pod IP (kubernetes.md §1.4).
    case pods(PodSelection)
    /// Targets found by service discovery that tlscheck does not follow (`consul_sd_configs`…).
    case discovered(mechanism: String)

    /// The host a client verifies when no server name is set; nil when it is not known statically
    /// (for pod targets it is an IP address, but which one only the cluster knows).
    public var host: String? {
        if case .address(let host, _) = self { return host }
        return nil
    }
}

/// Pods a monitor selects, directly (PodMonitor) or through Services (ServiceMonitor).
public struct PodSelection: Sendable, Hashable {
    public enum Through: Sendable, Hashable {
        /// Services whose labels match; then their endpoints (the pods their own selectors choose).
        case services
        /// Pods whose labels match.
        case pods
    }

    public var through: Through
    /// Namespaces searched; empty: the monitor's own namespace (`namespaceSelector.any`: nil).
    public var namespaces: [String]?
    public var selector: LabelSelector
    /// The Service port (ServiceMonitor `port`) or container port (PodMonitor `port`).
    public var port: PortReference?
    /// A ServiceMonitor's `targetPort`: the container port of the pods behind the Services, by name or
    /// number (the Operator keeps targets whose container port matches, whatever the Service's ports).
    public var targetPort: PortReference?

    public init(through: Through, namespaces: [String]?, selector: LabelSelector, port: PortReference?, targetPort: PortReference? = nil) {
        self.through = through
        self.namespaces = namespaces
        self.selector = selector
        self.port = port
        self.targetPort = targetPort
    }
}

/// Basic-auth credentials a client sends. The password is nil when tlscheck cannot see it (a
/// `password_file` on another machine, a Secret not in the input).
public struct BasicAuthCredentials: Sendable, Hashable {
    public var username: String
    public var password: String?
    public var location: Location
    /// Where a monitor's `basicAuth` takes them: Secret keys, which the Kubernetes reader resolves
    /// against the input (and then clears). A user name still behind a key is not known: the
    /// credentials are not checked.
    public var usernameKey: ObjectKeyReference?
    public var passwordKey: ObjectKeyReference?

    public init(username: String, password: String?, at location: Location) {
        self.username = username
        self.password = password
        self.location = location
    }

    /// True when the user name is known (written, or read from its Secret).
    public var isKnown: Bool { usernameKey == nil }
}

/// A key of a Kubernetes Secret or ConfigMap.
public struct ObjectKeyReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case secret = "Secret"
        case configMap = "ConfigMap"
    }

    public var kind: Kind
    /// nil: the namespace of the object that refers to it, when that is not known either.
    public var namespace: String?
    public var name: String
    public var key: String

    public init(kind: Kind, namespace: String?, name: String, key: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.key = key
    }

    /// `Secret monitoring/exporter-tls key ca.crt`.
    public var description: String {
        "\(kind.rawValue) \(namespace.map { "\($0)/" } ?? "")\(name) key \(key)"
    }
}
