internal import COpenSSL
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds (deadlines never jump with the wall clock).
enum MonotonicClock {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }
    static func seconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to &- from) / 1e9 }
}

/// What OpenSSL's message callback saw during one handshake.
final class HandshakeObserver {
    var serverHello = false
    var certificateRequest = false
    var sessionTicket = false
    var alertReceived: UInt8?
    var alertSent: UInt8?
}

/// Records handshake messages and alerts; `arg` is the task's `HandshakeObserver`, which outlives
/// the `SSL` (the task frees the `SSL` before it lets go of the observer).
private let messageCallback: @convention(c) (
    Int32, Int32, Int32, UnsafeRawPointer?, Int, OpaquePointer?, UnsafeMutableRawPointer?
) -> Void = { written, _, contentType, buffer, length, _, arg in
    guard let arg, let buffer, length > 0 else { return }
    let observer = Unmanaged<HandshakeObserver>.fromOpaque(arg).takeUnretainedValue()
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    switch contentType {
    case 21 where length >= 2 && bytes[1] != 0:  // alert, other than close_notify
        if written == 0 { observer.alertReceived = bytes[1] } else { observer.alertSent = bytes[1] }
    case 22 where written == 0:  // handshake message from the server
        switch bytes[0] {
        case 2: observer.serverHello = true
        case 4: observer.sessionTicket = true
        case 13: observer.certificateRequest = true
        default: break
        }
    default: break
    }
}

/// Where a DNS answer waits for the probe thread that asked (set on a resolver thread).
final class AnswerBox: Sendable {
    let answer = Mutex<Resolver.Answer?>(nil)
}

/// One probe as a state machine over a non-blocking socket: resolve, connect, STARTTLS, handshake
/// (OpenSSL over memory BIOs, so the first bytes a non-TLS server sends are kept as evidence), the
/// read after the handshake, optionally one HTTP request; then, for `--versions`, one handshake per
/// version. Confined to the worker thread that runs it.
final class ProbeTask {
    enum Phase { case idle, resolving, connecting, startTLS, handshake, afterHandshake, httpRequest, done }
    /// `sniffPostgres`: a second connection that sends PostgreSQL's SSLRequest, made when a server
    /// hung up on the ClientHello without a word (as PostgreSQL does).
    enum Attempt: Equatable { case main, version(TLSVersion), sniffPostgres }

    let index: Int
    let options: ProbeOptions
    let context: TLSClientContext
    let resolver: Resolver
    let wake: @Sendable () -> Void
    private(set) var result: ProbeResult
    private(set) var phase = Phase.idle
    private var attempt = Attempt.main
    private var pendingVersions: [TLSVersion] = []
    /// The diagnosis to report if the PostgreSQL sniff finds nothing.
    private var failureBeforeSniff: (check: Check, message: String)?

    private var started: UInt64 = 0
    private var phaseStarted: UInt64 = 0
    private var deadline: UInt64 = 0
    private var window: UInt64?
    private let answerBox = AnswerBox()
    private var addresses: [SocketAddress] = []
    private var addressIndex = 0

    private(set) var fd: Int32 = -1
    private var outgoing: [UInt8] = []
    /// The first bytes the server sent (before and during the handshake): evidence for diagnoses.
    private var evidence: [UInt8] = []
    private var peerClosed = false
    private var eofSignalled = false
    private var socketError: Int32 = 0

    private var dialog: (any StartTLSDialog)?
    private var dialogBytes: [UInt8] = []

    private var ssl: OpaquePointer?
    private var readBIO: OpaquePointer?
    private var writeBIO: OpaquePointer?
    private var observer = HandshakeObserver()
    private var applicationData: [UInt8] = []
    /// One receive buffer per probe, reused by every read.
    private var scratch = [UInt8](repeating: 0, count: 16384)

    init(
        index: Int, target: ProbeTarget, options: ProbeOptions, context: TLSClientContext, resolver: Resolver,
        wake: @escaping @Sendable () -> Void
    ) {
        self.index = index
        self.options = options
        self.context = context
        self.resolver = resolver
        self.wake = wake
        self.result = ProbeResult(target: target)
    }

    deinit { closeConnection() }

    var target: ProbeTarget { result.target }
    var isDone: Bool { phase == .done }
    var isResolving: Bool { phase == .resolving }
    /// The next moment something must happen without I/O (deadline or end of a read window).
    var wakeUpTime: UInt64 { min(deadline, window ?? .max) }

    /// Events to wait for on `fd`.
    var pollEvents: Int16 {
        switch phase {
        case .connecting: Int16(POLLOUT)
        case .startTLS, .handshake, .afterHandshake, .httpRequest:
            Int16(POLLIN) | (outgoing.isEmpty ? 0 : Int16(POLLOUT))
        default: 0
        }
    }

    // MARK: - Phases

    func start(now: UInt64) {
        started = now
        deadline = now + MonotonicClock.nanoseconds(options.timeout)
        phaseStarted = now
        if options.checkVersions { pendingVersions = TLSVersion.allCases }
        if let address = SocketAddress.numeric(target.host, port: target.port) {
            addresses = [address]
            connect(now: now)
            return
        }
        phase = .resolving
        let box = answerBox, wake = wake
        resolver.resolve(target.host) { answer in
            box.answer.withLock { $0 = answer }
            wake()
        }
        resolutionMayHaveArrived(now: now)
    }

    func resolutionMayHaveArrived(now: UInt64) {
        guard phase == .resolving, let answer = answerBox.answer.withLock({ $0 }) else { return }
        result.timings.dns = phaseSeconds()
        switch answer {
        case .success(let list):
            addresses = list.map { $0.with(port: target.port) }
            connect(now: now)
        case .failure(let error):
            fail(.dnsFailure, "cannot resolve '\(target.host)': \(error.message)", now: now)
        }
    }

    private func connect(now: UInt64) {
        let address = addresses[addressIndex]
        fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return connectFailed(errno, now: now) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let status = address.storage.withUnsafeBytes {
            Glibc.connect(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        if status == 0 { return connected(now: now) }
        if errno == EINPROGRESS {
            phase = .connecting
            return
        }
        connectFailed(errno, now: now)
    }

    private func connectFailed(_ error: Int32, now: UInt64) {
        closeConnection()
        if addressIndex + 1 < addresses.count, attempt == .main {
            addressIndex += 1
            return connect(now: now)
        }
        let reason = String(cString: strerror(error)).lowercased()
        let address = addresses[addressIndex].ipText
        switch error {
        case ECONNREFUSED:
            fail(.connectionRefused, "connection to \(target.display) (\(address)) refused: nothing listens on port \(target.port)", now: now)
        case ECONNRESET, EPIPE:
            fail(.connectionReset, "\(target.display) (\(address)) reset the connection as soon as it was established", now: now)
        case ETIMEDOUT:
            fail(.connectTimeout, "connecting to \(target.display) (\(address)) timed out", now: now)
        default:
            fail(.connectFailed, "cannot connect to \(target.display) (\(address)): \(reason)", now: now)
        }
    }

    private func connected(now: UInt64) {
        if attempt == .main {
            result.timings.connect = phaseSeconds()
            result.address = addresses[addressIndex].ipText
        }
        if let protocolName = attempt == .sniffPostgres ? .postgres : options.startTLS {
            var dialog = protocolName.makeDialog()
            outgoing += dialog.opening
            dialogBytes = []
            phase = .startTLS
            if dialog.opening.isEmpty { _ = dialog.received([]) }
            self.dialog = dialog
            flushSocket()
            return
        }
        beginHandshake(now: now)
    }

    private func continueStartTLS(now: UInt64) {
        flushSocket()
        let before = dialogBytes.count
        readSocket { dialogBytes += $0 }
        if socketError != 0 { return failSocket(now: now, during: "the \(options.startTLS?.displayName ?? "") STARTTLS dialog") }
        guard var dialog else { return }
        if dialogBytes.count > before {
            let step = dialog.received(dialogBytes)
            self.dialog = dialog
            if attempt == .sniffPostgres {
                switch step {
                case .needMore: break
                case .startHandshake, .refused:
                    failureBeforeSniff = nil
                    add(.nonTLSService,
                        "\(target.display) speaks PostgreSQL, not TLS: it closed the connection on the ClientHello and answers PostgreSQL's SSLRequest",
                        hint: "PostgreSQL starts TLS with an SSLRequest: use --starttls postgres (postgres_exporter: sslmode=verify-full in the DSN)")
                    return finish(now: now)
                default: return endSniff(now: now)
                }
                return
            }
            switch step {
            case .needMore: break
            case .send(let bytes):
                dialogBytes = []
                outgoing += bytes
                flushSocket()
            case .startHandshake:
                result.timings.startTLS = phaseSeconds()
                return beginHandshake(now: now)
            case .refused(let message, let hint):
                return fail(.startTLSRefused, message, hint: hint, now: now)
            case .unexpected(let message, let hint):
                return fail(.startTLSFailed, message, hint: hint, now: now)
            }
        }
        if peerClosed {
            fail(.connectionClosed, "\(target.display) closed the connection during the \(options.startTLS?.displayName ?? "") STARTTLS dialog", now: now)
        }
    }

    private func beginHandshake(now: UInt64) {
        guard let ssl = SSL_new(context.context), let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            return fail(.tlsError, OpenSSLError.drain("creating a TLS connection").description, now: now)
        }
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        SSL_set_bio(ssl, readBIO, writeBIO)  // the SSL owns both BIOs now
        observer = HandshakeObserver()
        SSL_set_msg_callback(ssl, messageCallback)
        _ = copenssl_SSL_set_msg_callback_arg(ssl, Unmanaged.passUnretained(observer).toOpaque())
        SSL_set_connect_state(ssl)

        let name = options.serverName ?? target.host
        let nameIsIP = SocketAddress.numeric(name, port: 0) != nil
        if !nameIsIP { _ = copenssl_SSL_set_tlsext_host_name(ssl, name) }  // no SNI for IP literals (RFC 6066)
        if nameIsIP {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
        } else {
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            SSL_set1_host(ssl, name)
        }
        if case .version(let version) = attempt {
            SSL_set_security_level(ssl, 0)
            _ = SSL_set_cipher_list(ssl, "ALL:@SECLEVEL=0")
            _ = copenssl_SSL_set_min_proto_version(ssl, version.openSSLValue)
            _ = copenssl_SSL_set_max_proto_version(ssl, version.openSSLValue)
        } else {
            _ = copenssl_SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp)
        }
        evidence = []
        phase = .handshake
        continueHandshake(now: now)
    }

    private func continueHandshake(now: UInt64) {
        guard let ssl else { return }
        while true {
            ERR_clear_error()
            let status = SSL_do_handshake(ssl)
            let error = SSL_get_error(ssl, status)
            flushSocket()
            if status == 1 { return handshakeDone(now: now) }
            if error == SSL_ERROR_WANT_READ, !eofSignalled {
                if readIntoTLS() > 0 || eofSignalled { continue }
                if socketError != 0 { return handshakeFailed(error, now: now) }
                return  // wait for the socket
            }
            return handshakeFailed(error, now: now)
        }
    }

    private func handshakeDone(now: UInt64) {
        guard let ssl else { return }
        OpenSSLError.drainQueue()
        if case .version(let version) = attempt {
            recordVersion(version, accepted: true, detail: nil)
            return nextAttempt(now: now)
        }
        result.timings.handshake = phaseSeconds()
        result.negotiated = Self.negotiated(ssl)
        result.chain = Self.peerChain(ssl)
        result.clientCertificateRequested = observer.certificateRequest
        result.clientCertificateSent = observer.certificateRequest && context.hasClientCertificate
        result.acceptableClientCAs = Self.clientCANames(ssl)
        var response: UnsafePointer<UInt8>?
        result.ocspStapled = copenssl_SSL_get_tlsext_status_ocsp_resp(ssl, &response) > 0
        checkVerification(ssl)
        checkALPN()

        // Only a server that asked for a client certificate refuses after a TLS 1.3 handshake;
        // for the others the read would only cost time and the parsing of session tickets.
        if SSL_version(ssl) >= TLS1_3_VERSION && options.readAfterHandshake > 0 && observer.certificateRequest {
            phase = .afterHandshake
            window = now + MonotonicClock.nanoseconds(options.readAfterHandshake)
            return continueReading(now: now)
        }
        afterHandshakeRead(now: now)
    }

    /// After the handshake (and the read after it): nginx refuses a missing client certificate only
    /// at the HTTP level, so when a certificate was asked for, ask for `/` once.
    private func afterHandshakeRead(now: UInt64) {
        let alpn = result.negotiated?.alpn
        if observer.certificateRequest, options.httpRequestWhenClientCertificateAsked, options.startTLS == nil,
            alpn == nil || alpn == "http/1.1", let ssl
        {
            let host = options.serverName ?? (target.host.contains(":") ? "[\(target.host)]" : target.host)
            let request = Array("GET / HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: tlscheck\r\nConnection: close\r\n\r\n".utf8)
            ERR_clear_error()
            if SSL_write(ssl, request, Int32(request.count)) > 0 {
                flushSocket()
                phase = .httpRequest
                applicationData = []
                window = now + MonotonicClock.nanoseconds(max(options.readAfterHandshake, 1))
                return continueReading(now: now)
            }
            OpenSSLError.drainQueue()
        }
        finishAttempt(now: now)
    }

    private func continueReading(now: UInt64) {
        guard let ssl else { return }
        while true {
            ERR_clear_error()
            let count = SSL_read(ssl, &scratch, Int32(scratch.count))
            let error = SSL_get_error(ssl, count)
            flushSocket()
            if count > 0 {
                if applicationData.count < 8192 { applicationData += scratch.prefix(Int(count)) }
                if phase == .afterHandshake { return readWindowEnded(now: now) }  // the server talks first: fine
                continue
            }
            if error == SSL_ERROR_WANT_READ, !eofSignalled {
                if readIntoTLS() > 0 || eofSignalled { continue }
                if socketError == 0 {
                    if phase == .afterHandshake, observer.sessionTicket { return readWindowEnded(now: now) }
                    return  // wait
                }
            }
            if error == SSL_ERROR_ZERO_RETURN { return readWindowEnded(now: now) }  // close_notify
            if let alert = observer.alertReceived {
                OpenSSLError.drainQueue()
                addAlertFinding(alert, afterHandshake: true)
                return finishAttempt(now: now)
            }
            OpenSSLError.drainQueue()
            if phase == .afterHandshake, observer.certificateRequest, !context.hasClientCertificate {
                add(.clientCertRequired,
                    "\(target.display) asked for a client certificate and closed the connection right after the handshake, when none was sent")
                return finishAttempt(now: now)
            }
            return readWindowEnded(now: now)
        }
    }

    private func readWindowEnded(now: UInt64) {
        window = nil
        switch phase {
        case .afterHandshake: afterHandshakeRead(now: now)
        case .httpRequest:
            checkHTTPReply()
            finishAttempt(now: now)
        default: break
        }
    }

    private func finishAttempt(now: UInt64) {
        window = nil
        if attempt == .main, let ssl, phase != .handshake {
            ERR_clear_error()
            SSL_shutdown(ssl)  // a polite close_notify
            flushSocket()
            OpenSSLError.drainQueue()
        }
        nextAttempt(now: now)
    }

    private func nextAttempt(now: UInt64) {
        closeConnection()
        guard !pendingVersions.isEmpty, result.address != nil else { return finish(now: now) }
        let version = pendingVersions.removeFirst()
        attempt = .version(version)
        deadline = now + MonotonicClock.nanoseconds(options.timeout)
        window = nil
        phaseStarted = now
        connect(now: now)
    }

    private func finish(now: UInt64) {
        closeConnection()
        window = nil
        phase = .done
        result.timings.total = MonotonicClock.seconds(started, MonotonicClock.now())
        if let versions = result.versions {
            let legacy = versions.filter { $0.accepted && $0.version.isLegacy }.map(\.version.rawValue)
            if !legacy.isEmpty {
                add(.serverAcceptsLegacyTLS, "\(target.display) accepts \(legacy.joined(separator: " and ")), deprecated since 2021 (RFC 8996)")
            }
        }
    }

    /// Seconds since the current phase began (read from the clock: a fast server can finish a
    /// phase within one event), and the next phase begins now.
    private func phaseSeconds() -> Double {
        let now = MonotonicClock.now()
        defer { phaseStarted = now }
        return MonotonicClock.seconds(phaseStarted, now)
    }

    // MARK: - Events

    /// The socket is ready (`revents` from poll).
    func handle(revents: Int16, now: UInt64) {
        switch phase {
        case .connecting:
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { connected(now: now) } else { connectFailed(error, now: now) }
        case .startTLS: continueStartTLS(now: now)
        case .handshake: continueHandshake(now: now)
        case .afterHandshake, .httpRequest: continueReading(now: now)
        default: break
        }
    }

    /// The deadline or a read window has passed.
    func expire(now: UInt64) {
        if let window, window <= now, now < deadline, phase == .afterHandshake || phase == .httpRequest {
            return readWindowEnded(now: now)
        }
        let seconds = Self.formatSeconds(options.timeout)
        switch phase {
        case .resolving:
            fail(.dnsFailure, "resolving '\(target.host)' took longer than \(seconds)", now: now)
        case .connecting:
            fail(.connectTimeout, "no answer to the connection attempt to \(target.display) (\(addresses[addressIndex].ipText)) within \(seconds)", now: now)
        case .startTLS:
            fail(.handshakeTimeout, "the \(options.startTLS?.displayName ?? "") STARTTLS dialog with \(target.display) did not finish within \(seconds)", now: now)
        case .handshake:
            if let verdict = ProbeEvidence.classify(evidence, target: target) {
                return fail(verdict.check, verdict.message, hint: verdict.hint, now: now)
            }
            let detail = evidence.isEmpty
                ? "accepted the connection but sent nothing in reply to the ClientHello within \(seconds)"
                : "did not finish the TLS handshake within \(seconds)"
            fail(.handshakeTimeout, "\(target.display) \(detail)", now: now)
        case .afterHandshake, .httpRequest:
            readWindowEnded(now: now)
        default: break
        }
    }

    // MARK: - Diagnosis

    private func handshakeFailed(_ sslError: Int32, now: UInt64) {
        let reasons = OpenSSLError.drainQueue()
        if case .version(let version) = attempt {
            let detail = observer.alertReceived.map { "alert \(Self.alertName($0))" } ?? reasons.first ?? "refused"
            recordVersion(version, accepted: false, detail: detail)
            return nextAttempt(now: now)
        }
        if let verdict = ProbeEvidence.classify(evidence, target: target) {
            return fail(verdict.check, verdict.message, hint: verdict.hint, now: now)
        }
        if let alert = observer.alertReceived {
            addAlertFinding(alert, afterHandshake: false)
            return finish(now: now)
        }
        if socketError != 0 { return failSocket(now: now, during: "the TLS handshake") }
        let joined = reasons.joined(separator: ", ")
        if reasons.contains(where: { $0.contains("unsupported protocol") || $0.contains("no protocols available") || $0.contains("wrong ssl version") }) {
            return fail(.protocolVersionMismatch,
                "\(target.display) chose a TLS version this probe does not allow (\(versionRange)): \(joined)", now: now)
        }
        if reasons.contains(where: { $0.contains("no shared cipher") || $0.contains("no suitable key share") || $0.contains("no ciphers available") || $0.contains("wrong curve") }) {
            return fail(.noSharedCipher, "no cipher suite or group in common with \(target.display): \(joined)", now: now)
        }
        if peerClosed || reasons.contains(where: { $0.contains("unexpected eof") }) {
            let when = evidence.isEmpty ? "without answering the ClientHello" : "in the middle of the TLS handshake"
            let message = "\(target.display) closed the connection \(when)"
            if evidence.isEmpty, options.startTLS == nil {
                // PostgreSQL hangs up on a ClientHello without a word; ask it in its own protocol.
                failureBeforeSniff = (.connectionClosed, message)
                closeConnection()
                attempt = .sniffPostgres
                phaseStarted = now
                return connect(now: now)
            }
            return fail(.connectionClosed, message, now: now)
        }
        fail(.tlsError, "the TLS handshake with \(target.display) failed: \(joined.isEmpty ? "SSL error \(sslError)" : joined)", now: now)
    }

    private var versionRange: String {
        switch (options.minVersion, options.maxVersion) {
        case (nil, nil): "OpenSSL's defaults, TLS 1.2 and 1.3"
        case (let min?, nil): "\(min.rawValue) and newer"
        case (nil, let max?): "up to \(max.rawValue)"
        case (let min?, let max?): min == max ? "only \(min.rawValue)" : "\(min.rawValue) to \(max.rawValue)"
        }
    }

    private func addAlertFinding(_ alert: UInt8, afterHandshake: Bool) {
        let name = Self.alertName(alert)
        let said = "\(target.display) sent TLS alert \(alert) (\(name))"
        let certSent = observer.certificateRequest && context.hasClientCertificate
        switch alert {
        case 70:
            add(.protocolVersionMismatch, "\(said): it accepts none of the TLS versions offered (\(versionRange))")
        case 116:
            add(.clientCertRequired, "\(said) after the handshake: it requires a client certificate and none was sent")
        case 40 where observer.certificateRequest && !certSent, 42 where observer.certificateRequest && !certSent:
            add(.clientCertRequired, "\(said) after asking for a client certificate: it requires one and none was sent")
        case _ where certSent && [40, 42, 43, 44, 45, 46, 48, 49, 51].contains(alert):
            add(.clientCertRejected, "\(said): it rejected the client certificate from --cert (\(name))")
        case 40 where !observer.serverHello, 71:
            add(.noSharedCipher, "\(said): no cipher suite or key-exchange group in common")
        case 120:
            add(.alpnNotNegotiated, "\(said): it supports none of the ALPN protocols offered (\(options.alpn.joined(separator: ", ")))",
                hint: "offer a protocol the server supports, or enable it (h2 for gRPC) on the server")
        case 112:
            add(.tlsAlert, "\(said): it does not know the name \(options.serverName ?? target.host) sent as SNI",
                hint: "use --servername with a name the server is configured for")
        default:
            add(.tlsAlert, "\(said)\(afterHandshake ? " after the handshake" : " during the handshake")")
        }
    }

    private func failSocket(now: UInt64, during: String) {
        if let verdict = ProbeEvidence.classify(evidence + dialogBytes, target: target), options.startTLS == nil {
            return fail(verdict.check, verdict.message, hint: verdict.hint, now: now)
        }
        if socketError == ECONNRESET || socketError == EPIPE {
            return fail(.connectionReset, "\(target.display) reset the connection during \(during)", now: now)
        }
        fail(.connectionReset, "the connection to \(target.display) failed during \(during): \(String(cString: strerror(socketError)))", now: now)
    }

    private func checkVerification(_ ssl: OpaquePointer) {
        let code = Int(SSL_get_verify_result(ssl))
        let now = options.verificationTime ?? Date()
        var verification = VerificationResult(
            result: VerifyErrorNames.name(code), message: String(cString: X509_verify_cert_error_string(numericCast(code))),
            skipped: options.insecure, verifiedChainExpiry: nil)
        if code == 0, let verified = SSL_get0_verified_chain(ssl) {
            verification.verifiedChainExpiry = (0..<copenssl_sk_X509_num(verified)).compactMap {
                copenssl_sk_X509_value(verified, $0).map { OpenSSLSupport.date(X509_get0_notAfter($0)) }
            }.min()
        }
        result.verification = verification
        let severity: Severity = options.insecure ? .warning : .error
        if options.insecure {
            add(.verificationSkipped, "certificate verification is OFF (--insecure): the result says nothing about whether clients trust \(target.display)\(code == 0 ? "" : "; verification would have failed with \(verification.result)")")
        }
        guard code != 0 else { return }
        let leaf = result.chain.first
        let name = options.serverName ?? target.host
        var reported: Set<String> = []
        func report(_ check: Check, _ message: String, symbol: String = verification.result) {
            reported.insert(check.code)
            add(check, message + " (\(symbol))", severity: severity)
        }
        switch code {
        case Int(X509_V_ERR_HOSTNAME_MISMATCH), Int(X509_V_ERR_IP_ADDRESS_MISMATCH):
            report(.hostnameMismatch, hostnameMessage(leaf, name: name))
        case Int(X509_V_ERR_CERT_HAS_EXPIRED):
            report(.serverCertExpired, expiredMessage(now: now))
        case Int(X509_V_ERR_CERT_NOT_YET_VALID):
            report(.serverCertNotYetValid, notYetValidMessage(now: now))
        case Int(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT):
            report(.serverCertSelfSigned, "\(target.display) presents a self-signed certificate (\(leaf?.subject ?? "?")) that is not trusted here")
        case Int(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN):
            let root = result.chain.last?.subject ?? "?"
            report(.unknownAuthority, "the chain \(target.display) sent ends in the root '\(root)', which this client does not trust (\(trustWords))")
        case Int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY), Int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT),
            Int(X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE):
            let last = result.chain.last
            let issuer = last?.issuer ?? "?"
            if let last, !last.isSelfSigned, context.hasCustomTrust || hasAuthorityInformationAccess(ssl) {
                report(.serverChainIncomplete,
                    "\(target.display) sent \(result.chain.count) certificate\(result.chain.count == 1 ? "" : "s") ending with one issued by '\(issuer)', which is neither sent nor in \(trustWords): the server probably leaves out the intermediate CA (or the CA given is not the one that issued it)")
            } else {
                report(.unknownAuthority,
                    "the certificate of \(target.display) is issued by '\(issuer)', a CA this client does not trust (\(trustWords))")
            }
        default:
            report(.certificateInvalid, "certificate verification failed: \(verification.message)")
        }
        // OpenSSL stops at the first problem; name the others a client would hit next.
        if !reported.contains(Check.hostnameMismatch.code), let leaf, !leafMatches(ssl, name: name) {
            let symbol = SocketAddress.numeric(name, port: 0) == nil ? "X509_V_ERR_HOSTNAME_MISMATCH" : "X509_V_ERR_IP_ADDRESS_MISMATCH"
            report(.hostnameMismatch, hostnameMessage(leaf, name: name), symbol: symbol)
        }
        if !reported.contains(Check.serverCertExpired.code), result.chain.contains(where: { $0.notAfter < now }) {
            report(.serverCertExpired, expiredMessage(now: now), symbol: "X509_V_ERR_CERT_HAS_EXPIRED")
        }
        if !reported.contains(Check.serverCertNotYetValid.code), result.chain.contains(where: { $0.notBefore > now }) {
            report(.serverCertNotYetValid, notYetValidMessage(now: now), symbol: "X509_V_ERR_CERT_NOT_YET_VALID")
        }
    }

    private var trustWords: String {
        context.hasCustomTrust
            ? [options.caFile.map { "--ca-file \($0)" }, options.caDir.map { "--ca-dir \($0)" }].compactMap { $0 }.joined(separator: ", ")
            : "the system trust store"
    }

    private func hostnameMessage(_ leaf: PeerCertificate?, name: String) -> String {
        let sans = leaf?.subjectAlternativeNames ?? []
        let has = sans.isEmpty
            ? "has no subject alternative names (only '\(leaf?.subject ?? "?")'; clients ignore the CN)"
            : "is for \(sans.joined(separator: ", "))"
        return "the certificate of \(target.display) \(has), not for '\(name)'"
    }

    private func expiredMessage(now: Date) -> String {
        guard let cert = result.chain.first(where: { $0.notAfter < now }) else { return "a certificate has expired" }
        let days = -cert.daysLeft(now: now)
        return "the certificate '\(cert.subject)' expired on \(Dates.day(cert.notAfter)) (\(days) day\(days == 1 ? "" : "s") ago)"
    }

    private func notYetValidMessage(now: Date) -> String {
        guard let cert = result.chain.first(where: { $0.notBefore > now }) else { return "a certificate is not valid yet" }
        return "the certificate '\(cert.subject)' is valid only from \(Dates.day(cert.notBefore))"
    }

    private func leafMatches(_ ssl: OpaquePointer, name: String) -> Bool {
        guard let leaf = SSL_get0_peer_certificate(ssl) else { return true }
        if SocketAddress.numeric(name, port: 0) != nil { return X509_check_ip_asc(leaf, name, 0) == 1 }
        return X509_check_host(leaf, name, name.utf8.count, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS), nil) == 1
    }

    private func hasAuthorityInformationAccess(_ ssl: OpaquePointer) -> Bool {
        guard let leaf = SSL_get0_peer_certificate(ssl) else { return false }
        return X509_get_ext_by_NID(leaf, NID_info_access, -1) >= 0
    }

    private func checkALPN() {
        guard options.alpn.contains("h2"), result.negotiated?.alpn != "h2" else { return }
        let chosen = result.negotiated?.alpn.map { "chose \($0)" } ?? "selected no ALPN protocol"
        add(.alpnNotNegotiated,
            "\(target.display) \(chosen) although h2 was offered: gRPC clients (OTLP/gRPC) refuse this connection")
    }

    private func checkHTTPReply() {
        let text = String(decoding: applicationData.prefix(4096), as: UTF8.self)
        guard text.hasPrefix("HTTP/") else { return }
        let status = text.split(separator: "\r\n").first.map(String.init) ?? ""
        if text.contains("No required SSL certificate was sent") {
            add(.clientCertRequired,
                "\(target.display) requires a client certificate: it finished the handshake, then answered HTTP with '\(status)' (No required SSL certificate was sent)")
        } else if text.contains("The SSL certificate error") {
            add(.clientCertRejected,
                "\(target.display) rejected the client certificate: it answered HTTP with '\(status)' (The SSL certificate error)")
        } else if !context.hasClientCertificate {
            add(.clientCertOptional,
                "\(target.display) asks for a client certificate but answered an HTTP request without one ('\(status)')")
        }
    }

    // MARK: - Findings

    private func add(_ check: Check, _ message: String, hint: String? = nil, severity: Severity? = nil) {
        result.findings.append(Finding(check, message, at: Location(path: target.display), hint: hint, severity: severity))
    }

    private func fail(_ check: Check, _ message: String, hint: String? = nil, now: UInt64) {
        if attempt == .sniffPostgres { return endSniff(now: now) }
        if case .version(let version) = attempt {
            recordVersion(version, accepted: false, detail: message)
            return nextAttempt(now: now)
        }
        add(check, message, hint: hint)
        finish(now: now)
    }

    /// The sniff learned nothing: report what happened before it.
    private func endSniff(now: UInt64) {
        attempt = .main
        if let (check, message) = failureBeforeSniff { add(check, message) }
        failureBeforeSniff = nil
        finish(now: now)
    }

    private func recordVersion(_ version: TLSVersion, accepted: Bool, detail: String?) {
        result.versions = (result.versions ?? []) + [VersionSupport(version: version, accepted: accepted, detail: detail)]
    }

    // MARK: - Socket

    /// Reads what the socket has into the TLS engine; returns the number of bytes.
    private func readIntoTLS() -> Int {
        var total = 0
        readSocket { bytes in
            total += bytes.count
            if let readBIO { _ = BIO_write(readBIO, bytes, Int32(bytes.count)) }
        }
        if (peerClosed || socketError != 0), !eofSignalled, let readBIO {
            _ = copenssl_BIO_set_mem_eof_return(readBIO, 0)  // the SSL sees EOF once the buffer is empty
            eofSignalled = true
        }
        return total
    }

    private func readSocket(_ consume: ([UInt8]) -> Void) {
        guard fd >= 0, !peerClosed, socketError == 0 else { return }
        while true {
            let count = recv(fd, &scratch, scratch.count, 0)
            if count > 0 {
                let bytes = Array(scratch.prefix(count))
                if evidence.count < 1024, phase == .handshake || phase == .startTLS { evidence += bytes.prefix(1024 - evidence.count) }
                consume(bytes)
                continue
            }
            if count == 0 { peerClosed = true; return }
            if errno == EINTR { continue }
            if errno != EAGAIN && errno != EWOULDBLOCK { socketError = errno }
            return
        }
    }

    /// Moves what OpenSSL wrote into the socket, keeping what does not fit for POLLOUT.
    private func flushSocket() {
        if let writeBIO {
            let pending = BIO_ctrl_pending(writeBIO)
            if pending > 0 {
                var buffer = [UInt8](repeating: 0, count: pending)
                let count = BIO_read(writeBIO, &buffer, Int32(pending))
                if count > 0 { outgoing += buffer.prefix(Int(count)) }
            }
        }
        while !outgoing.isEmpty, fd >= 0, socketError == 0 {
            let count = outgoing.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                outgoing.removeFirst(count)
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK { socketError = errno }
            return
        }
    }

    private func closeConnection() {
        if let ssl { SSL_free(ssl) }  // frees both BIOs
        ssl = nil
        readBIO = nil
        writeBIO = nil
        if fd >= 0 { close(fd) }
        fd = -1
        outgoing = []
        peerClosed = false
        eofSignalled = false
        socketError = 0
    }

    // MARK: - Reading the connection

    static func negotiated(_ ssl: OpaquePointer) -> NegotiatedTLS {
        let version = TLSVersion(openSSLValue: SSL_version(ssl))?.rawValue ?? String(cString: SSL_get_version(ssl))
        let cipher = SSL_get_current_cipher(ssl)
        var alpnPointer: UnsafePointer<UInt8>?
        var alpnLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &alpnPointer, &alpnLength)
        let alpn = alpnPointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(alpnLength)), as: UTF8.self) }
        var group: String?
        let nid = Int32(truncatingIfNeeded: copenssl_SSL_get_negotiated_group(ssl))
        if nid != 0 {
            group = SSL_group_to_name(ssl, nid).map { String(cString: $0) } ?? OBJ_nid2sn(nid).map { String(cString: $0) }
        }
        return NegotiatedTLS(
            version: version,
            cipher: cipher.map { String(cString: SSL_CIPHER_get_name($0)) } ?? "",
            cipherStandardName: cipher.flatMap { SSL_CIPHER_standard_name($0) }.map { String(cString: $0) } ?? "",
            alpn: alpn?.isEmpty == false ? alpn : nil, group: group)
    }

    static func peerChain(_ ssl: OpaquePointer) -> [PeerCertificate] {
        guard let chain = SSL_get_peer_cert_chain(ssl) else { return [] }
        return (0..<copenssl_sk_X509_num(chain)).compactMap { copenssl_sk_X509_value(chain, $0).map { PeerCertificate(borrowing: $0) } }
    }

    static func clientCANames(_ ssl: OpaquePointer) -> [String] {
        guard let names = SSL_get_client_CA_list(ssl) else { return [] }
        return (0..<copenssl_sk_X509_NAME_num(names)).map { OpenSSLSupport.readable(copenssl_sk_X509_NAME_value(names, $0)) }
    }

    /// The alert's name as RFC 8446 §6 spells it (OpenSSL 3.0 has no name for 116 and others).
    static func alertName(_ alert: UInt8) -> String {
        alertNames[alert] ?? "alert \(alert)"
    }

    static let alertNames: [UInt8: String] = [
        0: "close notify", 10: "unexpected message", 20: "bad record mac", 21: "decryption failed",
        22: "record overflow", 30: "decompression failure", 40: "handshake failure", 41: "no certificate",
        42: "bad certificate", 43: "unsupported certificate", 44: "certificate revoked", 45: "certificate expired",
        46: "certificate unknown", 47: "illegal parameter", 48: "unknown ca", 49: "access denied", 50: "decode error",
        51: "decrypt error", 60: "export restriction", 70: "protocol version", 71: "insufficient security",
        80: "internal error", 86: "inappropriate fallback", 90: "user canceled", 100: "no renegotiation",
        109: "missing extension", 110: "unsupported extension", 111: "certificate unobtainable",
        112: "unrecognized name", 113: "bad certificate status response", 114: "bad certificate hash value",
        115: "unknown psk identity", 116: "certificate required", 120: "no application protocol",
    ]

    static func formatSeconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : (seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s")
    }
}
