internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// What every generating command shares.
public struct GenerationOptions: Sendable {
    /// Absolute output folder (created if missing).
    public var folder: String
    public var keyType: KeyType = .p256
    /// Leaf validity (default 365), or the CA's for `gen-ca` (default 3650).
    public var days: Int?
    /// The CA's validity in an mTLS bundle (default 3650).
    public var caDays: Int?
    public var organization = "tlscheck"
    /// Replace existing files.
    public var force = false
    /// Allow leaves valid for more than 825 days.
    public var allowLongValidity = false
    /// Encrypts the keys written (PKCS#8); in an mTLS bundle only the CA key.
    public var keyPassphrase: String?
    /// Also write `.p12` files.
    public var pkcs12 = false
    public var pkcs12Passphrase: String?
    /// False: build everything, write nothing (for `--stdout`).
    public var write = true
    /// The time certificates start from (minus the backdating).
    public var now: Date

    public init(folder: String, now: Date) {
        self.folder = folder
        self.now = now
    }
}

/// A CA given as files, for `gen-cert` and intermediate `gen-ca`.
public struct SignerFiles: Sendable {
    public var certificatePath: String
    public var keyPath: String
    public var passphrase: String?

    public init(certificatePath: String, keyPath: String, passphrase: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.passphrase = passphrase
    }
}

/// The files made (and, unless asked not to, written) and what is worth telling the user.
public struct GenerationResult: Sendable {
    public var folder: String
    public var files: [OutputFile]
    public var warnings: [String]
    public var written: Bool

    public func path(of file: OutputFile) -> String { SafeWriter.join(folder, file.name) }
    public func file(named name: String) -> OutputFile? { files.first { $0.name == name } }
}

/// gen-self-signed, gen-ca and gen-cert: inputs checked first, every target checked before any is
/// written, then keys, certificates, bundles and configuration written all or nothing.
public struct Generator: Sendable {
    public var options: GenerationOptions

    public init(options: GenerationOptions) { self.options = options }

    var now: Date { options.now }

    // MARK: Commands

    /// A self-signed server certificate and key: `server.crt`, `server.key` (and `server.p12`).
    public func selfSigned(hosts: [String]) throws(GenerationError) -> GenerationResult {
        let (names, hostWarnings) = try HostNames.parseAll(hosts)
        let days = options.days ?? CertificateTemplate.defaultLeafDays
        var warnings = hostWarnings + (try CertificateTemplate.checkDays(days, forCA: false, allowLong: options.allowLongValidity))
        try checkTargets(["server.crt", "server.key"] + (options.pkcs12 ? ["server.p12"] : []))

        let key = try generateKey()
        let template = CertificateTemplate(
            kind: .leaf(.server), commonName: names[0].value, organization: options.organization,
            subjectAlternativeNames: names, days: days)
        let certificate = try CertificateIssuer.issue(template, subjectKey: key, signer: nil, now: now)
        var files = [certificateFile("server.crt", certificate), try keyFile("server.key", key, encrypted: options.keyPassphrase != nil)]
        if options.keyPassphrase != nil { warnings.append(Self.encryptedLeafWarning("server.key")) }
        if options.pkcs12 { files.append(try pkcs12File("server.p12", certificate, key, chain: [], warnings: &warnings)) }
        return try finish(files, warnings)
    }

    /// What an mTLS bundle is for: the server's names, the client's identity, the scrape port.
    public struct MutualTLS: Sendable {
        public var serverHosts: [String]
        public var clientNames: [String]
        public var port: Int
        public var kubernetesName: String

        public init(serverHosts: [String], clientNames: [String] = ["prometheus"], port: Int = 9100, kubernetesName: String = "exporter") {
            self.serverHosts = serverHosts
            self.clientNames = clientNames
            self.port = port
            self.kubernetesName = kubernetesName
        }
    }

    /// A private CA, a server and a client certificate, and the configuration that uses them.
    public func mutualTLS(_ request: MutualTLS) throws(GenerationError) -> GenerationResult {
        let (serverNames, serverWarnings) = try HostNames.parseAll(request.serverHosts)
        let (clientNames, clientWarnings) = try HostNames.parseAll(request.clientNames)
        let days = options.days ?? CertificateTemplate.defaultLeafDays
        let caDays = options.caDays ?? CertificateTemplate.defaultCADays
        var warnings = serverWarnings + clientWarnings
        warnings += try CertificateTemplate.checkDays(days, forCA: false, allowLong: options.allowLongValidity)
        _ = try CertificateTemplate.checkDays(caDays, forCA: true, allowLong: true)
        guard (1...65_535).contains(request.port) else { throw GenerationError(.usage, "--port must be 1 to 65535, not \(request.port)") }
        try Self.checkKubernetesName(request.kubernetesName)
        let configNames = ["web-config.yaml", "prometheus-scrape.yaml", "otel-collector-tls.yaml", "kubernetes-secrets.yaml",
                           "kubernetes-exporter.yaml"]
        try checkTargets(["ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key"] + configNames
            + (options.pkcs12 ? ["server.p12", "client.p12"] : []))

        let caKey = try generateKey()
        let ca = try CertificateIssuer.issue(
            CertificateTemplate(kind: .ca(pathLength: 0), commonName: caName(), organization: options.organization, days: caDays),
            subjectKey: caKey, signer: nil, now: now)
        let signer = try Signer(certificate: ca, key: caKey, now: now)
        let serverKey = try generateKey()
        let server = try CertificateIssuer.issue(
            CertificateTemplate(kind: .leaf(.server), commonName: serverNames[0].value, organization: options.organization,
                                subjectAlternativeNames: serverNames, days: days),
            subjectKey: serverKey, signer: signer, now: now)
        let clientKey = try generateKey()
        let client = try CertificateIssuer.issue(
            CertificateTemplate(kind: .leaf(.client), commonName: clientNames[0].value, organization: options.organization,
                                subjectAlternativeNames: clientNames, days: days),
            subjectKey: clientKey, signer: signer, now: now)
        warnings += outlivesCA([server, client], ca)

        let serverKeyPEM = try pem(serverKey, passphrase: nil)
        let clientKeyPEM = try pem(clientKey, passphrase: nil)
        var files = [
            certificateFile("ca.crt", ca), try keyFile("ca.key", caKey, encrypted: options.keyPassphrase != nil),
            certificateFile("server.crt", server), keyFile("server.key", serverKey, pem: serverKeyPEM, encrypted: false),
            certificateFile("client.crt", client), keyFile("client.key", clientKey, pem: clientKeyPEM, encrypted: false),
        ]
        if options.keyPassphrase != nil {
            warnings.append("only ca.key is encrypted: server.key and client.key are read by Go programs, which cannot decrypt keys")
        }
        let snippets = ConfigSnippets(
            folder: options.folder, serverNames: serverNames, port: request.port, kubernetesName: request.kubernetesName)
        files += [
            OutputFile(name: "web-config.yaml", kind: .configuration, text: snippets.webConfig, mode: 0o644),
            OutputFile(name: "prometheus-scrape.yaml", kind: .configuration, text: snippets.prometheusScrape, mode: 0o644),
            OutputFile(name: "otel-collector-tls.yaml", kind: .configuration, text: snippets.collectorTLS, mode: 0o644),
            OutputFile(
                name: "kubernetes-secrets.yaml", kind: .manifest,
                text: snippets.kubernetesSecrets(
                    caPEM: ca.pem, serverCertificatePEM: server.pem, serverKeyPEM: serverKeyPEM,
                    clientCertificatePEM: client.pem, clientKeyPEM: clientKeyPEM),
                mode: 0o600),
            OutputFile(name: "kubernetes-exporter.yaml", kind: .manifest, text: snippets.kubernetesExporter, mode: 0o644),
        ]
        if options.pkcs12 {
            files.append(try pkcs12File("server.p12", server, serverKey, chain: [ca], warnings: &warnings))
            files.append(try pkcs12File("client.p12", client, clientKey, chain: [ca], warnings: &warnings))
        }
        return try finish(files, warnings)
    }

    /// A private CA (`NAME.crt`, `NAME.key`); an intermediate when `parent` is given.
    public func certificateAuthority(
        name: String = "ca", commonName: String? = nil, pathLength: Int? = 0, parent: SignerFiles? = nil
    ) throws(GenerationError) -> GenerationResult {
        try Self.checkFileName(name)
        let days = options.days ?? CertificateTemplate.defaultCADays
        _ = try CertificateTemplate.checkDays(days, forCA: true, allowLong: true)
        if let pathLength, pathLength < 0 { throw GenerationError(.usage, "--path-length must be 0 or more") }
        let signer = try parent.map { files throws(GenerationError) in
            try Signer.load(certificatePath: files.certificatePath, keyPath: files.keyPath, passphrase: files.passphrase, now: now)
        }
        if let signer, let limit = signer.certificate.basicConstraints?.pathLength {
            let parentName = signer.certificate.commonName ?? signer.certificate.subject
            if limit == 0 {
                throw GenerationError(.input, "\(parentName) has pathlen 0: it may not sign intermediate CAs (recreate it with --path-length 1 or more)")
            }
            if pathLength.map({ $0 >= limit }) ?? true {
                throw GenerationError(.usage, "--path-length must be below the parent CA's pathlen \(limit) (at most \(limit - 1))")
            }
        }
        try checkTargets(["\(name).crt", "\(name).key"])

        let key = try generateKey()
        let template = CertificateTemplate(
            kind: .ca(pathLength: pathLength), commonName: commonName ?? caName(), organization: options.organization, days: days)
        let ca = try CertificateIssuer.issue(template, subjectKey: key, signer: signer, now: now)
        var warnings: [String] = []
        if let signer { warnings += outlivesCA([ca], signer.certificate) }
        let files = [
            certificateFile("\(name).crt", ca, chain: signer?.chain ?? []),
            try keyFile("\(name).key", key, encrypted: options.keyPassphrase != nil),
        ]
        return try finish(files, warnings)
    }

    /// A certificate signed by a CA: `NAME.crt` (leaf, then the CA's intermediates), `NAME.key`.
    public func certificate(
        hosts: [String], usage: LeafUsage, name: String, commonName: String? = nil, signer signerFiles: SignerFiles
    ) throws(GenerationError) -> GenerationResult {
        try Self.checkFileName(name)
        guard !hosts.isEmpty else {
            throw GenerationError(.usage, "give at least one --host (a DNS name, IP address, e-mail or URI; Go ignores the Common Name)")
        }
        let (names, hostWarnings) = try HostNames.parseAll(hosts)
        let days = options.days ?? CertificateTemplate.defaultLeafDays
        var warnings = hostWarnings + (try CertificateTemplate.checkDays(days, forCA: false, allowLong: options.allowLongValidity))
        let signer = try Signer.load(
            certificatePath: signerFiles.certificatePath, keyPath: signerFiles.keyPath, passphrase: signerFiles.passphrase, now: now)
        for purpose in [LeafUsage.server, .client] where usage.contains(purpose) {
            let eku: ExtendedKeyUsage = purpose == .server ? .serverAuth : .clientAuth
            if !signer.certificate.allows(eku) {
                throw GenerationError(.input, "the CA's extended key usage excludes \(eku): Go rejects every \(purpose == .server ? "server" : "client") certificate it signs (EKUs nest)")
            }
        }
        try checkTargets(["\(name).crt", "\(name).key"] + (options.pkcs12 ? ["\(name).p12"] : []))

        let key = try generateKey()
        let template = CertificateTemplate(
            kind: .leaf(usage), commonName: commonName ?? names[0].value, organization: options.organization,
            subjectAlternativeNames: names, days: days)
        let certificate = try CertificateIssuer.issue(template, subjectKey: key, signer: signer, now: now)
        warnings += outlivesCA([certificate], signer.certificate)
        var files = [
            certificateFile("\(name).crt", certificate, chain: signer.chain),
            try keyFile("\(name).key", key, encrypted: options.keyPassphrase != nil),
        ]
        if options.keyPassphrase != nil { warnings.append(Self.encryptedLeafWarning("\(name).key")) }
        if options.pkcs12 {
            files.append(try pkcs12File("\(name).p12", certificate, key, chain: signer.chain, warnings: &warnings))
        }
        return try finish(files, warnings)
    }

    // MARK: Pieces

    private func generateKey() throws(GenerationError) -> PrivateKey {
        do {
            return try PrivateKey.generate(options.keyType)
        } catch {
            throw GenerationError(.internal, error.description)
        }
    }

    private func pem(_ key: PrivateKey, passphrase: String?) throws(GenerationError) -> String {
        do {
            return try key.pem(passphrase: passphrase)
        } catch {
            throw GenerationError(.internal, error.description)
        }
    }

    private func certificateFile(_ name: String, _ certificate: Certificate, chain: [Certificate] = []) -> OutputFile {
        var file = OutputFile(
            name: name, kind: .certificate, text: ([certificate] + chain).map(\.pem).joined(), mode: 0o644)
        file.certificate = certificate
        return file
    }

    private func keyFile(_ name: String, _ key: PrivateKey, encrypted: Bool) throws(GenerationError) -> OutputFile {
        keyFile(name, key, pem: try pem(key, passphrase: encrypted ? options.keyPassphrase : nil), encrypted: encrypted)
    }

    private func keyFile(_ name: String, _ key: PrivateKey, pem: String, encrypted: Bool) -> OutputFile {
        var file = OutputFile(name: name, kind: .privateKey, text: pem, mode: 0o600)
        file.key = key
        file.isEncrypted = encrypted
        return file
    }

    private func pkcs12File(
        _ name: String, _ certificate: Certificate, _ key: PrivateKey, chain: [Certificate], warnings: inout [String]
    ) throws(GenerationError) -> OutputFile {
        let passphrase = options.pkcs12Passphrase ?? options.keyPassphrase ?? ""
        if passphrase.isEmpty && !warnings.contains(where: { $0.hasPrefix("the .p12") }) {
            warnings.append("the .p12 files have an empty password; give one with --p12-passphrase-file")
        }
        let bytes = try PKCS12.make(
            certificate: certificate, key: key, chain: chain, passphrase: passphrase,
            friendlyName: certificate.commonName ?? name)
        var file = OutputFile(name: name, kind: .pkcs12, contents: bytes, mode: 0o600)
        file.certificate = certificate
        file.isEncrypted = true
        return file
    }

    /// `tlscheck CA 1f2e3d4c`: distinct names keep two private CAs apart in a trust store.
    private func caName() -> String {
        var bytes = [UInt8](repeating: 0, count: 4)
        _ = RAND_bytes(&bytes, Int32(bytes.count))
        return "\(options.organization.isEmpty ? "tlscheck" : options.organization) CA \(Hex.plain(bytes).lowercased())"
    }

    private func outlivesCA(_ certificates: [Certificate], _ ca: Certificate) -> [String] {
        guard certificates.contains(where: { $0.notAfter > ca.notAfter }) else { return [] }
        return ["the new certificate is valid after its CA expires (\(Dates.text(ca.notAfter))); clients reject it from then on"]
    }

    private func checkTargets(_ names: [String]) throws(GenerationError) {
        if options.write { try SafeWriter.check(names, in: options.folder, force: options.force) }
    }

    private func finish(_ files: [OutputFile], _ warnings: [String]) throws(GenerationError) -> GenerationResult {
        if options.write { try SafeWriter.write(files, into: options.folder, force: options.force) }
        return GenerationResult(folder: options.folder, files: files, warnings: warnings, written: options.write)
    }

    static func encryptedLeafWarning(_ name: String) -> String {
        "\(name) is encrypted: exporters, Prometheus and the Collector (Go programs) cannot read encrypted keys"
    }

    static func checkFileName(_ name: String) throws(GenerationError) {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", !name.hasPrefix(".") else {
            throw GenerationError(.usage, "--name takes a plain file name without folders, not '\(name)'")
        }
    }

    static func checkKubernetesName(_ name: String) throws(GenerationError) {
        let valid = !name.isEmpty && name.count <= 240
            && name.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
            && name.first != "-" && name.last != "-"
        guard valid else { throw GenerationError(.usage, "--k8s-name must be a lower-case DNS label (a-z, 0-9, -), not '\(name)'") }
    }
}
