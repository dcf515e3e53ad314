internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// Small helpers over OpenSSL calls that the X.509 and issuance code share.
enum OpenSSLSupport {
    /// Runs `body` with a fresh memory BIO and returns what it wrote, or nil when `body` fails.
    static func writeToMemory(_ body: (OpaquePointer) -> Bool) -> [UInt8]? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard body(bio) else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &pointer)
        guard length >= 0, let pointer else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The bytes of an ASN1_STRING (octet strings, IA5 strings, …).
    static func bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    /// An ASN1 string as text; invalid UTF-8 is repaired rather than dropped.
    static func text(_ string: UnsafePointer<ASN1_STRING>?) -> String {
        guard let string else { return "" }
        var out: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&out, string)
        guard length >= 0, let out else {
            ERR_clear_error()
            return String(decoding: bytes(string), as: UTF8.self)
        }
        defer { copenssl_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    /// DER encoding through an `i2d_*` function.
    static func der(_ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        let length = encode(&out)
        guard length > 0, let out else { return [] }
        defer { copenssl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// `C = US, O = X` style text of an X509_NAME, most specific first: `CN=x, O=Example`.
    static func readable(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let bytes = writeToMemory { bio in
            X509_NAME_print_ex(bio, name, 0, copenssl_name_flags_readable()) >= 0
        }
        return bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A NUL-terminated C buffer as text.
    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Algorithm and size of a key (public or private).
    static func keyInfo(_ key: OpaquePointer) -> PublicKeyInfo {
        let bits = Int(EVP_PKEY_get_bits(key))
        let algorithm: KeyAlgorithm
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: algorithm = .rsa
        case EVP_PKEY_RSA_PSS: algorithm = .rsaPSS
        case EVP_PKEY_EC: algorithm = .ec(curve: curveName(key))
        case EVP_PKEY_ED25519: algorithm = .ed25519
        case EVP_PKEY_ED448: algorithm = .ed448
        case EVP_PKEY_DSA: algorithm = .dsa
        default:
            let name = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
            algorithm = .other(name)
        }
        return PublicKeyInfo(algorithm: algorithm, bits: bits)
    }

    /// `P-256` for prime256v1 and the other NIST curves; OpenSSL's short name otherwise.
    static func curveName(_ key: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return "unknown curve"
        }
        let name = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let nid = OBJ_sn2nid(name)
        if nid != NID_undef, let nist = EC_curve_nid2nist(nid) { return String(cString: nist) }
        return name
    }

    /// Seconds since 1970 of an ASN1_TIME.
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        guard let time else { return Date(timeIntervalSince1970: 0) }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            ERR_clear_error()
            return Date(timeIntervalSince1970: 0)
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
