import Foundation
import Testing
@testable import TLSCheckCore

/// The handshake diagnosis on recorded observations: one test per branch, no server, no clock.
/// Reason codes are OpenSSL 3's (ERR_LIB_SSL = 20; SSL_R_… values from sslerr.h).
@Suite struct HandshakeDiagnosisTests {
    static let unsupportedProtocol = OpenSSLReason(library: 20, reason: 258, text: "unsupported protocol")
    static let noSharedCipher = OpenSSLReason(library: 20, reason: 193, text: "no shared cipher")
    static let unexpectedEOF = OpenSSLReason(library: 20, reason: 294, text: "unexpected eof while reading")
    static let excessiveMessage = OpenSSLReason(library: 20, reason: 152, text: "excessive message size")
    static let wrongVersionNumber = OpenSSLReason(library: 20, reason: 267, text: "wrong version number")

    func seen(_ phase: HandshakeObservation.Phase = .handshake, _ change: (inout HandshakeObservation) -> Void = { _ in }) -> HandshakeObservation {
        var observation = HandshakeObservation(target: "db:5432", phase: phase)
        observation.serverName = "db"
        change(&observation)
        return observation
    }

    func diagnose(_ observation: HandshakeObservation, _ dialect: SettingDialect = .probeFlags) -> ProbeDiagnosis {
        HandshakeDiagnosis.diagnose(observation, dialect: dialect)
    }

    @Test func evidenceComesFirst() {
        let http = diagnose(seen { $0.evidence = Array("HTTP/1.1 400 Bad Request\r\n".utf8); $0.peerClosed = true })
        #expect(http.check == .plaintextHTTP)
        #expect(http.message.contains("'HTTP/1.1 400 Bad Request'"))
        let ssh = diagnose(seen { $0.evidence = Array("SSH-2.0-OpenSSH_9.2\r\n".utf8); $0.timedOut = .seconds(5) })
        #expect(ssh.check == .nonTLSService && ssh.message.contains("SSH"))
    }

    @Test func timeouts() {
        let silent = diagnose(seen { $0.timedOut = .milliseconds(800) })
        #expect(silent.check == .handshakeTimeout)
        #expect(silent.message == "db:5432 accepted the connection but sent nothing in reply to the ClientHello within 800 ms")
        let slow = diagnose(seen { $0.timedOut = .seconds(5); $0.evidence = [0x16, 3, 3, 0] })
        #expect(slow.message == "db:5432 did not finish the TLS handshake within 5 s")
        let dialog = diagnose(seen(.startTLS) { $0.timedOut = .seconds(2); $0.startTLS = .postgres })
        #expect(dialog.check == .handshakeTimeout && dialog.message.contains("PostgreSQL STARTTLS dialog"))
    }

    @Test func startTLSDialogEnds() {
        let closed = diagnose(seen(.startTLS) { $0.peerClosed = true; $0.startTLS = .postgres })
        #expect(closed.check == .connectionClosed && closed.message.contains("during the PostgreSQL STARTTLS dialog"))
        let reset = diagnose(seen(.startTLS) { $0.socketError = ECONNRESET; $0.startTLS = .postgres })
        #expect(reset.check == .connectionReset)
    }

    @Test func alertsByName() {
        func alert(_ value: TLSAlert, _ change: (inout HandshakeObservation) -> Void = { _ in }) -> ProbeDiagnosis {
            diagnose(seen { $0.alert = value.rawValue; change(&$0) })
        }
        #expect(alert(.protocolVersion).check == .protocolVersionMismatch)
        #expect(alert(.protocolVersion) { $0.minVersion = .tls1_3 }.message.contains("TLS 1.3 and newer"))
        #expect(alert(.certificateRequired).check == .clientCertRequired)
        #expect(alert(.handshakeFailure) { $0.certificateRequestSeen = true }.check == .clientCertRequired)
        #expect(alert(.badCertificate) { $0.certificateRequestSeen = true }.check == .clientCertRequired)
        let rejected = alert(.unknownCA) { $0.certificateRequestSeen = true; $0.clientCertificateConfigured = true }
        #expect(rejected.check == .clientCertRejected)
        #expect(rejected.message.contains("from --cert (unknown ca)"))
        #expect(alert(.handshakeFailure).check == .noSharedCipher)
        #expect(alert(.insufficientSecurity).check == .noSharedCipher)
        #expect(alert(.handshakeFailure) { $0.serverHelloSeen = true }.check == .tlsAlert)
        let alpn = alert(.noApplicationProtocol) { $0.alpnOffered = ["h2"] }
        #expect(alpn.check == .alpnNotNegotiated && alpn.message.contains("(h2)"))
        let sni = alert(.unrecognizedName)
        #expect(sni.check == .tlsAlert && sni.message.contains("the name db sent as SNI"))
        #expect(sni.hint(in: .probeFlags) == "use --servername with a name the server is configured for")
        #expect(sni.hint(in: .collector) == "use tls.server_name_override with a name the server is configured for")
        #expect(alert(.internalError).message == "db:5432 sent TLS alert 80 (internal error) during the handshake")
        #expect(diagnose(seen(.afterHandshake) { $0.alert = 80 }).message.hasSuffix("after the handshake"))
        #expect(diagnose(seen { $0.alert = 200 }).message.contains("TLS alert 200 (alert 200)"))
    }

    @Test func afterTheHandshake() {
        let hangUp = diagnose(seen(.afterHandshake) { $0.certificateRequestSeen = true; $0.peerClosed = true })
        #expect(hangUp.check == .clientCertRequired)
        #expect(diagnose(seen(.afterHandshake) { $0.peerClosed = true }).check == .connectionClosed)
    }

    @Test func socketFailures() {
        #expect(diagnose(seen { $0.socketError = ECONNRESET }).message == "db:5432 reset the connection during the TLS handshake")
        let other = diagnose(seen { $0.socketError = EHOSTUNREACH })
        #expect(other.check == .connectionReset && other.message.contains("failed during the TLS handshake"))
    }

    @Test func reasonCodesNotWords() {
        #expect(diagnose(seen { $0.reasons = [Self.unsupportedProtocol] }).check == .protocolVersionMismatch)
        #expect(diagnose(seen { $0.reasons = [Self.noSharedCipher] }).check == .noSharedCipher)
        // The same words under another library or code decide nothing.
        let reworded = OpenSSLReason(library: 6, reason: 258, text: "no shared cipher")
        #expect(diagnose(seen { $0.reasons = [reworded] }).check == .tlsError)
        let tooLarge = diagnose(seen { $0.reasons = [Self.excessiveMessage] })
        #expect(tooLarge.check == .tlsError && tooLarge.message.contains("100 KB"))
        let garbage = diagnose(seen { $0.reasons = [Self.wrongVersionNumber]; $0.evidence = [0x16, 3, 3, 0, 4, 1, 0, 0, 0] })
        #expect(garbage.check == .tlsError && garbage.message.hasSuffix("failed: wrong version number"))
        #expect(diagnose(seen { $0.sslError = 1 }).message.hasSuffix("failed: SSL error 1"))
    }

    @Test func hangUpsAndThePostgresSniff() {
        let silent = seen { $0.peerClosed = true; $0.reasons = [Self.unexpectedEOF] }
        #expect(diagnose(silent).message == "db:5432 closed the connection without answering the ClientHello")
        #expect(HandshakeDiagnosis.mayBePostgres(silent))
        var midway = silent
        midway.evidence = [0x16, 3, 3]
        #expect(diagnose(midway).message.hasSuffix("in the middle of the TLS handshake"))
        #expect(!HandshakeDiagnosis.mayBePostgres(midway))
        var starttls = silent
        starttls.startTLS = .postgres
        #expect(!HandshakeDiagnosis.mayBePostgres(starttls))
    }

    @Test func versionRefusalsInAWord() {
        #expect(HandshakeDiagnosis.versionRefusal(seen { $0.alert = 70 }) == "alert protocol version")
        #expect(HandshakeDiagnosis.versionRefusal(seen { $0.reasons = [Self.unsupportedProtocol] }) == "unsupported protocol")
        #expect(HandshakeDiagnosis.versionRefusal(seen()) == "refused")
    }

    @Test func connectALPNAndHTTPReplies() {
        let target = ProbeTarget(host: "db", port: 5432)
        #expect(ConnectDiagnosis.failed(ECONNREFUSED, target: target, address: "10.0.0.1").check == .connectionRefused)
        #expect(ConnectDiagnosis.failed(ECONNRESET, target: target, address: "10.0.0.1").check == .connectionReset)
        #expect(ConnectDiagnosis.failed(ETIMEDOUT, target: target, address: "10.0.0.1").check == .connectTimeout)
        #expect(ConnectDiagnosis.failed(ENETUNREACH, target: target, address: "10.0.0.1").check == .connectFailed)
        #expect(ConnectDiagnosis.failed(EMFILE, target: target, address: "10.0.0.1").fixedHint?.contains("--concurrency") == true)
        #expect(ALPNDiagnosis.check(offered: ["h2"], selected: "h2", target: "a:1") == nil)
        #expect(ALPNDiagnosis.check(offered: ["http/1.1"], selected: nil, target: "a:1") == nil)
        #expect(ALPNDiagnosis.check(offered: ["h2", "http/1.1"], selected: "http/1.1", target: "a:1")?.message.contains("chose http/1.1") == true)
        let nginx = Array("HTTP/1.1 400 Bad Request\r\n\r\n<center>No required SSL certificate was sent</center>".utf8)
        #expect(HTTPReplyDiagnosis.check(nginx, target: "a:1", clientCertificateConfigured: false)?.check == .clientCertRequired)
        let refused = Array("HTTP/1.1 400 Bad Request\r\n\r\nThe SSL certificate error".utf8)
        #expect(HTTPReplyDiagnosis.check(refused, target: "a:1", clientCertificateConfigured: true)?.check == .clientCertRejected)
        #expect(HTTPReplyDiagnosis.check(Array("HTTP/1.1 200 OK\r\n".utf8), target: "a:1", clientCertificateConfigured: false)?.check == .clientCertOptional)
        #expect(HTTPReplyDiagnosis.check(Array("HTTP/1.1 200 OK\r\n".utf8), target: "a:1", clientCertificateConfigured: true) == nil)
        #expect(HTTPReplyDiagnosis.check(Array("junk".utf8), target: "a:1", clientCertificateConfigured: false) == nil)
    }

    @Test func postgresDialogRefusesBytesAfterTheS() {
        var dialog = PostgresSSLRequest()
        if case .startHandshake = dialog.received([UInt8(ascii: "S")]) {} else { Issue.record("'S' alone starts the handshake") }
        guard case .unexpected(let message, _) = dialog.received(Array("Sjunk!".utf8)) else {
            Issue.record("bytes after 'S' are not a handshake")
            return
        }
        #expect(message.contains("'S' and then sent 'junk!'"))
        if case .refused = dialog.received([UInt8(ascii: "N")]) {} else { Issue.record("'N' is ssl = off") }
        if case .unexpected = dialog.received([UInt8(ascii: "E"), 0, 0]) {} else { Issue.record("'E' is an error") }
        if case .needMore = dialog.received([]) {} else { Issue.record("nothing yet") }
    }

    @Test func alertNamesFollowTheRFC() {
        #expect(TLSAlert.name(116) == "certificate required")
        #expect(TLSAlert.name(20) == "bad record mac")
        #expect(TLSAlert.name(48) == "unknown ca")
        #expect(TLSAlert.name(115) == "unknown psk identity")
        #expect(TLSAlert.name(120) == "no application protocol")
        #expect((0...255).compactMap { TLSAlert(rawValue: UInt8($0)) }.count == 34)
    }
}

/// The verification diagnosis without a connection: the same function the static cross-checks call
/// with the result of verifying a chain read from files.
@Suite struct VerificationDiagnosisTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    static func certificate(_ subject: String, issuer: String, sans: [String] = [], days: (Double, Double) = (-10, 20), selfSigned: Bool = false) -> PeerCertificate {
        PeerCertificate(
            subject: subject, issuer: issuer, subjectAlternativeNames: sans,
            notBefore: now.addingTimeInterval(days.0 * 86_400), notAfter: now.addingTimeInterval(days.1 * 86_400),
            publicKey: "EC P-256", signatureAlgorithm: "ecdsa-with-SHA256", serialNumber: "01", sha256Fingerprint: "00",
            isCA: selfSigned, isSelfSigned: selfSigned)
    }

    static let leaf = certificate("CN=node", issuer: "CN=Intermediate", sans: ["DNS:node", "IP:10.0.0.1"])

    func input(_ code: Int, chain: [PeerCertificate] = [leaf], name: String = "node", trust: TrustConfiguration = .systemStore,
               matches: Bool = true, aia: Bool = false) -> VerificationInput {
        VerificationInput(verifyResult: code, chain: chain, expectedName: name, time: Self.now, trust: trust,
                          leafMatchesName: matches, leafHasAuthorityInformationAccess: aia, subject: "node:9100")
    }

    func checks(_ input: VerificationInput) -> [Check] { VerificationDiagnosis.diagnose(input).map(\.check) }

    @Test func verifiedIsNothing() {
        #expect(VerificationDiagnosis.diagnose(input(0)).isEmpty)
    }

    @Test func names() {
        let mismatch = VerificationDiagnosis.diagnose(input(62, name: "other", matches: false))
        #expect(mismatch.map(\.check) == [.hostnameMismatch])
        #expect(mismatch[0].message == "the certificate of node:9100 is for DNS:node, IP:10.0.0.1, not for 'other' (X509_V_ERR_HOSTNAME_MISMATCH)")
        let noSANs = Self.certificate("CN=node", issuer: "CN=CA")
        #expect(VerificationDiagnosis.diagnose(input(64, chain: [noSANs], name: "10.0.0.2", matches: false))[0].message
            .contains("has no subject alternative names (only 'CN=node'; clients ignore the CN)"))
    }

    @Test func dates() {
        let expired = Self.certificate("CN=node", issuer: "CN=CA", days: (-40, -3))
        let diagnoses = VerificationDiagnosis.diagnose(input(10, chain: [expired]))
        #expect(diagnoses.map(\.check) == [.serverCertExpired])
        #expect(diagnoses[0].message.contains("(3 days ago)"))
        let future = Self.certificate("CN=node", issuer: "CN=CA", days: (5, 30))
        #expect(checks(input(9, chain: [future])) == [.serverCertNotYetValid])
    }

    @Test func trust() {
        let selfSigned = Self.certificate("CN=node", issuer: "CN=node", sans: ["DNS:node"], selfSigned: true)
        #expect(checks(input(18, chain: [selfSigned])) == [.serverCertSelfSigned])
        let root = Self.certificate("CN=Private Root", issuer: "CN=Private Root", selfSigned: true)
        let inChain = VerificationDiagnosis.diagnose(input(19, chain: [Self.leaf, root]))
        #expect(inChain.map(\.check) == [.unknownAuthority])
        #expect(inChain[0].message.contains("ends in the root 'CN=Private Root', which this client does not trust (the system trust store)"))
        #expect(checks(input(20)) == [.unknownAuthority])
    }

    @Test func incompleteChainNeedsOwnTrustOrAIA() {
        let ownCA = TrustConfiguration(caFile: "ca.pem")
        let incomplete = VerificationDiagnosis.diagnose(input(20, trust: ownCA))
        #expect(incomplete.map(\.check) == [.serverChainIncomplete])
        #expect(incomplete[0].message.contains("neither sent nor in --ca-file ca.pem"))
        #expect(VerificationDiagnosis.diagnose(input(20, trust: ownCA), dialect: .prometheus)[0].message.contains("tls_config.ca_file ca.pem"))
        #expect(checks(input(21, aia: true)) == [.serverChainIncomplete])
        #expect(checks(input(2)) == [.unknownAuthority])
    }

    @Test func otherResultsAreNamed() {
        let purpose = VerificationDiagnosis.diagnose(input(26))
        #expect(purpose.map(\.check) == [.certificateInvalid])
        #expect(purpose[0].message == "certificate verification failed: unsuitable certificate purpose (X509_V_ERR_INVALID_PURPOSE)")
    }

    @Test func whatAClientHitsNext() {
        let expired = Self.certificate("CN=node", issuer: "CN=CA", sans: ["DNS:node"], days: (-40, -3))
        let all = VerificationDiagnosis.diagnose(input(20, chain: [expired], name: "other", matches: false))
        #expect(all.map(\.check) == [.unknownAuthority, .hostnameMismatch, .serverCertExpired])
        #expect(all[1].message.hasSuffix("(X509_V_ERR_HOSTNAME_MISMATCH)"))
        #expect(all[2].message.hasSuffix("(X509_V_ERR_CERT_HAS_EXPIRED)"))
        #expect(VerificationDiagnosis.diagnose(input(20, name: "10.0.0.9", matches: false))[1].message.hasSuffix("(X509_V_ERR_IP_ADDRESS_MISMATCH)"))
    }

    @Test func hintsSpeakTheInputsLanguage() {
        let unknown = VerificationDiagnosis.diagnose(input(20))[0]
        #expect(unknown.setting == .trust)
        #expect(unknown.hint(in: .probeFlags) == "pass --ca-file with your CA (and give the same CA to the clients)")
        #expect(unknown.hint(in: .collector).hasPrefix("set tls.ca_file to the CA"))
        #expect(unknown.hint(in: .otlpEnvironment).hasPrefix("set OTEL_EXPORTER_OTLP_CERTIFICATE to the CA"))
        #expect(unknown.hint(in: .monitor).hasPrefix("set tlsConfig.ca to the CA"))
        let required = ProbeDiagnosis(.clientCertRequired, "x", setting: .certificate)
        #expect(required.hint(in: .probeFlags).hasPrefix("pass --cert and --key"))
        #expect(required.hint(in: .prometheus) == "set tls_config.cert_file and tls_config.key_file to a client certificate the server's client CA signed")
        #expect(required.hint(in: .parca) == "the Parca cannot send a client certificate: the server must not require one")
        let versions = ProbeDiagnosis(.protocolVersionMismatch, "x", setting: .minVersion)
        #expect(versions.hint(in: .collector).contains("tls.min_version, tls.max_version"))
        #expect(!versions.hint(in: .otlpEnvironment).contains("here:"))
        let skipped = ProbeDiagnosis(.verificationSkipped, "x", setting: .skipVerify)
        #expect(skipped.hint(in: .collector) == "drop tls.insecure_skip_verify and set tls.ca_file to the server's CA")
        let fixed = ProbeDiagnosis(.plaintextHTTP, "x", hint: "use http://")
        #expect(fixed.hint(in: .collector) == "use http://")
    }

    @Test func leafChecksOnCertificatesReadFromFiles() throws {
        let fixtures = try OpenSSLFixtures()
        let path = try fixtures.leaf("node", hosts: ["DNS:node", "IP:10.0.0.1"], issuer: nil)
        let certificate = try Certificate(pem: String(contentsOfFile: path, encoding: .utf8))
        #expect(VerificationInput.leafMatches(certificate, name: "node"))
        #expect(VerificationInput.leafMatches(certificate, name: "10.0.0.1"))
        #expect(!VerificationInput.leafMatches(certificate, name: "other"))
        #expect(!VerificationInput.hasAuthorityInformationAccess(certificate))
    }
}
