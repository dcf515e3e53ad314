/// OTLP settings given as Parca takes them (otlp.md §5.1): `--otlp-address HOST:PORT`,
/// `--otlp-insecure` (default true), `--otlp-exporter grpc|http|stdout`. Parca has no CA flag; the CA
/// it can use comes from `OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE`, which `caFile` stands for.
public struct ParcaFlags: Sendable, Hashable {
    public var address: String
    /// Parca's default is true: plaintext.
    public var insecure: Bool
    /// False when --otlp-insecure was not given (the default applies).
    public var insecureGiven: Bool
    public var exporter: String
    public var caFile: String?

    public init(address: String, insecure: Bool = true, insecureGiven: Bool = false, exporter: String = "grpc", caFile: String? = nil) {
        self.address = address
        self.insecure = insecure
        self.insecureGiven = insecureGiven
        self.exporter = exporter
        self.caFile = caFile
    }
}

public struct ParcaFlagsChecker: Sendable {
    public var context: CheckContext

    public init(context: CheckContext = CheckContext()) { self.context = context }

    public func check(_ flags: ParcaFlags) -> ConfigValidation {
        let at = Location(path: "flags")
        var findings: [Finding] = []
        func done() -> ConfigValidation { ConfigValidation(report: Report(findings: findings, inputs: ["flags"])) }
        guard ["grpc", "http", "stdout"].contains(flags.exporter) else {
            findings.append(Finding(.envInvalidValue, "--otlp-exporter=\(flags.exporter): Parca accepts grpc, http or stdout", at: at,
                                    hint: "use --otlp-exporter=grpc (the default) or http", severity: .error))
            return done()
        }
        if flags.address.isEmpty || flags.exporter == "stdout" { return done() }
        if let scheme = flags.address.firstRange(of: "://") {
            let bare = flags.address[scheme.upperBound...].split(separator: "/").first.map(String.init) ?? ""
            findings.append(Finding(.endpointInvalid,
                                    "--otlp-address=\(flags.address) has a scheme; Parca passes it to the Go SDK's WithEndpoint, which takes host:port only, so no span is ever exported",
                                    at: at, hint: "write --otlp-address=\(bare.isEmpty ? "HOST:PORT" : bare)\(flags.address.hasPrefix("https") ? " --otlp-insecure=false" : "")"))
            return done()
        }
        guard case .ok(let host, let port) = EndpointSyntax.hostPort(flags.address) else {
            if case .invalid(let reason) = EndpointSyntax.hostPort(flags.address) {
                findings.append(Finding(.endpointInvalid, "--otlp-address=\(flags.address): \(reason)", at: at,
                                        hint: "write --otlp-address=HOST:PORT, e.g. tempo:4317"))
            }
            return done()
        }
        let grpc = flags.exporter == "grpc"
        if grpc && port == 4318 || !grpc && port == 4317 {
            findings.append(Finding(.otlpPortMismatch,
                                    "--otlp-address=\(flags.address) with --otlp-exporter=\(flags.exporter): \(port == 4317 ? "4317 is OTLP/gRPC" : "4318 is OTLP/HTTP")",
                                    at: at, hint: grpc ? "use port 4317, or --otlp-exporter=http" : "use port 4318, or --otlp-exporter=grpc"))
        }
        var usesTLS = !flags.insecure
        if let caFile = flags.caFile {
            findings += MaterialChecker(context: context).checkCABundle(.file(path: caFile, at: at), purpose: .server)
            if flags.insecure {
                if grpc {
                    usesTLS = true  // Go SDK: TLS credentials win over WithInsecure
                    findings.append(Finding(.insecureWithCA,
                                            "--otlp-insecure=true with a CA (OTEL_EXPORTER_OTLP_CERTIFICATE): the Go gRPC exporter uses TLS anyway, since TLS credentials win over WithInsecure",
                                            at: at, hint: "pass --otlp-insecure=false to make it explicit"))
                } else {
                    findings.append(Finding(.tlsSettingsUnused,
                                            "--otlp-insecure=true with a CA (OTEL_EXPORTER_OTLP_CERTIFICATE): the Go HTTP exporter refuses to start (insecure HTTP endpoint cannot use TLS client configuration)",
                                            at: at, hint: "pass --otlp-insecure=false", severity: .error))
                }
            }
        }
        if !usesTLS {
            let why = flags.insecureGiven ? "--otlp-insecure=true" : "--otlp-insecure defaults to true"
            findings.append(Finding(.otlpPlaintext,
                                    "traces go to \(flags.address) without TLS (\(why)); a TLS backend such as Tempo with TLS fails with `error reading server preface: EOF`",
                                    at: at, hint: "if the backend serves TLS, pass --otlp-insecure=false (Parca v0.23.0 and later); --connect tells which it speaks"))
        }
        var endpoint = OTLPEndpoint(name: "--otlp-address", transport: grpc ? .grpc : .http, host: host, port: port, usesTLS: usesTLS, location: at)
        endpoint.caFile = flags.caFile
        endpoint.dialect = .parca
        return ConfigValidation(report: Report(findings: findings, inputs: ["flags"]), endpoints: [endpoint])
    }
}
