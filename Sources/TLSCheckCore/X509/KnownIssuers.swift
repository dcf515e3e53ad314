import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The certificates a lone leaf may chain to without carrying them in its file: CA certificates the
/// caller names (a configuration's CA file, a Secret's `ca.crt`) and the CA certificates in the
/// folder beside the leaf's file (`ca.crt` next to `server.crt`). The caller gathers them; the
/// checks never read files for them.
public struct KnownIssuers: Sendable {
    /// Named by the caller.
    public var named: [Certificate]
    /// A file whose folder's CA certificates also count, read through `folders` (once per folder,
    /// when a lone leaf first asks).
    var beside: (path: String, folders: FolderIssuers)?

    public init(_ named: [Certificate] = []) {
        self.named = named
    }

    public static let none = KnownIssuers()

    /// `named`, and the CA certificates in the folder of `path`, read through `folders`.
    public static func beside(_ path: String, in folders: FolderIssuers, named: [Certificate] = []) -> KnownIssuers {
        var issuers = KnownIssuers(named)
        issuers.beside = (path, folders)
        return issuers
    }

    /// A configuration's: its CA file's certificates, and the CA certificates beside its certificate
    /// file (read only if the leaf turns out to be alone in its file).
    public static func configuration(certificate: MaterialSource?, ca: MaterialSource?, files: FileReader = .disk) -> KnownIssuers {
        let named = ca.map { MaterialChecker.certificates(in: $0, files: files) } ?? []
        guard case .file(let path, _)? = certificate else { return KnownIssuers(named) }
        return .beside(path, in: FolderIssuers(files: files), named: named)
    }

    /// Every candidate, the named ones first.
    func certificates() -> [Certificate] {
        guard let beside else { return named }
        return named + beside.folders.issuers(besideFile: beside.path)
    }
}

/// The CA certificates of folders, each folder read once and shared by every file in it: an
/// `inspect` of a folder of 300 lone leaves read 64 files beside each of them (19,767 `openat`
/// calls); with one `FolderIssuers` for the run it reads them once (365).
///
/// Bounded: only regular files with certificate-looking names (`.crt`, `.pem`, `.cer`, `.ca`), the
/// first 64 in name order, each at most 1 MiB; only certificates with basicConstraints CA:TRUE are kept.
public final class FolderIssuers: Sendable {
    private let folders = Mutex<[String: [Certificate]]>([:])
    /// The disk, or a container's mounts.
    private let files: FileReader

    public init(files: FileReader = .disk) { self.files = files }

    /// The CA certificates in the folder of `path` (the file itself included: a lone leaf is never
    /// its own issuer, a self-issued one is not asked about).
    public func issuers(besideFile path: String) -> [Certificate] {
        let folder = FileInput.folder(of: path)
        // Reading under the lock: a second file of the same folder waits for the first read rather
        // than reading the folder again.
        return folders.withLock { known in
            if let issuers = known[folder] { return issuers }
            let issuers = Self.read(folder, files)
            known[folder] = issuers
            return issuers
        }
    }

    static let maximumFiles = 64

    private static func read(_ folder: String, _ files: FileReader) -> [Certificate] {
        let names = files.entries(folder)
        let candidates = names.filter { name in
            [".crt", ".pem", ".cer", ".ca"].contains { name.lowercased().hasSuffix($0) }
        }.sorted().prefix(maximumFiles)
        var issuers: [Certificate] = []
        for name in candidates {
            let path = FileInput.resolve(name, relativeTo: folder)
            // The reader refuses what is not a regular file: a FIFO named `ca.crt` would wait for ever.
            guard case .success(let bytes) = files.read(path, 1 << 20) else { continue }
            issuers += Certificate.bundle(from: bytes).certificates.filter(\.isCA)
        }
        return issuers
    }
}
