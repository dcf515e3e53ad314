internal import COpenSSL

/// An OpenSSL failure with the library's own reasons. Build it right after the failing call, on
/// the same thread: the error queue is per thread and is drained here.
public struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    /// What tlscheck was doing ("reading the private key").
    public let operation: String
    /// OpenSSL's reason strings, oldest first (e.g. "bad decrypt").
    public let reasons: [String]

    public init(_ operation: String, reasons: [String]) {
        self.operation = operation
        self.reasons = reasons
    }

    /// Drains this thread's OpenSSL error queue into an error describing `operation`.
    public static func drain(_ operation: String) -> OpenSSLError {
        OpenSSLError(operation, reasons: drainQueue())
    }

    /// Empties the queue, returning the reason strings (used where the caller only wants a clean slate).
    @discardableResult
    public static func drainQueue() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                reasons.append("error 0x" + String(code, radix: 16))
            }
        }
        return reasons
    }

    public var description: String {
        reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: ", "))"
    }
}

/// Versions of the C libraries tlscheck runs with (for `--version`).
public enum LibraryVersions {
    public static var openSSL: String { String(cString: OpenSSL_version(numericCast(OPENSSL_VERSION))) }
}
