/// `tlscheck expiry` output: a table soonest first, JSON, Prometheus text exposition, a Nagios line.
public struct ExpiryRenderer: Sendable {
    public var workingDirectory: String
    public var color: Bool

    public init(workingDirectory: String = "", color: Bool = false) {
        self.workingDirectory = workingDirectory
        self.color = color
    }

    /// Where a row's certificate is: `certs/a.pem`, `bundle.pem:21`, `s.yaml (Secret ns/web, tls.crt)`.
    func source(_ row: ExpiryRow) -> String {
        let name = Paths.display(row.name, relativeTo: workingDirectory)
        if row.name == row.path, let line = row.location.line, line > 1 || row.index > 1 { return "\(name):\(line)" }
        if row.name == row.path, row.index > 1 { return "\(name) #\(row.index)" }
        return name
    }

    // MARK: Text

    /// Every renderer writes its output to `out` piece by piece (the command passes a stream that
    /// writes every few KB), so memory holds the rows but never the whole output. The String forms
    /// collect the same pieces.
    public func text(_ expiry: ExpiryReport, summary: Bool = true) -> String {
        var out = ""
        text(expiry, summary: summary, to: &out)
        return out
    }

    public func text(_ expiry: ExpiryReport, summary: Bool = true, to out: inout some TextOutputStream) {
        var wrote = false
        if !expiry.rows.isEmpty {
            // The columns are as wide as their widest cell: one pass to measure, one to write.
            let header = ["NOT AFTER", "DAYS", "STATUS", "SOURCE", "SUBJECT"]
            var widths = header.prefix(4).map(\.count)
            for row in expiry.rows {
                for (column, cell) in cells(row, now: expiry.now).prefix(4).enumerated() {
                    widths[column] = max(widths[column], cell.count)
                }
            }
            tableLine(header, status: nil, widths: widths, to: &out)
            for row in expiry.rows { tableLine(cells(row, now: expiry.now), status: row.status, widths: widths, to: &out) }
            wrote = true
        }
        var problems = Report(findings: expiry.inputProblems, inputs: expiry.report.inputs)
        problems.inputs = expiry.report.inputs
        let findings = TextRenderer(color: color, workingDirectory: workingDirectory)
        if !problems.findings.isEmpty {
            let text = findings.render(problems, summary: false)
            if wrote { out.write("\n") }
            out.write(text)
            wrote = wrote || !text.isEmpty
        }
        if summary { out.write((wrote ? "\n" : "") + summaryLine(expiry) + "\n") }
    }

    /// NOT AFTER, DAYS, STATUS, SOURCE, SUBJECT of one row.
    func cells(_ row: ExpiryRow, now: Date) -> [String] {
        [
            Dates.text(row.notAfter), String(row.daysLeft(at: now)), row.status.rawValue, source(row),
            row.subject.isEmpty ? "(empty subject)" : row.subject,
        ]
    }

    /// One table line: DAYS right-aligned, the others left-aligned, STATUS painted for rows (`status`).
    func tableLine(_ cells: [String], status: ExpiryStatus?, widths: [Int], to out: inout some TextOutputStream) {
        var text = ""
        for column in 0..<4 {
            let cell = cells[column]
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            let padded = column == 1 ? padding + cell : cell + padding
            text += (column == 2 ? status.map { paint(padded, $0) } ?? padded : padded) + "  "
        }
        out.write(text + cells[4] + "\n")
    }

    /// `12 certificates: 1 expired, 2 within 7d, 3 within 30d, 6 ok; 1 input unreadable`
    public func summaryLine(_ expiry: ExpiryReport) -> String {
        let t = expiry.thresholds
        var parts: [String] = []
        for (status, words) in [
            (ExpiryStatus.expired, "expired"), (.critical, "within \(DurationText.text(t.critical ?? 0)) (critical)"),
            (.warning, "within \(DurationText.text(t.warning)) (warning)"), (.notYetValid, "not yet valid"),
        ] {
            let n = expiry.count(status)
            if n > 0 { parts.append("\(n) \(words)") }
        }
        parts.append("\(expiry.count(.ok) + expiry.count(.notice)) ok")
        let n = expiry.rows.count
        var line = "\(n) certificate\(n == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        let unreadable = expiry.inputProblems.filter { $0.severity == .error }.count
        if unreadable > 0 { line += "; \(unreadable) input problem\(unreadable == 1 ? "" : "s")" }
        return line
    }

    func paint(_ text: String, _ status: ExpiryStatus) -> String {
        guard color else { return text }
        let code: String? =
            switch status {
            case .expired, .critical: "31"
            case .warning, .notYetValid: "33"
            case .notice, .ok: nil
            }
        return code.map { "\u{1B}[\($0)m\(text)\u{1B}[0m" } ?? text
    }

    // MARK: Nagios

    /// The plugin's first line: `EXPIRY CRITICAL - 1 expired, … | expired=1;;; critical=2;;; …`, then
    /// the table as long output.
    public func nagios(_ expiry: ExpiryReport) -> String {
        var out = ""
        nagios(expiry, to: &out)
        return out
    }

    public func nagios(_ expiry: ExpiryReport, to out: inout some TextOutputStream) {
        let state = ["OK", "WARNING", "CRITICAL", "UNKNOWN"][expiry.nagiosState]
        var first = "EXPIRY \(state) - \(summaryLine(expiry))"
        if let soonest = expiry.rows.first {
            first += "; soonest: \(source(soonest)) \(soonest.status == .expired ? "expired" : "expires") \(Dates.relative(soonest.notAfter, to: expiry.now))"
        }
        let perf = [
            "certificates=\(expiry.rows.count)", "expired=\(expiry.count(.expired))",
            "critical=\(expiry.count(.critical))", "warning=\(expiry.count(.warning))",
        ]
        out.write(first + " | " + perf.joined(separator: " ") + "\n")
        text(expiry, summary: false, to: &out)
    }

    // MARK: JSON

    /// The members after `certificates` and `findings` (the two that grow with the input), in the
    /// key order of the pretty, key-sorted JSON the document is written as.
    struct Tail: Encodable {
        let version: Int
        let tool: String
        let now: Date
        let thresholds: Thresholds
        let inputs: [String]
        let summary: Summary
    }

    struct Thresholds: Encodable {
        let warnSeconds: Int
        let criticalSeconds: Int?
    }

    struct Row: Encodable {
        let path: String
        let source: String
        let line: Int?
        let index: Int
        let subject: String
        let issuer: String
        let serial: String
        let subjectAlternativeNames: [String]
        let notBefore: Date
        let notAfter: Date
        let daysLeft: Int
        let secondsLeft: Int
        let status: String
    }

    struct Summary: Encodable {
        let certificates: Int
        let expired: Int
        let critical: Int
        let warning: Int
        let notYetValid: Int
        let ok: Int
        let inputProblems: Int
    }

    public func json(_ expiry: ExpiryReport) -> String {
        var out = ""
        json(expiry, to: &out)
        return out
    }

    /// The same bytes as `JSON.encode` of the whole document, written one certificate and one finding
    /// at a time: `certificates` and `findings` sort first, so they are streamed and the rest follows.
    public func json(_ expiry: ExpiryReport, to out: inout some TextOutputStream) {
        let report = expiry.report
        let base = JSONRenderer(workingDirectory: workingDirectory)
        out.write("{\n  \"certificates\" : ")
        Self.jsonArray(expiry.rows, to: &out) { row in
            Row(
                path: Paths.display(row.path, relativeTo: workingDirectory), source: source(row),
                line: row.location.line, index: row.index, subject: row.subject, issuer: row.issuer,
                serial: row.serial, subjectAlternativeNames: row.subjectAlternativeNames,
                notBefore: row.notBefore, notAfter: row.notAfter, daysLeft: row.daysLeft(at: expiry.now),
                secondsLeft: Int.saturating(row.secondsLeft(at: expiry.now).rounded(.down)), status: row.status.rawValue)
        }
        out.write(",\n  \"findings\" : ")
        Self.jsonArray(report.sorted, to: &out, base.item)
        let tail = Tail(
            version: JSONRenderer.schemaVersion, tool: "tlscheck", now: expiry.now,
            thresholds: Thresholds(
                warnSeconds: Int.saturating(expiry.thresholds.warning), criticalSeconds: expiry.thresholds.critical.map { Int.saturating($0) }),
            inputs: report.inputs.map { Paths.display($0, relativeTo: workingDirectory) },
            summary: Summary(
                certificates: expiry.rows.count, expired: expiry.count(.expired), critical: expiry.count(.critical),
                warning: expiry.count(.warning), notYetValid: expiry.count(.notYetValid),
                ok: expiry.count(.ok) + expiry.count(.notice),
                inputProblems: expiry.inputProblems.filter { $0.severity == .error }.count))
        // `{\n  "inputs" : …\n}`: its members continue the document after a comma.
        out.write(",\n" + String(JSON.encode(tail).dropFirst(2)) + "\n")
    }

    /// A pretty JSON array one level deep in the document, as `JSONEncoder` prints it (an empty one
    /// too: `[` and `]` with an empty line between), one element at a time.
    static func jsonArray<Element, Item: Encodable>(
        _ elements: some Sequence<Element>, to out: inout some TextOutputStream, _ item: (Element) -> Item
    ) {
        out.write("[\n")
        JSON.writeElements(elements, indent: "    ", to: &out, item)
        out.write("\n  ]")
    }

    // MARK: Prometheus

    /// Text exposition format for node_exporter's textfile collector. Metric names follow
    /// x509-certificate-exporter (`x509_cert_not_after`, `x509_cert_not_before`, `x509_cert_expired`,
    /// `x509_read_errors`); see docs/expiry.md.
    public func prometheus(_ expiry: ExpiryReport) -> String {
        var out = ""
        prometheus(expiry, to: &out)
        return out
    }

    public func prometheus(_ expiry: ExpiryReport, to out: inout some TextOutputStream) {
        // The same certificate twice in one file would make a duplicate series, which Prometheus
        // rejects: only the first row of each label set is written. The label texts are rebuilt for
        // each family rather than kept (they would be as large as the rows).
        var seen = Set<String>()
        let unique = expiry.rows.indices.filter { seen.insert(labels(expiry.rows[$0])).inserted }
        seen = []
        func family(_ name: String, _ help: String, _ value: (ExpiryRow) -> String) {
            out.write("# HELP \(name) \(help)\n# TYPE \(name) gauge\n")
            for index in unique {
                let row = expiry.rows[index]
                out.write("\(name){\(labels(row))} \(value(row))\n")
            }
        }
        family("x509_cert_not_after", "Unix time in seconds at which the certificate stops being valid (notAfter).") {
            String(Self.unix($0.notAfter))
        }
        family("x509_cert_not_before", "Unix time in seconds at which the certificate becomes valid (notBefore).") {
            String(Self.unix($0.notBefore))
        }
        family("x509_cert_expired", "1 when the certificate had expired at the time of the scan, else 0.") {
            $0.status == .expired ? "1" : "0"
        }
        let errors = expiry.inputProblems.filter { $0.severity == .error }.count
        out.write("# HELP x509_read_errors Inputs tlscheck could not read in this scan (see its standard error).\n")
        out.write("# TYPE x509_read_errors gauge\nx509_read_errors \(errors)\n")
        out.write("# HELP tlscheck_expiry_scan_timestamp_seconds Unix time of this scan.\n")
        out.write("# TYPE tlscheck_expiry_scan_timestamp_seconds gauge\n")
        out.write("tlscheck_expiry_scan_timestamp_seconds \(Self.unix(expiry.now))\n")
    }

    /// `path="…",subject="…",issuer="…",serial="…",sans="…"`
    func labels(_ row: ExpiryRow) -> String {
        [
            ("path", Paths.display(row.name, relativeTo: workingDirectory)), ("subject", row.subject), ("issuer", row.issuer),
            ("serial", row.serial), ("sans", row.subjectAlternativeNames.joined(separator: ",")),
        ].map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
    }

    static func unix(_ date: Date) -> Int64 { Int64(Int.saturating(date.timeIntervalSince1970.rounded(.down))) }

    /// Label value escaping of the text format: backslash, double quote and line feed.
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

