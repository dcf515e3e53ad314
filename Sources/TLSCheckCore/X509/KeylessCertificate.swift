internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// What an X.509 certificate says without its public key: names, dates, serial, extensions.
///
/// OpenSSL 3.0 spends ~95 % of a `d2i_X509` searching its decoders for the public key; `expiry`, which
/// needs names and dates only, parses certificates as this type (~15× faster). A `Certificate` is one
/// too and adds the key, fingerprints and signature checks; asking those of a certificate read without
/// its key does not compile.
///
/// Safe to share between tasks: the `X509` is never modified after init, and OpenSSL 3 guards the
/// extension cache it fills on first read with the object's own lock.
public class KeylessCertificate: @unchecked Sendable {
    let ref: OpaquePointer

    /// Takes ownership of an `X509*` (freed in deinit).
    init(adopting ref: OpaquePointer) { self.ref = ref }

    deinit { X509_free(ref) }

    /// One DER certificate, read without its public key. Throws when OpenSSL cannot parse it.
    public convenience init(der: [UInt8]) throws(OpenSSLError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            // An X509 of a library context without algorithms: the key has no decoder to try. On
            // failure OpenSSL frees the object and clears the pointer.
            var x509 = X509_new_ex(Self.keylessContext, nil)
            guard x509 != nil else { return nil }
            var cursor = buffer.baseAddress
            return d2i_X509(&x509, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLError.drain("reading a DER certificate") }
        self.init(adopting: parsed)
    }

    /// OpenSSL fills a certificate's extension cache (key usage, key identifiers) on first use.
    /// Read without the key, its SHA-1 fingerprint fails there, and the error must not linger in
    /// the queue for a later, unrelated call to report. Filled on first use rather than at parse:
    /// `expiry` never asks, and filling it was 11 % of its instructions.
    private func fillExtensionCache() {
        _ = X509_check_purpose(ref, -1, 0)
        ERR_clear_error()
    }

    /// OpenSSL's null provider only, loaded once for the process (library contexts are thread-safe).
    nonisolated(unsafe) private static let keylessContext: OpaquePointer? = {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        if OSSL_PROVIDER_load(context, "null") == nil { ERR_clear_error() }
        return context
    }()

    // MARK: Names

    /// The subject, most specific first: `CN=localhost, O=Example`.
    public var subjectName: DistinguishedName { DistinguishedName(X509_get_subject_name(ref)) }
    public var issuerName: DistinguishedName { DistinguishedName(X509_get_issuer_name(ref)) }
    /// The text of `subjectName` (what reports and the probe print).
    public var subject: String { subjectName.text }
    public var issuer: String { issuerName.text }

    /// The subject's (last) commonName, nil when there is none.
    public var commonName: String? {
        guard let name = X509_get_subject_name(ref) else { return nil }
        var last: Int32 = -1
        var index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        while index >= 0 {
            last = index
            index = X509_NAME_get_index_by_NID(name, NID_commonName, index)
        }
        guard last >= 0, let entry = X509_NAME_get_entry(name, last) else { return nil }
        return OpenSSLSupport.text(X509_NAME_ENTRY_get_data(entry))
    }

    /// The subjectAltName entries; empty when there is no such extension or OpenSSL cannot decode it
    /// (`hasSubjectAlternativeNames` tells the two apart).
    public var subjectAlternativeNames: [GeneralName] {
        guard let raw = X509_get_ext_d2i(ref, NID_subject_alt_name, nil, nil) else {
            ERR_clear_error()
            return []
        }
        let names = OpaquePointer(raw)
        defer { copenssl_GENERAL_NAMES_free(names) }
        var result: [GeneralName] = []
        for i in 0..<copenssl_sk_GENERAL_NAME_num(names) {
            guard let name = copenssl_sk_GENERAL_NAME_value(names, i) else { continue }
            result.append(Self.generalName(name))
        }
        return result
    }

    /// Whether the certificate carries a subjectAltName extension, readable or not.
    public var hasSubjectAlternativeNames: Bool { X509_get_ext_by_NID(ref, NID_subject_alt_name, -1) >= 0 }

    private static func generalName(_ name: UnsafeMutablePointer<GENERAL_NAME>) -> GeneralName {
        switch name.pointee.type {
        case GEN_DNS: return .dns(OpenSSLSupport.text(name.pointee.d.dNSName))
        case GEN_EMAIL: return .email(OpenSSLSupport.text(name.pointee.d.rfc822Name))
        case GEN_URI: return .uri(OpenSSLSupport.text(name.pointee.d.uniformResourceIdentifier))
        case GEN_IPADD:
            let bytes = OpenSSLSupport.bytes(name.pointee.d.iPAddress)
            return IPAddress.text(bytes).map(GeneralName.ip)
                ?? .other("IP of \(bytes.count) bytes (\(Hex.colonSeparated(bytes)))")
        case GEN_DIRNAME: return .other("DirName:" + OpenSSLSupport.readable(name.pointee.d.directoryName))
        case GEN_OTHERNAME: return .other("othername")
        case GEN_RID: return .other("RID")
        default: return .other("unsupported name kind \(name.pointee.type)")
        }
    }

    // MARK: Identity

    public var serialNumber: SerialNumber {
        guard let serial = X509_get0_serialNumber(ref) else { return SerialNumber(magnitude: [], isNegative: false) }
        return SerialNumber(
            magnitude: OpenSSLSupport.bytes(serial), isNegative: ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER)
    }

    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it (a `-` when negative).
    public var serialNumberHex: String { serialNumber.hex }

    public var notBefore: Date { OpenSSLSupport.date(X509_get0_notBefore(ref)) }
    public var notAfter: Date { OpenSSLSupport.date(X509_get0_notAfter(ref)) }

    /// 1, 2 or 3.
    public var version: Int { Int(X509_get_version(ref)) + 1 }

    public var signatureAlgorithm: SignatureAlgorithm {
        let nid = X509_get_signature_nid(ref)
        let name = OBJ_nid2ln(nid).map { String(cString: $0) } ?? "unknown"
        var digestNID: Int32 = NID_undef
        var keyNID: Int32 = NID_undef
        var digest: String?
        if OBJ_find_sigid_algs(nid, &digestNID, &keyNID) == 1, digestNID != NID_undef {
            digest = OBJ_nid2sn(digestNID).map { String(cString: $0).uppercased().filter { $0 != "-" } }
        }
        return SignatureAlgorithm(name: name, digest: digest)
    }

    // MARK: Extensions

    /// nil when the certificate has no keyUsage extension.
    public var keyUsage: KeyUsage? {
        fillExtensionCache()
        let flags = X509_get_extension_flags(ref)
        guard flags & UInt32(EXFLAG_KUSAGE) != 0 else { return nil }
        let bits = X509_get_key_usage(ref)
        let map: [(UInt32, KeyUsage)] = [
            (UInt32(KU_DIGITAL_SIGNATURE), .digitalSignature), (UInt32(KU_NON_REPUDIATION), .contentCommitment),
            (UInt32(KU_KEY_ENCIPHERMENT), .keyEncipherment), (UInt32(KU_DATA_ENCIPHERMENT), .dataEncipherment),
            (UInt32(KU_KEY_AGREEMENT), .keyAgreement), (UInt32(KU_KEY_CERT_SIGN), .keyCertSign),
            (UInt32(KU_CRL_SIGN), .cRLSign), (UInt32(KU_ENCIPHER_ONLY), .encipherOnly),
            (UInt32(KU_DECIPHER_ONLY), .decipherOnly),
        ]
        return map.reduce(into: KeyUsage()) { usage, pair in
            if bits & pair.0 != 0 { usage.insert(pair.1) }
        }
    }

    /// nil when the certificate has no extendedKeyUsage extension (then it is valid for any purpose).
    public var extendedKeyUsage: [ExtendedKeyUsage]? {
        guard let raw = X509_get_ext_d2i(ref, NID_ext_key_usage, nil, nil) else {
            ERR_clear_error()
            return nil
        }
        let objects = OpaquePointer(raw)
        defer { copenssl_EXTENDED_KEY_USAGE_free(objects) }
        var result: [ExtendedKeyUsage] = []
        for i in 0..<copenssl_sk_ASN1_OBJECT_num(objects) {
            guard let object = copenssl_sk_ASN1_OBJECT_value(objects, i) else { continue }
            switch OBJ_obj2nid(object) {
            case NID_server_auth: result.append(.serverAuth)
            case NID_client_auth: result.append(.clientAuth)
            case NID_code_sign: result.append(.codeSigning)
            case NID_email_protect: result.append(.emailProtection)
            case NID_time_stamp: result.append(.timeStamping)
            case NID_OCSP_sign: result.append(.ocspSigning)
            case NID_anyExtendedKeyUsage: result.append(.any)
            default:
                var buffer = [CChar](repeating: 0, count: 128)
                let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
                result.append(.other(String(decoding: buffer.prefix(Int(max(length, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)))
            }
        }
        return result
    }

    /// Whether the extended key usage allows `usage` (absent EKU or anyExtendedKeyUsage allow all).
    public func allows(_ usage: ExtendedKeyUsage) -> Bool {
        guard let list = extendedKeyUsage else { return true }
        return list.contains(usage) || list.contains(.any)
    }

    /// nil when the certificate has no basicConstraints extension.
    public var basicConstraints: BasicConstraints? {
        var critical: Int32 = 0
        guard let raw = X509_get_ext_d2i(ref, NID_basic_constraints, &critical, nil) else {
            ERR_clear_error()
            return nil
        }
        let constraints = raw.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
        defer { BASIC_CONSTRAINTS_free(constraints) }
        let pathLength = constraints.pointee.pathlen.map { Int(ASN1_INTEGER_get($0)) }
        return BasicConstraints(
            isCA: constraints.pointee.ca != 0, pathLength: pathLength, isCritical: critical == 1)
    }

    /// True for a CA certificate: basicConstraints CA:TRUE.
    public var isCA: Bool { basicConstraints?.isCA ?? false }

    public var subjectKeyIdentifier: String? {
        fillExtensionCache()
        return X509_get0_subject_key_id(ref).map { Hex.colonSeparated(OpenSSLSupport.bytes($0)) }
    }

    public var authorityKeyIdentifier: String? {
        fillExtensionCache()
        return X509_get0_authority_key_id(ref).map { Hex.colonSeparated(OpenSSLSupport.bytes($0)) }
    }

    // MARK: Relations and encodings

    /// Subject and issuer are the same name.
    public var isSelfIssued: Bool {
        X509_NAME_cmp(X509_get_subject_name(ref), X509_get_issuer_name(ref)) == 0
    }

    /// This certificate's issuer name is `other`'s subject name (byte for byte, as Go and OpenSSL
    /// match them); the signature is not checked.
    public func namesIssuer(_ other: KeylessCertificate) -> Bool {
        X509_NAME_cmp(X509_get_issuer_name(ref), X509_get_subject_name(other.ref)) == 0
    }

    public var der: [UInt8] { OpenSSLSupport.der { i2d_X509(ref, $0) } }
    public var pem: String { PEM.encode(der, label: "CERTIFICATE") }
}

/// IP address text forms, as Go prints them.
enum IPAddress {
    static func text(_ bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        let ok = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard ok != nil else { return nil }
        return OpenSSLSupport.string(buffer)
    }

    /// 4 or 16 bytes for an IPv4 or IPv6 address text, nil when it is not one.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
