internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// A CA that signs: its certificate, its key, and the chain that goes with what it issues.
public struct Signer: Sendable {
    public let certificate: Certificate
    public let key: PrivateKey
    /// Intermediates to send after a certificate this signer issues: the signer itself unless it is
    /// a root, then the intermediates above it. Roots are never included.
    public let chain: [Certificate]

    /// Checks that the key belongs to the certificate and that the certificate may sign.
    public init(certificate: Certificate, key: PrivateKey, issuers: [Certificate] = [], now: Date) throws(GenerationError) {
        let name = certificate.commonName ?? certificate.subject
        guard key.matches(certificate) else {
            throw GenerationError(.input, "the CA key does not belong to the CA certificate (\(name))")
        }
        guard certificate.isCA else {
            throw GenerationError(.input, "\(name) is not a CA certificate (no basicConstraints CA:TRUE): it cannot sign certificates")
        }
        if let usage = certificate.keyUsage, !usage.contains(.keyCertSign) {
            throw GenerationError(.input, "\(name) may not sign certificates: its keyUsage (\(usage)) lacks keyCertSign")
        }
        guard certificate.notAfter > now else {
            throw GenerationError(.input, "the CA certificate \(name) expired on \(Dates.text(certificate.notAfter))")
        }
        self.certificate = certificate
        self.key = key
        self.chain = ([certificate] + issuers).filter { !$0.isSelfSigned }
    }

    /// Reads a CA certificate file (its first certificate signs; the rest is its chain) and its key.
    public static func load(
        certificatePath: String, keyPath: String, passphrase: String?, now: Date
    ) throws(GenerationError) -> Signer {
        let certificateBytes = try readInput(certificatePath, "CA certificate")
        let bundle = Certificate.bundle(from: certificateBytes)
        guard let certificate = bundle.entries.first?.certificate else {
            let reason = bundle.problems.first?.reason ?? "no certificate in it"
            throw GenerationError(.input, "cannot use the CA certificate \(certificatePath): \(reason)")
        }
        let keyBytes = try readInput(keyPath, "CA key")
        let key: PrivateKey
        do {
            key = try PrivateKey(pem: keyBytes, passphrase: passphrase)
        } catch {
            let reason =
                switch error {
                case .encrypted: "it is encrypted; give its passphrase with --ca-key-passphrase-file"
                case .wrongPassphrase: "the passphrase does not decrypt it"
                default: error.description
                }
            throw GenerationError(.input, "cannot use the CA key \(keyPath): \(reason)")
        }
        return try Signer(
            certificate: certificate, key: key, issuers: Array(bundle.certificates.dropFirst()), now: now)
    }

    static func readInput(_ path: String, _ what: String) throws(GenerationError) -> [UInt8] {
        switch FileInput.read(path, origin: .commandLine) {
        case .success(let bytes): return bytes
        case .failure(let error): throw GenerationError(.usage, "cannot read the \(what) \(path): \(error.reason)")
        }
    }
}

/// Makes certificates: random serial, backdated validity, the extensions of `CertificateTemplate`,
/// key identifiers, and a signature with a digest that fits the issuer's key.
public enum CertificateIssuer {
    /// Issues `template` for `subjectKey`, signed by `signer` (nil: self-signed with `subjectKey`).
    public static func issue(
        _ template: CertificateTemplate, subjectKey: PrivateKey, signer: Signer?, now: Date
    ) throws(GenerationError) -> Certificate {
        if case .leaf = template.kind, template.subjectAlternativeNames.isEmpty {
            throw GenerationError(.usage, "a leaf certificate needs at least one host name or address (Go ignores the Common Name)")
        }
        guard let x509 = X509_new() else { throw failure("creating a certificate") }
        defer { X509_free(x509) }
        let signingKey = signer?.key ?? subjectKey

        guard X509_set_version(x509, 2) == 1 else { throw failure("setting the version") }
        try setSerial(x509)
        let notBefore = now.addingTimeInterval(-template.backdate)
        let notAfter = notBefore.addingTimeInterval(TimeInterval(template.days) * 86_400)
        guard ASN1_TIME_set(X509_getm_notBefore(x509), time_t(Int.saturating(notBefore.timeIntervalSince1970))) != nil,
            ASN1_TIME_set(X509_getm_notAfter(x509), time_t(Int.saturating(notAfter.timeIntervalSince1970))) != nil
        else { throw failure("setting the validity") }

        try setSubject(x509, template)
        let issuerName = signer.map { X509_get_subject_name($0.certificate.ref) } ?? X509_get_subject_name(x509)
        guard X509_set_issuer_name(x509, issuerName) == 1 else { throw failure("setting the issuer") }
        try setPublicKey(x509, subjectKey)

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, signer?.certificate.ref ?? x509, x509, nil, nil, 0)
        let isRSA = subjectKey.algorithm == .rsa
        switch template.kind {
        case .ca(let pathLength):
            try addExtension(x509, &context, NID_basic_constraints,
                             "critical,CA:TRUE" + (pathLength.map { ",pathlen:\($0)" } ?? ""))
            try addExtension(x509, &context, NID_key_usage, "critical,keyCertSign,cRLSign")
        case .leaf(let usage):
            try addExtension(x509, &context, NID_basic_constraints, "critical,CA:FALSE")
            try addExtension(x509, &context, NID_key_usage,
                             "critical,digitalSignature" + (isRSA ? ",keyEncipherment" : ""))
            let purposes = (usage.contains(.server) ? ["serverAuth"] : []) + (usage.contains(.client) ? ["clientAuth"] : [])
            try addExtension(x509, &context, NID_ext_key_usage, purposes.joined(separator: ","))
            try addSubjectAlternativeNames(x509, template.subjectAlternativeNames)
        }
        try addExtension(x509, &context, NID_subject_key_identifier, "hash")
        try addExtension(x509, &context, NID_authority_key_identifier, "keyid:always")

        guard X509_sign(x509, signingKey.ref, signingKey.signingDigest) > 0 else { throw failure("signing the certificate") }
        // A fresh parse, so the result carries no state from its construction.
        let der = OpenSSLSupport.der { i2d_X509(x509, $0) }
        do {
            return try Certificate(der: der)
        } catch {
            throw GenerationError(.internal, error.description)
        }
    }

    /// 20 random bytes with the top bit cleared: positive, at most 20 octets, about 159 bits of
    /// randomness (RFC 5280 §4.1.2.2, CA/Browser Forum ≥ 64 bits, Go ≥ 1.23 refuses negatives).
    static func setSerial(_ x509: OpaquePointer) throws(GenerationError) {
        var bytes = [UInt8](repeating: 0, count: 20)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw failure("making a random serial number") }
        bytes[0] &= 0x7F
        if bytes[0] == 0 { bytes[0] = 0x40 }  // keep it at full length, never zero
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw failure("making the serial") }
        defer { BN_free(number) }
        guard let serial = BN_to_ASN1_INTEGER(number, nil) else { throw failure("making the serial") }
        defer { ASN1_INTEGER_free(serial) }
        guard X509_set_serialNumber(x509, serial) == 1 else { throw failure("setting the serial") }
    }

    /// The subject public key. EC and Ed25519 keys are written from their encoded point: OpenSSL 3.0's
    /// `X509_set_pubkey` runs a key through a search of every encoder and then every decoder, which
    /// costs more than making the key and signing. The re-parse in `issue` gives the result its key.
    /// RSA keys, whose generation dwarfs this, take the ordinary way.
    static func setPublicKey(_ x509: OpaquePointer, _ key: PrivateKey) throws(GenerationError) {
        guard let (algorithm, curve) = key.writtenAlgorithm, let bytes = key.publicKeyBytes else {
            guard X509_set_pubkey(x509, key.ref) == 1 else { throw failure("setting the public key") }
            return
        }
        // The certificate takes ownership of an OpenSSL allocation; built-in objects need no freeing.
        guard let point = copenssl_malloc(bytes.count)?.assumingMemoryBound(to: UInt8.self) else {
            throw failure("setting the public key")
        }
        point.initialize(from: bytes, count: bytes.count)
        let set = X509_PUBKEY_set0_param(
            X509_get_X509_PUBKEY(x509), OBJ_nid2obj(algorithm), curve == nil ? V_ASN1_UNDEF : V_ASN1_OBJECT,
            curve.map { UnsafeMutableRawPointer(OBJ_nid2obj($0)) }, point, Int32(bytes.count))
        guard set == 1 else {
            copenssl_free(point)
            throw failure("setting the public key")
        }
    }

    static func setSubject(_ x509: OpaquePointer, _ template: CertificateTemplate) throws(GenerationError) {
        guard let name = X509_NAME_new() else { throw failure("creating the subject") }
        defer { X509_NAME_free(name) }
        var entries: [(String, String)] = []
        if let organization = template.organization, !organization.isEmpty { entries.append(("O", organization)) }
        // ub-common-name is 64 characters; a longer first host stays in the SANs only.
        if !template.commonName.isEmpty && template.commonName.count <= 64 { entries.append(("CN", template.commonName)) }
        if entries.isEmpty { throw GenerationError(.usage, "the certificate needs a Common Name or an organization") }
        for (field, value) in entries {
            let added = X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0)
            guard added == 1 else {
                throw GenerationError(.usage, "cannot use '\(value)' as the \(field) of a certificate: "
                    + OpenSSLError.drain("").reasons.joined(separator: ", "))
            }
        }
        guard X509_set_subject_name(x509, name) == 1 else { throw failure("setting the subject") }
    }

    static func addExtension(
        _ x509: OpaquePointer, _ context: inout X509V3_CTX, _ nid: Int32, _ value: String
    ) throws(GenerationError) {
        guard let ext = X509V3_EXT_nconf_nid(nil, &context, nid, value) else {
            throw failure("making the \(String(cString: OBJ_nid2sn(nid))) extension")
        }
        defer { X509_EXTENSION_free(ext) }
        guard X509_add_ext(x509, ext, -1) == 1 else { throw failure("adding an extension") }
    }

    static func addSubjectAlternativeNames(_ x509: OpaquePointer, _ names: [GeneralName]) throws(GenerationError) {
        guard let stack = copenssl_sk_GENERAL_NAME_new_null() else { throw failure("making the SAN list") }
        defer { copenssl_GENERAL_NAMES_free(stack) }
        for name in names {
            guard let entry = GENERAL_NAME_new() else { throw failure("making a SAN") }
            switch name {
            case .dns(let text): setString(entry, GEN_DNS, text)
            case .email(let text): setString(entry, GEN_EMAIL, text)
            case .uri(let text): setString(entry, GEN_URI, text)
            case .ip(let text):
                guard let address = a2i_IPADDRESS(text) else {
                    GENERAL_NAME_free(entry)
                    OpenSSLError.drainQueue()
                    throw GenerationError(.usage, "'\(text)' is not a valid IP address")
                }
                GENERAL_NAME_set0_value(entry, GEN_IPADD, address)
            case .other(let text):
                GENERAL_NAME_free(entry)
                throw GenerationError(.usage, "cannot put '\(text)' in a certificate")
            }
            guard copenssl_sk_GENERAL_NAME_push(stack, entry) > 0 else {
                GENERAL_NAME_free(entry)
                throw failure("adding a SAN")
            }
        }
        guard X509_add1_ext_i2d(x509, NID_subject_alt_name, UnsafeMutableRawPointer(stack), 0, UInt(X509V3_ADD_DEFAULT)) == 1
        else { throw failure("adding the subjectAltName extension") }
    }

    private static func setString(_ entry: UnsafeMutablePointer<GENERAL_NAME>, _ type: Int32, _ text: String) {
        let string = ASN1_IA5STRING_new()
        ASN1_STRING_set(string, text, Int32(text.utf8.count))
        GENERAL_NAME_set0_value(entry, type, UnsafeMutableRawPointer(string))
    }

    static func failure(_ what: String) -> GenerationError {
        GenerationError(.internal, OpenSSLError.drain(what).description)
    }
}
