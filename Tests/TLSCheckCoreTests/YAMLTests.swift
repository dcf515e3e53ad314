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

@Suite struct YAMLStructureTests {
    @Test func duplicateKeyIsReportedAtTheRepeatAndTheFirstIsKept() throws {
        let doc = parse("tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n  cert_file: b.crt\n")
        #expect(summary(doc) == ["yaml-duplicate-key@4:3"])
        let finding = try #require(doc.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.message == "duplicate key \"cert_file\" (first defined at line 2, column 3)")
        #expect(finding.hint != nil)
        let tls = try #require(doc.root?["tls_server_config"])
        #expect(tls["cert_file"]?.text == "a.crt")
        #expect(tls.pairs?.count == 2)
    }

    @Test func duplicateKeysCompareTheTextWhateverTheQuoting() {
        // go-yaml decodes keys into strings (struct fields, map[string]…): "port" and port collide.
        #expect(summary(parse("port: 1\n\"port\": 2\n'1': a\n1: b\n")) == ["yaml-duplicate-key@2:1", "yaml-duplicate-key@4:1"])
        #expect(summary(parse("{a: 1, b: 2, a: 3}")) == ["yaml-duplicate-key@1:14"])
    }

    @Test func duplicateKeysInALargeMapping() throws {
        // Past 16 keys the lookup switches to an index; the answers must not change.
        let keys = (0..<40).map { "k\($0): \($0)" } + ["k5: again", "<<: {k6: merged}", "k39: again", "k40: new", "k40: again"]
        let doc = parse(keys.joined(separator: "\n") + "\n")
        #expect(summary(doc) == ["yaml-duplicate-key@41:1", "yaml-duplicate-key@43:1", "yaml-duplicate-key@45:1"])
        #expect(doc.findings.map(\.message) == [
            "duplicate key \"k5\" (first defined at line 6, column 1)",
            "duplicate key \"k39\" (first defined at line 40, column 1)",
            "duplicate key \"k40\" (first defined at line 44, column 1)",
        ])
        let root = try #require(doc.root)
        #expect(root["k5"]?.value == .int(5))
        #expect(root["k6"]?.value == .int(6))
        #expect(root["k40"]?.text == "new")
        #expect(root.pairs?.count == 41)
    }

    @Test func aliasHasItsOwnPositionAndTheAnchorsContent() throws {
        let root = try #require(parse("base: &b\n  x: 1\ncopy: *b\nname: &n hello\nagain: *n\n").root)
        let copy = try #require(root["copy"])
        #expect(copy.start == mark(3, 7))
        #expect(copy.end == mark(3, 9))
        #expect(copy.alias == "b")
        #expect(copy["x"]?.value == .int(1))
        #expect(root["base"]?.anchor == "b")
        #expect(root["again"]?.text == "hello")
        #expect(root["again"]?.start == mark(5, 8))
    }

    @Test func mergeKeyWithOneMapping() throws {
        let text = """
            defaults: &defaults
              min_version: TLS12
              client_auth_type: RequireAndVerifyClientCert
            tls_server_config:
              client_auth_type: NoClientCert
              <<: *defaults
              cert_file: s.crt
            """
        let doc = parse(text)
        #expect(doc.findings.isEmpty)
        let tls = try #require(doc.root?["tls_server_config"])
        // Explicit keys win wherever they are written; merged keys appear where `<<` stands.
        #expect(tls.pairs?.compactMap(\.key.text) == ["client_auth_type", "min_version", "cert_file"])
        #expect(tls["client_auth_type"]?.text == "NoClientCert")
        #expect(tls["min_version"]?.text == "TLS12")
        #expect(tls.pair("min_version")?.key.start == mark(2, 3))
        // The content keeps the pairs as written.
        if case .mapping(let written) = tls.content {
            #expect(written.compactMap(\.key.text) == ["client_auth_type", "<<", "cert_file"])
        } else {
            Issue.record("not a mapping")
        }
    }

    @Test func mergeKeyWithAListOfMappingsEarlierWins() throws {
        let text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n"
        let doc = parse(text)
        #expect(doc.findings.isEmpty)
        let c = try #require(doc.root?["c"])
        #expect(c["x"]?.value == .int(1))
        #expect(c["y"]?.value == .int(1))
        #expect(c["z"]?.value == .int(3))
        #expect(c.pairs?.count == 3)
    }

    @Test func mergeOfSomethingElseIsReported() {
        #expect(summary(parse("a: &a 1\nb:\n  <<: *a\n")) == ["yaml-merge-invalid@3:7"])
        #expect(summary(parse("a: &a 1\nb:\n  <<: [{x: 1}, *a]\n")) == ["yaml-merge-invalid@3:16"])
        // A quoted "<<" is an ordinary key.
        let doc = parse("b:\n  \"<<\": 1\n")
        #expect(doc.findings.isEmpty)
        #expect(doc.root?["b"]?["<<"]?.value == .int(1))
    }

    @Test func unknownAnchorIsASyntaxErrorAtTheAlias() {
        let doc = parse("a: 1\nb: *nope\n")
        #expect(summary(doc) == ["yaml-syntax@2:4"])
        #expect(doc.findings.first?.message == "unknown anchor \"nope\" referenced")
        #expect(doc.root == nil)
        #expect(summary(parse("a: &x [1, *x]\n")) == ["yaml-syntax@1:11"])
    }

    @Test func billionLaughsStopsAtTheAliasThatCrossesTheLimit() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let letters = Array("abcdefghij")
        for level in 1..<10 {
            let previous = letters[level - 1]
            text += "\(letters[level]): &\(letters[level]) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let doc = parse(text)
        #expect(doc.root == nil)
        let finding = try #require(doc.findings.first)
        #expect(finding.code == "yaml-alias-limit")
        #expect(finding.severity == .error)
        // Aliases on lines 2-5 add 74,718 nodes; the first *e on line 6 adds 66,430 more.
        #expect(summary(doc) == ["yaml-alias-limit@6:8"])
        // A smaller limit stops earlier.
        #expect(summary(parse(text, limits: YAMLLimits(maxAliasExpansion: 50, maxDepth: 512))) == ["yaml-alias-limit@2:23"])
    }

    @Test func deepNestingStopsWithoutOverflowingTheStack() {
        let doc = parse(String(repeating: "[", count: 100_000))
        #expect(summary(doc) == ["yaml-too-deep@1:513"])
        #expect(doc.root == nil)
        let blocks = (0..<1000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(summary(parse(blocks)) == ["yaml-too-deep@513:513"])
        // Nesting reached through aliases counts too.
        var chain = "a0: &a0 [x]\n"
        for i in 1...6 { chain += "a\(i): &a\(i) [*a\(i - 1)]\n" }
        #expect(summary(parse(chain, limits: YAMLLimits(maxDepth: 5))) == ["yaml-too-deep@5:10"])
        #expect(parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).findings.isEmpty)
    }
}

@Suite struct YAMLScalarTests {
    private func value(_ scalar: String) -> YAMLValue? { parse("v: \(scalar)\n").root?["v"]?.value }
    private func type(_ scalar: String) -> String? { parse("v: \(scalar)\n").root?["v"]?.typeName }

    @Test func yaml11BooleansAsGoYamlV2() {
        for word in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            #expect(value(word) == .bool(true), "\(word)")
        }
        for word in ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            #expect(value(word) == .bool(false), "\(word)")
        }
        for word in ["tRuE", "yEs", "\"true\"", "'yes'", "1", "enabled"] {
            #expect(value(word) != .bool(true), "\(word)")
        }
        #expect(type("yes") == "!!bool")
    }

    @Test func nulls() throws {
        for word in ["~", "null", "Null", "NULL", ""] {
            #expect(value(word) == .null, "\(word)")
            #expect(type(word) == "!!null")
        }
        let root = try #require(parse("http2:\nhttp_server_config:\n").root)
        #expect(root["http2"]?.isNull == true)
        #expect(root["http2"]?.start == mark(1, 7))
        #expect(root["http_server_config"]?.isNull == true)
        #expect(value("nULL") == .string("nULL"))
        #expect(value("\"null\"") == .string("null"))
        #expect(value("''") == .string(""))
    }

    @Test func integersInGoSyntax() {
        let cases: [(String, Int)] = [
            ("0", 0), ("42", 42), ("-17", -17), ("+5", 5), ("1_000", 1000), ("0x1F", 31), ("0X1f", 31),
            ("-0x10", -16), ("0o17", 15), ("0O17", 15), ("0777", 511), ("0b101", 5), ("-0b11", -3),
            ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ]
        for (text, expected) in cases {
            #expect(value(text) == .int(expected), "\(text)")
            #expect(type(text) == "!!int", "\(text)")
        }
        // Beyond Int64 but within UInt64: still an !!int for go-yaml.
        #expect(type("0xFFFFFFFFFFFFFFFF") == "!!int")
        #expect(value("0xFFFFFFFFFFFFFFFF") == .float(Double(UInt64.max)))
    }

    @Test func floatsInGoSyntax() {
        let cases: [(String, Double)] = [
            ("1.5", 1.5), ("-2.0", -2), ("1e3", 1000), ("1.", 1), (".5", 0.5), ("+.5", 0.5), ("1_000.5", 1000.5),
            ("6.02E+23", 6.02e23), ("08", 8), ("0.1", 0.1), (".inf", .infinity), ("-.Inf", -.infinity),
            ("+.INF", .infinity), ("99999999999999999999", 1e20),
        ]
        for (text, expected) in cases {
            #expect(value(text) == .float(expected), "\(text)")
            #expect(type(text) == "!!float", "\(text)")
        }
        if case .float(let nan) = value(".nan") { #expect(nan.isNaN) } else { Issue.record(".nan") }
        // Out of range, or not Go syntax: strings.
        for text in ["1e400", "1.2.3", "0x1p3", "1e", "._5", ".", "inf", "NaN", "1_0e_1x"] {
            #expect(type(text) == "!!str", "\(text)")
        }
    }

    @Test func timestampsAreTextOfTheirOwnType() {
        for text in ["2001-12-14", "2001-1-2", "2001-12-14T21:59:43.10Z", "2001-12-14t21:59:43+05:00", "2001-12-14 21:59:43.10"] {
            #expect(type(text) == "!!timestamp", "\(text)")
            #expect(value(text) == .string(text), "\(text)")
        }
        for text in ["2001-02-30", "2001-13-01", "2001-12-14T21:59:43", "201-12-14", "2001-12-14 21:59:43 +5"] {
            #expect(type(text) != "!!timestamp", "\(text)")
        }
        #expect(type("\"2001-12-14\"") == "!!str")
    }

    @Test func quotedAndBlockScalarsAreStrings() throws {
        let root = try #require(parse("a: \"1\"\nb: '0x10'\nc: |\n  yes\nd: >\n  null\n").root)
        #expect(root["a"]?.value == .string("1"))
        #expect(root["b"]?.value == .string("0x10"))
        #expect(root["c"]?.value == .string("yes\n"))
        #expect(root["c"]?.style == .literal)
        #expect(root["d"]?.value == .string("null\n"))
        #expect(root["d"]?.style == .folded)
    }

    @Test func explicitTagsAreHonoured() throws {
        let doc = parse("a: !!str 123\nb: !!int \"12\"\nc: !!bool \"yes\"\nd: !!null x\ne: !!float 1\nf: !local 7\ng: !!str\n")
        #expect(doc.findings.isEmpty)
        let root = try #require(doc.root)
        #expect(root["a"]?.value == .string("123"))
        #expect(root["a"]?.tag == "!!str")
        #expect(root["b"]?.value == .int(12))
        #expect(root["c"]?.value == .bool(true))
        #expect(root["d"]?.isNull == true)
        #expect(root["e"]?.value == .float(1))
        #expect(root["f"]?.typeName == "!local")
        #expect(root["f"]?.value == .string("7"))
        #expect(root["g"]?.value == .string(""))
    }

    @Test func tagThatDoesNotFitIsReported() throws {
        let doc = parse("a: 1\nb: !!int abc\n")
        #expect(summary(doc) == ["yaml-tag-mismatch@2:4"])
        #expect(doc.findings.first?.message == "cannot decode !!str `abc` as a !!int")
        #expect(doc.root?["b"]?.typeName == "!!str")
    }

    @Test func typeNamesOfCollections() throws {
        let root = try #require(parse("s: [1]\nm: {a: 1}\n").root)
        #expect(root.typeName == "!!map")
        #expect(root["s"]?.typeName == "!!seq")
        #expect(root["m"]?.typeName == "!!map")
        #expect(root["s"]?.value == nil)
        #expect(root["s"]?.text == nil)
        #expect(root["m"]?.items == nil)
        #expect(root["s"]?.pairs == nil)
    }
}

@Suite struct YAMLDocumentTests {
    @Test func onlyTheFirstDocumentCounts() throws {
        let doc = parse("a: 1\n---\nb: 2\n---\nc: 3\n")
        #expect(summary(doc) == ["yaml-extra-document@2:1"])
        let finding = try #require(doc.findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("ignores"))
        #expect(doc.root?["a"]?.value == .int(1))
        #expect(doc.root?["b"] == nil)
    }

    @Test func anInvalidLaterDocumentDoesNotHideTheFirst() {
        for later in ["b: [unclosed\n", "\tb: 1\n", "b: *nope\n", "x: \u{0}\u{1}\u{2}binary\n", "\u{A0}b: 1\n"] {
            let doc = parse("a: 1\n---\n" + later)
            #expect(summary(doc) == ["yaml-extra-document@2:1"], "\(later.debugDescription)")
            #expect(doc.root?["a"]?.value == .int(1), "\(later.debugDescription)")
        }
        // Text after an explicit end (`...`) is ignored too.
        let afterEnd = parse("a: 1\n...\nb: 2\n")
        #expect(summary(afterEnd) == ["yaml-extra-document@3:1"])
        #expect(afterEnd.root?["a"]?.value == .int(1))
        let junkAfterEnd = parse(bytes: Array("a: 1\n...\n".utf8) + [0xFF, 0x00])
        #expect(summary(junkAfterEnd) == ["yaml-extra-document@3:1"])
        #expect(junkAfterEnd.root?["a"]?.value == .int(1))
    }

    @Test func anExplicitlyStartedFirstDocument() {
        let doc = parse("# config\n---\na: 1\n")
        #expect(doc.findings.isEmpty)
        #expect(doc.root?["a"]?.value == .int(1))
    }

    @Test func parseAllReadsEveryDocument() throws {
        let docs = YAMLParser.parseAll(Array("kind: A\n---\nkind: B\n---\n---\nkind: C\na: 1\na: 2\n".utf8), path: "m.yaml")
        #expect(docs.count == 4)
        #expect(docs.map { $0.root?["kind"]?.text } == ["A", "B", nil, "C"])
        #expect(docs[3].findings.map(\.code) == ["yaml-duplicate-key"])
        #expect(docs[3].findings.first?.location.line == 8)
        // Anchors belong to their document.
        let scoped = YAMLParser.parseAll(Array("a: &x 1\n---\nb: *x\n".utf8), path: "m.yaml")
        #expect(scoped.map(summary) == [[], ["yaml-syntax@3:4"]])
        // Reading stops at a broken document, which carries the error.
        let broken = YAMLParser.parseAll(Array("a: 1\n---\nb: [\n---\nc: 1\n".utf8), path: "m.yaml")
        #expect(broken.count == 2)
        #expect(broken[1].root == nil)
        #expect(broken[1].findings.map(\.code) == ["yaml-syntax"])
        #expect(YAMLParser.parseAll([], path: "m.yaml").isEmpty)
        // A problem stays with its own document.
        let afterEnd = YAMLParser.parseAll(Array("a: 1\na: 2\n...\nb: 2\n".utf8), path: "m.yaml")
        #expect(afterEnd.map(summary) == [["yaml-duplicate-key@2:1"], ["yaml-syntax@4:1"]])
    }

    /// A stream of documents is handed over one at a time, and each is let go once handed over: a
    /// large manifest dump holds one document's nodes, not all of them.
    @Test func documentsOfAStreamAreHandedOverAndLetGo() {
        let text = (0..<50).map { "---\nkind: Secret\nmetadata: {name: s\($0)}\ndata: {a: b, a: c}\n" }.joined()
        final class Probe: @unchecked Sendable { weak var first: YAMLNode? }
        let probe = Probe()
        var names: [String] = []
        var firstGoneBy: Int?
        YAMLParser.forEachDocument(Array(text.utf8), path: "list.yaml") { document in
            if names.isEmpty { probe.first = document.root } else if probe.first == nil && firstGoneBy == nil { firstGoneBy = names.count }
            names.append(document.root?["metadata"]?["name"]?.text ?? "?")
            #expect(document.findings.map(\.code) == ["yaml-duplicate-key"], "\(names.count)")
        }
        #expect(names == (0..<50).map { "s\($0)" })
        #expect(firstGoneBy == 1, "the first document's nodes were still held while later ones were read")
        #expect(YAMLParser.parseAll(Array(text.utf8), path: "list.yaml").count == 50)
    }

    @Test func aProblemRepeatedThousandsOfTimesIsListedAHundredTimes() throws {
        let text = "{" + (0..<5000).map { _ in "a: 1" }.joined(separator: ", ") + "}"
        let doc = parse(text)
        #expect(doc.findings.count == 100)
        #expect(doc.findings.allSatisfy { $0.code == "yaml-duplicate-key" })
        // The rest are counted, and every output ends the hundred with a note saying how many.
        #expect(doc.omissions.map(\.count) == [4899])
        let last = try #require(doc.findingList.findings.last)
        #expect(last.message.hasPrefix("4899 more [yaml-duplicate-key] findings in this file are not listed"))
        #expect(doc.root?["a"]?.value == .int(1))
    }
}

@Suite struct YAMLTextTests {
    @Test func nulByteIsNotText() throws {
        let doc = parse(bytes: Array("a: 1\nb: x".utf8) + [0x00] + Array("y\n".utf8))
        #expect(summary(doc) == ["yaml-not-text@2:5"])
        #expect(doc.root == nil)
        let finding = try #require(doc.findings.first)
        #expect(finding.message.contains("NUL"))
        #expect(finding.hint?.contains("binary") == true)
    }

    @Test func invalidUTF8IsNotText() throws {
        // "café" in Latin-1.
        let doc = parse(bytes: Array("a: 1\nname: caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect(summary(doc) == ["yaml-not-text@2:10"])
        #expect(doc.findings.first?.hint?.contains("UTF-8") == true)
        #expect(doc.findings.first?.message.contains("0xE9") == true)
    }

    @Test func binaryJunkIsNotText() {
        // A DER certificate starts with 0x30 0x82.
        let der: [UInt8] = [0x30, 0x82, 0x03, 0x1F, 0x30, 0x82, 0x02, 0x07, 0xA0, 0x03]
        #expect(summary(parse(bytes: der)) == ["yaml-not-text@1:2"])
        let random = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let doc = parse(bytes: random)
        #expect(doc.findings.map(\.code) == ["yaml-not-text"])
        #expect(doc.root == nil)
        #expect(summary(parse(bytes: [0x1B, 0x5B])) == ["yaml-not-text@1:1"])
        #expect(summary(parse(bytes: Array("a: ".utf8) + [0xC2, 0x85 - 1])) == ["yaml-not-text@1:4"])
    }

    @Test func tabIndentationIsReportedOnEveryLine() throws {
        let doc = parse("tls_server_config:\n\tcert_file: a\n\tkey_file: b\nbasic_auth_users:\n  \tu: h\n")
        #expect(summary(doc) == ["yaml-tab-indent@2:1", "yaml-tab-indent@3:1", "yaml-tab-indent@5:3"])
        let finding = try #require(doc.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("found character that cannot start any token"))
        #expect(finding.hint == "indent with spaces; most editors can convert tabs to spaces")
        #expect(doc.root == nil)
        #expect(summary(parse("a:\n  - \tb\n")) == ["yaml-tab-indent@2:5"])
        #expect(summary(parse("a: 1\n\t# comment\n")) == ["yaml-tab-indent@2:1"])
    }

    @Test func tabsThatYAMLAcceptsAreNotReported() {
        // Inside values, after a key, in flow collections, and continuing a quoted scalar.
        for text in ["a:\tb\n", "a: \"x\n\ty\"\n", "a: [1,\n\t2]\n", "a: |2\n  \tx\n", "a: b\t# c\n"] {
            let doc = parse(text)
            #expect(doc.findings.isEmpty, "\(text.debugDescription)")
            #expect(doc.root != nil, "\(text.debugDescription)")
        }
    }

    @Test func noBreakSpaceInIndentationOrKey() throws {
        // libyaml accepts these: the no-break space becomes part of the key.
        let indented = parse("tls_server_config:\n \u{A0}cert_file: a\n  key_file: b\n")
        #expect(summary(indented).first == "yaml-nbsp@2:2")
        let finding = try #require(indented.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.hint == "replace the no-break space with a normal space")
        let inKey = parse("tls_server_config:\n  cert_file\u{A0}: a\n")
        #expect(summary(inKey) == ["yaml-nbsp@2:12"])
        #expect(inKey.findings.first?.message.contains("\"cert_file\\u00a0\"") == true)
        #expect(inKey.root?["tls_server_config"]?["cert_file\u{A0}"] != nil)
    }

    @Test func noBreakSpaceAfterIndicatorsAndInValues() {
        #expect(summary(parse("a:\n  b:\u{A0}x\n  c: 1\n")).prefix(1) == ["yaml-nbsp@2:5"])
        #expect(summary(parse("a:\n  -\u{A0}x\n")) == ["yaml-nbsp@2:4"])
        let value = parse("cert_file: server.crt\u{A0}\n# comment\u{A0}here\n")
        #expect(summary(value) == ["yaml-nbsp@1:22"])
        #expect(value.findings.first?.severity == .warning)
    }

    @Test func otherSyntaxErrorsCarryLibyamlsText() throws {
        let doc = parse("tls_server_config:\n  cert_file: a\n key_file: b\n")
        #expect(summary(doc) == ["yaml-syntax@3:2"])
        let finding = try #require(doc.findings.first)
        #expect(finding.message == "did not find expected key (while parsing a block mapping started at line 1, column 1)")
        #expect(finding.hint != nil)
        #expect(doc.root == nil)
        #expect(summary(parse("a: \"unclosed\nb: 1\n")) == ["yaml-syntax@3:1"])
        #expect(summary(parse("a: b: c\n")) == ["yaml-syntax@1:5"])
        #expect(parse("a: b: c\n").findings.first?.message == "mapping values are not allowed in this context")
        #expect(summary(parse("a: @b\n")) == ["yaml-syntax@1:4"])
    }
}
