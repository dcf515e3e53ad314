/// The result of a run: every finding, in a stable order, plus what was looked at.
public struct Report: Sendable {
    public var findings: [Finding]
    /// Inputs that were checked (paths, `env`, endpoints), in the order given.
    public var inputs: [String]

    public init(findings: [Finding] = [], inputs: [String] = []) {
        self.findings = findings
        self.inputs = inputs
    }

    public mutating func append(_ other: Report) {
        findings += other.findings
        inputs += other.inputs
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// True when some finding is at or above `threshold`: the run fails (exit 1).
    public func fails(at threshold: Severity) -> Bool { findings.contains { $0.severity >= threshold } }

    /// Findings sorted by input order, then line, then column, keeping equal positions stable.
    public var sorted: [Finding] {
        let order = Dictionary(inputs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return findings.enumerated().sorted { l, r in
            let a = l.element.location, b = r.element.location
            let ka = (order[a.path] ?? Int.max, a.path, a.line ?? 0, a.column ?? 0, l.offset)
            let kb = (order[b.path] ?? Int.max, b.path, b.line ?? 0, b.column ?? 0, r.offset)
            return ka < kb
        }.map(\.element)
    }

    /// "2 errors, 1 warning in 3 files" — the summary line.
    public func summary(noun: String = "file") -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let parts = [
            plural(count(.error), "error"), plural(count(.warning), "warning"),
        ] + (count(.info) > 0 ? [plural(count(.info), "note")] : [])
        return parts.joined(separator: ", ") + " in " + plural(inputs.count, noun)
    }
}

extension Report {
    /// The report for an input that could not be read at all (missing, a folder, unreadable, too large).
    public static func unreadable(_ error: FileInput.ReadError) -> Report {
        Report(
            findings: [Finding(.unreadableInput, "cannot read \(error.path): \(error.reason)", at: Location(path: error.path), hint: error.hint)],
            inputs: [error.path])
    }
}
