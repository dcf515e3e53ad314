import ArgumentParser
import TLSCheckCore

struct Expiry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiry",
        abstract: "List when certificates expire, soonest first; fail in time; export Prometheus metrics.",
        discussion: """
            One line per certificate of every file, folder (recursive), PKCS#12 file or Kubernetes Secret \
            manifest, and of the chain each HOST:PORT sends (read through the probe's handshake, without \
            judging trust: that is `tlscheck probe`). Exit status: 0 when nothing is within --warn; 1 when a certificate is within --warn, \
            expired or not yet valid, or an input cannot be read. With --nagios: 0 OK, 1 WARNING, \
            2 CRITICAL (expired or within --critical), 3 UNKNOWN (unreadable input, no certificate). \
            Durations take d, h and m: 30d, 720h, 1d12h. See docs/expiry.md.

            Examples:
              tlscheck expiry /etc/ssl/private/ --warn 30d --critical 7d
              tlscheck expiry certs/ --format json | jq '.certificates[] | select(.daysLeft < 14)'
              tlscheck expiry /etc/prometheus/tls --format prometheus > /var/lib/node_exporter/textfile/tls.prom.tmp
              tlscheck expiry --nagios --warn 21d --critical 7d /etc/nginx/tls
              tlscheck expiry node-exporter:9100 prometheus.example.com:443 --warn 14d
            """)

    @Argument(help: ArgumentHelp("Certificate files, PKCS#12 files, Secret manifests, folders, or HOST:PORT endpoints; - reads standard input.", valueName: "path|host:port"),
              completion: .file())
    var paths: [String] = []

    @Option(help: ArgumentHelp("Fail (exit 1, Nagios WARNING) when a certificate expires within this.", valueName: "duration"))
    var warn: String = "30d"

    @Option(help: ArgumentHelp("Nagios CRITICAL (and an error finding) when a certificate expires within this.", valueName: "duration"))
    var critical: String = "7d"

    @Flag(help: "Nagios plugin mode: a status line first, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
    var nagios = false

    @Option(help: "Output format: text, json or prometheus (text exposition for node_exporter's textfile collector).")
    var format: OutputFormat = .text

    @Flag(help: "Print only the table (text) without the summary line.")
    var quiet = false

    @OptionGroup var material: MaterialOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
        guard [.text, .json, .prometheus].contains(format) else {
            throw ValidationError("--format takes text, json or prometheus for expiry")
        }
        guard let warnSeconds = DurationText.seconds(warn) else {
            throw ValidationError("--warn takes a duration such as 30d, 720h or 1d12h, not '\(warn)'")
        }
        guard let criticalSeconds = DurationText.seconds(critical) else {
            throw ValidationError("--critical takes a duration such as 7d, 168h or 90m, not '\(critical)'")
        }
        if criticalSeconds > warnSeconds {
            throw ValidationError("--critical (\(critical)) must not be longer than --warn (\(warn))")
        }
        _ = try TimeoutArgument.parse(timeout)
        if nagios && format != .text { throw ValidationError("--nagios prints text; leave out --format") }
    }

    @Option(help: "Deadline for each HOST:PORT (connect and handshake): 2, 2s, 500ms.")
    var timeout: String = "5s"

    /// Arguments that name no file and read as `host:port` are endpoints.
    func split() -> (paths: [String], endpoints: [ProbeTarget]) {
        var files: [String] = []
        var endpoints: [ProbeTarget] = []
        for argument in paths {
            if !FileManager.default.fileExists(atPath: argument), !argument.contains("/") || argument.contains("://"),
                argument.contains(":"), let target = try? ProbeTarget.parse(argument)
            {
                endpoints.append(target)
            } else {
                files.append(argument)
            }
        }
        return (files, endpoints)
    }

    func run() throws {
        let scanner = ExpiryScanner(
            context: CheckContext(), warn: DurationText.seconds(warn) ?? 0, critical: DurationText.seconds(critical),
            passphrase: try material.passphrase(), verbose: material.verbose)
        let (files, endpoints) = split()
        var prober: Prober?
        if !endpoints.isEmpty {
            var options = ProbeOptions()
            options.insecure = true  // expiry reads dates; trust is `tlscheck probe`'s question
            options.timeout = try TimeoutArgument.parse(timeout)
            options.readAfterHandshake = .zero
            do { prober = try Prober(options: options) } catch { throw SetupError("\(error)") }
        }
        let result = scanner.scan(files, endpoints: endpoints, probe: prober)
        let renderer = ExpiryRenderer(workingDirectory: Console.workingDirectory, color: Console.wantsColor())
        var output = Console.Output()
        if nagios {
            renderer.nagios(result, to: &output)
            output.flush()
            throw ExitCode(Int32(result.nagiosState))
        }
        switch format {
        case .json: renderer.json(result, to: &output)
        case .prometheus:
            renderer.prometheus(result, to: &output)
            output.flush()
            // Metrics go to standard output (often a file); unreadable inputs are said on standard error.
            let problems = ExpiryRenderer(workingDirectory: Console.workingDirectory, color: Console.wantsColor(fd: 2))
            var onlyProblems = result
            onlyProblems.rows = []
            if !result.inputProblems.isEmpty { Console.err(problems.text(onlyProblems, summary: false)) }
        default: renderer.text(result, summary: !quiet, to: &output)
        }
        output.flush()
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
