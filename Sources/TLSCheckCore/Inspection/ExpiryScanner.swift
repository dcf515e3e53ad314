/// One certificate's dates and names: all `tlscheck expiry` keeps of it (the certificate itself is
/// dropped as soon as its file is read, so memory grows by one small row per certificate).
public struct ExpiryRow: Sendable, Hashable {
    /// The file (or `host:port`) the certificate came from.
    public let path: String
    /// How messages name its place: the file, or `secret.yaml (Secret ns/name, tls.crt)`.
    public let name: String
    public let location: Location
    /// 1-based position in its file or chain.
    public let index: Int
    public let subject: String
    public let issuer: String
    public let serial: String
    public let subjectAlternativeNames: [String]
    public let notBefore: Date
    public let notAfter: Date
    public let status: ExpiryStatus

    public func secondsLeft(at now: Date) -> TimeInterval { notAfter.timeIntervalSince(now) }

    /// Whole days left, rounded down (negative once expired), as `openssl x509 -checkend` counts.
    public func daysLeft(at now: Date) -> Int { Int.saturating((secondsLeft(at: now) / 86_400).rounded(.down)) }

    /// A certificate a server sent (`host:port` inputs).
    public init(endpoint: String, index: Int, certificate: PeerCertificate, status: ExpiryStatus) {
        path = endpoint
        name = endpoint
        location = Location(path: endpoint)
        self.index = index
        subject = certificate.subject
        issuer = certificate.issuer
        serial = certificate.serialNumber
        subjectAlternativeNames = certificate.subjectAlternativeNames
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        self.status = status
    }

    public init(
        path: String, name: String, location: Location, index: Int, certificate: KeylessCertificate, status: ExpiryStatus
    ) {
        self.path = path
        self.name = name
        self.location = location
        self.index = index
        subject = certificate.subject
        issuer = certificate.issuer
        serial = certificate.serialNumberHex
        subjectAlternativeNames = certificate.subjectAlternativeNames.map(\.description)
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        self.status = status
    }
}

/// The outcome of an expiry scan: rows soonest first, and findings (bad input, and the
/// `cert-expired` / `cert-expiring` / `cert-not-yet-valid` findings of the rows).
public struct ExpiryReport: Sendable {
    public var rows: [ExpiryRow] = []
    public var report = Report()
    public var now: Date
    public var thresholds: ExpiryThresholds

    public init(now: Date, thresholds: ExpiryThresholds) {
        self.now = now
        self.thresholds = thresholds
    }

    /// Inputs that could not be read (findings other than those about certificate dates).
    public var inputProblems: [Finding] {
        report.findings.filter { ![Check.certExpired, .certExpiring, .certNotYetValid].contains($0.check) }
    }

    public func count(_ status: ExpiryStatus) -> Int { rows.filter { $0.status == status }.count }

    /// The Nagios plugin state: 2 CRITICAL (expired or within `--critical`), else 3 UNKNOWN (an input
    /// could not be read, or no certificate was found), else 1 WARNING (within `--warn` or not yet
    /// valid), else 0 OK.
    public var nagiosState: Int {
        if count(.expired) + count(.critical) > 0 { return 2 }
        if inputProblems.contains(where: { $0.severity == .error }) || rows.isEmpty { return 3 }
        if count(.warning) + count(.notYetValid) > 0 { return 1 }
        return 0
    }

    /// The default exit status: 1 when any certificate is at or past `--warn`, expired or not yet
    /// valid, or an input could not be read; else 0.
    public var exitStatus: Int32 {
        let due = rows.contains { $0.status != .ok && $0.status != .notice }
        return due || inputProblems.contains(where: { $0.severity == .error }) ? 1 : 0
    }

    mutating func sort() {
        rows.sort { ($0.notAfter, $0.path, $0.index) < ($1.notAfter, $1.path, $1.index) }
    }
}

/// `tlscheck expiry` over files and folders: every certificate of every file, streamed.
public struct ExpiryScanner: Sendable {
    public var context: CheckContext
    public var thresholds: ExpiryThresholds
    public var passphrase: String?
    public var verbose: Bool

    /// `warn` and `critical` in seconds before notAfter.
    public init(
        context: CheckContext, warn: TimeInterval, critical: TimeInterval?, passphrase: String? = nil,
        verbose: Bool = false
    ) {
        self.context = context
        thresholds = ExpiryThresholds(warning: warn, notice: warn, critical: critical)
        self.passphrase = passphrase
        self.verbose = verbose
    }

    /// Files and folders, then `endpoints` read through the probe's handshake (`probe` carries its
    /// options: timeouts, SNI, trust; expiry reads the dates whether or not the chain verifies).
    public func scan(_ paths: [String], endpoints: [ProbeTarget] = [], probe: Prober? = nil) -> ExpiryReport {
        var result = ExpiryReport(now: context.now, thresholds: thresholds)
        result.report.inputs = paths + endpoints.map(\.display)
        let facts = CertificateFacts(now: context.now, thresholds: thresholds)
        if let probe, !endpoints.isEmpty {
            probe.probe(endpoints) { probed in
                let (rows, findings) = Self.rows(of: probed, facts: facts)
                result.rows += rows
                result.report.findings += findings
            }
        }
        let scan = MaterialScan(loader: MaterialLoader.keyless(passphrase: passphrase), verbose: verbose)
        scan.run(paths, summarize: { file in Self.rows(of: file, facts: facts) }, merge: { whole, part in
            whole.rows += part.rows
            whole.findings += part.findings
        }) { item in
            result.report.findings += item.findings
            if let summary = item.summary {
                result.rows += summary.rows
                result.report.findings += summary.findings
            }
        }
        result.sort()
        return result
    }

    /// The rows of one loaded file and the date findings of the certificates that are due.
    static func rows(of file: LoadedFile<KeylessCertificate>, facts: CertificateFacts) -> (rows: [ExpiryRow], findings: [Finding]) {
        var rows: [ExpiryRow] = []
        var findings: [Finding] = []
        for group in file.groups {
            rows += Self.rows(of: group.bundle, path: file.path, name: group.name, source: group.source, facts: facts,
                              findings: &findings)
        }
        return (rows, findings)
    }

    /// The chain a server sent, or why there is none (the probe's own error findings).
    static func rows(of probed: ProbeResult, facts: CertificateFacts) -> (rows: [ExpiryRow], findings: [Finding]) {
        let endpoint = probed.target.display
        guard !probed.chain.isEmpty else {
            let errors = probed.findings.filter { $0.severity == .error }
            return ([], errors.isEmpty
                ? [Finding(.unreadableInput, "\(endpoint) sent no certificate", at: Location(path: endpoint),
                           hint: "check that the port speaks TLS (tlscheck probe \(endpoint) says more)")]
                : errors)
        }
        var findings: [Finding] = []
        let rows = probed.chain.enumerated().map { offset, certificate in
            let status = facts.thresholds.status(
                notBefore: certificate.notBefore, notAfter: certificate.notAfter, now: facts.now)
            if status != .ok {
                let label = offset == 0
                    ? "the certificate of \(endpoint) (\(certificate.subject))"
                    : "certificate \(offset + 1) of the chain \(endpoint) sent (\(certificate.subject))"
                findings += facts.validity(
                    notBefore: certificate.notBefore, notAfter: certificate.notAfter, label, at: Location(path: endpoint),
                    expiredSeverity: .error, expiredHint: nil)
            }
            return ExpiryRow(endpoint: endpoint, index: offset + 1, certificate: certificate, status: status)
        }
        return (rows, findings)
    }

    static func rows(
        of bundle: CertificateBundle<KeylessCertificate>, path: String, name: String, source: MaterialSource,
        facts: CertificateFacts, findings: inout [Finding]
    ) -> [ExpiryRow] {
        bundle.entries.map { entry in
            let certificate = entry.certificate
            let status = facts.thresholds.status(
                notBefore: certificate.notBefore, notAfter: certificate.notAfter, now: facts.now)
            let location = source.location
            let at = entry.line.map { location.line == nil ? Location(path: location.path, line: $0) : location } ?? location
            if status != .ok {
                let label = MaterialWording.describe(
                    entry, count: bundle.entries.count, noun: "certificate", in: source)
                findings += facts.validity(certificate, label, at: at, expiredSeverity: .error, expiredHint: nil)
            }
            return ExpiryRow(path: path, name: name, location: at, index: entry.index, certificate: certificate, status: status)
        }
    }
}
