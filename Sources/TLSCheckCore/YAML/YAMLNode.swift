/// A position in a YAML file: 1-based line, and 1-based column counted in Unicode scalars (as libyaml
/// and editors that show "column" for UTF-8 text count them).
public struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: YAMLMark, b: YAMLMark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// "line 2, column 3", for messages that point at another place in the same file.
    public var spelledOut: String { "line \(line), column \(column)" }

    /// This mark as a finding location in `path`.
    public func location(in path: String) -> Location {
        Location(path: path, line: line, column: column)
    }
}

public enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// What a scalar means to go-yaml v2 (YAML 1.1 rules), the parser exporter-toolkit uses.
public enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Also integers beyond `Int` (go-yaml keeps them as `uint64`; `typeName` still says `!!int`).
    case float(Double)
    case string(String)
}

public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// One node of a YAML document with its position. Immutable, so it can be shared freely; an alias is
/// a node of its own (with the alias's position) that shares the anchored node's children.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, YAMLScalarStyle)
        case sequence([YAMLNode])
        /// The pairs as written (a repeated key is dropped, the first one kept), `<<` included.
        case mapping([YAMLPair])
    }

    public let content: Content
    /// Where the node starts (at its anchor or tag if it has one; an alias at the `*`).
    public let start: YAMLMark
    /// Just after the node's last character (for a block collection: the end of its last entry).
    public let end: YAMLMark
    /// Explicit tag in short form (`!!str`, `!local`), or nil.
    public var tag: String? { extras?.tag }
    /// The anchor defined on this node (`&name`), if any.
    public var anchor: String? { extras?.anchor }
    /// For a node that stands for an alias (`*name`): the anchor name.
    public var alias: String? { extras?.alias }

    /// Mapping pairs after `<<` merges, when the mapping had a merge key (nil otherwise: the pairs as written).
    var mergedPairs: [YAMLPair]? { extras?.mergedPairs }
    /// Nodes in this subtree with every alias expanded (bounds alias expansion).
    let expandedSize: Int
    /// Levels of collections in this subtree with aliases expanded (0 for a scalar).
    let height: Int
    /// What few nodes have, kept apart so that the common node stays small (large inputs have millions).
    private let extras: Extras?

    private final class Extras: Sendable {
        let tag: String?
        let anchor: String?
        let alias: String?
        let mergedPairs: [YAMLPair]?

        init(tag: String?, anchor: String?, alias: String?, mergedPairs: [YAMLPair]?) {
            self.tag = tag
            self.anchor = anchor
            self.alias = alias
            self.mergedPairs = mergedPairs
        }
    }

    init(
        _ content: Content, start: YAMLMark, end: YAMLMark, tag: String? = nil, anchor: String? = nil,
        alias: String? = nil, mergedPairs: [YAMLPair]? = nil, expandedSize: Int = 1, height: Int = 0
    ) {
        self.content = content
        self.start = start
        self.end = end
        self.expandedSize = expandedSize
        self.height = height
        let plain = tag == nil && anchor == nil && alias == nil && mergedPairs == nil
        extras = plain ? nil : Extras(tag: tag, anchor: anchor, alias: alias, mergedPairs: mergedPairs)
    }

    /// A node standing for `*name` at the alias's own position, sharing `target`'s content.
    convenience init(aliasOf target: YAMLNode, name: String, start: YAMLMark, end: YAMLMark) {
        self.init(
            target.content, start: start, end: end, tag: target.tag, alias: name,
            mergedPairs: target.mergedPairs, expandedSize: target.expandedSize, height: target.height)
    }

    /// The scalar text (nil for collections).
    public var text: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var style: YAMLScalarStyle? {
        if case .scalar(_, let style) = content { return style }
        return nil
    }

    /// The scalar's meaning as go-yaml v2 resolves it (nil for collections): quotes make a string,
    /// explicit tags (`!!str`, `!!int`, `!!bool`, `!!float`, `!!null`) are honoured.
    public var value: YAMLValue? { resolution?.value }

    /// go-yaml's word for the node's type, as its messages print it: `!!str`, `!!int`, `!!bool`,
    /// `!!float`, `!!null`, `!!timestamp`, `!!seq`, `!!map` (or an unknown explicit tag).
    public var typeName: String {
        switch content {
        case .scalar: resolution?.typeName ?? "!!str"
        case .sequence: "!!seq"
        case .mapping: "!!map"
        }
    }

    /// A null scalar: `~`, `null`, `Null`, `NULL`, an empty plain scalar (`key:`), or `!!null`.
    public var isNull: Bool { value == .null }

    public var isScalar: Bool { text != nil }

    /// Mapping pairs after `<<` merge-key resolution (explicit keys win, earlier merged maps win over
    /// later ones), in document order; nil for scalars and sequences.
    public var pairs: [YAMLPair]? {
        if let mergedPairs { return mergedPairs }
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// Sequence items; nil for scalars and mappings.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pair whose scalar key text is `key` (after merges), for the key's own position.
    public func pair(_ key: String) -> YAMLPair? {
        pairs?.first { $0.key.text == key }
    }

    /// The value for scalar key text `key` (after merges); nil when absent or not a mapping.
    public subscript(key: String) -> YAMLNode? { pair(key)?.value }

    var resolution: YAMLScalarResolver.Resolution? {
        guard case .scalar(let text, let style) = content else { return nil }
        return YAMLScalarResolver.resolve(text, style: style, tag: tag)
    }
}

/// One YAML document: its root node (nil when empty, comment-only or unusable) and what was wrong
/// (at most `FindingList.perCode` findings of each code; the rest counted in `omissions`).
public struct YAMLDocument: Sendable {
    public let root: YAMLNode?
    public let findings: [Finding]
    public let omissions: [FindingList.Omission]

    public init(root: YAMLNode?, findings: [Finding], omissions: [FindingList.Omission] = []) {
        self.root = root
        self.findings = findings
        self.omissions = omissions
    }

    /// The findings as a list a reader goes on appending to.
    public var findingList: FindingList { FindingList(findings, omissions: omissions) }
}

/// Bounds that keep hostile input from costing time or memory.
public struct YAMLLimits: Sendable {
    /// Most nodes that aliases may add by expansion, summed over the input ("billion laughs" guard).
    public var maxAliasExpansion: Int
    /// Deepest nesting of collections (aliases expanded).
    public var maxDepth: Int

    public init(maxAliasExpansion: Int = 100_000, maxDepth: Int = 512) {
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }

    public static let `default` = YAMLLimits()
}
