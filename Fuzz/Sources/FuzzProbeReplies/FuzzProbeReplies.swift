import FuzzSupport
@testable import TLSCheckCore

// What a probe reads from a server: the evidence that names a non-TLS service from its first bytes,
// the PostgreSQL STARTTLS dialog fed the reply in pieces, as the socket delivers it (the first byte
// of the input sets the piece size and the other observed facts), the handshake diagnosis over an
// observation built from those bytes, and the HTTP reply after a handshake.
let target = "db.example:5432"

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzInput(data, size)
    guard let first = input.first else { return 0 }
    let reply = Array(input.dropFirst())
    _ = ProbeEvidence.classify(reply, target: target)
    _ = ProbeEvidence.looksLikeTLS(reply)
    var dialog = PostgresSSLRequest()
    let step = max(Int(first % 16), 1)
    var received: [UInt8] = []
    var index = 0
    while index < reply.count {
        received += reply[index..<min(index + step, reply.count)]
        index += step
        if case .needMore = dialog.received(received) { continue }
        break
    }
    var seen = HandshakeObservation(target: target, phase: first & 0x80 == 0 ? .handshake : .startTLS)
    seen.evidence = Array(reply.prefix(1024))
    seen.alert = reply.count > 1 && first & 0x40 != 0 ? reply[1] : nil
    seen.peerClosed = first & 0x20 != 0
    seen.serverHelloSeen = first & 0x10 != 0
    seen.certificateRequestSeen = first & 0x08 != 0
    for dialect in [SettingDialect.probeFlags, .prometheus, .kubeletProbe] {
        let diagnosis = HandshakeDiagnosis.diagnose(seen, dialect: dialect)
        precondition(!diagnosis.message.isEmpty && !diagnosis.hint(in: dialect).isEmpty, "a diagnosis without words")
    }
    _ = HTTPReplyDiagnosis.check(reply, target: target, clientCertificateConfigured: first & 1 != 0)
    return 0
}

@_cdecl("FuzzProbeReplies_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOne)
}
