/// Kubernetes manifests read one top-level value at a time, and a List's `items` one item at a time:
/// a `kubectl get secrets -A -o yaml` of any length costs the nodes of one item, not of the whole
/// list (the input itself stays in memory; libyaml reads it from a copy).
///
/// `kubectl` prints `items` before `kind`, so an item is handed over before the document's kind is
/// known; the document's other top-level values follow when it ends, and the caller decides then
/// what the items were.
struct ManifestStream {
    enum Part {
        /// An item of a document's top-level `items` sequence.
        case item(YAMLNode)
        /// A document's top-level entries other than `items`, once it has ended (first key wins).
        case document(fields: [String: YAMLNode])
    }

    /// Hands each part to `visit`, in order. Returns why the YAML could not be read to its end (as
    /// findings at their place): reading stops at the first such problem, after what came before it.
    static func read(_ bytes: [UInt8], path: String, visit: (Part) -> Void) -> [Finding] {
        var stream = ManifestStream(bytes, path: path)
        stream.run(visit)
        return stream.problems
    }

    private let path: String
    private let source: YAMLSource
    private let reader: LibYAMLEventReader
    private var composer: YAMLComposer
    private var problems: [Finding] = []

    private init(_ bytes: [UInt8], path: String) {
        self.path = path
        source = YAMLSource(bytes)
        reader = LibYAMLEventReader(source.parsableBytes)
        composer = YAMLComposer(path: path, limits: .default, source: source)
    }

    /// Where the reader is inside a document.
    private enum Place {
        /// Before the root node.
        case start
        /// The root is not a mapping: composed whole.
        case wholeRoot
        /// In the root mapping, before a key.
        case key
        /// In the root mapping, after `key` (nil: a key that is not a string).
        case value(String?)
        /// Inside the root's `items` sequence.
        case items
    }

    private mutating func run(_ visit: (Part) -> Void) {
        var place = Place.start
        var fields: [String: YAMLNode] = [:]
        // Events of the subtree being composed, by depth; nil when none is.
        var depth: Int?
        while true {
            let event: LibYAMLEventReader.Event
            switch reader.next() {
            case .success(let next): event = next
            case .failure(let failure):
                let mark = failure.mark ?? source.mark(atByteOffset: failure.byteOffset)
                var message = failure.problem
                if let context = failure.context, let contextMark = failure.contextMark {
                    message += " (\(context) started at \(contextMark.spelledOut))"
                }
                problem(message, at: mark)
                return
            }
            switch event {
            case .streamStart:
                continue
            case .streamEnd:
                if let invalid = source.invalid { problem("the file is not text: \(invalid.what)", at: invalid.mark) }
                return
            case .documentStart:
                composer.startDocument()
                place = .start
                fields = [:]
                continue
            case .documentEnd:
                if case .wholeRoot = place, let pairs = composer.root?.pairs {
                    for pair in pairs { if let key = pair.key.text, fields[key] == nil { fields[key] = pair.value } }
                }
                visit(.document(fields: fields))
                takeComposerProblems()
                continue
            default:
                break
            }
            // A subtree being composed: every event goes to the composer until it is whole.
            if depth == nil {
                switch (place, event) {
                case (.start, .collectionStart(let collection)) where collection.isMapping:
                    place = .key
                    continue
                case (.start, _):
                    place = .wholeRoot
                case (.key, .collectionEnd):
                    place = .start  // the root mapping ends
                    continue
                case (.items, .collectionEnd):
                    place = .key
                    continue
                case (.key, .scalar(let scalar)):
                    place = .value(scalar.text)
                    continue
                case (.value("items"), .collectionStart(let collection)) where !collection.isMapping:
                    place = .items
                    continue
                default:
                    break
                }
                depth = 0
            }
            guard composer.handle(event) else {
                takeComposerProblems()
                return
            }
            switch event {
            case .collectionStart: depth! += 1
            case .collectionEnd: depth! -= 1
            default: break
            }
            guard depth == 0 else { continue }
            depth = nil
            switch place {
            case .wholeRoot: continue  // taken at the document's end
            case .key: place = .value(nil)  // a complex key, composed and ignored
            case .value(let key):
                if let key, let node = composer.root, fields[key] == nil { fields[key] = node }
                place = .key
            case .items:
                if let node = composer.root { visit(.item(node)) }
            case .start: break
            }
        }
    }

    private mutating func takeComposerProblems() {
        for finding in composer.takeFindings().list.listed where finding.severity == .error {
            problems.append(finding)
        }
    }

    private mutating func problem(_ message: String, at mark: YAMLMark) {
        problems.append(Finding(.yamlSyntax, message, at: mark.location(in: path)))
    }
}
