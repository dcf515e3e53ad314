/// Where the findings of one prometheus.yml (or scrape config file) go, and the go-yaml rules every
/// key and value must pass before Prometheus looks at the meaning: unknown keys (`field X not found
/// in type config.plain`) and wrong types (`cannot unmarshal !!str into bool`), in go-yaml's words.
struct PrometheusRun: ConfigRun {
    let path: String
    /// Relative `*_file` paths resolve here (Prometheus: `SetDirectory(filepath.Dir(filename))`).
    let folder: String
    let context: CheckContext
    var findings = FindingList()
    var clients: [TLSClient] = []
    var materials = MaterialFindings()
    /// True while reading a file named by `scrape_config_files` (messages name the first file of a job).
    var inScrapeConfigFile = false

    init(path: String, context: CheckContext, materials: MaterialFindings = MaterialFindings()) {
        self.path = path
        self.folder = FileInput.folder(of: path)
        self.context = context
        self.materials = materials
    }


    /// True when `node[key]` is set: not null, and not an empty string (Go's zero value, which
    /// prometheus/common's rules count as unset; an empty mapping still counts).
    func has(_ node: YAMLNode?, _ key: String) -> Bool {
        guard let value = node?[key], !value.isNull else { return false }
        return value.text.map { !$0.isEmpty } ?? true
    }

    // MARK: Keys and types

    /// Checks `node` against `section` and everything below it. False when it is not a mapping.
    @discardableResult
    mutating func checkKeys(_ node: YAMLNode, _ section: PrometheusSchema.Section) -> Bool {
        if node.isNull { return true }
        guard let pairs = node.pairs else {
            report(.wrongType, "\(section.name) must be a mapping, not \(node.typeName) (cannot unmarshal \(node.typeName) into \(section.goType))",
                   at: node, hint: section.name == "the top level"
                    ? "a prometheus.yml is a mapping with global, scrape_configs, remote_write…; is this the right file?"
                    : "write it as `key: value` lines indented under \(section.name)")
            return false
        }
        for pair in pairs {
            guard let name = pair.key.text else {
                report(.wrongType, "a key in \(section.name) must be a plain name, not \(pair.key.typeName)", at: pair.key)
                continue
            }
            if section.open {
                // Other service discovery: only the HTTP client blocks are known.
                if let field = PrometheusSchema.httpClient.first(where: { $0.name == name }) { checkValue(pair.value, field) }
                continue
            }
            guard let field = section.field(name) else {
                unknownKey(name, pair.key, in: section)
                continue
            }
            checkValue(pair.value, field)
        }
        return true
    }

    private mutating func unknownKey(_ name: String, _ key: YAMLNode, in section: PrometheusSchema.Section) {
        var hint: String
        if let near = Suggestion.closest(to: name, in: section.fields.map(\.name)) {
            hint = "did you mean \(near)?"
        } else if let home = PrometheusSchema.homes.first(where: { $0 !== section && $0.field(name) != nil }) {
            hint = "\(name) belongs in \(home.name == "the top level" ? "the top level" : "a \(home.name) block")"
        } else {
            hint = "known keys here: " + section.fields.prefix(16).map(\.name).joined(separator: ", ")
                + (section.fields.count > 16 ? ", …" : "")
        }
        if name.unicodeScalars.contains(where: { $0 == "\u{A0}" || $0 == "\t" }) {
            hint = "the key contains a non-breaking space or tab; retype it with plain spaces"
        }
        report(.unknownKey, "unknown key \"\(name)\" in \(section.name): Prometheus refuses the file (field \(name) not found in type \(section.goType))",
               at: key, hint: hint)
    }

    /// go-yaml v2's type rules for one value (any scalar goes into a string; bools and numbers must
    /// resolve as such; null is the zero value).
    private mutating func checkValue(_ value: YAMLNode, _ field: PrometheusSchema.Field) {
        if value.isNull { return }
        let shown = value.text.map { " `\($0)`" } ?? ""
        func mismatch(_ goType: String, _ hint: String) {
            report(.wrongType, "\(field.name) must be \(goType == "bool" ? "true or false" : goType), not \(value.typeName)\(shown) (cannot unmarshal \(value.typeName)\(shown) into \(goType))",
                   at: value, hint: hint)
        }
        switch field.kind {
        case .any:
            return
        case .string, .secret:
            if !value.isScalar { mismatch("string", "write one value, quoted if it has special characters") }
        case .bool:
            if case .bool? = value.value { return }
            mismatch("bool", "write true or false without quotes")
        case .int:
            switch value.value {
            case .int?, .float?: return
            default: mismatch("int", "write a whole number without quotes")
            }
        case .float:
            switch value.value {
            case .int?, .float?: return
            default: mismatch("float64", "write a number without quotes")
            }
        case .duration:
            guard let text = value.text else { return mismatch("string", "write a duration such as 30s, 1m or 1h30m") }
            if PrometheusDuration.parse(text) == nil {
                report(.wrongType, "\(field.name): not a valid duration string: \"\(text)\"", at: value,
                       hint: "Prometheus durations are units from y to ms without spaces: 15s, 1m30s, 1h, 7d")
            }
        case .stringList:
            guard let items = value.items else { return mismatch("[]string", "write a list: one `- value` line per entry, or [a, b]") }
            for item in items where !item.isScalar {
                report(.wrongType, "\(field.name) entries must be strings, not \(item.typeName) (cannot unmarshal \(item.typeName) into string)", at: item)
            }
        case .stringMap:
            guard let pairs = value.pairs else { return mismatch("map[string]string", "write `name: value` lines indented under \(field.name)") }
            for pair in pairs where !pair.value.isScalar {
                report(.wrongType, "\(field.name).\(pair.key.text ?? "?") must be a string, not \(pair.value.typeName) (cannot unmarshal \(pair.value.typeName) into string)", at: pair.value)
            }
        case .section(let section):
            checkKeys(value, section)
        case .list(let section):
            guard let items = value.items else { return mismatch("[]\(section.goType)", "write a list: one `- ` item per \(section.name) entry") }
            for item in items { checkKeys(item, section) }
        case .headers:
            guard let pairs = value.pairs else { return mismatch("config.Headers", "write `Header-Name: {values: [v]}` lines under http_headers") }
            let header = PrometheusSchema.Section("http_headers entry", goType: "config.plain", [
                PrometheusSchema.Field("values", .stringList), PrometheusSchema.Field("secrets", .stringList),
                PrometheusSchema.Field("files", .stringList),
            ])
            for pair in pairs { checkKeys(pair.value, header) }
        case .headerLists:
            guard let pairs = value.pairs else { return mismatch("config.ProxyHeader", "write `Header-Name: [value]` lines") }
            for pair in pairs where !pair.value.isNull && pair.value.items == nil {
                report(.wrongType, "\(field.name).\(pair.key.text ?? "?") must be a list of values, not \(pair.value.typeName) (cannot unmarshal \(pair.value.typeName) into []config.Secret)", at: pair.value)
            }
        }
    }
}

/// Prometheus's `model.ParseDuration`: units y, w, d, h, m, s, ms, each at most once and in that
/// order, integers only (`1.5h` is refused); `0` alone is allowed.
enum PrometheusDuration {
    /// Milliseconds, or nil when Prometheus refuses the text.
    static func parse(_ text: String) -> Double? {
        if text == "0" { return 0 }
        let units: [(String, Double)] = [
            ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
            ("s", 1000), ("ms", 1),
        ]
        var rest = Substring(text)
        var next = 0
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // "ms" before "m": take the longest unit that matches here.
            guard let index = units.indices.filter({ rest.hasPrefix(units[$0].0) }).max(by: { units[$0].0.count < units[$1].0.count }),
                index >= next
            else { return nil }
            rest = rest.dropFirst(units[index].0.count)
            total += value * units[index].1
            next = index + 1
        }
        return total
    }
}
