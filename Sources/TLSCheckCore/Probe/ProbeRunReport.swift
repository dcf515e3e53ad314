/// `probe`'s output formats.
public enum ProbeOutputFormat: String, Sendable, CaseIterable {
    /// A report for one target, a table (row by row) and the findings for many.
    case text
    /// One object per line, in input order, as each result is ready.
    case json
    /// The exposition format, written at the end.
    case prometheus
}

/// One run of `probe` as the user sees it: what to write as each result arrives, what to write at
/// the end, and the counts behind the exit status. The command only moves the strings to the terminal.
public final class ProbeRunReport {
    public let format: ProbeOutputFormat
    public let failOn: Severity
    public private(set) var probes = 0
    public private(set) var failed = 0
    public private(set) var warnings = 0
    /// Some finding is at or above `failOn`: the run exits 1.
    public private(set) var failing = false
    private let count: Int
    private let text: ProbeTextRenderer
    private let table: ProbeTextRenderer.Table
    private let json: ProbeJSONRenderer
    private var collected: [ProbeResult] = []

    public init(format: ProbeOutputFormat, targets: [ProbeTarget], failOn: Severity, color: Bool, now: Date = Date()) {
        self.format = format
        self.failOn = failOn
        self.count = targets.count
        text = ProbeTextRenderer(color: color, now: now)
        table = text.table(for: targets)
        json = ProbeJSONRenderer(now: now)
    }

    /// Written before the first result (the table's header), or nil.
    public var header: String? { format == .text && count > 1 ? table.header : nil }

    /// Counts `result` and returns what to write for it now (nil: nothing yet).
    public func add(_ result: ProbeResult) -> String? {
        probes += 1
        if !result.success { failed += 1 }
        warnings += result.findings.filter { $0.severity == .warning }.count
        if result.findings.contains(where: { $0.severity >= failOn }) { failing = true }
        switch format {
        case .text where count == 1: return text.detailed(result)
        case .text:
            collected.append(result)
            return table.row(result)
        case .json: return json.render(result)
        case .prometheus:
            collected.append(result)
            return nil
        }
    }

    /// Written after the last result: the findings and the summary, or the metrics.
    public func end() -> String {
        switch format {
        case .text:
            let findings = count > 1 ? text.findings(collected) : ""
            let summary = text.summary(probes: probes, failed: failed, warnings: warnings)
            return (findings.isEmpty ? "" : "\n" + findings) + (count == 1 ? "\n" : "") + summary
        case .json: return ""
        case .prometheus: return ProbePrometheusRenderer().render(collected)
        }
    }
}

/// `probed 120/10000, 3 failed`, redrawn at most ten times a second and only for runs that take
/// more than a second. Returns the bytes to write to the terminal (nil: nothing to draw).
public final class ProbeProgress {
    public let total: Int
    public let enabled: Bool
    private var done = 0
    private var lastDrawn: Double = 0
    private var visible = false
    private let started = MonotonicClock.now()

    public init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    public func advance(failed: Int) -> String? {
        done += 1
        guard enabled else { return nil }
        let elapsed = MonotonicClock.seconds(started, MonotonicClock.now())
        guard elapsed > 1, elapsed - lastDrawn >= 0.1 || done == total else { return nil }
        lastDrawn = elapsed
        visible = true
        return "\rprobed \(done)/\(total), \(failed) failed\u{1B}[K"
    }

    /// Erases the line before other output.
    public func clear() -> String? {
        guard visible else { return nil }
        visible = false
        return "\r\u{1B}[K"
    }
}
