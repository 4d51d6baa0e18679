import CXLintSyntax
import Foundation

/// Recognises assistant exports by content and finds every `connect_to_agent`.
public enum AssistantExportLoader {
    public static func kind(of root: Node) -> AssistantExport.Kind? {
        if root["assistant_skills"]?.sequenceItems != nil { return .assistant }
        if let workspace = root["workspace"], workspace.mappingEntries != nil {
            if workspace["actions"]?.sequenceItems != nil { return .actionsSkill }
            if workspace["dialog_nodes"]?.sequenceItems != nil { return .dialogSkill }
        }
        if root["dialog_nodes"]?.sequenceItems != nil { return .dialogSkill }
        if root["actions"]?.sequenceItems != nil, root["intents"] != nil || root["metadata"] != nil || root["variables"] != nil {
            return .actionsSkill
        }
        return nil
    }

    public static func recognizes(_ root: Node) -> Bool { kind(of: root) != nil }

    /// Whether a document holds a `connect_to_agent` response anywhere (as
    /// `response_type` in a dialog node, `type` in an action step): a file
    /// that is not an export but has one is a piece of an export saved alone.
    public static func containsConnectToAgent(_ root: Node) -> Bool {
        var pending = [root]
        while let node = pending.popLast() {
            if let entries = node.mappingEntries {
                for entry in entries {
                    if entry.keyText == "response_type" || entry.keyText == "type", entry.value.stringValue == "connect_to_agent" { return true }
                    pending.append(entry.value)
                }
            } else if let items = node.sequenceItems {
                pending += items
            }
        }
        return false
    }

    /// What a sparse read of a JSON export keeps: the containers that may hold a
    /// transfer, everything inside a transfer, and the first three levels, where
    /// `kind(of:)` and the name are read.
    public static func sparseReading(of json: [UInt8]) -> SparseReading {
        SparseReading(sites: TransferSites(json).offsets, keptDepth: 3)
    }

    /// `root`: a whole tree or one read by `sparseReading(of:)`.
    public static func load(_ root: Node, file: SourceID) -> (AssistantExport, [Diagnostic]) {
        var problems = StructureReport(file: file)
        let kind = kind(of: root)
        if kind == nil {
            problems.add("not an assistant export: expected \"workspace\", \"dialog_nodes\" or \"assistant_skills\"", at: root.range)
        }
        let export = AssistantExport(
            file: file, kind: kind ?? .actionsSkill, name: root["name"]?.stringValue,
            transfers: findTransfers(in: root), range: root.range)
        return (export, problems.diagnostics)
    }

    /// One linear walk over the whole document with an explicit stack; it finds
    /// transfers wherever they sit (steps, handlers, dialog nodes, nested skills).
    /// Containers a sparse read left unread hold none.
    static func findTransfers(in root: Node) -> [Transfer] {
        var walk = TransferWalk()
        walk.enter(root, inheritedTitle: nil)
        walk.run()
        return walk.transfers
    }

    /// The walk's state: one frame per open mapping or list, holding its
    /// children and the one being walked, rather than a copy of every pending
    /// child. The open frames spell the path to the current node, so a path is
    /// built only for a transfer and nothing is recorded per node.
    struct TransferWalk {
        struct Frame {
            var entries: [MappingEntry] = []
            var items: [Node] = []
            var isMapping: Bool
            /// Index of the child being walked; -1 before the first.
            var current = -1
            /// The owner title its children inherit.
            var title: String?

            var component: JSONPointer.Component { isMapping ? .key(entries[current].keyText) : .index(current) }
        }

        var transfers: [Transfer] = []
        var stack: [Frame] = []

        mutating func run() {
            while let top = stack.indices.last {
                stack[top].current += 1
                let (index, title) = (stack[top].current, stack[top].title)
                // Scalars (most nodes) hold no transfer and open nothing: they are skipped without a copy.
                if stack[top].isMapping, index < stack[top].entries.count {
                    if mayHoldTransfer(stack[top].entries[index].value) { enter(stack[top].entries[index].value, inheritedTitle: title) }
                } else if !stack[top].isMapping, index < stack[top].items.count {
                    if mayHoldTransfer(stack[top].items[index]) { enter(stack[top].items[index], inheritedTitle: title) }
                } else {
                    stack.removeLast()
                }
            }
        }

        /// Scalars hold no transfer, nor does an unread container.
        func mayHoldTransfer(_ node: Node) -> Bool {
            switch node.value {
            case .mapping, .sequence: true
            default: false
            }
        }

        /// Looks at one node (pre-order, as the document reads) and opens it when it has children.
        mutating func enter(_ node: Node, inheritedTitle: String?) {
            switch node.value {
            case .mapping(let entries):
                let keys = KeyedEntries(entries)
                let title = keys.ownerTitle ?? inheritedTitle
                if let transfer = transfer(at: node, keys, ownerTitle: title) { transfers.append(transfer) }
                stack.append(Frame(entries: entries, isMapping: true, title: title))
            case .sequence(let items):
                stack.append(Frame(items: items, isMapping: false, title: inheritedTitle))
            default:
                break
            }
        }

        /// The path of the node being entered: the current child of every open container.
        var path: [JSONPointer.Component] { stack.map(\.component) }

        /// Whether the node being entered is the value of a `resolver` key.
        var isResolver: Bool {
            guard let parent = stack.last, parent.isMapping else { return false }
            return parent.entries[parent.current].keyText == "resolver"
        }

        func transfer(at node: Node, _ keys: KeyedEntries, ownerTitle: String?) -> Transfer? {
            if let type = keys.responseTypeEntry, type.value.stringValue == "connect_to_agent" {
                return Transfer(
                    origin: .outputGeneric, pointer: JSONPointer(path).string, body: node,
                    typeRange: type.value.range, ownerTitle: ownerTitle)
            }
            guard let type = keys.typeEntry, type.value.stringValue == "connect_to_agent", isResolver else { return nil }
            let response = keys.responseEntry
            return Transfer(
                origin: .resolver, pointer: JSONPointer(path + (response == nil ? [] : [.key("response")])).string,
                body: response?.value ?? node, typeRange: type.value.range, ownerTitle: ownerTitle)
        }
    }

    /// The entries of one mapping the walk asks about, found in one pass
    /// (the last one when a key repeats, as `Node.entry` answers). Positions,
    /// not entries, are kept: entries are large to copy.
    struct KeyedEntries {
        let entries: [MappingEntry]
        private var steps = -1, dialogNode = -1, title = -1, action = -1, responseType = -1, type = -1, response = -1

        init(_ entries: [MappingEntry]) {
            self.entries = entries
            for (index, entry) in entries.enumerated() {
                let key = entry.keyText
                // Most keys are none of these: their length rules them out without a string comparison.
                // (No other spelling is canonically equivalent to these ASCII names, so lengths must match.)
                switch key.utf8.count {
                case 4: if key == "type" { type = index }
                case 5: if key == "steps" { steps = index } else if key == "title" { title = index }
                case 6: if key == "action" { action = index }
                case 8: if key == "response" { response = index }
                case 11: if key == "dialog_node" { dialogNode = index }
                case 13: if key == "response_type" { responseType = index }
                default: break
                }
            }
        }

        private func entry(_ index: Int) -> MappingEntry? { index >= 0 ? entries[index] : nil }

        var responseTypeEntry: MappingEntry? { entry(responseType) }
        var typeEntry: MappingEntry? { entry(type) }
        var responseEntry: MappingEntry? { entry(response) }

        /// Actions carry `title`, dialog nodes `title` or their `dialog_node` ID.
        var ownerTitle: String? {
            guard steps >= 0 || dialogNode >= 0 else { return nil }
            return entry(title)?.value.stringValue ?? entry(dialogNode)?.value.stringValue ?? entry(action)?.value.stringValue
        }
    }

    /// Where a transfer's `"connect_to_agent"` value may be written in a JSON file: every
    /// place those bytes appear, and every `\u` escape (the only JSON escape that spells a
    /// letter, so the only other way to write them; ASCII letters have no other canonically
    /// equivalent spelling). A container whose range holds none of them holds no transfer:
    /// a sparse read leaves most of an export (intents, entities, response texts) unread.
    struct TransferSites {
        /// Byte offsets of the sites, ascending.
        let offsets: [Int]

        static let value = Array("connect_to_agent".utf8)

        init(_ bytes: [UInt8]) {
            offsets = bytes.withUnsafeBufferPointer { buffer in
                (Self.offsets(of: Self.value, in: buffer) + Self.escapeOffsets(in: buffer)).sorted()
            }
        }

        /// Every offset of `needle` (at least two bytes) in `bytes`, by Horspool's search: the
        /// byte under the needle's end says how far it can move, most often its whole length.
        static func offsets(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
            let length = needle.count
            var shift = [Int](repeating: length, count: 256)
            for (index, byte) in needle.dropLast().enumerated() { shift[Int(byte)] = length - 1 - index }
            var found: [Int] = []
            var start = 0
            while start + length <= bytes.count {
                let last = bytes[start + length - 1]
                if last == needle[length - 1], needle.elementsEqual(bytes[start..<(start + length)]) { found.append(start) }
                start += shift[Int(last)]
            }
            return found
        }

        /// Every offset of `\u` in `bytes`, from backslash to backslash with the C library's `memchr`.
        static func escapeOffsets(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
            guard let base = bytes.baseAddress else { return [] }
            var found: [Int] = []
            var start = 0
            while start < bytes.count, let hit = memchr(base + start, Int32(UInt8(ascii: "\\")), bytes.count - start) {
                let offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") { found.append(offset) }
                start = offset + 1
            }
            return found
        }
    }
}
