/// Checks of OTLP TLS settings: Collector and Tempo YAML, `OTEL_EXPORTER_OTLP_*` variables and
/// Parca-style flags (otlp.md §9: R1–R6 are errors, W1–W11 warnings).
extension Check {
    static let otlpIntro = """
        Checks of OTLP exporters and receivers: OpenTelemetry Collector configurations (every `tls:` block of
        receivers, exporters and extensions, with the `otlp`/`otlp_grpc` and `otlphttp`/`otlp_http` endpoints),
        Grafana Tempo configurations (`distributor.receivers`, dskit `tls_*` client keys, `server.*_tls_config`),
        the `OTEL_EXPORTER_OTLP_*` environment (`--env`, `--env-file`) and Parca's `--otlp-*` flags. The
        Collector's own `Validate` rules use its words (a search for its log line finds the finding); the
        failures it only hits at start-up (files, PEM, key match, cipher and curve names) and the settings that
        load but do not do what they say (`insecure` ignored, TLS to a plaintext port) come on top.
        `validate --connect` then opens a connection to each client endpoint with exactly the configured TLS
        settings and reports the probe's diagnosis. See docs/otlp.md.
        """

    static let otlpChecks: [Check] = [
        .unrecognizedConfig, .tlsBothFileAndPEM, .tlsIncompleteKeyPair, .tlsInvalidVersion, .serverTLSWithoutCertificate,
        .invalidCipherSuite, .insecureCiphersEnabled, .invalidCurve, .tpmInvalid, .legacyTLSPlacement,
        .endpointMissing, .endpointInvalid, .collectorInvalidSetting, .insecureWithCA, .insecureWithHTTPS,
        .grpcHTTPSchemeStillTLS, .receiverCAWithoutClientCA,
        .dskitTLSDisabled, .tempoClientsPlaintext, .otlpPortMismatch, .signalPathInBase, .signalPathMissing,
        .envInsecureIgnored, .envInvalidValue, .envUnknownVariable, .envSignalOverride, .envFileSyntax,
        .otlpPlaintext, .plaintextToTLS, .otlpConnected, .otlpNotConnected,
    ]

    static let unrecognizedConfig = Check(
        "unrecognized-config", .warning,
        summary: "A file named on the command line is not a web-config, Prometheus, Kubernetes, Collector or Tempo configuration.",
        help: "tlscheck detects the kind of each file from its top-level keys. A file found by walking a folder is skipped quietly when it is not one of these; a file named explicitly gets this warning. `--kind` forces a kind.",
        hint: "check the path, or force the kind with --kind web-config|prometheus|kubernetes|collector|tempo")

    // MARK: configtls Validate (R1) and load-time failures (R2)

    static let tlsBothFileAndPEM = Check(
        "tls-file-and-pem", .error,
        summary: "A TLS block sets both the file and the inline PEM form of the CA, certificate or key.",
        help: "The Collector refuses it: `provide either a CA file or the PEM-encoded string, but not both` (likewise for the certificate and key).",
        hint: "keep either the *_file key or the *_pem key")
    static let tlsIncompleteKeyPair = Check(
        "tls-incomplete-key-pair", .error,
        summary: "A certificate without its key, or a key without its certificate.",
        help: "The Collector refuses it (`TLS configuration must include both certificate and key`); dskit fails with `certificate given but no key configured`; the Go SDK and parca-agent silently ignore a client certificate without its key, so mTLS is off.",
        hint: "give both the certificate and its private key, or neither")
    static let tlsInvalidVersion = Check(
        "tls-invalid-version", .error,
        summary: "A TLS version the program does not accept (the Collector takes \"1.2\", dskit VersionTLS12).",
        help: "The Collector accepts `1.0`, `1.1`, `1.2`, `1.3` (`invalid TLS min_version: unsupported TLS version`); dskit (Tempo) takes `VersionTLS10` … `VersionTLS13` (`unknown minimum TLS version`). The two forms are often mixed up.",
        hint: "write the version in the program's own form")
    static let serverTLSWithoutCertificate = Check(
        "server-tls-without-certificate", .error,
        summary: "A receiver or server turns TLS on without a certificate and key.",
        help: "A receiver's `tls:` block (even `tls: {}`) needs cert_file and key_file: `TLS configuration must include both certificate and key for server connections`. A dskit server with only one of cert_file/key_file silently serves plaintext.",
        hint: "add cert_file and key_file, or remove the tls block to serve plaintext")
    static let invalidCipherSuite = Check(
        "invalid-cipher-suite", .error,
        summary: "A cipher suite name the program does not accept.",
        help: "The Collector takes names from Go's `tls.CipherSuites()` (`invalid TLS cipher suite: \"NAME\"`), and the names of `tls.InsecureCipherSuites()` only with `include_insecure_cipher_suites: true`. dskit takes both lists as one comma-separated string (`unsupported cipher suite`). OpenSSL names (ECDHE-RSA-AES128-GCM-SHA256) are not accepted.",
        hint: "use a Go/IANA name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
    static let insecureCiphersEnabled = Check(
        "insecure-ciphers-enabled", .warning,
        summary: "Insecure cipher suites (3DES, RC4, CBC-SHA256, RSA key exchange) are allowed.",
        help: "`include_insecure_cipher_suites: true` lets Go negotiate suites it considers broken or without forward secrecy.",
        hint: "remove the insecure suites and include_insecure_cipher_suites")
    static let invalidCurve = Check(
        "invalid-curve", .error,
        summary: "A curve name the Collector does not accept.",
        help: "Accepted: P256, P384, P521, X25519, X25519MLKEM768 (FIPS builds: the P curves only). The Collector's message prints the zero curve instead of the name (`invalid curve type: CurveID(0)`).",
        hint: "use P256, P384, P521, X25519 or X25519MLKEM768")
    static let tpmInvalid = Check(
        "tpm-invalid", .error,
        summary: "tls.tpm is enabled without a TPM path.",
        help: "The Collector fails at start-up with `TPM path is not set` on Linux.",
        hint: "set tpm.path, e.g. /dev/tpmrm0")
    static let legacyTLSPlacement = Check(
        "legacy-tls-placement", .error,
        summary: "TLS keys where Collector versions before v0.36 had them (`tls_settings`, `insecure` on the exporter).",
        help: "Collector v0.36.0 moved the client keys under `tls:` and renamed the receivers' `tls_settings` to `tls`; current versions fail with `has invalid keys: tls_settings` (grafana/tempo#1193).",
        hint: "move the keys under `tls:`")

    // MARK: Endpoints (R5)

    static let endpointMissing = Check(
        "endpoint-missing", .error,
        summary: "An exporter has no endpoint.",
        help: "otlp_grpc: `requires a non-empty \"endpoint\"` (`https://` alone counts as empty); otlp_http: `at least one endpoint must be specified`.",
        hint: "set endpoint, e.g. tempo:4317 (gRPC) or https://tempo:4318 (HTTP)")
    static let endpointInvalid = Check(
        "endpoint-invalid", .error,
        summary: "An endpoint that cannot be dialled: no port, a port that is not a number, a path on a gRPC endpoint, no scheme on an HTTP URL.",
        help: "gRPC endpoints are host:port (`missing port in address`, `invalid port \"443/api/prom/push\"`), `unix://` needs a path. OTLP/HTTP endpoints are URLs with http:// or https://; `host:4318` is read as a URL with scheme `host` and fails on every export. Parca's --otlp-address takes host:port without a scheme.",
        hint: "write host:port for gRPC, a full http(s):// URL for HTTP")
    static let collectorInvalidSetting = Check(
        "collector-invalid-setting", .error,
        summary: "An exporter setting the Collector's Validate rejects (timeout, retry, balancer).",
        help: "`'timeout' must be non-negative`, `randomization_factor value must be greater than or equal to 0`, `invalid balancer_name`. Not TLS, but the Collector will not start.",
        hint: "fix the value as the message says")

    // MARK: insecure / CA / scheme (W1–W5)

    static let insecureWithCA = Check(
        "insecure-with-ca", .warning,
        summary: "`insecure: true` together with a CA: the CA wins and the exporter uses TLS.",
        help: "The Collector builds a TLS config whenever a CA is set, so `insecure` is silently ignored (otlp.md §3).",
        hint: "remove insecure: true to make the intent clear, or remove the CA for plaintext")
    static let insecureWithHTTPS = Check(
        "insecure-with-https", .warning,
        summary: "`insecure: true` with an https:// endpoint: TLS is used anyway.",
        help: "gRPC: the https scheme turns TLS on; HTTP: the scheme decides, and `insecure` does not skip verification either (open-telemetry/opentelemetry-collector#4829). Use insecure_skip_verify to skip verification.",
        hint: "remove insecure: true, or use an http:// endpoint for plaintext")
    static let grpcHTTPSchemeStillTLS = Check(
        "grpc-http-scheme-tls", .warning,
        summary: "An http:// endpoint on the gRPC exporter without `insecure: true`: the Collector still uses TLS.",
        help: "Unlike the OTLP spec and the SDKs, the Collector's gRPC exporter strips http:// and keeps TLS on unless `tls.insecure: true` (otlp.md §3.1); against a plaintext receiver this fails with `first record does not look like a TLS handshake`.",
        hint: "add `tls: {insecure: true}` for plaintext, or write https:// if TLS is meant")
    static let receiverCAWithoutClientCA = Check(
        "receiver-ca-without-client-ca", .warning,
        summary: "ca_file on a receiver: it does not make the receiver verify clients.",
        help: "On a server, ca_file only fills RootCAs. Client certificates are required and verified only with client_ca_file (Tempo's documentation example has this mistake).",
        hint: "rename ca_file to client_ca_file to require client certificates signed by this CA")

    // MARK: Tempo / dskit (W7)

    static let dskitTLSDisabled = Check(
        "dskit-tls-disabled", .warning,
        summary: "dskit tls_* client keys while tls_enabled is false: they are ignored and the client is plaintext.",
        help: "dskit clients (Tempo's ingester_client, querier.frontend_worker, memberlist …) use TLS only with `tls_enabled: true`.",
        hint: "add tls_enabled: true")
    static let tempoClientsPlaintext = Check(
        "tempo-clients-plaintext", .warning,
        summary: "Tempo's gRPC server uses TLS but its internal clients do not.",
        help: "With server.grpc_tls_config set, the components talk to each other over TLS; clients without `tls_enabled: true` fail with `error reading server preface: EOF` (grafana/tempo#3478).",
        hint: "set tls_enabled: true (and tls_ca_path, tls_server_name) in the grpc_client_config blocks")

    // MARK: Ports and paths (W8)

    static let otlpPortMismatch = Check(
        "otlp-port-mismatch", .warning,
        summary: "OTLP/HTTP to port 4317 or OTLP/gRPC to port 4318.",
        help: "4317 is the OTLP/gRPC port and 4318 OTLP/HTTP. The wrong pairing fails with `malformed HTTP response \"\\x00\\x00\\x06\\x04…\"` or `error reading server preface: http2: frame too large`.",
        hint: "use 4317 for gRPC and 4318 for HTTP, or change the protocol")
    static let signalPathInBase = Check(
        "signal-path-in-base", .warning,
        summary: "A base endpoint that already ends in /v1/traces (or metrics, logs): the path is appended again.",
        help: "The generic OTEL_EXPORTER_OTLP_ENDPOINT and the otlp_http exporter's `endpoint` are bases; `/v1/traces` is appended, giving `/v1/traces/v1/traces` and HTTP 404.",
        hint: "remove the signal path, or use the per-signal setting (traces_endpoint, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)")
    static let signalPathMissing = Check(
        "signal-path-missing", .warning,
        summary: "A per-signal OTLP/HTTP endpoint without a path: data goes to `/`.",
        help: "Per-signal endpoints (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, traces_endpoint) are used as given; without `/v1/traces` the receiver answers 404.",
        hint: "append /v1/traces (/v1/metrics, /v1/logs)")

    // MARK: Environment (W9)

    static let envInsecureIgnored = Check(
        "env-insecure-ignored", .warning,
        summary: "OTEL_EXPORTER_OTLP_INSECURE with an http:// or https:// endpoint: SDKs disagree.",
        help: "The spec ignores INSECURE when the endpoint has a scheme; the Go SDK (Parca, most Go programs) applies it after the scheme, so `INSECURE=true` turns an https:// endpoint into plaintext there.",
        hint: "drop the INSECURE variable and let the scheme decide")
    static let envInvalidValue = Check(
        "env-invalid-value", .warning,
        summary: "An OTEL_EXPORTER_OTLP_* value the SDKs ignore (not true/false, an unknown protocol).",
        help: "Booleans are true only for case-insensitive `true`; protocols are grpc, http/protobuf or http/json. SDKs warn and use the default.",
        hint: "use true/false, or grpc, http/protobuf, http/json")
    static let envUnknownVariable = Check(
        "env-unknown-variable", .warning,
        summary: "An OTEL_EXPORTER_OTLP_* variable no SDK reads (usually a typo).",
        help: "Known suffixes: ENDPOINT, INSECURE, CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY, PROTOCOL, HEADERS, COMPRESSION, TIMEOUT, in the generic and the TRACES/METRICS/LOGS forms.",
        hint: "check the variable name")
    static let envSignalOverride = Check(
        "env-signal-override", .info,
        summary: "A per-signal variable overrides a different generic value.",
        help: "OTEL_EXPORTER_OTLP_TRACES_X wins over OTEL_EXPORTER_OTLP_X for traces. Intended sometimes, confusing often.",
        hint: "make sure the per-signal value is the one meant")
    static let envFileSyntax = Check(
        "env-file-syntax", .error,
        summary: "A line of an env file that is not KEY=VALUE, a comment or blank.",
        help: "Docker's --env-file and Kubernetes' envFrom read KEY=VALUE lines; other lines are refused or dropped.",
        hint: "write KEY=VALUE, or start the line with # to make it a comment")

    // MARK: Plaintext and connections (W10, --connect)

    static let otlpPlaintext = Check(
        "otlp-plaintext", .info,
        summary: "The exporter sends telemetry without TLS.",
        help: "Fine inside a host or a mesh; against a TLS backend it fails with `error reading server preface: EOF` (gRPC) or `http: server gave HTTP response to HTTPS client`. Parca's --otlp-insecure defaults to true. `--connect` finds out which the backend speaks.",
        hint: "if the backend serves TLS, turn TLS on (--otlp-insecure=false, tls.insecure: false, https://)")
    static let plaintextToTLS = Check(
        "plaintext-to-tls", .error,
        summary: "The client is configured for plaintext, but the endpoint speaks TLS (found by --connect).",
        help: "gRPC fails with `error reading server preface: EOF` or `http2: frame too large`; HTTP with a 400 or a reset connection (otlp.md §8 #2).",
        hint: "turn TLS on for this exporter (--otlp-insecure=false, remove tls.insecure, use https://)")
    static let otlpConnected = Check(
        "otlp-connected", .info,
        summary: "--connect reached the endpoint with the configured settings.",
        help: "The TLS handshake (or, for a plaintext client, the plaintext connection) worked as configured.")
    static let otlpNotConnected = Check(
        "otlp-not-connected", .warning,
        summary: "--connect could not try an endpoint with its configured settings.",
        help: "The CA or client certificate it names cannot be loaded (already reported by the static checks), or it uses inline PEM (ca_pem, cert_pem), which the probe does not take.",
        hint: "fix the files the static checks report, or use ca_file/cert_file to have the endpoint tested")
}
