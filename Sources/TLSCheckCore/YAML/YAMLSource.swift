/// The raw text of a YAML input, normalised to UTF-8 without a byte-order mark, and what one pass
/// over its lines finds that libyaml either rejects with a vague message or accepts silently:
/// bytes that are not text, tabs in indentation, no-break spaces (U+00A0), document markers.
///
/// Lines and columns follow libyaml's counting, so they match node marks: line breaks are LF, CR,
/// CR LF, U+0085, U+2028 and U+2029; columns count Unicode scalars.
struct YAMLSource {
    /// The text as UTF-8, without a leading BOM (UTF-16 input with a BOM is transcoded).
    let bytes: [UInt8]
    /// The first character libyaml would refuse; libyaml is given only the bytes before it.
    private(set) var invalid: InvalidText?
    /// The first tab in the leading whitespace of each line that has something after it.
    private(set) var tabIndents: [YAMLMark] = []
    /// Every U+00A0, in order.
    private(set) var noBreakSpaces: [NoBreakSpace] = []
    /// `---` at the start of a line: where a new document starts.
    private(set) var documentMarkers: [YAMLMark] = []

    struct InvalidText {
        let offset: Int
        let mark: YAMLMark
        /// What is wrong, e.g. "a NUL byte (0x00)".
        let what: String
        /// Why this usually happens and what to do.
        let hint: String
    }

    struct NoBreakSpace {
        enum Place { case indentation, afterIndicator(Character), text }
        let mark: YAMLMark
        let place: Place
    }

    /// The bytes libyaml parses: everything before the first invalid character.
    var parsableBytes: ArraySlice<UInt8> { bytes[..<(invalid?.offset ?? bytes.count)] }

    init(_ input: [UInt8]) {
        var utf16Error: Int?
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = Array(input.dropFirst(3))
        } else if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            (bytes, utf16Error) = Self.transcodeUTF16(input)
        } else {
            bytes = input
        }
        scan(stoppingAt: utf16Error)
    }

    /// UTF-16 with a BOM (what Windows PowerShell 5 writes with `>`), as libyaml and go-yaml accept it.
    /// Returns the UTF-8 text and, if the UTF-16 was broken, the offset in it where it broke.
    private static func transcodeUTF16(_ input: [UInt8]) -> ([UInt8], Int?) {
        let bigEndian = input[0] == 0xFE
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2)
        var index = 2
        while index + 1 < input.count {
            let pair = (UInt16(input[index]), UInt16(input[index + 1]))
            units.append(bigEndian ? pair.0 << 8 | pair.1 : pair.1 << 8 | pair.0)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): output.append(contentsOf: String(scalar).utf8)
            case .emptyInput: return (output, input.count % 2 == 1 ? output.count : nil)
            case .error: return (output, output.count)
            }
        }
    }

    private mutating func scan(stoppingAt utf16Error: Int?) {
        var line = 1, column = 1
        var inIndentation = true  // nothing but spaces, tabs and U+00A0 so far on this line
        var indentationTab: YAMLMark?
        var indentationHasNoBreakSpace = false
        var contentColumn = 0  // column of the line's first non-blank character
        var previous: UInt8 = 0  // previous character if ASCII, else 0
        var lineHasContent = false

        func endLine() {
            if let tab = indentationTab, lineHasContent { tabIndents.append(tab) }
            line += 1
            column = 1
            inIndentation = true
            indentationTab = nil
            indentationHasNoBreakSpace = false
            contentColumn = 0
            previous = 0
            lineHasContent = false
        }
        func refuse(_ offset: Int, _ what: String, _ hint: String) {
            invalid = InvalidText(offset: offset, mark: YAMLMark(line: line, column: column), what: what, hint: hint)
        }
        let binaryHint =
            "this looks like a binary file (a DER certificate, a key store, an archive?), not YAML text; check the path"
        let encodingHint =
            "save the file as UTF-8; it was probably written in another encoding such as Latin-1 or Windows-1252"

        let count = utf16Error ?? bytes.count
        bytes.withUnsafeBufferPointer { text in
            var i = 0
            while i < count {
                let byte = text[i]
                if byte < 0x80 {
                    switch byte {
                    case 0x0A:
                        endLine()
                        i += 1
                        continue
                    case 0x0D:
                        endLine()
                        i += i + 1 < count && text[i + 1] == 0x0A ? 2 : 1
                        continue
                    case 0x20:
                        break
                    case 0x09:
                        if inIndentation && indentationTab == nil {
                            indentationTab = YAMLMark(line: line, column: column)
                        }
                    case 0x21...0x7E:
                        if inIndentation {
                            inIndentation = false
                            lineHasContent = true
                            contentColumn = column
                            if column == 1 && byte == UInt8(ascii: "-") && i + 2 < count
                                && text[i + 1] == byte && text[i + 2] == byte
                                && (i + 3 == count || [0x20, 0x09, 0x0A, 0x0D].contains(text[i + 3]))
                            {
                                documentMarkers.append(YAMLMark(line: line, column: 1))
                            }
                        }
                    case 0x00:
                        refuse(i, "a NUL byte (0x00)", binaryHint)
                        return
                    default:
                        refuse(i, "control character 0x\(hex(byte))", binaryHint)
                        return
                    }
                    previous = byte
                    column += 1
                    i += 1
                    continue
                }
                // A multi-byte UTF-8 sequence, checked as libyaml's reader checks it.
                let width = byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : byte & 0xF8 == 0xF0 ? 4 : 0
                guard width > 0, i + width <= count else {
                    refuse(i, "invalid UTF-8 (byte 0x\(hex(byte)))", width > 0 ? encodingHint : binaryHint)
                    return
                }
                var scalar = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<width {
                    let next = text[i + k]
                    guard next & 0xC0 == 0x80 else {
                        refuse(i, "invalid UTF-8 (byte 0x\(hex(byte)) then 0x\(hex(next)))", encodingHint)
                        return
                    }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                let shortest: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
                guard scalar >= shortest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                    refuse(i, "invalid UTF-8 (byte 0x\(hex(byte)))", encodingHint)
                    return
                }
                switch scalar {
                case 0x85, 0x2028, 0x2029:
                    endLine()
                    i += width
                    continue
                case 0xA0:
                    if inIndentation {
                        if !indentationHasNoBreakSpace {
                            noBreakSpaces.append(NoBreakSpace(mark: YAMLMark(line: line, column: column), place: .indentation))
                            indentationHasNoBreakSpace = true
                        }
                    } else {
                        let followsIndicator =
                            previous == UInt8(ascii: ":")
                            || (previous == UInt8(ascii: "-") || previous == UInt8(ascii: "?"))
                                && column == contentColumn + 1
                        let place: NoBreakSpace.Place =
                            followsIndicator ? .afterIndicator(Character(Unicode.Scalar(previous))) : .text
                        noBreakSpaces.append(NoBreakSpace(mark: YAMLMark(line: line, column: column), place: place))
                    }
                case 0x80...0x9F, 0xFFFE, 0xFFFF:
                    refuse(i, "control character U+\(hex(scalar))", binaryHint)
                    return
                default:
                    if inIndentation {
                        inIndentation = false
                        lineHasContent = true
                        contentColumn = column
                    }
                }
                previous = 0
                column += 1
                i += width
            }
            if utf16Error != nil {
                refuse(count, "invalid UTF-16 text", encodingHint)
            }
        }
        // The last line has no line break after it.
        if let tab = indentationTab, lineHasContent { tabIndents.append(tab) }
    }

    /// The recorded U+00A0s with `start <= mark < end`.
    func noBreakSpaces(from start: YAMLMark, to end: YAMLMark) -> ArraySlice<NoBreakSpace> {
        var low = 0, high = noBreakSpaces.count
        while low < high {
            let middle = (low + high) / 2
            if noBreakSpaces[middle].mark < start { low = middle + 1 } else { high = middle }
        }
        var upper = low
        while upper < noBreakSpaces.count && noBreakSpaces[upper].mark < end { upper += 1 }
        return noBreakSpaces[low..<upper]
    }

    /// The character at `mark` (a linear walk: used once, for an error position).
    func character(at mark: YAMLMark) -> Unicode.Scalar? {
        var found: Unicode.Scalar?
        walk { _, at, scalar in
            if at == mark { found = scalar }
            return at < mark
        }
        return found
    }

    /// The mark of the character at byte `offset` (a linear walk: used once, for an error position).
    func mark(atByteOffset offset: Int) -> YAMLMark {
        var result = YAMLMark(line: 1, column: 1)
        walk { at, mark, _ in
            result = mark
            return at < offset
        }
        return result
    }

    /// Visits each character of the parsable text with its byte offset and mark (then once more at
    /// the end, with a nil character) while `visit` returns true.
    private func walk(_ visit: (Int, YAMLMark, Unicode.Scalar?) -> Bool) {
        var line = 1, column = 1, offset = 0
        var previousWasCR = false
        for scalar in String(decoding: parsableBytes, as: UTF8.self).unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            if previousWasCR && scalar == "\n" {
                previousWasCR = false
                continue
            }
            guard visit(offset, YAMLMark(line: line, column: column), scalar) else { return }
            previousWasCR = scalar == "\r"
            if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        _ = visit(offset, YAMLMark(line: line, column: column), nil)
    }

    /// The first document marker (`---`) after `mark`, if any.
    func documentMarker(after mark: YAMLMark) -> YAMLMark? {
        documentMarkers.first { $0.line > mark.line }
    }
}

private func hex<T: BinaryInteger>(_ value: T) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, (value > 0xFF ? 4 : 2) - digits.count)) + digits
}
