/// A kind of finding with a stable code. Every check is listed in `Check.catalog`, which
/// `docs/checks.md`, SARIF rules and `tlscheck checks` are made from (a test keeps them in step).
///
/// Every finding carries its check, so the check is one reference to shared, immutable storage:
/// by value its five fields made each finding 64 bytes larger, and a report copies its findings
/// several times on the way out (docs/performance.md, memory per finding).
public struct Check: Sendable, Hashable, Codable {
    private final class Storage: Sendable {
        let code: String
        let severity: Severity
        let summary: String
        let help: String
        let defaultHint: String?

        init(code: String, severity: Severity, summary: String, help: String, defaultHint: String?) {
            self.code = code
            self.severity = severity
            self.summary = summary
            self.help = help
            self.defaultHint = defaultHint
        }
    }

    private let storage: Storage

    /// Stable kebab-case identifier, e.g. `unknown-key`.
    public var code: String { storage.code }
    /// The usual severity; a finding may override it.
    public var severity: Severity { storage.severity }
    /// One line: what it means.
    public var summary: String { storage.summary }
    /// Why it matters and how to fix it (a few sentences, used in docs and SARIF help).
    public var help: String { storage.help }
    /// The hint printed under a finding when the rule has nothing more specific to say.
    public var defaultHint: String? { storage.defaultHint }

    public init(
        _ code: String, _ severity: Severity, summary: String, help: String, hint: String? = nil
    ) {
        storage = Storage(code: code, severity: severity, summary: summary, help: help, defaultHint: hint)
    }

    public static func == (a: Check, b: Check) -> Bool { a.storage === b.storage || a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    private enum CodingKeys: String, CodingKey {
        case code, severity, summary, help, defaultHint
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(String.self, forKey: .code), try container.decode(Severity.self, forKey: .severity),
            summary: try container.decode(String.self, forKey: .summary), help: try container.decode(String.self, forKey: .help),
            hint: try container.decodeIfPresent(String.self, forKey: .defaultHint))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(severity, forKey: .severity)
        try container.encode(summary, forKey: .summary)
        try container.encode(help, forKey: .help)
        try container.encodeIfPresent(defaultHint, forKey: .defaultHint)
    }
}

extension Check {
    /// Every check tlscheck can report, grouped by area. Each area declares its own list.
    public static var areas: [CheckArea] {
        [
            CheckArea("General", intro: "Problems with the inputs themselves.", generalChecks),
            CheckArea("YAML", intro: yamlIntro, yamlChecks),
            CheckArea("Files and certificates", intro: certificatesIntro, fileChecks + certificateChecks),
            CheckArea("Web-config (exporter-toolkit)", intro: webConfigIntro, webConfigChecks),
            CheckArea("OTLP (Collector, Tempo, environment, flags)", intro: otlpIntro, otlpChecks),
            CheckArea("Prometheus (prometheus.yml, Operator monitors)", intro: prometheusIntro, prometheusChecks),
            CheckArea("TLS clients and connections", intro: topologyIntro, clientChecks + linkChecks),
            CheckArea("Kubernetes manifests", intro: kubernetesIntro, kubernetesChecks),
            CheckArea("Inspection and expiry", intro: inspectionIntro, inspectionChecks),
            CheckArea("Probe", intro: probeIntro, probeChecks),
        ]
    }

    public static var catalog: [Check] { areas.flatMap(\.checks) }

    public static func named(_ code: String) -> Check? { catalog.first { $0.code == code } }
}

extension Check {
    static let generalChecks: [Check] = [.internalError, .unreadableInput, .inputNotRegular]

    static let internalError = Check(
        "internal-error", .error,
        summary: "tlscheck itself failed while checking this input.",
        help: "This is a bug in tlscheck. Please report it with the input that caused it.")
    static let unreadableInput = Check(
        "unreadable-input", .error,
        summary: "An input given on the command line cannot be read.",
        help: "The path does not exist, is a folder where a file was expected, is not readable by this user, is too large (over 64 MiB), or is standard input on a terminal. Fix the path or its permissions; see docs/limits.md.")
    static let inputNotRegular = Check(
        "input-not-regular", .warning,
        summary: "A FIFO, socket or device was met while walking a folder; it was skipped without being opened.",
        help: "Reading a named pipe blocks until something writes to it, and a device may never end, so tlscheck opens only regular files that it finds in folders or that a config names. To check a stream, give it on the command line (`<(command)` or `-` for standard input).",
        hint: "move it out of the folder, or give the regular file it stands for")
}

/// A group of checks with a few words on what they have in common (a section of docs/checks.md).
public struct CheckArea: Sendable {
    public let title: String
    public let intro: String
    public let checks: [Check]

    public init(_ title: String, intro: String, _ checks: [Check]) {
        self.title = title
        self.intro = intro
        self.checks = checks
    }
}
