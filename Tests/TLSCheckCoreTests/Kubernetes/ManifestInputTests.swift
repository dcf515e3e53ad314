import Foundation
import Testing

@testable import TLSCheckCore

/// One deployment from several files and from standard input; bad input of every kind gets a
/// finding, never a crash or a hang.
@Suite struct ManifestInputTests {
    @Test func filesOfAFolderFormOneDeployment() throws {
        let stack = try ExporterStack()
        let folder = stack.fixtures.folder.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(try stack.tlsSecret().utf8).write(to: folder.appendingPathComponent("1-tls.yaml"))
        try Data(ExporterStack.webSecret().utf8).write(to: folder.appendingPathComponent("2-web.yaml"))
        try Data(ExporterStack.deployment().utf8).write(to: folder.appendingPathComponent("3-deployment.yml"))
        try Data("tls_server_config:\n  cert_flie: x\n".utf8).write(to: folder.appendingPathComponent("web-config.yaml"))
        let result = ConfigValidator(context: Manifests.context).validate(inputs: [folder.path])
        // The Deployment in one file mounts Secrets of the others; the web-config file is its own.
        #expect(result.report.findings.codes == ["unknown-key"], "\(result.report.findings)")
        #expect(result.report.inputs.map { String($0.split(separator: "/").last!) } == ["1-tls.yaml", "2-web.yaml", "3-deployment.yml", "web-config.yaml"])
        #expect(result.deployment.servers.filter { $0.pod != nil }.count == 1)
        // One file alone: the Secrets are not in the input.
        let alone = ConfigValidator(context: Manifests.context).validate(inputs: [folder.appendingPathComponent("3-deployment.yml").path])
        #expect(alone.report.findings.codes == ["object-not-in-input", "object-not-in-input"])
    }

    @Test func standardInputIsAnyPathName() throws {
        let stack = try ExporterStack()
        let bytes = Array(try stack.stack(web: ExporterStack.webSecret(ExporterStack.webConfig + "\n  cert_flie: x")).utf8)
        let result = ConfigValidator(context: Manifests.context).validate(bytes: bytes, path: "<stdin>")
        #expect(result.report.findings.map(\.location) == [Location(path: "<stdin>", line: 24, column: 7)])
        #expect(result.report.inputs == ["<stdin>"])
    }

    @Test func badInputIsAFinding() {
        // Deep nesting.
        let deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
        #expect(Manifests.findings(deep).codes == ["yaml-too-deep"])
        // Binary in a Secret is kept as bytes; a key that only looks like a config is not one.
        let binary = Manifests.findings("""
            apiVersion: v1
            kind: Secret
            metadata: {name: b}
            data:
              keystore.p12: \(Data((0..<256).map { UInt8($0) }).base64EncodedString())
              config.yaml: \(Data([0xFF, 0xFE, 0x3A, 0x00]).base64EncodedString())
            """)
        #expect(binary.isEmpty)
        // A document that is not an object, an object without a name, a List without items.
        let odd = Manifests.findings("apiVersion: v1\nkind: Secret\n---\n- a\n- b\n---\napiVersion: v1\nkind: List\n---\napiVersion: v1\nkind: Pod\nspec: 5\n")
        #expect(odd.isEmpty)
        // Text that stops being YAML in the middle of a stream.
        let broken = Manifests.findings("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [\n")
        #expect(broken.codes == ["yaml-syntax"])
    }

    @Test(arguments: [
        "a: 1\n---\nb: 2\n", "---\na: 1\n...\n---\n# only a comment\n---\nc: [1\n", "a: \u{A0}x\n---\nb:\n\t- 1\n",
        "x: 1\n--- \ny: &a [1]\nz: *a\n---\nw: *a\n", "k: v\n---\n\u{0}\n",
    ])
    func documentsOneAtATimeAreTheSame(_ text: String) {
        let bytes = Array(text.utf8)
        var each: [YAMLDocument] = []
        YAMLParser.forEachDocument(bytes, path: "s.yaml") { each.append($0) }
        let all = YAMLParser.parseAll(bytes, path: "s.yaml")
        #expect(each.map(\.findings) == all.map(\.findings))
        #expect(each.map { $0.root?.start } == all.map { $0.root?.start })
        #expect(each.map { $0.root?.pairs?.count } == all.map { $0.root?.pairs?.count })
    }

    @Test func manyDocumentsInOneStream() {
        let document = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata: {a: b}\n"
        let stream = String(repeating: document + "---\n", count: 20_000)
        let result = Manifests.validate(stream)
        #expect(result.report.findings.isEmpty)
    }
}
