/// `validate --connect` for prometheus.yml: a real handshake to every static target of a scrape job,
/// remote_write URL and alertmanager, with exactly that client's TLS settings, through the same
/// connector (and so the same probe engine and diagnoses) as the OTLP endpoints. This is only an
/// adapter: a `TLSClient` becomes what the connector dials, and the hints of its findings name the
/// client's own settings (`tls_config.ca_file`, `scheme`), never a probe flag.
public struct PrometheusConnector: Sendable {
    public var timeout: Duration

    public init(timeout: Duration = ProbeOptions.defaultTimeout) { self.timeout = timeout }

    /// Findings for every client of a prometheus.yml that has an address to dial, in client order.
    public func connect(_ clients: [TLSClient]) -> [Finding] {
        let dialled = clients.filter { $0.dialect == .prometheus }.compactMap { client in Self.endpoint(client).map { (client, $0) } }
        let findings = OTLPConnector(timeout: timeout).connect(dialled.map(\.1))
        // The connector returns one finding per endpoint, in order.
        guard findings.count == dialled.count else { return findings }
        return zip(dialled, findings).map { Self.inDialect($1, of: $0.0) }
    }

    /// What the connector dials for `client`; nil for targets only known at run time.
    public static func endpoint(_ client: TLSClient) -> OTLPEndpoint? {
        guard case .address(let host, let port) = client.target else { return nil }
        var endpoint = OTLPEndpoint(name: client.name, transport: client.transport == .grpc ? .grpc : .http, host: host, port: port,
                                    usesTLS: client.usesTLS, location: client.origin)
        func path(_ reference: MaterialReference?) -> String? {
            switch reference {
            case .source(.file(let path, _))?: return path
            case .source(.inline)?, .source(.decoded)?, .external?, .objectKey?, .scraperFile?:
                endpoint.usesInlinePEM = true  // not a file the probe can load: reported as not dialled
                return nil
            case nil: return nil
            }
        }
        endpoint.caFile = path(client.trust)
        endpoint.certificateFile = path(client.certificate)
        endpoint.keyFile = path(client.key)
        endpoint.serverName = client.serverName?.value
        endpoint.skipVerify = client.skipVerify?.value == true
        endpoint.dialect = client.dialect  // the probe's hints then name tls_config.ca_file, not --ca-file
        return endpoint
    }

    /// What the connector cannot word for a Prometheus client: the plaintext hint and why a client
    /// was not dialled (the probe's own diagnoses already speak the client's dialect).
    static func inDialect(_ finding: Finding, of client: TLSClient) -> Finding {
        var finding = finding
        if finding.code == Check.plaintextToTLS.code {
            finding.hint = "set \(client.dialect.spelled(.scheme)): https, with the server's CA in \(client.dialect.spelled(.trust))"
            return finding
        }
        if finding.code == Check.otlpNotConnected.code, finding.message.contains("inline PEM") {
            finding.message = "\(client.name): not dialled: its CA or client certificate is inline or a secret reference, which the probe does not take"
        }
        return finding
    }
}
