import Foundation
import Testing

@testable import TLSCheckCore

/// Prometheus Operator resources read through the manifest reader: CRD fields, the Operator's
/// rejections, and the TLS clients the Kubernetes cross-checks build on.
@Suite struct MonitorReaderTests {
    /// The monitors alone, before the Kubernetes reader resolves their Secret keys against the
    /// rest of the input (which says `object-not-in-input` for each: KubernetesTests cover that).
    func read(_ text: String) -> ConfigValidation {
        let reader = ManifestReader(context: CheckContext())
        var result = ConfigValidation()
        for document in YAMLParser.parseAll(Array(text.utf8), path: "monitors.yaml") {
            result.report.findings += document.findings
            guard let root = document.root else { continue }
            for object in reader.objects(in: root, path: "monitors.yaml") { result.append(reader.read(object)) }
        }
        return result
    }

    static let serviceMonitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: node
          namespace: monitoring
        spec:
          namespaceSelector:
            matchNames: [exporters]
          selector:
            matchLabels: {app: node-exporter}
          endpoints:
            - port: https
              scheme: https
              tlsConfig:
                ca:
                  secret: {name: exporter-tls, key: ca.crt}
                cert:
                  configMap: {name: client, key: tls.crt}
                keySecret: {name: client-key, key: tls.key}
                serverName: node-exporter.exporters.svc

        """

    @Test func aServiceMonitorEndpointBecomesAClient() throws {
        let result = read(Self.serviceMonitor)
        #expect(result.report.findings.isEmpty, "\(result.report.findings.map(\.message))")
        let client = try #require(result.deployment.clients.first)
        #expect(result.deployment.clients.count == 1)
        #expect(client.name == "ServiceMonitor monitoring/node endpoints[0]")
        #expect(client.dialect == .monitor && client.usesTLS)
        guard case .pods(let selection) = client.target else { Issue.record("target \(client.target)"); return }
        #expect(selection.through == .services && selection.namespaces == ["exporters"])
        #expect(selection.selector.matchLabels == ["app": "node-exporter"] && selection.port == .name("https"))
        guard case .objectKey(let ca, _)? = client.trust, case .objectKey(let cert, _)? = client.certificate,
            case .objectKey(let key, _)? = client.key
        else { Issue.record("references \(String(describing: client.trust))"); return }
        // Read from the monitor's namespace, as the Operator reads them.
        #expect(ca == ObjectKeyReference(kind: .secret, namespace: "monitoring", name: "exporter-tls", key: "ca.crt"))
        #expect(cert.kind == .configMap && cert.name == "client" && key.name == "client-key")
        #expect(client.serverName?.value == "node-exporter.exporters.svc")
    }

    @Test func everyDocumentAndListItemIsRead() {
        let pod = "apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: pm, namespace: apps}\nspec:\n  selector: {}\n  podMetricsEndpoints:\n    - port: web\n"
        let list = "apiVersion: v1\nkind: List\nitems:\n- " + pod.replacing("\n", with: "\n  ").replacing("name: pm", with: "name: pm2")
        let result = read(Self.serviceMonitor + "---\n" + pod + "---\n" + list)
        guard case .pods(let own)? = result.deployment.clients.last?.target else { Issue.record("not pods"); return }
        #expect(own.namespaces == ["apps"], "no namespaceSelector: the monitor's own namespace")
        #expect(result.deployment.clients.map(\.name) == [
            "ServiceMonitor monitoring/node endpoints[0]", "PodMonitor apps/pm podMetricsEndpoints[0]", "PodMonitor apps/pm2 podMetricsEndpoints[0]",
        ])
    }

    @Test func unknownMisplacedAndFileFields() {
        let text = Self.serviceMonitor
            .replacing("serverName: node-exporter.exporters.svc", with: "serverNam: node-exporter.exporters.svc")
            .replacing("      scheme: https\n", with: "      scheme: https\n      insecureSkipVerify: true\n")
        let findings = read(text).report.findings
        let typo = findings.first { $0.message.contains("spec.endpoints[0].tlsConfig.serverNam") }
        #expect(typo?.code == "unknown-key" && typo?.hint == "did you mean serverName?")
        let misplaced = findings.first { $0.message.contains("spec.endpoints[0].insecureSkipVerify") }
        #expect(misplaced?.hint == "insecureSkipVerify belongs under tlsConfig; indent it there")

        let pod = "apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: pm}\nspec:\n  selector: {}\n  podMetricsEndpoints:\n    - port: web\n      scheme: https\n      tlsConfig: {caFile: /etc/ca.crt, serverName: web}\n"
        let file = read(pod).report.findings.first { $0.code == "unknown-key" }
        #expect(file?.message.contains("spec.podMetricsEndpoints[0].tlsConfig.caFile") == true)
        #expect(file?.hint?.contains("only a ServiceMonitor reads files") == true)
        #expect(file?.location == Location(path: "monitors.yaml", line: 9, column: 19))
    }

    @Test func whatTheOperatorRejects() {
        let both = Self.serviceMonitor.replacing("        serverName:", with: "        caFile: /etc/prometheus/secrets/x/ca.crt\n        serverName:")
        #expect(read(both).report.findings.map(\.message).contains { $0.hasSuffix("endpoints[0]: tlsConfig: cannot specify both 'caFile' and 'ca'") })
        let noKey = Self.serviceMonitor.replacing("        keySecret: {name: client-key, key: tls.key}\n", with: "")
        #expect(read(noKey).report.findings.map(\.message).contains { $0.hasSuffix("endpoints[0]: tlsConfig: cannot specify client cert without client key") })
        let basic = Self.serviceMonitor + "      authorization: {type: Basic, credentials: {name: a, key: b}}\n"
        let rejected = read(basic).report.findings.filter { $0.code == "monitor-rejected" }
        #expect(rejected.map(\.message).contains { $0.contains("\"monitoring/node\" was rejected due to invalid configuration: endpoints[0]: 'authorization' type cannot be set to \"basic\", use \"basicAuth\" instead") })
        let probe = "apiVersion: monitoring.coreos.com/v1\nkind: Probe\nmetadata: {name: p, namespace: m}\nspec:\n  prober: {url: 'blackbox:9115', scheme: https}\n  tlsConfig:\n    cert: {secret: {name: a, key: b}}\n    minVersion: TLS13\n    maxVersion: TLS12\n"
        let messages = read(probe).report.findings.map(\.message)
        #expect(messages.contains { $0.hasSuffix("tlsConfig: client cert specified without client key") })
        #expect(messages.contains { $0.hasSuffix("tlsConfig: maxVersion must more than or equal to minVersion") })
        #expect(!messages.contains { $0.contains("is below") }, "versions out of order are said once, in the Operator's words")
    }

    @Test func defaultSchemeAndPodIPs() {
        let http = read(Self.serviceMonitor.replacing("      scheme: https\n", with: "")).report.findings
        #expect(http.map(\.code) == ["tls-settings-unused"])
        #expect(http.first?.message.contains("scheme is not set, and the default is plaintext") == true)
        let noName = read(Self.serviceMonitor.replacing("        serverName: node-exporter.exporters.svc\n", with: "")).report.findings
        #expect(noName.map(\.code) == ["ip-target-without-server-name"])
        #expect(noName.first?.hint == "set tlsConfig.serverName to a DNS name the server's certificate lists")
        let enumValue = read(Self.serviceMonitor.replacing("scheme: https", with: "scheme: htps")).report.findings
        #expect(enumValue.contains { $0.code == "schema-invalid-value" && $0.message.contains("Unsupported value: \"htps\"") })
    }

    /// The committed table is what scripts/crd-fields.py makes from the vendored Operator CRDs.
    @Test func schemaTableIsGeneratedFromTheCRDs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let crds = root.appendingPathComponent("Tests/Conformance/prometheus-operator")
        try #require(FileManager.default.fileExists(atPath: crds.path), "the CRDs live in Tests/Conformance/prometheus-operator")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/crd-fields.py").path, crds.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/crd-fields.py needs PyYAML (python3-yaml)")
        let committed = try Data(contentsOf: root.appendingPathComponent("Sources/TLSCheckCore/Prometheus/MonitorSchemaTable.swift"))
        #expect(output == committed, "run scripts/crd-fields.py > Sources/TLSCheckCore/Prometheus/MonitorSchemaTable.swift")
    }
}
