import Foundation
import Testing

/// `validate` on Kubernetes manifests (the binary): a folder is one deployment, a chart is said once.
@Suite struct ValidateKubernetesTests {
    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: exporter-web, namespace: db}
        stringData:
          web.yml: |
            basic_auth_users:
              prometheus: $2y$10$abcdefghijklmnopqrstuu5Rp/dhc5Kl1JqWYfq9n5tY5o3qi.Lx2
        """

    static func deployment(flag: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: exporter, namespace: db}
        spec:
          template:
            metadata: {labels: {app: exporter}}
            spec:
              containers:
              - name: exporter
                image: quay.io/prometheus/node-exporter:v1.8.2
                args: ["--web.config.file=\(flag)"]
                volumeMounts: [{name: web, mountPath: /etc/web}]
              volumes: [{name: web, secret: {secretName: exporter-web}}]
        """
    }

    @Test func aFolderIsOneDeployment() throws {
        let folder = try TemporaryFolder()
        try folder.write("deploy/secret.yaml", Self.secret)
        try folder.write("deploy/deployment.yaml", Self.deployment(flag: "/etc/web/web.yml"))
        let clean = try CLI.run(["validate", "deploy"], cwd: folder.url)
        #expect(clean.status == 0 && clean.stdout == "0 errors, 0 warnings in 2 files\n", "\(clean.stdout)")
        try folder.write("deploy/deployment.yaml", Self.deployment(flag: "/etc/exporter/web.yml"))
        let broken = try CLI.run(["validate", "--fail-on", "warning", "deploy"], cwd: folder.url)
        #expect(broken.status == 1)
        #expect(broken.stdout.hasPrefix("deploy/deployment.yaml:11:16: warning: --web.config.file=/etc/exporter/web.yml: cannot read it: no volume of container exporter"), "\(broken.stdout)")
        #expect(broken.stdout.contains("[path-not-mounted]"))
    }

    @Test func aChartIsSaidOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write("chart/Chart.yaml", "apiVersion: v2\nname: exporter\nversion: 0.1.0\n")
        try folder.write("chart/values.yaml", "replicaCount: 1\nimage:\n  repository: x\n")
        try folder.write("chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n")
        try folder.write("chart/templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n")
        let result = try CLI.run(["validate", "chart"], cwd: folder.url)
        #expect(result.status == 0)
        let findings = result.stdout.split(separator: "\n").filter { $0.contains("[helm-template]") }
        #expect(findings.count == 1, "\(result.stdout)")
        #expect(result.stdout.contains("helm template"))
    }

    @Test func theBuiltInExampleShowsTheSeams() throws {
        let first = try CLI.run(["validate", "--example-kubernetes"])
        #expect(first.status == 1)
        let codes = first.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("example/deployment.yaml:"), let open = line.lastIndex(of: "[") else { return nil }
            return String(line[line.index(after: open)...].dropLast())
        }
        #expect(codes == ["plaintext-to-tls", "subpath-certificate", "hostname-mismatch", "unknown-authority", "plaintext-to-tls"], "\(first.stdout)")
        #expect(first.stdout.hasSuffix("4 errors, 1 warning in 1 file\n"))
        // Its certificates are made at each run; what it says is not.
        #expect(try CLI.run(["validate", "--example-kubernetes"]).stdout == first.stdout)
        // The web-config example is unchanged beside it.
        #expect(try CLI.run(["validate", "--example"]).stdout.hasSuffix("7 errors, 1 warning in 1 file\n"))
    }
}
