import ArgumentParser
import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

extension StartTLSProtocol: ExpressibleByArgument {}

struct Probe: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, prometheus
    }

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

    @Option(help: "Probes in flight at once.")
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

    @Option(name: .customLong("key"), help: "Private key (PEM) of --cert.", completion: .file())
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
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or info.")
    var failOn: Severity = .error

    @Flag(name: .customLong("no-progress"), help: "No progress line on standard error.")
    var noProgress = false

    func validate() throws {
        if targets.isEmpty && targetsFile == nil {
            throw ValidationError("give at least one target (host:port), --targets FILE, or - to read targets from standard input")
        }
        if concurrency < 1 || concurrency > 10_000 { throw ValidationError("--concurrency takes 1 to 10000, not \(concurrency)") }
        if ProbeOptions.parseSeconds(timeout) == nil {
            throw ValidationError("--timeout takes seconds such as 2, 2s or 500ms, not '\(timeout)'")
        }
        for (flag, value) in [("--min-version", minVersion), ("--max-version", maxVersion)] {
            if let value, TLSVersion(parsing: value) == nil {
                throw ValidationError("\(flag) takes 1.0, 1.1, 1.2 or 1.3, not '\(value)'")
            }
        }
        if (certificate == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if let shard, Self.parseShard(shard) == nil {
            throw ValidationError("--shard takes i/n with 0 <= i < n, such as 0/4, not '\(shard)'")
        }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else { return nil }
        return (index, count)
    }

    var probeOptions: ProbeOptions {
        var options = ProbeOptions()
        options.caFile = caFile
        options.caDir = caDir
        options.certificateFile = certificate
        options.keyFile = key
        options.insecure = insecure
        options.alpn = alpn.map { $0.split(separator: ",").map { String($0).trimmedForOption } } ?? []
        options.serverName = serverName
        options.minVersion = minVersion.flatMap(TLSVersion.init(parsing:))
        options.maxVersion = maxVersion.flatMap(TLSVersion.init(parsing:))
        options.groups = groups.map { $0.split(separator: ",").map { String($0).trimmedForOption } } ?? []
        options.timeout = ProbeOptions.parseSeconds(timeout) ?? ProbeOptions.defaultTimeout
        options.startTLS = startTLS
        options.checkVersions = versions
        return options
    }

    func readTargets() throws -> [ProbeTarget] {
        let defaultPort = startTLS == .postgres ? 5432 : 443
        var texts: [(String, String)] = []  // (source, text)
        var inline: [String] = []
        for argument in targets {
            if argument == "-" { texts.append(("<stdin>", try Self.readText("/dev/stdin", name: "standard input"))) } else { inline.append(argument) }
        }
        if let targetsFile {
            let path = targetsFile == "-" ? "/dev/stdin" : targetsFile
            texts.append((targetsFile == "-" ? "<stdin>" : targetsFile, try Self.readText(path, name: targetsFile)))
        }
        var list: [ProbeTarget] = []
        for argument in inline {
            do { list.append(try ProbeTarget.parse(argument, defaultPort: defaultPort)) } catch {
                throw ValidationError(error.description)
            }
        }
        for (source, text) in texts {
            let parsed = TargetList.parse(text, defaultPort: defaultPort)
            if let first = parsed.errors.first {
                throw ValidationError("\(source):\(first.line): \(first.error.description)")
            }
            list += parsed.targets
        }
        if list.isEmpty { throw ValidationError("no targets to probe (the list is empty)") }
        if let shard, let (index, count) = Self.parseShard(shard) {
            list = TargetList.shard(list, index: index, count: count)
        }
        return list
    }

    static func readText(_ path: String, name: String) throws -> String {
        switch FileInput.read(path) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure(let error): throw ValidationError("\(name): \(error.reason) (\(error.hint))")
        }
    }

    func run() throws {
        let list = try readTargets()
        let prober: Prober
        do { prober = try Prober(options: probeOptions) } catch {
            throw ValidationError("\(error.message) (\(error.hint))")
        }
        if insecure {
            Console.err("warning: --insecure: certificate verification is NOT enforced; results say nothing about trust\n")
        }
        Self.allowSockets(concurrency + 64)
        let now = Date()
        let text = ProbeTextRenderer(color: Console.wantsColor(), now: now)
        let table = text.table(for: list)
        let json = ProbeJSONRenderer(now: now)
        let progress = ProgressLine(total: list.count, enabled: !noProgress && list.count > 1 && isatty(2) == 1)
        var collected: [ProbeResult] = []
        var failed = 0, warnings = 0, failing = false
        if format == .text && list.count > 1 { Console.out(table.header) }
        prober.probe(list, concurrency: concurrency) { result in
            if !result.success { failed += 1 }
            warnings += result.findings.filter { $0.severity == .warning }.count
            if result.findings.contains(where: { $0.severity >= failOn }) { failing = true }
            switch format {
            case .text where list.count == 1: Console.out(text.detailed(result))
            case .text:
                progress.clear()
                Console.out(table.row(result))
                collected.append(result)
            case .json:
                progress.clear()
                Console.out(json.render(result))
            case .prometheus: collected.append(result)
            }
            progress.advance(failed: failed)
        }
        progress.clear()
        switch format {
        case .text:
            if list.count > 1 {
                let findings = text.findings(collected)
                if !findings.isEmpty { Console.out("\n" + findings) }
            }
            Console.out((list.count == 1 ? "\n" : "") + text.summary(probes: list.count, failed: failed, warnings: warnings))
        case .json: break
        case .prometheus: Console.out(ProbePrometheusRenderer().render(collected))
        }
        if failing { throw ExitCode(1) }
    }
}

extension Probe {
    /// Raises the soft limit on open files (often 1024) towards the hard one, so that high
    /// --concurrency gets sockets instead of "too many open files".
    static func allowSockets(_ wanted: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// `probed 120/10000, 3 failed` on standard error, redrawn at most ten times a second, only on a
/// terminal and only for runs that take a while.
final class ProgressLine {
    let total: Int
    let enabled: Bool
    private var done = 0
    private var lastDrawn: Double = 0
    private var visible = false
    private let started = Date()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(failed: Int) {
        done += 1
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(started)
        guard elapsed > 1, elapsed - lastDrawn >= 0.1 || done == total else { return }
        lastDrawn = elapsed
        visible = true
        Console.err("\rprobed \(done)/\(total), \(failed) failed\u{1B}[K")
    }

    func clear() {
        guard visible else { return }
        Console.err("\r\u{1B}[K")
        visible = false
    }
}

extension String {
    fileprivate var trimmedForOption: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
