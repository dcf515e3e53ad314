/// What `tlscheck inspect` shows of one certificate.
public struct CertificateSummary: Sendable, Encodable {
    /// 1-based position in its file or chain, and the line of its BEGIN marker (PEM).
    public let index: Int
    public let line: Int?
    public let subject: String
    public let issuer: String
    public let subjectAlternativeNames: [String]
    /// A subjectAltName extension is there but cannot be decoded (shown as malformed, not as none).
    public let subjectAlternativeNamesUnreadable: Bool
    public let serial: String
    public let notBefore: Date
    public let notAfter: Date
    public let daysLeft: Int
    public let status: ExpiryStatus
    public let key: String
    public let keyAlgorithm: String
    public let keyBits: Int
    public let signatureAlgorithm: String
    /// nil: no keyUsage extension.
    public let keyUsage: [String]?
    /// nil: no extendedKeyUsage extension (any purpose).
    public let extendedKeyUsage: [String]?
    public let isCA: Bool
    /// nil: no basicConstraints extension.
    public let basicConstraints: String?
    public let pathLength: Int?
    public let subjectKeyIdentifier: String?
    public let authorityKeyIdentifier: String?
    public let sha256Fingerprint: String
    public let isSelfSigned: Bool
    /// Why Go's parser refuses the certificate (`x509: SAN dNSName is malformed`), so that no Go
    /// program can use it; nil when Go reads it.
    public let goParseProblem: String?

    init(_ entry: Certificate.Entry, now: Date, thresholds: ExpiryThresholds, problem: String? = nil) {
        let certificate = entry.certificate
        index = entry.index
        line = entry.line
        subject = certificate.subject
        issuer = certificate.issuer
        subjectAlternativeNames = certificate.subjectAlternativeNames.map(\.description)
        subjectAlternativeNamesUnreadable = subjectAlternativeNames.isEmpty && certificate.hasSubjectAlternativeNames
        serial = certificate.serialNumberHex
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        daysLeft = Int.saturating((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
        status = thresholds.status(notBefore: notBefore, notAfter: notAfter, now: now)
        let info = certificate.publicKey
        key = info.description
        keyAlgorithm = info.algorithm.description
        keyBits = info.bits
        signatureAlgorithm = certificate.signatureAlgorithm.name
        keyUsage = certificate.keyUsage?.names
        extendedKeyUsage = certificate.extendedKeyUsage?.map(\.description)
        let constraints = certificate.basicConstraints
        isCA = constraints?.isCA ?? false
        basicConstraints = constraints.map {
            ($0.isCritical ? "critical, " : "") + ($0.isCA ? "CA:TRUE" : "CA:FALSE")
                + ($0.pathLength.map { ", pathlen:\($0)" } ?? "")
        }
        pathLength = constraints?.pathLength
        subjectKeyIdentifier = certificate.subjectKeyIdentifier
        authorityKeyIdentifier = certificate.authorityKeyIdentifier
        sha256Fingerprint = certificate.sha256Fingerprint
        isSelfSigned = certificate.isSelfSigned
        goParseProblem = problem
    }
}

/// A private key and, when a certificate is beside it, whether it belongs to that certificate.
public struct KeySummary: Sendable, Encodable {
    public let name: String
    public let line: Int?
    public let key: String
    /// nil when there is no certificate to compare with.
    public let matchesLeaf: Bool?
    /// Where the key was found when it is not in the certificate's own file or entry.
    public let foundBeside: String?
}

/// One certificate list (a file, a PKCS#12 bag, a Secret entry) with its chain analysis.
public struct InspectedGroup: Sendable, Encodable {
    public let name: String
    public let line: Int?
    /// The role the checks assumed: `server`, `client` or `ca`.
    public let role: String
    public let certificates: [CertificateSummary]
    /// For each certificate but the last: whether the next one issued it (name and signature).
    public let signedByNext: [Bool]
    public let key: KeySummary?
}

public struct InspectedFile: Sendable, Encodable {
    public let path: String
    public let format: String
    public let groups: [InspectedGroup]
    /// Keys with no certificate in the same file or entry.
    public let keys: [KeySummary]
}

public struct InspectionReport: Sendable {
    public var files: [InspectedFile] = []
    public var report = Report()
    public var now: Date
}

/// `tlscheck inspect`: every certificate and key of the inputs, their chains, key matches, findings.
public struct CertificateInspector: Sendable {
    public var context: CheckContext
    public var passphrase: String?
    public var verbose: Bool
    /// `--key`: a private key to compare with the leaf of every certificate list that has none.
    public var keyPath: String?

    public init(context: CheckContext, passphrase: String? = nil, verbose: Bool = false, keyPath: String? = nil) {
        self.context = context
        self.passphrase = passphrase
        self.verbose = verbose
        self.keyPath = keyPath
    }

    public func inspect(_ paths: [String]) -> InspectionReport {
        var result = InspectionReport(now: context.now)
        result.report.inputs = paths
        let loader = MaterialLoader.full(passphrase: passphrase)
        var explicitKey: LoadedKey?
        if let keyPath {
            let loaded = MaterialScan(loader: loader, verbose: true).loadFile(
                keyPath, explicit: true, summarize: { $0 }, merge: { $0.append($1) })
            result.report.findings += loaded.findings
            explicitKey = loaded.summary.flatMap { $0.keys.first ?? $0.groups.first?.key }
            if loaded.summary != nil && explicitKey == nil {
                result.report.findings.append(Finding(
                    .pemNoData, "--key \(keyPath) holds no private key", at: Location(path: keyPath),
                    hint: "give the private key file (-----BEGIN ... PRIVATE KEY-----)"))
            }
        }
        let inspector = self
        let givenKey = explicitKey
        // The CA certificates a lone leaf may chain to, read once per folder for the whole run.
        let folders = FolderIssuers()
        MaterialScan(loader: loader, verbose: verbose).run(paths, summarize: { file in
            inspector.inspect(file, explicitKey: givenKey, loader: loader, folders: folders)
        }, merge: { whole, part in
            whole.0 = InspectedFile(
                path: whole.0.path, format: whole.0.format, groups: whole.0.groups + part.0.groups,
                keys: whole.0.keys + part.0.keys)
            whole.1 += part.1
        }) { item in
            result.report.findings += item.findings
            if let (file, findings) = item.summary {
                result.files.append(file)
                result.report.findings += findings
            }
        }
        return result
    }

    func inspect(
        _ file: LoadedFile<Certificate>, explicitKey: LoadedKey?, loader: MaterialLoader<Certificate>, folders: FolderIssuers
    ) -> (InspectedFile, [Finding]) {
        let checker = MaterialChecker(context: context)
        var findings: [Finding] = []
        var groups: [InspectedGroup] = []
        for group in file.groups {
            let entries = group.bundle.entries
            guard let leaf = entries.first?.certificate else { continue }
            let role = group.role ?? Self.role(of: leaf)
            // A file's lone leaf may chain to a CA beside the file; a Secret entry's to the Secret's ca.crt.
            let issuers: KnownIssuers =
                group.source.isFile ? .beside(file.path, in: folders, named: group.companions) : KnownIssuers(group.companions)
            findings += checker.checkLoadedChain(group.bundle, group.source, role: role, issuers: issuers)
            var key = group.key
            var beside: String?
            if key == nil, group.location.line == nil {
                if let explicitKey {
                    key = explicitKey
                    beside = explicitKey.name
                } else if let sibling = Self.siblingKey(of: file.path, loader: loader) {
                    key = sibling
                    beside = sibling.name
                }
            }
            var keySummary: KeySummary?
            if let key {
                let problems = checker.checkKeyMatch(
                    key.key, chain: group.bundle, certificate: group.source, key: key.source, role: role)
                findings += problems
                keySummary = KeySummary(
                    name: key.name, line: key.location.line, key: key.key.info.description,
                    matchesLeaf: key.key.matches(leaf), foundBeside: beside)
            }
            groups.append(InspectedGroup(
                name: group.name, line: group.location.line, role: role.rawValue,
                certificates: entries.map { entry in
                    let problem = group.bundle.problems.first { $0.index == entry.index && $0.refusedByGo != nil }
                    return CertificateSummary(entry, now: context.now, thresholds: checker.expiry, problem: problem?.reason)
                },
                signedByNext: zip(entries, entries.dropFirst()).map { $0.certificate.isIssued(by: $1.certificate) },
                key: keySummary))
        }
        let keys = file.keys.map {
            KeySummary(name: $0.name, line: $0.location.line, key: $0.key.info.description, matchesLeaf: nil, foundBeside: nil)
        }
        return (InspectedFile(path: file.path, format: file.format.rawValue, groups: groups, keys: keys), findings)
    }

    /// What a certificate found on its own is for: a CA (CA:TRUE without names or purposes), else a
    /// server when it may act as one, else a client.
    static func role(of certificate: Certificate) -> CertificateRole {
        if certificate.isCA && certificate.extendedKeyUsage == nil && certificate.subjectAlternativeNames.isEmpty {
            return .ca
        }
        return certificate.allows(.serverAuth) ? .server : .client
    }

    /// The key file beside a certificate file, by the names tools give them: `server.crt` and
    /// `server.key`, `tls.crt` and `tls.key`, mkcert's `name.pem` and `name-key.pem`, certbot's
    /// `cert.pem` / `fullchain.pem` and `privkey.pem`.
    static func siblingKey(of path: String, loader: MaterialLoader<Certificate>) -> LoadedKey? {
        let folder = FileInput.folder(of: path)
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var stem = file
        for suffix in [".crt", ".cer", ".pem", ".der"] where file.lowercased().hasSuffix(suffix) {
            stem = String(file.dropLast(suffix.count))
            break
        }
        guard stem != file else { return nil }
        var candidates = [stem + ".key", stem + "-key.pem", stem + ".key.pem", stem + "_key.pem"]
        if ["cert", "fullchain", "chain"].contains(stem) { candidates.append("privkey.pem") }
        for candidate in candidates where candidate != file {
            let candidatePath = path.contains("/") ? FileInput.resolve(candidate, relativeTo: folder) : candidate
            guard case .success(let bytes) = FileInput.read(candidatePath) else { continue }
            let loaded = loader.load(path: candidatePath, bytes: bytes)
            if let key = loaded.keys.first { return key }
        }
        return nil
    }
}
