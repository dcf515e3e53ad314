import Foundation
import Testing

@testable import TLSCheckCore

/// Configurations inside Secrets and ConfigMaps, read through the container's mounts and checked with
/// every check of their kind, each finding at the manifest line where its text is.
@Suite struct EmbeddedConfigTests {
    @Test func exporterStackIsCleanAndStatesItsServer() throws {
        let stack = try ExporterStack()
        let result = Manifests.validate(try stack.stack())
        #expect(result.report.findings.isEmpty, "\(result.report.findings.map { "\($0.location) \($0.code) \($0.message)" })")
        let server = try #require(result.deployment.servers.first)
        #expect(result.deployment.servers.count == 1)
        #expect(server.usesTLS && server.policy == .requireAndVerify)
        #expect(server.pod?.description == "container exporter of Deployment db/postgres-exporter")
        #expect(server.pod?.labels == ["app": "postgres-exporter"])
        #expect(server.listens == [ListenAddress(port: 9187, name: "https")])
        // The web-config's keys at their manifest lines (the block starts on line 19).
        #expect(server.origin == Location(path: "deploy.yaml", line: 19, column: 5))
        #expect(server.clientAuth?.location == Location(path: "deploy.yaml", line: 22, column: 25))
        // The certificate is the Secret's bytes, readable by the cross-checks without the cluster.
        guard case .source(let certificate)? = server.certificate else {
            Issue.record("certificate: \(String(describing: server.certificate))")
            return
        }
        #expect(MaterialChecker.certificates(in: certificate).first?.commonName == "localhost")
        #expect(certificate.location == Location(path: "deploy.yaml", line: 20, column: 18))
    }

    @Test func mountPathAndFlagThatDisagree() throws {
        let stack = try ExporterStack()
        let findings = Manifests.findings(try stack.stack(deployment: ExporterStack.deployment(args: ["--web.config.file=/etc/exporter/web.yml"])))
        #expect(findings.codes == ["path-not-mounted"])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].location.line == 40)  // the arg
        #expect(findings[0].message.hasPrefix("--web.config.file=/etc/exporter/web.yml: cannot read it: no volume of container exporter"))
    }

    @Test func webConfigFindingsPointIntoTheBlock() throws {
        let stack = try ExporterStack()
        let web = ExporterStack.webSecret(ExporterStack.webConfig + "\n  cert_flie: x")
        let findings = Manifests.findings(try stack.stack(web: web))
        #expect(findings.codes == ["unknown-key"])
        #expect(findings[0].location == Location(path: "deploy.yaml", line: 24, column: 7))
        #expect(findings[0].hint?.contains("cert_file") == true)
    }

    @Test func base64WebConfigNamesTheInnerLine() throws {
        let stack = try ExporterStack()
        let web = """
            apiVersion: v1
            kind: Secret
            metadata: {name: exporter-web, namespace: db}
            data:
              web.yml: \(Manifests.base64(ExporterStack.webConfig + "\n  cert_flie: x\n"))
            """
        let findings = Manifests.findings(try stack.stack(web: web))
        #expect(findings.codes == ["unknown-key"])
        #expect(findings[0].location == Location(path: "deploy.yaml", line: 16, column: 3))
        #expect(findings[0].message.hasPrefix("line 6 of the web-config in Secret db/exporter-web key web.yml: unknown key \"cert_flie\""))
    }

    @Test func certificateChecksThroughTheMounts() throws {
        let stack = try ExporterStack()
        // The Secret's tls.key belongs to another certificate.
        let yaml = [try stack.tlsSecret(key: "other.key"), ExporterStack.webSecret(), ExporterStack.deployment()].joined(separator: "\n---\n")
        let findings = Manifests.findings(yaml)
        #expect(findings.codes == ["key-mismatch"])
        #expect(findings[0].location == Location(path: "deploy.yaml", line: 21, column: 17))  // key_file in the block
        #expect(findings[0].message.contains("/etc/exporter/tls/tls.key"))
    }

    @Test func secretNotInTheInputIsSaidOnce() throws {
        let findings = Manifests.findings([ExporterStack.webSecret(), ExporterStack.deployment()].joined(separator: "\n---\n"))
        #expect(findings.codes == ["object-not-in-input"])
        #expect(findings[0].message.hasPrefix("Secret db/exporter-tls, which volume tls of Deployment db/postgres-exporter uses, is not in the input"))
        let result = Manifests.validate([ExporterStack.webSecret(), ExporterStack.deployment()].joined(separator: "\n---\n"))
        guard case .external(let what, _)? = result.deployment.servers.first?.certificate else {
            Issue.record("\(String(describing: result.deployment.servers.first?.certificate))")
            return
        }
        #expect(what == "Secret db/exporter-tls key tls.crt")
    }

    @Test func variablesInArguments() throws {
        let stack = try ExporterStack()
        let deployment = ExporterStack.deployment(
            args: ["--web.config.file=$(WEB_DIR)/web.yml"],
            extra: "        env:\n        - {name: WEB_DIR, value: /etc/exporter/web}")
        #expect(Manifests.findings(try stack.stack(deployment: deployment)).isEmpty)
    }

    @Test func configurationNobodyNamesIsCheckedWithoutItsFiles() {
        let findings = Manifests.findings("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: loose}
            data:
              web.yml: |
                tls_server_config:
                  cert_file: /nowhere/tls.crt
                  key_file: /nowhere/tls.key
                  client_auth_typ: RequireAndVerifyClientCert
            """)
        #expect(findings.codes == ["unknown-key"])
        #expect(findings[0].location == Location(path: "deploy.yaml", line: 9, column: 7))
    }

    @Test func anApplicationsOwnConfigurationIsLeftAlone() {
        let findings = Manifests.findings("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app}
            data:
              app.yaml: |
                rate_limit: 100
                service: {name: shop}
                storage: {backend: s3}
              collector.yaml: |
                service: {pipelines: {}}
            """)
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func anApplicationsOwnConfigFlagIsNotNews() {
        func pod(_ image: String) -> String {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: \(image)\n    args: [--config=/app/config.yaml]\n"
        }
        #expect(Manifests.findings(pod("example.com/shop:1")).isEmpty)
        #expect(Manifests.findings(pod("otel/opentelemetry-collector-contrib:0.110.0")).codes == ["path-not-mounted"])
    }

    @Test func collectorConfigMapThroughTheConfigFlag() throws {
        let result = Manifests.validate("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: agent, namespace: otel}
            data:
              relay.yaml: |
                receivers:
                  otlp:
                    protocols:
                      grpc: {endpoint: 0.0.0.0:4317}
                exporters:
                  otlp/gateway:
                    endpoint: gateway.otel.svc:4317
                    tls:
                      insecure: true
                service:
                  pipelines:
                    traces: {receivers: [otlp], exporters: [otlp/gateway]}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: otel}
            spec:
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                  - name: otelcol
                    image: otel/opentelemetry-collector-contrib:0.110.0
                    args: ["--config=/conf/relay.yaml"]
                    ports: [{name: otlp, containerPort: 4317}]
                    volumeMounts: [{name: conf, mountPath: /conf}]
                  volumes: [{name: conf, configMap: {name: agent}}]
            """)
        #expect(result.report.findings.codes == ["otlp-plaintext"])
        #expect(result.report.findings[0].location == Location(path: "deploy.yaml", line: 14, column: 11))
        let server = try #require(result.deployment.servers.first)
        #expect(server.name == "receivers::otlp::protocols::grpc in container otelcol of DaemonSet otel/agent" && !server.usesTLS)
        #expect(server.listens == [ListenAddress(host: "0.0.0.0", port: 4317, name: "otlp")])
        #expect(server.pod?.container == "otelcol")
        let client = try #require(result.deployment.clients.first)
        #expect(client.target == .address(host: "gateway.otel.svc", port: 4317) && !client.usesTLS)
        #expect(client.schemeLocation == Location(path: "deploy.yaml", line: 14, column: 11))
        #expect(client.pod?.owner.description == "DaemonSet otel/agent")
    }
}
