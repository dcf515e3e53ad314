import Foundation
import Testing

@testable import TLSCheckCore

/// The prometheus.yml reader: what each mistake costs, the clients it adds to the model, and inputs
/// without a file name.
@Suite struct PrometheusReaderTests {
    func read(_ text: String, path: String = "prometheus.yml", kind: ConfigKind? = nil) -> ConfigValidation {
        ConfigValidator(kind: kind).validate(text: text, path: path)
    }

    @Test func whatAnUnusableCAFileCostsDependsOnItsOwner() {
        let result = read("""
            scrape_configs:
              - job_name: node
                scheme: https
                tls_config: {ca_file: nothere.crt}
                static_configs: [{targets: ['node:9100']}]
            remote_write:
              - url: https://mimir:9009/api/v1/push
                tls_config: {ca_file: nothere.crt}
            alerting:
              alertmanagers:
                - static_configs: [{targets: ['am:9093']}]
                  tls_config: {ca_file: nothere.crt}
            """)
        let messages = result.report.findings.filter { $0.code == "file-not-found" }.map(\.message)
        #expect(messages.count == 3)
        #expect(messages[0].contains("(the job has no targets: error creating HTTP client: unable to read CA cert: unable to read file nothere.crt: open nothere.crt: no such file or directory)"))
        #expect(messages[1].contains("(Prometheus does not start: one or more errors occurred while applying the new configuration: unable to read CA cert"))
        #expect(messages[2].contains("Prometheus does not start"))
        // The clients: one per target, as the model and --connect need them.
        #expect(result.deployment.clients.map(\.name) == ["job \"node\"", "remote_write[0] (https://mimir:9009/api/v1/push)", "alertmanagers[0]"])
        #expect(result.deployment.clients.map(\.target) == [
            .address(host: "node", port: 9100), .address(host: "mimir", port: 9009), .address(host: "am", port: 9093),
        ])
        #expect(result.deployment.clients.allSatisfy { $0.dialect == .prometheus && $0.loadsUnusedSettings })
        #expect(result.deployment.clients[1].usesTLS && !result.deployment.clients[2].usesTLS)
    }

    @Test func versionsOutOfOrderFailEvenUnderHTTP() {
        // prometheus/common builds the TLS config whatever the scheme.
        let findings = read("scrape_configs:\n  - job_name: a\n    tls_config: {min_version: TLS13, max_version: TLS12}\n").report.findings
        #expect(findings.map(\.code) == ["tls-settings-unused", "min-version-above-max"])
        #expect(findings[1].message.hasSuffix("(the job has no targets: error creating HTTP client: tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified)"))
    }

    @Test func kubernetesDiscoveryTargetsArePodIPs() {
        let job = "scrape_configs:\n  - job_name: pods\n    scheme: https\n    kubernetes_sd_configs:\n      - role: pod\n        namespaces: {names: [apps]}\n"
        let result = read(job)
        #expect(result.report.findings.map(\.code) == ["ip-target-without-server-name"])
        guard case .pods(let selection)? = result.deployment.clients.first?.target else { Issue.record("not pods"); return }
        #expect(selection.through == .pods && selection.namespaces == ["apps"])
        // Relabeling __address__ makes the targets something else: no claim about pod IPs.
        let relabeled = read(job + "    relabel_configs:\n      - {source_labels: [x], target_label: __address__}\n")
        #expect(relabeled.report.findings.isEmpty, "\(relabeled.report.findings.map(\.message))")
        let custom = read("scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs:\n      - role: endpoints\n        tls_config: {insecure_skip_verify: true}\n")
        #expect(custom.report.findings.contains { $0.message == "to use custom HTTP client configuration please provide the 'api_server' URL explicitly" })
    }

    @Test func anyPathNameWorks() {
        // Standard input is named <stdin>; relative paths inside resolve against the working folder.
        let result = read("- job_name: a\n  scheme: https\n  tls_config: {ca_file: nothere.crt}\n", path: "<stdin>")
        let finding = result.report.findings.first { $0.code == "file-not-found" }
        #expect(finding?.location == Location(path: "<stdin>", line: 3, column: 25))
        #expect(finding?.message.contains("unable to read file nothere.crt") == true)
    }

    @Test func durations() {
        #expect(PrometheusDuration.parse("1h30m") == 5_400_000)
        #expect(PrometheusDuration.parse("500ms") == 500)
        #expect(PrometheusDuration.parse("0") == 0)
        for bad in ["5", "1.5h", "30m1h", "", "1 m", "1s1s"] { #expect(PrometheusDuration.parse(bad) == nil, "\(bad)") }
    }
}
