#if canImport(Glibc)
import Glibc
#endif

/// A Helm chart's templates and values files are not what the cluster receives: they are recognised
/// and said to be so (`helm-template`), not reported as broken YAML and not skipped in silence. A
/// rendered manifest that carries `{{ … }}` inside a value (an Alertmanager template in a ConfigMap)
/// is not a template.
enum HelmInput {
    /// Words that only Helm's template language uses.
    static let markers = [".Values", ".Release.", ".Chart.", ".Capabilities.", "include \"", "toYaml", "nindent", ".Files."]
    /// Top-level keys of a chart's values.yaml (the `helm create` scaffold's).
    static let valuesKeys: Set = [
        "replicaCount", "image", "imagePullSecrets", "nameOverride", "fullnameOverride", "serviceAccount", "podAnnotations",
        "podLabels", "podSecurityContext", "securityContext", "ingress", "resources", "autoscaling", "nodeSelector",
        "tolerations", "affinity", "extraArgs", "extraVolumes", "extraVolumeMounts", "global",
    ]

    static func templateFinding(_ path: String) -> Finding {
        Finding(
            .helmTemplate,
            "\(name(path)) is a Helm chart template (it holds {{ … }} actions only Helm evaluates), not a manifest: nothing in it was checked",
            at: Location(path: path, line: 1, column: 1))
    }

    static func valuesFinding(_ path: String) -> Finding {
        Finding(
            .helmTemplate, "\(name(path)) looks like a Helm chart's values file, the input of its templates: nothing in it was checked",
            at: Location(path: path, line: 1, column: 1),
            hint: "render the chart with these values first: helm template RELEASE CHART -f \(path) | tlscheck validate -")
    }

    private static func name(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `{{` with a Helm word, and an action that starts a line or YAML that does not parse.
    static func isTemplate(_ bytes: [UInt8], _ document: YAMLDocument) -> Bool {
        guard Bytes.contains(bytes, "{{") else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        guard markers.contains(where: text.contains) else { return false }
        if document.findings.contains(where: { $0.severity == .error }) { return true }
        return text.split(separator: "\n").contains { line in
            line.drop { $0 == " " }.hasPrefix("{{") || line.contains(": {{") || line.contains("- {{")
        }
    }

    /// A values file: named `values*.yaml`, or a mapping with several of the scaffold's keys.
    static func isValues(_ root: YAMLNode?, path: String) -> Bool {
        guard let pairs = root?.pairs, !ManifestReader.isManifest(root) else { return false }
        let keys = Set(pairs.compactMap(\.key.text))
        let file = name(path).lowercased()
        if file.hasPrefix("values") && (file.hasSuffix(".yaml") || file.hasSuffix(".yml")) { return true }
        return keys.intersection(valuesKeys).count >= 4
    }

    /// The chart folder a file belongs to (the nearest folder above it with a Chart.yaml), to say a
    /// chart's templates once.
    static func chartRoot(of path: String) -> String? {
        var folder = FileInput.folder(of: path)
        for _ in 0..<8 {
            var info = stat()
            if stat(FileInput.resolve("Chart.yaml", relativeTo: folder), &info) == 0 { return folder }
            let parent = FileInput.folder(of: folder)
            if parent == folder || folder == "." { return nil }
            folder = parent
        }
        return nil
    }
}
