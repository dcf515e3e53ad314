/// The one implementation of certificate, key and CA file checks, used by `validate` (web-config and
/// OTLP), `inspect` and `expiry`.
///
/// Loading follows Go's `tls.X509KeyPair` and `x509.CertPool.AppendCertsFromPEM`, so an error here is
/// an error there, reported with Go's own words; facts Go does not check at load time (expiry, SANs,
/// usages, chain order) are warnings or notes, as the program starts with them and fails later.
public struct MaterialChecker: Sendable {
    public var context: CheckContext
    public var expiry: ExpiryThresholds

    public init(context: CheckContext, expiry: ExpiryThresholds = .standard) {
        self.context = context
        self.expiry = expiry
    }

    var now: Date { context.now }

    // MARK: Entry points

    /// A certificate file (leaf first, then its chain) and its private key, loaded as Go's
    /// `tls.X509KeyPair` loads them, then the facts of the leaf and the chain.
    ///
    /// `knownIssuers` are certificates the caller knows clients trust (for example a CA file of the
    /// same configuration); a leaf issued by one of them is not reported as missing its chain.
    public func checkKeyPair(
        certificate certificateSource: MaterialSource, key keySource: MaterialSource, role: CertificateRole,
        knownIssuers: [Certificate] = []
    ) -> [Finding] {
        var findings: [Finding] = []
        let certificateBytes = read(certificateSource, role.certificateNoun, into: &findings)
        let keyBytes = read(keySource, role.keyNoun, into: &findings)
        let certificateScan = certificateBytes.map { PEM.scan($0) }
        let keyScan = keyBytes.map { PEM.scan($0) }
        let swapped = certificateScan.map(holdsOnlyKeys) == true && keyScan.map(holdsOnlyCertificates) == true

        var chain: Certificate.Bundle?
        if let certificateBytes, let certificateScan {
            chain = loadChain(
                certificateBytes, certificateScan, certificateSource, role, swapped: swapped, into: &findings)
        }
        var key: PrivateKey?
        if let keyBytes, let keyScan {
            key = loadKey(keyBytes, keyScan, keySource, role, swapped: swapped, into: &findings)
        }
        if let chain, let leaf = chain.entries.first?.certificate, let key {
            findings += match(key, to: leaf, chain: chain, certificateSource, keySource, role)
        }
        if let chain {
            findings += chainFacts(chain, certificateSource, role, knownIssuers: knownIssuers)
        }
        return findings
    }

    /// A certificate file without its key (leaf first, then its chain): loading and facts.
    public func checkCertificateChain(
        _ source: MaterialSource, role: CertificateRole, knownIssuers: [Certificate] = []
    ) -> [Finding] {
        var findings: [Finding] = []
        guard let bytes = read(source, role.certificateNoun, into: &findings) else { return findings }
        let scan = PEM.scan(bytes)
        if let chain = loadChain(bytes, scan, source, role, swapped: false, into: &findings) {
            findings += chainFacts(chain, source, role, knownIssuers: knownIssuers)
        }
        return findings
    }

    /// A private key file on its own: readable, unencrypted, of a type Go can use.
    public func checkPrivateKey(_ source: MaterialSource, role: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        guard let bytes = read(source, role.keyNoun, into: &findings) else { return findings }
        _ = loadKey(bytes, PEM.scan(bytes), source, role, swapped: false, into: &findings)
        return findings
    }

    /// A CA bundle (trust anchors) that verifies certificates of `purpose`: `.client` for a server's
    /// `client_ca_file`, `.server` for a client's `ca_file`.
    public func checkCABundle(_ source: MaterialSource, purpose: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        let noun = purpose.bundleNoun
        guard let bytes = read(source, noun, into: &findings) else { return findings }
        let at = source.location
        let scan = PEM.scan(bytes)
        let bundle = Certificate.bundle(from: scan)
        // Go's AppendCertsFromPEM: CERTIFICATE blocks without headers that x509.ParseCertificate takes.
        let usable = bundle.entries.filter { $0.certificate.goParseProblem == nil }
        if usable.isEmpty {
            var message = "\(noun) \(source.name) holds no certificate Go can use"
            var hint = Check.caNoCertificate.defaultHint
            if scan.blocks.isEmpty && !bytes.isEmpty && (try? Certificate(der: bytes)) != nil {
                message += ": it is DER, and CA files are read as PEM"
                hint = "convert it: openssl x509 -inform der -in \(source.name) -out ca.pem"
            } else if let problem = bundle.problems.first {
                message += ": \(problem.reason)" + (problem.line.map { " (line \($0))" } ?? "")
            } else if !scan.blocks.isEmpty {
                message += " (it holds \(labels(scan.blocks)))"
            } else if isBlank(bytes) {
                message += ": it is empty"
            }
            findings.append(Finding(
                .caNoCertificate, message + "; every certificate it should verify will be rejected",
                at: at, hint: hint))
            return findings
        }
        for problem in bundle.problems {
            findings.append(Finding(
                .pemInvalid, "\(position(problem.index, problem.line, in: source)): \(problem.reason); Go skips it",
                at: at, severity: .warning))
        }
        let live = usable.filter { $0.certificate.notAfter > now }
        for entry in usable {
            let certificate = entry.certificate
            let label = describe(entry, count: bundle.entries.count, noun: "CA certificate", in: source)
            findings += validityFacts(
                certificate, label, at, expiredSeverity: live.isEmpty ? .error : .warning,
                expiredHint: live.isEmpty ? "renew the CA, or put the current CA certificate in this file"
                    : "remove it from the bundle, or renew it")
            findings += anchorFacts(certificate, label, at, purpose: purpose)
            if let weak = weakKeyFinding(certificate, label, at) { findings.append(weak) }
        }
        return findings
    }

    /// The certificates of a source, for `knownIssuers`; empty when it cannot be read.
    public static func certificates(in source: MaterialSource) -> [Certificate] {
        let bytes: [UInt8]
        switch source {
        case .inline(let pem, _): bytes = Array(pem.utf8)
        case .file(let path, _):
            guard case .success(let read) = FileInput.read(path) else { return [] }
            bytes = read
        }
        return Certificate.bundle(from: bytes).certificates
    }

    /// The signature family a server key gives TLS 1.2 cipher suites: ECDHE_ECDSA suites serve EC and
    /// Ed25519 keys, ECDHE_RSA suites RSA keys.
    public enum SuiteKeyKind: Sendable, Hashable {
        case ecdsa
        case rsa
    }

    /// The suite family of the first certificate of a source; nil when it cannot be read or has
    /// another kind of key.
    public static func leafKeyKind(_ source: MaterialSource) -> SuiteKeyKind? {
        guard let leaf = certificates(in: source).first else { return nil }
        switch leaf.publicKey.algorithm {
        case .ec, .ed25519: return .ecdsa
        case .rsa: return .rsa
        default: return nil
        }
    }

    // MARK: Material already loaded (inspect, expiry)

    /// The facts of a chain read elsewhere (PKCS#12, a Kubernetes Secret, a folder scan): the same
    /// checks as a certificate file named in a configuration. `source` names it in messages.
    public func checkLoadedChain(
        _ chain: Certificate.Bundle, _ source: MaterialSource, role: CertificateRole, knownIssuers: [Certificate] = []
    ) -> [Finding] {
        chainFacts(chain, source, role, knownIssuers: knownIssuers)
    }

    /// Whether `key` is the private half of the chain's leaf (`key-mismatch`, `key-type-mismatch`);
    /// no finding when it is.
    public func checkKeyMatch(
        _ key: PrivateKey, chain: Certificate.Bundle, certificate certificateSource: MaterialSource,
        key keySource: MaterialSource, role: CertificateRole
    ) -> [Finding] {
        guard let leaf = chain.entries.first?.certificate else { return [] }
        return match(key, to: leaf, chain: chain, certificateSource, keySource, role)
    }

    // MARK: Reading

    private func read(_ source: MaterialSource, _ noun: String, into findings: inout [Finding]) -> [UInt8]? {
        switch source {
        case .inline(let pem, _):
            return Array(pem.utf8)
        case .file(let path, let at):
            guard context.checkFiles else { return nil }
            switch FileInput.read(path) {
            case .success(let bytes):
                return bytes
            case .failure(let error):
                let check: Check =
                    switch error.kind {
                    case .notFound: .fileNotFound
                    case .isFolder: .fileIsFolder
                    case .tooLarge, .unreadable, .notRegular: .fileUnreadable
                    }
                findings.append(Finding(check, "cannot read the \(noun) \(path): \(error.reason)", at: at, hint: error.hint))
                return nil
            }
        }
    }

    // MARK: Go's tls.X509KeyPair, step by step

    /// The certificate input: all CERTIFICATE blocks, the first one parsed as the leaf.
    private func loadChain(
        _ bytes: [UInt8], _ scan: PEMScan, _ source: MaterialSource, _ role: CertificateRole, swapped: Bool,
        into findings: inout [Finding]
    ) -> Certificate.Bundle? {
        let at = source.location
        let noun = role.certificateNoun
        let skipped = scan.blocks.filter { $0.label != "CERTIFICATE" }.map(\.label)
        if scan.blocks.count == skipped.count {
            if skipped.isEmpty {
                findings.append(noPEMFinding(bytes, scan, source, noun: noun,
                    go: "tls: failed to find any PEM data in certificate input", derLabel: "certificate"))
            } else if skipped.count == 1 && skipped[0].hasSuffix("PRIVATE KEY") {
                findings.append(Finding(
                    .keyCertSwapped,
                    "\(noun) \(source.name) holds a private key, not a certificate (Go: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched)",
                    at: at,
                    hint: swapped ? "swap the two paths: the certificate file and the key file are the wrong way round"
                        : "name the certificate file here (the file with -----BEGIN CERTIFICATE-----)"))
            } else {
                findings.append(Finding(
                    .pemNoData,
                    "\(noun) \(source.name) holds no CERTIFICATE block, only \(labels(scan.blocks)) (Go: tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [\(skipped.joined(separator: " "))])",
                    at: at, hint: "name the certificate file here (the file with -----BEGIN CERTIFICATE-----)"))
            }
            return nil
        }
        let bundle = Certificate.bundle(from: scan)
        // The first CERTIFICATE block is the leaf; Go parses it and fails when it cannot.
        if let problem = bundle.problems.first(where: { $0.index == 1 }) {
            findings.append(Finding(
                .pemInvalid, "the first certificate of \(source.name) (line \(problem.line ?? 1)) cannot be used: \(problem.reason)",
                at: at))
            return nil
        }
        for problem in bundle.problems {
            let what = problem.index == nil ? "Go skips it" : "Go sends it and clients will fail to parse it"
            findings.append(Finding(
                .pemInvalid, "\(position(problem.index, problem.line, in: source)): \(problem.reason); \(what)",
                at: at, severity: .warning))
        }
        return bundle
    }

    /// The key input: the first block whose label ends in PRIVATE KEY, parsed as Go does.
    private func loadKey(
        _ bytes: [UInt8], _ scan: PEMScan, _ source: MaterialSource, _ role: CertificateRole, swapped: Bool,
        into findings: inout [Finding]
    ) -> PrivateKey? {
        let at = source.location
        let noun = role.keyNoun
        guard let block = scan.blocks.first(where: \.isPrivateKey) else {
            let skipped = scan.blocks.map(\.label)
            let go = "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [\(skipped.joined(separator: " "))]"
            if skipped.isEmpty {
                findings.append(noPEMFinding(bytes, scan, source, noun: noun,
                    go: "tls: failed to find any PEM data in key input", derLabel: "key"))
            } else if skipped.allSatisfy({ $0 == "CERTIFICATE" }) {
                findings.append(Finding(
                    .keyCertSwapped,
                    "\(noun) \(source.name) holds a certificate, not a private key (Go: \(skipped.count == 1 ? "tls: found a certificate rather than a key in the PEM for the private key" : go))",
                    at: at,
                    hint: swapped ? "swap the two paths: the certificate file and the key file are the wrong way round"
                        : "name the private key file here (the file with -----BEGIN ... PRIVATE KEY-----)"))
            } else {
                findings.append(Finding(
                    .pemNoData, "\(noun) \(source.name) holds no private key, only \(labels(scan.blocks)) (Go: \(go))",
                    at: at, hint: "name the private key file here (the file with -----BEGIN ... PRIVATE KEY-----)"))
            }
            return nil
        }
        let line = source.isFile ? " (line \(block.line))" : ""
        if block.isEncrypted {
            let format = PrivateKey.Format(label: block.label, headers: block.headers)?.rawValue ?? "encrypted"
            findings.append(Finding(
                .keyEncrypted,
                "\(noun) \(source.name)\(line) is encrypted (\(format)); Go programs cannot read encrypted keys (Go: tls: failed to parse private key)",
                at: at,
                hint: source.isFile ? "decrypt it: openssl pkey -in \(source.name) -out \(source.name).plain, then chmod 600 and use that file" : nil))
            return nil
        }
        let key: PrivateKey
        do {
            key = try PrivateKey(der: block.bytes)
        } catch {
            findings.append(Finding(
                .pemInvalid,
                "\(noun) \(source.name)\(line): the \(block.label) block is not a PKCS#1, PKCS#8 or SEC1 key (\(error)) (Go: tls: failed to parse private key)",
                at: at))
            return nil
        }
        if !key.algorithm.isSupportedByGo {
            findings.append(Finding(
                .keyUnsupported,
                "\(noun) \(source.name) is a \(key.info) key, which Go's TLS cannot use (Go: tls: failed to parse private key)",
                at: at))
            return nil
        }
        return key
    }

    /// Go's last step: the leaf's public key against the private key.
    private func match(
        _ key: PrivateKey, to leaf: Certificate, chain: Certificate.Bundle, _ certificateSource: MaterialSource,
        _ keySource: MaterialSource, _ role: CertificateRole
    ) -> [Finding] {
        let at = certificateSource.location
        let leafKey = leaf.publicKey
        if !leafKey.algorithm.isSupportedByGo {
            let go = if case .ec = leafKey.algorithm { "x509: unsupported elliptic curve" } else {
                "tls: unknown public key algorithm"
            }
            return [Finding(
                .keyUnsupported,
                "\(role.certificateNoun) \(certificateSource.name) has a \(leafKey) key, which Go's TLS cannot use (Go: \(go))",
                at: at)]
        }
        if key.matches(leaf) { return [] }
        // A later certificate of the file that this key belongs to: the leaf is not first.
        let owner = chain.entries.dropFirst().first { key.matches($0.certificate) }
        let ownerHint = owner.map {
            "certificate \($0.index) of \(certificateSource.name)\($0.line.map { " (line \($0))" } ?? "") belongs to this key: move it to the top, the leaf must come first"
        }
        if leafKey.algorithm.family != key.algorithm.family {
            return [Finding(
                .keyTypeMismatch,
                "\(role.keyNoun) \(keySource.name) is \(key.info), but the \(role.certificateNoun) \(certificateSource.name) holds a \(leafKey) key (Go: tls: private key type does not match public key type)",
                at: keySource.location, hint: ownerHint)]
        }
        return [Finding(
            .keyMismatch,
            "\(role.keyNoun) \(keySource.name) does not belong to the \(role.certificateNoun) \(certificateSource.name) (Go: tls: private key does not match public key)",
            at: keySource.location, hint: ownerHint)]
    }

    private func noPEMFinding(
        _ bytes: [UInt8], _ scan: PEMScan, _ source: MaterialSource, noun: String, go: String, derLabel: String
    ) -> Finding {
        let at = source.location
        if let broken = scan.malformed.first {
            let line = source.isFile ? " at line \(broken.line)" : ""
            return Finding(
                .pemInvalid, "\(noun) \(source.name): the PEM block\(line) is broken, \(broken.reason) (Go: \(go))",
                at: at)
        }
        if isBlank(bytes) {
            return Finding(.pemNoData, "\(noun) \(source.name) is empty (Go: \(go))", at: at,
                           hint: "put the PEM \(derLabel) in it")
        }
        let isDER = derLabel == "certificate" ? (try? Certificate(der: bytes)) != nil : (try? PrivateKey(der: bytes)) != nil
        if isDER && source.isFile {
            let command = derLabel == "certificate" ? "openssl x509 -inform der" : "openssl pkey -inform der"
            return Finding(
                .pemNoData, "\(noun) \(source.name) is DER, and Go reads only PEM (Go: \(go))", at: at,
                hint: "convert it: \(command) -in \(source.name) -out \(source.name).pem")
        }
        return Finding(.pemNoData, "\(noun) \(source.name) holds no PEM data (Go: \(go))", at: at)
    }

    // MARK: Facts Go does not check at load

    private func chainFacts(
        _ chain: Certificate.Bundle, _ source: MaterialSource, _ role: CertificateRole, knownIssuers: [Certificate]
    ) -> [Finding] {
        let at = source.location
        let entries = chain.entries
        guard let leafEntry = entries.first else { return [] }
        let leaf = leafEntry.certificate
        let leafLabel = describe(leafEntry, count: entries.count, noun: role.certificateNoun, in: source)
        var findings = leafFacts(leaf, leafLabel, at, role: role)

        for entry in entries.dropFirst() {
            let label = describe(entry, count: entries.count, noun: "certificate", in: source)
            findings += validityFacts(entry.certificate, label, at, expiredSeverity: .error,
                                      expiredHint: "renew it, or replace it with the current intermediate")
            if entry.certificate.signatureAlgorithm.isWeak && !entry.certificate.isSelfSigned {
                findings.append(weakSignatureFinding(entry.certificate, label, at))
            }
            if let usage = role.requiredUsage, !entry.certificate.allows(usage) {
                findings.append(Finding(
                    .certUnfitUsage,
                    "\(label) lists extended key usages \(ekuText(entry.certificate)) without \(usage): Go rejects the \(role.certificateNoun) it issued (EKUs nest: x509: certificate specifies an incompatible key usage)",
                    at: at, hint: "give the CA no extendedKeyUsage, or both serverAuth and clientAuth"))
            }
        }
        findings += orderFacts(entries, source)
        findings += rootFacts(entries, source)
        if entries.count == 1, !leaf.isSelfIssued, role != .ca {
            findings += incompleteChainFacts(leaf, leafLabel, at, knownIssuers: knownIssuers + siblingIssuers(of: source))
        }
        return findings
    }

    /// Everything about the certificate a server or client presents.
    func leafFacts(_ leaf: Certificate, _ label: String, _ at: Location, role: CertificateRole) -> [Finding] {
        var findings = validityFacts(leaf, label, at, expiredSeverity: .error, expiredHint: nil)
        let selfSigned = leaf.isSelfSigned
        if role == .server && leaf.subjectAlternativeNames.isEmpty {
            let cn = leaf.commonName.map { " (the CN \"\($0)\" is ignored)" } ?? ""
            findings.append(Finding(
                .certNoSAN,
                "\(label) has no subjectAltName\(cn): Go clients fail with \"x509: certificate relies on legacy Common Name field, use SANs instead\"",
                at: at))
        }
        if let usage = role.requiredUsage, !leaf.allows(usage) {
            findings.append(Finding(
                .certUnfitUsage,
                "\(label) has extended key usage \(ekuText(leaf)) without \(usage): it cannot act as a \(role.rawValue) (Go: x509: certificate specifies an incompatible key usage)",
                at: at))
        }
        if role != .ca, let usage = leaf.keyUsage, !usage.contains(.digitalSignature) {
            findings.append(Finding(
                .certUnfitUsage,
                "\(label) has keyUsage \(usage) without digitalSignature, which TLS 1.3 and ECDHE need to sign the handshake; Go does not check it, stricter clients refuse it",
                at: at))
        }
        if let weak = weakKeyFinding(leaf, label, at) { findings.append(weak) }
        if leaf.signatureAlgorithm.isWeak && !selfSigned {
            findings.append(weakSignatureFinding(leaf, label, at))
        }
        if role != .ca && leaf.isCA {
            findings.append(Finding(
                .certCAAsLeaf, "\(label) is a CA certificate (basicConstraints CA:TRUE) used as a \(role.rawValue) certificate",
                at: at, severity: selfSigned ? .info : .warning))
        }
        if selfSigned {
            // A root CA is self-signed by nature; for a server or client it means pinning.
            if role != .ca {
                findings.append(Finding(
                    .certSelfSigned,
                    "\(label) is self-signed: every \(role == .client ? "server" : "client") must trust this exact certificate",
                    at: at,
                    hint: role == .client
                        ? "give servers this certificate as their client CA, or issue it from a private CA"
                        : "give clients this certificate as their CA, or issue it from a private CA"))
            }
        } else if leaf.isSelfIssued {
            findings.append(Finding(
                .certSelfIssued,
                "\(label) has the same subject and issuer (\(leaf.subject)) but another key signed it: Go accepts it, OpenSSL clients (curl, nginx) call it self-signed and refuse it",
                at: at))
        }
        return findings
    }

    /// Expired, not yet valid, expiring soon.
    func validityFacts(
        _ certificate: Certificate, _ label: String, _ at: Location, expiredSeverity: Severity, expiredHint: String?
    ) -> [Finding] {
        validityFacts(
            notBefore: certificate.notBefore, notAfter: certificate.notAfter, label, at, expiredSeverity: expiredSeverity,
            expiredHint: expiredHint)
    }

    /// The same for dates known without the certificate (a chain a server sent, read by the probe).
    func validityFacts(
        notBefore: Date, notAfter: Date, _ label: String, _ at: Location, expiredSeverity: Severity, expiredHint: String?
    ) -> [Finding] {
        let status = expiry.status(notBefore: notBefore, notAfter: notAfter, now: now)
        switch status {
        case .expired:
            return [Finding(
                .certExpired,
                "\(label) expired on \(Dates.text(notAfter)) (\(Dates.relative(notAfter, to: now))); clients reject it: x509: certificate has expired or is not yet valid",
                at: at, hint: expiredHint, severity: expiredSeverity)]
        case .notYetValid:
            return [Finding(
                .certNotYetValid,
                "\(label) is valid only from \(Dates.text(notBefore)) (\(Dates.relative(notBefore, to: now))); until then clients reject it",
                at: at)]
        case .critical, .warning, .notice:
            return [Finding(
                .certExpiring, "\(label) expires on \(Dates.text(notAfter)) (\(Dates.relative(notAfter, to: now)))",
                at: at, severity: status == .critical ? .error : status == .warning ? .warning : .info)]
        case .ok:
            return []
        }
    }

    /// A certificate in a CA bundle: is it a CA, and may it vouch for `purpose`?
    private func anchorFacts(_ ca: Certificate, _ label: String, _ at: Location, purpose: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        if ca.version < 3 {
            findings.append(Finding(
                .caNotCA,
                "\(label) is an X.509 v\(ca.version) certificate without extensions: Go and OpenSSL accept it as a root, RFC 5280 and `openssl verify -x509_strict` want a v3 CA",
                at: at, hint: "reissue the CA as v3 with basicConstraints CA:TRUE (`tlscheck gen-ca`)"))
        } else if !ca.isCA {
            findings.append(Finding(
                .caNotCA,
                "\(label) is not a CA (\(ca.basicConstraints == nil ? "no basicConstraints" : "CA:FALSE")): it verifies only itself, pinning that one certificate",
                at: at))
        } else if let usage = ca.keyUsage, !usage.contains(.keyCertSign) {
            findings.append(Finding(
                .caNotCA,
                "\(label) is a CA whose keyUsage (\(usage)) lacks keyCertSign: Go does not accept the certificates it signed",
                at: at, hint: "reissue the CA with keyUsage keyCertSign, cRLSign", severity: .warning))
        }
        if let usage = purpose.requiredUsage, !ca.allows(usage) {
            findings.append(Finding(
                .certUnfitUsage,
                "\(label) lists extended key usages \(ekuText(ca)) without \(usage): EKUs nest in Go, so every \(purpose.rawValue) certificate it issued is rejected (x509: certificate specifies an incompatible key usage)",
                at: at, hint: "give the CA no extendedKeyUsage, or both serverAuth and clientAuth"))
        }
        return findings
    }

    /// Each certificate of a chain file should be issued by the next one.
    private func orderFacts(_ entries: [Certificate.Entry], _ source: MaterialSource) -> [Finding] {
        for (i, entry) in entries.enumerated().dropLast() {
            let next = entries[i + 1]
            if entry.certificate.isIssued(by: next.certificate) { continue }
            let issuer = entries.first { $0.index != entry.index && entry.certificate.isIssued(by: $0.certificate) }
            let message = if next.certificate.isIssued(by: entry.certificate) {
                "\(position(next.index, next.line, in: source)) is issued by the certificate before it: the chain is in reverse order (the leaf must come first, then its issuer)"
            } else if let issuer {
                "\(position(entry.index, entry.line, in: source)) is issued by certificate \(issuer.index), not by the certificate after it: the chain is out of order"
            } else {
                "\(position(next.index, next.line, in: source)) did not issue the certificate before it: it does not belong to this chain"
            }
            return [Finding(.chainOrder, message, at: source.location)]
        }
        return []
    }

    /// A self-signed root at the end of a chain file: clients must already trust it, so sending it
    /// only costs bytes (and a root that clients do not trust is not made trusted by sending it).
    private func rootFacts(_ entries: [Certificate.Entry], _ source: MaterialSource) -> [Finding] {
        guard entries.count > 1, let last = entries.last, last.certificate.isCA, last.certificate.isSelfSigned,
            entries[entries.count - 2].certificate.isIssued(by: last.certificate)
        else { return [] }
        return [Finding(
            .chainRootIncluded,
            "\(position(last.index, last.line, in: source)) is the self-signed root CA (\(last.certificate.subject)): clients must already trust it, so sending it with the chain is needless",
            at: source.location)]
    }

    /// A lone leaf whose issuer nobody has shown us.
    private func incompleteChainFacts(
        _ leaf: Certificate, _ label: String, _ at: Location, knownIssuers: [Certificate]
    ) -> [Finding] {
        if let issuer = knownIssuers.first(where: { leaf.isIssued(by: $0) }) {
            if issuer.isSelfIssued { return [] }
            return [Finding(
                .chainIncomplete,
                "\(label) is issued by the intermediate CA \(issuer.subject), which is not in the file: clients that trust only the root cannot build the chain",
                at: at, hint: "append the intermediate certificate after the leaf")]
        }
        return [Finding(
            .chainIncomplete,
            "\(label) is alone in its file and its issuer (\(leaf.issuer)) is not in it: if that is an intermediate CA, clients that trust only the root cannot build the chain",
            at: at, hint: "append the intermediate CA certificate(s) after the leaf; nothing is missing if the issuer is a root the clients trust")]
    }

    /// CA certificates in the files beside a certificate file (`ca.crt` next to `server.crt`), so a
    /// leaf issued straight by a root that sits beside it is not reported as incomplete. Bounded:
    /// only certificate-looking names, at most 64 of them.
    private func siblingIssuers(of source: MaterialSource) -> [Certificate] {
        guard case .file(let path, _) = source else { return [] }
        let folder = FileInput.folder(of: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let candidates = names.filter { name in
            [".crt", ".pem", ".cer", ".ca"].contains { name.lowercased().hasSuffix($0) }
        }.sorted().prefix(64)
        var issuers: [Certificate] = []
        for name in candidates {
            let sibling = FileInput.resolve(name, relativeTo: folder)
            guard sibling != path, case .success(let bytes) = FileInput.read(sibling, limit: 1 << 20) else { continue }
            issuers += Certificate.bundle(from: bytes).certificates.filter { $0.basicConstraints?.isCA == true }
        }
        return issuers
    }

    private func weakKeyFinding(_ certificate: Certificate, _ label: String, _ at: Location) -> Finding? {
        let key = certificate.publicKey
        guard key.algorithm == .rsa else { return nil }
        if key.bits < 1024 {
            return Finding(
                .certWeakKey, "\(label) has an RSA key of \(key.bits) bits: Go 1.24 and later refuse RSA keys below 1024 bits",
                at: at, severity: .error)
        }
        if key.bits < 2048 {
            return Finding(.certWeakKey, "\(label) has an RSA key of \(key.bits) bits; 2048 is the minimum clients expect", at: at)
        }
        if key.bits > 8192 {
            return Finding(.certWeakKey, "\(label) has an RSA key of \(key.bits) bits: Go's TLS refuses keys above 8192 bits", at: at)
        }
        return nil
    }

    private func weakSignatureFinding(_ certificate: Certificate, _ label: String, _ at: Location) -> Finding {
        Finding(
            .certWeakSignature,
            "\(label) is signed with \(certificate.signatureAlgorithm): Go and current OpenSSL reject \(certificate.signatureAlgorithm.digest ?? "weak") signatures",
            at: at)
    }

    // MARK: Wording

    /// `server certificate server.crt (CN=localhost)` or `certificate 2 of chain.pem (line 21, CN=Sub CA)`.
    func describe(_ entry: Certificate.Entry, count: Int, noun: String, in source: MaterialSource) -> String {
        let name = entry.certificate.commonName.map { "CN=\($0)" } ?? entry.certificate.subject
        let nameText = name.isEmpty ? "empty subject" : name
        if count == 1 { return "\(noun) \(source.name) (\(nameText))" }
        let line = source.isFile ? entry.line.map { "line \($0), " } ?? "" : ""
        return "certificate \(entry.index) of \(source.name) (\(line)\(nameText))"
    }

    private func position(_ index: Int?, _ line: Int?, in source: MaterialSource) -> String {
        let where_ = source.isFile ? line.map { " (line \($0))" } ?? "" : ""
        if let index { return "certificate \(index) of \(source.name)\(where_)" }
        return "a PEM block of \(source.name)\(where_)"
    }

    private func ekuText(_ certificate: Certificate) -> String {
        (certificate.extendedKeyUsage ?? []).map(\.description).joined(separator: ", ")
    }

    private func labels(_ blocks: [PEMBlock]) -> String {
        var seen: [String] = []
        for block in blocks where !seen.contains(block.label) { seen.append(block.label) }
        return seen.map { "\($0) blocks" }.joined(separator: " and ")
    }

    private func holdsOnlyKeys(_ scan: PEMScan) -> Bool {
        !scan.blocks.isEmpty && scan.blocks.allSatisfy(\.isPrivateKey)
    }

    private func holdsOnlyCertificates(_ scan: PEMScan) -> Bool {
        !scan.blocks.isEmpty && scan.blocks.allSatisfy { $0.label == "CERTIFICATE" }
    }

    private func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
