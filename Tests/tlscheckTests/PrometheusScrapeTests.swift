import Foundation
import Testing

/// tlscheck's verdicts on scrape jobs held against the real scraper: Debian's Prometheus scrapes
/// Debian's prometheus-node-exporter, which serves mutual TLS with the web-config that
/// `gen-self-signed --mtls` wrote. The job that validates clean is up; each planted client mistake that
/// tlscheck reports as an error makes the real scrape fail — or, where tlscheck says the client cannot
/// be created, leaves the job without targets.
@Suite(.serialized) struct PrometheusScrapeTests {
    static let prometheus = "/usr/bin/prometheus"
    static let exporter = "/usr/bin/prometheus-node-exporter"

    enum Outcome: Sendable {
        /// Scraped: health up.
        case up
        /// The target is down; lastError contains this.
        case down(String)
        /// Client creation failed: the job has no targets at all.
        case noTargets
    }

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
        for program in [Self.prometheus, Self.exporter] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "install Debian's prometheus and prometheus-node-exporter")
        }
        let folder = try TemporaryFolder()
        let generated = try CLI.run(["gen-self-signed", "--mtls", "--host", "localhost", "--host", "127.0.0.1", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.output)")
        let exporterPort = Ports.free()
        let exporter = try Server(Self.exporter, [
            "--collector.disable-defaults", "--collector.time", "--web.listen-address=127.0.0.1:\(exporterPort)",
            "--web.config.file=\(folder.path)/web-config.yaml",
        ], logIn: folder)
        try #require(Server.waitForPort(exporterPort), "node exporter did not start: \(exporter.output)")

        // tlscheck judges each job alone; Prometheus runs them all at once.
        var jobs = ""
        for (index, c) in Self.cases.enumerated() {
            let job = "  - job_name: case\(index)\n\(c.job)    static_configs:\n      - targets: [localhost:\(exporterPort)]\n"
            let file = try folder.write("job\(index).yml", "scrape_configs:\n" + job)
            let verdict = try CLI.run(["validate", file])
            #expect((verdict.status == 1) == c.error, "\(c.name): tlscheck said \(verdict.output)")
            jobs += job
        }
        let config = try folder.write("prometheus.yml", "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n" + jobs)
        let promtool = try Shell.run("promtool", ["check", "config", config])
        #expect(promtool.status == 0, "promtool refused a file Prometheus should load: \(promtool.output)")

        let webPort = Ports.free()
        let server = try Server(Self.prometheus, [
            "--config.file=\(config)", "--storage.tsdb.path=\(folder.path)/tsdb", "--web.listen-address=127.0.0.1:\(webPort)",
        ], logIn: folder)
        try #require(Server.waitForPort(webPort, seconds: 30), "prometheus did not start: \(server.output)")

        // Poll the targets until every job that has targets has been scraped (health not unknown).
        var health: [String: (String, String)] = [:]
        let deadline = Date().addingTimeInterval(30)
        repeat {
            usleep(300_000)
            health = try Self.targets(port: webPort)
        } while Date() < deadline && (health.values.contains { $0.0 == "unknown" } || health.count < Self.cases.count { if case .noTargets = $0.outcome { false } else { true } })

        for (index, c) in Self.cases.enumerated() {
            let target = health["case\(index)"]
            switch c.outcome {
            case .up:
                #expect(target?.0 == "up", "\(c.name): \(String(describing: target))")
            case .down(let error):
                #expect(target?.0 == "down" && (error.isEmpty || target?.1.contains(error) == true), "\(c.name): \(String(describing: target))")
            case .noTargets:
                #expect(target == nil, "\(c.name): the job has a target: \(String(describing: target))")
            }
        }
        #expect(server.output.contains("error creating HTTP client"), "Prometheus's log: \(server.output.suffix(2000))")
    }

    /// job → (health, lastError) of each active target, from `/api/v1/targets`.
    static func targets(port: Int) throws -> [String: (String, String)] {
        let curl = try Shell.run("curl", ["-sS", "--max-time", "5", "http://127.0.0.1:\(port)/api/v1/targets"])
        guard let json = try? JSONSerialization.jsonObject(with: Data(curl.stdout.utf8)) as? [String: Any],
            let data = json["data"] as? [String: Any], let active = data["activeTargets"] as? [[String: Any]]
        else { return [:] }
        var result: [String: (String, String)] = [:]
        for target in active {
            let job = (target["labels"] as? [String: String])?["job"] ?? ""
            result[job] = (target["health"] as? String ?? "", target["lastError"] as? String ?? "")
        }
        return result
    }
}
