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

    public func text(_ expiry: ExpiryReport, summary: Bool = true) -> String {
        var out = ""
        if !expiry.rows.isEmpty {
            var lines = [["NOT AFTER", "DAYS", "STATUS", "SOURCE", "SUBJECT"]]
            for row in expiry.rows {
                lines.append([
                    Dates.text(row.notAfter), String(row.daysLeft(at: expiry.now)), row.status.rawValue, source(row),
                    row.subject.isEmpty ? "(empty subject)" : row.subject,
                ])
            }
            let widths = (0..<4).map { column in lines.map { $0[column].count }.max() ?? 0 }
            for (number, line) in lines.enumerated() {
                var text = ""
                for column in 0..<4 {
                    let cell = line[column]
                    let padded = column == 1
                        ? String(repeating: " ", count: widths[1] - cell.count) + cell
                        : cell + String(repeating: " ", count: widths[column] - cell.count)
                    text += (column == 2 && number > 0 ? paint(padded, expiry.rows[number - 1].status) : padded) + "  "
                }
                out += text + line[4] + "\n"
            }
        }
        var problems = Report(findings: expiry.inputProblems, inputs: expiry.report.inputs)
        problems.inputs = expiry.report.inputs
        let findings = TextRenderer(color: color, workingDirectory: workingDirectory)
        if !problems.findings.isEmpty {
            if !out.isEmpty { out += "\n" }
            out += findings.render(problems, summary: false)
        }
        if summary { out += (out.isEmpty ? "" : "\n") + summaryLine(expiry) + "\n" }
        return out
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
        let state = ["OK", "WARNING", "CRITICAL", "UNKNOWN"][expiry.nagiosState]
        var first = "EXPIRY \(state) - \(summaryLine(expiry))"
        if let soonest = expiry.rows.first {
            first += "; soonest: \(source(soonest)) \(soonest.status == .expired ? "expired" : "expires") \(Dates.relative(soonest.notAfter, to: expiry.now))"
        }
        let perf = [
            "certificates=\(expiry.rows.count)", "expired=\(expiry.count(.expired))",
            "critical=\(expiry.count(.critical))", "warning=\(expiry.count(.warning))",
        ]
        return first + " | " + perf.joined(separator: " ") + "\n" + text(expiry, summary: false)
    }

    // MARK: JSON

    struct Document: Encodable {
        let version: Int
        let tool: String
        let now: Date
        let thresholds: Thresholds
        let inputs: [String]
        let certificates: [Row]
        let findings: [JSONRenderer.Item]
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
        let report = expiry.report
        let base = JSONRenderer(workingDirectory: workingDirectory)
        let document = Document(
            version: JSONRenderer.schemaVersion, tool: "tlscheck", now: expiry.now,
            thresholds: Thresholds(
                warnSeconds: Int(expiry.thresholds.warning), criticalSeconds: expiry.thresholds.critical.map { Int($0) }),
            inputs: report.inputs.map { Paths.display($0, relativeTo: workingDirectory) },
            certificates: expiry.rows.map { row in
                Row(
                    path: Paths.display(row.path, relativeTo: workingDirectory), source: source(row),
                    line: row.location.line, index: row.index, subject: row.subject, issuer: row.issuer,
                    serial: row.serial, subjectAlternativeNames: row.subjectAlternativeNames,
                    notBefore: row.notBefore, notAfter: row.notAfter, daysLeft: row.daysLeft(at: expiry.now),
                    secondsLeft: Int(row.secondsLeft(at: expiry.now).rounded(.down)), status: row.status.rawValue)
            },
            findings: report.sorted.map(base.item),
            summary: Summary(
                certificates: expiry.rows.count, expired: expiry.count(.expired), critical: expiry.count(.critical),
                warning: expiry.count(.warning), notYetValid: expiry.count(.notYetValid),
                ok: expiry.count(.ok) + expiry.count(.notice),
                inputProblems: expiry.inputProblems.filter { $0.severity == .error }.count))
        return JSON.encode(document) + "\n"
    }

    // MARK: Prometheus

    /// Text exposition format for node_exporter's textfile collector. Metric names follow
    /// x509-certificate-exporter (`x509_cert_not_after`, `x509_cert_not_before`, `x509_cert_expired`,
    /// `x509_read_errors`); see docs/expiry.md.
    public func prometheus(_ expiry: ExpiryReport) -> String {
        var seen = Set<String>()
        var labelSets: [(String, ExpiryRow)] = []
        for row in expiry.rows {
            let labels = [
                ("path", Paths.display(row.name, relativeTo: workingDirectory)), ("subject", row.subject), ("issuer", row.issuer), ("serial", row.serial),
                ("sans", row.subjectAlternativeNames.joined(separator: ",")),
            ].map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
            // The same certificate twice in one file would make a duplicate series, which Prometheus rejects.
            if seen.insert(labels).inserted { labelSets.append((labels, row)) }
        }
        var out = ""
        func family(_ name: String, _ help: String, _ value: (ExpiryRow) -> String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (labels, row) in labelSets { out += "\(name){\(labels)} \(value(row))\n" }
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
        out += "# HELP x509_read_errors Inputs tlscheck could not read in this scan (see its standard error).\n"
        out += "# TYPE x509_read_errors gauge\nx509_read_errors \(errors)\n"
        out += "# HELP tlscheck_expiry_scan_timestamp_seconds Unix time of this scan.\n"
        out += "# TYPE tlscheck_expiry_scan_timestamp_seconds gauge\n"
        out += "tlscheck_expiry_scan_timestamp_seconds \(Self.unix(expiry.now))\n"
        return out
    }

    static func unix(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

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

