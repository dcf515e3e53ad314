internal import COpenSSL

/// PKCS#12 files for Java, browsers and Windows. OpenSSL 3's defaults (PBES2 with AES-256-CBC and
/// PBKDF2, a SHA-256 MAC) need no `-legacy` to read back, unlike the RC2-40 files of older tools.
public enum PKCS12 {
    public static func make(
        certificate: Certificate, key: PrivateKey, chain: [Certificate], passphrase: String, friendlyName: String
    ) throws(GenerationError) -> [UInt8] {
        guard let stack = copenssl_sk_X509_new_null() else { throw CertificateIssuer.failure("making the PKCS#12 chain") }
        // The stack borrows the certificates, which outlive it.
        defer { copenssl_sk_X509_free(stack) }
        for extra in chain { _ = copenssl_sk_X509_push(stack, extra.ref) }
        let bundle = withExtendedLifetime(chain) {
            PKCS12_create(passphrase, friendlyName, key.ref, certificate.ref, stack, 0, 0, 0, 0, 0)
        }
        guard let bundle else { throw CertificateIssuer.failure("making the PKCS#12 file") }
        defer { PKCS12_free(bundle) }
        let der = OpenSSLSupport.der { i2d_PKCS12(bundle, $0) }
        guard !der.isEmpty else { throw CertificateIssuer.failure("encoding the PKCS#12 file") }
        return der
    }
}
