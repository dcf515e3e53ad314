import FuzzSupport
@testable import TLSCheckCore

// Kubernetes Secret and manifest decoding (YAML or JSON, several documents, `kind: List`, `data`
// base64 and `stringData`), straight and through the loader that tells every format apart.
let loader = MaterialLoader<Certificate>.full(passphrase: "changeit")

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    _ = KubernetesSecrets(loader: loader, partSize: 4).load(bytes, path: "fuzz.yaml") { part in
        _ = part.groups.map { $0.bundle.entries.count }
        checkPromise(part.findings, "Secrets")
    }
    checkPromise(loader.load(path: "fuzz.yaml", bytes: bytes).findings, "load")
    return 0
}

@_cdecl("FuzzSecrets_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    warmUpOpenSSL()
    return runFuzzer(argc, argv, fuzzOne)
}
