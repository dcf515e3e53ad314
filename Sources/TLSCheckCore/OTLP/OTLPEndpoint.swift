/// A client endpoint found in a configuration, with the TLS settings its client would really use
/// (after the insecure/CA/scheme rules): what `--connect` dials.
public struct OTLPEndpoint: Sendable, Hashable {
    public enum Transport: String, Sendable, Hashable {
        case grpc
        case http
    }

    /// What configured it: `exporters.otlp/tempo`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `--otlp-address`.
    public var name: String
    public var transport: Transport
    public var host: String
    public var port: Int
    /// False: the client sends plaintext.
    public var usesTLS: Bool
    /// Resolved paths (nil: system roots / no client certificate).
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?
    public var serverName: String?
    public var skipVerify = false
    /// Inline PEM (ca_pem, cert_pem) cannot be handed to the probe; `--connect` says so.
    public var usesInlinePEM = false
    /// Where findings about the connection point: the endpoint key, variable or flag.
    public var location: Location
    /// How the input that configured it names TLS settings, for hints (`tls.ca_file` in a Collector
    /// config, `OTEL_EXPORTER_OTLP_CERTIFICATE` in the environment).
    public var dialect: SettingDialect = .collector

    public init(name: String, transport: Transport, host: String, port: Int, usesTLS: Bool, location: Location) {
        self.name = name
        self.transport = transport
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
        self.location = location
    }

    /// `host:port`, with brackets for IPv6.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Splitting endpoints as Go does (`net.SplitHostPort`, `url.Parse`), with Go's error words.
enum EndpointSyntax {
    enum HostPort: Equatable {
        case ok(host: String, port: Int)
        /// Go's message, e.g. `address example.com: missing port in address`.
        case invalid(String)
    }

    /// `host:port` as gRPC's dialer and the Collector's validation read it.
    static func hostPort(_ text: String) -> HostPort {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .invalid("address \(text): missing ']' in address") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return .invalid("address \(text): missing port in address") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .invalid("address \(text): missing port in address") }
            host = text[..<colon]
            if host.contains(":") { return .invalid("address \(text): too many colons in address") }
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            return .invalid("invalid port \"\(portText)\"")
        }
        return .ok(host: String(host), port: port)
    }

    struct URLParts {
        var scheme: String
        var host: String
        var port: Int?
        var path: String
    }

    /// `scheme://host[:port][/path]`; nil without `://`.
    static func url(_ text: String) -> URLParts? {
        guard let range = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound].lowercased()
        var rest = text[range.upperBound...]
        var path = ""
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var host = String(rest)
        var port: Int?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let tail = rest[rest.index(after: close)...]
            if tail.hasPrefix(":") { port = Int(tail.dropFirst()) ?? -1 }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        }
        return URLParts(scheme: scheme, host: host, port: port, path: path)
    }

    static let signalPaths = ["/v1/traces", "/v1/metrics", "/v1/logs", "/v1development/profiles"]
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
