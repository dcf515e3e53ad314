internal import COpenSSL
import Synchronization

/// An X.509 certificate read in full through OpenSSL: everything a `KeylessCertificate` says, plus
/// its public key, fingerprints and signature checks.
///
/// Safe to share between tasks: the `X509` is never modified after init, and OpenSSL 3 guards the
/// extension cache it fills on first read with the object's own lock.
public final class Certificate: KeylessCertificate, @unchecked Sendable {
    private let selfSigned = Mutex<Bool?>(nil)
    /// Signature checks made with this certificate as the signed one (tests count them).
    private let verifications = Atomic<Int>(0)

    /// Takes ownership of an `X509*` parsed with its key (freed in deinit).
    init(takingOwnership ref: OpaquePointer) { super.init(adopting: ref) }

    /// One DER certificate. Throws when OpenSSL cannot parse it.
    public convenience init(der: [UInt8]) throws(OpenSSLError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLError.drain("reading a DER certificate") }
        self.init(takingOwnership: parsed)
    }

    /// A certificate an OpenSSL object only lends (`get0`): takes a reference of its own first.
    convenience init(borrowing x509: OpaquePointer) {
        X509_up_ref(x509)
        self.init(takingOwnership: x509)
    }

    /// The certificate of these DER bytes, parsed once per process: configs in a tree usually share
    /// their certificate and CA files, and OpenSSL 3.0's `d2i_X509` costs ~200 µs. Only full parses
    /// are cached: a keyless parse costs ~14 µs, less than keeping the cache. 8,192 entries (about
    /// 1 KB each beside the DER the input holds anyway): a Kubernetes input's certificates are read
    /// once for the mounts and again for the links, so a smaller cache made a run superlinear — with
    /// 256, 600 objects parsed their 300 certificates 387 times; with 2,048, 6,000 objects parsed their
    /// 3,000 certificates 4,870 times (39 % of the run).
    public static func parsed(der: [UInt8]) throws(OpenSSLError) -> Certificate {
        if let cached = recentlyParsed.withLock({ $0[der] }) { return cached }
        let certificate = try Certificate(der: der)
        recentlyParsed.withLock { cache in
            if cache.count >= 8192 { cache.removeAll(keepingCapacity: true) }  // bounded, not an LRU: enough here
            cache[der] = certificate
        }
        return certificate
    }

    private static let recentlyParsed = Mutex<[[UInt8]: Certificate]>([:])

    /// The first certificate of a PEM text.
    public convenience init(pem: String) throws(OpenSSLError) {
        let bundle = Certificate.bundle(from: Array(pem.utf8))
        if let problem = bundle.problems.first, bundle.entries.isEmpty {
            throw OpenSSLError(problem.reason, reasons: [])
        }
        guard let first = bundle.entries.first else {
            throw OpenSSLError("no CERTIFICATE block in the PEM text", reasons: [])
        }
        self.init(borrowing: first.certificate.ref)
    }

    // MARK: Key and fingerprints

    public var publicKey: PublicKeyInfo {
        guard let key = X509_get0_pubkey(ref) else {
            ERR_clear_error()
            return PublicKeyInfo(algorithm: .other("unreadable"), bits: 0)
        }
        return OpenSSLSupport.keyInfo(key)
    }

    /// The public key as DER SubjectPublicKeyInfo.
    public var publicKeyDER: [UInt8] {
        guard let key = X509_get0_pubkey(ref) else {
            ERR_clear_error()
            return []
        }
        return OpenSSLSupport.der { i2d_PUBKEY(key, $0) }
    }

    public var sha256Fingerprint: String { Hex.colonSeparated(digest(EVP_sha256())) }
    public var sha1Fingerprint: String { Hex.colonSeparated(digest(EVP_sha1())) }

    private func digest(_ md: OpaquePointer?) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(ref, md, &buffer, &length) == 1 else {
            ERR_clear_error()
            return []
        }
        return Array(buffer.prefix(Int(length)))
    }

    // MARK: Signatures

    /// Self-issued and signed by its own key. Computed once: a signature check costs ~0.1–1 ms and
    /// certificates are shared through `parsed(der:)`.
    public var isSelfSigned: Bool {
        if let known = selfSigned.withLock({ $0 }) { return known }
        let value = isSelfIssued && signatureVerifies(with: self)
        selfSigned.withLock { $0 = value }
        return value
    }

    /// `issuer` names this certificate's issuer and its key made the signature.
    ///
    /// Two copies of one certificate (the same DER) stand for the same certificate: whether one
    /// issued the other is whether it is self-signed, which is computed once. `inspect` of 5,000
    /// copies of a self-signed P-521 certificate made 10,000 signature checks of ~0.7 ms (6.7 s,
    /// where `expiry` takes 0.2 s) before this.
    public func isIssued(by issuer: Certificate) -> Bool {
        guard namesIssuer(issuer) else { return false }
        if issuer === self || isSame(as: issuer) { return isSelfSigned }
        return signatureVerifies(with: issuer)
    }

    var signatureVerifications: Int { verifications.load(ordering: .relaxed) }

    func signatureVerifies(with issuer: Certificate) -> Bool {
        verifications.add(1, ordering: .relaxed)
        guard let key = X509_get0_pubkey(issuer.ref) else {
            ERR_clear_error()
            return false
        }
        let verified = X509_verify(ref, key) == 1
        if !verified { ERR_clear_error() }
        return verified
    }

    /// True when both hold the same DER.
    public func isSame(as other: Certificate) -> Bool { X509_cmp(ref, other.ref) == 0 }
}
