import Foundation
import Testing

@testable import TLSCheckCore

/// Upstream's own certificates (exporter-toolkit and the Collector) load in upstream's tests, so they
/// must give no error-level finding — except the Collector's deliberately bad CA file.
@Suite struct MaterialConformanceTests {
    /// The repository's copy of the upstream corpora (Tests/Conformance).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance")

    // A fixed time within every upstream certificate's validity.
    let checker = MaterialChecker(context: CheckContext(now: Date(timeIntervalSince1970: 1_780_000_000)))

    func source(_ relative: String) -> MaterialSource {
        .file(path: Self.root.appendingPathComponent(relative).path, at: Location(path: relative))
    }

    func pairs(_ folder: String, _ names: [(String, String, CertificateRole)]) throws -> [(String, [Finding])] {
        let path = Self.root.appendingPathComponent(folder).path
        try #require(FileManager.default.fileExists(atPath: path), "conformance data missing at \(path)")
        return names.map { cert, key, role in
            (cert, checker.checkKeyPair(certificate: source("\(folder)/\(cert)"), key: source("\(folder)/\(key)"), role: role,
                                        issuers: .configuration(certificate: source("\(folder)/\(cert)"), ca: nil)))
        }
    }

    @Test func exporterToolkitTestdata() throws {
        let results = try pairs("exporter-toolkit/web/testdata", [
            ("server.crt", "server.key", .server),
            ("client_selfsigned.pem", "client_selfsigned.key", .client),
            ("client2_selfsigned.pem", "client2_selfsigned.key", .client),
        ])
        for (name, findings) in results {
            #expect(findings.errors.isEmpty, "\(name): \(findings.map(\.message))")
        }
        // Upstream's server.crt lacks its intermediate and its keyUsage lacks digitalSignature: warnings.
        let server = results[0].1
        #expect(server.codes.contains("chain-incomplete"))
        #expect(server.codes.contains("cert-unfit-usage"))
        let chain = checker.checkCABundle(source("exporter-toolkit/web/testdata/tls-ca-chain.pem"), purpose: .client)
        #expect(chain.errors.isEmpty, "\(chain.map(\.message))")
        for name in ["client_selfsigned.pem", "client2_selfsigned.pem"] {
            let bundle = checker.checkCABundle(source("exporter-toolkit/web/testdata/\(name)"), purpose: .client)
            #expect(bundle.errors.isEmpty, "\(name): \(bundle.map(\.message))")
        }
    }

    @Test func collectorPEMs() throws {
        let results = try pairs("otel-collector/pem", [
            ("server-1.crt", "server-1.key", .server), ("server-2.crt", "server-2.key", .server),
            ("client-1.crt", "client-1.key", .client), ("client-2.crt", "client-2.key", .client),
        ]) + pairs("otel-collector/grpc-pem", [
            ("server.crt", "server.key", .server), ("client.crt", "client.key", .client),
        ])
        for (name, findings) in results {
            #expect(findings.errors.isEmpty, "\(name): \(findings.map(\.message))")
            // Leaves named like their CA: a warning, as the corpus README asks.
            #expect(findings.codes.contains("cert-self-issued"), "\(name)")
        }
        for name in ["otel-collector/pem/ca-1.crt", "otel-collector/pem/ca-2.crt", "otel-collector/grpc-pem/ca.crt"] {
            let findings = checker.checkCABundle(source(name), purpose: .client)
            #expect(findings.errors.isEmpty, "\(name): \(findings.map(\.message))")
        }
        let bad = checker.checkCABundle(source("otel-collector/pem/testCA-bad.txt"), purpose: .server)
        #expect(bad.codes == ["ca-no-certificate"])
    }
}
