internal import COpenSSL

/// What OpenSSL's message callback saw during one handshake: the server's handshake messages
/// and the alerts in either direction.
final class HandshakeObserver {
    var serverHello = false
    var certificateRequest = false
    var sessionTicket = false
    var alertReceived: UInt8?
    var alertSent: UInt8?

    /// Registers `self` as `ssl`'s message callback argument. The caller keeps the observer alive
    /// for as long as the `SSL` lives (`TLSConnection` frees the `SSL` before it lets go of it).
    func observe(_ ssl: OpaquePointer) {
        SSL_set_msg_callback(ssl, messageCallback)
        _ = copenssl_SSL_set_msg_callback_arg(ssl, Unmanaged.passUnretained(self).toOpaque())
    }

    /// One record or handshake message (`contentType` 21: alert, 22: handshake); `written` is 1 for
    /// what the client sent.
    func record(written: Bool, contentType: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        switch contentType {
        case 21 where bytes.count >= 2 && bytes[1] != TLSAlert.closeNotify.rawValue:
            if written { alertSent = bytes[1] } else { alertReceived = bytes[1] }
        case 22 where !written:
            switch bytes[0] {
            case 2: serverHello = true
            case 4: sessionTicket = true
            case 13: certificateRequest = true
            default: break
            }
        default: break
        }
    }
}

extension HandshakeObservation {
    /// What a live attempt has seen so far: the observer's messages and alert, the connection's
    /// evidence and state, the options' offer.
    init(
        _ phase: Phase, target: ProbeTarget, options: ProbeOptions, observer: HandshakeObserver, connection: TLSConnection?,
        startTLS: StartTLSProtocol?, clientCertificateConfigured: Bool, timedOut: Bool
    ) {
        self.init(target: target.display, phase: phase)
        alert = observer.alertReceived
        evidence = phase == .afterHandshake ? [] : connection?.evidence ?? []
        peerClosed = connection?.peerClosed ?? false
        socketError = connection?.socketError ?? 0
        self.timedOut = timedOut ? options.timeout : nil
        serverHelloSeen = observer.serverHello
        certificateRequestSeen = observer.certificateRequest
        self.clientCertificateConfigured = clientCertificateConfigured
        self.startTLS = startTLS
        minVersion = options.minVersion
        maxVersion = options.maxVersion
        alpnOffered = options.alpn
        serverName = options.serverName ?? target.host
    }
}

private let messageCallback: @convention(c) (
    Int32, Int32, Int32, UnsafeRawPointer?, Int, OpaquePointer?, UnsafeMutableRawPointer?
) -> Void = { written, _, contentType, buffer, length, _, arg in
    guard let arg, let buffer, length > 0 else { return }
    Unmanaged<HandshakeObserver>.fromOpaque(arg).takeUnretainedValue()
        .record(written: written != 0, contentType: contentType, UnsafeRawBufferPointer(start: buffer, count: length))
}
