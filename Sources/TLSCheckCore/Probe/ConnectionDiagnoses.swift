#if canImport(Glibc)
import Glibc
#endif

/// Why a TCP connection failed, from `errno`.
enum ConnectDiagnosis {
    static func failed(_ error: Int32, target: ProbeTarget, address: String) -> ProbeDiagnosis {
        switch error {
        case ECONNREFUSED:
            ProbeDiagnosis(.connectionRefused, "connection to \(target.display) (\(address)) refused: nothing listens on port \(target.port)")
        case ECONNRESET, EPIPE:
            ProbeDiagnosis(.connectionReset, "\(target.display) (\(address)) reset the connection as soon as it was established")
        case ETIMEDOUT:
            ProbeDiagnosis(.connectTimeout, "connecting to \(target.display) (\(address)) timed out")
        case EMFILE, ENFILE:
            ProbeDiagnosis(.connectFailed, "cannot open a socket for \(target.display): \(String(cString: strerror(error)).lowercased())",
                hint: "lower --concurrency, or raise the open-file limit (ulimit -n)")
        default:
            ProbeDiagnosis(.connectFailed, "cannot connect to \(target.display) (\(address)): \(String(cString: strerror(error)).lowercased())")
        }
    }
}

/// gRPC clients refuse a connection whose ALPN is not h2 (grpc-go 1.67 and later).
enum ALPNDiagnosis {
    static func check(offered: [String], selected: String?, target: String) -> ProbeDiagnosis? {
        guard offered.contains("h2"), selected != "h2" else { return nil }
        let chosen = selected.map { "chose \($0)" } ?? "selected no ALPN protocol"
        return ProbeDiagnosis(.alpnNotNegotiated, "\(target) \(chosen) although h2 was offered: gRPC clients (OTLP/gRPC) refuse this connection")
    }
}

/// nginx (`ssl_verify_client on`) finishes the handshake without a client certificate and refuses
/// only in its HTTP reply. Pure over the reply's bytes.
public enum HTTPReplyDiagnosis {
    public static func check(_ reply: [UInt8], target: String, clientCertificateConfigured: Bool) -> ProbeDiagnosis? {
        let text = String(decoding: reply.prefix(4096), as: UTF8.self)
        guard text.hasPrefix("HTTP/") else { return nil }
        let status = text.split(separator: "\r\n").first.map(String.init) ?? ""
        if text.contains("No required SSL certificate was sent") {
            return ProbeDiagnosis(.clientCertRequired,
                "\(target) requires a client certificate: it finished the handshake, then answered HTTP with '\(status)' (No required SSL certificate was sent)",
                setting: .certificate)
        }
        if text.contains("The SSL certificate error") {
            return ProbeDiagnosis(.clientCertRejected,
                "\(target) rejected the client certificate: it answered HTTP with '\(status)' (The SSL certificate error)", setting: .certificate)
        }
        guard !clientCertificateConfigured else { return nil }
        return ProbeDiagnosis(.clientCertOptional, "\(target) asks for a client certificate but answered an HTTP request without one ('\(status)')")
    }
}
