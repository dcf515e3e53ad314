/// The findings of one YAML document, at most `perCheck` of each code: a broken or hostile file
/// can repeat one problem a million times, and nobody reads past the first ones (nor should
/// building their messages cost seconds).
struct YAMLFindingList {
    static let perCheck = 100

    let path: String
    private(set) var findings: [Finding] = []
    private var counts: [String: Int] = [:]

    init(path: String) { self.path = path }

    var last: Finding? { findings.last }

    mutating func add(
        _ check: Check, _ message: @autoclosure () -> String, at mark: YAMLMark, hint: String? = nil,
        severity: Severity? = nil
    ) {
        let count = counts[check.code, default: 0] + 1
        counts[check.code] = count
        if count <= Self.perCheck {
            findings.append(Finding(check, message(), at: mark.location(in: path), hint: hint, severity: severity))
        } else if count == Self.perCheck + 1 {
            findings.append(
                Finding(
                    check, "more [\(check.code)] problems follow in this document; only the first \(Self.perCheck) are listed",
                    at: mark.location(in: path), hint: hint, severity: severity))
        }
    }

    mutating func merge(_ other: YAMLFindingList) {
        findings += other.findings
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// In position order (findings at the same position keep their order).
    var sorted: [Finding] {
        findings.indices.sorted { a, b in
            let x = findings[a].location, y = findings[b].location
            return (x.line ?? 0, x.column ?? 0, a) < (y.line ?? 0, y.column ?? 0, b)
        }.map { findings[$0] }
    }
}
