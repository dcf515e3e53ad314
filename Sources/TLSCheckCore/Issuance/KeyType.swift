internal import COpenSSL

/// The kinds of key tlscheck generates. ECDSA P-256 is the default: fast (a CA and a leaf in a few
/// milliseconds) and accepted everywhere.
public enum KeyType: String, Sendable, CaseIterable, CustomStringConvertible {
    case p256 = "p256"
    case p384 = "p384"
    case rsa2048 = "rsa2048"
    case rsa3072 = "rsa3072"
    case rsa4096 = "rsa4096"
    case ed25519 = "ed25519"

    /// Accepts the canonical names and common spellings: `p256`, `P-256`, `ecdsa`, `ec`, `rsa`,
    /// `rsa-3072`, `RSA:4096`, `ed25519`.
    public init?(parsing text: String) {
        let key = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != ":" }
        switch key {
        case "p256", "ecdsa", "ec", "ecdsap256", "ecp256", "prime256v1", "secp256r1": self = .p256
        case "p384", "ecdsap384", "ecp384", "secp384r1": self = .p384
        case "rsa", "rsa2048": self = .rsa2048
        case "rsa3072": self = .rsa3072
        case "rsa4096": self = .rsa4096
        case "ed25519", "eddsa": self = .ed25519
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .p256: "ECDSA P-256"
        case .p384: "ECDSA P-384"
        case .rsa2048: "RSA 2048"
        case .rsa3072: "RSA 3072"
        case .rsa4096: "RSA 4096"
        case .ed25519: "Ed25519"
        }
    }

    var isRSA: Bool { self == .rsa2048 || self == .rsa3072 || self == .rsa4096 }
}

extension PrivateKey {
    /// A new key from OpenSSL's default random generator.
    public static func generate(_ type: KeyType) throws(OpenSSLError) -> PrivateKey {
        let key: OpaquePointer? =
            switch type {
            case .p256: copenssl_EVP_EC_gen("P-256")
            case .p384: copenssl_EVP_EC_gen("P-384")
            case .rsa2048: copenssl_EVP_RSA_gen(2048)
            case .rsa3072: copenssl_EVP_RSA_gen(3072)
            case .rsa4096: copenssl_EVP_RSA_gen(4096)
            case .ed25519: copenssl_EVP_ED25519_gen()
            }
        guard let key else { throw OpenSSLError.drain("generating a \(type) key") }
        return PrivateKey(takingOwnership: key, format: .pkcs8)
    }

    /// PKCS#8 PEM; with a passphrase, encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256).
    public func pem(passphrase: String? = nil) throws(OpenSSLError) -> String {
        if passphrase == nil, let der = pkcs8DER() { return PEM.encode(der, label: "PRIVATE KEY") }
        let bytes = OpenSSLSupport.writeToMemory { bio in
            if let passphrase {
                // A NULL callback with a non-NULL argument: OpenSSL takes the argument as the passphrase.
                return passphrase.withCString { pass in
                    PEM_write_bio_PKCS8PrivateKey(
                        bio, ref, EVP_aes_256_cbc(), nil, 0, nil, UnsafeMutableRawPointer(mutating: pass)) == 1
                }
            }
            return PEM_write_bio_PrivateKey(bio, ref, nil, nil, 0, nil, nil) == 1
        }
        guard let bytes else { throw OpenSSLError.drain("encoding the private key") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How the key's algorithm is named in SubjectPublicKeyInfo and PKCS#8, for the keys whose
    /// encodings tlscheck writes itself: EC keys on a named NIST curve and Ed25519.
    var writtenAlgorithm: (algorithm: Int32, curve: Int32?)? {
        switch algorithm {
        case .ec(let curve) where EC_curve_nist2nid(curve) != NID_undef: (NID_X9_62_id_ecPublicKey, EC_curve_nist2nid(curve))
        case .ed25519: (NID_ED25519, nil)
        default: nil
        }
    }

    /// The public key as a SubjectPublicKeyInfo carries it: the uncompressed point (EC, the only form
    /// Go reads) or the 32 raw bytes (Ed25519). Nil for other keys.
    var publicKeyBytes: [UInt8]? {
        guard let (_, curve) = writtenAlgorithm else { return nil }
        return readBytes { buffer, length in
            curve == nil
                ? EVP_PKEY_get_raw_public_key(ref, buffer, &length)
                : EVP_PKEY_get_octet_string_param(ref, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, buffer, length, &length)
        }
    }

    /// Unencrypted PKCS#8 (RFC 5208 with RFC 5915 and RFC 8410 inside) for EC and Ed25519 keys, byte
    /// for byte what OpenSSL writes (tested). Written here because OpenSSL 3.0's encoder searches all
    /// its encoders first, which costs more than making the key. Nil for other keys.
    func pkcs8DER() -> [UInt8]? {
        guard let (algorithm, curve) = writtenAlgorithm, let algorithmOID = DER.object(algorithm),
            let publicKey = publicKeyBytes
        else { return nil }
        guard let curve else {
            guard let seed = readBytes({ buffer, length in EVP_PKEY_get_raw_private_key(ref, buffer, &length) })
            else { return nil }
            return DER.sequence(DER.integer(0), DER.sequence(algorithmOID), DER.octetString(DER.octetString(seed)))
        }
        var scalar: OpaquePointer?
        guard let curveOID = DER.object(curve), EVP_PKEY_get_bn_param(ref, OSSL_PKEY_PARAM_PRIV_KEY, &scalar) == 1,
            let scalar
        else {
            OpenSSLError.drainQueue()
            return nil
        }
        defer { BN_clear_free(scalar) }
        var secret = [UInt8](repeating: 0, count: (Int(EVP_PKEY_get_bits(ref)) + 7) / 8)
        guard BN_bn2binpad(scalar, &secret, Int32(secret.count)) == secret.count else { return nil }
        let ecPrivateKey = DER.sequence(DER.integer(1), DER.octetString(secret), DER.explicit(1, DER.bitString(publicKey)))
        return DER.sequence(DER.integer(0), DER.sequence(algorithmOID, curveOID), DER.octetString(ecPrivateKey))
    }

    /// Runs an OpenSSL getter twice: for the length, then for the bytes.
    private func readBytes(_ read: (UnsafeMutablePointer<UInt8>?, inout Int) -> Int32) -> [UInt8]? {
        var length = 0
        guard read(nil, &length) == 1 else {
            OpenSSLError.drainQueue()
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: length)
        guard read(&bytes, &length) == 1 else {
            OpenSSLError.drainQueue()
            return nil
        }
        return Array(bytes.prefix(length))
    }

    /// The digest to sign certificates with when this key is the issuer's: SHA-384 for P-384 (its
    /// matching strength), SHA-256 for P-256 and RSA, none for Ed25519 (built into the algorithm).
    var signingDigest: OpaquePointer? {
        switch algorithm {
        case .ed25519, .ed448: nil
        case .ec(let curve) where curve == "P-384": EVP_sha384()
        case .ec(let curve) where curve == "P-521": EVP_sha512()
        default: EVP_sha256()
        }
    }
}
