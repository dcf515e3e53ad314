/// The one entry to certificate, key and CA file checks, used by `validate` (web-config and OTLP),
/// `inspect` and `expiry`: it reads the material a configuration names (the only I/O here), loads it
/// as Go does (`GoKeyPairLoader`, Go's own messages) and adds the facts Go does not check at load
/// time (`CertificateFacts`, warnings and notes).
public struct MaterialChecker: Sendable {
    public var context: CheckContext
    public var expiry: ExpiryThresholds

    public init(context: CheckContext, expiry: ExpiryThresholds = .standard) {
        self.context = context
        self.expiry = expiry
    }

    var now: Date { context.now }
    var facts: CertificateFacts { CertificateFacts(now: context.now, thresholds: expiry) }

    // MARK: Material a configuration names

    /// A certificate file (leaf first, then its chain) and its private key, loaded as Go's
    /// `tls.X509KeyPair` loads them, then the facts of the leaf and the chain.
    ///
    /// `issuers` are certificates clients are known to trust (the CA file of the same configuration,
    /// CA certificates beside the file): a leaf issued by one of them is not reported as missing its chain.
    public func checkKeyPair(
        certificate certificateSource: MaterialSource, key keySource: MaterialSource, role: CertificateRole,
        issuers: KnownIssuers
    ) -> [Finding] {
        var findings: [Finding] = []
        let certificateBytes = read(certificateSource, role.certificateNoun, into: &findings)
        let keyBytes = read(keySource, role.keyNoun, into: &findings)
        let pair = GoKeyPairLoader.keyPair(
            certificate: certificateBytes, from: certificateSource, key: keyBytes, from: keySource, role: role)
        findings += pair.findings
        if let chain = pair.chain {
            findings += facts.chain(chain, certificateSource, role: role, issuers: issuers)
        }
        return findings
    }

    /// A certificate file without its key (leaf first, then its chain): loading and facts.
    public func checkCertificateChain(
        _ source: MaterialSource, role: CertificateRole, issuers: KnownIssuers
    ) -> [Finding] {
        var findings: [Finding] = []
        guard let bytes = read(source, role.certificateNoun, into: &findings) else { return findings }
        let (chain, loading) = GoKeyPairLoader.chain(bytes, from: source, role: role)
        findings += loading
        if let chain { findings += facts.chain(chain, source, role: role, issuers: issuers) }
        return findings
    }

    /// A private key file on its own: readable, unencrypted, of a type Go can use.
    public func checkPrivateKey(_ source: MaterialSource, role: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        guard let bytes = read(source, role.keyNoun, into: &findings) else { return findings }
        return findings + GoKeyPairLoader.privateKey(bytes, from: source, role: role).1
    }

    /// A CA bundle (trust anchors) that verifies certificates of `purpose`: `.client` for a server's
    /// `client_ca_file`, `.server` for a client's `ca_file`.
    public func checkCABundle(_ source: MaterialSource, purpose: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        guard let bytes = read(source, purpose.bundleNoun, into: &findings) else { return findings }
        let loaded = GoKeyPairLoader.caBundle(bytes, from: source, purpose: purpose)
        findings += loaded.findings
        if loaded.usable.isEmpty { return findings }
        return findings + facts.caBundle(loaded.usable, count: loaded.bundle.entries.count, source, purpose: purpose)
    }

    /// The certificates of a source, for `KnownIssuers`; empty when it cannot be read.
    public static func certificates(in source: MaterialSource, files: FileReader = .disk) -> [Certificate] {
        guard let bytes = source.bytes(files: files) else { return [] }
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
    public static func leafKeyKind(_ source: MaterialSource, files: FileReader = .disk) -> SuiteKeyKind? {
        guard let leaf = certificates(in: source, files: files).first else { return nil }
        switch leaf.publicKey.algorithm {
        case .ec, .ed25519: return .ecdsa
        case .rsa: return .rsa
        default: return nil
        }
    }

    // MARK: Material already loaded (inspect)

    /// The facts of a chain read elsewhere (PKCS#12, a Kubernetes Secret, a folder scan): the same
    /// checks as a certificate file named in a configuration. `source` names it in messages.
    public func checkLoadedChain(
        _ chain: Certificate.Bundle, _ source: MaterialSource, role: CertificateRole, issuers: KnownIssuers
    ) -> [Finding] {
        facts.chain(chain, source, role: role, issuers: issuers)
    }

    /// Whether `key` is the private half of the chain's leaf (`key-mismatch`, `key-type-mismatch`);
    /// no finding when it is.
    public func checkKeyMatch(
        _ key: PrivateKey, chain: Certificate.Bundle, certificate certificateSource: MaterialSource,
        key keySource: MaterialSource, role: CertificateRole
    ) -> [Finding] {
        GoKeyPairLoader.match(key, chain: chain, certificate: certificateSource, key: keySource, role: role)
    }

    // MARK: Reading

    private func read(_ source: MaterialSource, _ noun: String, into findings: inout [Finding]) -> [UInt8]? {
        guard case .file(let path, let at) = source else { return source.bytes() }
        guard context.checkFiles else { return nil }
        switch context.files.read(path) {
        case .success(let bytes):
            return bytes
        case .failure(let failure):
            guard let check = failure.check else { return nil }  // said elsewhere (a Secret not in the input)
            findings.append(Finding(check, MaterialWording.cannotRead(noun, path, failure.reason), at: at, hint: failure.hint,
                                    severity: failure.severity))
            return nil
        }
    }
}
