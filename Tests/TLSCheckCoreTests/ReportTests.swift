import Testing
@testable import TLSCheckCore

@Suite struct ReportTests {
    @Test func sortsByInputThenPosition() {
        var report = Report(inputs: ["b.yaml", "a.yaml"])
        report.findings = [
            Finding(.internalError, "3", at: Location(path: "a.yaml", line: 2, column: 1)),
            Finding(.internalError, "2", at: Location(path: "b.yaml", line: 9, column: 1)),
            Finding(.internalError, "1", at: Location(path: "b.yaml", line: 1, column: 4)),
        ]
        #expect(report.sorted.map(\.message) == ["1", "2", "3"])
        #expect(report.fails(at: .error))
        #expect(report.summary() == "3 errors, 0 warnings in 2 files")
    }

    /// At most 100 findings of one code per file are kept; the rest are counted, say so in a note,
    /// and still count for the summary and the exit code.
    @Test func findingsAreCappedPerFileAndCode() throws {
        var list = FindingList()
        var built = 0
        func message(_ i: Int) -> String {
            built += 1
            return "unknown key k\(i)"
        }
        for i in 0..<1000 {
            list.add(.unknownKey, message(i), at: Location(path: "a.yml", line: i + 1, column: 1))
            list.add(.unknownKey, message(i), at: Location(path: "b.yml", line: i + 1, column: 1), severity: .warning)
        }
        list.append(Finding(.internalError, "other code", at: Location(path: "a.yml", line: 1, column: 1)))
        #expect(built == 200, "messages past the cap are never built")
        #expect(list.listed.count == 201)
        #expect(list.omittedCount == 1800)
        let report = Report(list, inputs: ["a.yml", "b.yml"])
        #expect(report.count(.error) == 1001 && report.count(.warning) == 1000)
        #expect(report.summary() == "1001 errors, 1000 warnings in 2 files (1800 not listed: at most 100 of each code per file)")
        let sorted = report.sorted
        #expect(sorted.count == 203)
        let note = try #require(sorted.first { $0.message.hasPrefix("900 more [unknown-key] findings in this file") })
        #expect(note.location == Location(path: "a.yml", line: 101, column: 1))
        #expect(note.severity == .error && note.hint != nil)
        // A warning-only run of omitted findings fails only at --fail-on warning.
        var warnings = Report(findings: (0..<150).map { Finding(.unknownKey, "w", at: Location(path: "c.yml", line: $0), severity: .warning) })
        #expect(warnings.findings.count == 100 && warnings.omittedCount == 50)
        #expect(!warnings.fails(at: .error) && warnings.fails(at: .warning))
        // Findings appended straight to `findings` are capped on the way out too.
        warnings.findings += (0..<150).map { Finding(.unknownKey, "x", at: Location(path: "d.yml", line: $0)) }
        #expect(warnings.sorted.filter { $0.location.path == "d.yml" }.count == 101)
        #expect(JSONRenderer().render(warnings).contains("\"omitted\" : 50"))
        #expect(!JSONRenderer().render(Report(findings: [], inputs: ["x"])).contains("omitted"))
    }

    @Test func textRendererPrintsCompilerStyle() {
        let finding = Finding(.internalError, "boom", at: Location(path: "/w/x.yaml", line: 3, column: 5), hint: "do this")
        let text = TextRenderer(color: false, workingDirectory: "/w").render(finding)
        #expect(text == "x.yaml:3:5: error: boom [internal-error]\n    hint: do this\n")
        let colored = TextRenderer(color: true).render(finding)
        #expect(colored.contains("\u{1B}[1;31merror"))
    }

    @Test func githubEscapesPropertiesAndData() {
        let finding = Finding(.internalError, "50%\nnext", at: Location(path: "a,b:c.yaml", line: 1, column: 2), hint: nil)
        let line = GitHubRenderer().render(finding)
        #expect(line.hasPrefix("::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=internal-error::50%25%0Anext"))
        // Data keeps `:` and `,`; `%`, CR and LF are escaped; a path outside the working folder stays absolute.
        let other = Finding(.internalError, "a: 1, b\r\n100%", at: Location(path: "/etc/x.yaml", line: 7), hint: "fix: it")
        #expect(GitHubRenderer(workingDirectory: "/w").render(other)
                == "::error file=/etc/x.yaml,line=7,title=internal-error::a: 1, b%0D%0A100%25%0Ahint: fix: it\n")
        let inside = Finding(.internalError, "m", at: Location(path: "/w/sub/x.yaml", line: 1, column: 1), hint: nil)
        #expect(GitHubRenderer(workingDirectory: "/w").render(inside).hasPrefix("::error file=sub/x.yaml,line=1,col=1,"))
    }

    @Test func sarifURIsAreRelativeToTheSourceRootOrAbsoluteFileURIs() {
        let renderer = SARIFRenderer(workingDirectory: "/w", toolVersion: "1")
        #expect(renderer.artifact("/w/conf/a b.yaml").uri == "conf/a%20b.yaml")
        #expect(renderer.artifact("/w/conf/a b.yaml").uriBaseId == "%SRCROOT%")
        #expect(renderer.artifact("/etc/web.yml").uri == "file:///etc/web.yml")
        #expect(renderer.artifact("/etc/web.yml").uriBaseId == nil)
        #expect(renderer.artifact("example/web-config.yaml").uri == "example/web-config.yaml")
        #expect(SARIFRenderer.ruleName("client-ca-without-policy") == "ClientCaWithoutPolicy")
        let log = renderer.render(Report(findings: [], inputs: []))
        #expect(log.contains("\"uri\" : \"file:///w/\""))
        #expect(log.contains("\"results\" : [\n\n      ]") || log.contains("\"results\" : ["))
    }
}
