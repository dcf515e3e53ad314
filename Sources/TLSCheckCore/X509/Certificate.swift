internal import COpenSSL
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An X.509 certificate, read through OpenSSL, with Swift-typed facts.
///
/// Safe to share between tasks: the `X509` is never modified after init, and OpenSSL 3 guards the
/// extension cache it fills on first read with the object's own lock.
public final class Certificate: @unchecked Sendable {
    let ref: OpaquePointer
    public let depth: Depth
    private let selfSigned = Mutex<Bool?>(nil)

    /// How much of a certificate is decoded. OpenSSL 3.0 spends ~95 % of a `d2i_X509` searching its
    /// decoders for the public key; `expiry`, which needs names and dates only, reads `.withoutKey`
    /// (~15× faster). Such a certificate has no public key, fingerprint or signature check: asking
    /// for one is a programming error, caught by assertions in debug builds.
    public enum Depth: Sendable { case full, withoutKey }

    /// Takes ownership of an `X509*` (freed in deinit).
    init(takingOwnership ref: OpaquePointer, depth: Depth = .full) {
        self.ref = ref
        self.depth = depth
    }

    deinit { X509_free(ref) }

    /// One DER certificate. Throws when OpenSSL cannot parse it.
    public convenience init(der: [UInt8], depth: Depth = .full) throws(OpenSSLError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard depth == .withoutKey else { return d2i_X509(nil, &cursor, buffer.count) }
            // An X509 of a library context without algorithms: the key has no decoder to try. On
            // failure OpenSSL frees the object and clears the pointer.
            var x509 = X509_new_ex(Self.keylessContext, nil)
            guard x509 != nil else { return nil }
            return d2i_X509(&x509, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLError.drain("reading a DER certificate") }
        if depth == .withoutKey {
            // Fill the extension cache now: its SHA-1 fingerprint fails here, and the error must not
            // linger in the queue for a later, unrelated call to report.
            _ = X509_check_purpose(parsed, -1, 0)
            ERR_clear_error()
        }
        self.init(takingOwnership: parsed, depth: depth)
    }

    /// OpenSSL's null provider only, loaded once for the process (library contexts are thread-safe).
    nonisolated(unsafe) private static let keylessContext: OpaquePointer? = {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        if OSSL_PROVIDER_load(context, "null") == nil { ERR_clear_error() }
        return context
    }()

    /// The certificate of these DER bytes, parsed once per process: configs in a tree usually share
    /// their certificate and CA files, and OpenSSL 3.0's `d2i_X509` costs ~200 µs.
    public static func parsed(der: [UInt8]) throws(OpenSSLError) -> Certificate {
        if let cached = recentlyParsed.withLock({ $0[der] }) { return cached }
        let certificate = try Certificate(der: der)
        recentlyParsed.withLock { cache in
            if cache.count >= 256 { cache.removeAll(keepingCapacity: true) }  // bounded, not an LRU: enough here
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
        X509_up_ref(first.certificate.ref)
        self.init(takingOwnership: first.certificate.ref)
    }

    // MARK: Loading bundles

    /// A certificate of a bundle and the line its `-----BEGIN` is on (nil for DER input).
    public struct Entry: Sendable {
        public let certificate: Certificate
        public let line: Int?
        /// 1-based position among the file's certificates.
        public let index: Int
    }

    /// A block that looked like a certificate but could not be read.
    public struct LoadProblem: Sendable, Hashable {
        public let line: Int?
        public let reason: String
        /// 1-based position among the CERTIFICATE blocks; nil for a broken block or DER input.
        public var index: Int? = nil
    }

    /// Every certificate of a file: PEM (all `CERTIFICATE` blocks, junk between them ignored, as
    /// Go does) or a single DER certificate.
    public struct Bundle: Sendable {
        public var entries: [Entry] = []
        public var problems: [LoadProblem] = []
        /// Labels of PEM blocks that are not certificates (keys, CSRs), in order.
        public var otherBlocks: [PEMBlock] = []
        public var isPEM = true
        public var certificates: [Certificate] { entries.map(\.certificate) }
    }

    /// Reads all certificates of a PEM or DER file's bytes.
    public static func bundle(from bytes: [UInt8], depth: Depth = .full) -> Bundle {
        if PEM.looksLikePEM(bytes) { return bundle(from: PEM.scan(bytes), depth: depth) }
        var der = Bundle()
        der.isPEM = false
        if bytes.first == 0x30 {
            do {
                der.entries.append(Entry(certificate: try Certificate(der: bytes, depth: depth), line: nil, index: 1))
            } catch {
                der.problems.append(LoadProblem(line: nil, reason: "not a valid DER certificate: \(error)"))
            }
        }
        return der
    }

    /// The certificates of an already scanned PEM text.
    public static func bundle(from scan: PEMScan, depth: Depth = .full) -> Bundle {
        var bundle = Bundle()
        var position = 0
        for block in scan.blocks {
            guard block.label == "CERTIFICATE" else {
                bundle.otherBlocks.append(block)
                continue
            }
            position += 1
            do {
                // The cache holds full parses, which other checks share; keyless ones are cheap.
                let certificate = depth == .full
                    ? try Certificate.parsed(der: block.bytes) : try Certificate(der: block.bytes, depth: .withoutKey)
                if let problem = certificate.goParseProblem {
                    bundle.problems.append(LoadProblem(line: block.line, reason: problem, index: position))
                }
                bundle.entries.append(Entry(certificate: certificate, line: block.line, index: position))
            } catch {
                bundle.problems.append(LoadProblem(
                    line: block.line, reason: "the CERTIFICATE block is not a valid X.509 certificate"
                        + (error.reasons.isEmpty ? "" : " (\(error.reasons.joined(separator: ", ")))"),
                    index: position))
            }
        }
        for bad in scan.malformed where bad.label.isEmpty || bad.label == "CERTIFICATE" {
            bundle.problems.append(LoadProblem(line: bad.line, reason: "a broken PEM block: \(bad.reason)"))
        }
        bundle.problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return bundle
    }

    // MARK: Names

    /// The subject as one line, most specific first: `CN=localhost, O=Example`.
    public var subject: String { OpenSSLSupport.readable(X509_get_subject_name(ref)) }
    public var issuer: String { OpenSSLSupport.readable(X509_get_issuer_name(ref)) }

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

    public var subjectAlternativeNames: [GeneralName] {
        guard let raw = X509_get_ext_d2i(ref, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { copenssl_GENERAL_NAMES_free(names) }
        var result: [GeneralName] = []
        for i in 0..<copenssl_sk_GENERAL_NAME_num(names) {
            guard let name = copenssl_sk_GENERAL_NAME_value(names, i) else { continue }
            result.append(Self.generalName(name))
        }
        return result
    }

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

    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it (a `-` when negative).
    public var serialNumberHex: String {
        guard let serial = X509_get0_serialNumber(ref), let bn = ASN1_INTEGER_to_BN(serial, nil) else {
            return ""
        }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { copenssl_free(hex) }
        var text = String(cString: hex)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        if text.count % 2 == 1 { text = "0" + text }
        return (negative ? "-" : "") + text
    }

    /// Length of the serial's DER content in bytes (RFC 5280: at most 20).
    public var serialNumberLength: Int {
        Int(ASN1_STRING_length(X509_get0_serialNumber(ref)))
    }

    public var isSerialNumberNegative: Bool { serialNumberHex.hasPrefix("-") }

    public var notBefore: Date { OpenSSLSupport.date(X509_get0_notBefore(ref)) }
    public var notAfter: Date { OpenSSLSupport.date(X509_get0_notAfter(ref)) }

    /// 1, 2 or 3.
    public var version: Int { Int(X509_get_version(ref)) + 1 }

    public var sha256Fingerprint: String { Hex.colonSeparated(digest(EVP_sha256())) }
    public var sha1Fingerprint: String { Hex.colonSeparated(digest(EVP_sha1())) }

    private func digest(_ md: OpaquePointer?) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        assert(depth == .full, "a certificate read without its key has no fingerprint")
        guard X509_digest(ref, md, &buffer, &length) == 1 else {
            ERR_clear_error()
            return []
        }
        return Array(buffer.prefix(Int(length)))
    }

    // MARK: Keys and signature

    public var publicKey: PublicKeyInfo {
        assert(depth == .full, "a certificate read without its key has no public key")
        guard let key = X509_get0_pubkey(ref) else {
            ERR_clear_error()
            return PublicKeyInfo(algorithm: .other("unreadable"), bits: 0)
        }
        return OpenSSLSupport.keyInfo(key)
    }

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

    /// The public key as DER SubjectPublicKeyInfo.
    public var publicKeyDER: [UInt8] {
        assert(depth == .full, "a certificate read without its key has no public key")
        guard let key = X509_get0_pubkey(ref) else { return [] }
        return OpenSSLSupport.der { i2d_PUBKEY(key, $0) }
    }

    // MARK: Extensions

    /// nil when the certificate has no keyUsage extension.
    public var keyUsage: KeyUsage? {
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
        guard let raw = X509_get_ext_d2i(ref, NID_ext_key_usage, nil, nil) else { return nil }
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
        guard let raw = X509_get_ext_d2i(ref, NID_basic_constraints, &critical, nil) else { return nil }
        let constraints = raw.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
        defer { BASIC_CONSTRAINTS_free(constraints) }
        let pathLength = constraints.pointee.pathlen.map { Int(ASN1_INTEGER_get($0)) }
        return BasicConstraints(
            isCA: constraints.pointee.ca != 0, pathLength: pathLength, isCritical: critical == 1)
    }

    /// True for a CA certificate: basicConstraints CA:TRUE.
    public var isCA: Bool { basicConstraints?.isCA ?? false }

    public var subjectKeyIdentifier: String? {
        X509_get0_subject_key_id(ref).map { Hex.colonSeparated(OpenSSLSupport.bytes($0)) }
    }

    public var authorityKeyIdentifier: String? {
        X509_get0_authority_key_id(ref).map { Hex.colonSeparated(OpenSSLSupport.bytes($0)) }
    }

    // MARK: Relations

    /// Subject and issuer are the same name.
    public var isSelfIssued: Bool {
        X509_NAME_cmp(X509_get_subject_name(ref), X509_get_issuer_name(ref)) == 0
    }

    /// Self-issued and signed by its own key. Computed once: a signature check costs ~0.1–1 ms and
    /// certificates are shared through `parsed(der:)`.
    public var isSelfSigned: Bool {
        if let known = selfSigned.withLock({ $0 }) { return known }
        let value = isSelfIssued && signatureVerifies(with: self)
        selfSigned.withLock { $0 = value }
        return value
    }

    /// `issuer` names this certificate's issuer and its key made the signature.
    public func isIssued(by issuer: Certificate) -> Bool {
        X509_NAME_cmp(X509_get_issuer_name(ref), X509_get_subject_name(issuer.ref)) == 0
            && signatureVerifies(with: issuer)
    }

    func signatureVerifies(with issuer: Certificate) -> Bool {
        assert(issuer.depth == .full, "a certificate read without its key cannot check a signature")
        guard let key = X509_get0_pubkey(issuer.ref) else {
            ERR_clear_error()
            return false
        }
        let verified = X509_verify(ref, key) == 1
        if !verified { ERR_clear_error() }
        return verified
    }

    /// Why Go's `x509.ParseCertificate` would refuse this certificate, in Go's words, or nil.
    public var goParseProblem: String? {
        if isSerialNumberNegative { return "x509: negative serial number" }
        for name in subjectAlternativeNames {
            if case .other(let text) = name, text.hasPrefix("IP of ") {
                let length = text.dropFirst(6).prefix { $0.isNumber }
                return "x509: cannot parse IP address of length \(length)"
            }
        }
        return nil
    }

    // MARK: Encodings

    public var der: [UInt8] { OpenSSLSupport.der { i2d_X509(ref, $0) } }
    public var pem: String { PEM.encode(der, label: "CERTIFICATE") }

    /// True when both hold the same DER.
    public func isSame(as other: Certificate) -> Bool { X509_cmp(ref, other.ref) == 0 }
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
