internal import CYAML

/// libyaml's event parser (`yaml_parser_parse`) over a copy of the input, handing out Swift values.
/// Owns the C parser and the input copy and frees both in `deinit`; it is used by one parse call on
/// one thread and never shared, so it is deliberately not `Sendable`.
final class LibYAMLEventReader {
    enum Event {
        case streamStart
        case streamEnd(YAMLMark)
        case documentStart(YAMLMark, explicit: Bool)
        case documentEnd(YAMLMark, explicit: Bool)
        case alias(String, start: YAMLMark, end: YAMLMark)
        case scalar(Scalar)
        case collectionStart(Collection)
        case collectionEnd(end: YAMLMark)
    }

    struct Scalar {
        let text: String
        let style: YAMLScalarStyle
        let tag: String?
        let anchor: String?
        let start: YAMLMark
        let end: YAMLMark
    }

    struct Collection {
        let isMapping: Bool
        let isFlow: Bool
        let tag: String?
        let anchor: String?
        let start: YAMLMark
    }

    /// libyaml's own description of why it stopped.
    struct Failure: Error {
        /// A reader error: the input bytes are not valid text (libyaml reports a byte offset only).
        let isReaderError: Bool
        let problem: String
        let mark: YAMLMark?
        let context: String?
        let contextMark: YAMLMark?
        let byteOffset: Int
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var failed: Bool

    init(_ bytes: ArraySlice<UInt8>) {
        // libyaml reads from the buffer lazily, so it must live as long as the parser: keep a copy.
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        // Fails only when out of memory (and leaves the parser zeroed); `next()` then reports that.
        failed = yaml_parser_initialize(parser) == 0
        if !failed {
            yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or libyaml's error. After an error there are no more events.
    func next() -> Result<Event, Failure> {
        if failed { return .failure(failure()) }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            failed = true
            return .failure(failure())
        }
        defer { yaml_event_delete(&event) }
        let start = Self.mark(event.start_mark), end = Self.mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .success(.streamStart)
        case YAML_STREAM_END_EVENT:
            return .success(.streamEnd(start))
        case YAML_DOCUMENT_START_EVENT:
            return .success(.documentStart(start, explicit: event.data.document_start.implicit == 0))
        case YAML_DOCUMENT_END_EVENT:
            return .success(.documentEnd(end, explicit: event.data.document_end.implicit == 0))
        case YAML_ALIAS_EVENT:
            return .success(.alias(Self.string(event.data.alias.anchor) ?? "", start: start, end: end))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.length == 0
                ? "" : String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let style: YAMLScalarStyle =
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            return .success(
                .scalar(
                    Scalar(
                        text: text, style: style, tag: Self.tag(scalar.tag), anchor: Self.string(scalar.anchor),
                        start: start, end: end)))
        case YAML_SEQUENCE_START_EVENT:
            let sequence = event.data.sequence_start
            return .success(
                .collectionStart(
                    Collection(
                        isMapping: false, isFlow: sequence.style == YAML_FLOW_SEQUENCE_STYLE,
                        tag: Self.tag(sequence.tag), anchor: Self.string(sequence.anchor), start: start)))
        case YAML_MAPPING_START_EVENT:
            let mapping = event.data.mapping_start
            return .success(
                .collectionStart(
                    Collection(
                        isMapping: true, isFlow: mapping.style == YAML_FLOW_MAPPING_STYLE,
                        tag: Self.tag(mapping.tag), anchor: Self.string(mapping.anchor), start: start)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return .success(.collectionEnd(end: end))
        default:
            failed = true
            return .failure(
                Failure(
                    isReaderError: false, problem: "unexpected libyaml event \(event.type.rawValue)", mark: start,
                    context: nil, contextMark: nil, byteOffset: 0))
        }
    }

    private func failure() -> Failure {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML"
        switch p.error {
        case YAML_READER_ERROR:
            return Failure(
                isReaderError: true, problem: problem, mark: nil, context: nil, contextMark: nil,
                byteOffset: p.problem_offset)
        case YAML_MEMORY_ERROR:
            return Failure(
                isReaderError: false, problem: "out of memory", mark: nil, context: nil, contextMark: nil,
                byteOffset: 0)
        default:
            let context = p.context.map { String(cString: $0) }
            return Failure(
                isReaderError: false, problem: problem, mark: Self.mark(p.problem_mark), context: context,
                contextMark: context == nil ? nil : Self.mark(p.context_mark), byteOffset: 0)
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: mark.line + 1, column: mark.column + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// `tag:yaml.org,2002:str` → `!!str`; local tags (`!foo`) stay as written.
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag = string(pointer) else { return nil }
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
