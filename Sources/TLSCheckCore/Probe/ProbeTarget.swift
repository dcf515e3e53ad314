/// One endpoint to probe: a host (name or IP literal) and a TCP port.
public struct ProbeTarget: Sendable, Hashable, Codable {
    public var host: String
    public var port: Int
    /// How the target is shown: `host:port`, or `[v6]:port` for IPv6 literals.
    public var display: String

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
        self.display = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "'\(text)' is not a target: \(reason)" }
    }

    /// Default ports for the URL schemes people paste.
    static let schemePorts: [String: Int] = [
        "https": 443, "http": 80, "tls": 443, "grpcs": 443, "grpc": 443, "ldaps": 636,
        "postgres": 5432, "postgresql": 5432, "smtps": 465, "imaps": 993,
    ]

    /// Reads `host:port`, `https://host[:port]/path`, a bare host (port `defaultPort`), `[::1]:8443`,
    /// or a bare IPv6 literal (`::1`).
    public static func parse(_ text: String, defaultPort: Int = 443) throws(ParseError) -> ProbeTarget {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        var rest = text.trimmedSpaces[...]
        var port = defaultPort
        if let range = rest.firstRange(of: "://") {
            let scheme = rest[..<range.lowerBound].lowercased()
            guard let known = schemePorts[scheme] else { throw fail("unknown scheme '\(scheme)://'") }
            port = known
            rest = rest[range.upperBound...]
            if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
            if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        }
        guard !rest.isEmpty else { throw fail("no host") }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw fail("missing ']' after the IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected text after ']'") }
                portText = after.dropFirst()
            }
        } else if rest.filter({ $0 == ":" }).count > 1 {
            host = rest  // a bare IPv6 literal: no port
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw fail("port '\(portText)' is not a number from 1 to 65535")
            }
            port = value
        }
        guard !host.isEmpty else { throw fail("no host") }
        if host.contains(where: { $0 == " " || $0 == "/" || $0 == "\t" }) {
            throw fail("the host contains a space or '/'")
        }
        return ProbeTarget(host: String(host), port: port)
    }

    /// True when the host is an IPv4 or IPv6 literal (no DNS, no SNI, checked against IP SANs).
    public var isIPAddress: Bool { SocketAddress.numeric(host, port: port) != nil }
}

/// Target lists as people keep them: one per line, `#` comments, blank lines ignored.
public enum TargetList {
    public static func parse(_ text: String, defaultPort: Int = 443) -> (targets: [ProbeTarget], errors: [(line: Int, error: ProbeTarget.ParseError)]) {
        var targets: [ProbeTarget] = []
        var errors: [(line: Int, error: ProbeTarget.ParseError)] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = String(line).trimmedSpaces
            if trimmed.isEmpty { continue }
            do {
                targets.append(try ProbeTarget.parse(trimmed, defaultPort: defaultPort))
            } catch {
                errors.append((number + 1, error))
            }
        }
        return (targets, errors)
    }

    /// The part of `targets` that shard `index` of `count` takes (round robin, so shards stay even).
    public static func shard<T>(_ targets: [T], index: Int, count: Int) -> [T] {
        targets.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// The targets of one run: `arguments` (`-` reads standard input), then the lines of `file`
    /// (`-`: standard input), then shard `shard` of them. The first target that does not parse is
    /// a setup error naming its source and line; so is an empty list.
    public static func read(arguments: [String], file: String?, defaultPort: Int, shard: Shard?) throws(ProbeSetupError) -> [ProbeTarget] {
        var list: [ProbeTarget] = []
        var texts: [(source: String, path: String)] = arguments.contains("-") ? [("<stdin>", "/dev/stdin")] : []
        if let file { texts.append(file == "-" ? ("<stdin>", "/dev/stdin") : (file, file)) }
        for argument in arguments where argument != "-" {
            do { list.append(try ProbeTarget.parse(argument, defaultPort: defaultPort)) } catch {
                throw ProbeSetupError(message: error.description, hint: "give targets as host:port, https://host[:port]/path or [::1]:8443")
            }
        }
        for (source, path) in texts {
            let bytes: [UInt8]
            switch FileInput.read(path) {
            case .success(let read): bytes = read
            case .failure(let error): throw ProbeSetupError(message: "\(source == "<stdin>" ? "standard input" : source): \(error.reason)", hint: error.hint)
            }
            let parsed = parse(String(decoding: bytes, as: UTF8.self), defaultPort: defaultPort)
            if let first = parsed.errors.first {
                throw ProbeSetupError(message: "\(source):\(first.line): \(first.error.description)", hint: "one target per line; # starts a comment")
            }
            list += parsed.targets
        }
        guard !list.isEmpty else { throw ProbeSetupError(message: "no targets to probe (the list is empty)", hint: "give host:port targets") }
        return shard.map { Self.shard(list, index: $0.index, count: $0.count) } ?? list
    }
}

/// `--shard i/n`: this run probes targets i, i+n, i+2n, … (0-based).
public struct Shard: Sendable, Hashable {
    public let index: Int
    public let count: Int

    /// Reads `i/n` with 0 ≤ i < n; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and carriage returns.
    var trimmedSpaces: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(self.drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
