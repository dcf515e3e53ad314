internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// One connection of a probe: its non-blocking socket, and once the handshake begins its `SSL` over
/// two memory BIOs (so the bytes a non-TLS server sends stay visible as evidence). Owns all three:
/// `deinit` frees the `SSL` (and with it both BIOs) and closes the socket. Confined to one thread.
final class TLSConnection {
    let fd: Int32
    private(set) var ssl: OpaquePointer?
    private var readBIO: OpaquePointer?
    private var writeBIO: OpaquePointer?
    /// Written by OpenSSL or a STARTTLS dialog, not yet taken by the socket.
    private var outgoing: [UInt8] = []
    private(set) var peerClosed = false
    private(set) var eofSignalled = false
    /// `errno` of the first failed send or receive (0: none).
    private(set) var socketError: Int32 = 0
    /// The first bytes the server sent while `keepsEvidence` was on (at most 1 KB).
    private(set) var evidence: [UInt8] = []
    var keepsEvidence = false

    /// Keeps the bytes read from now on as evidence, forgetting earlier ones (a STARTTLS dialog's).
    func startEvidence() {
        evidence = []
        keepsEvidence = true
    }
    /// One receive buffer for every read of this connection.
    private var scratch = [UInt8](repeating: 0, count: 16384)

    enum Opening {
        case connected(TLSConnection)
        case inProgress(TLSConnection)
        case failed(errno: Int32)
    }

    /// A non-blocking TCP connection to `address` (`TCP_NODELAY`: handshake messages are small).
    static func open(_ address: SocketAddress) -> Opening {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failed(errno: errno) }
        let connection = TLSConnection(fd: fd)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let status = address.storage.withUnsafeBytes {
            Glibc.connect(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        if status == 0 { return .connected(connection) }
        return errno == EINPROGRESS ? .inProgress(connection) : .failed(errno: errno)
    }

    private init(fd: Int32) { self.fd = fd }

    deinit {
        if let ssl { SSL_free(ssl) }  // frees both BIOs
        close(fd)
    }

    /// The outcome of a non-blocking connect once the socket is writable (0: connected).
    var connectError: Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 ? error : errno
    }

    var hasOutgoing: Bool { !outgoing.isEmpty }

    /// Creates the `SSL` over memory BIOs, in client mode, watched by `observer`. False (with the
    /// error queue left for the caller to drain) when OpenSSL cannot allocate them.
    func startTLS(_ context: TLSClientContext, observer: HandshakeObserver) -> Bool {
        guard let ssl = SSL_new(context.context) else { return false }
        guard let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            return false
        }
        SSL_set_bio(ssl, readBIO, writeBIO)  // the SSL owns both BIOs now
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        observer.observe(ssl)
        SSL_set_connect_state(ssl)
        return true
    }

    // MARK: - Socket

    /// Queues plaintext bytes (a STARTTLS dialog) and sends what the socket takes.
    func send(_ bytes: [UInt8]) {
        outgoing += bytes
        flush()
    }

    /// Reads everything the socket has now; `consume` gets each piece.
    func read(_ consume: (ArraySlice<UInt8>) -> Void) {
        guard !peerClosed, socketError == 0 else { return }
        while true {
            let count = recv(fd, &scratch, scratch.count, 0)
            if count > 0 {
                let bytes = scratch[..<count]
                if keepsEvidence, evidence.count < 1024 { evidence += bytes.prefix(1024 - evidence.count) }
                consume(bytes)
                continue
            }
            if count == 0 { peerClosed = true; return }
            if errno == EINTR { continue }
            if errno != EAGAIN && errno != EWOULDBLOCK { socketError = errno }
            return
        }
    }

    /// Reads what the socket has into the TLS engine; returns the number of bytes. Once the peer
    /// has closed (or the socket failed), the `SSL` sees end of file when its buffer runs dry.
    @discardableResult
    func readIntoTLS() -> Int {
        var total = 0
        read { bytes in
            total += bytes.count
            if let readBIO { _ = bytes.withUnsafeBytes { BIO_write(readBIO, $0.baseAddress, Int32($0.count)) } }
        }
        if peerClosed || socketError != 0, !eofSignalled, let readBIO {
            _ = copenssl_BIO_set_mem_eof_return(readBIO, 0)
            eofSignalled = true
        }
        return total
    }

    /// Moves what OpenSSL wrote into the socket, keeping what does not fit for POLLOUT.
    func flush() {
        if let writeBIO {
            let pending = BIO_ctrl_pending(writeBIO)
            if pending > 0 {
                var buffer = [UInt8](repeating: 0, count: pending)
                let count = BIO_read(writeBIO, &buffer, Int32(pending))
                if count > 0 { outgoing += buffer.prefix(Int(count)) }
            }
        }
        while !outgoing.isEmpty, socketError == 0 {
            let count = outgoing.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                outgoing.removeFirst(count)
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK { socketError = errno }
            return
        }
    }

    // MARK: - TLS

    /// One step of the handshake: `SSL_do_handshake`'s status and `SSL_get_error`, output flushed.
    func handshakeStep() -> (done: Bool, error: Int32) {
        guard let ssl else { return (false, SSL_ERROR_SSL) }
        ERR_clear_error()
        let status = SSL_do_handshake(ssl)
        let error = SSL_get_error(ssl, status)
        flush()
        return (status == 1, error)
    }

    /// One `SSL_read`: the application bytes read (empty on none) and `SSL_get_error`.
    func readApplicationData() -> (bytes: ArraySlice<UInt8>, error: Int32) {
        guard let ssl else { return ([], SSL_ERROR_SSL) }
        ERR_clear_error()
        let count = SSL_read(ssl, &scratch, Int32(scratch.count))
        let error = SSL_get_error(ssl, count)
        flush()
        return count > 0 ? (scratch[..<Int(count)], error) : ([], error)
    }

    /// Encrypts and sends `bytes`; false when OpenSSL refused (queue drained).
    func writeApplicationData(_ bytes: [UInt8]) -> Bool {
        guard let ssl else { return false }
        ERR_clear_error()
        guard SSL_write(ssl, bytes, Int32(bytes.count)) > 0 else {
            OpenSSLError.drainQueue()
            return false
        }
        flush()
        return true
    }

    /// A polite close_notify before the socket closes.
    func shutdownTLS() {
        guard let ssl else { return }
        ERR_clear_error()
        SSL_shutdown(ssl)
        flush()
        OpenSSLError.drainQueue()
    }
}
