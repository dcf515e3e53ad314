internal import COpenSSL
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where a DNS answer waits for the probe thread that asked (set on a resolver thread).
final class AnswerBox: Sendable {
    let answer = Mutex<Resolver.Answer?>(nil)
}

/// One probe as phases over one connection at a time: resolve, connect, STARTTLS, handshake, the
/// read after the handshake, optionally one HTTP request; then, for `--versions`, one handshake per
/// version. The connection (`TLSConnection`) owns the socket and the `SSL`; the diagnoses
/// (`HandshakeDiagnosis`, `VerificationDiagnosis`) decide what went wrong. Confined to the worker
/// thread that runs it.
final class ProbeTask {
    enum Phase { case idle, resolving, connecting, startTLS, handshake, afterHandshake, httpRequest, done }
    /// `sniffPostgres`: a second connection that sends PostgreSQL's SSLRequest, made when a server
    /// hung up on the ClientHello without a word (as PostgreSQL does).
    enum Attempt: Equatable { case main, version(TLSVersion), sniffPostgres }

    /// How each kind of attempt can end.
    enum MainOutcome { case failed(ProbeDiagnosis), closedWithoutAWord(ProbeDiagnosis), finished }
    enum VersionOutcome { case accepted, refused(String) }
    enum SniffOutcome { case speaksPostgres, nothingLearned }

    let index: Int
    let options: ProbeOptions
    let context: TLSClientContext
    let resolver: Resolver
    let wakePipe: WakePipe?
    private(set) var result: ProbeResult
    private(set) var phase = Phase.idle
    private var attempt = Attempt.main
    private var pendingVersions: [TLSVersion] = []
    /// The diagnosis to report if the PostgreSQL sniff finds nothing.
    private var failureBeforeSniff: ProbeDiagnosis?

    private var started: UInt64 = 0
    private var phaseStarted: UInt64 = 0
    private var deadline: UInt64 = 0
    private var window: UInt64?
    private let answerBox = AnswerBox()
    private var addresses: [SocketAddress] = []
    private var addressIndex = 0

    private(set) var connection: TLSConnection?
    private var dialog: (any StartTLSDialog)?
    private var dialogBytes: [UInt8] = []
    private var observer = HandshakeObserver()
    private var applicationData: [UInt8] = []

    init(index: Int, target: ProbeTarget, options: ProbeOptions, context: TLSClientContext, resolver: Resolver, wakePipe: WakePipe?) {
        self.index = index
        self.options = options
        self.context = context
        self.resolver = resolver
        self.wakePipe = wakePipe
        self.result = ProbeResult(target: target)
    }

    var target: ProbeTarget { result.target }
    var isDone: Bool { phase == .done }
    var isResolving: Bool { phase == .resolving }
    /// The next moment something must happen without I/O (deadline or end of a read window).
    var wakeUpTime: UInt64 { min(deadline, window ?? .max) }
    var fd: Int32 { connection?.fd ?? -1 }

    /// Events to wait for on `fd`.
    var pollEvents: Int16 {
        switch phase {
        case .connecting: Int16(POLLOUT)
        case .startTLS, .handshake, .afterHandshake, .httpRequest: Int16(POLLIN) | (connection?.hasOutgoing == true ? Int16(POLLOUT) : 0)
        default: 0
        }
    }

    // MARK: - Resolve and connect

    func start(now: UInt64) {
        started = now
        deadline = MonotonicClock.deadline(now, after: options.timeout)
        phaseStarted = now
        if options.checkVersions { pendingVersions = TLSVersion.allCases }
        if let address = SocketAddress.numeric(target.host, port: target.port) {
            addresses = [address]
            return connect(now: now)
        }
        phase = .resolving
        // The closure holds the pipe itself: a late answer wakes a pipe that is still open.
        let box = answerBox, wakePipe = wakePipe
        resolver.resolve(target.host) { answer in
            box.answer.withLock { $0 = answer }
            wakePipe?.wake()
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
            attemptFailed(ProbeDiagnosis(.dnsFailure, "cannot resolve '\(target.host)': \(error.message)"), now: now)
        }
    }

    private func connect(now: UInt64) {
        switch TLSConnection.open(addresses[addressIndex]) {
        case .connected(let connection):
            self.connection = connection
            connected(now: now)
        case .inProgress(let connection):
            self.connection = connection
            phase = .connecting
        case .failed(let error):
            connectFailed(error, now: now)
        }
    }

    private func connectFailed(_ error: Int32, now: UInt64) {
        connection = nil
        if addressIndex + 1 < addresses.count, attempt == .main {
            addressIndex += 1
            return connect(now: now)
        }
        attemptFailed(ConnectDiagnosis.failed(error, target: target, address: addresses[addressIndex].ipText), now: now)
    }

    private func connected(now: UInt64) {
        if attempt == .main {
            result.timings.connect = phaseSeconds()
            result.address = addresses[addressIndex].ipText
        }
        guard let connection, let protocolName = attempt == .sniffPostgres ? .postgres : options.startTLS else {
            return beginHandshake(now: now)
        }
        var dialog = protocolName.makeDialog()
        dialogBytes = []
        phase = .startTLS
        connection.keepsEvidence = true
        if dialog.opening.isEmpty { _ = dialog.received([]) }
        self.dialog = dialog
        connection.send(dialog.opening)
    }

    // MARK: - STARTTLS

    private func continueStartTLS(now: UInt64) {
        guard let connection, var dialog else { return }
        connection.flush()
        let before = dialogBytes.count
        connection.read { dialogBytes += $0 }
        if dialogBytes.count > before {
            let step = dialog.received(dialogBytes)
            self.dialog = dialog
            if attempt == .sniffPostgres {
                switch step {
                case .needMore: break
                case .startHandshake, .refused: return sniffEnded(.speaksPostgres, now: now)
                case .send, .unexpected: return sniffEnded(.nothingLearned, now: now)
                }
            } else {
                switch step {
                case .needMore: break
                case .send(let bytes):
                    dialogBytes = []
                    connection.send(bytes)
                case .startHandshake:
                    result.timings.startTLS = phaseSeconds()
                    return beginHandshake(now: now)
                case .refused(let message, let hint):
                    return attemptFailed(ProbeDiagnosis(.startTLSRefused, message, hint: hint), now: now)
                case .unexpected(let message, let hint):
                    return attemptFailed(ProbeDiagnosis(.startTLSFailed, message, hint: hint), now: now)
                }
            }
        }
        if connection.socketError != 0 || connection.peerClosed {
            attemptFailed(HandshakeDiagnosis.diagnose(observation(.startTLS), dialect: options.dialect), now: now)
        }
    }

    // MARK: - Handshake

    private func beginHandshake(now: UInt64) {
        guard let connection else { return }
        observer = HandshakeObserver()
        guard connection.startTLS(context, observer: observer), let ssl = connection.ssl else {
            return attemptFailed(ProbeDiagnosis(.tlsError, OpenSSLError.drain("creating a TLS connection").description), now: now)
        }
        TLSClientContext.configure(ssl, name: options.serverName ?? target.host, attempt: attempt)
        connection.startEvidence()
        phase = .handshake
        continueHandshake(now: now)
    }

    private func continueHandshake(now: UInt64) {
        guard let connection else { return }
        while true {
            let (done, error) = connection.handshakeStep()
            if done { return handshakeDone(now: now) }
            if error == SSL_ERROR_WANT_READ, !connection.eofSignalled {
                if connection.readIntoTLS() > 0 || connection.eofSignalled { continue }
                if connection.socketError == 0 { return }  // wait for the socket
            }
            return handshakeFailed(error, now: now)
        }
    }

    private func handshakeFailed(_ sslError: Int32, now: UInt64) {
        var seen = observation(.handshake)
        seen.reasons = OpenSSLReason.drain()
        seen.sslError = sslError
        switch attempt {
        case .version(let version): versionEnded(version, .refused(HandshakeDiagnosis.versionRefusal(seen)), now: now)
        case .sniffPostgres: sniffEnded(.nothingLearned, now: now)
        case .main:
            let diagnosis = HandshakeDiagnosis.diagnose(seen, dialect: options.dialect)
            mainEnded(HandshakeDiagnosis.mayBePostgres(seen) ? .closedWithoutAWord(diagnosis) : .failed(diagnosis), now: now)
        }
    }

    private func handshakeDone(now: UInt64) {
        guard let connection, let ssl = connection.ssl else { return }
        connection.keepsEvidence = false
        OpenSSLError.drainQueue()
        if case .version(let version) = attempt { return versionEnded(version, .accepted, now: now) }
        result.timings.handshake = phaseSeconds()
        result.negotiated = PeerReading.negotiated(ssl)
        result.chain = PeerReading.peerChain(ssl)
        result.clientCertificateRequested = observer.certificateRequest
        result.clientCertificateSent = observer.certificateRequest && context.hasClientCertificate
        result.acceptableClientCAs = PeerReading.clientCANames(ssl)
        result.ocspStapled = PeerReading.ocspStapled(ssl)
        checkVerification(ssl)
        if let diagnosis = ALPNDiagnosis.check(offered: options.alpn, selected: result.negotiated?.alpn, target: target.display) {
            add(diagnosis)
        }
        // Only a server that asked for a client certificate refuses after a TLS 1.3 handshake;
        // for the others the read would only cost time and the parsing of session tickets.
        if PeerReading.isTLS13(ssl), options.readAfterHandshake > .zero, observer.certificateRequest {
            phase = .afterHandshake
            window = MonotonicClock.deadline(now, after: options.readAfterHandshake)
            return continueReading(now: now)
        }
        afterHandshakeRead(now: now)
    }

    private func checkVerification(_ ssl: OpaquePointer) {
        let (verification, diagnoses) = PeerReading.verify(ssl, chain: result.chain, options: options, target: target)
        result.verification = verification
        if options.insecure {
            add(ProbeDiagnosis(.verificationSkipped,
                "certificate verification is OFF (\(options.dialect.spelled(.skipVerify))): the result says nothing about whether clients trust \(target.display)\(verification.verified ? "" : "; verification would have failed with \(verification.result)")",
                setting: .skipVerify))
        }
        for diagnosis in diagnoses { add(diagnosis, severity: options.insecure ? .warning : .error) }
    }

    // MARK: - After the handshake

    /// After the handshake (and the read after it): nginx refuses a missing client certificate only
    /// at the HTTP level, so when a certificate was asked for, ask for `/` once.
    private func afterHandshakeRead(now: UInt64) {
        let alpn = result.negotiated?.alpn
        if observer.certificateRequest, options.httpRequestWhenClientCertificateAsked, options.startTLS == nil,
            alpn == nil || alpn == "http/1.1", let connection
        {
            let host = options.serverName ?? (target.host.contains(":") ? "[\(target.host)]" : target.host)
            if connection.writeApplicationData(Array("GET / HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: tlscheck\r\nConnection: close\r\n\r\n".utf8)) {
                phase = .httpRequest
                applicationData = []
                window = MonotonicClock.deadline(now, after: max(options.readAfterHandshake, .seconds(1)))
                return continueReading(now: now)
            }
        }
        mainEnded(.finished, now: now)
    }

    private func continueReading(now: UInt64) {
        guard let connection else { return }
        while true {
            let (bytes, error) = connection.readApplicationData()
            if !bytes.isEmpty {
                if applicationData.count < 8192 { applicationData += bytes }
                if phase == .afterHandshake { return readWindowEnded(now: now) }  // the server talks first: fine
                continue
            }
            if error == SSL_ERROR_WANT_READ, !connection.eofSignalled {
                if connection.readIntoTLS() > 0 || connection.eofSignalled { continue }
                if connection.socketError == 0 {
                    if phase == .afterHandshake, observer.sessionTicket { return readWindowEnded(now: now) }
                    return  // wait
                }
            }
            if error == SSL_ERROR_ZERO_RETURN { return readWindowEnded(now: now) }  // close_notify
            OpenSSLError.drainQueue()
            if observer.alertReceived != nil || (phase == .afterHandshake && observer.certificateRequest && !context.hasClientCertificate) {
                add(HandshakeDiagnosis.diagnose(observation(.afterHandshake), dialect: options.dialect))
                return mainEnded(.finished, now: now)
            }
            return readWindowEnded(now: now)
        }
    }

    private func readWindowEnded(now: UInt64) {
        window = nil
        switch phase {
        case .afterHandshake: afterHandshakeRead(now: now)
        case .httpRequest:
            if let diagnosis = HTTPReplyDiagnosis.check(applicationData, target: target.display, clientCertificateConfigured: context.hasClientCertificate) {
                add(diagnosis)
            }
            mainEnded(.finished, now: now)
        default: break
        }
    }

    // MARK: - How attempts end

    /// A failure before or during the handshake, told to the attempt it ended.
    private func attemptFailed(_ diagnosis: ProbeDiagnosis, now: UInt64) {
        switch attempt {
        case .main: mainEnded(.failed(diagnosis), now: now)
        case .version(let version): versionEnded(version, .refused(diagnosis.message), now: now)
        case .sniffPostgres: sniffEnded(.nothingLearned, now: now)
        }
    }

    private func mainEnded(_ outcome: MainOutcome, now: UInt64) {
        switch outcome {
        case .failed(let diagnosis):
            add(diagnosis)
            finish(now: now)
        case .closedWithoutAWord(let diagnosis):
            // PostgreSQL hangs up on a ClientHello without a word; ask it in its own protocol.
            failureBeforeSniff = diagnosis
            connection = nil
            attempt = .sniffPostgres
            phaseStarted = now
            connect(now: now)
        case .finished:
            window = nil
            if phase != .handshake { connection?.shutdownTLS() }
            nextVersion(now: now)
        }
    }

    private func versionEnded(_ version: TLSVersion, _ outcome: VersionOutcome, now: UInt64) {
        switch outcome {
        case .accepted: result.versions = (result.versions ?? []) + [VersionSupport(version: version, accepted: true, detail: nil)]
        case .refused(let detail): result.versions = (result.versions ?? []) + [VersionSupport(version: version, accepted: false, detail: detail)]
        }
        nextVersion(now: now)
    }

    private func sniffEnded(_ outcome: SniffOutcome, now: UInt64) {
        switch outcome {
        case .speaksPostgres:
            add(ProbeDiagnosis(.nonTLSService,
                "\(target.display) speaks PostgreSQL, not TLS: it closed the connection on the ClientHello and answers PostgreSQL's SSLRequest",
                hint: "PostgreSQL starts TLS with an SSLRequest: use --starttls postgres (postgres_exporter: sslmode=verify-full in the DSN)"))
        case .nothingLearned:
            if let failureBeforeSniff { add(failureBeforeSniff) }
        }
        failureBeforeSniff = nil
        attempt = .main
        finish(now: now)
    }

    private func nextVersion(now: UInt64) {
        connection = nil
        guard !pendingVersions.isEmpty, result.address != nil else { return finish(now: now) }
        attempt = .version(pendingVersions.removeFirst())
        deadline = MonotonicClock.deadline(now, after: options.timeout)
        window = nil
        phaseStarted = now
        connect(now: now)
    }

    private func finish(now: UInt64) {
        connection = nil
        window = nil
        phase = .done
        result.timings.total = MonotonicClock.seconds(started, MonotonicClock.now())
        let legacy = (result.versions ?? []).filter { $0.accepted && $0.version.isLegacy }.map(\.version.rawValue)
        if !legacy.isEmpty {
            add(ProbeDiagnosis(.serverAcceptsLegacyTLS, "\(target.display) accepts \(legacy.joined(separator: " and ")), deprecated since 2021 (RFC 8996)"))
        }
    }

    private func add(_ diagnosis: ProbeDiagnosis, severity: Severity? = nil) {
        result.findings.append(diagnosis.finding(at: Location(path: target.display), dialect: options.dialect, severity: severity))
    }

    /// Seconds since the current phase began (read from the clock: a fast server can finish a
    /// phase within one event), and the next phase begins now.
    private func phaseSeconds() -> Double {
        let now = MonotonicClock.now()
        defer { phaseStarted = now }
        return MonotonicClock.seconds(phaseStarted, now)
    }

    /// What this attempt has seen so far, for the handshake diagnosis.
    private func observation(_ phase: HandshakeObservation.Phase, timedOut: Bool = false) -> HandshakeObservation {
        HandshakeObservation(
            phase, target: target, options: options, observer: observer, connection: connection,
            startTLS: attempt == .sniffPostgres ? .postgres : options.startTLS,
            clientCertificateConfigured: context.hasClientCertificate, timedOut: timedOut)
    }

    // MARK: - Events

    /// The socket is ready (`revents` from poll).
    func handle(revents: Int16, now: UInt64) {
        switch phase {
        case .connecting:
            let error = connection?.connectError ?? EBADF
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
        let timeout = options.timeout.probeText
        switch phase {
        case .resolving:
            attemptFailed(ProbeDiagnosis(.dnsFailure, "resolving '\(target.host)' took longer than \(timeout)"), now: now)
        case .connecting:
            attemptFailed(ProbeDiagnosis(.connectTimeout,
                "no answer to the connection attempt to \(target.display) (\(addresses[addressIndex].ipText)) within \(timeout)"), now: now)
        case .startTLS, .handshake:
            attemptFailed(HandshakeDiagnosis.diagnose(observation(phase == .startTLS ? .startTLS : .handshake, timedOut: true), dialect: options.dialect), now: now)
        case .afterHandshake, .httpRequest:
            readWindowEnded(now: now)
        default: break
        }
    }
}
