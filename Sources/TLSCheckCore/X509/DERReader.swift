/// A cursor over DER, read the way Go's `golang.org/x/crypto/cryptobyte` reads it: low tag numbers
/// only, definite lengths in their shortest form, at most four length octets. Every read either
/// succeeds and moves past the element or fails and returns nil; nothing traps on bad input.
///
/// Over borrowed memory: valid inside the `withUnsafeBufferPointer` that made it (`read(_:_:)`).
/// Holding the array instead cost a retain and a release for every element read.
struct DERReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        position = start
        self.end = end
    }

    /// `body` with a reader over `bytes`.
    static func read<Result>(_ bytes: [UInt8], _ body: (inout DERReader) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = DERReader(buffer)
            return body(&reader)
        }
    }

    var isEmpty: Bool { position >= end }
    var remaining: Int { end - position }

    /// The content bytes left (for values read as a whole: strings, integers).
    var content: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[position..<end]) }

    func peek(_ tag: UInt8) -> Bool { position < end && bytes[position] == tag }

    /// The next element's tag and content; the header is skipped.
    mutating func readAny() -> (tag: UInt8, content: DERReader)? {
        guard let (tag, headerEnd, elementEnd) = header() else { return nil }
        position = elementEnd
        return (tag, DERReader(bytes, from: headerEnd, to: elementEnd))
    }

    /// The next element, header included (Go's `ReadASN1Element`).
    mutating func readAnyElement() -> (tag: UInt8, element: DERReader)? {
        let start = position
        guard let (tag, _, elementEnd) = header() else { return nil }
        position = elementEnd
        return (tag, DERReader(bytes, from: start, to: elementEnd))
    }

    /// The next element's content when it has `tag` (Go's `ReadASN1`: the element is consumed either way).
    mutating func read(_ tag: UInt8) -> DERReader? {
        guard let (found, content) = readAny(), found == tag else { return nil }
        return content
    }

    mutating func readElement(_ tag: UInt8) -> DERReader? {
        guard let (found, element) = readAnyElement(), found == tag else { return nil }
        return element
    }

    /// `nil` when the element is absent; `.some(nil)` when present but unreadable.
    mutating func readOptional(_ tag: UInt8) -> DERReader?? {
        guard peek(tag) else { return .none }
        return .some(read(tag))
    }

    /// Tag, end of header, end of element; nil when the header is not one Go reads.
    private func header() -> (UInt8, Int, Int)? {
        guard remaining >= 2 else { return nil }
        let tag = bytes[position]
        let lengthByte = bytes[position + 1]
        if tag & 0x1F == 0x1F { return nil }  // high tag numbers: cryptobyte does not read them
        var headerLength = 2
        var length = 0
        if lengthByte & 0x80 == 0 {
            length = Int(lengthByte)
        } else {
            let octets = Int(lengthByte & 0x7F)
            guard octets >= 1, octets <= 4, remaining >= 2 + octets else { return nil }
            for i in 0..<octets { length = length << 8 | Int(bytes[position + 2 + i]) }
            // DER: the shortest form, so no long form below 128 and no leading zero octet.
            guard length >= 128, bytes[position + 2] != 0 else { return nil }
            headerLength += octets
        }
        guard length <= remaining - headerLength else { return nil }
        return (tag, position + headerLength, position + headerLength + length)
    }

    // MARK: Primitive values

    /// An INTEGER's sign (nil when it is not one, or not minimally encoded).
    mutating func readInteger() -> (negative: Bool, content: UnsafeBufferPointer<UInt8>)? {
        guard let value = read(DERTag.integer), Self.isMinimalInteger(value.content) else { return nil }
        return (value.content.first! & 0x80 != 0, value.content)
    }

    /// A small INTEGER (`ReadASN1Integer` into an int64); nil when it does not fit.
    mutating func readSmallInteger(tag: UInt8 = DERTag.integer) -> Int64? {
        guard let value = read(tag), Self.isMinimalInteger(value.content), value.content.count <= 8 else { return nil }
        var result: Int64 = value.content.first! & 0x80 != 0 ? -1 : 0
        for byte in value.content { result = result << 8 | Int64(byte) }
        return result
    }

    static func isMinimalInteger(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = content.first else { return false }
        if content.count > 1 {
            let second = content[1]
            if first == 0 && second & 0x80 == 0 { return false }
            if first == 0xFF && second & 0x80 != 0 { return false }
        }
        return true
    }

    mutating func readBoolean() -> Bool? {
        guard let value = read(DERTag.boolean), value.remaining == 1 else { return nil }
        switch value.content.first! {
        case 0: return false
        case 0xFF: return true
        default: return nil
        }
    }

    /// A BIT STRING's content octets after the unused-bits octet (nil when the padding is wrong).
    mutating func readBitString() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard let value = read(DERTag.bitString), let padding = value.content.first, padding <= 7 else { return nil }
        let data = value.content.dropFirst()
        if data.isEmpty { return padding == 0 ? data : nil }
        guard data.last! & (UInt8(1 << padding) - 1) == 0 else { return nil }
        return data
    }

    /// An OBJECT IDENTIFIER's content octets (nil when malformed: empty, non-minimal or too large
    /// arcs). Compared as bytes: building dotted text for every OID of every certificate was a
    /// tenth of an `expiry` run.
    mutating func readObjectIdentifier() -> UnsafeBufferPointer<UInt8>? {
        guard let value = read(DERTag.objectIdentifier), Self.isObjectIdentifier(value.content) else { return nil }
        return value.content
    }

    /// The same, in dotted form.
    mutating func readObjectIdentifierText() -> String? {
        guard let value = read(DERTag.objectIdentifier) else { return nil }
        return Self.objectIdentifier(value.content)
    }

    /// Go's `ReadASN1ObjectIdentifier` checks: minimal septets, arcs below 2³¹, no unfinished arc.
    static func isObjectIdentifier(_ content: some BidirectionalCollection<UInt8>) -> Bool {
        guard let last = content.last, last & 0x80 == 0 else { return false }
        var current = 0
        var started = false
        for byte in content {
            if !started && byte == 0x80 { return false }
            started = byte & 0x80 != 0
            guard current < 1 << (31 - 7) else { return false }
            current = byte & 0x80 == 0 ? 0 : current << 7 | Int(byte & 0x7F)
        }
        return true
    }

    static func objectIdentifier(_ content: some Collection<UInt8>) -> String? {
        guard !content.isEmpty else { return nil }
        var arcs: [Int] = []
        var current = 0
        var started = false
        for byte in content {
            if !started && byte == 0x80 { return nil }  // a leading zero septet: not minimal
            started = byte & 0x80 != 0
            guard current < 1 << (31 - 7) else { return nil }  // Go reads arcs into 31-bit ints
            current = current << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 {
                arcs.append(current)
                current = 0
            }
        }
        guard !started else { return nil }  // ends inside an arc
        let first = arcs[0]
        let head = first < 80 ? [first / 40, first % 40] : [2, first - 80]
        return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }
}

/// The DER tags the certificate rules read.
enum DERTag {
    static let boolean: UInt8 = 0x01
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06
    static let utf8String: UInt8 = 0x0C
    static let numericString: UInt8 = 0x12
    static let printableString: UInt8 = 0x13
    static let t61String: UInt8 = 0x14
    static let ia5String: UInt8 = 0x16
    static let utcTime: UInt8 = 0x17
    static let generalizedTime: UInt8 = 0x18
    static let bmpString: UInt8 = 0x1E
    static let sequence: UInt8 = 0x30
    static let set: UInt8 = 0x31

    /// `[n]` context-specific, primitive or constructed.
    static func context(_ number: UInt8, constructed: Bool = false) -> UInt8 { 0x80 | (constructed ? 0x20 : 0) | number }
}
