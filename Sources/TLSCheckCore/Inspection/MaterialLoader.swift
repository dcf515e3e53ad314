/// Certificates and keys found in one file, grouped by where they sit in it. `C` is `Certificate`
/// (`inspect`) or `KeylessCertificate` (`expiry`, which reads no public keys).
public struct LoadedFile<C: KeylessCertificate>: Sendable {
    public let path: String
    public var format: Format = .unknown
    /// One group per certificate list: the whole PEM file, a PKCS#12 bag, each entry of a Secret.
    public var groups: [CertificateGroup<C>] = []
    /// Keys that belong to no group (a file that holds only a key).
    public var keys: [LoadedKey] = []
    /// Broken blocks, wrong passphrases, bad base64: problems with the file itself.
    public var findings: [Finding] = []
    /// Why the file holds nothing to check (nil when it holds something or a finding says why not).
    public var nothingReason: String?
    /// Private keys seen but not read (`readsKeys` off): the file is not empty of material.
    public var unreadKeys = 0

    /// Nothing here to show or report.
    public var isEmpty: Bool { groups.isEmpty && keys.isEmpty && findings.isEmpty && unreadKeys == 0 }

    public typealias Format = MaterialFormat

    public var certificateCount: Int { groups.reduce(0) { $0 + $1.bundle.entries.count } }

    /// Another part of the same file.
    mutating func append(_ part: LoadedFile<C>) {
        if format == .unknown { format = part.format }
        groups += part.groups
        keys += part.keys
        findings += part.findings
        unreadKeys += part.unreadKeys
    }
}

/// What a file holds, as `inspect` names it.
public enum MaterialFormat: String, Sendable, Codable {
    case pem = "PEM"
    case der = "DER"
    case pkcs12 = "PKCS#12"
    case kubernetesSecret = "Kubernetes Secret"
    case unknown
}

/// The certificates of one place in a file, in file order, and the key stored with them.
public struct CertificateGroup<C: KeylessCertificate>: Sendable {
    /// How listings name it: `server.pem`, `secret.yaml (Secret default/web, tls.crt)`.
    public let name: String
    /// Where it came from, as findings name it: the file, or `Secret default/web key tls.crt`.
    public let source: MaterialSource
    public var bundle: CertificateBundle<C>
    public var key: LoadedKey?
    /// The role the container gives it: a Secret's `tls.crt` is served, its `ca.crt` is a CA bundle.
    public var role: CertificateRole?
    /// CA certificates stored beside it in the same container (a Secret's `ca.crt` for its
    /// `tls.crt`): issuers its leaf may chain to.
    public var companions: [C] = []

    public var location: Location { source.location }
}

/// A private key and where it was found.
public struct LoadedKey: Sendable {
    public let key: PrivateKey
    /// How listings name it (the file, or the Secret entry).
    public let name: String
    /// As findings name it.
    public let source: MaterialSource

    public var location: Location { source.location }
}

/// Reads certificate material of any format tlscheck knows: PEM (bundles, mixed with keys), DER,
/// PKCS#12 and Kubernetes Secret manifests (YAML or JSON, several documents, `data` and `stringData`).
public struct MaterialLoader<C: KeylessCertificate>: Sendable {
    /// For PKCS#12 files and encrypted keys.
    public var passphrase: String?
    /// False for `expiry`, which needs names and dates only: private keys are counted, not read, and
    /// certificates are read without their public keys (`KeylessCertificate`).
    public let readsKeys: Bool
    let reading: CertificateReading<C>

    init(passphrase: String?, readsKeys: Bool, reading: CertificateReading<C>) {
        self.passphrase = passphrase
        self.readsKeys = readsKeys
        self.reading = reading
    }

    /// The material of a file, whole.
    public func load(path: String, bytes: [UInt8]) -> LoadedFile<C> {
        var whole: LoadedFile<C>?
        load(path: path, bytes: bytes) { part in
            if whole == nil { whole = part } else { whole!.append(part) }
        }
        return whole ?? LoadedFile(path: path)
    }

    /// The material of a file in parts: one part for a certificate, key or PKCS#12 file (empty, with
    /// `nothingReason`, when it holds nothing); a Secret list in parts of a few dozen Secrets, so that
    /// a caller that reduces each part need not hold the certificates of the whole list at once.
    func load(path: String, bytes: [UInt8], parts: (LoadedFile<C>) -> Void) {
        var file = LoadedFile<C>(path: path)
        let at = Location(path: path)
        if Bytes.isBlank(bytes) {
            file.nothingReason = bytes.isEmpty ? "the file is empty" : "the file holds only white space"
            return parts(file)
        }
        if KubernetesSecrets<C>.mayHoldSecret(bytes), KubernetesSecrets(loader: self).load(bytes, path: path, parts: parts) {
            return
        }
        let content = loadContent(bytes, as: .file(path: path, at: at), group: path)
        file.format = content.format
        file.groups = content.groups
        file.keys = content.keys
        file.findings = content.findings
        file.nothingReason = content.nothingReason
        file.unreadKeys = content.unreadKeys
        parts(file)
    }

    /// What one blob holds (a file, or a value of a Secret).
    struct Content {
        var format: MaterialFormat = .unknown
        var groups: [CertificateGroup<C>] = []
        var keys: [LoadedKey] = []
        var findings: [Finding] = []
        var nothingReason: String?
        var unreadKeys = 0

        var isEmpty: Bool { groups.isEmpty && keys.isEmpty && findings.isEmpty && unreadKeys == 0 }
    }

    /// What `bytes` hold; `source` names them in findings, `group` in listings.
    func loadContent(
        _ bytes: [UInt8], as source: MaterialSource, group name: String, role: CertificateRole? = nil
    ) -> Content {
        var content = Content()
        if Bytes.isBlank(bytes) {
            content.nothingReason = bytes.isEmpty ? "it is empty" : "it holds only white space"
            return content
        }
        if PEM.looksLikePEM(bytes) {
            content.format = .pem
            loadPEM(bytes, as: source, group: name, role: role, into: &content)
            return content
        }
        if let opened = PKCS12File.open(bytes, passphrase: passphrase) {
            content.format = .pkcs12
            loadPKCS12(opened, as: source, group: name, role: role, into: &content)
            return content
        }
        if bytes.first == 0x30 {
            let bundle = reading.bundle(from: bytes)
            if !bundle.entries.isEmpty || bundle.problems.contains(where: { $0.refusedByGo != nil }) {
                content.format = .der
                report(bundle.problems, of: source, into: &content)
                if !bundle.entries.isEmpty {
                    content.groups = [CertificateGroup(name: name, source: source, bundle: bundle, role: role)]
                }
                return content
            }
            OpenSSLError.drainQueue()
            if let key = try? PrivateKey(der: bytes) {
                content.format = .der
                if readsKeys { content.keys = [LoadedKey(key: key, name: name, source: source)] } else { content.unreadKeys = 1 }
                return content
            }
            content.nothingReason = "it starts like DER but is not a valid certificate, key or PKCS#12 file (corrupt or truncated?)"
            return content
        }
        content.nothingReason = "it holds no PEM block and is not DER or PKCS#12"
        return content
    }

    private func loadPEM(
        _ bytes: [UInt8], as source: MaterialSource, group name: String, role: CertificateRole?,
        into content: inout Content
    ) {
        let at = source.location
        let scan = PEM.scan(bytes)
        var bundle = reading.bundle(from: scan)
        // A value inside a manifest: its own line numbers mean nothing to the reader of the file, so
        // findings point at the entry and say no line.
        if !source.isFile {
            bundle.entries = bundle.entries.map { .init(certificate: $0.certificate, line: nil, index: $0.index) }
        }
        func location(_ line: Int?) -> Location {
            guard let line, source.isFile else { return at }
            return Location(path: at.path, line: line)
        }
        func onLine(_ line: Int?) -> String { source.isFile ? line.map { " (line \($0))" } ?? "" : "" }
        report(bundle.problems, of: source, into: &content)
        for bad in scan.malformed where !(bad.label.isEmpty || bad.label == "CERTIFICATE") {
            content.findings.append(Finding(
                .pemInvalid, "the \(bad.label) block of \(source.name)\(onLine(bad.line)) is broken: \(bad.reason)",
                at: location(bad.line)))
        }
        var key: LoadedKey?
        if !readsKeys { content.unreadKeys = scan.blocks.filter(\.isPrivateKey).count }
        if readsKeys, let block = scan.blocks.first(where: \.isPrivateKey) {
            let keyAt = location(block.line)
            if block.isEncrypted && passphrase == nil {
                content.findings.append(Finding(
                    .keyEncrypted,
                    "the private key in \(source.name)\(onLine(block.line)) is encrypted: Go programs cannot read it, and without --passphrase-file it cannot be compared with its certificate",
                    at: keyAt, hint: "give its passphrase with --passphrase-file FILE to inspect it; decrypt it for Go programs",
                    severity: .warning))
            } else {
                do {
                    let parsed = block.isEncrypted
                        ? try PrivateKey(pem: bytes, passphrase: passphrase) : try PrivateKey(der: block.bytes)
                    key = LoadedKey(key: parsed, name: name, source: keySource(keyAt))
                } catch .tooCostly(let refusal) {
                    content.findings.append(Finding(
                        .keyDerivationTooCostly,
                        "the private key in \(source.name)\(onLine(block.line)) is not decrypted: \(refusal)", at: keyAt,
                        hint: "re-encrypt it with a usual iteration count: openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 2048"))
                } catch .wrongPassphrase {
                    content.findings.append(Finding(
                        .passphraseWrong, "the private key in \(source.name)\(onLine(block.line)) does not open with the passphrase given",
                        at: keyAt))
                } catch {
                    content.findings.append(Finding(
                        .pemInvalid, "the \(block.label) block of \(source.name)\(onLine(block.line)) is not a key: \(error)",
                        at: keyAt))
                }
            }
        }
        if bundle.entries.isEmpty {
            if let key { content.keys.append(key) }
            if key == nil && content.isEmpty {
                let labels = Set(scan.blocks.map(\.label)).sorted()
                content.nothingReason = labels.isEmpty
                    ? "it holds no complete PEM block" : "it holds only \(labels.joined(separator: ", ")) blocks"
            }
            return
        }
        content.groups.append(CertificateGroup(name: name, source: source, bundle: bundle, key: key, role: role))

        /// A key on its own line of a file is located there; in a container, at the entry.
        func keySource(_ keyAt: Location) -> MaterialSource {
            guard case .file(let path, _) = source else { return source }
            return .file(path: path, at: keyAt)
        }
    }

    /// Certificates that could not be read, or that Go's parser refuses (`pem-invalid`).
    private func report(_ problems: [CertificateLoadProblem], of source: MaterialSource, into content: inout Content) {
        for problem in problems {
            let which = problem.index.map { "certificate \($0)" } ?? "a PEM block"
            let line = source.isFile ? problem.line : nil
            let why = problem.goRefusal.map { "; \($0)" } ?? ""
            content.findings.append(Finding(
                .pemInvalid, "\(which) of \(source.name)\(line.map { " (line \($0))" } ?? ""): \(problem.reason)\(why)",
                at: line.map { Location(path: source.location.path, line: $0) } ?? source.location))
        }
    }

    private func loadPKCS12(
        _ opened: Result<PKCS12File.Opened, PKCS12File.Failure>, as source: MaterialSource, group name: String,
        role: CertificateRole?, into content: inout Content
    ) {
        let at = source.location
        switch opened {
        case .failure(let failure):
            switch failure {
            case .wrongPassphrase:
                content.findings.append(Finding(
                    .passphraseWrong,
                    passphrase == nil
                        ? "the PKCS#12 file \(source.name) needs a passphrase (none was given)"
                        : "the PKCS#12 file \(source.name) does not open with the passphrase given",
                    at: at))
            case .unreadable(let reason):
                content.findings.append(Finding(
                    .materialUnreadable, "the PKCS#12 file \(source.name) cannot be read: \(reason)", at: at))
            case .tooCostly(let refusal):
                content.findings.append(Finding(
                    .keyDerivationTooCostly, "the PKCS#12 file \(source.name) is not opened: \(refusal)", at: at))
            }
        case .success(let opened):
            let bundle = reading.bundle(adopting: opened.certificates)
            report(bundle.problems, of: source, into: &content)
            let key = opened.key.flatMap { readsKeys ? LoadedKey(key: $0, name: name, source: source) : nil }
            if bundle.entries.isEmpty {
                if let key { content.keys.append(key) } else { content.nothingReason = "the PKCS#12 file is empty" }
                return
            }
            content.groups.append(CertificateGroup(name: name, source: source, bundle: bundle, key: key, role: role))
        }
    }
}

/// File names that promise certificate material: such a file that holds none is a finding even
/// inside a folder.
public enum MaterialNames {
    public static let extensions = [".crt", ".cer", ".pem", ".der", ".key", ".p12", ".pfx"]

    public static func promisesMaterial(_ path: String) -> Bool {
        let lower = path.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }
}

extension MaterialLoader where C == Certificate {
    /// Certificates with their public keys, and private keys: what `inspect` shows and matches.
    public static func full(passphrase: String? = nil) -> MaterialLoader<Certificate> {
        MaterialLoader(passphrase: passphrase, readsKeys: true, reading: .full)
    }
}

extension MaterialLoader where C == KeylessCertificate {
    /// Names and dates only (`expiry`): keys are counted, not read.
    public static func keyless(passphrase: String? = nil) -> MaterialLoader<KeylessCertificate> {
        MaterialLoader(passphrase: passphrase, readsKeys: false, reading: .keyless)
    }
}

enum Bytes {
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
