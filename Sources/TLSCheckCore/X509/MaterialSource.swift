#if canImport(Glibc)
import Glibc
#endif

/// Where certificate material comes from: a file named in a configuration, PEM written inline, or
/// bytes that came from elsewhere (a Kubernetes Secret key's decoded value).
public enum MaterialSource: Sendable, Hashable {
    /// `path` is already resolved against the configuration's folder; `at` is the location of the
    /// configuration key, which every finding about this material points to.
    case file(path: String, at: Location)
    case inline(pem: String, at: Location)
    /// Bytes read from another container: `name` is how findings name them
    /// (`Secret monitoring/exporter-tls key tls.crt`), `at` where they point (the key in the manifest).
    /// Like inline PEM, lines inside the bytes are not reported: they mean nothing to the reader of
    /// the container.
    case decoded(bytes: [UInt8], name: String, at: Location)

    /// A Kubernetes Secret key's value: `Secret monitoring/exporter-tls key tls.crt`.
    public static func secretKey(
        _ key: String, of secret: String, namespace: String?, bytes: [UInt8], at: Location
    ) -> MaterialSource {
        let qualified = namespace.map { "\($0)/\(secret)" } ?? secret
        return .decoded(bytes: bytes, name: "Secret \(qualified) key \(key)", at: at)
    }

    /// Where findings about this material point.
    public var location: Location {
        switch self {
        case .file(_, let at), .inline(_, let at), .decoded(_, _, let at): at
        }
    }

    /// How messages name it.
    public var name: String {
        switch self {
        case .file(let path, _): path
        case .inline: "the inline PEM"
        case .decoded(_, let name, _): name
        }
    }

    var isFile: Bool {
        if case .file = self { return true }
        return false
    }

    /// The material's bytes: the PEM text, the decoded value, or the file's content (nil when it
    /// cannot be read).
    func bytes(files: FileReader = .disk) -> [UInt8]? {
        switch self {
        case .inline(let pem, _): return Array(pem.utf8)
        case .decoded(let bytes, _, _): return bytes
        case .file(let path, _):
            guard case .success(let bytes) = files.read(path) else { return nil }
            return bytes
        }
    }
}

/// When an expiring certificate is worth a finding, in seconds before its notAfter.
public struct ExpiryThresholds: Sendable, Hashable {
    /// Within this, a warning.
    public var warning: TimeInterval
    /// Within this (and outside `warning`), a note.
    public var notice: TimeInterval
    /// Within this, an error (`tlscheck expiry --critical`); nil: no such level.
    public var critical: TimeInterval?

    public init(warning: TimeInterval, notice: TimeInterval, critical: TimeInterval? = nil) {
        self.warning = warning
        self.notice = notice
        self.critical = critical
    }

    /// 14 days a warning, 30 days a note: cert-manager renews 90-day certificates 30 days ahead.
    public static let standard = ExpiryThresholds(warning: 14 * 86_400, notice: 30 * 86_400)

    /// Where a validity period stands at `now`: the one rule behind `cert-expired`,
    /// `cert-not-yet-valid`, `cert-expiring` and the status column of `tlscheck expiry`.
    public func status(notBefore: Date, notAfter: Date, now: Date) -> ExpiryStatus {
        if notAfter <= now { return .expired }
        if notBefore > now { return .notYetValid }
        let left = notAfter.timeIntervalSince(now)
        if let critical, left <= critical { return .critical }
        if left <= warning { return .warning }
        if left <= notice { return .notice }
        return .ok
    }
}

/// A certificate's validity at one moment, worst first.
public enum ExpiryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case expired
    case critical
    case notYetValid = "not-yet-valid"
    case warning
    case notice
    case ok
}

/// Dates as findings print them.
enum Dates {
    /// `2026-05-01 12:00 UTC`; with `seconds`, `2026-05-01 12:00:00 UTC`.
    static func text(_ date: Date, seconds: Bool = false) -> String {
        let (day, hour, minute, second) = utc(date)
        return "\(day) \(hour):\(minute)" + (seconds ? ":\(second)" : "") + " UTC"
    }

    /// `2026-05-01T12:00:00Z` (RFC 3339, for JSON).
    static func iso(_ date: Date) -> String {
        let (day, hour, minute, second) = utc(date)
        return "\(day)T\(hour):\(minute):\(second)Z"
    }

    /// The calendar day and the two-digit time fields in UTC.
    private static func utc(_ date: Date) -> (day: String, hour: String, minute: String, second: String) {
        var seconds = time_t(Int.saturating(date.timeIntervalSince1970.rounded(.down)))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ("\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))",
                two(parts.tm_hour), two(parts.tm_min), two(parts.tm_sec))
    }

    /// `2026-05-01`
    static func day(_ date: Date) -> String { utc(date).day }

    /// `in 12 days`, `3 days ago`, `in 5 hours`.
    static func relative(_ date: Date, to now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let amount: String
        if magnitude >= 86_400 {
            let days = Int.saturating(magnitude / 86_400)
            amount = days == 1 ? "1 day" : "\(days) days"
        } else if magnitude >= 3600 {
            let hours = Int.saturating(magnitude / 3600)
            amount = hours == 1 ? "1 hour" : "\(hours) hours"
        } else {
            let minutes = max(Int.saturating(magnitude / 60), 1)
            amount = minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        return seconds >= 0 ? "in \(amount)" : "\(amount) ago"
    }
}
