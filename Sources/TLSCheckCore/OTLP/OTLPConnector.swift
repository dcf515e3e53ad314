/// `validate --connect`: one real connection per client endpoint, through the probe engine, with
/// exactly the TLS settings its client would use (CA or system roots, client certificate, server name,
/// skip-verify; ALPN h2 for gRPC). A plaintext client must find a port that does not speak TLS.
public struct OTLPConnector: Sendable {
    public var timeout: Duration

    public init(timeout: Duration = ProbeOptions.defaultTimeout) { self.timeout = timeout }

    /// Findings in endpoint order, located at each endpoint's key, variable or flag.
    public func connect(_ endpoints: [OTLPEndpoint]) -> [Finding] {
        var results: [[Finding]] = Array(repeating: [], count: endpoints.count)
        // Endpoints with the same settings share one Prober (one trust store load), probed concurrently.
        var groups: [(settings: Settings, indices: [Int])] = []
        for (index, endpoint) in endpoints.enumerated() {
            if endpoint.usesInlinePEM && endpoint.usesTLS {
                results[index] = [Finding(.otlpNotConnected, "\(endpoint.name): not dialled: it uses inline PEM (ca_pem, cert_pem, key_pem)",
                                          at: endpoint.location)]
                continue
            }
            let settings = Settings(endpoint)
            if let group = groups.firstIndex(where: { $0.settings == settings }) {
                groups[group].indices.append(index)
            } else {
                groups.append((settings, [index]))
            }
        }
        for (settings, indices) in groups {
            let prober: Prober
            do {
                prober = try Prober(options: settings.options(timeout: timeout))
            } catch {
                for index in indices {
                    results[index] = [Finding(.otlpNotConnected, "\(endpoints[index].name): not dialled: \(error.message)",
                                              at: endpoints[index].location, hint: error.hint)]
                }
                continue
            }
            let targets = indices.map { ProbeTarget(host: endpoints[$0].host, port: endpoints[$0].port) }
            var next = 0
            prober.probe(targets, concurrency: min(16, targets.count)) { result in
                let index = indices[next]
                next += 1
                results[index] = judge(endpoints[index], result)
            }
        }
        return results.flatMap { $0 }
    }

    /// The probe's verdict, from the configured client's point of view.
    func judge(_ endpoint: OTLPEndpoint, _ result: ProbeResult) -> [Finding] {
        let name = "\(endpoint.name) (\(endpoint.address))"
        let unreachable: Set<Check> = [.dnsFailure, .connectionRefused, .connectTimeout, .connectFailed]
        if !endpoint.usesTLS {
            // A server that asked for a client certificate spoke TLS, even though the probe had none.
            let answeredTLS = ["client-cert-required", "client-cert-rejected"].contains(result.diagnosis?.code ?? "")
            if result.success || answeredTLS {
                let version = result.negotiated.map { " (\($0.version))" } ?? ""
                return [Finding(.plaintextToTLS,
                                "\(name): this client sends plaintext, but the endpoint completed a TLS handshake\(version): \(endpoint.transport == .grpc ? "gRPC fails with `error reading server preface: EOF`" : "requests fail with HTTP 400 or a reset connection")",
                                at: endpoint.location, hint: plaintextHint(endpoint))]
            }
            if let diagnosis = result.diagnosis, unreachable.contains(diagnosis.check) {
                return [finding(diagnosis, result, endpoint, name)]
            }
            return [Finding(.otlpConnected, "\(name): the endpoint does not speak TLS, as this plaintext client expects", at: endpoint.location)]
        }
        if let diagnosis = result.diagnosis {
            var finding = finding(diagnosis, result, endpoint, name)
            if endpoint.dialect == .parca, endpoint.caFile == nil,
                [.unknownAuthority, .serverCertSelfSigned, .serverChainIncomplete].contains(diagnosis.check) {
                finding.hint = "Parca has no CA flag: give the backend's CA in OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE (here: --otlp-ca-file); " + (finding.hint ?? "")
            }
            return [finding]
        }
        let negotiated = result.negotiated.map { "\($0.version)\($0.alpn.map { ", ALPN \($0)" } ?? "")" } ?? "TLS"
        return [Finding(.otlpConnected, "\(name): connected with the configured settings (\(negotiated)\(endpoint.skipVerify ? ", verification skipped" : ", verified"))",
                        at: endpoint.location)]
    }

    private func finding(_ diagnosis: Diagnosis, _ result: ProbeResult, _ endpoint: OTLPEndpoint, _ name: String) -> Finding {
        Finding(diagnosis.check, "\(name): \(diagnosis.message)", at: endpoint.location, hint: diagnosis.hint, severity: .error)
    }

    private func plaintextHint(_ endpoint: OTLPEndpoint) -> String {
        switch endpoint.name {
        case "--otlp-address": "pass --otlp-insecure=false (Parca v0.23.0 and later)"
        case let name where name.hasPrefix("OTEL_"): "use an https:// endpoint and drop OTEL_EXPORTER_OTLP_INSECURE"
        default: endpoint.transport == .grpc ? "remove tls.insecure: true (and use the server's CA in tls.ca_file)" : "use an https:// endpoint"
        }
    }

    /// What makes two endpoints' probes differ.
    struct Settings: Hashable {
        var caFile: String?
        var certificateFile: String?
        var keyFile: String?
        var serverName: String?
        var verify: Bool
        var grpc: Bool
        var dialect: SettingDialect

        init(_ endpoint: OTLPEndpoint) {
            caFile = endpoint.usesTLS ? endpoint.caFile : nil
            certificateFile = endpoint.usesTLS ? endpoint.certificateFile : nil
            keyFile = endpoint.usesTLS ? endpoint.keyFile : nil
            serverName = endpoint.usesTLS ? endpoint.serverName : nil
            // A plaintext client's probe only asks "does this port speak TLS?".
            verify = endpoint.usesTLS && !endpoint.skipVerify
            grpc = endpoint.transport == .grpc
            dialect = endpoint.dialect
        }

        func options(timeout: Duration) -> ProbeOptions {
            var options = ProbeOptions()
            options.caFile = caFile
            options.certificateFile = certificateFile
            options.keyFile = keyFile
            options.serverName = serverName
            options.insecure = !verify
            // HTTP clients fall back to HTTP/1.1 when h2 is not chosen; only gRPC needs h2.
            options.alpn = grpc ? ["h2"] : ["http/1.1"]
            options.timeout = timeout
            options.dialect = dialect
            return options
        }
    }
}
