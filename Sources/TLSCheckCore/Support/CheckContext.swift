/// What a check may depend on besides its input: the time ("now" comes from here only, so tests can
/// fix it) and the target versions of the programs that will read the configuration.
public struct CheckContext: Sendable {
    public var now: Date
    /// exporter-toolkit version the web-config is meant for (`latest` by default).
    public var toolkitVersion: ToolkitVersion
    /// Open the certificate, key and CA files a configuration names. Off (`--skip-files`) for a
    /// schema-and-rules check of a config whose files live on another machine, as `otelcol validate` does.
    public var checkFiles: Bool
    /// Where those files are read: the local disk, or a Kubernetes container's volume mounts.
    public var files: FileReader

    public init(
        now: Date = Date(), toolkitVersion: ToolkitVersion = .latest, checkFiles: Bool = true, files: FileReader = .disk
    ) {
        self.now = now
        self.toolkitVersion = toolkitVersion
        self.checkFiles = checkFiles
        self.files = files
    }
}

/// An exporter-toolkit release, compared by (major, minor).
public struct ToolkitVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let latest = ToolkitVersion(0, 17)

    /// Accepts `0.8`, `v0.11.1`, `0.15`, `latest`; `nil` for anything else.
    public init?(parsing text: String) {
        if text == "latest" {
            self = .latest
            return
        }
        let parts = text.drop { $0 == "v" }.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, parts.count <= 3, let major = parts[0], let minor = parts[1],
            parts.allSatisfy({ $0 != nil })
        else { return nil }
        self.init(major, minor)
    }

    public static func < (a: ToolkitVersion, b: ToolkitVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    public var description: String { self == .latest ? "latest (\(major).\(minor))" : "\(major).\(minor)" }
}
