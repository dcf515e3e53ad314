internal import COpenSSL
import Synchronization

/// A private key (RSA, EC, Ed25519, …) read through OpenSSL.
///
/// Safe to share between tasks: the `EVP_PKEY` is never modified after init; OpenSSL 3 allows
/// concurrent reads and signing with one key.
public final class PrivateKey: @unchecked Sendable {
    let ref: OpaquePointer

    /// The PEM encoding it was read from, when known.
    public let format: Format?

    /// Takes ownership of an `EVP_PKEY*` (freed in deinit).
    init(takingOwnership ref: OpaquePointer, format: Format? = nil) {
        self.ref = ref
        self.format = format
    }

    deinit { EVP_PKEY_free(ref) }

    public enum Format: String, Sendable {
        /// `RSA PRIVATE KEY`
        case pkcs1 = "PKCS#1"
        /// `EC PRIVATE KEY`
        case sec1 = "SEC1"
        /// `PRIVATE KEY`
        case pkcs8 = "PKCS#8"
        /// `ENCRYPTED PRIVATE KEY`
        case encryptedPKCS8 = "encrypted PKCS#8"
        /// A legacy OpenSSL key with `Proc-Type: 4,ENCRYPTED`.
        case encryptedLegacy = "encrypted PEM"

        init?(label: String, headers: [String: String]) {
            if headers["Proc-Type"]?.contains("ENCRYPTED") == true {
                self = .encryptedLegacy
                return
            }
            switch label {
            case "RSA PRIVATE KEY": self = .pkcs1
            case "EC PRIVATE KEY": self = .sec1
            case "PRIVATE KEY": self = .pkcs8
            case "ENCRYPTED PRIVATE KEY": self = .encryptedPKCS8
            default: return nil
            }
        }

        public var isEncrypted: Bool { self == .encryptedPKCS8 || self == .encryptedLegacy }
    }

    /// Why a key could not be read.
    public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// No PEM block at all.
        case noPEMData
        /// Only certificates where a key was expected.
        case certificateInsteadOfKey
        /// PEM blocks, but none is a private key.
        case noKeyBlock(labels: [String])
        /// The key is encrypted and no passphrase was given.
        case encrypted(Format)
        /// The passphrase did not decrypt the key.
        case wrongPassphrase
        /// The key block does not parse.
        case invalid(String)
        /// Its key derivation asks for more work than tlscheck does (`KeyDerivationCost`).
        case tooCostly(KeyDerivationCost.Refusal)

        public var description: String {
            switch self {
            case .noPEMData: "no PEM data"
            case .certificateInsteadOfKey: "a certificate, not a private key"
            case .noKeyBlock(let labels): "no PRIVATE KEY block (found \(labels.joined(separator: ", ")))"
            case .encrypted(let format): "the key is encrypted (\(format.rawValue)); give its passphrase"
            case .wrongPassphrase: "the passphrase does not decrypt the key"
            case .invalid(let reason): "the key does not parse: \(reason)"
            case .tooCostly(let refusal): "tlscheck does not decrypt it: \(refusal)"
            }
        }
    }

    /// The first private key of a PEM text. Encrypted keys need `passphrase`; without one they throw
    /// `.encrypted` (never a terminal prompt).
    public convenience init(pem: [UInt8], passphrase: String? = nil) throws(LoadError) {
        let scan = PEM.scan(pem)
        guard let block = scan.blocks.first(where: \.isPrivateKey) else {
            if scan.blocks.isEmpty { throw .noPEMData }
            if scan.blocks.allSatisfy({ $0.label == "CERTIFICATE" }) { throw .certificateInsteadOfKey }
            throw .noKeyBlock(labels: scan.blocks.map(\.label))
        }
        let format = Format(label: block.label, headers: block.headers)
        if block.isEncrypted {
            guard let passphrase else { throw .encrypted(format ?? .encryptedPKCS8) }
            let key = try Self.decrypt(block: block, pem: pem, passphrase: passphrase)
            self.init(takingOwnership: key, format: format)
        } else {
            self.init(takingOwnership: try Self.parse(der: block.bytes), format: format)
        }
    }

    public convenience init(pem: String, passphrase: String? = nil) throws(LoadError) {
        try self.init(pem: Array(pem.utf8), passphrase: passphrase)
    }

    /// An unencrypted DER key: PKCS#1 RSA, SEC1 EC or PKCS#8, recognised by content as Go does.
    public convenience init(der: [UInt8]) throws(LoadError) {
        self.init(takingOwnership: try Self.parse(der: der))
    }

    /// An owned `EVP_PKEY*` for these DER bytes. Parsed keys are kept for the rest of the run
    /// (bounded): configs in a tree share key files, and OpenSSL 3.0's decoder search costs
    /// ~700 µs per key.
    static func parse(der: [UInt8]) throws(LoadError) -> OpaquePointer {
        if let cached = recentlyParsed.withLock({ $0[der] }) {
            EVP_PKEY_up_ref(cached.ref)
            return cached.ref
        }
        let key = try decode(der: der)
        EVP_PKEY_up_ref(key)
        let shared = PrivateKey(takingOwnership: key)
        recentlyParsed.withLock { cache in
            if cache.count >= 64 { cache.removeAll(keepingCapacity: true) }
            cache[der] = shared
        }
        return key
    }

    private static let recentlyParsed = Mutex<[[UInt8]: PrivateKey]>([:])

    private static func decode(der: [UInt8]) throws(LoadError) -> OpaquePointer {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            if let key = decodePKCS8(buffer) { return key }
            OpenSSLError.drainQueue()
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let key else {
            let error = OpenSSLError.drain("reading the private key")
            throw .invalid(error.reasons.last ?? "not a PKCS#1, PKCS#8 or SEC1 key")
        }
        OpenSSLError.drainQueue()
        return key
    }

    /// PKCS#8 with the key type named to OpenSSL's decoder: telling it the type up front skips most
    /// of OpenSSL 3.0's decoder search (~200 µs instead of ~700 µs per key).
    private static func decodePKCS8(_ buffer: UnsafeBufferPointer<UInt8>) -> OpaquePointer? {
        var cursor = buffer.baseAddress
        guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, buffer.count) else { return nil }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var algorithm: OpaquePointer?
        guard PKCS8_pkey_get0(&algorithm, nil, nil, nil, info) == 1, let algorithm else { return nil }
        let type: String
        switch OBJ_obj2nid(algorithm) {
        case NID_X9_62_id_ecPublicKey: type = "EC"
        case NID_rsaEncryption: type = "RSA"
        case NID_rsassaPss: type = "RSA-PSS"
        case NID_ED25519: type = "ED25519"
        case NID_ED448: type = "ED448"
        default: return nil
        }
        var key: OpaquePointer?
        guard let decoder = OSSL_DECODER_CTX_new_for_pkey(&key, "DER", "PrivateKeyInfo", type, copenssl_EVP_PKEY_KEYPAIR(), nil, nil)
        else { return nil }
        defer { OSSL_DECODER_CTX_free(decoder) }
        var data = buffer.baseAddress
        var length = buffer.count
        guard OSSL_DECODER_from_data(decoder, &data, &length) == 1 else {
            if let key { EVP_PKEY_free(key) }
            return nil
        }
        return key
    }

    private static func decrypt(block: PEMBlock, pem: [UInt8], passphrase: String) throws(LoadError) -> OpaquePointer {
        if block.label == "ENCRYPTED PRIVATE KEY" {
            // The iteration count, from the DER, before OpenSSL derives anything.
            let algorithm = DERReader.read(block.bytes) { reader in
                var sequence = reader.read(DERTag.sequence)
                return sequence?.readAnyElement().map { Array($0.element.content) }
            }
            var budget = KeyDerivationCost.Budget()
            if let refusal = budget.spend(algorithm.flatMap(KeyDerivationCost.work(ofAlgorithm:)), for: "encrypted key") {
                throw .tooCostly(refusal)
            }
            let signature: OpaquePointer? = block.bytes.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return d2i_X509_SIG(nil, &cursor, buffer.count)
            }
            guard let signature else {
                throw .invalid(OpenSSLError.drain("reading the encrypted key").reasons.last ?? "bad structure")
            }
            defer { X509_SIG_free(signature) }
            let info = PKCS8_decrypt(signature, passphrase, Int32(passphrase.utf8.count))
            guard let info else {
                OpenSSLError.drainQueue()
                throw .wrongPassphrase
            }
            defer { PKCS8_PRIV_KEY_INFO_free(info) }
            guard let key = EVP_PKCS82PKEY(info) else {
                throw .invalid(OpenSSLError.drain("reading the decrypted key").reasons.last ?? "bad key")
            }
            return key
        }
        // Legacy `Proc-Type: 4,ENCRYPTED`: OpenSSL's PEM reader with the passphrase as its argument
        // (a non-NULL argument and a NULL callback: no prompt).
        guard let bio = pem.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw .invalid("out of memory")
        }
        defer { BIO_free(bio) }
        let key = passphrase.withCString { pass in
            PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: pass))
        }
        guard let key else {
            OpenSSLError.drainQueue()
            throw .wrongPassphrase
        }
        return key
    }

    // MARK: Facts

    public var info: PublicKeyInfo { OpenSSLSupport.keyInfo(ref) }
    public var algorithm: KeyAlgorithm { info.algorithm }
    public var bits: Int { info.bits }

    /// The public half as DER SubjectPublicKeyInfo.
    public var publicKeyDER: [UInt8] { OpenSSLSupport.der { i2d_PUBKEY(ref, $0) } }

    /// Whether this key is the private half of the certificate's public key.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let publicKey = X509_get0_pubkey(certificate.ref) else {
            ERR_clear_error()
            return false
        }
        let result = EVP_PKEY_eq(ref, publicKey)
        ERR_clear_error()
        return result == 1
    }
}
