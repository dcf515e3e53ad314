internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// Why probing cannot start: an unreadable CA file, a client key that does not match its certificate…
public struct ProbeSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String
    public var description: String { message }
}

/// The one `SSL_CTX` of a run: trust store, client identity, versions, ALPN. Loading the system
/// trust store costs milliseconds, so it is done once and shared by every probe.
///
/// `@unchecked Sendable` is safe: the context is fully configured in `init` and only read after
/// (`SSL_new` on a shared, unchanging `SSL_CTX` is thread-safe in OpenSSL 3); it is freed in `deinit`.
final class TLSClientContext: @unchecked Sendable {
    let context: OpaquePointer
    let hasClientCertificate: Bool
    /// True when --ca-file or --ca-dir replaced the system store.
    let hasCustomTrust: Bool
    let alpnWire: [UInt8]

    init(options: ProbeOptions) throws(ProbeSetupError) {
        OpenSSLError.drainQueue()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw ProbeSetupError(message: OpenSSLError.drain("creating the TLS context").description, hint: "this is a bug in tlscheck")
        }
        self.context = context
        hasClientCertificate = options.certificateFile != nil
        hasCustomTrust = options.caFile != nil || options.caDir != nil

        // Verification always runs and its result is read after the handshake (SSL_VERIFY_NONE
        // does not abort): the probe then reports the chain, the verdict and what else the server
        // does, instead of stopping at the first problem as a client would.
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        _ = copenssl_SSL_CTX_set_session_cache_mode(context, copenssl_SSL_SESS_CACHE_OFF())

        for path in [options.caFile, options.certificateFile, options.keyFile].compactMap({ $0 }) {
            if case .failure(let error) = FileInput.read(path) {
                throw ProbeSetupError(message: error.description, hint: error.hint)
            }
        }
        if hasCustomTrust {
            guard SSL_CTX_load_verify_locations(context, options.caFile, options.caDir) == 1 else {
                let what = [options.caFile.map { "--ca-file \($0)" }, options.caDir.map { "--ca-dir \($0)" }]
                    .compactMap { $0 }.joined(separator: " and ")
                throw ProbeSetupError(
                    message: OpenSSLError.drain("loading \(what)").description,
                    hint: "give a PEM file of CA certificates (or a folder prepared with openssl rehash)")
            }
        } else if SSL_CTX_set_default_verify_paths(context) != 1 {
            throw ProbeSetupError(
                message: OpenSSLError.drain("loading the system trust store").description,
                hint: "install ca-certificates, or pass --ca-file")
        }
        if let verificationTime = options.verificationTime {
            X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(context), time_t(verificationTime.timeIntervalSince1970))
        }

        switch (options.certificateFile, options.keyFile) {
        case (let cert?, let key?):
            guard SSL_CTX_use_certificate_chain_file(context, cert) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("reading the client certificate \(cert)").description,
                    hint: "give a PEM certificate (leaf first, then intermediates)")
            }
            guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("reading the client key \(key)").description,
                    hint: "give an unencrypted PEM private key")
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("matching \(key) to \(cert)").description,
                    hint: "--key must be the private key of --cert")
            }
        case (nil, nil):
            break
        default:
            throw ProbeSetupError(message: "--cert and --key go together", hint: "pass both, or neither")
        }

        if let min = options.minVersion { _ = copenssl_SSL_CTX_set_min_proto_version(context, min.openSSLValue) }
        if let max = options.maxVersion { _ = copenssl_SSL_CTX_set_max_proto_version(context, max.openSSLValue) }
        if options.minVersion.map({ $0.isLegacy }) == true || options.maxVersion.map({ $0.isLegacy }) == true {
            // OpenSSL 3 refuses TLS 1.0/1.1 at the default security level; asking for them means it.
            SSL_CTX_set_security_level(context, 0)
            _ = SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
        }
        if !options.groups.isEmpty {
            guard copenssl_SSL_CTX_set1_groups_list(context, options.groups.joined(separator: ":")) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("setting groups \(options.groups.joined(separator: ","))").description,
                    hint: "use group names OpenSSL knows: X25519, P-256, P-384, X448, ffdhe2048")
            }
        }
        var wire: [UInt8] = []
        for name in options.alpn {
            let bytes = Array(name.utf8)
            guard (1...255).contains(bytes.count) else {
                throw ProbeSetupError(message: "ALPN protocol '\(name)' must be 1 to 255 bytes", hint: "use names like h2 or http/1.1")
            }
            wire.append(UInt8(bytes.count))
            wire += bytes
        }
        alpnWire = wire
        if !wire.isEmpty {
            _ = SSL_CTX_set_alpn_protos(context, wire, UInt32(wire.count))  // 0 on success
        }
        OpenSSLError.drainQueue()
    }

    deinit { SSL_CTX_free(context) }
}

/// Reads the parts of an X.509 certificate a probe reports. Kept to this one function until the
/// X509 layer's `Certificate` arrives, then replaced by it.
enum PeerCertificateReader {
    static func read(_ x509: OpaquePointer) -> PeerCertificate {
        PeerCertificate(
            subject: name(X509_get_subject_name(x509)),
            issuer: name(X509_get_issuer_name(x509)),
            subjectAlternativeNames: subjectAlternativeNames(x509),
            notBefore: date(X509_get0_notBefore(x509)) ?? Date(timeIntervalSince1970: 0),
            notAfter: date(X509_get0_notAfter(x509)) ?? Date(timeIntervalSince1970: 0),
            publicKey: publicKey(x509),
            signatureAlgorithm: String(cString: OBJ_nid2ln(X509_get_signature_nid(x509))),
            serialNumber: serial(x509),
            sha256Fingerprint: fingerprint(x509),
            isCA: X509_check_ca(x509) > 0,
            isSelfSigned: X509_check_issued(x509, x509) == X509_V_OK)
    }

    /// RFC 2253 form, as Go prints names: `CN=localhost,O=Example`.
    static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, copenssl_XN_FLAG_RFC2253() & ~UInt(ASN1_STRFLGS_ESC_MSB))
        return bioString(bio)
    }

    static func bioString(_ bio: OpaquePointer) -> String {
        var pointer: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func subjectAlternativeNames(_ x509: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { copenssl_GENERAL_NAMES_free(names) }
        var out: [String] = []
        for i in 0..<copenssl_sk_GENERAL_NAME_num(names) {
            guard let general = copenssl_sk_GENERAL_NAME_value(names, i) else { continue }
            let type = general.pointee.type
            switch type {
            case GEN_DNS: out.append("DNS:" + asn1String(general.pointee.d.dNSName))
            case GEN_EMAIL: out.append("email:" + asn1String(general.pointee.d.rfc822Name))
            case GEN_URI: out.append("URI:" + asn1String(general.pointee.d.uniformResourceIdentifier))
            case GEN_IPADD:
                let bytes = asn1Bytes(general.pointee.d.iPAddress)
                var text = [CChar](repeating: 0, count: 64)
                let family = bytes.count == 16 ? AF_INET6 : AF_INET
                if bytes.count == 4 || bytes.count == 16, inet_ntop(family, bytes, &text, 64) != nil {
                    out.append("IP:" + String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                }
            default: continue
            }
        }
        return out
    }

    static func asn1Bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    static func asn1String(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        String(decoding: asn1Bytes(string), as: UTF8.self)
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    static func publicKey(_ x509: OpaquePointer) -> String {
        guard let key = X509_get0_pubkey(x509) else { return "unknown" }
        let bits = EVP_PKEY_get_bits(key)
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: return "RSA \(bits)"
        case EVP_PKEY_EC:
            var group = [CChar](repeating: 0, count: 64)
            var length = 0
            if EVP_PKEY_get_group_name(key, &group, 64, &length) == 1 {
                let curve = String(decoding: group.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return "EC " + (curveNames[curve] ?? curve)
            }
            return "EC \(bits)"
        case EVP_PKEY_ED25519: return "Ed25519"
        case EVP_PKEY_ED448: return "Ed448"
        default: return "\(String(cString: OBJ_nid2sn(EVP_PKEY_get_base_id(key)))) \(bits)"
        }
    }

    static let curveNames = ["prime256v1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"]

    static func serial(_ x509: OpaquePointer) -> String {
        guard let serial = X509_get0_serialNumber(x509), let bn = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { copenssl_free(hex) }
        return String(cString: hex)
    }

    static func fingerprint(_ x509: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(x509, EVP_sha256(), &digest, &length) == 1 else { return "" }
        let hex: [Character] = Array("0123456789abcdef")
        return String(digest.prefix(Int(length)).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] })
    }
}
