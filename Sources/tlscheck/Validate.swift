import ArgumentParser
import TLSCheckCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check web-config files (exporter-toolkit) for every problem, with file:line:col.",
        discussion: """
            Reports every problem in one run: unknown keys, wrong types and values, the toolkit's own \
            rules, referenced certificate and key files, and configurations the toolkit accepts but \
            that cannot work or are unsafe. See docs/validate.md and docs/checks.md.

            Examples:
              tlscheck validate web-config.yaml
              tlscheck validate --toolkit-version 0.8 /etc/prometheus/web-config.yml
              tlscheck validate --example
            """)

    @Argument(help: ArgumentHelp("Configuration files to check.", valueName: "file"),
              completion: .file(extensions: ["yaml", "yml"]))
    var files: [String] = []

    @Option(help: "exporter-toolkit version the config is for: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.")
    var toolkitVersion: String = "latest"

    @Flag(help: "Check a built-in example web-config with several mistakes (no files needed).")
    var example = false

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if files.isEmpty && !example {
            throw ValidationError("give at least one configuration file, or --example")
        }
        if ToolkitVersion(parsing: toolkitVersion) == nil {
            throw ValidationError("--toolkit-version takes a version such as 0.8, 0.15 or latest, not '\(toolkitVersion)'")
        }
    }

    func run() throws {
        let context = CheckContext(toolkitVersion: ToolkitVersion(parsing: toolkitVersion) ?? .latest)
        var result = Report()
        if example {
            result.append(WebConfigValidator(context: context).validate(
                text: Examples.brokenWebConfig, path: Examples.brokenWebConfigName))
        }
        for file in files {
            result.append(WebConfigValidator(context: context).validate(path: file))
        }
        try report.finish(result)
    }
}
