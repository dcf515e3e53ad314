/// The certificate half of a link: does the server's chain verify against the client's trust and
/// name, and does the client's certificate satisfy the server's client-auth policy. Verification is
/// OpenSSL's (`ChainVerifier`, the time fixed at the context's now); its verdict is worded by the
/// probe's own `VerificationDiagnosis`, so a static finding and a live one read alike.
extension LinkChecks {
    /// The server's chain against the client's CA bundle (or the system store) and the name it verifies.
    func checkServerChain(_ link: Link, materials: inout MaterialFindings) -> [Finding] {
        let client = link.client, server = link.server
        guard client.verifies else { return [] }
        if server.signsOwnCertificate {
            return [Finding(
                .unknownAuthority,
                "\(client.name) verifies the certificate of \(describe(link)), which makes up its own certificate when it starts (no \(server.dialect.spelled(.certificate))), signed by a CA no client can be given: every request fails with `x509: certificate signed by unknown authority`",
                at: client.location(of: .trust),
                hint: "give the server a certificate from a Secret (\(server.dialect.spelled(.certificate)) and \(server.dialect.spelled(.key))) and its CA in \(client.dialect.spelled(.trust))")]
        }
        if case .objectKey(let key, _)? = server.certificate,
            let certificate = kubernetes?.certificate(writing: key.name, from: key.namespace), !certificate.allowsServerAuth {
            // Not issued yet, but its usages are known.
            return [Finding(
                .certificateInvalid,
                "\(client.name) verifies the certificate of \(describe(link)), which \(certificate.name) issues with usages (\(certificate.usages.joined(separator: ", "))) that lack server auth: every request fails with `x509: certificate specifies an incompatible key usage`",
                at: certificate.location, hint: "add `server auth` to spec.usages of \(certificate.name)")]
        }
        guard case .source(let source)? = server.certificate else { return [] }
        let chain = materials.certificates(in: source)
        guard let leaf = chain.first else { return [] }  // the server's own checks say why
        let anchors: TrustAnchors
        var trust = TrustConfiguration.systemStore
        var anchorSubjects: [String]?
        switch client.trust {
        case nil:
            anchors = .system
        case .source(let bundle)?:
            let certificates = materials.certificates(in: bundle)
            // A bundle without a certificate stops the client before any handshake (the CA checks say so).
            guard !certificates.isEmpty else { return [] }
            anchors = .certificates(certificates)
            anchorSubjects = certificates.map(\.subject)
            trust = TrustConfiguration(caFile: bundle.name)
        case .external?, .objectKey?, .scraperFile?:
            return []  // said once by the reader that could not resolve it
        }
        var findings: [Finding] = []
        let name: String?
        switch link.verifiedName {
        case .name(let verified): name = verified
        case .podIP:
            name = nil
            let word = server.podAddressWord
            if !leaf.subjectAlternativeNames.contains(where: { if case .ip = $0 { true } else { false } }) {
                findings.append(Finding(
                    .hostnameMismatch,
                    "\(client.name) sets no \(client.dialect.spelled(.serverName)), so it verifies the certificate of \(describe(link)) against the \(word) it scrapes, and the certificate has no IP SANs (\(sansText(leaf))): every scrape fails with `x509: cannot validate certificate for <\(word)> because it doesn't contain any IP SANs`",
                    at: client.location(of: .serverName),
                    hint: "set \(client.dialect.spelled(.serverName)) to one of the certificate's DNS names\(firstDNSName(leaf).map { " (\($0))" } ?? "")"))
            }
        }
        let verdict = ChainVerifier.verify(chain, anchors: anchors, peer: name.map(ExpectedPeer.init), purpose: .serverAuth, at: context.now)
        guard !verdict.isVerified else { return findings }
        var input = VerificationInput(
            verifyResult: verdict.code, chain: chain.map(PeerCertificate.init), expectedName: name ?? "",
            time: context.now, trust: trust, leafMatchesName: name.map { VerificationInput.leafMatches(leaf, name: $0) } ?? true,
            leafHasAuthorityInformationAccess: VerificationInput.hasAuthorityInformationAccess(leaf),
            subject: describe(link))
        input.anchorSubjects = anchorSubjects
        for diagnosis in VerificationDiagnosis.diagnose(input, dialect: client.dialect) {
            var finding = diagnosis.finding(at: client.location(of: diagnosis.setting ?? .trust), dialect: client.dialect)
            finding.message = "\(client.name): " + finding.message
            findings.append(finding)
        }
        return findings
    }

    /// The client's certificate against the server's client CA, usage and allowed SANs.
    func checkClientChain(_ link: Link, materials: inout MaterialFindings) -> [Finding] {
        let client = link.client, server = link.server
        if server.policy.verifiesCertificate, case .objectKey(let key, _)? = client.certificate,
            let certificate = kubernetes?.certificate(writing: key.name, from: key.namespace), !certificate.allowsClientAuth {
            // Not issued yet, but its usages are known (kubernetes.md §9 #14).
            return [Finding(
                .clientCertRejected,
                "\(describe(link)) verifies client certificates, and the one \(client.name) sends is written by \(certificate.name), whose usages (\(certificate.usages.joined(separator: ", "))) lack client auth: the server logs `tls: failed to verify certificate: x509: certificate specifies an incompatible key usage`",
                at: client.location(of: .certificate), hint: "add `client auth` to spec.usages of \(certificate.name)")]
        }
        guard server.policy.verifiesCertificate || server.allowedSANs != nil,
            case .source(let source)? = client.certificate
        else { return [] }
        let chain = materials.certificates(in: source)
        guard let leaf = chain.first else { return [] }
        let at = client.location(of: .certificate)
        let clientCA = server.dialect.spelled(.clientCA)
        if server.policy.verifiesCertificate {
            let anchors: TrustAnchors
            switch server.clientCA {
            case nil: anchors = .system
            case .source(let bundle)?: anchors = .certificates(materials.certificates(in: bundle))
            case .external?, .objectKey?, .scraperFile?: return []
            }
            let verdict = ChainVerifier.verify(chain, anchors: anchors, peer: nil, purpose: .clientAuth, at: context.now)
            if !verdict.isVerified {
                return [Finding(
                    .clientCertRejected,
                    "\(describe(link)) rejects the client certificate of \(client.name) (\(leaf.subject), issued by \(leaf.issuer)): it does not verify against \(server.clientCA == nil ? "the system trust store" : clientCA): \(verdict.message) (\(verdict.name)); the server logs `tls: failed to verify certificate: \(goWords(verdict))`",
                    at: at,
                    hint: "give \(client.name) a client certificate issued by the CA in the server's \(clientCA), with extendedKeyUsage clientAuth")]
            }
        }
        if let allowed = server.allowedSANs {
            let sans = leaf.subjectAlternativeNames.map(sanValue)
            if !sans.contains(where: allowed.value.contains) {
                return [Finding(
                    .clientCertRejected,
                    "\(describe(link)) allows only clients with one of \(allowed.value.joined(separator: ", ")) (\(server.dialect.spelled(.allowedSANs))), and the client certificate of \(client.name) has \(sans.isEmpty ? "no SANs" : sans.joined(separator: ", ")): the server logs `could not find allowed SANs in client cert`",
                    at: at, hint: "issue the client a certificate with one of the allowed SANs, or add its SAN to \(server.dialect.spelled(.allowedSANs))")]
            }
        }
        return []
    }

    private func sansText(_ leaf: Certificate) -> String {
        let sans = leaf.subjectAlternativeNames.map(\.description)
        return sans.isEmpty ? "no SANs at all" : sans.joined(separator: ", ")
    }

    private func firstDNSName(_ leaf: Certificate) -> String? {
        for case .dns(let name) in leaf.subjectAlternativeNames where !name.hasPrefix("*") { return name }
        return nil
    }

    /// The SAN as exporter-toolkit compares it with `client_allowed_sans`: the bare value.
    private func sanValue(_ name: GeneralName) -> String {
        switch name {
        case .dns(let value), .ip(let value), .email(let value), .uri(let value), .other(let value): value
        }
    }

    /// What Go's verifier says for the same verdict, for a search of the server's log.
    private func goWords(_ verdict: ChainVerification) -> String {
        switch verdict.name {
        case "X509_V_ERR_CERT_HAS_EXPIRED", "X509_V_ERR_CERT_NOT_YET_VALID": "x509: certificate has expired or is not yet valid"
        case "X509_V_ERR_INVALID_PURPOSE": "x509: certificate specifies an incompatible key usage"
        default: "x509: certificate signed by unknown authority"
        }
    }
}
