import Foundation
import Testing

@testable import TLSCheckCore

/// Grafana's tempo-operator: a TempoMonolithic's and a TempoStack's OTLP receivers become servers
/// behind the Service the operator makes, with the Secret and ConfigMap their `tls` names, and the
/// senders that dial them are checked against them. Real manifests through the real reader.
@Suite struct TempoOperatorTests {
    let fixtures: OpenSSLFixtures

    init() throws {
        fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("tempo", hosts: ["DNS:tempo-traces.tracing.svc", "DNS:tempo-traces-distributor.tracing.svc"])
        try fixtures.leaf("agent", hosts: ["DNS:agent"], usage: "clientAuth")
    }

    func base64(_ name: String) throws -> String { Manifests.base64(try fixtures.read(name)) }

    /// The receiver's Secret and CA ConfigMap, the resource, and the agent's client pair.
    func tempo(_ resource: String) throws -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: tempo-tls, namespace: tracing}
        data: {tls.crt: \(try base64("tempo.crt")), tls.key: \(try base64("tempo.key")), ca.crt: \(try base64("ca.crt"))}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tempo-ca, namespace: tracing}
        data:
          service-ca.crt: |
        \(try fixtures.read("ca.crt").split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        ---
        \(resource)
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: agent-tls, namespace: apps}
        data: {tls.crt: \(try base64("agent.crt")), tls.key: \(try base64("agent.key")), ca.crt: \(try base64("ca.crt"))}
        """
    }

    static func monolithic(_ tls: String, http: String = "{enabled: false}") -> String {
        """
        apiVersion: tempo.grafana.com/v1alpha1
        kind: TempoMonolithic
        metadata: {name: traces, namespace: tracing}
        spec:
          ingestion:
            otlp:
              grpc:
                tls: \(tls)
              http: \(http)
        """
    }

    static let mutual = "{enabled: true, certName: tempo-tls, caName: tempo-ca, minVersion: \"1.2\"}"

    /// An agent Collector in namespace apps whose OTLP exporter sends to `endpoint` with `tls`.
    static func agent(_ endpoint: String, _ tls: String) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: agent, namespace: apps}
        data:
          config.yaml: |
            receivers: {otlp: {protocols: {grpc: {endpoint: 0.0.0.0:4317}}}}
            exporters:
              otlp:
                endpoint: \(endpoint)
                tls: \(tls)
            service: {pipelines: {traces: {receivers: [otlp], exporters: [otlp]}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: agent, namespace: apps}
        spec:
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
              - name: otelcol
                image: otel/opentelemetry-collector-contrib:0.115.0
                args: [--config=/conf/config.yaml]
                volumeMounts: [{name: tls, mountPath: /tls}, {name: conf, mountPath: /conf}]
              volumes: [{name: tls, secret: {secretName: agent-tls}}, {name: conf, configMap: {name: agent}}]
        """
    }

    static let clientPair = "{ca_file: /tls/ca.crt, cert_file: /tls/tls.crt, key_file: /tls/tls.key}"

    func findings(_ resource: String, _ sender: String) throws -> [Finding] {
        Manifests.findings(try tempo(resource) + "\n---\n" + sender).filter { $0.severity >= .warning }
    }

    @Test func aMonolithicReceiverAgainstItsSenders() throws {
        let endpoint = "tempo-traces.tracing.svc:4317"
        #expect(try findings(Self.monolithic(Self.mutual), Self.agent(endpoint, Self.clientPair)).isEmpty)
        let insecure = try findings(Self.monolithic(Self.mutual), Self.agent(endpoint, "{insecure: true}"))
        #expect(insecure.map(\.code) == ["plaintext-to-tls"])
        #expect(insecure.first?.message.contains("TempoMonolithic tracing/traces OTLP/gRPC receiver") == true)
        let noCertificate = try findings(Self.monolithic(Self.mutual), Self.agent(endpoint, "{ca_file: /tls/ca.crt}"))
        #expect(noCertificate.map(\.code) == ["client-cert-required"])
        #expect(noCertificate.first?.message.contains("(spec.ingestion.otlp.grpc.tls.caName is set)") == true)
        // Without caName the receiver asks for no client certificate: the exporter's CA alone is enough.
        let serverOnly = "{enabled: true, certName: tempo-tls}"
        #expect(try findings(Self.monolithic(serverOnly), Self.agent(endpoint, "{ca_file: /tls/ca.crt}")).isEmpty)
        // TLS off: the exporter's TLS meets plaintext.
        let plain = try findings(Self.monolithic("{enabled: false}"), Self.agent(endpoint, Self.clientPair))
        #expect(plain.map(\.code) == ["plaintext-http"])
        #expect(plain.first?.hint?.hasPrefix("give the server TLS (spec.ingestion.otlp.grpc.tls.enabled)") == true)
    }

    @Test func aDisabledReceiverIsNoServer() throws {
        // OTLP/HTTP is off: nothing listens on 4318, so a sender there reaches no receiver (only the
        // exporter's own check speaks, of a gRPC exporter on the HTTP port).
        let http = try findings(Self.monolithic(Self.mutual), Self.agent("tempo-traces.tracing.svc:4318", "{insecure: true}"))
        #expect(http.map(\.code) == ["otlp-port-mismatch"])
        // Left out, it is on (the operator's default) and plaintext.
        let defaulted = try findings(Self.monolithic(Self.mutual, http: "{}"), Self.agent("tempo-traces.tracing.svc:4318", Self.clientPair))
        #expect(defaulted.map(\.code).sorted() == ["otlp-port-mismatch", "plaintext-http"])
    }

    @Test func aStacksDistributor() throws {
        let stack = """
            apiVersion: tempo.grafana.com/v1alpha1
            kind: TempoStack
            metadata: {name: traces, namespace: tracing}
            spec:
              template:
                distributor:
                  tls: {enabled: true, certName: tempo-tls}
            """
        #expect(try findings(stack, Self.agent("tempo-traces-distributor.tracing.svc:4317", Self.clientPair)).isEmpty)
        let wrongName = try findings(stack, Self.agent("tempo-traces-distributor.tracing:4317", Self.clientPair))
        #expect(wrongName.map(\.code) == ["hostname-mismatch"])
    }

    @Test func theTLSBlockItself() throws {
        let sender = Self.agent("tempo-traces.tracing.svc:4317", Self.clientPair)
        let typo = try findings(Self.monolithic("{enabled: true, certname: tempo-tls}"), sender)
        #expect(typo.map(\.code).sorted() == ["tempo-receiver-without-certificate", "unknown-key"])
        #expect(typo.first { $0.code == "unknown-key" }?.hint == "did you mean certName?")
        let version = try findings(Self.monolithic("{enabled: true, certName: tempo-tls, minVersion: TLS1.2}"), sender)
        #expect(version.map(\.code) == ["tls-invalid-version"])
        #expect(version.first?.hint == "Tempo's receiver writes versions as \"1.2\"")
        let required = try findings(Self.monolithic("{certName: tempo-tls}"), sender)
        #expect(required.contains { $0.code == "schema-invalid-value" && $0.message == "spec.ingestion.otlp.grpc.tls.enabled: Required value (the API server refuses the TempoMonolithic)" })
        // A Secret that is not in the input is said so, once.
        let missing = Manifests.findings(Self.monolithic("{enabled: true, certName: elsewhere}") + "\n---\n" + sender)
        #expect(missing.filter { $0.code == "object-not-in-input" && $0.message.contains("elsewhere") }.count == 1)
    }
}
