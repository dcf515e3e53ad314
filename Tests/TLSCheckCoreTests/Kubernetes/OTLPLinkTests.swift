import Foundation
import Testing

@testable import TLSCheckCore

/// OTLP senders against the receivers their Service reaches: a Collector exporter in a ConfigMap,
/// `OTEL_EXPORTER_OTLP_*` in a container's environment and Parca's flags, each against an
/// OpenTelemetryCollector that serves mutual TLS. Real manifests through the real reader; each case
/// fails one way and passes once mended.
@Suite struct OTLPLinkTests {
    let fixtures: OpenSSLFixtures

    init() throws {
        fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("gateway", hosts: ["DNS:gateway-collector.otel.svc"])
        try fixtures.leaf("agent", hosts: ["DNS:agent"], usage: "clientAuth")
    }

    func base64(_ name: String) throws -> String { Manifests.base64(try fixtures.read(name)) }

    /// The gateway: an OpenTelemetryCollector whose gRPC receiver requires client certificates.
    func gateway() throws -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: gateway-tls, namespace: otel}
        data: {tls.crt: \(try base64("gateway.crt")), tls.key: \(try base64("gateway.key")), ca.crt: \(try base64("ca.crt"))}
        ---
        apiVersion: opentelemetry.io/v1beta1
        kind: OpenTelemetryCollector
        metadata: {name: gateway, namespace: otel}
        spec:
          volumes: [{name: tls, secret: {secretName: gateway-tls}}]
          volumeMounts: [{name: tls, mountPath: /tls}]
          config:
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 0.0.0.0:4317
                    tls: {cert_file: /tls/tls.crt, key_file: /tls/tls.key, client_ca_file: /tls/ca.crt}
            exporters: {debug: {}}
            service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: agent-tls, namespace: apps}
        data: {tls.crt: \(try base64("agent.crt")), tls.key: \(try base64("agent.key")), ca.crt: \(try base64("ca.crt"))}
        """
    }

    /// A sender's container in namespace apps, with the agent's client pair mounted at /tls.
    func sender(_ container: String, config: String? = nil) -> String {
        """
        \(config.map { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: agent, namespace: apps}\ndata:\n  config.yaml: |\n" + $0.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n---\n" } ?? "")apiVersion: apps/v1
        kind: Deployment
        metadata: {name: sender, namespace: apps}
        spec:
          template:
            metadata: {labels: {app: sender}}
            spec:
              containers:
        \(container)
                volumeMounts: [{name: tls, mountPath: /tls}, {name: conf, mountPath: /conf}]
              volumes: [{name: tls, secret: {secretName: agent-tls}}, {name: conf, configMap: {name: agent, optional: true}}]
        """
    }

    func findings(_ sender: String) throws -> [Finding] {
        Manifests.findings(try gateway() + "\n---\n" + sender).filter { $0.severity >= .warning }
    }

    static func collector(_ tls: String) -> String {
        """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: 0.0.0.0:4317}
        exporters:
          otlp:
            endpoint: gateway-collector.otel.svc:4317
            tls: \(tls)
        service:
          pipelines:
            traces: {receivers: [otlp], exporters: [otlp]}
        """
    }

    static let otelcol = "      - name: otelcol\n        image: otel/opentelemetry-collector-contrib:0.115.0\n        args: [--config=/conf/config.yaml]"

    @Test func aCollectorExporter() throws {
        let insecure = try findings(sender(Self.otelcol, config: Self.collector("{insecure: true}")))
        #expect(insecure.map(\.code) == ["plaintext-to-tls"])
        #expect(insecure.first?.hint == "set tls.insecure: false and the server's CA in tls.ca_file")
        let noCertificate = try findings(sender(Self.otelcol, config: Self.collector("{ca_file: /tls/ca.crt}")))
        #expect(noCertificate.map(\.code) == ["client-cert-required"])
        #expect(noCertificate.first?.message.contains("(tls.client_ca_file is set)") == true)
        let mended = Self.collector("{ca_file: /tls/ca.crt, cert_file: /tls/tls.crt, key_file: /tls/tls.key}")
        #expect(try findings(sender(Self.otelcol, config: mended)).isEmpty)
    }

    @Test func theOTLPEnvironment() throws {
        func app(_ endpoint: String, extra: String = "") -> String {
            """
                  - name: app
                    image: example/app:1
                    env:
                    - {name: OTEL_EXPORTER_OTLP_PROTOCOL, value: grpc}
                    - {name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "\(endpoint)"}
            \(extra)
            """
        }
        let pair = "        - {name: OTEL_EXPORTER_OTLP_CERTIFICATE, value: /tls/ca.crt}\n        - {name: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE, value: /tls/tls.crt}\n        - {name: OTEL_EXPORTER_OTLP_CLIENT_KEY, value: /tls/tls.key}"
        // The short Service name: not one the certificate lists.
        let short = try findings(sender(app("https://gateway-collector.otel:4317", extra: pair)))
        #expect(short.map(\.code) == ["hostname-mismatch"])
        #expect(short.first?.hint?.hasSuffix("in the endpoint (the environment has no server-name setting)") == true)
        // The system store: the private CA is not in it.
        let system = try findings(sender(app("https://gateway-collector.otel.svc:4317", extra: pair.split(separator: "\n").dropFirst().joined(separator: "\n"))))
        #expect(system.map(\.code) == ["unknown-authority"])
        #expect(try findings(sender(app("https://gateway-collector.otel.svc:4317", extra: pair))).isEmpty)
    }

    @Test func parcasFlags() throws {
        func parca(_ args: String) -> String {
            "      - name: parca-agent\n        image: ghcr.io/parca-dev/parca-agent:v0.39.0\n        args: [\(args)]"
        }
        let plain = try findings(sender(parca("--otlp-address=gateway-collector.otel.svc:4317")))
        #expect(plain.map(\.code) == ["plaintext-to-tls"])
        #expect(plain.first?.hint == "set --otlp-insecure=false and the server's CA in OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE")
        // TLS on, no CA (Parca has no CA flag): the system store does not hold the private CA, and
        // Parca cannot send a client certificate either.
        let tls = try findings(sender(parca("--otlp-address=gateway-collector.otel.svc:4317, --otlp-insecure=false")))
        #expect(tls.map(\.code).sorted() == ["client-cert-required", "unknown-authority"])
        #expect(tls.first { $0.code == "client-cert-required" }?.hint?.hasPrefix("Parca has no client-certificate setting") == true)
    }
}
