#if canImport(Glibc)
import Glibc
#endif

/// Reading input files safely: folders, missing and unreadable files, files that are not regular and
/// oversized inputs become errors with a reason instead of crashes or hangs. It is the one place
/// tlscheck reads an input file, so these rules hold everywhere.
///
/// - Only regular files are opened when a path comes from inside an input (a config's `cert_file`)
///   or from a folder walk: a FIFO would block the run until something writes to it, a device may
///   never end. Paths given on the command line (`Origin.commandLine`) may also be pipes and
///   character devices, and `/dev/stdin` and `/dev/fd/N` (what a shell passes for `-` and `<(…)`)
///   are read as streams wherever they appear. A terminal is never read: that would wait for typing.
/// - Every file is opened with `O_NONBLOCK` and checked again with `fstat`, so a regular file swapped
///   for a FIFO between the check and the open cannot block either.
/// - Inputs up to `defaultSizeLimit` are read; a regular file over it is refused before a byte is
///   read, a stream as soon as it passes it.
public enum FileInput {
    /// 64 MiB: a whole `kubectl get -A -o yaml` or `helm template` of a large stack fits; a certificate
    /// or config is a few KB. Memory stays proportional (docs/limits.md).
    public static let defaultSizeLimit = 64 << 20

    /// The name standard input goes by (`-` on a command line): findings say `<stdin>`, relative paths
    /// inside it resolve against the working folder, and `read(FileInput.standardInput)` returns its
    /// bytes — read once, on first use, and kept for every later reader.
    public static let standardInput = "<stdin>"

    /// Where a path came from, which decides what may be opened.
    public enum Origin: Sendable {
        /// Named inside an input or found in a folder: regular files only.
        case reference
        /// Given on the command line: pipes and character devices are read too (never a terminal).
        case commandLine
    }

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public let hint: String
        public var kind: Kind = .unreadable
        public var description: String { "\(path): \(reason)" }

        public enum Kind: Sendable {
            case notFound, isFolder, tooLarge, unreadable
            /// A FIFO, socket, device or terminal where a regular file was expected; never opened.
            case notRegular
        }
    }

    /// The bytes of a file, or a `ReadError` saying why not.
    public static func read(
        _ path: String, limit: Int = defaultSizeLimit, origin: Origin = .reference
    ) -> Result<[UInt8], ReadError> {
        if path == standardInput { return StandardInput.bytes(limit: limit) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let err = errno
            return .failure(ReadError(
                path: path, reason: String(cString: strerror(err)).lowercased(),
                hint: err != ENOENT ? "check the path and its permissions"
                    : origin == .commandLine ? "check the path; a relative path starts from the working folder"
                    : "check the path; relative paths in a config resolve against the config's folder",
                kind: err == ENOENT || err == ENOTDIR ? .notFound : .unreadable))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            return .failure(ReadError(
                path: path, reason: "is a folder, not a file", hint: "name a file inside it", kind: .isFolder))
        }
        if type != S_IFREG, let refusal = refusal(path, type: type, origin: origin) { return .failure(refusal) }
        if type == S_IFREG && Int(info.st_size) > limit { return .failure(tooLarge(path, limit: limit, size: Int(info.st_size))) }
        // A pipe the user named waits for its writer, as `cat` does (`<(…)` has one already); anything
        // else opens without blocking and is checked again once open.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (type == S_IFIFO ? 0 : O_NONBLOCK))
        guard fd >= 0 else {
            let err = errno
            return .failure(ReadError(
                path: path, reason: String(cString: strerror(err)).lowercased(),
                hint: err == EACCES ? "make the file readable by this user" : "check the path"))
        }
        defer { close(fd) }
        return read(fd, path: path, limit: limit, origin: origin)
    }

    /// Reads an open descriptor to its end (at most `limit` bytes), checking what it is first.
    static func read(_ fd: Int32, path: String, limit: Int, origin: Origin) -> Result<[UInt8], ReadError> {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(ReadError(path: path, reason: String(cString: strerror(errno)).lowercased(), hint: "check the file"))
        }
        let type = info.st_mode & S_IFMT
        if type != S_IFREG {
            if let refusal = refusal(path, type: type, origin: origin) { return .failure(refusal) }
            if isatty(fd) == 1 { return .failure(terminal(path)) }
            // A stream the user handed over: wait for its writer, as `cat` would.
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        } else if Int(info.st_size) > limit {
            return .failure(tooLarge(path, limit: limit, size: Int(info.st_size)))
        }
        // A regular file is read in one go into a buffer of its size (one byte more notices growth;
        // at least 4 KB, for files such as /proc's that report size 0), streams in 64 KB steps.
        // Buffers are not zero-filled first: 64 KB of zeroes for every 1 KB certificate was a sixth
        // of an expiry scan.
        let step = type == S_IFREG ? max(Int(info.st_size) + 1, 4 << 10) : 64 << 10
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: step) { buffer, count in
                var n: Int
                repeat { n = Glibc.read(fd, buffer.baseAddress, step) } while n < 0 && errno == EINTR
                if n < 0 { failure = errno }
                count = max(n, 0)
            }
            if failure != 0 {
                return .failure(ReadError(
                    path: path, reason: String(cString: strerror(failure)).lowercased(), hint: "check the file"))
            }
            if chunk.isEmpty { break }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count > limit { return .failure(tooLarge(path, limit: limit, size: nil)) }
        }
        return .success(bytes)
    }

    /// Why a path that is not a regular file is not opened, or nil when it may be read as a stream.
    static func refusal(_ path: String, type: mode_t, origin: Origin) -> ReadError? {
        let what: String
        switch type {
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        default: what = "not a regular file"
        }
        let stream = type == S_IFIFO || type == S_IFCHR
        // /dev/null ends at once: it is how a config says "empty" (exporter-toolkit's own tests do).
        if stream && (origin == .commandLine || isStreamPath(path) || path == "/dev/null") { return nil }
        return ReadError(
            path: path, reason: "is \(what), not a regular file; tlscheck does not open it",
            hint: origin == .commandLine
                ? "give a regular file, a pipe or - for standard input"
                : "name a regular file: pipes, sockets and devices named in a config or met in a folder are never opened (they could block the run)",
            kind: .notRegular)
    }

    /// `/dev/stdin`, `/dev/fd/N` and `/proc/self/fd/N`: how a shell hands over `-` and `<(…)`.
    static func isStreamPath(_ path: String) -> Bool {
        path == "/dev/stdin" || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
    }

    static func terminal(_ path: String) -> ReadError {
        ReadError(
            path: path, reason: "is a terminal; tlscheck does not wait for typed input",
            hint: "pipe the input in, e.g. `kubectl get secret -o yaml | tlscheck inspect -`", kind: .notRegular)
    }

    static func tooLarge(_ path: String, limit: Int, size: Int?) -> ReadError {
        ReadError(
            path: path, reason: size.map { "is \($0) bytes, more than the \(limit >> 20) MiB limit" } ?? "is more than the \(limit >> 20) MiB limit",
            hint: "this does not look like a configuration, manifest or certificate file (docs/limits.md)", kind: .tooLarge)
    }

    /// `path` joined to `folder` unless it is absolute, as exporter-toolkit and the collector do.
    public static func resolve(_ path: String, relativeTo folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// The folder part of a path (`.` for a bare name, and for standard input and `/dev/fd/N`, whose
    /// relative paths resolve against the working folder).
    public static func folder(of path: String) -> String {
        if isStreamPath(path) { return "." }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
