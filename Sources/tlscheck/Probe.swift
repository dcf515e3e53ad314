import ArgumentParser
import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

extension StartTLSProtocol: ExpressibleByArgument {}
extension ProbeOutputFormat: ExpressibleByArgument {}

struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Handshake with TLS endpoints and say, in plain words, why a client would fail.",
        discussion: """
            Connects, performs a real TLS handshake (OpenSSL), verifies the chain and the name as Go \
            and curl do, reads once after the handshake (TLS 1.3 servers refuse a missing client \
            certificate only then), and reports the negotiated version, cipher, ALPN, group, the chain \
            with days left, OCSP stapling and whether a client certificate was asked for. A failure \
            gets a stable code and a hint (docs/probe.md). Exit 1 when any probe fails.

            Targets: host:port, https://host[:port]/path, a bare host (port 443), [::1]:8443; from \
            arguments, --targets FILE (one per line, # comments) or standard input (-).

            Examples:
              tlscheck probe node-exporter:9100 --ca-file ca.pem
              tlscheck probe otel:4317 --alpn h2 --cert client.pem --key key.pem
              tlscheck probe db:5432 --starttls postgres --ca-file root.crt
              tlscheck probe --targets endpoints.txt --format json > results.jsonl
              tlscheck probe --targets endpoints.txt --shard 0/4 --format prometheus
              tlscheck probe example.org --versions
            """)

    @Argument(help: ArgumentHelp("Targets to probe; - reads them from standard input.", valueName: "target"))
    var targets: [String] = []
    @Option(name: .customLong("targets"), help: ArgumentHelp("File of targets, one per line, # comments; - for standard input.", valueName: "file"),
            completion: .file())
    var targetsFile: String?
    @Option(help: "Probes in flight at once (capped at what the open-file limit allows, with a note).")
    var concurrency: Int = ProbeOptions.defaultConcurrency
    @Option(help: "Deadline per probe, covering DNS, connect, STARTTLS, handshake and the read after it: 2, 2s, 500ms.")
    var timeout: String = "5s"
    @Flag(help: "Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.")
    var versions = false
    @Option(name: .customLong("servername"), help: "Name to send as SNI and check the certificate against (default: the target's host).")
    var serverName: String?
    @Option(name: .customLong("ca-file"), help: "PEM bundle of CAs to trust instead of the system store.", completion: .file())
    var caFile: String?
    @Option(name: .customLong("ca-dir"), help: "Folder of hashed CA certificates (openssl rehash) to trust instead of the system store.",
            completion: .directory)
    var caDir: String?
    @Option(name: .customLong("cert"), help: "Client certificate (PEM) for servers that require mTLS.", completion: .file())
    var certificate: String?
    @Option(name: .customLong("key"), help: "Private key (PEM, unencrypted) of --cert.", completion: .file())
    var key: String?
    @Flag(help: "Do not enforce certificate verification (the output says so loudly).")
    var insecure = false
    @Option(help: "ALPN protocols to offer, comma-separated, e.g. h2,http/1.1 (gRPC and OTLP/gRPC need h2).")
    var alpn: String?
    @Option(name: .customLong("min-version"), help: "Lowest TLS version to offer: 1.0, 1.1, 1.2, 1.3.")
    var minVersion: String?
    @Option(name: .customLong("max-version"), help: "Highest TLS version to offer: 1.0, 1.1, 1.2, 1.3.")
    var maxVersion: String?
    @Option(help: "Key-exchange groups to offer, comma-separated (X25519,P-256).")
    var groups: String?
    @Option(name: .customLong("starttls"), help: "Upgrade a plaintext protocol to TLS first: postgres.")
    var startTLS: StartTLSProtocol?
    @Option(help: "Probe only shard i of n (0-based; i/n), e.g. $(JOB_COMPLETION_INDEX)/4 in a Kubernetes Indexed Job.")
    var shard: String?
    @Option(help: "Output: text (a report for one target, a table for many), json (one object per line) or prometheus.")
    var format: ProbeOutputFormat = .text
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or info.")
    var failOn: Severity = .error
    @Flag(name: .customLong("no-progress"), help: "No progress line on standard error.")
    var noProgress = false

    func validate() throws {
        if targets.isEmpty && targetsFile == nil {
            throw ValidationError("give at least one target (host:port), --targets FILE, or - to read targets from standard input")
        }
        if concurrency < 1 || concurrency > 10_000 { throw ValidationError("--concurrency takes 1 to 10000, not \(concurrency)") }
        _ = try TimeoutArgument.parse(timeout)
        for (flag, value) in [("--min-version", minVersion), ("--max-version", maxVersion)] where value.map(TLSVersion.init(parsing:)) == .some(nil) {
            throw ValidationError("\(flag) takes 1.0, 1.1, 1.2 or 1.3, not '\(value ?? "")'")
        }
        if (certificate == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if let shard, Shard(parsing: shard) == nil { throw ValidationError("--shard takes i/n with 0 <= i < n, such as 0/4, not '\(shard)'") }
    }

    func run() throws {
        var options = ProbeOptions()
        (options.caFile, options.caDir, options.certificateFile, options.keyFile) = (caFile, caDir, certificate, key)
        (options.insecure, options.serverName, options.startTLS, options.checkVersions) = (insecure, serverName, startTLS, versions)
        (options.alpn, options.groups) = (ProbeOptions.list(alpn), ProbeOptions.list(groups))
        (options.minVersion, options.maxVersion) = (minVersion.flatMap(TLSVersion.init(parsing:)), maxVersion.flatMap(TLSVersion.init(parsing:)))
        options.timeout = try TimeoutArgument.parse(timeout)
        let (list, prober) = try setup { () throws(ProbeSetupError) in
            let list = try TargetList.read(arguments: targets, file: targetsFile, defaultPort: startTLS == .postgres ? 5432 : 443,
                                           shard: shard.flatMap(Shard.init(parsing:)))
            return (list, try Prober(options: options))
        }
        if insecure { Console.err("warning: --insecure: certificate verification is NOT enforced; results say nothing about trust\n") }
        let (allowed, note) = prober.allowedConcurrency(concurrency)
        if let note { Console.err("note: \(note)\n") }
        let report = ProbeRunReport(format: format, targets: list, failOn: failOn, color: Console.wantsColor())
        let progress = ProbeProgress(total: list.count, enabled: !noProgress && isatty(2) == 1)
        if let header = report.header { Console.out(header) }
        prober.probe(list, concurrency: allowed) { result in
            let text = report.add(result)
            if text != nil, let clear = progress.clear() { Console.err(clear) }
            if let text { Console.out(text) }
            if let line = progress.advance(failed: report.failed) { Console.err(line) }
        }
        Console.err(progress.clear() ?? "")
        Console.out(report.end())
        if report.failing { throw ExitCode(1) }
    }

    /// A setup error (unreadable --ca-file, a target that does not parse) is a usage error: exit 64.
    private func setup<T>(_ body: () throws(ProbeSetupError) -> T) throws -> T {
        do { return try body() } catch { throw SetupError(error.message, hint: error.hint) }
    }
}
