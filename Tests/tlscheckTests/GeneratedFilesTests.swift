import Foundation
import Testing

/// Committed files that are generated from the binary must match what it prints now.
/// Regenerate with `.ci/regenerate` (or the commands in each failure message).
@Suite struct GeneratedFilesTests {
    func committed(_ path: String) throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func checksCatalogueIsCurrent() throws {
        let result = try CLI.run(["checks", "--markdown"])
        #expect(result.status == 0)
        #expect(try committed("docs/checks.md") == result.stdout,
                "docs/checks.md is stale: run `tlscheck checks --markdown > docs/checks.md`")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptIsCurrent(shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(try committed("completions/tlscheck.\(shell)") == result.stdout,
                "completions/tlscheck.\(shell) is stale: run `tlscheck --generate-completion-script \(shell) > completions/tlscheck.\(shell)`")
    }
}
