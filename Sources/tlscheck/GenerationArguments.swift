import ArgumentParser
import TLSCheckCore

extension KeyType: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Options every gen-* command shares, and the way their results are printed.
struct GenerationArguments: ParsableArguments {
    @Option(name: .customLong("out"), help: "Folder to write into (created if missing).", completion: .directory)
    var out = "."

    @Option(name: .customLong("key-type"), help: "Key type: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.")
    var keyType: KeyType = .p256

    @Option(name: .customLong("org"), help: "Organization (O) in the certificates' subjects.")
    var organization = "tlscheck"

    @Flag(help: "Replace existing files (otherwise an existing file stops the run before anything is written).")
    var force = false

    @Option(help: ArgumentHelp("Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.", valueName: "file"),
            completion: .file())
    var keyPassphraseFile: String?

    @Flag(help: "Print what was written as JSON (paths, fingerprints, not-after).")
    var json = false

    @Flag(help: "Print the files, private keys included, to standard output instead of writing them.")
    var stdout = false

    func validate() throws {
        if json && stdout { throw ValidationError("--json and --stdout cannot be combined") }
    }

    /// The core's options from these arguments; reads the passphrase files.
    func options(days: Int?, now: Date = Date()) throws -> GenerationOptions {
        var options = GenerationOptions(
            folder: SafeWriter.absolute(out, relativeTo: Console.workingDirectory), now: now)
        options.keyType = keyType
        options.days = days
        options.organization = organization
        options.force = force
        options.write = !stdout
        if let keyPassphraseFile {
            options.keyPassphrase = try Passphrase.read(keyPassphraseFile, option: "--key-passphrase-file")
        }
        return options
    }

    /// Prints the result: the files (with `--stdout`), JSON, or a line per file plus warnings.
    func print(_ result: GenerationResult, nextSteps: [String] = []) {
        if stdout {
            for file in result.files where file.kind != .pkcs12 {
                Console.out("# \(file.name)\n\(file.text)")
            }
            for warning in result.warnings { Console.err("warning: \(warning)\n") }
            return
        }
        if json {
            Console.out(result.json)
            return
        }
        Console.out(result.text(relativeTo: Console.workingDirectory))
        for warning in result.warnings { Console.err("warning: \(warning)\n") }
        if !nextSteps.isEmpty { Console.out("\nnext:\n" + nextSteps.map { "  \($0)\n" }.joined()) }
    }

    /// A path under the output folder as the user would type it.
    func shown(_ name: String) -> String {
        let folder = SafeWriter.absolute(out, relativeTo: Console.workingDirectory)
        return Paths.display(folder + "/" + name, relativeTo: Console.workingDirectory)
    }
}

/// The PKCS#12 options of gen-self-signed and gen-cert.
struct PKCS12Arguments: ParsableArguments {
    @Flag(help: "Also write a PKCS#12 (.p12) file with the certificate, key and chain (readable by OpenSSL 3 without -legacy).")
    var p12 = false

    @Option(help: ArgumentHelp("Password of the .p12 file, read from this file (default: the key passphrase, else empty).", valueName: "file"),
            completion: .file())
    var p12PassphraseFile: String?

    func apply(to options: inout GenerationOptions, stdout: Bool) throws {
        if p12 && stdout { throw ValidationError("--p12 writes a binary file; it cannot go to standard output") }
        options.pkcs12 = p12
        if let p12PassphraseFile {
            options.pkcs12Passphrase = try Passphrase.read(p12PassphraseFile, option: "--p12-passphrase-file")
        }
    }
}
