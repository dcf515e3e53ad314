import ArgumentParser
import TLSCheckCore

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what certificates and keys really are: names, dates, keys, usages, chain, key match.",
        discussion: """
            Reads PEM (bundles, files mixing certificates and keys), DER, PKCS#12 and Kubernetes Secret \
            manifests (YAML or JSON, `data` and `stringData`, several documents); folders recursively \
            (files without certificates are skipped, listed with --verbose). A key in the same file, a \
            Secret's tls.key, a key beside the certificate (server.crt + server.key, name.pem + \
            name-key.pem, cert.pem + privkey.pem) or --key is checked against the first certificate. \
            Findings use the codes of docs/checks.md. See docs/inspect.md.

            Examples:
              tlscheck inspect server.crt
              tlscheck inspect fullchain.pem --key privkey.pem
              tlscheck inspect keystore.p12 --passphrase-file pass.txt
              tlscheck inspect tls-secret.yaml /etc/ssl/private/
              kubectl get secret exporter-tls -o yaml | tlscheck inspect -
              tlscheck inspect --format json certs/ | jq '.files[].groups[].certificates[].notAfter'
            """)

    @Argument(help: ArgumentHelp("Certificate, key, PKCS#12 or Secret files, or folders; - reads standard input.", valueName: "path"),
              completion: .file())
    var paths: [String] = []

    @Option(help: ArgumentHelp("A private key to compare with the first certificate of each file.", valueName: "file"),
            completion: .file())
    var key: String?

    @OptionGroup var material: MaterialOptions

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to inspect") }
    }

    func run() throws {
        let inspector = CertificateInspector(
            context: CheckContext(), passphrase: try material.passphrase(), verbose: material.verbose, keyPath: key)
        let result = inspector.inspect(paths)
        let renderer = InspectionRenderer(workingDirectory: Console.workingDirectory, color: Console.wantsColor())
        switch report.format {
        case .text: Console.out(renderer.text(result, summary: !report.quiet))
        case .json: Console.out(renderer.json(result))
        default:
            try report.finish(result.report, noun: "input")
            return
        }
        if result.report.fails(at: report.failOn) { throw ExitCode(1) }
    }
}

/// Options of the commands that read certificate files.
struct MaterialOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"),
            help: ArgumentHelp("A file whose first line is the passphrase of PKCS#12 files and encrypted keys.", valueName: "file"),
            completion: .file())
    var passphraseFile: String?

    @Flag(help: "Also list the files of folders that were skipped for holding no certificate.")
    var verbose = false

    /// The passphrase, read now; a file that cannot be read is a setup error.
    func passphrase() throws -> String? {
        guard let passphraseFile else { return nil }
        switch FileInput.read(passphraseFile, limit: 64 << 10, origin: .commandLine) {
        case .success(let bytes):
            let firstLine = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
            var text = String(decoding: firstLine, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            return text
        case .failure(let error):
            throw SetupError("--passphrase-file \(passphraseFile): \(error.reason)", hint: error.hint)
        }
    }
}
