/// One pass of a reader over one YAML input (a web-config, a Collector or Tempo file, a
/// prometheus.yml, a monitor): where its findings go, capped per file and code (`FindingList`), and
/// the small ways every reader reads a node. Each reader is a struct that conforms and adds its rules.
protocol ConfigRun {
    /// The file findings name.
    var path: String { get }
    var findings: FindingList { get set }
}

extension ConfigRun {
    func at(_ node: YAMLNode) -> Location { node.start.location(in: path) }

    /// A finding at `node`, through the capped list (rules whose hint is costly ask `findings.admits` first).
    mutating func report(
        _ check: Check, _ message: String, at node: YAMLNode, hint: String? = nil,
        severity: Severity? = nil
    ) {
        findings.append(Finding(check, message, at: at(node), hint: hint, severity: severity))
    }

    /// The scalar text of `node[key]`; nil when absent, null or not a scalar.
    func string(_ node: YAMLNode?, _ key: String) -> String? {
        guard let value = node?[key], !value.isNull, let text = value.text else { return nil }
        return text
    }

    /// The boolean `node[key]` holds; nil when absent or not a boolean.
    func bool(_ node: YAMLNode?, _ key: String) -> Bool? {
        if case .bool(let value) = node?[key]?.value { return value }
        return nil
    }
}
