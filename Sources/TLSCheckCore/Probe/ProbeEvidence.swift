/// Tells what a non-TLS server is from the first bytes it sent. Pure over bytes (a fuzz target calls it).
public enum ProbeEvidence {
    public struct Verdict: Sendable {
        public let check: Check
        public let message: String
        public let hint: String
    }

    /// True when `bytes` can be the start of a TLS record (handshake, alert, change cipher spec).
    public static func looksLikeTLS(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return true }
        guard (20...24).contains(first) else { return false }
        return bytes.count < 2 || bytes[1] == 3
    }

    public static func classify(_ bytes: [UInt8], target: String) -> Verdict? {
        guard !bytes.isEmpty, !looksLikeTLS(bytes) else { return nil }
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        func other(_ service: String, _ hint: String) -> Verdict {
            Verdict(
                check: .nonTLSService,
                message: "\(target) speaks \(service), not TLS: it answered \(describe(bytes))", hint: hint)
        }
        if text.hasPrefix("HTTP/") {
            let statusLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "HTTP/"
            return Verdict(
                check: .plaintextHTTP,
                message: "\(target) speaks plaintext HTTP, not TLS: it answered the ClientHello with '\(statusLine)'",
                hint: "the port speaks plaintext HTTP: the exporter has no tls_server_config (or no --web.config.file), or use http:// (scheme: http)")
        }
        // An HTML page without a status line: how HTTP/0.9-style servers (Python's http.server)
        // answer a request line they cannot parse.
        let lowered = text.prefix(20).lowercased()
        if lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html") {
            return Verdict(
                check: .plaintextHTTP,
                message: "\(target) speaks plaintext HTTP, not TLS: it answered the ClientHello with an HTML page",
                hint: "the port speaks plaintext HTTP: the exporter has no tls_server_config (or no --web.config.file), or use http:// (scheme: http)")
        }
        // An HTTP/2 frame header: 24-bit length, type 4 (SETTINGS) or 7 (GOAWAY), from h2c / gRPC without TLS.
        if bytes.count >= 9, bytes[0] == 0, bytes[3] == 4 || bytes[3] == 7 {
            return Verdict(
                check: .plaintextHTTP,
                message: "\(target) speaks plaintext HTTP/2 (h2c, e.g. gRPC without TLS), not TLS",
                hint: "the port speaks plaintext gRPC/HTTP/2: enable TLS on the receiver, or set insecure: true (tls.insecure) on the client")
        }
        if text.hasPrefix("SSH-") {
            return other("SSH", "this is an SSH server; check the port number")
        }
        if text.hasPrefix("220") {
            return other(
                "SMTP or FTP (a '220' greeting)",
                "this port expects STARTTLS before TLS (not supported by --starttls yet) or is the wrong port; implicit TLS is on 465 (SMTP) or 990 (FTP)")
        }
        if text.hasPrefix("+OK") { return other("POP3", "this port needs STARTTLS; POP3 with implicit TLS is on 995") }
        if text.hasPrefix("* OK") { return other("IMAP", "this port needs STARTTLS; IMAP with implicit TLS is on 993") }
        // PostgreSQL's ErrorResponse to a ClientHello read as a startup packet: 'E', length, fields.
        if bytes[0] == UInt8(ascii: "E"), text.contains("SFATAL") || text.contains("VFATAL") || text.contains("startup packet") {
            return other("PostgreSQL", "PostgreSQL starts TLS with an SSLRequest: use --starttls postgres")
        }
        if bytes[0] == UInt8(ascii: "N") || bytes[0] == UInt8(ascii: "S"), bytes.count == 1 {
            return other("an unknown protocol", "check the port; for PostgreSQL use --starttls postgres")
        }
        if bytes.count > 4, bytes[4] == 10, bytes[3] == 0 {  // MySQL handshake v10 packet
            return other("MySQL", "MySQL negotiates TLS inside its own handshake; check the port")
        }
        return other("another protocol", "check that the port serves TLS directly (no STARTTLS needed)")
    }

    /// `'SSH-2.0-OpenSSH_9.2'` for text, `16 bytes: 45 00 00 …` for binary.
    public static func describe(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(48)
        let printable = head.allSatisfy { (32...126).contains($0) || $0 == 9 || $0 == 10 || $0 == 13 }
        if printable {
            let line = String(decoding: head, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "'\(line)'"
        }
        let hex = head.prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        return "\(bytes.count) byte\(bytes.count == 1 ? "" : "s") starting \(hex)"
    }
}
