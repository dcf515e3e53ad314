#if canImport(Glibc)
import Glibc
#endif

/// A poll loop's wake-up pipe: both ends owned here and closed in `deinit`.
///
/// Whoever may wake the loop later (a resolver thread with a slow `getaddrinfo`) holds this object,
/// never its descriptor numbers, so the pipe stays open until the last such holder lets go: a late
/// answer can never write into a number the process has since given to another file.
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    /// Nil when the process has no descriptors left (`EMFILE`); the loop then polls with short waits.
    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            // Both ends non-blocking: a full pipe must never stall a resolver thread or the loop.
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            guard fcntl(end, F_SETFL, O_NONBLOCK) == 0 else { return nil }  // deinit closes both
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// One byte; a full pipe already means "wake up", so a failed write loses nothing.
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
