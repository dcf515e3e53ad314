#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds (deadlines never jump with the wall clock). Every conversion
/// from a `Duration` saturates: a timeout of a century is a deadline at the end of time, never a trap.
enum MonotonicClock {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Whole nanoseconds of `duration`, 0 for negative ones, `UInt64.max` past 584 years.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, carry) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return carry ? .max : sum
    }

    /// `now + duration`, saturating.
    static func deadline(_ now: UInt64, after duration: Duration) -> UInt64 {
        let (sum, overflow) = now.addingReportingOverflow(nanoseconds(duration))
        return overflow ? .max : sum
    }

    static func seconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to &- from) / 1e9 }
}

extension Duration {
    /// `800 ms`, `5 s`, `1.5 s`, as messages say a timeout.
    var probeText: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return seconds == seconds.rounded() ? "\(components.seconds) s" : "\(seconds) s"
    }
}
