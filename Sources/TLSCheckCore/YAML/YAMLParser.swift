/// Parses YAML with the system libyaml into `YAMLNode`s with positions, reading scalars as go-yaml
/// v2 does (exporter-toolkit's parser), and turns every problem into a `Finding` with a position
/// and a hint. Never throws, prints or crashes on bad input; time and memory stay linear in the input
/// (alias expansion and nesting are bounded by `YAMLLimits`).
public enum YAMLParser {
    /// The first document, as exporter-toolkit reads a config file. Later documents are not read
    /// (they may even be invalid); a `yaml-extra-document` warning says they are ignored.
    public static func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> YAMLDocument {
        var reading = Reading(bytes, path: path, limits: limits, firstOnly: true)
        return reading.run().first ?? YAMLDocument(root: nil, findings: [])
    }

    /// Every document of a stream (Kubernetes manifests). Reading stops at the first document that
    /// cannot be parsed; that document is the last one returned, with its findings.
    public static func parseAll(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        forEachDocument(bytes, path: path, limits: limits) { documents.append($0) }
        return documents
    }

    /// Every document of a stream, each handed over as soon as the next one starts and then let go:
    /// a `kubectl get -A -o yaml` dump of thousands of objects holds one document's nodes at a time.
    public static func forEachDocument(
        _ bytes: [UInt8], path: String, limits: YAMLLimits = .default, _ body: (YAMLDocument) -> Void
    ) {
        var reading = Reading(bytes, path: path, limits: limits, firstOnly: false)
        reading.readEvents(emit: body)
        for part in reading.parts { body(reading.finish(part)) }
    }

}

/// One pass over an input: libyaml events to documents, plus the findings of the source scan.
private struct Reading {
    let path: String
    let firstOnly: Bool
    let source: YAMLSource
    let reader: LibYAMLEventReader
    var composer: YAMLComposer

    /// A document being read or read.
    struct Part {
        /// Where its text starts (1:1 for the first document, else its `---`).
        var start: YAMLMark
        /// Where the next document starts; nil: the end of the input.
        var end: YAMLMark?
        var root: YAMLNode?
        var findings: YAMLFindingList
        /// libyaml stopped at a tab here: tab-indented lines from here on are reported.
        var tabError: YAMLMark?
        var closed = false
        var explicitEnd = false
    }
    var parts: [Part] = []

    init(_ bytes: [UInt8], path: String, limits: YAMLLimits, firstOnly: Bool) {
        self.path = path
        self.firstOnly = firstOnly
        source = YAMLSource(bytes)
        reader = LibYAMLEventReader(source.parsableBytes)
        composer = YAMLComposer(path: path, limits: limits, source: source)
    }

    mutating func run() -> [YAMLDocument] {
        readEvents(emit: { _ in })
        return parts.map(finish)
    }

    private static let afterFirstDocument =
        "text after the end of the first document; the toolkit reads only the first document and ignores the rest of the file"

    /// Reads to the end or the first fatal problem. When several documents are read, those that are
    /// complete go to `emit` (and are dropped) as each new one starts.
    mutating func readEvents(emit: (YAMLDocument) -> Void) {
        while true {
            switch reader.next() {
            case .success(.streamStart):
                continue
            case .success(.documentStart(let start, _)):
                if firstOnly && !parts.isEmpty {
                    parts[0].end = start
                    report(
                        .yamlExtraDocument,
                        "a second YAML document starts here; the toolkit reads only the first document and ignores the rest of the file",
                        at: start)
                    return
                }
                if !parts.isEmpty { parts[parts.count - 1].end = start }
                if !firstOnly && !parts.isEmpty {
                    for part in parts { emit(finish(part)) }
                    parts.removeAll()
                    openPart(at: start)
                } else {
                    openPart(at: parts.isEmpty ? YAMLMark(line: 1, column: 1) : start)
                }
                composer.startDocument()
            case .success(.documentEnd(_, let explicit)):
                var root = composer.root
                if let node = root, node.text == "", node.style == .plain, node.tag == nil, node.anchor == nil {
                    root = nil  // `---` with nothing (or only comments) after it: an empty document
                }
                closePart(root: root)
                parts[parts.count - 1].explicitEnd = explicit
            case .success(.streamEnd):
                if let invalid = source.invalid { reportCut(invalid) }
                return
            case .success(let event):
                guard !parts.isEmpty, composer.handle(event) else {
                    // A fatal problem: the document is unusable, and libyaml cannot resynchronise.
                    closePart(root: nil)
                    let stop = composer.stoppedAt ?? parts[parts.count - 1].start
                    parts[parts.count - 1].end = source.documentMarker(after: stop)
                    return
                }
            case .failure(let failure):
                reportFailure(failure)
                return
            }
        }
    }

    private mutating func openPart(at start: YAMLMark) {
        parts.append(Part(start: start, findings: YAMLFindingList(path: path)))
    }

    /// Ends the open document (if any) with `root`, taking over what the composer found in it.
    private mutating func closePart(root: YAMLNode?) {
        guard let index = parts.indices.last, !parts[index].closed else { return }
        parts[index].findings.merge(composer.takeFindings())
        parts[index].root = root
        parts[index].closed = true
    }

    /// libyaml stopped: a syntax error (or a tab, or the end of the valid text) in the open
    /// document, or in text after the first document, which the toolkit never reads.
    private mutating func reportFailure(_ failure: LibYAMLEventReader.Failure) {
        let mark = failure.mark ?? source.mark(atByteOffset: failure.byteOffset)
        if let invalid = source.invalid, mark >= invalid.mark {
            reportCut(invalid)
            return
        }
        if parts.last?.closed ?? true {
            if firstOnly && !parts.isEmpty {
                report(.yamlExtraDocument, Self.afterFirstDocument, at: mark)
                return
            }
            openPart(at: parts.isEmpty ? YAMLMark(line: 1, column: 1) : mark)
        }
        closePart(root: nil)
        let index = parts.count - 1
        parts[index].end = source.documentMarker(after: mark)
        if failure.isReaderError {
            report(.yamlNotText, "the file is not valid text: \(failure.problem)", at: mark)
        } else if source.character(at: mark) == "\t" {
            parts[index].tabError = mark
            report(
                .yamlTabIndent,
                "tab character used for indentation; YAML allows only spaces (the toolkit says \"\(failure.problem)\")",
                at: mark)
        } else {
            var message = failure.problem
            if let context = failure.context, let contextMark = failure.contextMark {
                message += " (\(context) started at \(contextMark.spelledOut))"
            }
            report(.yamlSyntax, message, at: mark, hint: Self.syntaxHint(failure.problem))
        }
    }

    /// libyaml saw only the text before the first invalid byte. The document that the cut went
    /// through cannot be trusted; text after a closed first document is merely ignored.
    private mutating func reportCut(_ invalid: YAMLSource.InvalidText) {
        if let last = parts.last, last.closed && last.explicitEnd {
            // The last document ended with `...`; the bad bytes come after it.
            if firstOnly {
                report(.yamlExtraDocument, Self.afterFirstDocument, at: invalid.mark)
                return
            }
            openPart(at: invalid.mark)
        }
        if parts.isEmpty { openPart(at: YAMLMark(line: 1, column: 1)) }
        closePart(root: nil)
        parts[parts.count - 1].root = nil
        report(.yamlNotText, "the file is not text: \(invalid.what)", at: invalid.mark, hint: invalid.hint)
    }

    /// The document with what the source scan found inside its range, in position order.
    func finish(_ part: Part) -> YAMLDocument {
        var findings = part.findings
        let end = part.end ?? YAMLMark(line: .max, column: .max)
        for space in source.noBreakSpaces(from: part.start, to: end) {
            let message: String
            switch space.place {
            case .indentation:
                message = "no-break space (U+00A0) in the indentation: YAML reads it as text, so it becomes part of the key or value after it"
            case .afterIndicator(":"):
                message = "no-break space (U+00A0) after ':': YAML needs an ordinary space there to separate the key from its value"
            case .afterIndicator(let indicator):
                message = "no-break space (U+00A0) after '\(indicator)': YAML needs an ordinary space there to start a list item"
            case .text:
                continue  // inside a scalar: the composer reported it as a key or a value
            }
            findings.add(.yamlNoBreakSpace, message, at: space.mark)
        }
        if let tabError = part.tabError {
            for tab in source.tabIndents where tab > tabError && tab < end {
                findings.add(.yamlTabIndent, "tab character used for indentation; YAML allows only spaces", at: tab)
            }
        }
        return YAMLDocument(root: part.root, findings: findings.sorted, omissions: findings.list.omissions)
    }

    private mutating func report(_ check: Check, _ message: String, at mark: YAMLMark, hint: String? = nil) {
        if parts.isEmpty { openPart(at: YAMLMark(line: 1, column: 1)) }
        let index = check == .yamlExtraDocument ? 0 : parts.count - 1
        parts[index].findings.add(check, message, at: mark, hint: hint)
    }

    /// What to change, for libyaml's commonest complaints.
    static func syntaxHint(_ problem: String) -> String? {
        let hints: [(String, String)] = [
            ("could not find expected ':'", "a line inside a mapping needs `key: value`: add the ': ', or quote the text"),
            ("did not find expected key", "line this entry up with the other keys of its mapping, or quote a value that contains ': ' or starts with a special character"),
            ("mapping values are not allowed", "an unquoted ': ' inside a value starts a new key: quote the value, or put the nested mapping on its own lines"),
            ("unexpected end of stream", "a quote or bracket is not closed"),
            ("did not find expected ','", "separate the items inside [ ] or { } with ', ' and close the bracket"),
            ("cannot start any token", "quote the value: an unquoted value cannot start with `@` or a backtick"),
            ("unknown escape character", "inside double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes"),
            ("block sequence entries are not allowed", "put the list on its own lines, indented under its key"),
            ("expected <document start>", "after `...` a new document must start with `---`"),
            ("undefined tag handle", "use a standard tag such as !!str, or quote the value"),
            ("expected node content", "a value is missing here, or a character such as `,` `]` `}` `|` `>` needs quoting"),
        ]
        return hints.first { problem.contains($0.0) }?.1
    }
}
