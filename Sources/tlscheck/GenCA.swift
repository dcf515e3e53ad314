import ArgumentParser
import TLSCheckCore

struct GenCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen-ca",
        abstract: "Make a private CA (ca.crt, ca.key), or an intermediate CA signed by another.",
        discussion: """
            The CA gets basicConstraints CA:TRUE (critical) with a path length, keyUsage keyCertSign and \
            cRLSign (critical), no extended key usage (so it can vouch for servers and clients alike), a \
            Common Name and an organization, and key identifiers. Valid for 10 years unless --days says \
            otherwise. With --ca and --ca-key it is an intermediate: NAME.crt then holds it followed by the \
            intermediates above it (never the root). See docs/generate.md.

            Examples:
              tlscheck gen-ca --out pki
              tlscheck gen-ca --out pki --common-name "Example Fleet CA" --path-length 1
              tlscheck gen-ca --out pki --name intermediate --ca pki/ca.crt --ca-key pki/ca.key
              tlscheck gen-ca --out pki --key-passphrase-file ca.pass --json
            """)

    @Option(help: ArgumentHelp("Base name of the files written: NAME.crt and NAME.key.", valueName: "name"))
    var name = "ca"

    @Option(help: "The CA's Common Name (default: the organization, \"CA\" and a random id).")
    var commonName: String?

    @Option(help: "How many intermediate CAs may follow below this one (0: it signs only leaves).")
    var pathLength = 0

    @Option(help: "Validity in days (default 3650).")
    var days: Int?

    @Option(help: ArgumentHelp("For an intermediate: the parent CA's certificate.", valueName: "file"), completion: .file())
    var ca: String?

    @Option(help: ArgumentHelp("For an intermediate: the parent CA's private key.", valueName: "file"), completion: .file())
    var caKey: String?

    @Option(help: ArgumentHelp("Passphrase of an encrypted parent CA key, read from this file.", valueName: "file"), completion: .file())
    var caKeyPassphraseFile: String?

    @OptionGroup var generation: GenerationArguments

    func validate() throws {
        if (ca == nil) != (caKey == nil) { throw ValidationError("--ca and --ca-key go together") }
        if caKeyPassphraseFile != nil && caKey == nil { throw ValidationError("--ca-key-passphrase-file needs --ca-key") }
    }

    func run() throws {
        let options = try generation.options(days: days)
        let parent = try signerFiles(ca: ca, caKey: caKey, passphraseFile: caKeyPassphraseFile)
        let result = try Generator(options: options).certificateAuthority(
            name: name, commonName: commonName, pathLength: pathLength, parent: parent)
        generation.print(result)
    }
}

/// The `--ca`, `--ca-key` and `--ca-key-passphrase-file` options as the core's `SignerFiles`.
func signerFiles(ca: String?, caKey: String?, passphraseFile: String?) throws -> SignerFiles? {
    guard let ca, let caKey else { return nil }
    let cwd = Console.workingDirectory
    let passphrase = try passphraseFile.map { path in
        try Passphrase.read(path, option: "--ca-key-passphrase-file")
    }
    return SignerFiles(
        certificatePath: FileInput.resolve(ca, relativeTo: cwd), keyPath: FileInput.resolve(caKey, relativeTo: cwd),
        passphrase: passphrase)
}
