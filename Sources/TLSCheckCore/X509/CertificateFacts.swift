/// What is true of certificates that Go does not check when it loads them: validity, SANs, usages,
/// weak keys and signatures, CA-ness, chain order, an included root, an incomplete chain. Such
/// facts break connections later, so they are warnings or notes (an expired certificate is an error).
///
/// Pure functions of the certificates, a label, a location and the time: no I/O. The issuers a lone
/// leaf may chain to are gathered by the caller (`KnownIssuers`) and passed in.
public struct CertificateFacts: Sendable {
    public var now: Date
    public var thresholds: ExpiryThresholds

    public init(now: Date, thresholds: ExpiryThresholds = .standard) {
        self.now = now
        self.thresholds = thresholds
    }

    typealias Words = MaterialWording

    // MARK: Chains

    /// Every fact of a chain (leaf first) that a server or client presents. `issuers` are asked for
    /// only when the leaf is alone in its file.
    public func chain(
        _ chain: Certificate.Bundle, _ source: MaterialSource, role: CertificateRole, issuers: KnownIssuers
    ) -> [Finding] {
        let at = source.location
        let entries = chain.entries
        guard let leafEntry = entries.first else { return [] }
        let leaf = leafEntry.certificate
        let leafLabel = Words.describe(leafEntry, count: entries.count, noun: role.certificateNoun, in: source)
        var findings = self.leaf(leaf, leafLabel, at: at, role: role)
        for entry in entries.dropFirst() {
            let label = Words.describe(entry, count: entries.count, noun: "certificate", in: source)
            findings += validity(entry.certificate, label, at: at, expiredSeverity: .error,
                                 expiredHint: "renew it, or replace it with the current intermediate")
            if entry.certificate.signatureAlgorithm.isWeak && !entry.certificate.isSelfSigned {
                findings.append(weakSignature(entry.certificate, label, at: at))
            }
            if let usage = role.requiredUsage, !entry.certificate.allows(usage) {
                findings.append(Finding(
                    .certUnfitUsage, Words.issuerUnfit(label, entry.certificate, usage, role: role), at: at,
                    hint: Words.nestedUsageHint))
            }
        }
        findings += order(entries, source)
        findings += rootIncluded(entries, source)
        if entries.count == 1, !leaf.isSelfIssued, role != .ca {
            findings += incompleteChain(leaf, leafLabel, at: at, issuers: issuers.certificates())
        }
        return findings
    }

    /// Everything about the certificate a server or client presents.
    public func leaf(_ leaf: Certificate, _ label: String, at: Location, role: CertificateRole) -> [Finding] {
        var findings = validity(leaf, label, at: at, expiredSeverity: .error, expiredHint: nil)
        let selfSigned = leaf.isSelfSigned
        // A SAN extension OpenSSL cannot decode is not a missing one: Go's refusal of it is reported at load.
        if role == .server && leaf.subjectAlternativeNames.isEmpty && !leaf.hasSubjectAlternativeNames {
            findings.append(Finding(.certNoSAN, Words.noSAN(label, commonName: leaf.commonName), at: at))
        }
        if let usage = role.requiredUsage, !leaf.allows(usage) {
            findings.append(Finding(.certUnfitUsage, Words.leafUnfit(label, leaf, usage, role: role), at: at))
        }
        if role != .ca, let usage = leaf.keyUsage, !usage.contains(.digitalSignature) {
            findings.append(Finding(.certUnfitUsage, Words.noDigitalSignature(label, usage), at: at))
        }
        if let weak = weakKey(leaf, label, at: at) { findings.append(weak) }
        if leaf.signatureAlgorithm.isWeak && !selfSigned {
            findings.append(weakSignature(leaf, label, at: at))
        }
        if role != .ca && leaf.isCA {
            findings.append(Finding(.certCAAsLeaf, Words.caAsLeaf(label, role: role), at: at, severity: selfSigned ? .info : .warning))
        }
        if selfSigned {
            // A root CA is self-signed by nature; for a server or client it means pinning.
            if role != .ca {
                findings.append(Finding(
                    .certSelfSigned, Words.selfSigned(label, role: role), at: at, hint: Words.selfSignedHint(role: role)))
            }
        } else if leaf.isSelfIssued {
            findings.append(Finding(.certSelfIssued, Words.selfIssued(label, leaf), at: at))
        }
        return findings
    }

    /// Each certificate of a chain file should be issued by the next one.
    public func order(_ entries: [Certificate.Entry], _ source: MaterialSource) -> [Finding] {
        for (i, entry) in entries.enumerated().dropLast() {
            let next = entries[i + 1]
            if entry.certificate.isIssued(by: next.certificate) { continue }
            let message: String
            if next.certificate.isIssued(by: entry.certificate) {
                message = Words.reverseOrder(next, in: source)
            } else if let issuer = entries.first(where: { $0.index != entry.index && entry.certificate.isIssued(by: $0.certificate) }) {
                message = Words.outOfOrder(entry, issuer: issuer.index, in: source)
            } else {
                message = Words.unrelated(next, in: source)
            }
            return [Finding(.chainOrder, message, at: source.location)]
        }
        return []
    }

    /// A self-signed root at the end of a chain file: clients must already trust it, so sending it
    /// only costs bytes (and a root that clients do not trust is not made trusted by sending it).
    public func rootIncluded(_ entries: [Certificate.Entry], _ source: MaterialSource) -> [Finding] {
        guard entries.count > 1, let last = entries.last, last.certificate.isCA, last.certificate.isSelfSigned,
            entries[entries.count - 2].certificate.isIssued(by: last.certificate)
        else { return [] }
        return [Finding(.chainRootIncluded, Words.rootIncluded(last, in: source), at: source.location)]
    }

    /// A lone leaf whose issuer is not in its file: known to be an intermediate, or unknown.
    public func incompleteChain(_ leaf: Certificate, _ label: String, at: Location, issuers: [Certificate]) -> [Finding] {
        if let issuer = issuers.first(where: { leaf.isIssued(by: $0) }) {
            if issuer.isSelfIssued { return [] }
            return [Finding(.chainIncomplete, Words.intermediateMissing(label, issuer), at: at, hint: Words.appendIntermediateHint)]
        }
        return [Finding(.chainIncomplete, Words.issuerUnknown(label, leaf), at: at, hint: Words.appendIntermediatesHint)]
    }

    // MARK: Certificates

    /// Expired, not yet valid, expiring soon.
    public func validity(
        _ certificate: KeylessCertificate, _ label: String, at: Location, expiredSeverity: Severity, expiredHint: String?
    ) -> [Finding] {
        validity(notBefore: certificate.notBefore, notAfter: certificate.notAfter, label, at: at,
                 expiredSeverity: expiredSeverity, expiredHint: expiredHint)
    }

    /// The same for dates known without the certificate (a chain a server sent, read by the probe).
    public func validity(
        notBefore: Date, notAfter: Date, _ label: String, at: Location, expiredSeverity: Severity, expiredHint: String?
    ) -> [Finding] {
        let status = thresholds.status(notBefore: notBefore, notAfter: notAfter, now: now)
        switch status {
        case .expired:
            return [Finding(.certExpired, Words.expired(label, notAfter, now: now), at: at, hint: expiredHint, severity: expiredSeverity)]
        case .notYetValid:
            return [Finding(.certNotYetValid, Words.notYetValid(label, notBefore, now: now), at: at)]
        case .critical, .warning, .notice:
            return [Finding(
                .certExpiring, Words.expiring(label, notAfter, now: now), at: at,
                severity: status == .critical ? .error : status == .warning ? .warning : .info)]
        case .ok:
            return []
        }
    }

    /// The certificates Go took from a CA bundle: dates (one expired CA among live ones is only a
    /// warning), CA-ness and purpose, key size.
    public func caBundle(_ usable: [Certificate.Entry], count: Int, _ source: MaterialSource, purpose: CertificateRole) -> [Finding] {
        let anyLive = usable.contains { $0.certificate.notAfter > now }
        var findings: [Finding] = []
        for entry in usable {
            let label = Words.describe(entry, count: count, noun: "CA certificate", in: source)
            findings += validity(
                entry.certificate, label, at: source.location, expiredSeverity: anyLive ? .warning : .error,
                expiredHint: anyLive ? "remove it from the bundle, or renew it" : "renew the CA, or put the current CA certificate in this file")
            findings += anchor(entry.certificate, label, at: source.location, purpose: purpose)
            if let weak = weakKey(entry.certificate, label, at: source.location) { findings.append(weak) }
        }
        return findings
    }

    /// A certificate in a CA bundle: is it a CA, and may it vouch for `purpose`?
    public func anchor(_ ca: Certificate, _ label: String, at: Location, purpose: CertificateRole) -> [Finding] {
        var findings: [Finding] = []
        if ca.version < 3 {
            findings.append(Finding(
                .caNotCA, Words.anchorV1(label, version: ca.version), at: at,
                hint: "reissue the CA as v3 with basicConstraints CA:TRUE (`tlscheck gen-ca`)"))
        } else if !ca.isCA {
            findings.append(Finding(.caNotCA, Words.anchorNotCA(label, hasConstraints: ca.basicConstraints != nil), at: at))
        } else if let usage = ca.keyUsage, !usage.contains(.keyCertSign) {
            findings.append(Finding(
                .caNotCA, Words.anchorNoCertSign(label, usage), at: at, hint: "reissue the CA with keyUsage keyCertSign, cRLSign",
                severity: .warning))
        }
        if let usage = purpose.requiredUsage, !ca.allows(usage) {
            findings.append(Finding(
                .certUnfitUsage, Words.anchorUnfit(label, ca, usage, purpose: purpose), at: at, hint: Words.nestedUsageHint))
        }
        return findings
    }

    /// RSA below what Go accepts (an error), below 2048, or above what Go's TLS accepts.
    public func weakKey(_ certificate: Certificate, _ label: String, at: Location) -> Finding? {
        let key = certificate.publicKey
        guard key.algorithm == .rsa else { return nil }
        if key.bits < 1024 {
            return Finding(.certWeakKey, Words.rsaBelowGo(label, bits: key.bits), at: at, severity: .error)
        }
        if key.bits < 2048 { return Finding(.certWeakKey, Words.rsaBelowMinimum(label, bits: key.bits), at: at) }
        if key.bits > 8192 { return Finding(.certWeakKey, Words.rsaAboveGo(label, bits: key.bits), at: at) }
        return nil
    }

    public func weakSignature(_ certificate: KeylessCertificate, _ label: String, at: Location) -> Finding {
        Finding(.certWeakSignature, Words.weakSignature(label, certificate.signatureAlgorithm), at: at)
    }
}
