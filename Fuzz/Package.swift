// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for tlscheck's parsers: a package of its own, because they only build with
// `-sanitize=fuzzer,address` (libFuzzer brings `main`), which `swift build` and `swift test` of the
// main package must never need. `make fuzz` builds and runs them; Fuzz/README.md says how and why.
let targets = ["FuzzYAML", "FuzzPEM", "FuzzPKCS12", "FuzzSecrets", "FuzzProbeReplies"]

let package = Package(
    name: "tlscheck-fuzz",
    dependencies: [.package(name: "tlscheck", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "TLSCheckCore", package: "tlscheck")]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "TLSCheckCore", package: "tlscheck")])
    },
    swiftLanguageModes: [.v6]
)
