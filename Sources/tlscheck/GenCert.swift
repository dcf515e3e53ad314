import ArgumentParser
import TLSCheckCore

struct GenCert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen-cert",
        abstract: "Make a server or client certificate signed by a CA.",
        discussion: """
            Writes NAME.crt (the certificate, then the CA's intermediates, never the root) and NAME.key. \
            --server gives extended key usage serverAuth, --client clientAuth, both give both (default: \
            --server). Each --host becomes a SAN: IP addresses as IP SANs, user@domain as e-mail, \
            scheme://… as URI, anything else as a DNS name (wildcards allowed). Refused before anything is \
            written: a CA key that does not match the CA certificate, a CA certificate that is not a CA or \
            whose extended key usage excludes the certificate's, an existing file without --force. See \
            docs/generate.md.

            Examples:
              tlscheck gen-cert --ca pki/ca.crt --ca-key pki/ca.key --host node1.example.org --host 10.0.0.5 --out node1
              tlscheck gen-cert --ca pki/ca.crt --ca-key pki/ca.key --client --host prometheus --out prom
              tlscheck gen-cert --ca pki/ca.crt --ca-key pki/ca.key --server --client --host peer1 --name peer1 --out pki
              tlscheck gen-cert --ca pki/ca.crt --ca-key pki/ca.key --host app --p12 --p12-passphrase-file p12.pass
            """)

    @Option(help: ArgumentHelp("The CA's certificate (the first certificate signs; the rest is its chain).", valueName: "file"), completion: .file())
    var ca: String

    @Option(help: ArgumentHelp("The CA's private key.", valueName: "file"), completion: .file())
    var caKey: String

    @Option(help: ArgumentHelp("Passphrase of an encrypted CA key, read from this file.", valueName: "file"), completion: .file())
    var caKeyPassphraseFile: String?

    @Option(name: .customLong("host"), help: ArgumentHelp("A SAN: DNS name, IP address, e-mail or URI (repeat; at least one).", valueName: "host"))
    var hosts: [String] = []

    @Flag(help: "A server certificate (extended key usage serverAuth); the default.")
    var server = false

    @Flag(help: "A client certificate (extended key usage clientAuth).")
    var client = false

    @Option(help: ArgumentHelp("Base name of the files written (default: server, or client with only --client).", valueName: "name"))
    var name: String?

    @Option(help: "The Common Name (default: the first --host).")
    var commonName: String?

    @Option(help: "Validity in days (default 365; above 398 a warning, above 825 refused).")
    var days: Int?

    @Flag(help: "Allow certificates valid for more than 825 days.")
    var allowLongValidity = false

    @OptionGroup var generation: GenerationArguments
    @OptionGroup var pkcs12: PKCS12Arguments

    func validate() throws {
        if hosts.isEmpty { throw ValidationError("give at least one --host (a DNS name, IP address, e-mail or URI)") }
        if pkcs12.p12 && generation.stdout { throw ValidationError("--p12 writes a binary file; it cannot go to standard output") }
    }

    func run() throws {
        var options = try generation.options(days: days)
        options.allowLongValidity = allowLongValidity
        try pkcs12.apply(to: &options, stdout: generation.stdout)
        let usage: LeafUsage = client && !server ? .client : client ? [.server, .client] : .server
        let baseName = name ?? (usage == .client ? "client" : "server")
        guard let signer = try signerFiles(ca: ca, caKey: caKey, passphraseFile: caKeyPassphraseFile) else { return }
        let result = try Generator(options: options).certificate(
            hosts: hosts, usage: usage, name: baseName, commonName: commonName, signer: signer)
        generation.print(result)
    }
}
