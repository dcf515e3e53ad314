#if canImport(Glibc)
import Glibc
#endif

/// The files under the paths given on a command line: files as they are (`-` is standard input,
/// `FileInput.standardInput`; a pipe or `<(…)` is read as a stream), folders recursively (entries
/// sorted by name, symbolic links followed, loops detected; pipes, sockets and devices in them are
/// skipped with a warning, never opened). Problems (missing paths, unreadable folders, loops, dangling
/// links) become findings and the walk goes on.
public enum InputWalker {
    public enum Item: Sendable {
        /// A regular file; `explicit` when it was named on the command line, not found in a folder.
        case file(path: String, explicit: Bool)
        case problem(Finding)
    }

    /// Calls `visit` for each item, in order, without collecting them (a folder of any size costs
    /// only its own entry list).
    public static func walk(_ paths: [String], visit: (Item) -> Void) {
        for path in paths {
            if path == "-" {
                visit(.file(path: FileInput.standardInput, explicit: true))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                visit(.problem(problem(path, errno: errno)))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walkFolder(path, ancestors: [Identity(info)], visit: visit)
            case S_IFREG, S_IFIFO, S_IFCHR: visit(.file(path: path, explicit: true))  // FileInput reads streams, refuses terminals
            default: visit(.problem(notRegular(path)))
            }
        }
    }

    /// A file or folder's identity, to notice a link that leads back to a folder being walked.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func walkFolder(_ folder: String, ancestors: [Identity], visit: (Item) -> Void) {
        guard let handle = opendir(folder) else {
            visit(.problem(problem(folder, errno: errno, folder: true)))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // `..data` and `..2026_…` are a Kubernetes volume's internals: the same files again.
            if name == "." || name.hasPrefix("..") { continue }
            names.append(name)
        }
        closedir(handle)
        names.sort()
        let base = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        for name in names {
            let path = base + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                let err = errno
                var linkInfo = stat()
                if err == ENOENT, lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                    visit(.problem(Finding(
                        .unreadableInput, "cannot read \(path): it is a symbolic link to a file that does not exist",
                        at: Location(path: path), hint: "fix or remove the link")))
                } else {
                    visit(.problem(problem(path, errno: err)))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let identity = Identity(info)
                if ancestors.contains(identity) {
                    visit(.problem(Finding(
                        .unreadableInput, "skipped \(path): a symbolic link loop (it leads back to a folder that contains it)",
                        at: Location(path: path), hint: "remove the link, or point it outside the folder")))
                    continue
                }
                if name.hasPrefix(".") { continue }
                walkFolder(path, ancestors: ancestors + [identity], visit: visit)
            case S_IFREG:
                visit(.file(path: path, explicit: false))
            default:
                // Sockets, pipes and devices hold no certificates, and reading a pipe could hang.
                let reason = FileInput.refusal(path, type: info.st_mode & S_IFMT, origin: .reference)?.reason ?? "is not a regular file"
                visit(.problem(Finding(.inputNotRegular, "skipped \(path): it \(reason)", at: Location(path: path))))
            }
        }
    }

    private static func problem(_ path: String, errno err: Int32, folder: Bool = false) -> Finding {
        let reason: String
        let hint: String
        switch err {
        case ELOOP:
            reason = "a symbolic link loop"
            hint = "fix the links: one of them points back to itself"
        case ENOENT, ENOTDIR:
            reason = "no such file or folder"
            hint = "check the path"
        case EACCES:
            reason = "permission denied"
            hint = folder ? "make the folder readable and searchable (r-x) by this user" : "make it readable by this user"
        default:
            reason = String(cString: strerror(err)).lowercased()
            hint = "check the path and its permissions"
        }
        return Finding(
            .unreadableInput, "cannot read \(folder ? "the folder " : "")\(path): \(reason)", at: Location(path: path),
            hint: hint)
    }

    private static func notRegular(_ path: String) -> Finding {
        Finding(
            .unreadableInput, "cannot read \(path): it is not a regular file, a pipe or a character device (a socket or block device)",
            at: Location(path: path), hint: "give a certificate file or a folder")
    }
}
