/// Findings capped per file and code: the first `perCode` of one code in one file are kept, the rest
/// are only counted. A broken or hostile input can repeat one problem a million times (a 4 MB file
/// of 400,000 unknown keys held 500 MB of findings); nobody reads past the first ones, and building
/// their messages would cost seconds. Every reader appends through one of these (a `Report` made
/// from plain findings caps them too), so memory stays bounded whatever the input.
///
/// Use `add` with the message and hint unbuilt: past the cap they are never built.
public struct FindingList: Sendable {
    /// Kept per file and code; docs/limits.md.
    public static let perCode = 100

    /// What went past the cap for one file and code: how many, how bad, and where the first was.
    public struct Omission: Sendable, Hashable {
        public let check: Check
        /// Where the first finding that was not kept points (its file, for the note).
        public let first: Location
        public private(set) var count = 0
        public private(set) var errors = 0
        public private(set) var warnings = 0

        init(check: Check, first: Location) {
            self.check = check
            self.first = first
        }

        /// The worst severity among the omitted findings.
        public var severity: Severity { errors > 0 ? .error : warnings > 0 ? .warning : .info }

        public func count(_ severity: Severity) -> Int {
            switch severity {
            case .error: errors
            case .warning: warnings
            case .info: count - errors - warnings
            }
        }

        mutating func add(_ severity: Severity, times: Int = 1) {
            count += times
            if severity == .error { errors += times }
            if severity == .warning { warnings += times }
        }

        mutating func merge(_ other: Omission) {
            count += other.count
            errors += other.errors
            warnings += other.warnings
        }

        /// The line that stands for the omitted findings in every output.
        public var note: Finding {
            Finding(
                check,
                "\(count) more [\(check.code)] finding\(count == 1 ? "" : "s") in this file \(count == 1 ? "is" : "are") not listed (at most \(FindingList.perCode) of each code per file)",
                at: first, hint: "the first \(FindingList.perCode) are listed; one cause usually explains them all (a wrong file, --kind or indentation): fix it and run again",
                severity: severity)
        }
    }

    private struct Key: Hashable {
        let path: String
        let code: String
    }

    public let limit: Int
    /// The findings kept, in the order they came.
    public private(set) var listed: [Finding] = []
    /// What was not kept, one entry per file and code, in the order they first went past the cap.
    public private(set) var omissions: [Omission] = []
    private var kept: [Key: Int] = [:]
    private var omitted: [Key: Int] = [:]

    public init(limit: Int = FindingList.perCode) { self.limit = limit }

    public init(_ findings: some Sequence<Finding>, omissions: [Omission] = [], limit: Int = FindingList.perCode) {
        self.limit = limit
        append(contentsOf: findings)
        for omission in omissions { merge(omission) }
    }

    /// True when one more finding of `check` about `path` would be kept.
    public func admits(_ check: Check, in path: String) -> Bool {
        kept[Key(path: path, code: check.code), default: 0] < limit
    }

    /// A finding, built only when it is kept (past the cap it is counted).
    public mutating func add(
        _ check: Check, _ message: @autoclosure () -> String, at location: Location,
        hint: @autoclosure () -> String? = nil, severity: Severity? = nil
    ) {
        let key = Key(path: location.path, code: check.code)
        let count = kept[key, default: 0]
        if count < limit {
            kept[key] = count + 1
            listed.append(Finding(check, message(), at: location, hint: hint(), severity: severity))
        } else {
            omit(key, check: check, at: location, severity: severity ?? check.severity)
        }
    }

    public mutating func append(_ finding: Finding) {
        let key = Key(path: finding.location.path, code: finding.code)
        let count = kept[key, default: 0]
        if count < limit {
            kept[key] = count + 1
            listed.append(finding)
        } else {
            omit(key, check: finding.check, at: finding.location, severity: finding.severity)
        }
    }

    public mutating func append(contentsOf findings: some Sequence<Finding>) {
        for finding in findings { append(finding) }
    }

    /// Another list's findings and omissions (a document's into its file's).
    public mutating func append(contentsOf other: FindingList) {
        append(contentsOf: other.listed)
        for omission in other.omissions { merge(omission) }
    }

    public mutating func merge(_ omission: Omission) {
        let key = Key(path: omission.first.path, code: omission.check.code)
        if let index = omitted[key] {
            omissions[index].merge(omission)
        } else {
            omitted[key] = omissions.count
            omissions.append(omission)
        }
    }

    private mutating func omit(_ key: Key, check: Check, at location: Location, severity: Severity) {
        let index: Int
        if let existing = omitted[key] {
            index = existing
        } else {
            index = omissions.count
            omitted[key] = index
            omissions.append(Omission(check: check, first: location))
        }
        omissions[index].add(severity)
    }

    /// Which of `findings` a list would keep (their indices) and what it would count instead,
    /// without copying a finding.
    static func cap(_ findings: [Finding], limit: Int = perCode) -> (kept: [Int], omissions: [Omission]) {
        var counter = FindingList(limit: limit)
        var kept: [Int] = []
        kept.reserveCapacity(findings.count)
        for (index, finding) in findings.enumerated() {
            let key = Key(path: finding.location.path, code: finding.code)
            let count = counter.kept[key, default: 0]
            if count < limit {
                counter.kept[key] = count + 1
                kept.append(index)
            } else {
                counter.omit(key, check: finding.check, at: finding.location, severity: finding.severity)
            }
        }
        return (kept, counter.omissions)
    }

    public static func += (list: inout FindingList, findings: some Sequence<Finding>) {
        list.append(contentsOf: findings)
    }

    public static func += (list: inout FindingList, other: FindingList) {
        list.append(contentsOf: other)
    }

    public var isEmpty: Bool { listed.isEmpty && omissions.isEmpty }

    /// How many findings were not kept.
    public var omittedCount: Int { omissions.reduce(0) { $0 + $1.count } }

    /// The kept findings, then one note per file and code that went past the cap.
    public var findings: [Finding] { listed + omissions.map(\.note) }

    public func contains(where predicate: (Finding) -> Bool) -> Bool { listed.contains(where: predicate) }
}
