internal import COpenSSL

/// A PKCS#12 (.p12, .pfx) file read through OpenSSL.
///
/// Owns its `PKCS12*` (freed in deinit); used by one thread at a time (it is never shared: the loader
/// opens and drops it within one call), so `@unchecked Sendable` is not needed.
final class PKCS12File {
    private let ref: OpaquePointer

    private init(ref: OpaquePointer) { self.ref = ref }

    deinit { PKCS12_free(ref) }

    /// The bytes as PKCS#12, or nil when they are not.
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

    struct Opened {
        /// The certificate of the key first, then the others, each followed by its issuer where known.
        var certificates: [Certificate]
        var key: PrivateKey?
    }

    enum Failure: Error {
        case wrongPassphrase
        case unreadable(String)
    }

    /// Opens the file with `passphrase`; without one, tries the empty passphrase (both encodings of
    /// it, as OpenSSL does).
    func open(passphrase: String?) -> Result<Opened, Failure> {
        _ = PKCS12File.legacyAlgorithms
        let candidates: [String?] = passphrase.map { [$0] } ?? ["", nil]
        var chosen: String??
        if PKCS12_mac_present(ref) == 1 {
            for candidate in candidates {
                let ok = candidate.map { PKCS12_verify_mac(ref, $0, Int32($0.utf8.count)) }
                    ?? PKCS12_verify_mac(ref, nil, 0)
                OpenSSLError.drainQueue()
                if ok == 1 {
                    chosen = .some(candidate)
                    break
                }
            }
            guard let chosen else { return .failure(.wrongPassphrase) }
            return parse(chosen)
        }
        return parse(candidates[0])
    }

    private func parse(_ passphrase: String?) -> Result<Opened, Failure> {
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var others: OpaquePointer?
        let ok = PKCS12_parse(ref, passphrase, &key, &certificate, &others)
        guard ok == 1 else {
            let error = OpenSSLError.drain("opening the PKCS#12 file")
            if error.reasons.contains(where: { $0.contains("mac verify") || $0.contains("decrypt") }) {
                return .failure(.wrongPassphrase)
            }
            return .failure(.unreadable(error.reasons.last ?? "OpenSSL could not parse it"))
        }
        var opened = Opened(certificates: [], key: key.map { PrivateKey(takingOwnership: $0) })
        if let certificate { opened.certificates.append(Certificate(takingOwnership: certificate)) }
        if let others {
            var rest: [Certificate] = []
            for i in 0..<copenssl_sk_X509_num(others) {
                guard let item = copenssl_sk_X509_value(others, i) else { continue }
                X509_up_ref(item)
                rest.append(Certificate(takingOwnership: item))
            }
            copenssl_sk_X509_pop_free(others)
            opened.certificates += Self.issuerOrder(rest, after: opened.certificates.last)
        }
        return .success(opened)
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
