import ArgumentParser
import TLSCheckCore

struct GenSelfSigned: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen-self-signed",
        abstract: "Make a self-signed server certificate, or with --mtls a CA, server and client certificates and their configs.",
        discussion: """
            Without --mtls: server.crt and server.key, self-signed, for the given hosts.
            With --mtls: ca.crt, ca.key, server.crt, server.key, client.crt, client.key, and beside them \
            web-config.yaml (exporter-toolkit, RequireAndVerifyClientCert), prometheus-scrape.yaml (a scrape \
            job's tls_config), otel-collector-tls.yaml (receiver and exporter tls:), kubernetes-secrets.yaml \
            (a kubernetes.io/tls Secret, the web-config Secret, the scraper's client Secret) and \
            kubernetes-exporter.yaml (the exporter's Deployment with its mounts, --web.config.file and tcpSocket \
            probes, a Service, a ServiceMonitor with scheme https, serverName and the client Secret; no namespace: \
            kubectl apply -n puts them all in one). Check both with tlscheck validate before applying them.

            Each --host becomes a SAN: IP addresses as IP SANs, e-mail addresses and URIs as such, anything \
            else as a DNS name (wildcards allowed). Keys are ECDSA P-256 unless --key-type says otherwise; \
            keys are written 0600, atomically; existing files are never replaced without --force, and a \
            refused run writes nothing. See docs/generate.md.

            Examples:
              tlscheck gen-self-signed --host localhost --host 127.0.0.1 --out certs
              tlscheck gen-self-signed --mtls --host node1.example.org --host 10.0.0.5 --out tls
              tlscheck gen-self-signed --mtls --client-name prometheus --json --out tls
              tlscheck gen-self-signed --host test.local --stdout > test.pem
            """)

    @Option(name: .customLong("host"), help: ArgumentHelp("A name or address the server answers to (repeat; default localhost and 127.0.0.1).", valueName: "host"))
    var hosts: [String] = []

    @Flag(help: "Make a private CA, a server and a client certificate, and the configuration for mutual TLS.")
    var mtls = false

    @Option(name: .customLong("client-name"), help: ArgumentHelp("With --mtls: the client certificate's identity (repeat; default prometheus).", valueName: "name"))
    var clientNames: [String] = []

    @Option(help: "With --mtls: the exporter's port in the scrape snippet.")
    var port = 9100

    @Option(name: .customLong("k8s-name"), help: "With --mtls: base name of the Kubernetes objects (Secrets, Deployment, Service, ServiceMonitor).")
    var kubernetesName = "exporter"

    @Option(help: "Validity of the server and client certificates in days (default 365; above 398 a warning, above 825 refused).")
    var days: Int?

    @Option(help: "With --mtls: validity of the CA in days (default 3650).")
    var caDays: Int?

    @Flag(help: "Allow certificates valid for more than 825 days.")
    var allowLongValidity = false

    @OptionGroup var generation: GenerationArguments
    @OptionGroup var pkcs12: PKCS12Arguments

    func validate() throws {
        if !mtls && !clientNames.isEmpty { throw ValidationError("--client-name needs --mtls") }
        if pkcs12.p12 && generation.stdout { throw ValidationError("--p12 writes a binary file; it cannot go to standard output") }
    }

    func run() throws {
        var options = try generation.options(days: days)
        options.caDays = caDays
        options.allowLongValidity = allowLongValidity
        try pkcs12.apply(to: &options, stdout: generation.stdout)
        let generator = Generator(options: options)
        let serverHosts = hosts.isEmpty ? ["localhost", "127.0.0.1"] : hosts
        if mtls {
            let request = Generator.MutualTLS(
                serverHosts: serverHosts, clientNames: clientNames.isEmpty ? ["prometheus"] : clientNames,
                port: port, kubernetesName: kubernetesName)
            let result = try generator.mutualTLS(request)
            let target = result.file(named: "server.crt")?.certificate?.subjectAlternativeNames.first?.value ?? "localhost"
            generation.print(result, nextSteps: [
                "prometheus-node-exporter --web.config.file=\(generation.shown("web-config.yaml"))",
                "curl --cacert \(generation.shown("ca.crt")) --cert \(generation.shown("client.crt")) --key \(generation.shown("client.key")) https://\(target.contains(":") ? "[\(target)]" : target):\(port)/metrics",
                "tlscheck validate \(generation.shown("web-config.yaml"))",
            ])
        } else {
            let result = try generator.selfSigned(hosts: serverHosts)
            generation.print(result)
        }
    }
}
