import TLSCheckCore

/// libFuzzer's entry point for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with `argv` (corpus folders, `-max_total_time=…`) and `callback` for each input.
///
/// SwiftPM links an executable target's `main` as `<Target>_main` (`--defsym main=…`), so each target
/// defines that symbol and comes here; libFuzzer's own `main` would call the target's
/// `LLVMFuzzerTestOneInput` just the same.
public func runFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

/// The input as bytes (libFuzzer may pass a null pointer for an empty input).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// OpenSSL fills its provider and decoder caches on first use and keeps them for the life of the
/// process, in structures LeakSanitizer cannot follow; libFuzzer would report that first use as a
/// leak of whatever input caused it. Opening one small PKCS#12 file (no passphrase, one iteration)
/// before fuzzing fills them, so only leaks that grow with the inputs are reported.
public func warmUpOpenSSL() {
    let p12 = "MIIDXAIBAzCCAxYGCSqGSIb3DQEHAaCCAwcEggMDMIIC/zCCAiAGCSqGSIb3DQEHAaCCAhEEggINMIICCTCCAgUGCyqGSIb3DQEMCgEDoIIBzTCCAckGCiqGSIb3DQEJFgGgggG5BIIBtTCCAbEwggFWoAMCAQICFFrAHTaQ4yElX09oxoJTuK7ki5cSMAoGCCqGSM49BAMCMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDAeFw0yNjEyMDMxMDU0MzVaFw0yNzAxMDIxMDU0MzVaMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABFUjJxSaEA7iP5WCi6NnHho6ZQ/VR8RxSUAVZTFBCmgUh/au30e79KaWWC1n2ZaxPquudXeWUhlZ6G2q2yzkQeqjgYUwgYIwHQYDVR0OBBYEFJXuE9zANELyOCbybqaCKbdWx2M+MB8GA1UdIwQYMBaAFJXuE9zANELyOCbybqaCKbdWx2M+MA8GA1UdEwEB/wQFMAMBAf8wLwYDVR0RBCgwJoIJbG9jYWxob3N0hwR/AAABgQVhQGIuY4YMc3BpZmZlOi8veC95MAoGCCqGSM49BAMCA0kAMEYCIQCudEixavcxYbmcKcnCux2kiDOedyxfak/GdleKNQdT+AIhAIbQD4wxhUGTsOtbj6rJigyL7FSopw1pU9+2oCyh/BLtMSUwIwYJKoZIhvcNAQkVMRYEFPkwQinGHmCwTNjXR4bn8vcMTDv5MIHYBgkqhkiG9w0BBwGggcoEgccwgcQwgcEGCyqGSIb3DQEMCgEBoIGKMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeOtC8KZ/AL9TbEHAUtGfPJqf9WeskwMAW7LBaGr+iDGhRANCAARVIycUmhAO4j+VgoujZx4aOmUP1UfEcUlAFWUxQQpoFIf2rt9Hu/SmllgtZ9mWsT6rrnV3llIZWehtqtss5EHqMSUwIwYJKoZIhvcNAQkVMRYEFPkwQinGHmCwTNjXR4bn8vcMTDv5MD0wMTANBglghkgBZQMEAgEFAAQg137I0pj1T44VgB9sFYKtl0nNORzKdh70M4mI/MiOYcoECNeT35ts81Ri"
    let loaded = MaterialLoader<Certificate>.full().load(path: "warm-up.p12", bytes: Array(Data(base64Encoded: p12) ?? Data()))
    precondition(loaded.format == .pkcs12 && loaded.keys.count + loaded.groups.count > 0, "the warm-up PKCS#12 file did not load")
}

/// tlscheck's promise for bad input: every finding is located (a path, and a position that starts
/// at 1:1 when there is one) and says how to fix it. A finding that breaks it stops the fuzzer.
public func checkPromise(_ findings: [Finding], _ input: String) {
    for finding in findings {
        precondition(!finding.location.path.isEmpty, "\(input): [\(finding.code)] has no path")
        precondition((finding.location.line ?? 1) >= 1 && (finding.location.column ?? 1) >= 1,
                     "\(input): [\(finding.code)] at \(finding.location.description)")
        precondition(!(finding.hint ?? "").isEmpty, "\(input): [\(finding.code)] \(finding.message) has no hint")
        precondition(!finding.message.isEmpty, "\(input): [\(finding.code)] has no message")
    }
}
