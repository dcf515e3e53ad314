import Foundation
import Testing

/// Prometheus configurations as they come: detected by content, gen-self-signed's own job list, and
/// bad input of every kind in these kinds (a located finding with a hint, never a crash or a hang).
@Suite struct PrometheusInputTests {
    func validate(_ arguments: [String], cwd: URL? = nil) throws -> CLI.Result {
        let result = try CLI.run(["validate"] + arguments, cwd: cwd, timeout: 30)
        #expect(!result.output.contains("Fatal error") && !result.output.contains("Stack dump"), "crashed: \(result.output)")
        return result
    }

    @Test func generatedScrapeJobValidatesClean() throws {
        let folder = try TemporaryFolder()
        let generated = try CLI.run(["gen-self-signed", "--mtls", "--host", "node1.example.org", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.output)")
        let result = try validate(["--fail-on", "warning", folder.path + "/prometheus-scrape.yaml"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("0 errors, 0 warnings in 1 file"), "\(result.stdout)")
    }

    @Test func kindsAreDetectedByContent() throws {
        let folder = try TemporaryFolder()
        let full = try folder.write("prometheus.yml", "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: a\n    schem: https\n")
        let jobs = try folder.write("jobs.yml", "- job_name: a\n  schem: https\n")
        let file = try folder.write("file.yml", "scrape_configs:\n  - job_name: a\n    schem: https\n")
        for path in [full, jobs, file] {
            let result = try validate([path])
            #expect(result.status == 1 && result.stdout.contains("field schem not found in type config.ScrapeConfig"), "\(path): \(result.stdout)")
            #expect(result.stdout.contains("did you mean scheme?"))
        }
    }

    @Test func scrapeConfigFilesAreReadRelativeToTheConfig() throws {
        let folder = try TemporaryFolder()
        try folder.write("jobs/a.yml", "scrape_configs:\n  - job_name: a\n    scheme: https\n    tls_config:\n      ca_file: ../nothere.crt\n    static_configs: [{targets: [a:1]}]\n")
        try folder.write("jobs/b.yml", "scrape_configs:\n  - job_name: a\n")
        let config = try folder.write("conf/prometheus.yml", "scrape_config_files: [../jobs/*.yml, missing/*.yml]\n")
        let result = try validate([config])
        #expect(result.stdout.contains("jobs/a.yml:5:16: error:"), "\(result.stdout)")
        #expect(result.stdout.contains("unable to read CA cert"))
        #expect(result.stdout.contains("found multiple scrape configs with job name \"a\", first found in"))
        #expect(result.stdout.contains("[scrape-config-files-empty]"))
    }

    @Test(arguments: [
        ("broken YAML", "scrape_configs:\n  - job_name: [a\n", "yaml-syntax"),
        ("alias bomb", (["a: &a [x, x, x, x, x, x, x, x, x, x]"] + (1...9).map { "\(Character(UnicodeScalar(97 + $0)!)): &\(Character(UnicodeScalar(97 + $0)!)) [*\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!)), *\(Character(UnicodeScalar(96 + $0)!))]" } + ["scrape_configs: *j"]).joined(separator: "\n") + "\n", "yaml-alias-limit"),
        ("scalar root", "just text\n", "wrong-type"),
        ("job list of scalars", "scrape_configs: [a, b]\n", "wrong-type"),
        ("tls_config a list", "scrape_configs:\n  - job_name: a\n    tls_config: [ca.crt]\n", "wrong-type"),
    ])
    func badInputGetsALocatedFinding(_ name: String, _ text: String, _ code: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("prometheus.yml", text)
        let result = try validate(["--kind", "prometheus", path])
        #expect(result.status == 1, "\(name): \(result.output)")
        #expect(result.stdout.contains("prometheus.yml:"), "\(name): \(result.stdout)")
        #expect(result.stdout.contains("[\(code)]"), "\(name): \(result.stdout)")
        #expect(result.stdout.contains("hint:"), "\(name): \(result.stdout)")
    }

    @Test func binaryAndHugeInput() throws {
        let folder = try TemporaryFolder()
        let junk = folder.url.appendingPathComponent("junk.yml")
        try Data((0..<4096).map { UInt8(($0 * 7919 + 13) % 256) }).write(to: junk)
        let binary = try validate(["--kind", "prometheus", junk.path])
        #expect(binary.status == 1 && binary.stdout.contains("[yaml-not-text]"), "\(binary.stdout)")

        // Past the 64 MiB input limit (docs/limits.md): one finding, at once.
        let huge = folder.url.appendingPathComponent("huge.yml")
        let line = String(repeating: "  - job_name: padding\n", count: 1000)
        try Data(("scrape_configs:\n" + String(repeating: line, count: 3100)).utf8).write(to: huge)
        let result = try validate(["--kind", "prometheus-jobs", huge.path])
        #expect(result.status == 1 && result.stdout.contains("MiB limit"), "\(result.stdout.prefix(500))")
    }
}
