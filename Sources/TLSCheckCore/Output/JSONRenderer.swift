/// The documented JSON schema (docs/json.md). Field names are stable; `version` changes only when a
/// field changes meaning or goes away.
public struct JSONRenderer: Sendable {
    public static let schemaVersion = 1

    public var workingDirectory: String

    public init(workingDirectory: String = "") { self.workingDirectory = workingDirectory }

    struct Document: Encodable {
        let version: Int
        let tool: String
        let inputs: [String]
        let findings: [Item]
        let summary: Summary
    }

    struct Item: Encodable {
        let severity: String
        let code: String
        let message: String
        let path: String
        let line: Int?
        let column: Int?
        let hint: String?
    }

    struct Summary: Encodable {
        let errors: Int
        let warnings: Int
        let notes: Int
        let inputs: Int
        /// Findings counted in the totals but not listed (past the cap per file and code); absent when 0.
        let omitted: Int?

        init(_ report: Report) {
            errors = report.count(.error)
            warnings = report.count(.warning)
            notes = report.count(.info)
            inputs = report.inputs.count
            omitted = report.omittedCount > 0 ? report.omittedCount : nil
        }
    }

    public func render(_ report: Report) -> String {
        var text = ""
        render(report, to: &text)
        return text
    }

    /// The document as `JSON.encode` prints it, the findings written one at a time.
    public func render(_ report: Report, to out: inout some TextOutputStream) {
        let document = Document(
            version: Self.schemaVersion, tool: "tlscheck",
            inputs: report.inputs.map { Paths.display($0, relativeTo: workingDirectory) },
            findings: [], summary: Summary(report))
        JSON.write(document, filling: "findings", with: report.sorted, item, to: &out)
        out.write("\n")
    }

    func item(_ f: Finding) -> Item {
        Item(
            severity: f.severity.rawValue, code: f.code, message: f.message,
            path: Paths.display(f.location.path, relativeTo: workingDirectory),
            line: f.location.line, column: f.location.column, hint: f.hint)
    }
}

public enum JSON {
    /// Pretty, key-sorted JSON text of an Encodable value (stable for diffs and tests).
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        encode(value, with: encoder(pretty: pretty))
    }

    static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder) -> String {
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `document` exactly as `encode` prints it, but with the array under `key` (empty in `document`)
    /// filled one element at a time from `elements`: a report of any length is never held whole as
    /// text (SARIF of 400,000 findings took 4.9 KB a finding that way).
    static func write<Document: Encodable, Element, Item: Encodable>(
        _ document: Document, filling key: String, with elements: some Sequence<Element>,
        _ item: (Element) -> Item, to out: inout some TextOutputStream
    ) {
        let text = encode(document)
        // JSONEncoder prints an empty array as `[`, an empty line, and `]` at the key's indentation.
        guard let open = text.firstRange(of: "\"\(key)\" : [\n\n"),
            let close = text[open.upperBound...].firstIndex(of: "]")
        else { return out.write(text) }
        let indent = String(text[open.upperBound..<close])
        out.write(String(text[..<open.upperBound].dropLast()))
        writeElements(elements, indent: indent + "  ", to: &out, item)
        out.write("\n" + indent + String(text[close...]))
    }

    /// Pretty elements of an array, `indent` deep, separated by commas (nothing for none). They are
    /// encoded 512 at a time: one `JSONEncoder` call per element doubled the time of a large report.
    static func writeElements<Element, Item: Encodable>(
        _ elements: some Sequence<Element>, indent: String, to out: inout some TextOutputStream, _ item: (Element) -> Item
    ) {
        let encoder = encoder()
        // Inside the encoded batch `[…]`, elements sit two spaces deep; they need `indent`.
        let prefix = Array(indent.utf8.dropFirst(2))
        var batch: [Item] = []
        var first = true
        func flush() {
            guard !batch.isEmpty, let data = try? encoder.encode(batch) else { return }
            // Bytes, not Characters: splitting 130 MB of JSON into lines took half of a large report's
            // time. Lines between `[` and `]` are re-indented (JSON strings never hold a raw line
            // feed); empty lines stay empty.
            let bytes = [UInt8](data)
            guard let open = bytes.firstIndex(of: 0x0A), let close = bytes.lastIndex(of: 0x0A), open < close else { return }
            var text: [UInt8] = first ? [] : Array(",\n".utf8)
            text.reserveCapacity(text.count + close - open + batch.count * 16 * prefix.count)
            var lineStart = true
            for byte in bytes[(open + 1)..<close] {
                if lineStart && byte != 0x0A { text += prefix }
                text.append(byte)
                lineStart = byte == 0x0A
            }
            out.write(String(decoding: text, as: UTF8.self))
            first = false
            batch.removeAll(keepingCapacity: true)
        }
        for element in elements {
            batch.append(item(element))
            if batch.count == 512 { flush() }
        }
        flush()
    }
}
