import FuzzSupport
@testable import TLSCheckCore

// The YAML node layer (libyaml events to nodes with marks, go-yaml v2 scalars, aliases, merges),
// then the readers on top of it: the kind detection and the web-config, Collector, Tempo, Prometheus
// and Kubernetes rules, the deployment model and its link checks (files named inside are not opened).
let context = CheckContext(now: Date(timeIntervalSince1970: 1_780_000_000), checkFiles: false)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let first = YAMLParser.parse(bytes, path: "fuzz.yaml")
    var documents = 0
    YAMLParser.forEachDocument(bytes, path: "fuzz.yaml") { document in
        documents += 1
        _ = document.root?.pairs?.first?.value.value
    }
    precondition(documents > 0 || first.root == nil, "parse found a document that forEachDocument did not")
    for kind in [nil, ConfigKind.webConfig, .collector, .tempo, .prometheus, .kubernetes] as [ConfigKind?] {
        checkPromise(ConfigValidator(context: context, kind: kind).validate(bytes: bytes, path: "fuzz.yaml").report.sorted, "validate")
    }
    return 0
}

@_cdecl("FuzzYAML_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOne)
}
