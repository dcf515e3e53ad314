#if canImport(Glibc)
import Glibc
#endif
/// Reading input files safely: folders, missing and unreadable files, and oversized inputs become
/// errors with a reason instead of crashes or hangs.
public enum FileInput {
    /// Configs and certificates are small; anything beyond this is not what the user meant.
    public static let defaultSizeLimit = 16 << 20

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public let hint: String
        public var kind: Kind = .unreadable
        public var description: String { "\(path): \(reason)" }

        public enum Kind: Sendable {
            case notFound, isFolder, tooLarge, unreadable
        }
    }

    /// The bytes of a regular file, or a `ReadError` saying why not.
    public static func read(_ path: String, limit: Int = defaultSizeLimit) -> Result<[UInt8], ReadError> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let err = errno
            return .failure(ReadError(
                path: path, reason: String(cString: strerror(err)).lowercased(),
                hint: err == ENOENT
                    ? "check the path; relative paths in a config resolve against the config's folder"
                    : "check the path and its permissions",
                kind: err == ENOENT || err == ENOTDIR ? .notFound : .unreadable))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadError(
                path: path, reason: "is a folder, not a file", hint: "name a file inside it", kind: .isFolder))
        }
        if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit {
            return .failure(ReadError(
                path: path, reason: "is \(info.st_size) bytes, more than the \(limit >> 20) MiB limit",
                hint: "this does not look like a configuration or certificate file", kind: .tooLarge))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let err = errno
            return .failure(ReadError(
                path: path, reason: String(cString: strerror(err)).lowercased(),
                hint: err == EACCES ? "make the file readable by this user" : "check the path"))
        }
        defer { close(fd) }
        // A regular file is read in one go into a buffer of its size (one byte more notices growth;
        // at least 4 KB, for files such as /proc's that report size 0), pipes and devices in 64 KB
        // steps. Buffers are not zero-filled first: 64 KB of zeroes for every 1 KB certificate was a
        // sixth of an expiry scan.
        let step = (info.st_mode & S_IFMT) == S_IFREG ? max(Int(info.st_size) + 1, 4 << 10) : 64 << 10
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
            if bytes.count > limit {
                return .failure(ReadError(
                    path: path, reason: "is more than the \(limit >> 20) MiB limit",
                    hint: "this does not look like a configuration or certificate file", kind: .tooLarge))
            }
        }
        return .success(bytes)
    }

    /// `path` joined to `folder` unless it is absolute, as exporter-toolkit and the collector do.
    public static func resolve(_ path: String, relativeTo folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// The folder part of a path (`.` for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
