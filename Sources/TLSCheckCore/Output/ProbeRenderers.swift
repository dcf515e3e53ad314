#if canImport(Glibc)
import Glibc
#endif

/// Text for `tlscheck probe`: a detailed report for one target, a table for many, then the
/// findings compiler-style (`target: error: message [code]` and a hint) and a summary.
public struct ProbeTextRenderer: Sendable {
    public var color: Bool
    public var now: Date
    let findings: TextRenderer

    public init(color: Bool, now: Date) {
        self.color = color
        self.now = now
        self.findings = TextRenderer(color: color)
    }

    /// Everything about one probe.
    public func detailed(_ result: ProbeResult) -> String {
        var lines: [String] = []
        func line(_ label: String, _ value: String) { lines.append("  " + pad(label + ":", 14) + value) }
        let status = result.success ? paint("ok", "32") : paint("FAILED (\(result.diagnosis?.code ?? "?"))", "31")
        lines.append(bold(result.target.display) + (result.address.map { $0 == result.target.host ? "" : " (\($0))" } ?? "") + "  " + status)
        if let tls = result.negotiated {
            var parts = [tls.version, tls.cipherStandardName.isEmpty ? tls.cipher : tls.cipherStandardName]
            if let group = tls.group { parts.append("group " + group) }
            line("protocol", parts.joined(separator: ", "))
            line("ALPN", tls.alpn ?? "none selected")
        }
        if let verification = result.verification {
            var text = verification.verified ? paint("ok", "32") : paint("failed", "31") + ": \(verification.message)"
            text += " (\(verification.result))"
            if verification.skipped { text += " " + paint("— NOT ENFORCED (--insecure)", "33") }
            line("verification", text)
        }
        if result.negotiated != nil {
            line("OCSP staple", result.ocspStapled ? "yes" : "no")
            if result.clientCertificateRequested {
                let cas = result.acceptableClientCAs.isEmpty ? "any CA" : result.acceptableClientCAs.joined(separator: "; ")
                line("client cert", "requested (acceptable CAs: \(cas)); " + (result.clientCertificateSent ? "sent" : "none sent"))
            } else {
                line("client cert", "not requested")
            }
        }
        line("time", timings(result.timings))
        if let versions = result.versions {
            line("versions", versions.map { "\($0.version.rawValue) \($0.accepted ? ($0.version.isLegacy ? paint("yes (legacy)", "33") : "yes") : "no")" }.joined(separator: ", "))
        }
        if !result.chain.isEmpty {
            lines.append("  chain (as sent by the server):")
            for (depth, cert) in result.chain.enumerated() {
                lines.append("    \(depth) " + bold(cert.subject))
                lines.append("        issuer     " + cert.issuer)
                if !cert.subjectAlternativeNames.isEmpty {
                    lines.append("        SANs       " + cert.subjectAlternativeNames.joined(separator: ", "))
                }
                let days = cert.daysLeft(now: now)
                let left = days < 0 ? paint("expired \(-days) days ago", "31") : paint("\(days) days left", days < 14 ? "33" : nil)
                lines.append("        not after  \(Dates.text(cert.notAfter, seconds: true)) (\(left))")
                lines.append("        key        \(cert.publicKey), signed \(cert.signatureAlgorithm)")
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        if !result.findings.isEmpty { text += "\n" + result.findings.map(findings.render).joined() }
        return text
    }

    /// A fixed-width table; widths come from the target list so rows can be printed as they come.
    public struct Table: Sendable {
        let renderer: ProbeTextRenderer
        let targetWidth: Int

        public var header: String {
            renderer.bold(renderer.pad("TARGET", targetWidth) + "  " + renderer.pad("STATUS", 26) + "  "
                + renderer.pad("VERSION", 8) + "  " + renderer.pad("DAYS", 5) + "  " + renderer.pad("MS", 7) + "  DETAIL") + "\n"
        }

        public func row(_ result: ProbeResult) -> String {
            let status = result.diagnosis?.code ?? "ok"
            let days = result.chain.first.map { String($0.daysLeft(now: renderer.now)) } ?? "-"
            let milliseconds = String(Int.saturating((result.timings.total * 1000).rounded()))
            let detail = result.diagnosis.map { Self.short($0.message, target: result.target.display) }
                ?? [result.negotiated?.cipherStandardName, result.negotiated?.alpn.map { "ALPN " + $0 }].compactMap { $0 }.joined(separator: ", ")
            return renderer.pad(result.target.display, targetWidth) + "  "
                + renderer.paint(renderer.pad(status, 26), result.success ? "32" : "31") + "  "
                + renderer.pad(result.negotiated?.version ?? "-", 8) + "  " + renderer.pad(days, 5) + "  "
                + renderer.pad(milliseconds, 7) + "  " + detail + "\n"
        }

        static func short(_ message: String, target: String) -> String {
            let text = message.hasPrefix(target + " ") ? String(message.dropFirst(target.count + 1)) : message
            return text.count > 90 ? String(text.prefix(87)) + "..." : text
        }
    }

    public func table(for targets: [ProbeTarget]) -> Table {
        Table(renderer: self, targetWidth: max(6, targets.map(\.display.count).max() ?? 0))
    }

    /// Findings of many probes, compiler style.
    public func findings(_ results: [ProbeResult]) -> String {
        results.flatMap(\.findings).map(findings.render).joined()
    }

    /// "2 of 10 probes failed (1 warning)" / "3 probes ok".
    public func summary(probes: Int, failed: Int, warnings: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var text = failed == 0 ? "\(plural(probes, "probe")) ok" : "\(failed) of \(plural(probes, "probe")) failed"
        if warnings > 0 { text += " (\(plural(warnings, "warning")))" }
        return text + "\n"
    }

    func timings(_ t: ProbeTimings) -> String {
        func ms(_ s: Double) -> String { s < 0.01 ? String(format1(s * 1000)) + " ms" : "\(Int.saturating((s * 1000).rounded())) ms" }
        var parts: [String] = []
        if let dns = t.dns { parts.append("dns " + ms(dns)) }
        if let connect = t.connect { parts.append("connect " + ms(connect)) }
        if let startTLS = t.startTLS { parts.append("starttls " + ms(startTLS)) }
        if let handshake = t.handshake { parts.append("handshake " + ms(handshake)) }
        return ms(t.total) + " total" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }

    func format1(_ value: Double) -> String {
        let tenths = Int.saturating((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    func paint(_ text: String, _ code: String?) -> String {
        guard color, let code else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// JSON lines: one object per probe (docs/probe.md documents the fields; `version` changes only when
/// a field changes meaning or goes away).
public struct ProbeJSONRenderer: Sendable {
    public static let schemaVersion = 1
    public var now: Date

    public init(now: Date) { self.now = now }

    struct Line: Encodable {
        let version: Int
        let target: String
        let host: String
        let port: Int
        let address: String?
        let success: Bool
        let diagnosis: DiagnosisItem?
        let tls: NegotiatedTLS?
        let verification: Verification?
        let ocspStapled: Bool
        let clientCertificate: ClientCertificate
        let chain: [Certificate]
        let versions: [VersionSupport]?
        let timings: ProbeTimings
        let findings: [FindingItem]
    }
    struct DiagnosisItem: Encodable { let code, message, hint: String }
    struct Verification: Encodable {
        let result: String
        let message: String
        let verified: Bool
        let enforced: Bool
        let verifiedChainExpiry: String?
    }
    struct ClientCertificate: Encodable {
        let requested: Bool
        let sent: Bool
        let acceptableCAs: [String]
    }
    struct Certificate: Encodable {
        let subject, issuer: String
        let subjectAlternativeNames: [String]
        let notBefore, notAfter: String
        let daysLeft: Int
        let publicKey, signatureAlgorithm, serialNumber, sha256Fingerprint: String
        let isCA, isSelfSigned: Bool
    }
    struct FindingItem: Encodable { let severity, code, message: String; let hint: String? }

    public func render(_ result: ProbeResult) -> String {
        let line = Line(
            version: Self.schemaVersion, target: result.target.display, host: result.target.host, port: result.target.port,
            address: result.address, success: result.success,
            diagnosis: result.diagnosis.map { DiagnosisItem(code: $0.code, message: $0.message, hint: $0.hint) },
            tls: result.negotiated,
            verification: result.verification.map {
                Verification(
                    result: $0.result, message: $0.message, verified: $0.verified, enforced: !$0.skipped,
                    verifiedChainExpiry: $0.verifiedChainExpiry.map { Dates.iso($0) })
            },
            ocspStapled: result.ocspStapled,
            clientCertificate: ClientCertificate(
                requested: result.clientCertificateRequested, sent: result.clientCertificateSent,
                acceptableCAs: result.acceptableClientCAs),
            chain: result.chain.map {
                Certificate(
                    subject: $0.subject, issuer: $0.issuer, subjectAlternativeNames: $0.subjectAlternativeNames,
                    notBefore: Dates.iso($0.notBefore), notAfter: Dates.iso($0.notAfter),
                    daysLeft: $0.daysLeft(now: now), publicKey: $0.publicKey, signatureAlgorithm: $0.signatureAlgorithm,
                    serialNumber: $0.serialNumber, sha256Fingerprint: $0.sha256Fingerprint, isCA: $0.isCA,
                    isSelfSigned: $0.isSelfSigned)
            },
            versions: result.versions, timings: result.timings,
            findings: result.findings.map { FindingItem(severity: $0.severity.rawValue, code: $0.code, message: $0.message, hint: $0.hint) })
        return JSON.encode(line, pretty: false) + "\n"
    }
}

/// Prometheus text format with blackbox_exporter's metric names (alerts written for it keep
/// working), a `target` label on every sample, and tlscheck's extras under `tlscheck_probe_`.
public struct ProbePrometheusRenderer: Sendable {
    public init() {}

    struct Family {
        let name: String
        let help: String
        var samples: [String] = []
    }

    public func render(_ results: [ProbeResult]) -> String {
        var families: [Family] = []
        func add(_ name: String, _ help: String, _ labels: [(String, String)], _ value: Double) {
            let sample = name + "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "} " + Self.number(value)
            if let i = families.firstIndex(where: { $0.name == name }) {
                families[i].samples.append(sample)
            } else {
                families.append(Family(name: name, help: help, samples: [sample]))
            }
        }
        for result in results {
            let target = ("target", result.target.display)
            add("probe_success", "Whether the TLS probe succeeded (1) or not (0).", [target], result.success ? 1 : 0)
            add("probe_duration_seconds", "How long the probe took, all phases.", [target], result.timings.total)
            if let dns = result.timings.dns {
                add("probe_dns_lookup_time_seconds", "How long DNS resolution took.", [target], dns)
            }
            if let earliest = result.earliestExpiry {
                add("probe_ssl_earliest_cert_expiry", "Earliest not-after (unix time) among the certificates the server presented.", [target], earliest.timeIntervalSince1970)
            }
            if let verified = result.verification?.verifiedChainExpiry {
                add("probe_ssl_last_chain_expiry_timestamp_seconds", "Earliest not-after (unix time) of the verified chain; absent when it did not verify.", [target], verified.timeIntervalSince1970)
            }
            if let leaf = result.chain.first {
                add("probe_ssl_last_chain_info", "The leaf certificate the server presented.", [
                    target, ("fingerprint_sha256", leaf.sha256Fingerprint), ("subject", leaf.subject), ("issuer", leaf.issuer),
                    ("subjectalternative", leaf.subjectAlternativeNames.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0 }.joined(separator: ",")),
                    ("serialnumber", leaf.serialNumber.lowercased()),
                ], 1)
            }
            if let tls = result.negotiated {
                add("probe_tls_version_info", "The negotiated TLS version.", [target, ("version", tls.version)], 1)
                add("probe_tls_cipher_info", "The negotiated cipher suite (IANA name).", [target, ("cipher", tls.cipherStandardName)], 1)
                add("tlscheck_probe_alpn_info", "The ALPN protocol the server selected (empty: none).", [target, ("protocol", tls.alpn ?? "")], 1)
                if let group = tls.group {
                    add("tlscheck_probe_group_info", "The negotiated key-exchange group.", [target, ("group", group)], 1)
                }
                add("tlscheck_probe_ocsp_stapled", "Whether the server stapled an OCSP response.", [target], result.ocspStapled ? 1 : 0)
            }
            if let handshake = result.timings.handshake {
                add("tlscheck_probe_handshake_seconds", "How long the TLS handshake took.", [target], handshake)
            }
            if let leaf = result.chain.first {
                add("tlscheck_probe_leaf_not_after_timestamp_seconds", "Not-after (unix time) of the leaf certificate.", [target], leaf.notAfter.timeIntervalSince1970)
                add("tlscheck_probe_leaf_not_before_timestamp_seconds", "Not-before (unix time) of the leaf certificate.", [target], leaf.notBefore.timeIntervalSince1970)
            }
            if let verification = result.verification {
                add("tlscheck_probe_verify_info", "OpenSSL's verification result (symbolic X509_V_ERR name).", [target, ("result", verification.result)], 1)
            }
            if result.negotiated != nil || result.clientCertificateRequested {
                add("tlscheck_probe_client_cert_requested", "Whether the server asked for a client certificate.", [target], result.clientCertificateRequested ? 1 : 0)
            }
            add("tlscheck_probe_client_cert_required", "Whether the probe failed because the server requires a client certificate.", [target],
                result.diagnosis?.code == "client-cert-required" ? 1 : 0)
            if let diagnosis = result.diagnosis {
                add("tlscheck_probe_diagnosis_info", "Why the probe failed (stable code, see docs/probe.md).", [target, ("code", diagnosis.code)], 1)
            }
        }
        return families.map { family in
            "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) gauge\n" + family.samples.map { $0 + "\n" }.joined()
        }.joined()
    }

    static func escape(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
