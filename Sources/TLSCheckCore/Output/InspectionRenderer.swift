/// `tlscheck inspect` output: each file's certificates and keys, then the findings.
public struct InspectionRenderer: Sendable {
    public var workingDirectory: String
    public var color: Bool

    public init(workingDirectory: String = "", color: Bool = false) {
        self.workingDirectory = workingDirectory
        self.color = color
    }

    // MARK: Text

    public func text(_ inspection: InspectionReport, summary: Bool = true) -> String {
        var out = ""
        for file in inspection.files {
            out += fileText(file, now: inspection.now)
        }
        let findings = TextRenderer(color: color, workingDirectory: workingDirectory)
        if !inspection.report.findings.isEmpty { out += "\n" }
        out += findings.render(inspection.report, noun: "input", summary: summary)
        return out
    }

    func fileText(_ file: InspectedFile, now: Date) -> String {
        let path = Paths.display(file.path, relativeTo: workingDirectory)
        let count = file.groups.reduce(0) { $0 + $1.certificates.count }
        var out = bold("\(path)") + ": \(file.format)"
        out += count > 0 ? ", \(count) certificate\(count == 1 ? "" : "s")" : ""
        out += file.keys.isEmpty ? "" : ", \(file.keys.count) private key\(file.keys.count == 1 ? "" : "s")"
        out += "\n"
        for group in file.groups {
            let name = Paths.display(group.name, relativeTo: workingDirectory)
            if group.name != file.path {
                out += "  \(name)\(group.line.map { " (line \($0))" } ?? "")\n"
            }
            for certificate in group.certificates {
                out += certificateText(certificate, of: group.certificates.count, now: now)
            }
            if group.certificates.count > 1 {
                let links = group.signedByNext.enumerated().map { index, signed in
                    "\(index + 1)←\(index + 2) \(signed ? "signed" : "NOT signed")"
                }
                out += "  chain (\(group.role) certificate first): \(links.joined(separator: ", "))\n"
            }
            if let key = group.key {
                let beside = key.foundBeside.map { " (\(Paths.display($0, relativeTo: workingDirectory)))" } ?? ""
                let verdict = key.matchesLeaf == true ? "matches certificate 1" : "does NOT match certificate 1"
                out += "  private key\(beside): \(key.key), \(verdict)\n"
            }
        }
        for key in file.keys {
            out += "  private key\(key.line.map { " (line \($0))" } ?? ""): \(key.key)\n"
        }
        return out
    }

    func certificateText(_ c: CertificateSummary, of count: Int, now: Date) -> String {
        var rows: [(String, String)] = [
            ("subject", c.subject.isEmpty ? "(empty)" : c.subject),
            ("issuer", c.issuer.isEmpty ? "(empty)" : c.issuer + (c.isSelfSigned ? " (self-signed)" : "")),
            ("SANs", c.subjectAlternativeNamesUnreadable ? "(malformed extension: it cannot be decoded)"
                : c.subjectAlternativeNames.isEmpty ? "(none)" : c.subjectAlternativeNames.joined(separator: ", ")),
            ("serial", c.serial),
            ("not before", Dates.text(c.notBefore)),
            ("not after", "\(Dates.text(c.notAfter)) (\(validity(c, now: now)))"),
            ("key", c.key),
            ("signature", c.signatureAlgorithm),
            ("key usage", c.keyUsage.map { $0.isEmpty ? "(none)" : $0.joined(separator: ", ") } ?? "(no extension)"),
            ("ext. key usage", c.extendedKeyUsage.map { $0.joined(separator: ", ") } ?? "(no extension: any)"),
            ("basic constr.", c.basicConstraints ?? "(no extension)"),
        ]
        if let problem = c.goParseProblem { rows.append(("Go refuses it", problem)) }
        if let ski = c.subjectKeyIdentifier { rows.append(("subject key id", ski)) }
        if let aki = c.authorityKeyIdentifier { rows.append(("authority key id", aki)) }
        rows.append(("SHA-256", c.sha256Fingerprint))
        var out = "  certificate \(c.index)\(count > 1 ? " of \(count)" : "")"
        out += c.line.map { " (line \($0))" } ?? ""
        out += "\n"
        for (label, value) in rows {
            out += "    " + label + String(repeating: " ", count: max(1, 18 - label.count)) + value + "\n"
        }
        return out
    }

    func validity(_ c: CertificateSummary, now: Date) -> String {
        switch c.status {
        case .expired: "EXPIRED \(Dates.relative(c.notAfter, to: now))"
        case .notYetValid: "NOT YET VALID, starts \(Dates.relative(c.notBefore, to: now))"
        default: "\(c.daysLeft) day\(c.daysLeft == 1 ? "" : "s") left"
        }
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    // MARK: JSON

    struct Document: Encodable {
        let version: Int
        let tool: String
        let now: Date
        let inputs: [String]
        let files: [InspectedFile]
        let findings: [JSONRenderer.Item]
        let summary: JSONRenderer.Summary
    }

    public func json(_ inspection: InspectionReport) -> String {
        let report = inspection.report
        let base = JSONRenderer(workingDirectory: workingDirectory)
        let document = Document(
            version: JSONRenderer.schemaVersion, tool: "tlscheck", now: inspection.now,
            inputs: report.inputs.map { Paths.display($0, relativeTo: workingDirectory) },
            files: inspection.files, findings: report.sorted.map(base.item),
            summary: JSONRenderer.Summary(report))
        return JSON.encode(document) + "\n"
    }
}
