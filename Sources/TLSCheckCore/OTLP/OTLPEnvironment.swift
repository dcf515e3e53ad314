/// One environment variable and where it was set: the process environment (path `env`) or a line
/// of an env file.
public struct EnvironmentVariable: Sendable, Hashable {
    public var name: String
    public var value: String
    public var location: Location

    public init(name: String, value: String, location: Location) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// `OTEL_EXPORTER_OTLP_*` (otlp.md §4): generic and per-signal variables with the spec's precedence,
/// the protocol/port pairing, and where the Go SDK (Parca) differs from the spec (W8, W9, R6).
public struct OTLPEnvironmentChecker: Sendable {
    public var context: CheckContext

    public init(context: CheckContext = CheckContext()) { self.context = context }

    static let prefix = "OTEL_EXPORTER_OTLP_"
    static let suffixes = [
        "ENDPOINT", "INSECURE", "CERTIFICATE", "CLIENT_CERTIFICATE", "CLIENT_KEY", "PROTOCOL", "HEADERS",
        "COMPRESSION", "TIMEOUT",
    ]
    static let signals = ["TRACES", "METRICS", "LOGS"]
    static let obsolete = ["OTEL_EXPORTER_OTLP_SPAN_INSECURE", "OTEL_EXPORTER_OTLP_METRIC_INSECURE"]
    static let protocols = ["grpc", "http/protobuf", "http/json"]

    /// The process environment's OTLP variables, located at `env`.
    public static func process(_ environment: [String: String]) -> [EnvironmentVariable] {
        environment.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
            .map { EnvironmentVariable(name: $0.key, value: $0.value, location: Location(path: "env")) }
    }

    /// A Docker/Kubernetes-style env file: a finding per line that is not KEY=VALUE, then the variables.
    public func check(envFile path: String) -> ConfigValidation {
        switch FileInput.read(path, origin: .commandLine) {
        case .failure(let error):
            return ConfigValidation(report: .unreadable(error))
        case .success(let bytes):
            let parsed = EnvFile.parse(bytes, path: path)
            var checked = check(parsed.variables, input: path)
            checked.report.findings.insert(contentsOf: parsed.findings, at: 0)
            return checked
        }
    }

    public func check(_ variables: [EnvironmentVariable], input: String) -> ConfigValidation {
        var findings: [Finding] = []
        var set: [String: EnvironmentVariable] = [:]
        // Later definitions win, as in a shell or an env file; empty means unset.
        for variable in variables where variable.name.hasPrefix(Self.prefix) {
            let rest = String(variable.name.dropFirst(Self.prefix.count))
            let known = Self.suffixes.contains(rest)
                || Self.signals.contains { rest.hasPrefix($0 + "_") && Self.suffixes.contains(String(rest.dropFirst($0.count + 1))) }
            if !known && !Self.obsolete.contains(variable.name) {
                let all = Self.suffixes.map { Self.prefix + $0 } + Self.signals.flatMap { s in Self.suffixes.map { Self.prefix + s + "_" + $0 } }
                findings.append(Finding(.envUnknownVariable, "\(variable.name) is not an OTLP exporter variable; no SDK reads it",
                                        at: variable.location,
                                        hint: Suggestion.closest(to: variable.name, in: all).map { "did you mean \($0)?" }))
                continue
            }
            if variable.value.isEmpty { set[variable.name] = nil; continue }
            set[variable.name] = variable
        }
        var endpoints: [OTLPEndpoint] = []
        // Each variable's own value once.
        for variable in set.values.sorted(by: { $0.name < $1.name }) {
            findings += checkValue(variable)
        }
        // Then the settings per signal, generic first; identical findings are kept once.
        var scopes: [String?] = [nil]
        for signal in Self.signals where set.keys.contains(where: { $0.hasPrefix(Self.prefix + signal + "_") }) {
            scopes.append(signal)
        }
        for signal in scopes {
            let (scopeFindings, endpoint) = checkScope(signal, set)
            for finding in scopeFindings where !findings.contains(finding) { findings.append(finding) }
            if let endpoint, !endpoints.contains(where: { $0.address == endpoint.address && $0.usesTLS == endpoint.usesTLS && $0.transport == endpoint.transport }) {
                endpoints.append(endpoint)
            }
        }
        return ConfigValidation(report: Report(findings: findings, inputs: [input]), endpoints: endpoints)
    }

    private func checkValue(_ variable: EnvironmentVariable) -> [Finding] {
        let name = variable.name, value = variable.value
        if name.hasSuffix("_INSECURE") {
            if !["true", "false"].contains(value.lowercased()) {
                return [Finding(.envInvalidValue, "\(name)=\(value) is not a boolean: SDKs read it as false (only \"true\" in any case is true)",
                                at: variable.location)]
            }
            if Self.obsolete.contains(name) {
                return [Finding(.envUnknownVariable, "\(name) is the obsolete spelling; current SDKs read \(name.replacing("SPAN_", with: "TRACES_").replacing("METRIC_", with: "METRICS_"))",
                                at: variable.location, hint: "rename it", severity: .info)]
            }
        }
        if name.hasSuffix("_PROTOCOL"), !Self.protocols.contains(value.lowercased()) {
            return [Finding(.envInvalidValue, "\(name)=\(value) is not one of grpc, http/protobuf, http/json: SDKs warn and use their default (Go: http/protobuf)",
                            at: variable.location)]
        }
        return []
    }

    /// The effective settings of one signal (nil: the generic variables alone).
    private func checkScope(_ signal: String?, _ set: [String: EnvironmentVariable]) -> ([Finding], OTLPEndpoint?) {
        func pick(_ suffix: String) -> EnvironmentVariable? {
            if let signal, let own = set[Self.prefix + signal + "_" + suffix] { return own }
            return set[Self.prefix + suffix]
        }
        var findings: [Finding] = []
        let signalWord = signal?.lowercased() ?? "all signals"
        // Per-signal values that differ from generic ones.
        if let signal {
            for suffix in Self.suffixes {
                if let own = set[Self.prefix + signal + "_" + suffix], let generic = set[Self.prefix + suffix], own.value != generic.value {
                    findings.append(Finding(.envSignalOverride, "\(own.name)=\(own.value) overrides \(generic.name)=\(generic.value) for \(signal.lowercased())",
                                            at: own.location))
                }
            }
        }
        let protocolVariable = pick("PROTOCOL")
        let protocolName = protocolVariable.map { $0.value.lowercased() }.flatMap { Self.protocols.contains($0) ? $0 : nil } ?? "http/protobuf"
        let grpc = protocolName == "grpc"
        let endpointVariable = pick("ENDPOINT")
        let insecureVariable = pick("INSECURE")
        let insecure = insecureVariable?.value.lowercased() == "true"
        let certificate = pick("CERTIFICATE")
        let clientCertificate = pick("CLIENT_CERTIFICATE")
        let clientKey = pick("CLIENT_KEY")
        let materials = MaterialChecker(context: context)

        // Files (R2) and the client pair (R6).
        if let certificate {
            findings += materials.checkCABundle(.file(path: certificate.value, at: certificate.location), purpose: .server)
        }
        if (clientCertificate == nil) != (clientKey == nil), let given = clientCertificate ?? clientKey {
            let missing = given.name.replacing(clientCertificate != nil ? "CLIENT_CERTIFICATE" : "CLIENT_KEY", with: clientCertificate != nil ? "CLIENT_KEY" : "CLIENT_CERTIFICATE")
            findings.append(Finding(.tlsIncompleteKeyPair, "\(given.name) is set without \(missing): the Go SDK ignores a client certificate without its key, so no client certificate is sent",
                                    at: given.location, hint: "set \(missing) too, or remove \(given.name)"))
        } else if let clientCertificate, let clientKey {
            let source = MaterialSource.file(path: clientCertificate.value, at: clientCertificate.location)
            findings += materials.checkKeyPair(certificate: source, key: .file(path: clientKey.value, at: clientKey.location),
                                               role: .client, issuers: .configuration(
                                                   certificate: source, ca: certificate.map { .file(path: $0.value, at: $0.location) }, files: context.files))
        }

        // The endpoint and what it means for TLS (spec: the scheme decides; Go: INSECURE after the scheme).
        // Without one, SDK defaults differ (spec http://localhost, Go https://localhost): nothing to judge.
        guard let endpointVariable else { return (findings, nil) }
        let endpointText = endpointVariable.value
        let location = endpointVariable.location
        let endpointName = endpointVariable.name
        var scheme = ""
        var host = "", port = 0, path = ""
        if let url = EndpointSyntax.url(endpointText) {
            scheme = url.scheme
            host = url.host
            port = url.port ?? (scheme == "https" ? 443 : 80)
            path = url.path
            if !["http", "https"].contains(scheme) || host.isEmpty || url.port == -1 {
                if !(grpc && ["unix", "dns", "passthrough"].contains(scheme)) {
                    findings.append(Finding(.endpointInvalid, "\(endpointName)=\(endpointText) is not an http:// or https:// URL with a host and port",
                                            at: location, hint: "write https://HOST:\(grpc ? 4317 : 4318)"))
                }
                return (findings, nil)
            }
        } else if grpc, case .ok(let h, let p) = EndpointSyntax.hostPort(endpointText) {
            host = h
            port = p
        } else {
            findings.append(Finding(.endpointInvalid, "\(endpointName)=\(endpointText) has no scheme: the spec wants a URL, and OTLP/HTTP SDKs fail on every export",
                                    at: location, hint: "write https://\(endpointText) (or http:// for plaintext)"))
            return (findings, nil)
        }
        let usesTLS = scheme.isEmpty ? !insecure : scheme == "https"
        if let insecureVariable, !scheme.isEmpty {
            let goResult = scheme == "https" && insecure ? "; the Go SDK (Parca and most Go programs) applies it anyway and sends plaintext to this https:// endpoint" : ""
            findings.append(Finding(.envInsecureIgnored,
                                    "\(insecureVariable.name)=\(insecureVariable.value) is ignored by the spec because \(endpointName) has a \(scheme):// scheme\(goResult)",
                                    at: insecureVariable.location))
        }
        if !usesTLS, let tlsVariable = certificate ?? clientCertificate ?? clientKey {
            findings.append(Finding(.tlsSettingsUnused,
                                    "\(tlsVariable.name) is set, but \(endpointName) is plaintext (\(scheme.isEmpty ? "INSECURE=true" : "http://")): the spec ignores it; the Go SDK's gRPC exporter turns TLS back on, its HTTP exporter refuses to start (insecure HTTP endpoint cannot use TLS client configuration)",
                                    at: tlsVariable.location, hint: "use https:// for TLS, or remove \(tlsVariable.name)"))
        }
        if grpc && port == 4318 || !grpc && port == 4317 {
            findings.append(Finding(.otlpPortMismatch,
                                    "\(endpointName) uses port \(port) with protocol \(protocolName)\(protocolVariable == nil ? " (the spec's default)" : ""): \(port == 4317 ? "4317 is OTLP/gRPC" : "4318 is OTLP/HTTP")",
                                    at: location, hint: grpc ? "use port 4317 for grpc" : "use port 4318, or set \(Self.prefix)PROTOCOL=grpc"))
        }
        if !grpc {
            let perSignal = endpointVariable.name != Self.prefix + "ENDPOINT"
            if !perSignal, let signalPath = EndpointSyntax.signalPaths.first(where: { path.hasSuffix($0) }) {
                findings.append(Finding(.signalPathInBase, "\(endpointVariable.name) ends in \(signalPath), and SDKs append /v1/<signal> to it (\(signalPath)\(signalPath))",
                                        at: endpointVariable.location, hint: "remove \(signalPath), or use the per-signal variable"))
            }
            if perSignal, path.isEmpty || path == "/" {
                findings.append(Finding(.signalPathMissing, "\(endpointVariable.name) is used as given, so \(signalWord) go to \"/\"",
                                        at: endpointVariable.location, hint: "append /v1/\(signal?.lowercased() ?? "traces")"))
            }
        }
        if !usesTLS {
            findings.append(Finding(.otlpPlaintext, "\(signal.map { $0.lowercased() + " are" } ?? "telemetry is") sent to \(host):\(port) without TLS (\(endpointName))",
                                    at: location))
        }
        var endpoint = OTLPEndpoint(name: endpointVariable.name, transport: grpc ? .grpc : .http,
                                    host: host, port: port, usesTLS: usesTLS, location: location)
        endpoint.caFile = certificate?.value
        endpoint.dialect = .otlpEnvironment
        if let clientCertificate, let clientKey {
            endpoint.certificateFile = clientCertificate.value
            endpoint.keyFile = clientKey.value
        }
        return (findings, endpoint)
    }
}

/// Docker/Kubernetes-style `KEY=VALUE` files (`export KEY=VALUE`, quotes, `#` comments).
public enum EnvFile {
    public static func parse(_ bytes: [UInt8], path: String) -> (variables: [EnvironmentVariable], findings: [Finding]) {
        var variables: [EnvironmentVariable] = []
        var findings: [Finding] = []
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let content = line.trimmed
            if content.isEmpty || content.hasPrefix("#") { continue }
            var assignment = Substring(content)
            if assignment.hasPrefix("export ") { assignment = assignment.dropFirst(7).drop { $0 == " " } }
            let column = (line.firstIndex { $0 != " " && $0 != "\t" }.map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 1
            let at = Location(path: path, line: lineNumber, column: column)
            guard let equals = assignment.firstIndex(of: "=") else {
                findings.append(Finding(.envFileSyntax, "line \(lineNumber) is not KEY=VALUE: \(content.prefix(60))", at: at))
                continue
            }
            let name = String(assignment[..<equals]).trimmed
            let validName = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !(name.first?.isNumber ?? true)
            guard validName else {
                findings.append(Finding(.envFileSyntax, "line \(lineNumber): \"\(name)\" is not a variable name (letters, digits and _, not starting with a digit)",
                                        at: at))
                continue
            }
            var value = String(assignment[assignment.index(after: equals)...]).trimmed
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let first = value.first, first == "\"" || first == "'" {
                findings.append(Finding(.envFileSyntax, "line \(lineNumber): the value of \(name) opens a quote that is not closed", at: at,
                                        hint: "close the quote at the end of the line"))
                continue
            } else if let hash = value.firstRange(of: " #") {
                value = String(value[..<hash.lowerBound]).trimmed
            }
            variables.append(EnvironmentVariable(name: name, value: value, location: at))
        }
        return (variables, findings)
    }
}
