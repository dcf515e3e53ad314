import Foundation
import Testing

/// The manifests tlscheck passes really work, and the seam mistakes it reports as errors really
/// break: the postgres-exporter setup that `gen-self-signed --mtls` writes for Kubernetes (Secrets,
/// Deployment, Service, ServiceMonitor), run with the real programs on loopback. Debian's
/// prometheus-node-exporter stands in for the exporter (both serve exporter-toolkit's web-config) with
/// the very files the Secrets hold, laid out as the mounts lay them out; Debian's Prometheus scrapes it
/// with the job the Operator would generate from each variant's ServiceMonitor (its Secret keys as
/// files, `server_name` only when `serverName` is set, the target a pod IP: 127.0.0.1, which the
/// certificate does not list); curl does what the kubelet's probes do. Only the listen address and
/// the scrape target are rewritten to loopback.
@Suite(.serialized) struct KubernetesScrapeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The text replaced in the generated kubernetes-exporter.yaml, and by what.
        let replace: String
        let with: String
        /// The codes of tlscheck's errors on the variant.
        let errors: [String]
        let scrape: ScrapeRig.Outcome
        /// Whether the kubelet's probes of the variant succeed.
        let probesPass: Bool
        var testDescription: String { name }
    }

    static let name = "postgres-exporter"
    static let clientSecret = "\(name)-client-tls"
    static let cases: [Case] = [
        Case(name: "as generated", replace: "", with: "", errors: [], scrape: .up, probesPass: true),
        Case(name: "no serverName: the pod IP is verified", replace: "      serverName: \(name).db.svc\n", with: "",
             errors: ["hostname-mismatch"], scrape: .down("doesn't contain any IP SANs"), probesPass: true),
        Case(name: "the scraper's CA is not the exporter's issuer", replace: "{name: \(clientSecret), key: ca.crt}",
             with: "{name: stranger-tls, key: ca.crt}", errors: ["unknown-authority"],
             scrape: .down("certificate signed by unknown authority"), probesPass: true),
        Case(name: "no client certificate",
             replace: "      cert:\n        secret: {name: \(clientSecret), key: tls.crt}\n      keySecret: {name: \(clientSecret), key: tls.key}\n",
             with: "", errors: ["client-cert-required"], scrape: .down(""), probesPass: true),
        Case(name: "a client certificate of another CA", replace: "{name: \(clientSecret), key: tls.", with: "{name: stranger-tls, key: tls.",
             errors: ["client-cert-rejected"], scrape: .down(""), probesPass: true),
        Case(name: "scheme http against TLS", replace: "    scheme: https\n", with: "    scheme: http\n",
             errors: ["plaintext-to-tls"], scrape: .down("400 Bad Request"), probesPass: true),
        Case(name: "an httpGet probe on the mTLS port", replace: "livenessProbe:\n          tcpSocket: {port: https}",
             with: "livenessProbe:\n          httpGet: {path: /, port: https}", errors: ["plaintext-to-tls"], scrape: .up, probesPass: false),
        Case(name: "an HTTPS probe on the mTLS port", replace: "livenessProbe:\n          tcpSocket: {port: https}",
             with: "livenessProbe:\n          httpGet: {path: /, port: https, scheme: HTTPS}", errors: ["client-cert-required"],
             scrape: .up, probesPass: false),
    ]

    @Test func theRealProgramsAgree() throws {
        try ScrapeRig.requirePrograms()
        let folder = try TemporaryFolder()
        for (out, host) in [("gen", "\(Self.name).db.svc"), ("stranger", "\(Self.name).db.svc")] {
            let made = try CLI.run(["gen-self-signed", "--mtls", "--host", host, "--k8s-name", Self.name, "--port", "9187", "--out", out], cwd: folder.url)
            try #require(made.status == 0, "\(made.output)")
        }
        let secrets = try String(contentsOfFile: folder.path + "/gen/kubernetes-secrets.yaml", encoding: .utf8)
        let generated = try String(contentsOfFile: folder.path + "/gen/kubernetes-exporter.yaml", encoding: .utf8)
            .replacingOccurrences(of: "quay.io/prometheus/node-exporter:v1.9.1", with: "quay.io/prometheuscommunity/postgres-exporter:v0.17.1")
        func pem(_ file: String) throws -> String { try Data(contentsOf: folder.url.appendingPathComponent("stranger/" + file)).base64EncodedString() }
        let stranger = """
            apiVersion: v1
            kind: Secret
            metadata: {name: stranger-tls}
            type: kubernetes.io/tls
            data: {ca.crt: \(try pem("ca.crt")), tls.crt: \(try pem("client.crt")), tls.key: \(try pem("client.key"))}
            """

        // The exporter, from the manifests as generated: the Secrets' keys where the mounts put them.
        let root = folder.path + "/pod"
        let port = Ports.free()
        let arguments = try ManifestRig(secrets + "\n---\n" + generated).layOutContainer(under: root)
            .map { $0.hasPrefix("--web.listen-address=") ? "--web.listen-address=127.0.0.1:\(port)" : $0 }
        #expect(arguments.contains("--web.config.file=\(root)/etc/\(Self.name)/web/web-config.yaml"), "\(arguments)")
        let exporter = try ScrapeRig.startExporter(arguments, port: port, in: folder)
        defer { withExtendedLifetime(exporter) {} }

        var jobs = ""
        for (index, c) in Self.cases.enumerated() {
            try #require(c.replace.isEmpty || generated.contains(c.replace), "\(c.name): the generated manifests changed")
            let variant = [secrets, c.replace.isEmpty ? generated : generated.replacingOccurrences(of: c.replace, with: c.with), stranger]
                .joined(separator: "\n---\n")
            let file = try folder.write("case\(index).yaml", variant)
            let verdict = try CLI.run(["validate", "--fail-on", "info", file])
            #expect(Self.errors(verdict.stdout) == c.errors, "\(c.name): tlscheck said \(verdict.stdout)")
            if c.errors.isEmpty { #expect(verdict.status == 0 && verdict.stdout.hasSuffix("0 errors, 0 warnings in 1 file\n"), "\(verdict.stdout)") }

            let rig = try ManifestRig(variant)
            jobs += try rig.scrapeJob(named: "case\(index)", target: "127.0.0.1:\(port)", assets: "\(folder.path)/certs\(index)")
            let probes = rig.probes.map { Self.kubelet($0.handler, scheme: $0.scheme, port: port) }
            #expect(!probes.isEmpty && probes.allSatisfy { $0 } == c.probesPass, "\(c.name): the kubelet's probes gave \(probes)")
        }
        let config = try folder.write("prometheus.yml", ScrapeRig.global + jobs)
        let (prometheus, webPort) = try ScrapeRig.startPrometheus(config: config, in: folder)
        defer { withExtendedLifetime(prometheus) {} }
        let health = try ScrapeRig.health(port: webPort, expected: Self.cases.count)
        for (index, c) in Self.cases.enumerated() {
            let target = health["case\(index)"]
            #expect(ScrapeRig.matches(target, c.scrape), "\(c.name): \(String(describing: target))")
        }
    }

    /// The codes of the errors in tlscheck's text output, in order.
    static func errors(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.contains(": error: ") }.compactMap { line in
            guard let open = line.lastIndex(of: "["), line.hasSuffix("]") else { return nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
    }

    /// What the kubelet does for a probe of the container's port (kubernetes.md §4): a TCP connect;
    /// an HTTP GET; an HTTPS GET without verification and without a client certificate. True when
    /// the probe succeeds (a status from 200 to 399).
    static func kubelet(_ handler: String, scheme: String, port: Int) -> Bool {
        switch handler {
        case "tcpSocket":
            return Ports.accepts(port)
        case "httpGet":
            let url = "\(scheme.lowercased())://127.0.0.1:\(port)/"
            guard let curl = try? Shell.run("curl", ["-sk", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}", url]) else { return false }
            return curl.status == 0 && (200..<400).contains(Int(curl.stdout) ?? 0)
        default:
            return false
        }
    }
}
