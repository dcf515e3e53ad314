/// A configuration (or any text) held in one value of a manifest — a Secret or ConfigMap key, an
/// operator resource's `config` — and how its positions map back to the manifest, so a finding in
/// the embedded web-config points at the manifest line where that text is.
///
/// Block scalars (`|`, `|-`, `>`) map exactly: their content starts on the line after the indicator,
/// at the block's indentation, and folding is replayed line by line. Everything else (base64 under
/// `data`, quoted and plain strings) maps to the key's line, and the message names the inner line:
/// "line 4 of the web-config in Secret monitoring/node-web key web.yml: …". An exact mapping is used
/// only when replaying the block gives back the very text the parser read; otherwise the key's line.
public struct EmbeddedText: Sendable {
    /// The text as the program reads it (decoded from base64 when it was).
    public let bytes: [UInt8]
    /// What it is, for messages: "the web-config in Secret monitoring/node-web key web.yml".
    public var what: String
    /// The key that holds it, in the manifest.
    public let key: Location
    /// Where each run of inner text starts in the manifest; nil: not exact (the key's line).
    private let segments: [Segment]?

    /// A run of inner text that sits on one manifest line.
    struct Segment: Sendable, Hashable {
        var innerLine: Int
        var innerColumn: Int
        var line: Int
        var column: Int
    }

    /// How a value is written in the manifest.
    public enum Encoding: Sendable {
        /// The scalar's text is the content (`stringData`, ConfigMap `data`, an operator's `config`).
        case text
        /// The scalar is base64 of the content (Secret `data`, ConfigMap `binaryData`).
        case base64
    }

    /// `value` is the scalar node holding the text (under `key`), `bytes` the content the program
    /// reads, `source` the manifest's text (nil: map to the key's line).
    public init(
        bytes: [UInt8], value: YAMLNode, key: YAMLNode, path: String, encoding: Encoding, source: ManifestText?,
        what: String
    ) {
        self.init(bytes: bytes, style: value.style, valueStart: value.start, keyStart: key.start, path: path, encoding: encoding,
                  source: source, what: what)
    }

    /// The same from the positions alone (what an inventory of many objects keeps instead of nodes):
    /// the scalar's style and start, and its key's start.
    public init(
        bytes: [UInt8], style: YAMLScalarStyle?, valueStart: YAMLMark, keyStart: YAMLMark, path: String, encoding: Encoding,
        source: ManifestText?, what: String
    ) {
        self.bytes = bytes
        self.what = what
        self.key = keyStart.location(in: path)
        if encoding == .text, let source, let style, style == .literal || style == .folded {
            segments = Self.blockSegments(valueStart, text: bytes, folded: style == .folded, parentIndent: keyStart.column - 1,
                                          source: source)
        } else {
            segments = nil
        }
    }

    /// True when inner positions map to exact manifest lines and columns.
    public var isExact: Bool { segments != nil }

    /// The manifest location of a position in the text; the key's location when not exact.
    public func location(of inner: Location) -> Location {
        guard let segments, let line = inner.line else { return key }
        let column = inner.column ?? 1
        // The last run that starts at or before the position, on its inner line.
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            let s = segments[mid]
            if (s.innerLine, s.innerColumn) <= (line, column) { low = mid + 1 } else { high = mid }
        }
        guard low > 0, segments[low - 1].innerLine == line else {
            // A line the block does not hold (an empty last line): just past the block.
            return Location(path: key.path, line: (segments.last?.line ?? key.line ?? 0) + max(1, line - (segments.last?.innerLine ?? line)),
                            column: inner.column.map { _ in 1 })
        }
        let s = segments[low - 1]
        return Location(path: key.path, line: s.line, column: inner.column.map { s.column + ($0 - s.innerColumn) })
    }

    /// `finding` moved from the embedded text (`innerPath`) to the manifest. When the position is not
    /// exact, the message starts with the inner line and what the text is. Findings about other
    /// paths pass unchanged.
    public func relocate(_ finding: Finding, innerPath: String) -> Finding {
        guard finding.location.path == innerPath else { return finding }
        var moved = finding
        moved.location = location(of: finding.location)
        if !isExact || finding.location.line == nil {
            let line = finding.location.line.map { "line \($0) of " } ?? ""
            moved.message = "\(line)\(what): \(finding.message)"
        }
        return moved
    }

    /// Any location of the embedded text moved to the manifest (facts: a server's origin, a setting).
    public func relocate(_ location: Location, innerPath: String) -> Location {
        location.path == innerPath ? self.location(of: location) : location
    }

    // MARK: Block scalars

    /// The runs of a `|` or `>` block, or nil when replaying it does not give `text` back.
    private static func blockSegments(
        _ start: YAMLMark, text: [UInt8], folded: Bool, parentIndent: Int, source: ManifestText
    ) -> [Segment]? {
        let headerLine = start.line
        guard let header = source.line(headerLine) else { return nil }
        // The header after the indicator: chomping (+/-) and an indentation digit, in either order.
        let headerScalars = Array(String(decoding: header, as: UTF8.self).unicodeScalars)
        guard let indicator = headerScalars.indices.first(where: { $0 >= start.column - 1 && (headerScalars[$0] == "|" || headerScalars[$0] == ">") })
        else { return nil }
        var explicitIndent: Int?
        for scalar in headerScalars[(indicator + 1)...].prefix(2) {
            if let digit = Int(String(scalar)), digit > 0 { explicitIndent = parentIndent + digit }
        }
        // The block's lines: blank ones, and those indented at least as deep as the block.
        var lines: [(number: Int, indent: Int, content: ArraySlice<UInt8>)] = []
        var indent = explicitIndent
        var number = headerLine + 1
        while let raw = source.line(number) {
            let spaces = raw.prefix { $0 == 0x20 }.count
            let blank = raw.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !blank {
                if indent == nil { indent = max(spaces, lines.map(\.indent).max() ?? 0, parentIndent + 1) }
                if spaces < indent! { break }
            }
            lines.append((number, spaces, raw))
            number += 1
        }
        guard let indent else { return nil }
        while let last = lines.last, last.content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.removeLast() }

        var segments: [Segment] = []
        var replay: [UInt8] = []
        var innerLine = 1, innerColumn = 1
        var previousMoreIndented: Bool?  // nil before the first content line
        var pendingBreaks = 0  // empty lines since the last content line
        for line in lines {
            let content = line.content.count > indent ? line.content.dropFirst(indent) : []
            if content.isEmpty {
                pendingBreaks += 1
                continue
            }
            let moreIndented = content.first == 0x20 || content.first == 0x09
            if let previous = previousMoreIndented {
                if folded && !previous && !moreIndented {
                    // A single break folds into a space; with empty lines between, it is dropped.
                    if pendingBreaks == 0 {
                        replay.append(0x20)
                        innerColumn += 1
                    }
                } else {
                    pendingBreaks += 1
                }
            }
            if pendingBreaks > 0 {
                replay += Array(repeating: 0x0A, count: pendingBreaks)
                innerLine += pendingBreaks
                innerColumn = 1
            }
            pendingBreaks = 0
            segments.append(Segment(innerLine: innerLine, innerColumn: innerColumn, line: line.number, column: indent + 1))
            replay += content
            innerColumn += content.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            previousMoreIndented = moreIndented
        }
        // Chomping only changes trailing line breaks: compare without them.
        func trimmed<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> C.SubSequence {
            bytes[..<(bytes.lastIndex { $0 != 0x0A }.map { bytes.index(after: $0) } ?? bytes.startIndex)]
        }
        guard trimmed(replay).elementsEqual(trimmed(text)) else { return nil }
        return segments
    }
}

/// The raw text of one manifest file and where its lines start, for `EmbeddedText`. Lines break at
/// LF, CR LF and CR, as libyaml counts them.
public struct ManifestText: Sendable {
    public let path: String
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
            if byte == 0x0A || byte == 0x0D { starts.append(index) }
        }
        lineStarts = starts
    }

    /// The bytes of a 1-based line without its line break; nil past the end.
    public func line(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        guard start < bytes.count || number == 1 else { return nil }
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }
}
