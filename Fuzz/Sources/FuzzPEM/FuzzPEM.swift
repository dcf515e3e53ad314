import FuzzSupport
@testable import TLSCheckCore

// PEM and DER loading: the PEM scanner, certificate bundles (PEM or DER), private keys from DER
// (PKCS#1, SEC1, PKCS#8) and from each PEM block, and the material checks that read them.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let scan = PEM.scan(bytes)
    let bundle = Certificate.bundle(from: bytes)
    for entry in bundle.entries { _ = entry.certificate.subjectAlternativeNames }
    _ = try? PrivateKey(der: bytes)
    _ = try? PrivateKey(pem: bytes, passphrase: "changeit")
    for block in scan.blocks.prefix(8) { _ = try? PrivateKey(der: block.bytes) }
    let checker = MaterialChecker(context: CheckContext(now: Date(timeIntervalSince1970: 1_780_000_000)))
    _ = checker.checkCABundle(.inline(pem: String(decoding: bytes, as: UTF8.self), at: Location(path: "fuzz.pem")), purpose: .client)
    return 0
}

@_cdecl("FuzzPEM_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOne)
}
