/// A container's command line as the program sees it: `command` then `args`, with `$(VAR)` expanded
/// from the container's environment as the kubelet does (kubernetes.md §5: unresolved references
/// stay as written, `$$` is a literal `$`), and its flags looked up the way Go programs read them
/// (`--flag=value`, `--flag value`, `-flag`). A `sh -c "…"` script is split into words.
struct ContainerArguments {
    struct Argument {
        var text: String
        var location: Location
    }

    var items: [Argument]

    /// `environment`: a variable's value, or nil inside when only the cluster knows it (fieldRef).
    init(command: [YAMLNode], args: [YAMLNode], environment: [String: String?], path: String) {
        var items: [Argument] = []
        for node in command + args {
            guard let text = node.text else { continue }
            items.append(Argument(text: Self.expand(text, environment), location: node.start.location(in: path)))
        }
        // `sh -c "exec exporter --web.config.file=…"`: the script's words are the program's arguments.
        if let c = items.firstIndex(where: { $0.text == "-c" }), c > 0, c + 1 < items.count,
            ["sh", "bash", "ash", "dash"].contains(items[0].text.split(separator: "/").last.map(String.init) ?? "")
        {
            let script = items[c + 1]
            items += Self.words(script.text).map { Argument(text: $0, location: script.location) }
        }
        self.items = items
    }

    /// These arguments, then `more`.
    func adding(_ more: [Argument]) -> ContainerArguments {
        var copy = self
        copy.items += more
        return copy
    }

    /// Every value of the flags `names` (without dashes), in order.
    func values(_ names: [String]) -> [(value: String, location: Location, flag: String)] {
        var found: [(String, Location, String)] = []
        var index = 0
        while index < items.count {
            let item = items[index]
            index += 1
            guard item.text.hasPrefix("-"), item.text != "-", item.text != "--" else { continue }
            let body = item.text.drop { $0 == "-" }
            let name = body.prefix { $0 != "=" }
            guard names.contains(String(name)) else { continue }
            if let equals = body.firstIndex(of: "=") {
                found.append((String(body[body.index(after: equals)...]), item.location, String(name)))
            } else if index < items.count, !items[index].text.hasPrefix("-") {
                found.append((items[index].text, items[index].location, String(name)))
                index += 1
            }
        }
        return found
    }

    /// The last value of the flags `names`: Go's flag packages keep the last one.
    func value(_ names: [String]) -> (value: String, location: Location, flag: String)? {
        values(names).last
    }

    /// A boolean flag: `--flag` alone is true, `--flag=false` false; nil when not given.
    func bool(_ name: String) -> (value: Bool, location: Location)? {
        var result: (Bool, Location)?
        for item in items where item.text.hasPrefix("-") {
            let body = item.text.drop { $0 == "-" }
            if body == name[...] {
                result = (true, item.location)
            } else if body.hasPrefix(name + "=") {
                result = (["true", "1", "t"].contains(body.dropFirst(name.count + 1).lowercased()), item.location)
            } else if body == "no-" + name {
                result = (false, item.location)
            }
        }
        return result
    }

    /// Whether any of `names` is given, with or without a value.
    func has(_ names: [String]) -> Bool {
        items.contains { item in
            item.text.hasPrefix("-") && names.contains(String(item.text.drop { $0 == "-" }.prefix { $0 != "=" }))
        }
    }

    // MARK: Kubelet expansion

    /// `$(NAME)` replaced by its value when the environment defines it and the value is known; `$$`
    /// is `$`; anything else stays as written.
    static func expand(_ text: String, _ environment: [String: String?]) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest.index(after: dollar)
            guard after < rest.endIndex else {
                result += "$"
                rest = rest[after...]
                break
            }
            switch rest[after] {
            case "$":
                result += "$"
                rest = rest[rest.index(after: after)...]
            case "(":
                let nameStart = rest.index(after: after)
                guard let close = rest[nameStart...].firstIndex(of: ")") else {
                    result += rest[dollar...]
                    rest = rest[rest.endIndex...]
                    continue
                }
                let name = String(rest[nameStart..<close])
                if let defined = environment[name], let value = defined {
                    result += value
                } else {
                    result += rest[dollar...close]
                }
                rest = rest[rest.index(after: close)...]
            default:
                result += "$"
                rest = rest[after...]
            }
        }
        return result + rest
    }

    /// A shell line's words: spaces separate, quotes group, backslash escapes (no expansion).
    static func words(_ script: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var escaped = false
        for character in script {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" || character == "\n" || character == ";" || character == "&" || character == "|" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
