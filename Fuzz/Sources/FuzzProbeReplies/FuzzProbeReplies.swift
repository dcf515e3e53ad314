import FuzzSupport
@testable import TLSCheckCore

// What a probe reads from a server before TLS: the evidence that names a non-TLS service from its
// first bytes, and the PostgreSQL STARTTLS dialog fed the reply in pieces, as the socket delivers it
// (the first byte of the input sets the piece size).
let target = try! ProbeTarget.parse("db.example:5432")

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
    return 0
}

@_cdecl("FuzzProbeReplies_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOne)
}
