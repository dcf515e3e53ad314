/// Every sentence the material checks say, in one place: how a certificate, a block or a source is
/// named, Go's own error messages (quoted verbatim so users can search for them), and the text of
/// each finding of `GoKeyPairLoader` and `CertificateFacts`, which decide what is wrong but not how
/// it reads.
enum MaterialWording {
    // MARK: Go's messages (crypto/tls, crypto/x509)

    enum Go {
        static let noCertificateData = "tls: failed to find any PEM data in certificate input"
        static let noKeyData = "tls: failed to find any PEM data in key input"
        static let keyInsteadOfCertificate =
            "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched"
        static let certificateInsteadOfKey = "tls: found a certificate rather than a key in the PEM for the private key"
        static let unparsableKey = "tls: failed to parse private key"
        static let keyMismatch = "tls: private key does not match public key"
        static let keyTypeMismatch = "tls: private key type does not match public key type"
        static let unknownKeyAlgorithm = "tls: unknown public key algorithm"
        static let unsupportedCurve = "x509: unsupported elliptic curve"
        static let expired = "x509: certificate has expired or is not yet valid"
        static let legacyCommonName = "x509: certificate relies on legacy Common Name field, use SANs instead"
        static let incompatibleUsage = "x509: certificate specifies an incompatible key usage"

        static func noCertificateBlock(skipping labels: [String]) -> String {
            "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [\(labels.joined(separator: " "))]"
        }

        static func noKeyBlock(skipping labels: [String]) -> String {
            "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [\(labels.joined(separator: " "))]"
        }
    }

    // MARK: Naming

    /// `server certificate server.crt (CN=localhost)` or `certificate 2 of chain.pem (line 21, CN=Sub CA)`.
    static func describe<C>(_ entry: CertificateBundle<C>.Entry, count: Int, noun: String, in source: MaterialSource) -> String {
        let name = entry.certificate.commonName.map { "CN=\($0)" } ?? entry.certificate.subject
        let nameText = name.isEmpty ? "empty subject" : name
        if count == 1 { return "\(noun) \(source.name) (\(nameText))" }
        let line = source.isFile ? entry.line.map { "line \($0), " } ?? "" : ""
        return "certificate \(entry.index) of \(source.name) (\(line)\(nameText))"
    }

    /// `certificate 2 of chain.pem (line 21)`, or `a PEM block of chain.pem` when it is not a certificate.
    static func position(_ index: Int?, _ line: Int?, in source: MaterialSource) -> String {
        let where_ = source.isFile ? line.map { " (line \($0))" } ?? "" : ""
        if let index { return "certificate \(index) of \(source.name)\(where_)" }
        return "a PEM block of \(source.name)\(where_)"
    }

    static func eku(_ certificate: KeylessCertificate) -> String {
        (certificate.extendedKeyUsage ?? []).map(\.description).joined(separator: ", ")
    }

    /// `CERTIFICATE REQUEST blocks and PRIVATE KEY blocks`
    static func labels(_ blocks: [PEMBlock]) -> String {
        var seen: [String] = []
        for block in blocks where !seen.contains(block.label) { seen.append(block.label) }
        return seen.map { "\($0) blocks" }.joined(separator: " and ")
    }

    // MARK: Reading

    static func cannotRead(_ noun: String, _ path: String, _ reason: String) -> String {
        "cannot read the \(noun) \(path): \(reason)"
    }

    // MARK: Loading (GoKeyPairLoader)

    static let nameCertificateFile = "name the certificate file here (the file with -----BEGIN CERTIFICATE-----)"
    static let nameKeyFile = "name the private key file here (the file with -----BEGIN ... PRIVATE KEY-----)"
    static let swapPaths = "swap the two paths: the certificate file and the key file are the wrong way round"

    static func keyInsteadOfCertificate(_ noun: String, _ source: MaterialSource) -> String {
        "\(noun) \(source.name) holds a private key, not a certificate (Go: \(Go.keyInsteadOfCertificate))"
    }

    static func noCertificateBlock(_ noun: String, _ source: MaterialSource, _ scan: PEMScan, skipped: [String]) -> String {
        "\(noun) \(source.name) holds no CERTIFICATE block, only \(labels(scan.blocks)) (Go: \(Go.noCertificateBlock(skipping: skipped)))"
    }

    static func leafUnusable(_ source: MaterialSource, line: Int?, _ reason: String) -> String {
        "the first certificate of \(source.name) (line \(line ?? 1)) cannot be used: \(reason)"
    }

    static func chainProblem(_ problem: CertificateLoadProblem, in source: MaterialSource) -> String {
        let what = problem.index == nil ? "Go skips it" : "Go sends it and clients will fail to parse it"
        return "\(position(problem.index, problem.line, in: source)): \(problem.reason); \(what)"
    }

    static func certificateInsteadOfKey(_ noun: String, _ source: MaterialSource, skipped: [String]) -> String {
        let go = skipped.count == 1 ? Go.certificateInsteadOfKey : Go.noKeyBlock(skipping: skipped)
        return "\(noun) \(source.name) holds a certificate, not a private key (Go: \(go))"
    }

    static func noKeyBlock(_ noun: String, _ source: MaterialSource, _ scan: PEMScan) -> String {
        "\(noun) \(source.name) holds no private key, only \(labels(scan.blocks)) (Go: \(Go.noKeyBlock(skipping: scan.blocks.map(\.label))))"
    }

    static func keyEncrypted(_ noun: String, _ source: MaterialSource, line: String, format: String) -> String {
        "\(noun) \(source.name)\(line) is encrypted (\(format)); Go programs cannot read encrypted keys (Go: \(Go.unparsableKey))"
    }

    static func decryptHint(_ source: MaterialSource) -> String? {
        source.isFile
            ? "decrypt it: openssl pkey -in \(source.name) -out \(source.name).plain, then chmod 600 and use that file" : nil
    }

    static func keyUnparsable(_ noun: String, _ source: MaterialSource, line: String, label: String, _ error: PrivateKey.LoadError) -> String {
        "\(noun) \(source.name)\(line): the \(label) block is not a PKCS#1, PKCS#8 or SEC1 key (\(error)) (Go: \(Go.unparsableKey))"
    }

    static func keyUnsupported(_ noun: String, _ source: MaterialSource, _ info: PublicKeyInfo) -> String {
        "\(noun) \(source.name) is a \(info) key, which Go's TLS cannot use (Go: \(Go.unparsableKey))"
    }

    static func leafKeyUnsupported(_ role: CertificateRole, _ source: MaterialSource, _ key: PublicKeyInfo) -> String {
        let go = if case .ec = key.algorithm { Go.unsupportedCurve } else { Go.unknownKeyAlgorithm }
        return "\(role.certificateNoun) \(source.name) has a \(key) key, which Go's TLS cannot use (Go: \(go))"
    }

    static func keyOwnerHint(_ entry: Certificate.Entry, in source: MaterialSource) -> String {
        "certificate \(entry.index) of \(source.name)\(entry.line.map { " (line \($0))" } ?? "") belongs to this key: move it to the top, the leaf must come first"
    }

    static func keyTypeMismatch(_ role: CertificateRole, key: PrivateKey, _ keySource: MaterialSource, leaf: PublicKeyInfo, _ source: MaterialSource) -> String {
        "\(role.keyNoun) \(keySource.name) is \(key.info), but the \(role.certificateNoun) \(source.name) holds a \(leaf) key (Go: \(Go.keyTypeMismatch))"
    }

    static func keyMismatch(_ role: CertificateRole, _ keySource: MaterialSource, _ source: MaterialSource) -> String {
        "\(role.keyNoun) \(keySource.name) does not belong to the \(role.certificateNoun) \(source.name) (Go: \(Go.keyMismatch))"
    }

    static func brokenBlock(_ noun: String, _ source: MaterialSource, _ broken: MalformedPEMBlock, go: String) -> String {
        let line = source.isFile ? " at line \(broken.line)" : ""
        return "\(noun) \(source.name): the PEM block\(line) is broken, \(broken.reason) (Go: \(go))"
    }

    static func empty(_ noun: String, _ source: MaterialSource, go: String) -> String {
        "\(noun) \(source.name) is empty (Go: \(go))"
    }

    static func fillHint(certificate: Bool) -> String { "put the PEM \(certificate ? "certificate" : "key") in it" }

    static func isDER(_ noun: String, _ source: MaterialSource, go: String) -> String {
        "\(noun) \(source.name) is DER, and Go reads only PEM (Go: \(go))"
    }

    static func convertHint(_ command: String, _ source: MaterialSource) -> String {
        "convert it: \(command) -in \(source.name) -out \(source.name).pem"
    }

    static func doubleEncoded(_ noun: String, _ source: MaterialSource, go: String) -> String {
        "\(noun) \(source.name) holds base64 text that decodes to PEM, not PEM itself: encoded twice? (Go: \(go))"
    }

    static let encodeOnceHint = "base64-encode the PEM file once (a Secret's data: base64 -w0 FILE), or put the PEM itself under stringData"

    static func noPEMData(_ noun: String, _ source: MaterialSource, go: String) -> String {
        "\(noun) \(source.name) holds no PEM data (Go: \(go))"
    }

    static func caUnusable(_ noun: String, _ source: MaterialSource, detail: String) -> String {
        "\(noun) \(source.name) holds no certificate Go can use\(detail); every certificate it should verify will be rejected"
    }

    static let caIsDER = ": it is DER, and CA files are read as PEM"
    static let caIsEmpty = ": it is empty"

    static func caDERHint(_ source: MaterialSource) -> String {
        "convert it: openssl x509 -inform der -in \(source.name) -out ca.pem"
    }

    static func caDetail(_ problem: CertificateLoadProblem) -> String {
        ": \(problem.reason)" + (problem.line.map { " (line \($0))" } ?? "")
    }

    static func caDetail(holding scan: PEMScan) -> String { " (it holds \(labels(scan.blocks)))" }

    static func caProblem(_ problem: CertificateLoadProblem, in source: MaterialSource) -> String {
        "\(position(problem.index, problem.line, in: source)): \(problem.reason); Go skips it"
    }

    // MARK: Facts (CertificateFacts)

    static func expired(_ label: String, _ notAfter: Date, now: Date) -> String {
        "\(label) expired on \(Dates.text(notAfter)) (\(Dates.relative(notAfter, to: now))); clients reject it: \(Go.expired)"
    }

    static func notYetValid(_ label: String, _ notBefore: Date, now: Date) -> String {
        "\(label) is valid only from \(Dates.text(notBefore)) (\(Dates.relative(notBefore, to: now))); until then clients reject it"
    }

    static func expiring(_ label: String, _ notAfter: Date, now: Date) -> String {
        "\(label) expires on \(Dates.text(notAfter)) (\(Dates.relative(notAfter, to: now)))"
    }

    static func noSAN(_ label: String, commonName: String?) -> String {
        let cn = commonName.map { " (the CN \"\($0)\" is ignored)" } ?? ""
        return "\(label) has no subjectAltName\(cn): Go clients fail with \"\(Go.legacyCommonName)\""
    }

    static func leafUnfit(_ label: String, _ leaf: KeylessCertificate, _ usage: ExtendedKeyUsage, role: CertificateRole) -> String {
        "\(label) has extended key usage \(eku(leaf)) without \(usage): it cannot act as a \(role.rawValue) (Go: \(Go.incompatibleUsage))"
    }

    static func noDigitalSignature(_ label: String, _ usage: KeyUsage) -> String {
        "\(label) has keyUsage \(usage) without digitalSignature, which TLS 1.3 and ECDHE need to sign the handshake; Go does not check it, stricter clients refuse it"
    }

    static func caAsLeaf(_ label: String, role: CertificateRole) -> String {
        "\(label) is a CA certificate (basicConstraints CA:TRUE) used as a \(role.rawValue) certificate"
    }

    static func selfSigned(_ label: String, role: CertificateRole) -> String {
        "\(label) is self-signed: every \(role == .client ? "server" : "client") must trust this exact certificate"
    }

    static func selfSignedHint(role: CertificateRole) -> String {
        role == .client
            ? "give servers this certificate as their client CA, or issue it from a private CA"
            : "give clients this certificate as their CA, or issue it from a private CA"
    }

    static func selfIssued(_ label: String, _ leaf: KeylessCertificate) -> String {
        "\(label) has the same subject and issuer (\(leaf.subject)) but another key signed it: Go accepts it, OpenSSL clients (curl, nginx) call it self-signed and refuse it"
    }

    static func issuerUnfit(_ label: String, _ ca: KeylessCertificate, _ usage: ExtendedKeyUsage, role: CertificateRole) -> String {
        "\(label) lists extended key usages \(eku(ca)) without \(usage): Go rejects the \(role.certificateNoun) it issued (EKUs nest: \(Go.incompatibleUsage))"
    }

    static let nestedUsageHint = "give the CA no extendedKeyUsage, or both serverAuth and clientAuth"

    static func anchorV1(_ label: String, version: Int) -> String {
        "\(label) is an X.509 v\(version) certificate without extensions: Go and OpenSSL accept it as a root, RFC 5280 and `openssl verify -x509_strict` want a v3 CA"
    }

    static func anchorNotCA(_ label: String, hasConstraints: Bool) -> String {
        "\(label) is not a CA (\(hasConstraints ? "CA:FALSE" : "no basicConstraints")): it verifies only itself, pinning that one certificate"
    }

    static func anchorNoCertSign(_ label: String, _ usage: KeyUsage) -> String {
        "\(label) is a CA whose keyUsage (\(usage)) lacks keyCertSign: Go does not accept the certificates it signed"
    }

    static func anchorUnfit(_ label: String, _ ca: KeylessCertificate, _ usage: ExtendedKeyUsage, purpose: CertificateRole) -> String {
        "\(label) lists extended key usages \(eku(ca)) without \(usage): EKUs nest in Go, so every \(purpose.rawValue) certificate it issued is rejected (\(Go.incompatibleUsage))"
    }

    static func reverseOrder<C>(_ next: CertificateBundle<C>.Entry, in source: MaterialSource) -> String {
        "\(position(next.index, next.line, in: source)) is issued by the certificate before it: the chain is in reverse order (the leaf must come first, then its issuer)"
    }

    static func outOfOrder<C>(_ entry: CertificateBundle<C>.Entry, issuer: Int, in source: MaterialSource) -> String {
        "\(position(entry.index, entry.line, in: source)) is issued by certificate \(issuer), not by the certificate after it: the chain is out of order"
    }

    static func unrelated<C>(_ next: CertificateBundle<C>.Entry, in source: MaterialSource) -> String {
        "\(position(next.index, next.line, in: source)) did not issue the certificate before it: it does not belong to this chain"
    }

    static func rootIncluded(_ last: Certificate.Entry, in source: MaterialSource) -> String {
        "\(position(last.index, last.line, in: source)) is the self-signed root CA (\(last.certificate.subject)): clients must already trust it, so sending it with the chain is needless"
    }

    static func intermediateMissing(_ label: String, _ issuer: KeylessCertificate) -> String {
        "\(label) is issued by the intermediate CA \(issuer.subject), which is not in the file: clients that trust only the root cannot build the chain"
    }

    static func issuerUnknown(_ label: String, _ leaf: KeylessCertificate) -> String {
        "\(label) is alone in its file and its issuer (\(leaf.issuer)) is not in it: if that is an intermediate CA, clients that trust only the root cannot build the chain"
    }

    static let appendIntermediateHint = "append the intermediate certificate after the leaf"
    static let appendIntermediatesHint =
        "append the intermediate CA certificate(s) after the leaf; nothing is missing if the issuer is a root the clients trust"

    static func rsaBelowGo(_ label: String, bits: Int) -> String {
        "\(label) has an RSA key of \(bits) bits: Go 1.24 and later refuse RSA keys below 1024 bits"
    }

    static func rsaBelowMinimum(_ label: String, bits: Int) -> String {
        "\(label) has an RSA key of \(bits) bits; 2048 is the minimum clients expect"
    }

    static func rsaAboveGo(_ label: String, bits: Int) -> String {
        "\(label) has an RSA key of \(bits) bits: Go's TLS refuses keys above 8192 bits"
    }

    static func weakSignature(_ label: String, _ algorithm: SignatureAlgorithm) -> String {
        "\(label) is signed with \(algorithm): Go and current OpenSSL reject \(algorithm.digest ?? "weak") signatures"
    }
}

extension CertificateRole {
    var certificateNoun: String {
        switch self {
        case .server: "server certificate"
        case .client: "client certificate"
        case .ca: "CA certificate"
        }
    }

    var keyNoun: String {
        switch self {
        case .server: "server key"
        case .client: "client key"
        case .ca: "CA key"
        }
    }

    /// The CA bundle that verifies certificates of this role.
    var bundleNoun: String {
        switch self {
        case .server: "CA bundle for server certificates"
        case .client: "client CA bundle"
        case .ca: "CA bundle"
        }
    }
}
