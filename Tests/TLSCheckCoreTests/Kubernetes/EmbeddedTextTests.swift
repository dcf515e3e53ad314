import Foundation
import Testing

@testable import TLSCheckCore

/// `EmbeddedText` on its own: every way a value can be written, through the real parser.
@Suite struct EmbeddedTextTests {
    /// The embedded text of `data.<key>` (or `stringData`) in a one-document manifest.
    func embedded(_ manifest: String, section: String = "data", key: String, encoding: EmbeddedText.Encoding = .text) throws -> EmbeddedText {
        let bytes = Array(manifest.utf8)
        let root = try #require(YAMLParser.parse(bytes, path: "m.yaml").root)
        let pair = try #require(root[section]?.pair(key))
        let content = encoding == .base64
            ? Array(Data(base64Encoded: pair.value.text ?? "") ?? Data()) : Array((pair.value.text ?? "").utf8)
        return EmbeddedText(bytes: content, value: pair.value, key: pair.key, path: "m.yaml", encoding: encoding,
                            source: ManifestText(path: "m.yaml", bytes: bytes), what: "the web-config in Secret ns/s key \(key)")
    }

    func at(_ line: Int, _ column: Int) -> Location { Location(path: "inner", line: line, column: column) }

    @Test func literalBlockMapsExactly() throws {
        let text = try embedded("""
            kind: ConfigMap
            data:
              web.yml: |
                tls_server_config:
                  cert_file: /tls/tls.crt

                  key_file: /tls/tls.key
            """, key: "web.yml")
        #expect(text.isExact)
        #expect(String(decoding: text.bytes, as: UTF8.self).hasPrefix("tls_server_config:\n  cert_file"))
        #expect(text.location(of: at(1, 1)) == Location(path: "m.yaml", line: 4, column: 5))
        #expect(text.location(of: at(2, 14)) == Location(path: "m.yaml", line: 5, column: 18))
        #expect(text.location(of: at(4, 3)) == Location(path: "m.yaml", line: 7, column: 7))
        let finding = Finding(.unknownKey, "unknown key", at: at(2, 3))
        let moved = text.relocate(finding, innerPath: "inner")
        #expect(moved.location == Location(path: "m.yaml", line: 5, column: 7))
        #expect(moved.message == "unknown key")  // exact: the message stays as it is
        // Findings about other files are left alone.
        let other = Finding(.fileNotFound, "x", at: Location(path: "/tls/tls.crt"))
        #expect(text.relocate(other, innerPath: "inner") == other)
    }

    @Test func stripChompingAndExplicitIndentation() throws {
        let strip = try embedded("""
            data:
              a.yml: |-
                  deeper: 1
                  other: 2
            """, key: "a.yml")
        #expect(strip.isExact)
        #expect(strip.location(of: at(2, 1)) == Location(path: "m.yaml", line: 4, column: 7))
        // `|2`: the block is two spaces deeper than its key's mapping; the rest is content.
        let explicit = try embedded("""
            data:
              a.yml: |2
                  indented: 1
                top: 2
            """, key: "a.yml")
        #expect(explicit.isExact)
        #expect(String(decoding: explicit.bytes, as: UTF8.self) == "  indented: 1\ntop: 2")
        #expect(explicit.location(of: at(1, 3)) == Location(path: "m.yaml", line: 3, column: 7))
        #expect(explicit.location(of: at(2, 1)) == Location(path: "m.yaml", line: 4, column: 5))
    }

    @Test func foldedBlockReplaysTheFolding() throws {
        let text = try embedded("""
            data:
              note: >
                first words
                joined here

                  kept apart
                last
            """, key: "note")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "first words joined here\n\n  kept apart\nlast")
        #expect(text.isExact)
        #expect(text.location(of: at(1, 1)) == Location(path: "m.yaml", line: 3, column: 5))
        // "joined" is on inner line 1 after "first words ", but on manifest line 4.
        #expect(text.location(of: at(1, 13)) == Location(path: "m.yaml", line: 4, column: 5))
        #expect(text.location(of: at(3, 3)) == Location(path: "m.yaml", line: 6, column: 7))
        #expect(text.location(of: at(4, 1)) == Location(path: "m.yaml", line: 7, column: 5))
    }

    @Test func quotedAndPlainValuesPointAtTheKeyAndNameTheLine() throws {
        let quoted = try embedded("""
            stringData:
              web.yml: "tls_server_config:\\n  cert_file: x\\n"
            """, section: "stringData", key: "web.yml")
        #expect(!quoted.isExact)
        let moved = quoted.relocate(Finding(.unknownKey, "unknown key foo", at: at(2, 3)), innerPath: "inner")
        #expect(moved.location == Location(path: "m.yaml", line: 2, column: 3))
        #expect(moved.message == "line 2 of the web-config in Secret ns/s key web.yml: unknown key foo")
        let plain = try embedded("""
            data:
              web.yml: basic_auth_users
                continued
            """, key: "web.yml")
        #expect(!plain.isExact)
        #expect(plain.location(of: at(1, 1)) == Location(path: "m.yaml", line: 2, column: 3))
        // A finding without a line names the text alone.
        let whole = quoted.relocate(Finding(.yamlSyntax, "empty", at: Location(path: "inner")), innerPath: "inner")
        #expect(whole.message == "the web-config in Secret ns/s key web.yml: empty")
    }

    @Test func base64PointsAtTheKey() throws {
        let encoded = Data("tls_server_config:\n  cert_file: x\n".utf8).base64EncodedString()
        let text = try embedded("""
            kind: Secret
            data:
              web.yml: \(encoded)
            """, key: "web.yml", encoding: .base64)
        #expect(!text.isExact)
        #expect(String(decoding: text.bytes, as: UTF8.self).hasPrefix("tls_server_config:"))
        let moved = text.relocate(Finding(.unknownKey, "bad", at: at(2, 3)), innerPath: "inner")
        #expect(moved.location == Location(path: "m.yaml", line: 3, column: 3))
        #expect(moved.message.hasPrefix("line 2 of the web-config"))
    }

    @Test func crlfLinesMapLikeLF() throws {
        let text = try embedded("kind: ConfigMap\r\ndata:\r\n  web.yml: |\r\n    a: 1\r\n    b: 2\r\n", key: "web.yml")
        #expect(text.isExact)
        #expect(String(decoding: text.bytes, as: UTF8.self) == "a: 1\nb: 2\n")
        #expect(text.location(of: at(2, 4)) == Location(path: "m.yaml", line: 5, column: 8))
    }

    @Test func blockThatDoesNotReplayFallsBackToTheKey() throws {
        let manifest = "data:\n  web.yml: |\n    a: 1\n"
        let root = try #require(YAMLParser.parse(Array(manifest.utf8), path: "m.yaml").root)
        let pair = try #require(root["data"]?.pair("web.yml"))
        // The text given is not what the file holds there (a file changed since it was parsed).
        let other = ManifestText(path: "m.yaml", bytes: Array("data:\n  web.yml: |\n    b: 2\n".utf8))
        let text = EmbeddedText(bytes: Array("a: 1\n".utf8), value: pair.value, key: pair.key, path: "m.yaml",
                                encoding: .text, source: other, what: "x")
        #expect(!text.isExact)
        #expect(text.location(of: at(1, 1)) == Location(path: "m.yaml", line: 2, column: 3))
    }

    @Test func manifestTextLines() {
        let text = ManifestText(path: "m", bytes: Array("a\r\nbb\rccc\n\nd".utf8))
        #expect(text.line(1).map { Array($0) } == Array("a".utf8))
        #expect(text.line(2).map { Array($0) } == Array("bb".utf8))
        #expect(text.line(3).map { Array($0) } == Array("ccc".utf8))
        #expect(text.line(4).map { Array($0) } == [])
        #expect(text.line(5).map { Array($0) } == Array("d".utf8))
        #expect(text.line(6) == nil)
    }
}
