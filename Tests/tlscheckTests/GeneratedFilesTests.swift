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

    /// The date `.ci/regenerate` gives the manual plugin, so pages change only when commands do.
    static let manDate = "2026-11-22"

    /// The manual plugin's tool (`generate-manual-tool`), which SwiftPM builds for the host beside
    /// the debug products the first time the plugin runs (`.ci/run` does that before `swift test`).
    static var manualTool: URL? {
        let candidates = [
            CLI.binary.deletingLastPathComponent(),
            CLI.packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("generate-manual-tool") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// docs/man/ must be what the plugin makes from the binary now: the test runs the plugin's own
    /// tool on the test binary with the plugin's arguments (fast, no release build, no nested
    /// `swift` process fighting `swift test` for the build folder).
    @Test func manPagesAreCurrent() throws {
        let tool = try #require(Self.manualTool, """
            generate-manual-tool is not built: run `swift package plugin generate-manual --help` once \
            (or .ci/regenerate), then test again
            """)
        let folder = try TemporaryFolder()
        let result = try Shell.run(tool.path, [
            CLI.binary.path, "--output-directory", folder.path, "--multi-page", "--date", Self.manDate,
        ], timeout: 60)
        #expect(result.status == 0, "\(result.output)")
        let fresh = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".1") }.sorted()
        let committedPages = try FileManager.default.contentsOfDirectory(
            atPath: CLI.packageRoot.appendingPathComponent("docs/man").path).filter { $0.hasSuffix(".1") }.sorted()
        #expect(fresh.contains("tlscheck.1") && fresh.contains("tlscheck.validate.1"))
        #expect(committedPages == fresh, "docs/man/ has other pages than the commands: run .ci/regenerate")
        for page in fresh where committedPages.contains(page) {
            let now = try String(contentsOf: folder.url.appendingPathComponent(page), encoding: .utf8)
            #expect(try committed("docs/man/\(page)") == now, "docs/man/\(page) is stale: run .ci/regenerate")
        }
    }
}
