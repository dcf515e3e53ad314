import Foundation
import Testing

@testable import TLSCheckCore

/// Objects as the API server reads them: Secrets, ConfigMaps, workloads of every kind, Services,
/// `List`s, Helm charts; every finding with a failing and a passing case.
@Suite struct ObjectReadingTests {
    @Test func brokenBase64IsALocatedFinding() {
        let findings = Manifests.findings("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: ns}
            data:
              good: \(Manifests.base64("hello"))
              pem: -----BEGIN CERTIFICATE-----
              bad: "aGVsbG8=!!"
            """)
        #expect(findings.codes == ["secret-invalid", "secret-invalid"])
        #expect(findings[0].location == Location(path: "deploy.yaml", line: 6, column: 8))
        #expect(findings[0].message.contains("it holds PEM text"))
        #expect(findings[0].hint?.contains("stringData") == true)
        #expect(findings[1].message.contains("illegal base64 data at input byte 8"))
    }

    @Test func goBase64() {
        #expect(Base64.decoding("aGVsbG8=".utf8, skipping: .lineBreaks) == .bytes(Array("hello".utf8)))
        #expect(Base64.decoding("aGVs\nbG8=\r\n".utf8, skipping: .lineBreaks) == .bytes(Array("hello".utf8)))  // line breaks are ignored
        #expect(Base64.decoding("aGVsbG8".utf8, skipping: .lineBreaks) == .illegal(at: 7))  // padding is required
        #expect(Base64.decoding("aGVs bG8=".utf8, skipping: .lineBreaks) == .illegal(at: 4))
        #expect(Base64.decoding("".utf8, skipping: .lineBreaks) == .bytes([]))
        #expect(Base64.decoding("=".utf8, skipping: .lineBreaks) == .illegal(at: 0))
    }

    @Test func stringDataWinsAndBinaryIsKept() throws {
        var inventory = ManifestInventory()
        let yaml = """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data:
              same: \(Manifests.base64("from data"))
              binary: \(Data([0x30, 0x82, 0x00, 0xFF, 0x00]).base64EncodedString())
            stringData:
              same: from stringData
            """
        let root = try #require(YAMLParser.parse(Array(yaml.utf8), path: "s.yaml").root)
        inventory.add(try #require(ManifestReader(context: Manifests.context).objects(in: root, path: "s.yaml").first))
        let secret = try #require(inventory.secrets.first)
        #expect(secret.entries["same"]?.bytes == Array("from stringData".utf8))
        #expect(secret.entries["binary"]?.bytes == [0x30, 0x82, 0x00, 0xFF, 0x00])
        #expect(inventory.findings.isEmpty)
    }

    @Test func tlsSecretNeedsBothKeys() {
        let missing = Manifests.findings("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            type: kubernetes.io/tls
            stringData:
              tls.crt: x
            """)
        #expect(missing.codes == ["tls-secret-incomplete"])
        #expect(missing[0].message.contains("data[tls.key]: Required value"))
        #expect(missing[0].location.line == 4)
        let complete = Manifests.findings("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            type: kubernetes.io/tls
            stringData: {tls.crt: x, tls.key: y}
            """)
        #expect(complete.isEmpty)
    }

    @Test func configMapValuesMustBeStrings() {
        let findings = Manifests.findings("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data:
              nested: {a: 1}
            binaryData:
              blob: \(Data([1, 2, 3]).base64EncodedString())
            """)
        #expect(findings.codes == ["secret-invalid"])
        #expect(findings[0].message.contains("is !!map, not a string"))
    }

    @Test func everyWorkloadKindAndListItems() throws {
        let container = """
                  containers:
                  - name: c
                    image: busybox
                    ports: [{name: web, containerPort: 8080}]
            """
        func template(_ kind: String, _ api: String, prefix: String = "spec:\n  template:\n    metadata: {labels: {app: x}}\n    spec:") -> String {
            "apiVersion: \(api)\nkind: \(kind)\nmetadata: {name: \(kind.lowercased()), namespace: ns}\n\(prefix)\n" + container
        }
        let documents = [
            template("Deployment", "apps/v1"), template("StatefulSet", "apps/v1"), template("DaemonSet", "apps/v1"),
            template("ReplicaSet", "apps/v1"), template("Job", "batch/v1"),
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: cronjob, namespace: ns}
            spec:
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers: [{name: c, image: busybox, ports: [{name: web, containerPort: 8080}]}]
            """,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: pod, namespace: ns, labels: {app: x}}\nspec:\n  initContainers: [{name: init, image: busybox}]\n  containers: [{name: c, image: busybox}]",
        ]
        let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: svc, namespace: ns}\n  spec: {selector: {app: x}, ports: [{name: http, port: 80, targetPort: web}]}"
        let result = Manifests.validate((documents + [list, "apiVersion: example.com/v1\nkind: Unknown\nmetadata: {name: u}"]).joined(separator: "\n---\n"))
        #expect(result.report.findings.isEmpty, "\(result.report.findings)")
        let facts = result.deployment.kubernetes
        #expect(facts.workloads.map(\.owner.kind) == ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"])
        #expect(facts.workloads.allSatisfy { $0.labels["app"] == "x" })
        #expect(facts.workloads[5].containers.first?.ports.first?.number == 8080)
        #expect(facts.workloads[6].containers.map(\.isInit) == [true, false])
        let service = try #require(facts.services.first)
        #expect(facts.pods(selectedBy: service).count == 7)
        #expect(facts.targets(of: service, port: service.ports[0]).map(\.port.number) == Array(repeating: 8080, count: 6))
        let throughServices = PodSelection(through: .services, namespaces: [], selector: LabelSelector(), port: .name("http"))
        #expect(facts.pods(in: throughServices, from: "ns").count == 7)
        #expect(facts.pods(in: throughServices, from: "elsewhere").isEmpty)
        let direct = PodSelection(through: .pods, namespaces: nil, selector: LabelSelector(matchLabels: ["app": "x"]), port: nil)
        #expect(facts.pods(in: direct, from: nil).map(\.owner.name).first == "deployment")
    }

    @Test func servicesByNameAndPort() throws {
        let result = Manifests.validate("""
            apiVersion: v1
            kind: Service
            metadata: {name: tempo, namespace: tracing, labels: {app: tempo}}
            spec:
              selector: {app: tempo}
              ports:
              - {name: otlp-grpc, port: 4317}
              - {name: otlp-http, port: 4318, targetPort: 14318}
            """)
        let facts = result.deployment.kubernetes
        #expect(facts.service(host: "tempo.tracing.svc", port: 4317, from: "apps")?.port.name == "otlp-grpc")
        #expect(facts.service(host: "tempo.tracing.svc.cluster.local.", port: 4318, from: nil)?.port.targetPort == .number(14318))
        #expect(facts.service(host: "tempo", port: 4317, from: "tracing") != nil)
        #expect(facts.service(host: "tempo", port: 4317, from: "apps") == nil)  // another namespace needs tempo.tracing
        #expect(facts.service(host: "tempo.other.svc", port: 4317, from: nil) == nil)
        #expect(facts.service(host: "tempo.tracing", port: 9999, from: nil) == nil)
        #expect(facts.services(matching: LabelSelector(matchLabels: ["app": "tempo"]), in: [], from: "tracing").count == 1)
        #expect(facts.services(matching: LabelSelector(matchLabels: ["app": "tempo"]), in: [], from: "monitoring").isEmpty)
        #expect(facts.services(matching: LabelSelector(matchLabels: ["app": "tempo"]), in: nil, from: "monitoring").count == 1)
    }

    @Test func probesAndTheirPorts() throws {
        let result = Manifests.validate("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                ports: [{name: https, containerPort: 9100}]
                livenessProbe:
                  httpGet: {port: https, scheme: HTTPS, path: /metrics, httpHeaders: [{name: Authorization, value: Basic eA==}]}
                readinessProbe:
                  grpc: {port: 4317}
                startupProbe:
                  tcpSocket: {port: "9100"}
              - name: d
                livenessProbe:
                  httpGet: {port: metrics}
                readinessProbe:
                  exec: {command: [true]}
            """)
        #expect(result.report.findings.codes == ["probe-port-unknown"])
        #expect(result.report.findings[0].location == Location(path: "deploy.yaml", line: 16, column: 23))
        let containers = try #require(result.deployment.kubernetes.workloads.first).containers
        let probes = containers[0].probes
        #expect(probes.map(\.kind) == [.liveness, .readiness, .startup])
        #expect(probes[0].handler == .httpGet(scheme: "HTTPS", path: "/metrics", headers: ["Authorization": "Basic eA=="]))
        #expect(probes[0].portNumber == 9100 && probes[0].usesTLS && probes[0].schemeLocation?.line == 9)
        #expect(probes[1].handler == .grpc(service: nil) && probes[1].portNumber == 4317)
        #expect(probes[2].handler == .tcpSocket && probes[2].portNumber == 9100)  // a number as a string
        #expect(containers[1].probes.map(\.handler) == [.httpGet(scheme: "HTTP", path: "/", headers: [:]), .exec])
    }

    @Test func helmTemplatesAndValuesAreSaidOnce() throws {
        let template = Manifests.findings("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ include "exporter.fullname" . }}
            data:
              {{- toYaml .Values.secret | nindent 2 }}
            """, path: "templates/secret.yaml")
        #expect(template.codes == ["helm-template"])
        #expect(template[0].hint?.contains("helm template") == true)
        let values = Manifests.findings("replicaCount: 1\nimage:\n  repository: x\n  tag: y\n", path: "values.yaml")
        #expect(values.codes == ["helm-template"])
        #expect(values[0].message.contains("values file"))
        // A rendered ConfigMap that carries an Alertmanager template is a manifest.
        let rendered = Manifests.findings("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: alertmanager-templates}
            data:
              slack.tmpl: |
                {{ define "slack.title" }}{{ .CommonLabels.alertname }}{{ end }}
            """)
        #expect(rendered.isEmpty)
    }
}
