/// Checks an exporter-toolkit web-config (`--web.config.file`): the schema as go-yaml v2 reads it,
/// the toolkit's own rules in its order, the files it names, and what it accepts but cannot work.
public struct WebConfigValidator: Sendable {
    public var context: CheckContext

    public init(context: CheckContext = CheckContext()) { self.context = context }

    public func validate(text: String, path: String) -> Report {
        validate(bytes: Array(text.utf8), path: path)
    }

    /// `path` names the file in findings; relative paths inside resolve against its folder.
    public func validate(bytes: [UInt8], path: String) -> Report {
        validate(document: YAMLParser.parse(bytes, path: path), path: path)
    }

    /// Checks an already parsed document (used when the caller detected the kind from the tree).
    public func validate(document: YAMLDocument, path: String) -> Report {
        validateWithFacts(document: document, path: path).report
    }

    /// The findings, and the server the web-config makes (nil when the file is unusable).
    public func validateWithFacts(document: YAMLDocument, path: String) -> (report: Report, server: TLSServer?) {
        var run = WebConfigRun(path: path, context: context)
        run.findings = document.findingList
        run.check(document.root)
        return (Report(run.findings, inputs: [path]), run.server)
    }
}

/// The keys of one mapping that passed the schema, by name.
struct CheckedSection {
    let node: YAMLNode
    /// The key that names the section (`tls_server_config`), for findings about the whole section.
    let name: YAMLNode
    var pairs: [String: YAMLPair] = [:]

    subscript(_ key: String) -> YAMLPair? { pairs[key] }

    /// The value as the toolkit sees it: text for scalars, "" for null or absent.
    func string(_ key: String) -> String {
        guard let value = pairs[key]?.value, !value.isNull else { return "" }
        return value.text ?? ""
    }

    func isSet(_ key: String) -> Bool { !string(key).isEmpty }

    func list(_ key: String) -> [YAMLNode]? {
        guard let value = pairs[key]?.value, !value.isNull else { return nil }
        return value.items
    }
}

struct WebConfigRun: ConfigRun {
    let path: String
    let folder: String
    let context: CheckContext
    var findings = FindingList()
    /// The exporter's side of a scrape, for the deployment model (set by `check`).
    var server: TLSServer?

    init(path: String, context: CheckContext) {
        self.path = path
        self.folder = FileInput.folder(of: path)
        self.context = context
    }


    // MARK: - Schema

    mutating func check(_ root: YAMLNode?) {
        guard let root else {
            // An empty file: plain HTTP, no authentication.
            server = TLSServer(name: "web-config \(path)", dialect: .webConfig, origin: Location(path: path, line: 1, column: 1), usesTLS: false)
            return
        }
        guard let top = section(root, named: root, WebConfigSchema.root) else { return }
        let tls = top["tls_server_config"].flatMap { section($0.value, named: $0.key, WebConfigSchema.tls) }
        defer { server = serverFacts(top: top, tls: tls) }
        let http = top["http_server_config"].flatMap { section($0.value, named: $0.key, WebConfigSchema.http) }
        let rateLimit = top["rate_limit"].flatMap { section($0.value, named: $0.key, WebConfigSchema.rateLimit) }
        checkNullSections(top)
        checkUsers(top["basic_auth_users"]?.value)
        if let tls { checkTLS(tls, http: http) }
        if let http { checkHTTP(http) }
        if let rateLimit { checkRateLimit(rateLimit) }
    }

    /// Checks one mapping against its schema; returns the keys that are known and well-typed.
    mutating func section(_ node: YAMLNode, named name: YAMLNode, _ schema: WebConfigSchema.Section) -> CheckedSection? {
        if node.isNull { return CheckedSection(node: node, name: name) }
        guard let pairs = node.pairs else {
            report(.wrongType, "\(schema.name) must be a mapping, not \(node.typeName) (cannot unmarshal \(node.typeName) into \(schema.goType))",
                   at: node, hint: schema.name == "the top level"
                    ? "a web-config is a YAML mapping with tls_server_config, http_server_config, basic_auth_users or rate_limit; is this the right file?"
                    : "write it as `key: value` lines indented under \(schema.name)")
            return nil
        }
        var checked = CheckedSection(node: node, name: name)
        for pair in pairs {
            guard let name = pair.key.text else {
                report(.wrongType, "a key in \(schema.name) must be a plain name, not \(pair.key.typeName)", at: pair.key,
                       hint: "write the field's name (such as cert_file) as the key; a list, a mapping or a `? ` complex key names no field")
                continue
            }
            guard let field = schema.field(name) else {
                unknownKey(name, pair.key, in: schema)
                continue
            }
            if context.toolkitVersion < field.since {
                report(.keyNotInVersion,
                       "\(name) is not known to exporter-toolkit \(context.toolkitVersion) (added in \(field.since)); that exporter refuses to start (field \(name) not found in type \(schema.goType))",
                       at: pair.key, hint: "remove it, or upgrade the exporter to one built with exporter-toolkit \(field.since) or later")
                continue
            }
            if typeCheck(pair.value, field, in: schema) { checked.pairs[name] = pair }
        }
        return checked
    }

    mutating func unknownKey(_ name: String, _ key: YAMLNode, in schema: WebConfigSchema.Section) {
        guard findings.admits(.unknownKey, in: path) else { return findings.add(.unknownKey, "", at: at(key)) }  // counted only
        report(.unknownKey, "unknown key \"\(name)\" in \(schema.name) (field \(name) not found in type \(schema.goType))",
               at: key, hint: Self.unknownKeyHint(name, in: schema))
    }

    /// A suggestion costs an edit distance per known key: built only for findings that are kept.
    static func unknownKeyHint(_ name: String, in schema: WebConfigSchema.Section) -> String {
        var hint: String
        if let home = WebConfigSchema.sections.first(where: { $0.name != schema.name && $0.field(name) != nil }) {
            hint = "\(name) belongs under \(home.name)" + (home.name == "the top level" ? "" : "; indent it there")
        } else if let near = Suggestion.closest(to: name, in: schema.fields.map(\.name)) {
            hint = "did you mean \(near)?"
        } else {
            hint = "known keys here: " + schema.fields.map(\.name).joined(separator: ", ")
        }
        if name.unicodeScalars.contains(where: { $0 == "\u{A0}" || $0 == "\t" }) {
            hint = "the key contains a non-breaking space or tab; retype it with plain spaces"
        }
        return hint
    }

    /// go-yaml v2's type rules for one value; false when the value is unusable.
    mutating func typeCheck(_ value: YAMLNode, _ field: WebConfigSchema.Field, in schema: WebConfigSchema.Section) -> Bool {
        func mismatch(_ goType: String, _ hint: String) -> Bool {
            let shown = value.text.map { " `\($0)`" } ?? ""
            report(.wrongType, "\(field.name) must be \(describe(field.kind)), not \(value.typeName)\(shown) (cannot unmarshal \(value.typeName)\(shown) into \(goType))",
                   at: value, hint: hint)
            return false
        }
        if value.isNull { return true }  // zero value; the null rules judge it later
        switch field.kind {
        case .string, .path, .secret:
            return value.text != nil || mismatch("string", "give a single value, not a list or mapping")
        case .bool:
            if case .bool = value.value { return true }
            return mismatch("bool", "use true or false (quoted \"true\" is a string)")
        case .int:
            switch value.value {
            case .int: return true
            case .float(let number) where !number.fitsGoInt64:
                return mismatch("int", "write a whole number between -9223372036854775808 and 9223372036854775807")
            case .float:
                report(.valueTruncated, "\(field.name) is read as a whole number; the fraction is dropped", at: value,
                       hint: "write a whole number")
                return true
            default: return mismatch("int", "write a whole number without quotes")
            }
        case .duration:
            switch value.value {
            case .float(let number) where !number.fitsGoInt64:
                return mismatch("time.Duration", "a duration is at most 2562047h47m16.854775807s (the largest Go int64 in nanoseconds)")
            case .int, .float: return true
            case .string(let text) where GoDuration.parse(text) != nil: return true
            default: return mismatch("time.Duration", "use a Go duration such as 100ms, 1s, 1m30s (no d, w or y)")
            }
        case .stringList:
            guard let items = value.items else { return mismatch("[]string", "write a list: one `- item` per line") }
            var ok = true
            for item in items where item.text == nil {
                report(.wrongType, "each entry of \(field.name) must be a string, not \(item.typeName)", at: item,
                       hint: "write one name per `- ` line")
                ok = false
            }
            return ok
        case .headers, .users:
            guard let pairs = value.pairs else { return mismatch("map[string]string", "write `name: value` lines indented under \(field.name)") }
            var ok = true
            for pair in pairs where pair.value.pairs != nil || pair.value.items != nil {
                report(.wrongType, "the value of \(pair.key.text ?? "?") must be a string, not \(pair.value.typeName)", at: pair.value,
                       hint: "write a single value")
                ok = false
            }
            return ok
        case .section:
            return true  // checked by section()
        }
    }

    func describe(_ kind: WebConfigSchema.Kind) -> String {
        switch kind {
        case .string, .secret: "a string"
        case .path: "a file path"
        case .bool: "true or false"
        case .int: "a whole number"
        case .duration: "a duration"
        case .stringList: "a list of strings"
        case .headers, .users: "a mapping of names to strings"
        case .section: "a mapping"
        }
    }
}
