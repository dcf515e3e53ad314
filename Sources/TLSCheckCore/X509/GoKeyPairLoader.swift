/// Go's `tls.X509KeyPair` and `x509.CertPool.AppendCertsFromPEM`, step by step, over bytes already
/// read: what a Go program loads from them, and where Go fails, a finding that quotes Go's own
/// message. Pure functions of their inputs (no I/O, no clock), so fuzzing can drive them directly.
///
/// Facts Go does not check when it loads (expiry, SANs, usages, chain order) are `CertificateFacts`.
public enum GoKeyPairLoader {
    typealias Words = MaterialWording

    /// What `tls.X509KeyPair` makes of a certificate input and a key input.
    public struct KeyPair: Sendable {
        /// The leaf first, then the chain Go sends, in file order; nil when Go fails on the input.
        public var chain: Certificate.Bundle?
        public var key: PrivateKey?
        public var findings: [Finding] = []
    }

    /// A certificate input and a key input, either of which may be missing (unreadable): each is
    /// loaded, then the key is matched with the leaf. Two inputs that hold each other's kind are
    /// reported as swapped.
    public static func keyPair(
        certificate: [UInt8]?, from certificateSource: MaterialSource, key: [UInt8]?, from keySource: MaterialSource,
        role: CertificateRole
    ) -> KeyPair {
        let certificateScan = certificate.map { PEM.scan($0) }
        let keyScan = key.map { PEM.scan($0) }
        let swapped = certificateScan.map(holdsOnlyKeys) == true && keyScan.map(holdsOnlyCertificates) == true
        var pair = KeyPair()
        if let certificate, let certificateScan {
            pair.chain = chain(certificate, certificateScan, from: certificateSource, role: role, swapped: swapped,
                               into: &pair.findings)
        }
        if let key, let keyScan {
            pair.key = privateKey(key, keyScan, from: keySource, role: role, swapped: swapped, into: &pair.findings)
        }
        if let chain = pair.chain, let key = pair.key {
            pair.findings += match(key, chain: chain, certificate: certificateSource, key: keySource, role: role)
        }
        return pair
    }

    /// A certificate input on its own: all CERTIFICATE blocks, the first one parsed as the leaf.
    public static func chain(_ bytes: [UInt8], from source: MaterialSource, role: CertificateRole) -> (Certificate.Bundle?, [Finding]) {
        var findings: [Finding] = []
        let chain = chain(bytes, PEM.scan(bytes), from: source, role: role, swapped: false, into: &findings)
        return (chain, findings)
    }

    /// A key input on its own: the first block whose label ends in PRIVATE KEY, parsed as Go does.
    public static func privateKey(_ bytes: [UInt8], from source: MaterialSource, role: CertificateRole) -> (PrivateKey?, [Finding]) {
        var findings: [Finding] = []
        let key = privateKey(bytes, PEM.scan(bytes), from: source, role: role, swapped: false, into: &findings)
        return (key, findings)
    }

    /// What `AppendCertsFromPEM` takes from a CA bundle: CERTIFICATE blocks without headers that
    /// `x509.ParseCertificate` accepts. `usable` empty means Go trusts nothing from this file.
    public struct CABundle: Sendable {
        public var bundle: Certificate.Bundle
        public var usable: [Certificate.Entry]
        public var findings: [Finding] = []
    }

    public static func caBundle(_ bytes: [UInt8], from source: MaterialSource, purpose: CertificateRole) -> CABundle {
        let noun = purpose.bundleNoun
        let at = source.location
        let scan = PEM.scan(bytes)
        let bundle = Certificate.bundle(from: scan)
        let refused = Set(bundle.problems.filter { $0.refusedByGo != nil }.compactMap(\.index))
        var result = CABundle(bundle: bundle, usable: bundle.entries.filter { !refused.contains($0.index) })
        if result.usable.isEmpty {
            var detail = ""
            var hint = Check.caNoCertificate.defaultHint
            if scan.blocks.isEmpty && !bytes.isEmpty && (try? Certificate(der: bytes)) != nil {
                detail = Words.caIsDER
                hint = Words.caDERHint(source)
            } else if let problem = bundle.problems.first {
                detail = Words.caDetail(problem)
            } else if !scan.blocks.isEmpty {
                detail = Words.caDetail(holding: scan)
            } else if Bytes.isBlank(bytes) {
                detail = Words.caIsEmpty
            }
            result.findings.append(Finding(.caNoCertificate, Words.caUnusable(noun, source, detail: detail), at: at, hint: hint))
            return result
        }
        for problem in bundle.problems {
            result.findings.append(Finding(.pemInvalid, Words.caProblem(problem, in: source), at: at, severity: .warning))
        }
        return result
    }

    /// Go's last step: the leaf's public key against the private key (`key-mismatch`,
    /// `key-type-mismatch`, `key-unsupported`); no finding when the key is the leaf's.
    public static func match(
        _ key: PrivateKey, chain: Certificate.Bundle, certificate certificateSource: MaterialSource,
        key keySource: MaterialSource, role: CertificateRole
    ) -> [Finding] {
        guard let leaf = chain.entries.first?.certificate else { return [] }
        let leafKey = leaf.publicKey
        if !leafKey.algorithm.isSupportedByGo {
            return [Finding(.keyUnsupported, Words.leafKeyUnsupported(role, certificateSource, leafKey), at: certificateSource.location)]
        }
        if key.matches(leaf) { return [] }
        // A later certificate of the file that this key belongs to: the leaf is not first.
        let owner = chain.entries.dropFirst().first { key.matches($0.certificate) }
        let ownerHint = owner.map { Words.keyOwnerHint($0, in: certificateSource) }
        if leafKey.algorithm.family != key.algorithm.family {
            return [Finding(
                .keyTypeMismatch, Words.keyTypeMismatch(role, key: key, keySource, leaf: leafKey, certificateSource),
                at: keySource.location, hint: ownerHint)]
        }
        return [Finding(.keyMismatch, Words.keyMismatch(role, keySource, certificateSource), at: keySource.location, hint: ownerHint)]
    }

    // MARK: Steps

    private static func chain(
        _ bytes: [UInt8], _ scan: PEMScan, from source: MaterialSource, role: CertificateRole, swapped: Bool,
        into findings: inout [Finding]
    ) -> Certificate.Bundle? {
        let at = source.location
        let noun = role.certificateNoun
        let skipped = scan.blocks.filter { $0.label != "CERTIFICATE" }.map(\.label)
        if scan.blocks.count == skipped.count {
            if skipped.isEmpty {
                findings.append(noPEM(bytes, scan, source, noun: noun, go: Words.Go.noCertificateData, certificate: true))
            } else if skipped.count == 1 && skipped[0].hasSuffix("PRIVATE KEY") {
                findings.append(Finding(
                    .keyCertSwapped, Words.keyInsteadOfCertificate(noun, source), at: at,
                    hint: swapped ? Words.swapPaths : Words.nameCertificateFile))
            } else {
                findings.append(Finding(
                    .pemNoData, Words.noCertificateBlock(noun, source, scan, skipped: skipped), at: at,
                    hint: Words.nameCertificateFile))
            }
            return nil
        }
        let bundle = Certificate.bundle(from: scan)
        // The first CERTIFICATE block is the leaf; Go parses it and fails when it cannot.
        if let problem = bundle.problems.first(where: { $0.index == 1 }) {
            findings.append(Finding(.pemInvalid, Words.leafUnusable(source, line: problem.line, problem.reason), at: at))
            return nil
        }
        for problem in bundle.problems {
            findings.append(Finding(.pemInvalid, Words.chainProblem(problem, in: source), at: at, severity: .warning))
        }
        return bundle
    }

    private static func privateKey(
        _ bytes: [UInt8], _ scan: PEMScan, from source: MaterialSource, role: CertificateRole, swapped: Bool,
        into findings: inout [Finding]
    ) -> PrivateKey? {
        let at = source.location
        let noun = role.keyNoun
        guard let block = scan.blocks.first(where: \.isPrivateKey) else {
            let skipped = scan.blocks.map(\.label)
            if skipped.isEmpty {
                findings.append(noPEM(bytes, scan, source, noun: noun, go: Words.Go.noKeyData, certificate: false))
            } else if skipped.allSatisfy({ $0 == "CERTIFICATE" }) {
                findings.append(Finding(
                    .keyCertSwapped, Words.certificateInsteadOfKey(noun, source, skipped: skipped), at: at,
                    hint: swapped ? Words.swapPaths : Words.nameKeyFile))
            } else {
                findings.append(Finding(.pemNoData, Words.noKeyBlock(noun, source, scan), at: at, hint: Words.nameKeyFile))
            }
            return nil
        }
        let line = source.isFile ? " (line \(block.line))" : ""
        if block.isEncrypted {
            let format = PrivateKey.Format(label: block.label, headers: block.headers)?.rawValue ?? "encrypted"
            findings.append(Finding(
                .keyEncrypted, Words.keyEncrypted(noun, source, line: line, format: format), at: at,
                hint: Words.decryptHint(source)))
            return nil
        }
        let key: PrivateKey
        do {
            key = try PrivateKey(der: block.bytes)
        } catch {
            findings.append(Finding(.pemInvalid, Words.keyUnparsable(noun, source, line: line, label: block.label, error), at: at))
            return nil
        }
        if !key.algorithm.isSupportedByGo {
            findings.append(Finding(.keyUnsupported, Words.keyUnsupported(noun, source, key.info), at: at))
            return nil
        }
        return key
    }

    /// An input without any PEM block: broken, empty, DER, or something else.
    private static func noPEM(
        _ bytes: [UInt8], _ scan: PEMScan, _ source: MaterialSource, noun: String, go: String, certificate: Bool
    ) -> Finding {
        let at = source.location
        if let broken = scan.malformed.first {
            return Finding(.pemInvalid, Words.brokenBlock(noun, source, broken, go: go), at: at)
        }
        if Bytes.isBlank(bytes) {
            return Finding(.pemNoData, Words.empty(noun, source, go: go), at: at,
                           hint: Words.fillHint(certificate: certificate))
        }
        let isDER = certificate ? (try? Certificate(der: bytes)) != nil : (try? PrivateKey(der: bytes)) != nil
        if isDER && source.isFile {
            let command = certificate ? "openssl x509 -inform der" : "openssl pkey -inform der"
            return Finding(.pemNoData, Words.isDER(noun, source, go: go), at: at, hint: Words.convertHint(command, source))
        }
        // Base64 of a PEM block: a Secret value encoded twice (kubernetes.md §9 #25).
        if bytes.count < 1 << 20, let decoded = Base64.decode(bytes), Bytes.contains(Array(decoded.prefix(256)), "-----BEGIN") {
            return Finding(.pemNoData, Words.doubleEncoded(noun, source, go: go), at: at, hint: Words.encodeOnceHint)
        }
        return Finding(.pemNoData, Words.noPEMData(noun, source, go: go), at: at)
    }

    private static func holdsOnlyKeys(_ scan: PEMScan) -> Bool {
        !scan.blocks.isEmpty && scan.blocks.allSatisfy(\.isPrivateKey)
    }

    private static func holdsOnlyCertificates(_ scan: PEMScan) -> Bool {
        !scan.blocks.isEmpty && scan.blocks.allSatisfy { $0.label == "CERTIFICATE" }
    }
}
