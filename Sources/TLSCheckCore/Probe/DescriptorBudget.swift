#if canImport(Glibc)
import Glibc
#endif

/// Open files for probing: each probe in flight holds one socket, and the soft limit is often 1,024.
/// Past it, `socket()` fails with EMFILE and every probe would turn into a `connect-failed` that
/// blames the network; so the soft limit is raised towards the hard one, and concurrency is capped
/// at what it then allows.
enum DescriptorBudget {
    /// Descriptors kept for everything else: standard streams, the worker threads' wake pipes, the
    /// resolver threads' lookups, trust store files read lazily, output files.
    static let reserve = 64

    static func allow(_ requested: Int) -> (concurrency: Int, note: String?) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (requested, nil) }
        let wanted = rlim_t(requested + reserve)
        if limit.rlim_cur < wanted, limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(wanted, limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let available = limit.rlim_cur == rlim_t.max ? requested : max(1, Int(clamping: limit.rlim_cur) - reserve)
        guard available < requested else { return (requested, nil) }
        return (available,
            "--concurrency \(requested) needs \(requested + reserve) open files, but the limit is \(limit.rlim_cur) (hard limit \(limit.rlim_max)): probing \(available) at a time (raise it with ulimit -n)")
    }
}
