import Foundation
import Testing

/// What `gen-self-signed --mtls` writes for Kubernetes is the whole setup, and it validates clean —
/// with the default hosts, a Service name, a wildcard or only an IP address (the ServiceMonitor's
/// serverName is always a name the certificate lists). KubernetesScrapeTests runs it for real.
@Suite struct GenerateKubernetesTests {
    @Test(arguments: [[], ["--host", "exporter.monitoring.svc"], ["--host", "*.monitoring.svc"], ["--host", "10.0.0.5"]])
    func theGeneratedSetupValidatesClean(_ hosts: [String]) throws {
        let folder = try TemporaryFolder()
        let made = try CLI.run(["gen-self-signed", "--mtls", "--out", "k8s"] + hosts, cwd: folder.url)
        try #require(made.status == 0, "\(made.output)")
        #expect(made.stdout.contains("wrote k8s/kubernetes-exporter.yaml"))
        let result = try CLI.run(["validate", "--fail-on", "info", "k8s/kubernetes-secrets.yaml", "k8s/kubernetes-exporter.yaml"], cwd: folder.url)
        #expect(result.status == 0 && result.stdout == "0 errors, 0 warnings in 2 files\n", "\(hosts): \(result.stdout)")
        let manifest = try String(contentsOfFile: folder.path + "/k8s/kubernetes-exporter.yaml", encoding: .utf8)
        for part in ["kind: Deployment", "kind: Service\n", "kind: ServiceMonitor", "--web.config.file=/etc/exporter/web/web-config.yaml",
                     "tcpSocket: {port: https}", "scheme: https", "serverName: ", "keySecret: {name: exporter-client-tls, key: tls.key}"] {
            #expect(manifest.contains(part), "\(part) is missing")
        }
        // Without the Secrets, what they hold is said to be unchecked, and nothing else.
        let alone = try CLI.run(["validate", "k8s/kubernetes-exporter.yaml"], cwd: folder.url)
        #expect(alone.status == 0 && alone.stdout.contains("[object-not-in-input]") && !alone.stdout.contains("warning:"), "\(alone.stdout)")
    }
}
