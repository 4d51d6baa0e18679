/// An RFC 6901 JSON Pointer, e.g. `/workspace/actions/3/steps/0/resolver`,
/// used to name where something sits inside a JSON document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)

        /// The reference token as it appears in the pointer, before escaping.
        public var token: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = JSONPointer()

    public func appending(_ key: String) -> JSONPointer { JSONPointer(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(components + [.index(index)]) }

    public static func / (pointer: JSONPointer, key: String) -> JSONPointer { pointer.appending(key) }
    public static func / (pointer: JSONPointer, index: Int) -> JSONPointer { pointer.appending(index) }

    /// The pointer text: empty for the whole document, otherwise `/`-prefixed escaped tokens.
    public var string: String {
        // Gathered as bytes and made a String once: appending to a String costs more per
        // piece than most tokens are long.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * components.count)
        for component in components {
            bytes.append(UInt8(ascii: "/"))
            switch component {
            case .key(let key): JSONPointer.appendEscaped(key, to: &bytes)
            case .index(let index): JSONPointer.appendDecimal(index, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { string }

    /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1` (in that order, per RFC 6901 §3).
    public static func escape(_ token: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(token, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 0 else { return bytes.append(contentsOf: Array(String(value).utf8)) }
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// `escape` as UTF-8 bytes: `~` and `/` are ASCII, so no other scalar's bytes hold
    /// theirs, and byte by byte is scalar by scalar here.
    static func appendEscaped(_ token: String, to bytes: inout [UInt8]) {
        var token = token
        token.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "~"):
                    bytes.append(UInt8(ascii: "~"))
                    bytes.append(UInt8(ascii: "0"))
                case UInt8(ascii: "/"):
                    bytes.append(UInt8(ascii: "~"))
                    bytes.append(UInt8(ascii: "1"))
                default:
                    bytes.append(byte)
                }
            }
        }
    }

    /// Undoes `escape`; nil when a `~` is not followed by `0` or `1`.
    public static func unescape(_ token: String) -> String? {
        guard token.contains("~") else { return token }
        var result = ""
        var iterator = token.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "~" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch iterator.next() {
            case "0": result += "~"
            case "1": result += "/"
            default: return nil
            }
        }
        return result
    }

    /// Parses pointer text. Every token is kept as a key: whether `3` is an index
    /// depends on the document, which `resolve(in:)` consults.
    public init?(parsing text: String) {
        if text.isEmpty {
            self.init()
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var components: [Component] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = JSONPointer.unescape(String(raw)) else { return nil }
            components.append(.key(token))
        }
        self.init(components)
    }

    /// The node this pointer names under `root`, or nil. A mapping with a repeated key
    /// resolves to the last entry, as JSON readers do.
    public func resolve(in root: Node) -> Node? {
        var node = root
        for component in components {
            switch node.value {
            case .mapping:
                guard let child = node[component.token] else { return nil }
                node = child
            case .sequence(let items):
                guard let index = JSONPointer.arrayIndex(component), items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// An array index token: decimal digits without leading zeros (RFC 6901 §4).
    private static func arrayIndex(_ component: Component) -> Int? {
        switch component {
        case .index(let index):
            return index
        case .key(let key):
            guard let first = key.utf8.first, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                first != 0x30 || key.utf8.count == 1
            else { return nil }
            return Int(key)
        }
    }
}

extension JSONPointer {
    /// The pointer to the deepest mapping value or list item whose range holds
    /// `offset` (a key counts as part of its entry), found by walking the tree
    /// from the root without recursion. Names where a finding sits, so that a
    /// suppression by pointer covers everything under the node it names.
    /// `file`: the JSON the tree was read from, to read the containers a sparse
    /// read left unread (`JSONReader.read(_:in:)`) on the way.
    public static func locate(offset: Int, in root: Node, file: SourceFile? = nil) -> JSONPointer {
        var pointer = JSONPointer()
        var node = root
        descending: while true {
            if case .unread = node.value, let file { node = JSONReader.read(node, in: file) }
            switch node.value {
            case .mapping(let entries):
                guard let entry = entries.last(where: { $0.key.range.start.offset <= offset && offset < max($0.value.range.end.offset, $0.key.range.end.offset) })
                else { break descending }
                pointer.components.append(.key(entry.keyText))
                node = entry.value
            case .sequence(let items):
                guard let index = items.lastIndex(where: { $0.range.start.offset <= offset && offset < $0.range.end.offset }) else { break descending }
                pointer.components.append(.index(index))
                node = items[index]
            default:
                break descending
            }
        }
        return pointer
    }

    /// Whether `other` names this node or one below it (tokens compared as text,
    /// since a parsed pointer cannot tell `3` the index from `3` the key).
    public func contains(_ other: JSONPointer) -> Bool {
        other.components.count >= components.count
            && zip(components, other.components).allSatisfy { $0.token == $1.token }
    }
}
