import FuzzSupport
@testable import TLSCheckCore

// The PKCS#12 reader (Inspection/PKCS12File.swift): parse, then open without a passphrase and with
// one, as `inspect` and `expiry` do.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    guard let file = PKCS12File.read(bytes) else { return 0 }
    for passphrase in [nil, "changeit"] as [String?] {
        if case .success(let opened) = file.open(passphrase: passphrase) {
            _ = opened.certificates.map(\.subjectAlternativeNames)
        }
    }
    return 0
}

@_cdecl("FuzzPKCS12_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    warmUpOpenSSL()
    return runFuzzer(argc, argv, fuzzOne)
}
