import Foundation
import Testing

/// Debian's prometheus-node-exporter and Prometheus, started on loopback by a test, and the health of
/// Prometheus's targets: shared by the tests that hold tlscheck's verdicts against a real scrape.
enum ScrapeRig {
    static let prometheus = "/usr/bin/prometheus"
    static let exporter = "/usr/bin/prometheus-node-exporter"

    /// What became of one job's target.
    enum Outcome: Sendable {
        /// Scraped: health up.
        case up
        /// The target is down; lastError contains this.
        case down(String)
        /// Client creation failed: the job has no targets at all.
        case noTargets
    }

    static func requirePrograms() throws {
        for program in [prometheus, exporter] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "install Debian's prometheus and prometheus-node-exporter")
        }
    }

    /// The node exporter with `arguments` (the web-config and listen address among them), only its
    /// time collector on; returns once it accepts connections on `port`.
    static func startExporter(_ arguments: [String], port: Int, in folder: TemporaryFolder) throws -> Server {
        let server = try Server(exporter, ["--collector.disable-defaults", "--collector.time"] + arguments, logIn: folder)
        try #require(Server.waitForPort(port), "node exporter did not start: \(server.output)")
        return server
    }

    /// Prometheus with `config`, scraping every second; returns it and its web port once it listens.
    static func startPrometheus(config: String, in folder: TemporaryFolder) throws -> (server: Server, port: Int) {
        let promtool = try Shell.run("promtool", ["check", "config", config])
        #expect(promtool.status == 0, "promtool refused a file Prometheus should load: \(promtool.output)")
        let port = Ports.free()
        let server = try Server(prometheus, [
            "--config.file=\(config)", "--storage.tsdb.path=\(folder.path)/tsdb-\(port)", "--web.listen-address=127.0.0.1:\(port)",
        ], logIn: folder)
        try #require(Server.waitForPort(port, seconds: 30), "prometheus did not start: \(server.output)")
        return (server, port)
    }

    /// The `global:` block every rig's prometheus.yml starts with.
    static let global = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n"

    /// Polls the targets until `expected` jobs have a target and none is still unknown (30 s at most).
    static func health(port: Int, expected: Int) throws -> [String: (health: String, error: String)] {
        var health: [String: (health: String, error: String)] = [:]
        let deadline = Date().addingTimeInterval(30)
        repeat {
            usleep(300_000)
            health = try targets(port: port)
        } while Date() < deadline && (health.values.contains { $0.health == "unknown" } || health.count < expected)
        return health
    }

    /// Whether a target's health is what `outcome` says.
    static func matches(_ target: (health: String, error: String)?, _ outcome: Outcome) -> Bool {
        switch outcome {
        case .up: target?.health == "up"
        case .down(let error): target?.health == "down" && (error.isEmpty || target?.error.contains(error) == true)
        case .noTargets: target == nil
        }
    }

    /// job → (health, lastError) of each active target, from `/api/v1/targets`.
    static func targets(port: Int) throws -> [String: (health: String, error: String)] {
        let curl = try Shell.run("curl", ["-sS", "--max-time", "5", "http://127.0.0.1:\(port)/api/v1/targets"])
        guard let json = try? JSONSerialization.jsonObject(with: Data(curl.stdout.utf8)) as? [String: Any],
            let data = json["data"] as? [String: Any], let active = data["activeTargets"] as? [[String: Any]]
        else { return [:] }
        var result: [String: (health: String, error: String)] = [:]
        for target in active {
            let job = (target["labels"] as? [String: String])?["job"] ?? ""
            result[job] = (target["health"] as? String ?? "", target["lastError"] as? String ?? "")
        }
        return result
    }
}
