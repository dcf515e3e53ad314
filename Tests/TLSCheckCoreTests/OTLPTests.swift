import Foundation
import Testing

@testable import TLSCheckCore

/// The OTLP rules (otlp.md §9, R1–R6 errors, W1–W11 warnings) on in-memory configs, with positions.
@Suite struct OTLPTests {
    struct Seen: Equatable, CustomStringConvertible {
        let code: String
        let line: Int?
        let column: Int?
        init(_ code: String, _ line: Int?, _ column: Int?) {
            self.code = code
            self.line = line
            self.column = column
        }
        var description: String { "\(code)@\(line ?? 0):\(column ?? 0)" }
    }

    let context = CheckContext(now: Date(timeIntervalSince1970: 1_780_000_000), checkFiles: false)

    func validate(_ yaml: String, kind: ConfigKind? = nil) -> ConfigValidation {
        ConfigValidator(context: context, kind: kind).validate(text: yaml, path: "/nonexistent/config.yaml")
    }

    /// Findings other than notes, as code@line:col.
    func seen(_ yaml: String, kind: ConfigKind? = nil) -> [Seen] {
        validate(yaml, kind: kind).report.findings.filter { $0.severity != .info }
            .map { Seen($0.code, $0.location.line, $0.location.column) }
    }

    func message(_ yaml: String, _ code: String) -> String? {
        validate(yaml).report.findings.first { $0.code == code }?.message
    }

    // MARK: Kind detection

    @Test func detectsKinds() {
        func kind(_ yaml: String) -> ConfigKind { ConfigKind.detect(YAMLParser.parse(Array(yaml.utf8), path: "x").root) }
        #expect(kind("tls_server_config:\n  cert_file: a\n") == .webConfig)
        #expect(kind("receivers:\n  otlp:\nexporters: {}\n") == .collector)
        #expect(kind("distributor:\n  receivers: {}\n") == .tempo)
        #expect(kind("server:\n  http_listen_port: 3200\n") == .tempo)
        #expect(kind("protocols:\n  grpc:\n") == .otlpReceiver)
        #expect(kind("endpoint: a:1\ntimeout: 1s\n") == .otlpExporter)
        #expect(kind("traces_endpoint: https://a/v1/traces\n") == .otlpHTTPExporter)
        #expect(kind("services:\n  web:\n    image: nginx\n") == .unknown)
        #expect(kind("- a\n- b\n") == .unknown)
    }

    @Test func unrelatedFileNamedExplicitlyIsReported() {
        let result = ConfigValidator(context: context).validate(text: "services:\n  web: {}\n", path: "compose.yaml")
        #expect(result.report.findings.map(\.code) == ["unrecognized-config"])
        let walked = ConfigValidator(context: context).validate(text: "services:\n  web: {}\n", path: "compose.yaml", explicit: false)
        #expect(walked.report.findings.isEmpty && walked.report.inputs.isEmpty)
    }

    // MARK: R1 — Validate rules in the Collector's words

    @Test func fileAndPEMBoth() {
        let yaml = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      ca_file: ca.pem\n      ca_pem: x\n"
        #expect(seen(yaml) == [Seen("tls-file-and-pem", 6, 7)])
        #expect(message(yaml, "tls-file-and-pem")?.contains("provide either a CA file or the PEM-encoded string, but not both") == true)
    }

    @Test func certificateWithoutKey() {
        let yaml = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      cert_file: c.pem\n"
        #expect(seen(yaml) == [Seen("tls-incomplete-key-pair", 5, 7)])
        #expect(message(yaml, "tls-incomplete-key-pair")?.contains("TLS configuration must include both certificate and key") == true)
    }

    @Test func versions() {
        let bad = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      min_version: VersionTLS12\n"
        #expect(seen(bad) == [Seen("tls-invalid-version", 5, 20)])
        #expect(message(bad, "tls-invalid-version") == "exporters::otlp::tls: invalid TLS min_version: unsupported TLS version: \"VersionTLS12\"")
        let order = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      min_version: \"1.3\"\n      max_version: \"1.2\"\n"
        #expect(seen(order) == [Seen("min-version-above-max", 5, 20)])
        #expect(message(order, "min-version-above-max")?.contains("min_version cannot be greater than max_version") == true)
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      min_version: \"1.3\"\n").isEmpty)
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      min_version: \"1.0\"\n") == [Seen("legacy-tls-version", 5, 20)])
    }

    @Test func unknownTLSKey() {
        let yaml = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      ca_flie: ca.pem\n"
        let finding = validate(yaml).report.findings.first { $0.code == "unknown-key" }
        #expect(finding?.message == "'exporters::otlp::tls' has invalid keys: ca_flie")
        #expect(finding?.hint == "did you mean ca_file?")
        #expect(finding?.location.line == 5)
    }

    // MARK: R2 — start-up failures

    @Test func cipherAndCurveNames() {
        let yaml = """
            exporters:
              otlp:
                endpoint: t:4317
                tls:
                  cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                  curve_preferences: [CurveP256, X25519]
            """
        #expect(seen(yaml) == [Seen("invalid-cipher-suite", 5, 23), Seen("invalid-cipher-suite", 5, 52), Seen("invalid-curve", 6, 27)])
        #expect(message(yaml, "invalid-cipher-suite")?.contains("invalid TLS cipher suite: \"ECDHE-RSA-AES128-GCM-SHA256\"") == true)
        let allowed = "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      include_insecure_cipher_suites: true\n      cipher_suites: [TLS_RSA_WITH_3DES_EDE_CBC_SHA]\n"
        #expect(seen(allowed) == [Seen("insecure-ciphers-enabled", 5, 7)])
    }

    @Test func filesGoThroughMaterialChecker() throws {
        let checking = CheckContext(now: context.now)
        let result = ConfigValidator(context: checking).validate(
            text: "exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      ca_file: missing-ca.pem\n", path: "/nonexistent/c.yaml")
        let finding = try #require(result.report.findings.first)
        #expect(finding.code == "file-not-found")
        #expect(finding.location == Location(path: "/nonexistent/c.yaml", line: 5, column: 16))
        #expect(finding.message.contains("/nonexistent/missing-ca.pem") && finding.message.contains("failed to load CA CertPool File"))
    }

    // MARK: R3 — receivers

    @Test func receiverTLSNeedsCertificate() {
        let yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\n        tls: {}\n      http:\n        tls:\n"
        #expect(seen(yaml) == [Seen("server-tls-without-certificate", 5, 14)])
        #expect(message(yaml, "server-tls-without-certificate")?.contains("must include both certificate and key for server connections") == true)
    }

    // MARK: R4 — dskit forms

    @Test func dskitVersionForm() {
        let yaml = "ingester_client:\n  grpc_client_config:\n    tls_enabled: true\n    tls_min_version: \"1.2\"\n"
        #expect(seen(yaml) == [Seen("tls-invalid-version", 4, 22)])
        #expect(validate(yaml).report.findings.first?.hint?.contains("VersionTLS12") == true)
    }

    // MARK: R5 — endpoints

    @Test func grpcEndpoints() {
        func endpoint(_ value: String) -> [Seen] { seen("exporters:\n  otlp:\n    endpoint: \(value)\n") }
        #expect(endpoint("tempo") == [Seen("endpoint-invalid", 3, 15)])
        #expect(endpoint("tempo:443/api/prom/push") == [Seen("endpoint-invalid", 3, 15)])
        #expect(message("exporters:\n  otlp:\n    endpoint: tempo:443/api/prom/push\n", "endpoint-invalid")?.contains("invalid port \"443/api/prom/push\"") == true)
        #expect(endpoint("https://") == [Seen("endpoint-missing", 3, 15)])
        #expect(endpoint("unix://") == [Seen("endpoint-invalid", 3, 15)])
        #expect(endpoint("tempo:4317").isEmpty)
        #expect(endpoint("dns:///tempo:4317").isEmpty)
        #expect(endpoint("tempo:4318") == [Seen("otlp-port-mismatch", 3, 15)])
    }

    @Test func httpEndpoints() {
        func endpoint(_ key: String, _ value: String) -> [Seen] { seen("exporters:\n  otlphttp/x:\n    \(key): \(value)\n") }
        #expect(endpoint("endpoint", "tempo:4318") == [Seen("endpoint-invalid", 3, 15)])
        #expect(endpoint("endpoint", "https://tempo:4318").isEmpty)
        #expect(endpoint("endpoint", "https://tempo:4318/v1/traces") == [Seen("signal-path-in-base", 3, 15)])
        #expect(endpoint("traces_endpoint", "https://tempo:4318") == [Seen("signal-path-missing", 3, 22)])
        #expect(endpoint("endpoint", "https://tempo:4317") == [Seen("otlp-port-mismatch", 3, 15)])
        #expect(seen("exporters:\n  otlp_http:\n") == [Seen("endpoint-missing", 2, 3)])
    }

    @Test func legacyPlacement() {
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    insecure: true\n") == [Seen("legacy-tls-placement", 4, 5)])
        #expect(seen("receivers:\n  otlp:\n    protocols:\n      grpc:\n        tls_settings: {}\n") == [Seen("legacy-tls-placement", 5, 9)])
    }

    // MARK: R6 — dskit client pair

    @Test func dskitClientPair() {
        let yaml = "memberlist:\n  tls_enabled: true\n  tls_cert_path: c.pem\n"
        #expect(seen(yaml) == [Seen("tls-incomplete-key-pair", 3, 3)])
        #expect(message(yaml, "tls-incomplete-key-pair")?.contains("certificate given but no key configured") == true)
    }

    // MARK: W1–W7

    @Test func insecureCombinations() {
        // W1
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      insecure: true\n      ca_file: ca.pem\n") == [Seen("insecure-with-ca", 5, 7)])
        // W2, gRPC and HTTP
        #expect(seen("exporters:\n  otlp:\n    endpoint: https://t:4317\n    tls:\n      insecure: true\n") == [Seen("insecure-with-https", 5, 7)])
        #expect(seen("exporters:\n  otlphttp:\n    endpoint: https://t:4318\n    tls:\n      insecure: true\n") == [Seen("insecure-with-https", 5, 7)])
        // W3
        #expect(seen("exporters:\n  otlp:\n    endpoint: http://t:4317\n") == [Seen("grpc-http-scheme-tls", 3, 15)])
        #expect(seen("exporters:\n  otlp:\n    endpoint: http://t:4317\n    tls:\n      insecure: true\n").isEmpty)
        // W4
        #expect(seen("exporters:\n  otlphttp:\n    endpoint: http://t:4318\n    tls:\n      ca_file: ca.pem\n") == [Seen("tls-settings-unused", 5, 7)])
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      insecure: true\n      insecure_skip_verify: true\n") == [Seen("tls-settings-unused", 5, 7)])
        // W5
        #expect(seen("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      insecure_skip_verify: true\n") == [Seen("insecure-skip-verify", 5, 7)])
    }

    @Test func plaintextIsANote() {
        let findings = validate("exporters:\n  otlp:\n    endpoint: t:4317\n    tls:\n      insecure: true\n").report.findings
        #expect(findings.map(\.code) == ["otlp-plaintext"] && findings[0].severity == .info)
    }

    @Test func receiverCAIsNotClientCA() {
        let yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\n        tls:\n          cert_file: s.crt\n          key_file: s.key\n          ca_file: ca.crt\n"
        #expect(seen(yaml) == [Seen("receiver-ca-without-client-ca", 8, 11)])
    }

    @Test func otherComponentsTLSBlocks() {
        let yaml = "extensions:\n  oauth2client:\n    tls:\n      insecure_skip_verify: true\nreceivers:\n  kafka:\n    auth:\n      tls:\n        min_version: \"1.5\"\n  mystery: {}\n"
        // Receivers are checked before extensions.
        #expect(seen(yaml) == [Seen("tls-invalid-version", 9, 22), Seen("insecure-skip-verify", 4, 7)])
    }

    @Test func tempo() {
        let yaml = """
            server:
              http_listen_port: 3200
              grpc_tls_config:
                cert_file: s.crt
                key_file: s.key
                client_ca_file: ca.crt
              http_tls_config:
                cert_file: s.crt
            distributor:
              receivers:
                otlp:
                  protocols:
                    grpc:
                      tls:
                        ca_file: ca.crt
            ingester_client:
              grpc_client_config:
                tls_ca_path: ca.crt
            """
        let codes = Set(seen(yaml).map(\.code))
        #expect(codes == ["tempo-clients-plaintext", "client-ca-without-policy", "server-tls-without-certificate",
                          "receiver-ca-without-client-ca", "dskit-tls-disabled"], "\(seen(yaml))")
        #expect(seen(yaml).contains(Seen("dskit-tls-disabled", 18, 5)))
        #expect(seen(yaml).contains(Seen("server-tls-without-certificate", 8, 5)))
    }

    @Test func endpointsForConnect() throws {
        let result = validate("""
            exporters:
              otlp/tempo:
                endpoint: tempo:4317
                tls:
                  ca_file: ca.pem
                  server_name_override: tempo.internal
              otlphttp:
                endpoint: http://collector:4318
            """)
        #expect(result.endpoints.count == 2)
        let grpc = try #require(result.endpoints.first)
        #expect(grpc.transport == .grpc && grpc.usesTLS && grpc.address == "tempo:4317")
        #expect(grpc.caFile == "/nonexistent/ca.pem" && grpc.serverName == "tempo.internal")
        #expect(grpc.location.line == 3)
        #expect(result.endpoints[1].usesTLS == false && result.endpoints[1].port == 4318)
    }
}

/// OTEL_EXPORTER_OTLP_* variables and env files.
@Suite struct OTLPEnvironmentTests {
    let checker = OTLPEnvironmentChecker(context: CheckContext(checkFiles: false))

    func env(_ pairs: [(String, String)]) -> ConfigValidation {
        checker.check(pairs.map { EnvironmentVariable(name: $0.0, value: $0.1, location: Location(path: "env")) }, input: "env")
    }

    func codes(_ pairs: [(String, String)]) -> [String] {
        env(pairs).report.findings.filter { $0.severity != .info }.map(\.code)
    }

    @Test func protocolPortPairing() {
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317")]) == ["otlp-port-mismatch"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]).isEmpty)
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "https://c:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]) == ["otlp-port-mismatch"])
        let message = env([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317")]).report.findings.first { $0.code == "otlp-port-mismatch" }?.message
        #expect(message?.contains("OTEL_EXPORTER_OTLP_ENDPOINT") == true)
    }

    @Test func perSignalPrecedence() {
        let result = env([
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://c:4318"), ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://tempo:4317"),
        ])
        #expect(result.report.findings.contains { $0.code == "env-signal-override" })
        #expect(result.endpoints.map(\.address).sorted() == ["c:4318", "tempo:4317"])
        #expect(result.endpoints.first { $0.port == 4317 }?.transport == .grpc)
        #expect(result.report.findings.filter { $0.severity != .info }.isEmpty)
    }

    @Test func insecureWithSchemeGoDeviation() throws {
        let result = env([("OTEL_EXPORTER_OTLP_ENDPOINT", "https://tempo:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                          ("OTEL_EXPORTER_OTLP_INSECURE", "true")])
        let finding = try #require(result.report.findings.first { $0.code == "env-insecure-ignored" })
        #expect(finding.message.contains("OTEL_EXPORTER_OTLP_INSECURE") && finding.message.contains("Go SDK"))
        #expect(finding.location == Location(path: "env"))
    }

    @Test func valuesAndNames() {
        #expect(codes([("OTEL_EXPORTER_OTLP_INSECURE", "yes")]) == ["env-invalid-value"])
        #expect(codes([("OTEL_EXPORTER_OTLP_PROTOCOL", "http")]) == ["env-invalid-value"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPONT", "http://c:4318")]) == ["env-unknown-variable"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "c:4318")]) == ["endpoint-invalid"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/v1/traces")]) == ["signal-path-in-base"])
        #expect(codes([("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318")]) == ["signal-path-missing"])
        #expect(codes([("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "c.pem")]) == ["tls-incomplete-key-pair"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), ("OTEL_EXPORTER_OTLP_CERTIFICATE", "ca.pem")]) == ["tls-settings-unused"])
        #expect(codes([("OTEL_EXPORTER_OTLP_ENDPOINT", "")]).isEmpty)
    }

    @Test func envFileLinesAndJunk() {
        let text = """
            # comment
            export OTEL_EXPORTER_OTLP_ENDPOINT="https://tempo:4318"

            OTEL_EXPORTER_OTLP_PROTOCOL='http/protobuf'  
            this line is junk
            1BAD=x
            OTEL_EXPORTER_OTLP_INSECURE=maybe # trailing comment
            OPEN="unterminated
            """
        let parsed = EnvFile.parse(Array(text.utf8), path: "otel.env")
        #expect(parsed.variables.map(\.name) == ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_INSECURE"])
        #expect(parsed.variables.map(\.value) == ["https://tempo:4318", "http/protobuf", "maybe"])
        #expect(parsed.variables[0].location == Location(path: "otel.env", line: 2, column: 1))
        #expect(parsed.findings.map(\.code) == ["env-file-syntax", "env-file-syntax", "env-file-syntax"])
        #expect(parsed.findings.map(\.location.line) == [5, 6, 8])
        let checked = checker.check(parsed.variables, input: "otel.env")
        let insecure = checked.report.findings.first { $0.code == "env-invalid-value" }
        #expect(insecure?.location == Location(path: "otel.env", line: 7, column: 1))
    }
}

/// Parca's --otlp-* flags.
@Suite struct ParcaFlagsTests {
    let checker = ParcaFlagsChecker(context: CheckContext(checkFiles: false))

    @Test func defaultInsecureIsPlaintext() throws {
        let result = checker.check(ParcaFlags(address: "tempo:4317"))
        let note = try #require(result.report.findings.first)
        #expect(note.code == "otlp-plaintext" && note.severity == .info && note.location == Location(path: "flags"))
        #expect(note.message.contains("--otlp-insecure defaults to true"))
        #expect(result.endpoints.first?.usesTLS == false)
    }

    @Test func addressRules() {
        #expect(checker.check(ParcaFlags(address: "https://tempo:4317")).report.findings.map(\.code) == ["endpoint-invalid"])
        #expect(checker.check(ParcaFlags(address: "tempo")).report.findings.map(\.code) == ["endpoint-invalid"])
        #expect(checker.check(ParcaFlags(address: "tempo:4318", insecure: false)).report.findings.map(\.code) == ["otlp-port-mismatch"])
        #expect(checker.check(ParcaFlags(address: "tempo:4317", insecure: false)).report.findings.isEmpty)
        #expect(checker.check(ParcaFlags(address: "tempo:4317", exporter: "zipkin")).report.findings.map(\.severity) == [.error])
    }

    @Test func caWithInsecure() {
        let grpc = checker.check(ParcaFlags(address: "tempo:4317", insecure: true, insecureGiven: true, caFile: "ca.pem"))
        #expect(grpc.report.findings.map(\.code) == ["insecure-with-ca"] && grpc.endpoints.first?.usesTLS == true)
        let http = checker.check(ParcaFlags(address: "tempo:4318", insecure: true, insecureGiven: true, exporter: "http", caFile: "ca.pem"))
        #expect(http.report.findings.map(\.severity).contains(.error))
    }
}
