#if canImport(Glibc)
import Glibc
#endif

/// Where checks read the files a configuration names: the local disk (`FileReader.disk`), or — for a
/// configuration that runs in a Kubernetes container — the container's volume mounts, which serve
/// Secret and ConfigMap keys found in the input (`MountTable.reader`). `CheckContext.files` is the one
/// place a check gets it from, so the same web-config, Collector or Tempo rules read either.
public struct FileReader: Sendable {
    /// The bytes of `path` (at most `limit` bytes), or why not.
    public let read: @Sendable (_ path: String, _ limit: Int) -> Result<[UInt8], FileReadFailure>
    /// The names in a folder (for certificates that sit beside another); empty when unknown.
    public let entries: @Sendable (_ folder: String) -> [String]

    public init(
        read: @escaping @Sendable (String, Int) -> Result<[UInt8], FileReadFailure>,
        entries: @escaping @Sendable (String) -> [String]
    ) {
        self.read = read
        self.entries = entries
    }

    /// The bytes of `path` within the usual size limit.
    public func read(_ path: String) -> Result<[UInt8], FileReadFailure> {
        read(path, FileInput.defaultSizeLimit)
    }

    /// No files at all: for checks of a deployment whose paths mean files inside containers, which
    /// the mounts have already turned into bytes where they could.
    public static let nowhere = FileReader(
        read: { path, _ in .failure(FileReadFailure(nil, reason: "\(path) is a path inside a container")) },
        entries: { _ in [] })

    /// The local file system.
    public static let disk = FileReader(
        read: { path, limit in FileInput.read(path, limit: limit).mapError(FileReadFailure.init) },
        entries: { folder in ConfigValidator.entries(of: folder) })
}

/// Why a file could not be read, as the finding about it will say: the check, the reason (after
/// "cannot read the server certificate PATH: "), a hint. A nil `check` means the reader has already
/// said it elsewhere (a Secret missing from the input is reported once, at the volume), so the read
/// fails quietly.
public struct FileReadFailure: Error, Sendable {
    public var check: Check?
    public var reason: String
    public var hint: String?
    public var severity: Severity?

    public init(_ check: Check?, reason: String, hint: String? = nil, severity: Severity? = nil) {
        self.check = check
        self.reason = reason
        self.hint = hint
        self.severity = severity
    }

    /// A file of the local disk that cannot be read.
    public init(_ error: FileInput.ReadError) {
        let check: Check =
            switch error.kind {
            case .notFound: .fileNotFound
            case .isFolder: .fileIsFolder
            case .tooLarge, .unreadable, .notRegular: .fileUnreadable
            }
        self.init(check, reason: error.reason, hint: error.hint)
    }
}
