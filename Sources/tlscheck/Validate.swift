import ArgumentParser
import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

extension ConfigKind: ExpressibleByArgument {
    public static var allValueStrings: [String] { selectable.map(\.rawValue) }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check web-configs, prometheus.yml, monitors, Kubernetes manifests, Collector and Tempo configs, OTLP environment and flags.",
        discussion: """
            Reports every problem in one run, with file:line:col. Files: exporter-toolkit web-configs, \
            prometheus.yml (and scrape job lists), OpenTelemetry Collector and Grafana Tempo configurations, \
            told apart by their content (--kind forces one), and Kubernetes manifests (Prometheus Operator \
            monitors included): the manifests of one run are one deployment, whose mounts, flags and \
            embedded configurations are followed (docs/kubernetes.md). Folders are walked for .yaml/.yml \
            files and quoted globs expanded; unrelated YAML found that way is skipped. --env and --env-file \
            check OTEL_EXPORTER_OTLP_* variables, --otlp-address and friends Parca's flags. --connect then \
            connects to each client endpoint and static scrape target with exactly its TLS settings. See \
            docs/validate.md, docs/prometheus.md, docs/kubernetes.md, docs/otlp.md and docs/checks.md.

            Examples:
              tlscheck validate web-config.yaml
              tlscheck validate prometheus.yml --connect
              kubectl get servicemonitor -A -o yaml > monitors.yaml; tlscheck validate monitors.yaml
              tlscheck validate --toolkit-version 0.8 /etc/prometheus/web-config.yml
              tlscheck validate otelcol.yaml tempo.yaml --connect
              tlscheck validate deploy/ 'conf/*.yaml' --quiet --fail-on warning
              helm template ./chart | tlscheck validate -
              tlscheck validate --env-file tempo.env
              tlscheck validate --otlp-address tempo:4317 --otlp-insecure=false --connect
              tlscheck validate --example
              tlscheck validate --example-kubernetes
            """)

    @Argument(help: ArgumentHelp("Configuration files, folders or quoted globs to check; - reads standard input.", valueName: "path"),
              completion: .file(extensions: ["yaml", "yml"]))
    var files: [String] = []

    @Option(help: "Kind of every file instead of detecting it from its content.")
    var kind: ConfigKind?

    @Option(help: "exporter-toolkit version the config is for: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.")
    var toolkitVersion: String = "latest"

    @Flag(help: "Do not open the certificate, key and CA files configs name (schema and rules only, like otelcol validate).")
    var skipFiles = false

    @Flag(help: "Check this process's OTEL_EXPORTER_OTLP_* environment variables.")
    var env = false

    @Option(name: .customLong("env-file"), help: ArgumentHelp("Check OTEL_EXPORTER_OTLP_* variables in a KEY=VALUE file.", valueName: "file"),
            completion: .file())
    var envFiles: [String] = []

    @Option(name: .customLong("otlp-address"), help: ArgumentHelp("Parca's --otlp-address (host:port) to check.", valueName: "host:port"))
    var otlpAddress: String?

    @Option(name: .customLong("otlp-insecure"), help: ArgumentHelp("Parca's --otlp-insecure (default true: plaintext).", valueName: "bool"))
    var otlpInsecure: Bool?

    @Option(name: .customLong("otlp-exporter"), help: "Parca's --otlp-exporter: grpc (default), http or stdout.")
    var otlpExporter: String = "grpc"

    @Option(name: .customLong("otlp-ca-file"), help: ArgumentHelp("CA for the OTLP backend (Parca reads it from OTEL_EXPORTER_OTLP_CERTIFICATE).", valueName: "file"),
            completion: .file())
    var otlpCAFile: String?

    @Flag(help: "After the static checks, connect to each client endpoint and static scrape target with its configured TLS settings.")
    var connect = false

    @Option(help: "Deadline for each --connect probe: 2, 2s, 500ms.")
    var timeout: String = "5s"

    @Flag(help: "Check a built-in example web-config with several mistakes (no files needed).")
    var example = false

    @Flag(help: "Check a built-in example Kubernetes deployment whose connections are broken (no files needed).")
    var exampleKubernetes = false

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if files.isEmpty && !example && !exampleKubernetes && !env && envFiles.isEmpty && otlpAddress == nil {
            throw ValidationError("give at least one configuration file or folder, --env, --env-file, --otlp-address, or --example")
        }
        if ToolkitVersion(parsing: toolkitVersion) == nil {
            throw ValidationError("--toolkit-version takes a version such as 0.8, 0.15 or latest, not '\(toolkitVersion)'")
        }
        if otlpAddress == nil && (otlpInsecure != nil || otlpCAFile != nil) {
            throw ValidationError("--otlp-insecure and --otlp-ca-file go with --otlp-address")
        }
        _ = try TimeoutArgument.parse(timeout)
    }

    func run() throws {
        let context = CheckContext(toolkitVersion: ToolkitVersion(parsing: toolkitVersion) ?? .latest, checkFiles: !skipFiles)
        var result = ConfigValidation()
        result.append(try Examples.validate(webConfig: example, kubernetes: exampleKubernetes, context: context))
        result.append(ConfigValidator(context: context, kind: kind).validate(inputs: files))
        let environment = OTLPEnvironmentChecker(context: context)
        if env {
            result.append(environment.check(OTLPEnvironmentChecker.process(ProcessInfo.processInfo.environment), input: "env"))
        }
        for file in envFiles {
            result.append(environment.check(envFile: file))
        }
        if let otlpAddress {
            result.append(ParcaFlagsChecker(context: context).check(ParcaFlags(
                address: otlpAddress, insecure: otlpInsecure ?? true, insecureGiven: otlpInsecure != nil,
                exporter: otlpExporter, caFile: otlpCAFile)))
        }
        if connect {
            let deadline = try TimeoutArgument.parse(timeout)
            result.report.findings += OTLPConnector(timeout: deadline).connect(result.endpoints)
                + PrometheusConnector(timeout: deadline).connect(result.deployment.clients)
        }
        try report.finish(result.report, noun: env || otlpAddress != nil ? "input" : "file")
    }
}
