import Foundation
import Testing

@testable import TLSCheckCore

/// What containers run and send: exporters, Parca's flags, the OTLP environment, the
/// opentelemetry-operator's Collectors; and a monitor's Secret keys resolved against the input.
@Suite struct ContainerFactsTests {
    static func pod(_ container: String, name: String = "p", namespace: String = "apps") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: \(namespace), labels: {app: \(name)}}
        spec:
          containers:
        \(container)
        """
    }

    @Test func exporterWithoutWebConfigServesPlaintext() throws {
        let result = Manifests.validate(Self.pod("""
              - name: node
                image: quay.io/prometheus/node-exporter:v1.8.2
                args: ["--web.listen-address=:9100"]
                ports: [{name: metrics, containerPort: 9100}]
              - name: app
                image: example.com/app:1
                ports: [{containerPort: 8080}]
            """))
        #expect(result.report.findings.isEmpty)
        #expect(result.deployment.servers.count == 1)  // an unknown image says nothing about TLS
        let server = try #require(result.deployment.servers.first)
        #expect(!server.usesTLS && server.listens == [ListenAddress(port: 9100, name: "metrics")])
        #expect(server.pod?.container == "node")
        let target = try #require(result.deployment.kubernetes.workloads.first.flatMap { template in
            template.port(.name("metrics")).map { PodPort(template: template, container: $0.container, port: $0.port) }
        })
        #expect(result.deployment.servers(at: target).map(\.name) == [server.name])
        #expect(ManifestResolver.program("registry:5000/prometheus/node-exporter@sha256:abc") == "node-exporter")
    }

    @Test func parcaFlagsBecomeAClient() throws {
        let result = Manifests.validate(Self.pod("""
              - name: parca
                image: ghcr.io/parca-dev/parca:v0.23.0
                args:
                - /parca
                - --otlp-address=tempo.tracing.svc:4317
            """))
        #expect(result.report.findings.codes == ["otlp-plaintext"])
        #expect(result.report.findings[0].location.line == 10)
        #expect(result.report.findings[0].message.hasPrefix("container parca of Pod apps/p: traces go to tempo.tracing.svc:4317 without TLS"))
        let client = try #require(result.deployment.clients.first)
        #expect(client.dialect == .parca && !client.usesTLS && client.transport == .grpc)
        #expect(client.target == .address(host: "tempo.tracing.svc", port: 4317))
        #expect(client.pod?.owner == ObjectName(kind: "Pod", namespace: "apps", name: "p"))

        let secure = Manifests.validate(Self.pod("""
              - name: parca
                image: ghcr.io/parca-dev/parca:v0.23.0
                args: ["--otlp-address", "tempo.tracing.svc:4317", "--otlp-insecure=false"]
            """))
        #expect(secure.report.findings.isEmpty)
        #expect(secure.deployment.clients.first?.usesTLS == true)
        #expect(secure.deployment.clients.first?.schemeLocation?.line == 8)
    }

    @Test func otlpEnvironmentBecomesAClient() throws {
        let result = Manifests.validate("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: otel, namespace: apps}
            data: {OTEL_EXPORTER_OTLP_PROTOCOL: grpc}
            ---
            """ + "\n" + Self.pod("""
              - name: app
                image: example.com/app:1
                envFrom: [{configMapRef: {name: otel}}]
                env:
                - {name: COLLECTOR, value: collector.otel.svc}
                - {name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://$(COLLECTOR):4317"}
            """))
        #expect(result.report.findings.codes == ["otlp-plaintext"])
        #expect(result.report.findings[0].location.line == 16)
        let client = try #require(result.deployment.clients.first)
        #expect(client.dialect == .otlpEnvironment && !client.usesTLS)
        #expect(client.target == .address(host: "collector.otel.svc", port: 4317))
    }

    @Test func kubeRBACProxyCertificatesThroughTheMounts() throws {
        let stack = try ExporterStack()
        let yaml = try stack.tlsSecret(namespace: "apps") + "\n---\n" + Self.pod("""
              - name: proxy
                image: quay.io/brancz/kube-rbac-proxy:v0.18.0
                args: ["--tls-cert-file=/tls/tls.crt", "--tls-private-key-file=/tls/tls.key", "--client-ca-file=/tls/missing.crt"]
                volumeMounts: [{name: tls, mountPath: /tls}]
            """) + "\n  volumes: [{name: tls, secret: {secretName: exporter-tls}}]"
        let findings = Manifests.findings(yaml)
        #expect(findings.codes == ["object-key-missing"])
        #expect(findings[0].message.contains("has no key missing.crt"))
        // With --secure-listen-address it serves TLS; without certificate flags, one it signs itself.
        let served = Manifests.validate(Self.pod("""
              - name: proxy
                image: quay.io/brancz/kube-rbac-proxy:v0.18.0
                args: ["--secure-listen-address=0.0.0.0:9100", "--upstream=http://127.0.0.1:8100/"]
            """))
        let server = try #require(served.deployment.servers.first)
        #expect(server.usesTLS && server.dialect == .kubeRBACProxy && server.listens == [ListenAddress(port: 9100)])
        guard case .external(let what, _)? = server.certificate else { return }
        #expect(what.contains("signs itself"))
    }

    @Test func openTelemetryCollectorResources() throws {
        let result = Manifests.validate("""
            apiVersion: opentelemetry.io/v1alpha1
            kind: OpenTelemetryCollector
            metadata: {name: gateway, namespace: otel}
            spec:
              mode: deployment
              volumeMounts: [{name: tls, mountPath: /tls}]
              volumes: [{name: tls, secret: {secretName: gateway-tls}}]
              config: |
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                        tls:
                          cert_file: /tls/tls.crt
                          key_file: /tls/tls.key
                          client_ca_file: /tls/ca.crt
                      http: {endpoint: "0.0.0.0:4318"}
                exporters:
                  debug: {}
                service:
                  pipelines: {traces: {receivers: [otlp], exporters: [debug]}}
            ---
            apiVersion: opentelemetry.io/v1beta1
            kind: OpenTelemetryCollector
            metadata: {name: agent, namespace: otel}
            spec:
              mode: daemonset
              config:
                receivers:
                  otlp:
                    protocols:
                      grpc: {tls: {}}
                exporters:
                  otlp:
                    endpoint: gateway-collector.otel.svc:4317
                service:
                  pipelines: {traces: {receivers: [otlp], exporters: [otlp]}}
            """)
        // The agent's exporter reaches the gateway through its generated Service, and sends no client
        // certificate to a receiver with client_ca_file: both ends are judged.
        #expect(result.report.findings.codes == ["object-not-in-input", "server-tls-without-certificate", "client-cert-required"])
        #expect(result.report.findings[1].location.line == 33)  // v1beta1: the config is the manifest
        let servers = result.deployment.servers
        #expect(servers.map(\.name) == [
            "receivers::otlp::protocols::grpc in container otc-container of OpenTelemetryCollector otel/gateway",
            "receivers::otlp::protocols::http in container otc-container of OpenTelemetryCollector otel/gateway",
            "receivers::otlp::protocols::grpc in container otc-container of OpenTelemetryCollector otel/agent",
        ])

        #expect(servers[0].usesTLS && servers[0].policy == .requireAndVerify && servers[0].origin.line == 14)
        #expect(servers[0].pod?.description == "container otc-container of OpenTelemetryCollector otel/gateway")
        let facts = result.deployment.kubernetes
        let service = try #require(facts.services.first { $0.name.name == "gateway-collector" })
        #expect(service.ports.map(\.port) == [4317, 4318])
        #expect(service.ports.map(\.name) == ["otlp-grpc", "otlp-http"])
        #expect(facts.pods(selectedBy: service).map(\.owner.name) == ["gateway"])
        // The agent's exporter reaches the gateway's Service.
        let client = try #require(result.deployment.clients.first)
        guard case .address(let host, let port) = client.target else { return }
        #expect(facts.service(host: host, port: port, from: "otel")?.service.name.name == "gateway-collector")
    }

    @Test func monitorSecretKeysAreResolved() throws {
        let stack = try ExporterStack()
        let yaml = try stack.tlsSecret(namespace: "monitoring") + """

            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: scraper, namespace: other}
            stringData: {ca.crt: x}
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: acme, namespace: monitoring}
            spec:
              secretName: public-tls
              dnsNames: [exporter.example.com]
              issuerRef: {name: letsencrypt, kind: ClusterIssuer}
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: letsencrypt}
            spec: {acme: {server: https://acme-v02.api.letsencrypt.org/directory}}
            """
        let inventory = try Manifests.inventory(yaml)
        func monitor(_ name: String, _ key: String, namespace: String = "monitoring", line: Int) -> TLSClient {
            var client = TLSClient(name: "ServiceMonitor \(namespace)/m endpoint \(line)", dialect: .monitor,
                                   origin: Location(path: "m.yaml", line: line), target: .discovered(mechanism: "x"), usesTLS: true)
            client.trust = .objectKey(ObjectKeyReference(kind: .secret, namespace: namespace, name: name, key: key),
                                      at: Location(path: "m.yaml", line: line))
            return client
        }
        var resolver = ManifestResolver(inventory: inventory, context: Manifests.context)
        let result = resolver.run(clients: [
            monitor("exporter-tls", "ca.crt", line: 1), monitor("exporter-tls", "nope", line: 2), monitor("scraper", "ca.crt", line: 3),
            monitor("absent", "ca.crt", line: 4), monitor("absent", "tls.crt", line: 5), monitor("public-tls", "ca.crt", line: 6),
            monitor("public-tls", "tls.crt", line: 7),
        ])
        let clients = result.deployment.clients
        #expect(clients[0].trust?.source != nil)
        #expect(MaterialChecker.certificates(in: try #require(clients[0].trust?.source)).count == 1)
        for index in [1, 2, 3, 4, 5] {
            guard case .external? = clients[index].trust else {
                Issue.record("client \(index): \(String(describing: clients[index].trust))")
                continue
            }
        }
        guard case .objectKey(let key, _)? = clients[6].trust else {
            Issue.record("\(String(describing: clients[6].trust))")
            return
        }
        #expect(result.deployment.kubernetes.certificate(writing: key.name, from: "monitoring")?.dnsNames == ["exporter.example.com"])
        let findings = result.report.findings.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
        #expect(findings.map { "\($0.location.line ?? 0) \($0.code)" } == [
            "2 object-key-missing", "3 object-in-other-namespace", "4 object-not-in-input", "6 object-key-missing",
        ])
        #expect(findings[0].message.contains("key \"nope\" in secret \"exporter-tls\" not found"))
        #expect(findings[1].message.contains("unable to get secret \"scraper\""))
        #expect(findings[3].message.contains("ACME issuer"))
    }
}
