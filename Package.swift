// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tlscheck",
    products: [
        .executable(name: "tlscheck", targets: ["tlscheck"]),
        .library(name: "TLSCheckCore", targets: ["TLSCheckCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // crypt_r checks a scraper's basic-auth password against an exporter's bcrypt hash.
        .systemLibrary(
            name: "CCrypt", pkgConfig: "libxcrypt",
            providers: [.apt(["libcrypt-dev"]), .brew(["libxcrypt"])]),
        .target(name: "TLSCheckCore", dependencies: ["COpenSSL", "CYAML", "CCrypt"]),
        .executableTarget(
            name: "tlscheck",
            dependencies: [
                "TLSCheckCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Running programs and finding ports, shared by both test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TLSCheckCoreTests", dependencies: ["TLSCheckCore", "TestSupport"]),
        .testTarget(name: "tlscheckTests", dependencies: ["TLSCheckCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
