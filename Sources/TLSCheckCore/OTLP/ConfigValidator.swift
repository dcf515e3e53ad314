#if canImport(Glibc)
import Glibc
#endif

/// What `validate` found: the findings, and the client endpoints `--connect` may dial.
public struct ConfigValidation: Sendable {
    public var report: Report
    public var endpoints: [OTLPEndpoint]
    /// The servers and clients the inputs describe, for the cross-checks of both ends.
    public var deployment: Deployment

    public init(report: Report = Report(), endpoints: [OTLPEndpoint] = [], deployment: Deployment = Deployment()) {
        self.report = report
        self.endpoints = endpoints
        self.deployment = deployment
    }

    public mutating func append(_ other: ConfigValidation) {
        report.append(other.report)
        endpoints += other.endpoints
        deployment.merge(other.deployment)
    }
}

/// `validate`'s file front end: files, folders and globs; each file's kind detected from its
/// content (or forced); web-configs to `WebConfigValidator`, Collector and Tempo files to the OTLP rules.
public struct ConfigValidator: Sendable {
    public var context: CheckContext
    /// `--kind`: nil to detect each file's kind.
    public var kind: ConfigKind?

    public init(context: CheckContext = CheckContext(), kind: ConfigKind? = nil) {
        self.context = context
        self.kind = kind
    }

    /// Checks every input in order. A folder is walked (sorted, hidden entries skipped) for `.yaml`
    /// and `.yml` files, and a pattern with `*`, `?` or `[` that names no file is expanded; files found
    /// that way are skipped quietly when they are not configurations. Files named one by one are
    /// always reported on.
    public func validate(inputs: [String]) -> ConfigValidation {
        var result = ConfigValidation()
        var files: [(path: String, explicit: Bool)] = []
        for input in inputs { files += expand(input, into: &result.report) }
        // Files are independent, except Kubernetes manifests, which form one deployment: check the
        // others on every core and gather the manifests; report in input order.
        var manifests: [ManifestFile] = []
        var charts: Set<String> = []
        for (checked, file) in zip(Parallel.map(files, { check(file: $0.path, explicit: $0.explicit) }), files) {
            switch checked {
            case .checked(let validation):
                // A chart's templates are said once, at the first file of the chart.
                if !file.explicit, validation.report.findings.first?.check == .helmTemplate,
                    let chart = HelmInput.chartRoot(of: file.path), !charts.insert(chart).inserted
                {
                    continue
                }
                result.append(validation)
            case .manifest(let manifest):
                manifests.append(manifest)
                result.report.inputs.append(manifest.path)
            }
        }
        if !manifests.isEmpty {
            var read = ManifestReader(context: context).read(manifests)
            read.report.inputs = []
            result.append(read)
        }
        return result
    }

    public func validate(file path: String, explicit: Bool = true) -> ConfigValidation {
        switch check(file: path, explicit: explicit) {
        case .checked(let validation): validation
        case .manifest(let manifest): ManifestReader(context: context).read([manifest])
        }
    }

    /// A file checked on its own, or a manifest to be read with the others of the run.
    enum Checked: Sendable {
        case checked(ConfigValidation)
        case manifest(ManifestFile)
    }

    func check(file path: String, explicit: Bool) -> Checked {
        switch FileInput.read(path, origin: explicit ? .commandLine : .reference) {
        case .failure(let error):
            return .checked(ConfigValidation(report: .unreadable(error)))
        case .success(let bytes):
            return check(bytes: bytes, path: path, explicit: explicit)
        }
    }

    public func validate(text: String, path: String, explicit: Bool = true) -> ConfigValidation {
        validate(bytes: Array(text.utf8), path: path, explicit: explicit)
    }

    /// `path` names the file in findings; relative paths inside resolve against its folder.
    public func validate(bytes: [UInt8], path: String, explicit: Bool = true) -> ConfigValidation {
        switch check(bytes: bytes, path: path, explicit: explicit) {
        case .checked(let validation): validation
        case .manifest(let manifest): ManifestReader(context: context).read([manifest])
        }
    }

    func check(bytes: [UInt8], path: String, explicit: Bool) -> Checked {
        let document = YAMLParser.parse(bytes, path: path)
        let kind = kind ?? ConfigKind.detect(document.root)
        // A Helm chart's template or values file is said to be one, not checked as YAML.
        if kind == .kubernetes || kind == .unknown, HelmInput.isTemplate(bytes, document) {
            return .checked(ConfigValidation(report: Report(findings: [HelmInput.templateFinding(path)], inputs: [path])))
        }
        if kind == .unknown, self.kind == nil, HelmInput.isValues(document.root, path: path) {
            return .checked(ConfigValidation(report: Report(findings: [HelmInput.valuesFinding(path)], inputs: [path])))
        }
        if kind == .kubernetes {
            return .manifest(ManifestFile(path: path, bytes: bytes))
        }
        return .checked(validate(document: document, kind: kind, path: path, explicit: explicit))
    }

    private func validate(document: YAMLDocument, kind: ConfigKind, path: String, explicit: Bool) -> ConfigValidation {
        var kind = kind
        if kind == .prometheus || kind == .prometheusJobs {
            return PrometheusReader(context: context).read(document, path: path, kind: kind)
        }
        if kind == .unknown {
            let broken = document.findings.contains { $0.severity == .error }
            if !explicit && !broken { return ConfigValidation() }  // unrelated YAML in a tree: skipped quietly
            // Named on the command line: a file that is no mapping (or is empty) is read as a web-config,
            // validate's original kind, so its errors are the toolkit's; an unrelated mapping gets a warning.
            if document.root?.pairs == nil || broken {
                kind = .webConfig
            } else {
                let keys = (document.root?.pairs ?? []).compactMap(\.key.text)
                var findings = document.findingList
                findings.append(Finding(
                    .unrecognizedConfig,
                    "not recognised as a web-config, Prometheus, Collector or Tempo configuration (top-level keys: \(keys.prefix(6).joined(separator: ", ")))",
                    at: Location(path: path, line: 1, column: 1)))
                return ConfigValidation(report: Report(findings, inputs: [path]))
            }
        }
        if kind == .webConfig {
            let (report, server) = WebConfigValidator(context: context).validateWithFacts(document: document, path: path)
            var deployment = Deployment()
            deployment.servers = server.map { [$0] } ?? []
            return ConfigValidation(report: report, deployment: deployment)
        }
        var run = OTLPRun(path: path, context: context)
        run.findings = document.findingList
        var deployment = Deployment()
        if let root = document.root {
            run.check(root, as: kind)
            deployment = run.facts(root, as: kind)
        }
        return ConfigValidation(report: Report(run.findings, inputs: [path]), endpoints: run.endpoints, deployment: deployment)
    }

    // MARK: Inputs

    static let configExtensions = [".yaml", ".yml"]

    /// The files an input stands for, and whether each was named explicitly.
    func expand(_ input: String, into report: inout Report) -> [(String, Bool)] {
        if input == "-" { return [(FileInput.standardInput, true)] }
        if let isFolder = Self.isFolder(input) {
            if !isFolder { return [(input, true)] }
            var files: [String] = []
            walk(input, depth: 0, into: &files, report: &report)
            if files.isEmpty {
                report.findings.append(Finding(.unreadableInput, "no .yaml or .yml file in the folder \(input)", at: Location(path: input),
                                               hint: "name the configuration files, or a folder that holds them"))
                report.inputs.append(input)
            }
            return files.map { ($0, false) }
        }
        if input.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            let matches = Self.glob(input)
            if matches.isEmpty {
                report.findings.append(Finding(.unreadableInput, "no file matches \(input)", at: Location(path: input),
                                               hint: "check the pattern; quote it so tlscheck expands it, or let the shell do it"))
                report.inputs.append(input)
            }
            return matches.map { ($0, false) }
        }
        return [(input, true)]  // missing: reported as unreadable by validate(file:)
    }

    private func walk(_ folder: String, depth: Int, into files: inout [String], report: inout Report) {
        guard depth < 32 else { return }
        for name in Self.entries(of: folder).sorted() where !name.hasPrefix(".") {
            let path = folder == "." ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                walk(path, depth: depth + 1, into: &files, report: &report)
            } else if Self.configExtensions.contains(where: { name.lowercased().hasSuffix($0) }) {
                if type == S_IFREG {
                    files.append(path)
                } else if let refusal = FileInput.refusal(path, type: type, origin: .reference) {
                    // A FIFO named like a config would block the run: said, never opened.
                    report.findings.append(Finding(.inputNotRegular, "skipped \(path): it \(refusal.reason)", at: Location(path: path)))
                    report.inputs.append(path)
                }
            }
        }
    }

    /// True for a folder, false for anything else that exists, nil when nothing is there.
    static func isFolder(_ path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a folder (unsorted), empty when it cannot be read.
    static func entries(of folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// POSIX glob(3), sorted.
    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}

extension OTLPRun {
    mutating func check(_ root: YAMLNode, as kind: ConfigKind) {
        switch kind {
        case .collector:
            checkCollector(root)
            checkClients(exporterClients(root["exporters"]))
        case .tempo: checkTempo(root)
        case .otlpExporter:
            checkGRPCExporter(root, name: "exporters::otlp", key: root)
            checkClients(endpoints.map { exporterClient($0, body: root, key: root) })
        case .otlpHTTPExporter:
            checkHTTPExporter(root, name: "exporters::otlp_http", key: root)
            checkClients(endpoints.prefix(1).map { exporterClient($0, body: root, key: root) })
        case .otlpReceiver: checkOTLPReceiver(root, name: "receivers::otlp")
        case .collectorComponent: walkTLS(root, name: "component", role: .unknown, depth: 0)
        case .webConfig, .kubernetes, .prometheus, .prometheusJobs, .unknown: break
        }
    }

    /// The exporters' TLS settings through the one implementation of a client's checks: skip-verify
    /// and what it hides, IP targets without a server name. Versions and material keep the
    /// Collector's own rules and words (ConfigTLS).
    mutating func checkClients(_ clients: [TLSClient]) {
        var materials = MaterialFindings(files: context.files)
        for client in clients {
            findings.append(contentsOf: ClientChecks(context: context).check(client, materials: &materials, parts: [.skipVerify, .serverName]))
        }
    }

    /// The servers and clients a checked Collector or Tempo file states.
    func facts(_ root: YAMLNode, as kind: ConfigKind) -> Deployment {
        var deployment = Deployment()
        switch kind {
        case .collector:
            deployment.servers = receiverServers(root["receivers"])
            deployment.clients = exporterClients(root["exporters"])
        case .tempo:
            deployment.servers = receiverServers(root["distributor"]?["receivers"], prefix: "distributor::receivers")
        default:
            break
        }
        return deployment
    }
}
