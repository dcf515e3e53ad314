internal import COpenSSL

/// One entry of OpenSSL's error queue as codes (`ERR_GET_LIB`, `ERR_GET_REASON`) with the words
/// for messages. Diagnoses decide on the codes, never on the words, which OpenSSL may reword.
public struct OpenSSLReason: Sendable {
    public var library: Int32
    public var reason: Int32
    /// OpenSSL's reason string ("wrong version number"), for messages only.
    public var text: String

    public init(library: Int32, reason: Int32, text: String) {
        self.library = library
        self.reason = reason
        self.text = text
    }

    /// Empties this thread's error queue, oldest first.
    static func drain() -> [OpenSSLReason] {
        var reasons: [OpenSSLReason] = []
        while case let code = ERR_get_error(), code != 0 {
            let text = ERR_reason_error_string(code).map { String(cString: $0) } ?? "error 0x" + String(code, radix: 16)
            reasons.append(OpenSSLReason(library: ERR_GET_LIB(code), reason: ERR_GET_REASON(code), text: text))
        }
        return reasons
    }

    /// A reason of the SSL library (`SSL_R_…`).
    static func ssl(_ reason: Int32, _ text: String) -> OpenSSLReason {
        OpenSSLReason(library: ERR_LIB_SSL, reason: reason, text: text)
    }

    func isSSL(_ reasons: Int32...) -> Bool { library == ERR_LIB_SSL && reasons.contains(reason) }

    /// The server chose a version outside the range this client allows.
    var isVersionRefusal: Bool { isSSL(SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_WRONG_SSL_VERSION) }
    /// No cipher suite or key-exchange group in common.
    var isNoSharedParameters: Bool {
        isSSL(SSL_R_NO_SHARED_CIPHER, SSL_R_NO_SUITABLE_KEY_SHARE, SSL_R_NO_CIPHERS_AVAILABLE, SSL_R_WRONG_CURVE)
    }
    /// The peer closed the connection in the middle of a record or handshake.
    var isUnexpectedEOF: Bool { isSSL(SSL_R_UNEXPECTED_EOF_WHILE_READING) }
    /// A handshake message longer than OpenSSL accepts (a certificate list over 100 KB).
    var isExcessiveMessage: Bool { isSSL(SSL_R_EXCESSIVE_MESSAGE_SIZE) }
}
