/// The result of a run: every finding, in a stable order, plus what was looked at.
///
/// Findings are capped per file and code (`FindingList`): a report made from plain findings keeps
/// the first `FindingList.perCode` of each and counts the rest in `omitted`; `sorted`, which every
/// renderer prints, ends each capped run with a note saying how many more there were; the counts
/// and the exit code include the omitted ones.
public struct Report: Sendable {
    public var findings: [Finding]
    /// Inputs that were checked (paths, `env`, endpoints), in the order given.
    public var inputs: [String]
    /// Findings past the cap, counted per file and code, not kept.
    public var omitted: [FindingList.Omission] = []

    public init(findings: [Finding] = [], inputs: [String] = []) {
        self.init(FindingList(findings), inputs: inputs)
    }

    /// A reader's capped findings.
    public init(_ list: FindingList, inputs: [String]) {
        findings = list.listed
        omitted = list.omissions
        self.inputs = inputs
    }

    public mutating func append(_ other: Report) {
        findings += other.findings
        omitted += other.omitted
        inputs += other.inputs
    }

    /// Findings of `severity`, those past the cap included.
    public func count(_ severity: Severity) -> Int {
        findings.filter { $0.severity == severity }.count + omitted.reduce(0) { $0 + $1.count(severity) }
    }

    /// How many findings are counted but not listed.
    public var omittedCount: Int { omitted.reduce(0) { $0 + $1.count } }

    /// True when some finding is at or above `threshold`: the run fails (exit 1).
    public func fails(at threshold: Severity) -> Bool {
        findings.contains { $0.severity >= threshold } || omitted.contains { $0.count > 0 && $0.severity >= threshold }
    }

    /// The findings to print: capped again (findings appended straight to `findings` have not been),
    /// with the notes for what was not kept, sorted by input order, then line, then column, keeping
    /// equal positions stable.
    public var sorted: [Finding] {
        // Indices are sorted, not findings: each copy of 400,000 findings costs 64 MB.
        let (kept, extra) = FindingList.cap(findings)
        let notes = (extra + omitted).reduce(into: FindingList()) { $0.merge($1) }.omissions.map(\.note)
        func finding(_ index: Int) -> Finding { index < findings.count ? findings[index] : notes[index - findings.count] }
        let order = Dictionary(inputs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // Each finding's input rank is looked up once, not in every comparison (hashing its path).
        let count = findings.count + notes.count
        let rank = (0..<count).map { order[finding($0).location.path] ?? Int.max }
        let indices = (kept + Array(findings.count..<count)).sorted { l, r in
            if rank[l] != rank[r] { return rank[l] < rank[r] }
            let a = finding(l).location, b = finding(r).location
            if rank[l] == Int.max && a.path != b.path { return a.path < b.path }
            return (a.line ?? 0, a.column ?? 0, l) < (b.line ?? 0, b.column ?? 0, r)
        }
        return indices.map(finding)
    }

    /// "2 errors, 1 warning in 3 files" — the summary line (and how many were not listed, if any).
    public func summary(noun: String = "file") -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let parts = [
            plural(count(.error), "error"), plural(count(.warning), "warning"),
        ] + (count(.info) > 0 ? [plural(count(.info), "note")] : [])
        let hidden = omittedCount
        return parts.joined(separator: ", ") + " in " + plural(inputs.count, noun)
            + (hidden > 0 ? " (\(hidden) not listed: at most \(FindingList.perCode) of each code per file)" : "")
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
