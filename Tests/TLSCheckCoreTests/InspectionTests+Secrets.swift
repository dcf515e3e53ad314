import Foundation
import Testing

@testable import TLSCheckCore

/// `inspect` and `expiry` of Kubernetes Secret manifests.
extension InspectionTests {
    @Test func kubernetesSecrets() throws {
        let fixtures = try OpenSSLFixtures()
        try chain(fixtures)
        func b64(_ name: String) throws -> String { Data(try fixtures.read(name).utf8).base64EncodedString() }
        let indentedCA = try fixtures.read("root.crt").split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
        let yaml = try fixtures.write("secrets.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: web
              namespace: monitoring
            type: kubernetes.io/tls
            data:
              tls.crt: \(try b64("chain.pem"))
              tls.key: \(try b64("server.key"))
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: trust
            stringData:
              ca.crt: |
            \(indentedCA)
              password: not a certificate
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: broken
            data:
              tls.crt: "-----BEGIN CERTIFICATE----- not base64"
            """)
        let result = inspect([yaml])
        let file = try #require(result.files.first)
        #expect(file.format == "Kubernetes Secret")
        #expect(file.groups.map(\.name) == [
            "\(yaml) (Secret monitoring/web, tls.crt)", "\(yaml) (Secret trust, ca.crt)",
        ])
        #expect(file.groups[0].line == 8)
        #expect(file.groups[0].key?.matchesLeaf == true)
        #expect(file.groups[0].signedByNext == [true])
        #expect(file.groups[1].role == "ca")
        let invalid = try #require(result.report.findings.with("secret-invalid").first)
        let caLines = try fixtures.read("root.crt").split(separator: "\n").count
        #expect(invalid.location.line == 24 + caLines)
        #expect(invalid.message.contains("stringData"))

        let json = try fixtures.write("secret.json", """
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"},
             "data": {"tls.crt": "\(try b64("server.crt"))", "tls.key": "\(try freshKeyBase64("other.key", fixtures))"}}
            """)
        let fromJSON = inspect([json])
        #expect(fromJSON.files.first?.groups.first?.key?.matchesLeaf == false)
        #expect(fromJSON.report.findings.codes.contains("key-mismatch"))

        // A List, as `kubectl get secrets -o yaml` prints.
        let list = try fixtures.write("list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata: {name: a}
              data: {ca.crt: \(try b64("root.crt"))}
            """)
        #expect(expiry([list]).rows.map(\.subject) == ["CN=Test Root"])
    }

    /// Findings about a Secret's values name the Secret key, and point at it in the manifest; a
    /// lone `tls.crt` issued by the Secret's own `ca.crt` is not missing its chain.
    @Test func secretValuesAreNamedAsSecretKeys() throws {
        let fixtures = try OpenSSLFixtures()
        try chain(fixtures)
        try fixtures.leaf("direct", issuer: "root", days: 200)
        func b64(_ name: String) throws -> String { Data(try fixtures.read(name).utf8).base64EncodedString() }
        // In a folder of its own: no CA file beside the manifest can stand in for the Secret's ca.crt.
        try FileManager.default.createDirectory(atPath: fixtures.file("k8s"), withIntermediateDirectories: true)
        let yaml = try fixtures.write("k8s/secrets.yaml", """
            apiVersion: v1
            kind: Secret
            metadata: {name: exporter-tls, namespace: monitoring}
            data:
              tls.crt: \(try b64("server.crt"))
              tls.key: \(try b64("direct.key"))
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: rooted}
            data:
              tls.crt: \(try b64("direct.crt"))
              ca.crt: \(try b64("root.crt"))
            """)
        let result = inspect([yaml])
        let incomplete = try #require(result.report.findings.with("chain-incomplete").first)
        #expect(incomplete.message.hasPrefix("server certificate Secret monitoring/exporter-tls key tls.crt (CN=localhost)"))
        #expect(incomplete.location == Location(path: yaml, line: 5, column: 3))
        let mismatch = try #require(result.report.findings.with("key-mismatch").first)
        #expect(mismatch.message.contains("server key Secret monitoring/exporter-tls key tls.key does not belong"))
        #expect(mismatch.location == Location(path: yaml, line: 6, column: 3))
        // The second Secret's leaf comes straight from its ca.crt: nothing is missing.
        #expect(result.report.findings.with("chain-incomplete").count == 1)
        #expect(result.files[0].groups.map(\.name).contains("\(yaml) (Secret rooted, tls.crt)"))
    }

    /// A Secret list over 4 MiB is read (it was taken for a file that "holds no PEM block"), item by
    /// item, and in parts that make one file; `kubectl` prints `items` before `kind`, so the items
    /// that are Secrets count whatever the document's kind.
    @Test func largeSecretListsAndLateKinds() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        let certificate = Data(try fixtures.read("server.crt").utf8).base64EncodedString()
        let filler = Data((0..<(900 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()
        var yaml = "apiVersion: v1\nitems:\n"
        for i in 0..<5 {
            yaml += "- apiVersion: v1\n  kind: Secret\n  metadata: {name: exporter-tls, namespace: ns\(i)}\n"
            yaml += "  data:\n    tls.crt: \(certificate)\n    blob: \(filler)\n"
        }
        yaml += "kind: List\nmetadata: {resourceVersion: \"\"}\n"
        let big = try fixtures.write("big.yaml", yaml)
        #expect(yaml.utf8.count > 4 << 20)
        let rows = expiry([big]).rows
        #expect(rows.count == 5)
        #expect(rows.map(\.name).contains("\(big) (Secret ns3/exporter-tls, tls.crt)"))

        let mixed = try fixtures.write("mixed.yaml", """
            apiVersion: v1
            items:
            - kind: ConfigMap
              metadata: {name: settings}
              data: {tls.crt: not a secret}
            - kind: Secret
              metadata: {name: inside}
              data: {tls.crt: \(certificate)}
            kind: SomethingList
            ---
            kind: Secret
            metadata: {name: outside}
            data: {tls.crt: \(certificate)}
            """)
        #expect(expiry([mixed]).rows.map(\.name) == ["\(mixed) (Secret inside, tls.crt)", "\(mixed) (Secret outside, tls.crt)"])

        // More Secrets than one part holds: one file, every Secret, in order.
        let many = try fixtures.write("many.yaml", "kind: List\nitems:\n" + (0..<150).map { i in
            "- {kind: Secret, metadata: {name: s\(i)}, data: {tls.crt: \(certificate)}}\n"
        }.joined())
        let inspected = inspect([many])
        #expect(inspected.files.count == 1)
        #expect(inspected.files.first?.groups.count == 150)
        #expect(inspected.files.first?.groups.last?.name == "\(many) (Secret s149, tls.crt)")
        #expect(inspected.report.findings.codes == Array(repeating: "chain-incomplete", count: 150))
        #expect(expiry([many]).rows.count == 150)
    }

    /// A keystore repeated in many Secrets (a Secret copied into every namespace) is opened once.
    @Test func aRepeatedKeystoreIsOpenedOnce() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        try fixtures.openssl(["pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-out", "ks.p12", "-passout", "pass:pw"])
        let keystore = try Data(contentsOf: URL(fileURLWithPath: fixtures.file("ks.p12"))).base64EncodedString()
        let yaml = try fixtures.write("copies.yaml", (0..<3).map { i in
            "---\nkind: Secret\nmetadata: {name: ks, namespace: ns\(i)}\ndata: {keystore.p12: \(keystore)}\n"
        }.joined())
        let groups = try #require(inspect([yaml], passphrase: "pw").files.first?.groups)
        #expect(groups.count == 3)
        let loaded = MaterialLoader.full(passphrase: "pw").load(path: yaml, bytes: Array(try fixtures.read("copies.yaml").utf8))
        let leaves = loaded.groups.compactMap { $0.bundle.entries.first?.certificate }
        #expect(leaves.count == 3 && leaves.allSatisfy { $0 === leaves[0] })
    }

    func freshKeyBase64(_ name: String, _ fixtures: OpenSSLFixtures) throws -> String {
        try fixtures.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name])
        return Data(try fixtures.read(name).utf8).base64EncodedString()
    }
}
