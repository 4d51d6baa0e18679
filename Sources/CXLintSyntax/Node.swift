/// The one tree that YAML, JSON and XML readers all produce.
///
/// Every node keeps its source range; every mapping entry keeps its key's
/// range. Duplicate keys stay in `entries` in source order (the reader also
/// reports them); lookups by key return the last one, as YAML and JSON
/// parsers in the wild do.
public struct Node: Sendable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, range: SourceRange) {
        self.value = value
        self.range = range
    }

    /// Only `element` is boxed: every other payload is already a reference (an array's or
    /// a string's storage), and a box per node was a heap allocation per node.
    public enum Value: Sendable {
        case mapping([MappingEntry])
        case sequence([Node])
        case scalar(Scalar)
        /// XML only.
        indirect case element(Element)
        /// XML only: character data (CDATA included), entities decoded.
        case text(String)
        /// JSON only, from a sparse read (`JSONReader.parse(_:sparse:)`): an object or
        /// array whose members were checked (syntax, duplicate keys) but not kept.
        /// `JSONReader.read(_:in:)` reads it whole.
        case unread(isMapping: Bool)
    }
}

public struct MappingEntry: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }

    /// The key as text (scalar keys; other keys render as empty).
    public var keyText: String { key.scalar?.text ?? "" }
}

public struct Scalar: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case string, number, bool, null
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

public struct XMLAttribute: Sendable {
    public var name: String
    public var value: String
    /// The start tag holding the attribute (the XML parser reports no finer position).
    public var range: SourceRange

    public init(name: String, value: String, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}

public struct Element: Sendable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [Node]
    /// The range of the start tag alone.
    public var startTagRange: SourceRange

    public init(name: String, attributes: [XMLAttribute], children: [Node], startTagRange: SourceRange) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.startTagRange = startTagRange
    }
}

// MARK: - Comparison

extension Node {
    /// Whether `other` holds the same text at the same positions (tests and fuzzing compare
    /// readers with it). A method, not `Equatable`: conforming `Node` made the value
    /// witnesses of every tree operation slower (3% of the instructions of a run).
    public func isSame(as other: Node) -> Bool {
        guard range == other.range else { return false }
        switch (value, other.value) {
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key.isSame(as: $1.key) && $0.value.isSame(as: $1.value) }
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSame(as: $1) }
        case (.scalar(let a), .scalar(let b)):
            return a == b
        case (.element(let a), .element(let b)):
            return a.name == b.name && a.startTagRange == b.startTagRange && a.children.count == b.children.count
                && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
                && a.attributes.map(\.range) == b.attributes.map(\.range) && zip(a.children, b.children).allSatisfy { $0.isSame(as: $1) }
        case (.text(let a), .text(let b)):
            return a == b
        case (.unread(let a), .unread(let b)):
            return a == b
        default:
            return false
        }
    }
}

// MARK: - Convenience accessors

extension Node {
    public var mappingEntries: [MappingEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var sequenceItems: [Node]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    public var element: Element? {
        if case .element(let e) = value { return e }
        return nil
    }

    /// A scalar's text if it is a string scalar.
    public var stringValue: String? {
        if case .scalar(let s) = value, s.kind == .string { return s.text }
        return nil
    }

    /// The entry for `key` in a mapping (the last one when the key repeats).
    public func entry(_ key: String) -> MappingEntry? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.last { $0.keyText == key }
    }

    public subscript(key: String) -> Node? { entry(key)?.value }

    /// A short name for the node's kind, for messages ("a mapping", "a string").
    public var kindDescription: String {
        switch value {
        case .mapping, .unread(isMapping: true): "a mapping"
        case .sequence, .unread(isMapping: false): "a list"
        case .scalar(let s):
            switch s.kind {
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        case .element: "an element"
        case .text: "text"
        }
    }

    // XML helpers

    /// Child elements of an element, in order.
    public var childElements: [Element] {
        guard case .element(let e) = value else { return [] }
        return e.children.compactMap(\.element)
    }

    /// Child element nodes of an element, in order.
    public var childElementNodes: [Node] {
        guard case .element(let e) = value else { return [] }
        return e.children.filter { $0.element != nil }
    }

    /// The first child element with `name`.
    public func child(named name: String) -> Node? {
        guard case .element(let e) = value else { return nil }
        return e.children.first { $0.element?.name == name }
    }

    /// The concatenated text content of an element (or the text of a text node).
    public var textContent: String {
        switch value {
        case .text(let t): return t
        case .element(let e): return e.children.map(\.textContent).joined()
        case .scalar(let s): return s.text
        default: return ""
        }
    }

    /// The range of an element's text content: its first text child through its last,
    /// or the point after the start tag when it is empty.
    public var textContentRange: SourceRange {
        guard case .element(let e) = value else { return range }
        let texts = e.children.filter { if case .text = $0.value { return true } else { return false } }
        if let first = texts.first, let last = texts.last {
            return SourceRange(start: first.range.start, end: last.range.end)
        }
        return .point(e.startTagRange.end)
    }
}

public struct Comment: Sendable, Hashable {
    /// The comment's text without its delimiters.
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// What a reader returns: zero or more documents (YAML streams may hold several)
/// and the syntax findings met on the way. A reader never throws and never crashes;
/// on a syntax error it returns what it could build before the error.
public struct ParseResult: Sendable {
    public var documents: [Node]
    public var diagnostics: [Diagnostic]
    /// Comments met by the reader (XML `<!-- -->`; YAML `#` comments), for inline suppressions.
    public var comments: [Comment]

    public init(documents: [Node], diagnostics: [Diagnostic], comments: [Comment] = []) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.comments = comments
    }

    public var root: Node? { documents.first }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error && $0.rule == SyntaxRuleID.syntaxError } }
}
