internal import COpenSSL
import Synchronization

/// A PKCS#12 (.p12, .pfx) file read through OpenSSL, bag by bag.
///
/// `PKCS12_parse` derives keys with whatever iteration counts the file names, so one file with a MAC
/// iteration count of 2³¹−1 stalled a whole `expiry DIR`. The file is opened here the way
/// `PKCS12_parse` opens it (the MAC, then each safe, then each bag; the first key; the certificate
/// that key belongs to first), and each derivation's count is read first and held to
/// `KeyDerivationCost`'s limits.
///
/// Owns its `PKCS12*` (freed in deinit); used by one thread at a time (the loader opens and drops it
/// within one call), so it is not `Sendable`.
final class PKCS12File {
    private let ref: OpaquePointer

    private init(ref: OpaquePointer) { self.ref = ref }

    deinit { PKCS12_free(ref) }

    /// The bytes as PKCS#12, or nil when they are not. Reading the structure derives nothing.
    static func read(_ bytes: [UInt8]) -> PKCS12File? {
        guard bytes.first == 0x30 else { return nil }
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            OpenSSLError.drainQueue()
            return nil
        }
        return PKCS12File(ref: parsed)
    }

    struct Opened: Sendable {
        /// The certificate of the key first, then the others, each followed by its issuer where known.
        var certificates: [Certificate]
        var key: PrivateKey?
    }

    enum Failure: Error, Sendable {
        case wrongPassphrase
        case unreadable(String)
        case tooCostly(KeyDerivationCost.Refusal)
    }

    /// The bytes opened as PKCS#12 with `passphrase`; nil when they are not PKCS#12. The same bytes
    /// and passphrase are opened once per process: a Secret copied into every namespace (by
    /// reflector or kubed) repeats its `keystore.p12`, and each opening is three or four key
    /// derivations (3–5 ms a Secret, most of a Secret list's time). Failures are kept too, so a
    /// refused file is refused at no cost the next time.
    static func open(_ bytes: [UInt8], passphrase: String?) -> Result<Opened, Failure>? {
        let key = CacheKey(bytes: bytes, passphrase: passphrase)
        if let known = recentlyOpened.withLock({ $0[key] }) { return known }
        guard let file = read(bytes) else { return nil }
        let result = file.open(passphrase: passphrase)
        recentlyOpened.withLock { cache in
            if cache.count >= 64 { cache.removeAll(keepingCapacity: true) }  // bounded, not an LRU
            cache[key] = result
        }
        return result
    }

    private struct CacheKey: Hashable, Sendable {
        let bytes: [UInt8]
        let passphrase: String?
    }

    private static let recentlyOpened = Mutex<[CacheKey: Result<Opened, Failure>]>([:])

    /// Opens the file with `passphrase`; without one, tries the empty passphrase (both encodings of
    /// it, as OpenSSL does).
    func open(passphrase: String?) -> Result<Opened, Failure> {
        _ = PKCS12File.legacyAlgorithms
        var budget = KeyDerivationCost.Budget()
        let candidates: [String?] = passphrase.map { [$0] } ?? ["", nil]
        guard PKCS12_mac_present(ref) == 1 else { return parse(candidates[0], budget: &budget) }
        let macWork = macIterations
        for candidate in candidates {
            if let refusal = budget.spend(macWork, for: "MAC") { return .failure(.tooCostly(refusal)) }
            let ok = candidate.map { PKCS12_verify_mac(ref, $0, Int32($0.utf8.count)) } ?? PKCS12_verify_mac(ref, nil, 0)
            OpenSSLError.drainQueue()
            if ok == 1 { return parse(candidate, budget: &budget) }
        }
        return .failure(.wrongPassphrase)
    }

    /// The MAC's iteration count (1 when absent, as RFC 7292 defaults it); nil when unreadable.
    private var macIterations: Int? {
        var iterations: UnsafePointer<ASN1_INTEGER>?
        PKCS12_get0_mac(nil, nil, nil, &iterations, ref)
        guard let iterations else { return 1 }
        guard ASN1_STRING_type(iterations) == V_ASN1_INTEGER else { return nil }
        let magnitude = OpenSSLSupport.bytes(iterations).drop { $0 == 0 }
        return magnitude.count > 7 ? Int.max : magnitude.reduce(0) { $0 << 8 | Int($1) }
    }

    /// What `PKCS12_parse` collects: the first key, every X.509 certificate in bag order.
    private struct Collected {
        var key: PrivateKey?
        var certificates: [Certificate] = []
    }

    private func parse(_ passphrase: String?, budget: inout KeyDerivationCost.Budget) -> Result<Opened, Failure> {
        guard let safes = PKCS12_unpack_authsafes(ref) else { return .failure(failure(OpenSSLError.drain("opening the PKCS#12 file"))) }
        defer { copenssl_sk_PKCS7_pop_free(safes) }
        var collected = Collected()
        for i in 0..<copenssl_sk_PKCS7_num(safes) {
            guard let safe = copenssl_sk_PKCS7_value(safes, i) else { continue }
            let bags: OpaquePointer?
            switch copenssl_PKCS7_type(safe) {
            case NID_pkcs7_data:
                bags = PKCS12_unpack_p7data(safe)
            case NID_pkcs7_encrypted:
                let algorithm = copenssl_PKCS7_encrypted_algorithm(safe).map { algorithm in
                    OpenSSLSupport.der { i2d_X509_ALGOR(algorithm, $0) }
                }
                let work = algorithm.flatMap(KeyDerivationCost.work(ofAlgorithm:))
                if let refusal = budget.spend(work, for: "encrypted certificates") { return .failure(.tooCostly(refusal)) }
                bags = PKCS12_unpack_p7encdata(safe, passphrase, -1)
            default:
                continue
            }
            guard let bags else { return .failure(failure(OpenSSLError.drain("opening the PKCS#12 file"))) }
            defer { copenssl_sk_PKCS12_SAFEBAG_pop_free(bags) }
            if let failure = read(bags, passphrase, &collected, &budget, depth: 0) { return .failure(failure) }
        }
        // OpenSSL 3.0's choice: the first certificate that the key belongs to is the key's.
        var opened = Opened(certificates: [], key: collected.key)
        var rest = collected.certificates
        if let key = collected.key, let index = rest.firstIndex(where: { key.matches($0) }) {
            opened.certificates.append(rest.remove(at: index))
        }
        opened.certificates += Self.issuerOrder(rest, after: opened.certificates.last)
        return .success(opened)
    }

    /// One SafeContents: keys (the first only) and certificates; nested SafeContents a few levels deep.
    private func read(
        _ bags: OpaquePointer, _ passphrase: String?, _ collected: inout Collected, _ budget: inout KeyDerivationCost.Budget,
        depth: Int
    ) -> Failure? {
        for i in 0..<copenssl_sk_PKCS12_SAFEBAG_num(bags) {
            guard let bag = copenssl_sk_PKCS12_SAFEBAG_value(bags, i) else { continue }
            switch PKCS12_SAFEBAG_get_nid(bag) {
            case NID_keyBag where collected.key == nil:
                guard let info = PKCS12_SAFEBAG_get0_p8inf(bag), let key = EVP_PKCS82PKEY(info) else {
                    return failure(OpenSSLError.drain("reading the PKCS#12 key"))
                }
                collected.key = PrivateKey(takingOwnership: key)
            case NID_pkcs8ShroudedKeyBag where collected.key == nil:
                var algorithm: UnsafePointer<X509_ALGOR>?
                if let signature = PKCS12_SAFEBAG_get0_pkcs8(bag) { X509_SIG_get0(signature, &algorithm, nil) }
                let work = algorithm.flatMap { algorithm in
                    KeyDerivationCost.work(ofAlgorithm: OpenSSLSupport.der { i2d_X509_ALGOR(algorithm, $0) })
                }
                if let refusal = budget.spend(work, for: "encrypted key") { return .tooCostly(refusal) }
                guard let info = PKCS12_decrypt_skey(bag, passphrase, -1) else {
                    return failure(OpenSSLError.drain("decrypting the PKCS#12 key"))
                }
                defer { PKCS8_PRIV_KEY_INFO_free(info) }
                guard let key = EVP_PKCS82PKEY(info) else { return failure(OpenSSLError.drain("reading the PKCS#12 key")) }
                collected.key = PrivateKey(takingOwnership: key)
            case NID_certBag where PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate:
                guard let x509 = PKCS12_SAFEBAG_get1_cert(bag) else { return failure(OpenSSLError.drain("reading a PKCS#12 certificate")) }
                collected.certificates.append(Certificate(takingOwnership: x509))
            case NID_safeContentsBag where depth < 8:
                guard let nested = PKCS12_SAFEBAG_get0_safes(bag) else { continue }
                if let failure = read(nested, passphrase, &collected, &budget, depth: depth + 1) { return failure }
            default:
                continue
            }
        }
        return nil
    }

    /// A decryption that fails is a wrong passphrase; anything else, a file OpenSSL cannot read.
    private func failure(_ error: OpenSSLError) -> Failure {
        if error.reasons.contains(where: { $0.contains("mac verify") || $0.contains("decrypt") }) { return .wrongPassphrase }
        return .unreadable(error.reasons.last ?? "OpenSSL could not parse it")
    }

    /// A PKCS#12 bag has no order that means anything; list each certificate's issuer after it.
    static func issuerOrder(_ certificates: [Certificate], after start: Certificate?) -> [Certificate] {
        var remaining = certificates
        var ordered: [Certificate] = []
        var current = start
        while !remaining.isEmpty {
            if let previous = current, let next = remaining.firstIndex(where: { previous.isIssued(by: $0) }) {
                current = remaining.remove(at: next)
            } else {
                current = remaining.removeFirst()
            }
            ordered.append(current!)
        }
        return ordered
    }

    /// OpenSSL 3 keeps RC2 and 3DES (used by mkcert, Java keytool and older exporters for .p12 files)
    /// in its legacy provider. Loading it once, with the default provider beside it, lets such files
    /// open as `openssl pkcs12 -legacy` would; when it is not installed, modern files still open.
    static let legacyAlgorithms: Bool = {
        let loadedDefault = OSSL_PROVIDER_load(nil, "default") != nil
        let loadedLegacy = OSSL_PROVIDER_load(nil, "legacy") != nil
        OpenSSLError.drainQueue()
        return loadedDefault && loadedLegacy
    }()
}
