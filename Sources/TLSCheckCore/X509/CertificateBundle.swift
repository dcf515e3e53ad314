/// Every certificate of a file: PEM (all `CERTIFICATE` blocks, junk between them ignored, as Go
/// does) or a single DER certificate. `C` is `Certificate` for a full parse, `KeylessCertificate`
/// for one without public keys (`expiry`).
public struct CertificateBundle<C: KeylessCertificate>: Sendable {
    /// A certificate of a bundle and the line its `-----BEGIN` is on (nil for DER input).
    public struct Entry: Sendable {
        public let certificate: C
        public let line: Int?
        /// 1-based position among the file's certificates.
        public let index: Int

        public init(certificate: C, line: Int?, index: Int) {
            self.certificate = certificate
            self.line = line
            self.index = index
        }
    }

    public var entries: [Entry] = []
    public var problems: [CertificateLoadProblem] = []
    /// PEM blocks that are not certificates (keys, CSRs), in order.
    public var otherBlocks: [PEMBlock] = []
    public var isPEM = true
    public var certificates: [C] { entries.map(\.certificate) }

    public init() {}

    /// The same bundle with the certificates seen as `T` (a full bundle read as a keyless one).
    func map<T>(_ transform: (C) -> T) -> CertificateBundle<T> {
        var bundle = CertificateBundle<T>()
        bundle.entries = entries.map { .init(certificate: transform($0.certificate), line: $0.line, index: $0.index) }
        bundle.problems = problems
        bundle.otherBlocks = otherBlocks
        bundle.isPEM = isPEM
        return bundle
    }
}

/// A block that looked like a certificate but could not be read, or that Go's parser refuses.
public struct CertificateLoadProblem: Sendable, Hashable {
    public let line: Int?
    /// OpenSSL's reason, or Go's own message (`x509: malformed UTCTime`).
    public let reason: String
    /// 1-based position among the CERTIFICATE blocks; nil for a broken block or DER input.
    public var index: Int? = nil
    /// Go's parser refuses the certificate although OpenSSL reads it. With `.validity` its dates are
    /// unknown too, so it is not among the bundle's entries.
    var refusedByGo: GoCertificateRules.Field? = nil

    /// Why no Go program can use the certificate, when Go's parser refuses it.
    public var goRefusal: String? {
        switch refusedByGo {
        case nil: nil
        case .validity?: "its dates cannot be read, and Go's parser refuses the certificate"
        case _?: "Go's parser refuses the certificate, so no Go program can use it"
        }
    }
}

/// How a bundle turns DER into certificates of its kind.
struct CertificateReading<C: KeylessCertificate>: Sendable {
    let parse: @Sendable ([UInt8]) throws(OpenSSLError) -> C
    /// A fully parsed certificate (a PKCS#12 bag's) as one of this kind.
    let adopt: @Sendable (Certificate) -> C

    /// One DER certificate as OpenSSL and Go's parser read it.
    enum Parsed {
        /// Read; `refused` says why Go's parser does not take it, when it does not.
        case certificate(C, refused: GoCertificateRules.Problem?)
        /// Read by OpenSSL, but its dates are not what Go reads as dates: no entry can be made of it.
        case undated(GoCertificateRules.Problem)
        case unreadable(OpenSSLError)
    }

    func read(der: [UInt8]) -> Parsed {
        let certificate: C
        do {
            certificate = try parse(der)
        } catch {
            return .unreadable(error)
        }
        let refused = GoCertificateRules.problem(der: der)
        if let refused, refused.field == .validity { return .undated(refused) }
        return .certificate(certificate, refused: refused)
    }

    /// `read(der:)` into a bundle: an entry and, when Go's parser refuses it, a problem.
    private func add(
        _ der: [UInt8], line: Int?, index: Int, to bundle: inout CertificateBundle<C>, unreadable: (OpenSSLError) -> String
    ) {
        switch read(der: der) {
        case .certificate(let certificate, let refused):
            if let refused {
                bundle.problems.append(CertificateLoadProblem(line: line, reason: refused.message, index: index, refusedByGo: refused.field))
            }
            bundle.entries.append(.init(certificate: certificate, line: line, index: index))
        case .undated(let refused):
            bundle.problems.append(CertificateLoadProblem(line: line, reason: refused.message, index: index, refusedByGo: refused.field))
        case .unreadable(let error):
            bundle.problems.append(CertificateLoadProblem(line: line, reason: unreadable(error), index: line == nil ? nil : index))
        }
    }

    /// Certificates OpenSSL read elsewhere (a PKCS#12 bag), in order, with Go's verdict on each.
    func bundle(adopting certificates: [Certificate]) -> CertificateBundle<C> {
        var bundle = CertificateBundle<C>()
        bundle.isPEM = false
        for (offset, certificate) in certificates.enumerated() {
            let index = offset + 1
            let refused = GoCertificateRules.problem(der: certificate.der)
            if let refused {
                bundle.problems.append(CertificateLoadProblem(line: nil, reason: refused.message, index: index, refusedByGo: refused.field))
                if refused.field == .validity { continue }
            }
            bundle.entries.append(.init(certificate: adopt(certificate), line: nil, index: index))
        }
        return bundle
    }

    /// Reads all certificates of a PEM or DER file's bytes.
    func bundle(from bytes: [UInt8]) -> CertificateBundle<C> {
        if PEM.looksLikePEM(bytes) { return bundle(from: PEM.scan(bytes)) }
        var der = CertificateBundle<C>()
        der.isPEM = false
        if bytes.first == 0x30 {
            add(bytes, line: nil, index: 1, to: &der) { "not a valid DER certificate: \($0)" }
        }
        return der
    }

    /// The certificates of an already scanned PEM text.
    func bundle(from scan: PEMScan) -> CertificateBundle<C> {
        var bundle = CertificateBundle<C>()
        var position = 0
        for block in scan.blocks {
            guard block.label == "CERTIFICATE" else {
                bundle.otherBlocks.append(block)
                continue
            }
            position += 1
            add(block.bytes, line: block.line, index: position, to: &bundle) { error in
                "the CERTIFICATE block is not a valid X.509 certificate"
                    + (error.reasons.isEmpty ? "" : " (\(error.reasons.joined(separator: ", ")))")
            }
        }
        for bad in scan.malformed where bad.label.isEmpty || bad.label == "CERTIFICATE" {
            bundle.problems.append(CertificateLoadProblem(line: bad.line, reason: "a broken PEM block: \(bad.reason)"))
        }
        bundle.problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return bundle
    }
}

extension CertificateReading where C == Certificate {
    /// Full parses, shared through `Certificate.parsed(der:)`.
    static let full = CertificateReading(parse: { der throws(OpenSSLError) in try Certificate.parsed(der: der) }, adopt: { $0 })
}

extension CertificateReading where C == KeylessCertificate {
    /// Parses without public keys (`expiry`); not cached, a keyless parse is cheap.
    static let keyless = CertificateReading(parse: { der throws(OpenSSLError) in try KeylessCertificate(der: der) }, adopt: { $0 })
}

extension Certificate {
    public typealias Bundle = CertificateBundle<Certificate>
    public typealias Entry = CertificateBundle<Certificate>.Entry
    public typealias LoadProblem = CertificateLoadProblem

    /// Reads all certificates of a PEM or DER file's bytes.
    public static func bundle(from bytes: [UInt8]) -> Bundle { CertificateReading.full.bundle(from: bytes) }

    /// The certificates of an already scanned PEM text.
    public static func bundle(from scan: PEMScan) -> Bundle { CertificateReading.full.bundle(from: scan) }
}

extension KeylessCertificate {
    /// All certificates of a PEM or DER file's bytes, read without their public keys.
    public static func keylessBundle(from bytes: [UInt8]) -> CertificateBundle<KeylessCertificate> {
        CertificateReading.keyless.bundle(from: bytes)
    }
}
