#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Standard input as one more file (`-` on the command line, `FileInput.standardInput` inside):
/// read once, on first use, and kept, since a stream cannot be read twice and one run may look at
/// it more than once (kind detection, then the checks). A terminal is refused, never waited on.
enum StandardInput {
    private static let cache = Mutex<Result<[UInt8], FileInput.ReadError>?>(nil)

    static func bytes(limit: Int) -> Result<[UInt8], FileInput.ReadError> {
        cache.withLock { cached in
            if let cached { return cached }
            let result = FileInput.read(0, path: FileInput.standardInput, limit: limit, origin: .commandLine)
            cached = result
            return result
        }
    }
}
