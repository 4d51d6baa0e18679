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
        for component in components {
            bytes.append(UInt8(ascii: "/"))
            bytes += JSONPointer.escape(component.token).utf8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { string }

    /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1` (in that order, per RFC 6901 §3).
    public static func escape(_ token: String) -> String {
        token.utf8.allSatisfy { $0 < 0x80 } ? escapeASCII(token) : escapeText(token)
    }

    /// `escapeText` of an ASCII token, byte by byte: there a byte is a character, and
    /// looking for `~` and `/` character by character cost more than the rest of a pointer.
    static func escapeASCII(_ token: String) -> String {
        let tilde = UInt8(ascii: "~"), slash = UInt8(ascii: "/")
        guard token.utf8.contains(where: { $0 == tilde || $0 == slash }) else { return token }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(token.utf8.count + 2)
        for byte in token.utf8 {
            switch byte {
            case tilde: escaped += [tilde, UInt8(ascii: "0")]
            case slash: escaped += [tilde, UInt8(ascii: "1")]
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    static func escapeText(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var escaped = ""
        escaped.reserveCapacity(token.utf8.count + 2)
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
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
    public static func locate(offset: Int, in root: Node) -> JSONPointer {
        var pointer = JSONPointer()
        var node = root
        descending: while true {
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
