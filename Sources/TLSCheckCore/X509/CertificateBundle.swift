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

/// A block that looked like a certificate but could not be read.
public struct CertificateLoadProblem: Sendable, Hashable {
    public let line: Int?
    public let reason: String
    /// 1-based position among the CERTIFICATE blocks; nil for a broken block or DER input.
    public var index: Int? = nil
}

/// How a bundle turns DER into certificates of its kind.
struct CertificateReading<C: KeylessCertificate>: Sendable {
    let parse: @Sendable ([UInt8]) throws(OpenSSLError) -> C
    /// A fully parsed certificate (a PKCS#12 bag's) as one of this kind.
    let adopt: @Sendable (Certificate) -> C

    /// Reads all certificates of a PEM or DER file's bytes.
    func bundle(from bytes: [UInt8]) -> CertificateBundle<C> {
        if PEM.looksLikePEM(bytes) { return bundle(from: PEM.scan(bytes)) }
        var der = CertificateBundle<C>()
        der.isPEM = false
        if bytes.first == 0x30 {
            do {
                der.entries.append(.init(certificate: try parse(bytes), line: nil, index: 1))
            } catch {
                der.problems.append(CertificateLoadProblem(line: nil, reason: "not a valid DER certificate: \(error)"))
            }
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
            do {
                let certificate = try parse(block.bytes)
                if let problem = certificate.goParseProblem {
                    bundle.problems.append(CertificateLoadProblem(line: block.line, reason: problem, index: position))
                }
                bundle.entries.append(.init(certificate: certificate, line: block.line, index: position))
            } catch {
                bundle.problems.append(CertificateLoadProblem(
                    line: block.line, reason: "the CERTIFICATE block is not a valid X.509 certificate"
                        + (error.reasons.isEmpty ? "" : " (\(error.reasons.joined(separator: ", ")))"),
                    index: position))
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
