import Foundation
import Testing

@testable import TLSCheckCore

private func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLDocument {
    YAMLParser.parse(Array(text.utf8), path: "web.yml", limits: limits)
}

private func parse(bytes: [UInt8]) -> YAMLDocument {
    YAMLParser.parse(bytes, path: "web.yml")
}

/// `code@line:col` for each finding, in order.
private func summary(_ document: YAMLDocument) -> [String] {
    document.findings.map { "\($0.code)@\($0.location.line ?? 0):\($0.location.column ?? 0)" }
}

private func mark(_ line: Int, _ column: Int) -> YAMLMark { YAMLMark(line: line, column: column) }

@Suite struct YAMLMarkTests {
    @Test func everyNodeAndKeyHasStartAndEnd() throws {
        let doc = parse("tls_server_config:\n  cert_file: server.crt\n  list: [a, \"b\"]\n")
        #expect(doc.findings.isEmpty)
        let root = try #require(doc.root)
        #expect(root.start == mark(1, 1))
        #expect(root.end == mark(3, 17))
        let tls = try #require(root.pair("tls_server_config"))
        #expect(tls.key.start == mark(1, 1))
        #expect(tls.key.end == mark(1, 18))
        #expect(tls.value.start == mark(2, 3))
        let cert = try #require(tls.value.pair("cert_file"))
        #expect(cert.key.start == mark(2, 3))
        #expect(cert.value.start == mark(2, 14))
        #expect(cert.value.end == mark(2, 24))
        let list = try #require(tls.value["list"])
        #expect(list.start == mark(3, 9))
        #expect(list.end == mark(3, 17))
        #expect(list.items?.map(\.start) == [mark(3, 10), mark(3, 13)])
        #expect(list.items?[1].style == .doubleQuoted)
    }

    @Test func columnsCountUnicodeScalars() throws {
        // é is two bytes, 🔒 four: columns count characters, as libyaml and editors do.
        let root = try #require(parse("é🔒: x\nb: 'é' # ü\nc: ok\n").root)
        #expect(root.pair("é🔒")?.value.start == mark(1, 5))
        #expect(root.pair("b")?.value.end == mark(2, 7))
        #expect(root.pair("c")?.value.start == mark(3, 4))
    }

    @Test func windowsLineEndingsCountOnce() throws {
        let root = try #require(parse("a: 1\r\nb: 2\r\n").root)
        #expect(root.pair("b")?.value.start == mark(2, 4))
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let doc = parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(doc.findings.isEmpty)
        #expect(doc.root?.pair("a")?.key.start == mark(1, 1))
        #expect(doc.root?["a"]?.value == .int(1))
    }

    @Test func utf16WithByteOrderMarkIsAccepted() throws {
        // Windows PowerShell 5 writes UTF-16LE with `>`; go-yaml reads it.
        let le: [UInt8] = [0xFF, 0xFE] + "a: é\nb: 2\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let doc = parse(bytes: le)
        #expect(doc.findings.isEmpty)
        #expect(doc.root?["a"]?.text == "é")
        #expect(doc.root?.pair("b")?.value.start == mark(2, 4))
    }

    @Test func emptyAndCommentOnlyDocumentsHaveNoRoot() {
        for text in ["", "\n\n", "# just a comment\n", "---\n", "---\n# comment\n...\n", "  \n# a\n  # b\n"] {
            let doc = parse(text)
            #expect(doc.root == nil, "\(text.debugDescription)")
            #expect(doc.findings.isEmpty, "\(text.debugDescription)")
        }
    }
}
