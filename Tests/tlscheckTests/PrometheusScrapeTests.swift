import Foundation
import Testing

/// tlscheck's verdicts on scrape jobs held against the real scraper: Debian's Prometheus scrapes
/// Debian's prometheus-node-exporter, which serves mutual TLS with the web-config that
/// `gen-self-signed --mtls` wrote. The job that validates clean is up; each planted client mistake that
/// tlscheck reports as an error makes the real scrape fail — or, where tlscheck says the client cannot
/// be created, leaves the job without targets.
@Suite(.serialized) struct PrometheusScrapeTests {
    typealias Outcome = ScrapeRig.Outcome

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The job's lines after `job_name` (indented four spaces).
        let job: String
        /// tlscheck's verdict on the job alone: true when it reports an error.
        let error: Bool
        let outcome: Outcome
        var testDescription: String { name }
    }

    static let good = "    scheme: https\n    tls_config:\n      ca_file: ca.crt\n      cert_file: client.crt\n      key_file: client.key\n      server_name: localhost\n"

    static let cases: [Case] = [
        Case(name: "clean", job: good, error: false, outcome: .up),
        Case(name: "skip-verify with a wrong CA (a warning; it still works)",
             job: good.replacing("ca_file: ca.crt", with: "ca_file: client.crt\n      insecure_skip_verify: true"), error: false, outcome: .up),
        Case(name: "no scheme (a warning: the exporter answers HTTP 400)",
             job: good.replacing("    scheme: https\n", with: ""), error: false, outcome: .down("400 Bad Request")),
        // Warnings that come true against this server: tlscheck cannot tell pinning from a mistake, nor
        // know that this exporter verifies client certificates, without the other end.
        Case(name: "a client certificate pinned as the CA (a note and a warning)", job: good.replacing("ca_file: ca.crt", with: "ca_file: client.crt"),
             error: false, outcome: .down("x509: certificate signed by unknown authority")),
        Case(name: "the server's certificate as the client's (a warning: no clientAuth usage)",
             job: good.replacing("cert_file: client.crt\n      key_file: client.key", with: "cert_file: server.crt\n      key_file: server.key"),
             error: false, outcome: .down("")),  // "bad certificate", or a reset when TLS 1.3 sends the alert late
        Case(name: "missing CA file", job: good.replacing("ca_file: ca.crt", with: "ca_file: nothere.crt"), error: true, outcome: .noTargets),
        Case(name: "CA file holds a key", job: good.replacing("ca_file: ca.crt", with: "ca_file: ca.key"), error: true, outcome: .noTargets),
        Case(name: "key of another certificate", job: good.replacing("key_file: client.key", with: "key_file: server.key"), error: true, outcome: .noTargets),
        Case(name: "max_version below min_version", job: good + "      min_version: TLS13\n      max_version: TLS12\n", error: true, outcome: .noTargets),
    ]

    @Test func scrapesAgreeWithTheVerdicts() throws {
        try ScrapeRig.requirePrograms()
        let folder = try TemporaryFolder()
        let generated = try CLI.run(["gen-self-signed", "--mtls", "--host", "localhost", "--host", "127.0.0.1", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.output)")
        let exporterPort = Ports.free()
        let exporter = try ScrapeRig.startExporter([
            "--web.listen-address=127.0.0.1:\(exporterPort)", "--web.config.file=\(folder.path)/web-config.yaml",
        ], port: exporterPort, in: folder)
        defer { withExtendedLifetime(exporter) {} }

        // tlscheck judges each job alone; Prometheus runs them all at once.
        var jobs = ""
        for (index, c) in Self.cases.enumerated() {
            let job = "  - job_name: case\(index)\n\(c.job)    static_configs:\n      - targets: [localhost:\(exporterPort)]\n"
            let file = try folder.write("job\(index).yml", "scrape_configs:\n" + job)
            let verdict = try CLI.run(["validate", file])
            #expect((verdict.status == 1) == c.error, "\(c.name): tlscheck said \(verdict.output)")
            jobs += job
        }
        let config = try folder.write("prometheus.yml", ScrapeRig.global + jobs)
        let (server, port) = try ScrapeRig.startPrometheus(config: config, in: folder)
        let scraped = Self.cases.count { if case .noTargets = $0.outcome { false } else { true } }
        let health = try ScrapeRig.health(port: port, expected: scraped)
        for (index, c) in Self.cases.enumerated() {
            let target = health["case\(index)"]
            #expect(ScrapeRig.matches(target, c.outcome), "\(c.name): \(String(describing: target))")
        }
        #expect(server.output.contains("error creating HTTP client"), "Prometheus's log: \(server.output.suffix(2000))")
    }
}
