import FuzzSupport
@testable import TLSCheckCore

// Kubernetes Secret and manifest decoding (YAML or JSON, several documents, `kind: List`, `data`
// base64 and `stringData`), straight and through the loader that tells every format apart.
let loader = MaterialLoader(passphrase: "changeit", readsKeys: true)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    var file = LoadedFile(path: "fuzz.yaml")
    KubernetesSecrets(loader: loader).load(bytes, into: &file)
    _ = file.groups.map { $0.bundle.entries.count }
    checkPromise(file.findings, "Secrets")
    checkPromise(loader.load(path: "fuzz.yaml", bytes: bytes).findings, "load")
    return 0
}

@_cdecl("FuzzSecrets_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    warmUpOpenSSL()
    return runFuzzer(argc, argv, fuzzOne)
}
