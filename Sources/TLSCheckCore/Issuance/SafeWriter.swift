#if canImport(Glibc)
import Glibc
#endif

/// A file tlscheck is about to write.
public struct OutputFile: Sendable {
    public enum Kind: String, Sendable, Encodable {
        case certificate
        case privateKey = "private-key"
        case pkcs12
        case configuration
        case manifest
    }

    /// File name inside the output folder.
    public let name: String
    public let kind: Kind
    public let contents: [UInt8]
    /// Permission bits: 0600 for anything holding a private key, 0644 otherwise.
    public let mode: mode_t
    /// What it holds, for reports: the (leaf) certificate, or the key.
    public var certificate: Certificate?
    public var key: PrivateKey?
    public var isEncrypted = false

    public init(name: String, kind: Kind, contents: [UInt8], mode: mode_t) {
        self.name = name
        self.kind = kind
        self.contents = contents
        self.mode = mode
    }

    public init(name: String, kind: Kind, text: String, mode: mode_t) {
        self.init(name: name, kind: kind, contents: Array(text.utf8), mode: mode)
    }

    public var text: String { String(decoding: contents, as: UTF8.self) }
}

/// Writes a set of files all or nothing: every target is checked before anything is written, each
/// file goes to a temporary file in the same folder (with its final mode from the start) and is then
/// published, and existing files are replaced only when forced.
///
/// The no-overwrite promise holds under a race, not only when runs take turns (two
/// `gen-self-signed --mtls` into one new folder both succeeded in a third of the trials and could
/// leave a client.crt not signed by the ca.crt beside it). Publication holds an exclusive `flock`
/// on the folder, so tlscheck runs publish one at a time and see each other's files; without
/// `--force` each file is published with `link`, which never replaces a file, so anything else that
/// wrote one of the names in the meantime is not replaced either. A run that loses removes the files
/// it had published and its temporaries: it leaves nothing behind.
public enum SafeWriter {
    /// Fails when a file exists (unless `force`), a target is a folder, or `folder` cannot be
    /// created or written. Changes nothing.
    public static func check(_ names: [String], in folder: String, force: Bool) throws(GenerationError) {
        var info = stat()
        if lstat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR || stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR else {
                throw GenerationError(.input, "\(folder) exists and is not a folder")
            }
            guard access(folder, W_OK | X_OK) == 0 else {
                throw GenerationError(.input, "cannot write into \(folder): \(errorText(errno))")
            }
        } else {
            let ancestor = nearestExisting(folder)
            guard access(ancestor, W_OK | X_OK) == 0 else {
                throw GenerationError(.input, "cannot create \(folder): \(ancestor) is not writable (\(errorText(errno)))")
            }
            return
        }
        var existing: [String] = []
        for name in names {
            let path = join(folder, name)
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw GenerationError(.input, "\(path) is a folder; tlscheck will not replace it")
            }
            existing.append(path)
        }
        if !existing.isEmpty && !force { throw refusal(existing) }
    }

    static func refusal(_ existing: [String]) -> GenerationError {
        GenerationError(
            .input,
            "refusing to overwrite \(existing.joined(separator: ", ")) (nothing was written; use --force to replace \(existing.count == 1 ? "it" : "them"))")
    }

    /// Writes every file into `folder` (created, with parents, if missing) and returns their paths.
    @discardableResult
    public static func write(_ files: [OutputFile], into folder: String, force: Bool) throws(GenerationError) -> [String] {
        try check(files.map(\.name), in: folder, force: force)
        try makeFolder(folder)
        var temporaries: [String] = []
        defer { for path in temporaries { unlink(path) } }
        for file in files { temporaries.append(try writeTemporary(file, in: folder)) }
        let lock = try FolderLock(folder)
        defer { withExtendedLifetime(lock) {} }
        // Checked again under the lock: a run that finished meanwhile has published its files.
        try check(files.map(\.name), in: folder, force: force)
        var written: [String] = []
        for (file, temporary) in zip(files, temporaries) {
            let target = join(folder, file.name)
            guard force ? rename(temporary, target) == 0 : publishNew(temporary, as: target) else {
                let code = errno
                // Without --force, what this run published is its own: it goes. With --force, the
                // files published replaced the user's; removing them would lose both.
                if !force { for path in written { unlink(path) } }
                if code == EEXIST { throw refusal([target]) }
                throw GenerationError(.input, "cannot move \(temporary) to \(target): \(errorText(code))")
            }
            written.append(target)
        }
        return written
    }

    /// Gives `temporary` the name `target` unless `target` exists (errno EEXIST then): `link`, which
    /// never replaces; on file systems without hard links, a check and `rename` under the folder lock.
    private static func publishNew(_ temporary: String, as target: String) -> Bool {
        if link(temporary, target) == 0 { return true }
        guard errno == EPERM || errno == EOPNOTSUPP || errno == EMLINK else { return false }
        var info = stat()
        if lstat(target, &info) == 0 {
            errno = EEXIST
            return false
        }
        return rename(temporary, target) == 0
    }

    /// `folder/.name.XXXXXX`, created 0600 by mkstemp, set to the file's mode, written, flushed.
    private static func writeTemporary(_ file: OutputFile, in folder: String) throws(GenerationError) -> String {
        var template = Array(join(folder, ".\(file.name).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard fd >= 0 else { throw GenerationError(.input, "cannot create a file in \(folder): \(errorText(errno))") }
        defer { close(fd) }
        guard fchmod(fd, file.mode) == 0 else {
            let reason = errorText(errno)
            unlink(path)
            throw GenerationError(.input, "cannot set the mode of \(path): \(reason)")
        }
        var offset = 0
        while offset < file.contents.count {
            let count = file.contents[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = errorText(errno)
                unlink(path)
                throw GenerationError(.input, "cannot write \(path): \(reason)")
            }
            offset += count
        }
        // No fsync: the rename already guarantees a reader sees the old file or the whole new one, and
        // an fsync per file costs milliseconds each on a busy disk (openssl, mkcert and cfssl skip it
        // too). After a power cut right after a run, run it again.
        return path
    }

    private static func makeFolder(_ folder: String) throws(GenerationError) {
        var info = stat()
        if stat(folder, &info) == 0 { return }
        let parent = FileInput.folder(of: folder)
        if parent != folder { try makeFolder(parent) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw GenerationError(.input, "cannot create \(folder): \(errorText(errno))")
        }
    }

    private static func nearestExisting(_ folder: String) -> String {
        var current = folder
        var info = stat()
        while stat(current, &info) != 0 {
            let parent = FileInput.folder(of: current)
            if parent == current { break }
            current = parent
        }
        return current
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    /// An absolute path without `.`, `..` and doubled slashes (`relativeTo` for relative input).
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : join(base, path)
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// An exclusive `flock` on a folder for as long as the value lives (released by `close` in deinit).
final class FolderLock {
    private let fd: Int32

    init(_ folder: String) throws(GenerationError) {
        fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw GenerationError(.input, "cannot open \(folder): \(SafeWriter.errorText(errno))") }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = SafeWriter.errorText(errno)
            close(fd)
            throw GenerationError(.input, "cannot lock \(folder): \(reason)")
        }
    }

    deinit { close(fd) }
}
