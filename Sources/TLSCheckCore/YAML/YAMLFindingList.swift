/// The findings of one YAML document, capped per code as every reader's are (`FindingList`): a
/// broken or hostile file can repeat one problem a million times, and nobody reads past the first
/// ones (nor should building their messages cost seconds).
struct YAMLFindingList {
    let path: String
    private(set) var list = FindingList()

    init(path: String) { self.path = path }

    mutating func add(
        _ check: Check, _ message: @autoclosure () -> String, at mark: YAMLMark, hint: String? = nil,
        severity: Severity? = nil
    ) {
        list.add(check, message(), at: mark.location(in: path), hint: hint, severity: severity)
    }

    mutating func merge(_ other: YAMLFindingList) {
        list += other.list
    }

    /// In position order (findings at the same position keep their order).
    var sorted: [Finding] {
        let findings = list.listed
        return findings.indices.sorted { a, b in
            let x = findings[a].location, y = findings[b].location
            return (x.line ?? 0, x.column ?? 0, a) < (y.line ?? 0, y.column ?? 0, b)
        }.map { findings[$0] }
    }
}
