import ArgumentParser
import TLSCheckCore

extension Severity: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// Options shared by every command that reports findings.
struct ReportOptions: ParsableArguments {
    /// The formats for findings (prometheus is for expiry and probe only); shells complete these.
    static let formats: [OutputFormat] = [.text, .json, .sarif, .github]

    @Option(help: "Output format: text, json, sarif or github.",
            completion: .list(formats.map(\.rawValue)))
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or info.")
    var failOn: Severity = .error

    @Flag(help: "Print only findings, no summary line.")
    var quiet = false

    func validate() throws {
        if !Self.formats.contains(format) {
            throw ValidationError("--format prometheus is for expiry and probe; use text, json, sarif or github")
        }
    }

    /// Prints the report in the chosen format and ends the run with the contract's exit code.
    func finish(_ report: Report, noun: String = "file") throws {
        let cwd = Console.workingDirectory
        var output = Console.Output()
        switch format {
        case .text, .prometheus:
            TextRenderer(color: Console.wantsColor(), workingDirectory: cwd).render(report, noun: noun, summary: !quiet, to: &output)
        case .json:
            JSONRenderer(workingDirectory: cwd).render(report, to: &output)
        case .sarif:
            SARIFRenderer(workingDirectory: cwd, toolVersion: Version.tlscheck).render(report, to: &output)
        case .github:
            GitHubRenderer(workingDirectory: cwd).render(report, to: &output)
        }
        output.flush()
        if report.fails(at: failOn) { throw ExitCode(1) }
    }
}

/// `--timeout` of probe, expiry HOST:PORT and validate --connect: one reading for all three.
enum TimeoutArgument {
    static func parse(_ text: String) throws -> Duration {
        do { return try ProbeOptions.parseTimeout(text) } catch { throw ValidationError("--timeout: \(error)") }
    }
}
