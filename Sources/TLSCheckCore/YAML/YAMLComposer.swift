/// Builds nodes from libyaml's node events, one document at a time, the way go-yaml v2 composes
/// them: anchors and aliases (with bounded expansion), `<<` merges, duplicate keys (first one
/// kept), explicit tags, and U+00A0 inside keys and values. Iterative: nesting costs heap, not stack.
struct YAMLComposer {
    let path: String
    let limits: YAMLLimits
    let source: YAMLSource

    /// The finished root node, once the document's events are complete.
    private(set) var root: YAMLNode?
    private(set) var findings: YAMLFindingList

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    /// Anchors on collections still being built (an alias to one would contain itself).
    private var openAnchors: [String: Int] = [:]
    /// Where composing stopped for good (after a fatal problem).
    private(set) var stoppedAt: YAMLMark?
    /// Nodes added by alias expansion so far, over all documents of the input.
    private var aliasExpansion = 0

    /// A collection being built.
    private struct Frame {
        let collection: LibYAMLEventReader.Collection
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var pendingKeyIsDuplicate = false
        /// Key text → index in `pairs`, kept once the mapping is big enough that a linear search is slow.
        var keyIndex: [String: Int] = [:]
        var hasMerge = false
        var expandedSize = 1
        var height = 1
        var lastEnd: YAMLMark?

        /// Adds a finished child node. Returns the earlier key when `node` repeats a key of this mapping.
        mutating func add(_ node: YAMLNode) -> YAMLNode? {
            expandedSize += node.expandedSize
            height = max(height, node.height + 1)
            lastEnd = node.end
            guard collection.isMapping else {
                items.append(node)
                return nil
            }
            guard let key = pendingKey else {
                pendingKey = node
                pendingKeyIsDuplicate = false
                guard case .scalar(let text, _) = node.content else { return nil }
                if YAMLComposer.isMergeKey(node) {
                    hasMerge = true  // merge keys may repeat
                    return nil
                }
                let first = firstKey(text)
                pendingKeyIsDuplicate = first != nil
                return first
            }
            pendingKey = nil
            if !pendingKeyIsDuplicate { pairs.append(YAMLPair(key: key, value: node)) }
            return nil
        }

        /// The earlier key with this text; nil when it is new (it will be the next pair's key).
        private mutating func firstKey(_ text: String) -> YAMLNode? {
            if pairs.count < 16 {  // almost every mapping: a linear search is cheapest
                return pairs.first { $0.key.text == text && !YAMLComposer.isMergeKey($0.key) }?.key
            }
            if keyIndex.isEmpty {
                for (index, pair) in pairs.enumerated() where !YAMLComposer.isMergeKey(pair.key) {
                    if let text = pair.key.text, keyIndex[text] == nil { keyIndex[text] = index }
                }
            }
            guard let index = keyIndex.updateValue(pairs.count, forKey: text) else { return nil }
            keyIndex[text] = index  // keep pointing at the first
            return pairs[index].key
        }
    }

    init(path: String, limits: YAMLLimits, source: YAMLSource) {
        self.path = path
        self.limits = limits
        self.source = source
        findings = YAMLFindingList(path: path)
    }

    /// Anchors are scoped to a document.
    mutating func startDocument() {
        root = nil
        findings = YAMLFindingList(path: path)
        stack = []
        anchors = [:]
        openAnchors = [:]
    }

    /// Hands over what was found so far (to the document it belongs to).
    mutating func takeFindings() -> YAMLFindingList {
        defer { findings = YAMLFindingList(path: path) }
        return findings
    }

    /// Takes one node event. Returns false after a fatal problem (recorded in `findings`): the
    /// document is unusable and reading must stop.
    mutating func handle(_ event: LibYAMLEventReader.Event) -> Bool {
        switch event {
        case .scalar(let scalar):
            let node = YAMLNode(
                .scalar(scalar.text, scalar.style), start: scalar.start, end: scalar.end, tag: scalar.tag,
                anchor: scalar.anchor)
            if scalar.tag != nil, let problem = node.resolution?.tagError {
                report(.yamlTagMismatch, problem, at: scalar.start)
            }
            if !source.noBreakSpaces.isEmpty { reportNoBreakSpaces(in: node) }
            if let anchor = scalar.anchor { anchors[anchor] = node }
            attach(node)
        case .alias(let name, let start, let end):
            guard let target = anchors[name], openAnchors[name, default: 0] == 0 else {
                let problem =
                    openAnchors[name, default: 0] > 0
                    ? "anchor \(quoted(name)) value contains itself" : "unknown anchor \(quoted(name)) referenced"
                report(
                    .yamlSyntax, problem, at: start,
                    hint: "define the anchor with &\(name) before this *\(name), in the same document, outside the node it names")
                stoppedAt = start
                return false
            }
            aliasExpansion += target.expandedSize
            if aliasExpansion > limits.maxAliasExpansion {
                let limit = limits.maxAliasExpansion
                report(
                    .yamlAliasLimit,
                    "alias *\(name) brings the nodes added by aliases to more than \(limit); tlscheck stops reading here",
                    at: start)
                stoppedAt = start
                return false
            }
            if stack.count + target.height > limits.maxDepth {
                reportTooDeep(at: start)
                return false
            }
            attach(YAMLNode(aliasOf: target, name: name, start: start, end: end))
        case .collectionStart(let collection):
            if stack.count >= limits.maxDepth {
                reportTooDeep(at: collection.start)
                return false
            }
            if let anchor = collection.anchor { openAnchors[anchor, default: 0] += 1 }
            stack.append(Frame(collection: collection))
        case .collectionEnd(let end):
            guard let frame = stack.popLast() else { return true }
            let collection = frame.collection
            if let anchor = collection.anchor { openAnchors[anchor, default: 1] -= 1 }
            let content: YAMLNode.Content = collection.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let node = YAMLNode(
                content, start: collection.start, end: collection.isFlow ? end : frame.lastEnd ?? end,
                tag: collection.tag, anchor: collection.anchor,
                mergedPairs: frame.hasMerge ? merged(frame.pairs) : nil, expandedSize: frame.expandedSize,
                height: frame.height)
            if let anchor = collection.anchor { anchors[anchor] = node }
            attach(node)
        case .streamStart, .streamEnd, .documentStart, .documentEnd:
            break
        }
        return true
    }

    private mutating func attach(_ node: YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        if let first = stack[stack.count - 1].add(node), let text = node.text {
            report(.yamlDuplicateKey, "duplicate key \(quoted(text)) (first defined at \(first.start.spelledOut))", at: node.start)
        }
    }

    /// go-yaml's `isMerge`: a plain, untagged `<<` (or one tagged `!!merge`).
    static func isMergeKey(_ node: YAMLNode) -> Bool {
        node.text == "<<" && (node.tag == "!!merge" || node.tag == nil && node.style == .plain)
    }

    /// The pairs of a mapping with `<<` keys replaced by the pairs they merge in: explicit keys win
    /// wherever they are written, and an earlier merged mapping wins over a later one.
    private mutating func merged(_ pairs: [YAMLPair]) -> [YAMLPair] {
        var taken = Set(pairs.lazy.filter { !Self.isMergeKey($0.key) }.compactMap { $0.key.text })
        var result: [YAMLPair] = []
        for pair in pairs {
            guard Self.isMergeKey(pair.key) else {
                result.append(pair)
                continue
            }
            for mapping in mergeSources(pair.value) {
                for merged in mapping.pairs ?? [] {
                    if let text = merged.key.text, !taken.insert(text).inserted { continue }
                    result.append(merged)
                }
            }
        }
        return result
    }

    /// The mappings a `<<` value names, or none (and a finding) when go-yaml would refuse it.
    private mutating func mergeSources(_ value: YAMLNode) -> [YAMLNode] {
        switch value.content {
        case .mapping:
            return [value]
        case .sequence(let items):
            if let wrong = items.first(where: { $0.pairs == nil }) {
                report(.yamlMergeInvalid, "a list after the merge key << may hold only mappings, not \(wrong.typeName)", at: wrong.start)
                return []
            }
            return items
        case .scalar:
            report(.yamlMergeInvalid, "the merge key << needs a mapping or a list of mappings, not \(value.typeName)", at: value.start)
            return []
        }
    }

    /// U+00A0 inside a scalar that the source scan did not already report (indentation, after `:`).
    private mutating func reportNoBreakSpaces(in node: YAMLNode) {
        let isKey = stack.last.map { $0.collection.isMapping && $0.pendingKey == nil } ?? false
        for space in source.noBreakSpaces(from: node.start, to: node.end) {
            guard case .text = space.place, let text = node.text else { continue }
            if isKey {
                report(
                    .yamlNoBreakSpace,
                    "no-break space (U+00A0) inside the key \(quoted(text)): the toolkit reads it as part of the key name",
                    at: space.mark)
            } else {
                report(
                    .yamlNoBreakSpace,
                    "no-break space (U+00A0) inside the value \(quoted(text)): the toolkit keeps it as part of the value",
                    at: space.mark, severity: .warning)
            }
        }
    }

    private mutating func reportTooDeep(at mark: YAMLMark) {
        stoppedAt = mark
        let limit = limits.maxDepth
        report(.yamlTooDeep, "collections nested deeper than \(limit) levels; tlscheck stops reading here", at: mark)
    }

    private mutating func report(
        _ check: Check, _ message: @autoclosure () -> String, at mark: YAMLMark, hint: String? = nil,
        severity: Severity? = nil
    ) {
        findings.add(check, message(), at: mark, hint: hint, severity: severity)
    }
}

/// A key or value for a message, Go-style: `"cert_file"`, with U+00A0 and control characters escaped.
func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\u{A0}": result += "\\u00a0"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
            result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                + String(scalar.value, radix: 16)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
