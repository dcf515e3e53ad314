import Foundation
import TLSCheckCore

/// A manifest stream as a test needs it to run the real programs with it: the Secrets decoded, the
/// exporter container's Secret volumes laid out under a folder as the kubelet mounts them, the
/// ServiceMonitor's endpoint written as the scrape job the Prometheus Operator generates
/// (kubernetes.md §3.3), and the kubelet's probes. Only what the test's manifests use is read.
struct ManifestRig {
    /// Secret name → key → bytes (`data` decoded, `stringData` over it).
    private(set) var secrets: [String: [String: Data]] = [:]
    private var workload: YAMLNode?
    private var monitor: YAMLNode?
    private var monitorNamespace = "default"

    init(_ text: String) throws {
        for document in YAMLParser.parseAll(Array(text.utf8), path: "manifests.yaml") {
            guard let root = document.root, let kind = root["kind"]?.text else { continue }
            switch kind {
            case "Secret":
                let name = root["metadata"]?["name"]?.text ?? ""
                var entries: [String: Data] = [:]
                for pair in root["data"]?.pairs ?? [] {
                    if let key = pair.key.text, let value = pair.value.text, let bytes = Data(base64Encoded: value) { entries[key] = bytes }
                }
                for pair in root["stringData"]?.pairs ?? [] {
                    if let key = pair.key.text, let value = pair.value.text { entries[key] = Data(value.utf8) }
                }
                secrets[name] = entries
            case "Deployment", "DaemonSet", "StatefulSet": workload = workload ?? root
            case "ServiceMonitor":
                monitor = monitor ?? root
                monitorNamespace = root["metadata"]?["namespace"]?.text ?? "default"
            default: continue
            }
        }
        guard workload != nil, monitor != nil else { throw Failure("the manifests need a workload and a ServiceMonitor") }
    }

    private var container: YAMLNode? { workload?["spec"]?["template"]?["spec"]?["containers"]?.items?.first }

    /// Writes each Secret volume of the first container under `root` at its mount path (every key a
    /// file, as without `items`) and returns the container's args with the absolute paths re-rooted.
    /// A configuration in a mounted Secret gets its absolute paths re-rooted too: the files it names are
    /// the Secret keys it names, under the same root.
    func layOutContainer(under root: String) throws -> [String] {
        let volumes = workload?["spec"]?["template"]?["spec"]?["volumes"]?.items ?? []
        var mountPaths: [String] = []
        for mount in container?["volumeMounts"]?.items ?? [] {
            guard let name = mount["name"]?.text, let path = mount["mountPath"]?.text else { continue }
            mountPaths.append(path)
            let volume = volumes.first { $0["name"]?.text == name }
            guard let secretName = volume?["secret"]?["secretName"]?.text, let secret = secrets[secretName] else { continue }
            let folder = root + path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (key, bytes) in secret { try bytes.write(to: URL(fileURLWithPath: folder + "/" + key)) }
        }
        for mountPath in mountPaths {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: root + mountPath)) ?? [] where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let path = root + mountPath + "/" + file
                var text = try String(contentsOfFile: path, encoding: .utf8)
                for other in mountPaths { text = text.replacingOccurrences(of: ": \(other)/", with: ": \(root)\(other)/") }
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            }
        }
        return (container?["args"]?.items ?? []).compactMap(\.text).map { arg in
            guard let equals = arg.firstIndex(of: "="), arg[arg.index(after: equals)...].hasPrefix("/") else { return arg }
            return String(arg[...equals]) + root + arg[arg.index(after: equals)...]
        }
    }

    /// The first endpoint of the ServiceMonitor as the Operator writes it into prometheus.yml: the
    /// scheme, `server_name` only when `serverName` is set, and each Secret key it names copied to a
    /// file under `assets` (`0_<namespace>_<secret>_<key>`, the Operator's tls-assets), `target` the
    /// address discovery would give (a pod IP: the test's loopback address).
    func scrapeJob(named job: String, target: String, assets: String) throws -> String {
        guard let endpoint = monitor?["spec"]?["endpoints"]?.items?.first else { throw Failure("the ServiceMonitor has no endpoint") }
        try FileManager.default.createDirectory(atPath: assets, withIntermediateDirectories: true)
        var lines = ["  - job_name: \(job)"]
        if let scheme = endpoint["scheme"]?.text { lines.append("    scheme: \(scheme.lowercased())") }
        var tls: [String] = []
        let config = endpoint["tlsConfig"]
        func asset(_ selector: YAMLNode?) throws -> String? {
            guard let name = selector?["name"]?.text, let key = selector?["key"]?.text else { return nil }
            guard let bytes = secrets[name]?[key] else { throw Failure("the Operator would reject the monitor: no key \(key) in Secret \(name)") }
            let path = "\(assets)/0_\(monitorNamespace)_\(name)_\(key)"
            try bytes.write(to: URL(fileURLWithPath: path))
            return path
        }
        if let path = try asset(config?["ca"]?["secret"]) { tls.append("      ca_file: \(path)") }
        if let path = try asset(config?["cert"]?["secret"]) { tls.append("      cert_file: \(path)") }
        if let path = try asset(config?["keySecret"]) { tls.append("      key_file: \(path)") }
        if let name = config?["serverName"]?.text { tls.append("      server_name: \(name)") }
        if config?["insecureSkipVerify"]?.text == "true" { tls.append("      insecure_skip_verify: true") }
        if !tls.isEmpty { lines += ["    tls_config:"] + tls }
        lines += ["    static_configs:", "      - targets: ['\(target)']"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first container's kubelet probes: the handler (`httpGet`, `tcpSocket`…) and, for httpGet,
    /// the scheme as the kubelet reads it (HTTP when not written).
    var probes: [(handler: String, scheme: String)] {
        ["livenessProbe", "readinessProbe", "startupProbe"].compactMap { kind in
            guard let probe = container?[kind] else { return nil }
            if let http = probe["httpGet"] { return ("httpGet", (http["scheme"]?.text ?? "HTTP").uppercased()) }
            return (probe.pairs?.first { ["tcpSocket", "grpc", "exec"].contains($0.key.text ?? "") }?.key.text ?? "?", "")
        }
    }
}
