extension PeerCertificate {
    /// The plain values a probe reports of a certificate: what a static check (a configuration's
    /// certificate file) and a live handshake compare in the same terms.
    public init(_ certificate: Certificate) {
        self.init(
            subject: certificate.subject, issuer: certificate.issuer,
            subjectAlternativeNames: certificate.subjectAlternativeNames.map(\.description),
            notBefore: certificate.notBefore, notAfter: certificate.notAfter,
            publicKey: certificate.publicKey.description, signatureAlgorithm: certificate.signatureAlgorithm.name,
            serialNumber: certificate.serialNumber.hex,
            sha256Fingerprint: certificate.sha256Fingerprint.filter { $0 != ":" }.lowercased(),
            isCA: certificate.isCA, isSelfSigned: certificate.isSelfSigned)
    }
}
