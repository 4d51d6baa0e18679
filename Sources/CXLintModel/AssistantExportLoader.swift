import CXLintSyntax

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

    public static func load(_ root: Node, file: String) -> (AssistantExport, [Diagnostic]) {
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
    static func findTransfers(in root: Node) -> [Transfer] {
        struct Frame {
            var node: Node
            /// Index of this node's path segment in `segments` (-1 for the root).
            var segment: Int
            var ownerTitle: String?
        }
        // Paths share their prefixes: each segment points at its parent's, and a
        // whole path is spelled out only for a transfer. Copying `path + [key]` for
        // every node cost time in the depth of the document at every node.
        var segments: [(parent: Int, key: String)] = []
        func path(to segment: Int) -> [String] {
            var keys: [String] = []
            var current = segment
            while current >= 0 {
                keys.append(segments[current].key)
                current = segments[current].parent
            }
            return keys.reversed()
        }
        var transfers: [Transfer] = []
        var stack = [Frame(node: root, segment: -1, ownerTitle: nil)]
        while let frame = stack.popLast() {
            switch frame.node.value {
            case .mapping(let entries):
                let title = ownerTitle(of: frame.node) ?? frame.ownerTitle
                let last = frame.segment >= 0 ? segments[frame.segment].key : nil
                if isTransfer(frame.node, lastKey: last),
                   let transfer = transfer(at: frame.node, path: path(to: frame.segment), ownerTitle: title) {
                    transfers.append(transfer)
                }
                for entry in entries.reversed() {
                    segments.append((frame.segment, entry.keyText))
                    stack.append(Frame(node: entry.value, segment: segments.count - 1, ownerTitle: title))
                }
            case .sequence(let items):
                for (index, item) in items.enumerated().reversed() {
                    segments.append((frame.segment, String(index)))
                    stack.append(Frame(node: item, segment: segments.count - 1, ownerTitle: frame.ownerTitle))
                }
            default:
                break
            }
        }
        return transfers
    }

    /// The cheap test `transfer(at:)` starts with, so paths are built only for transfers.
    static func isTransfer(_ node: Node, lastKey: String?) -> Bool {
        if node.entry("response_type")?.value.stringValue == "connect_to_agent" { return true }
        return lastKey == "resolver" && node.entry("type")?.value.stringValue == "connect_to_agent"
    }

    /// Actions carry `title`, dialog nodes `title` or their `dialog_node` ID.
    static func ownerTitle(of node: Node) -> String? {
        if node["steps"] != nil || node["dialog_node"] != nil {
            return node["title"]?.stringValue ?? node["dialog_node"]?.stringValue ?? node["action"]?.stringValue
        }
        return nil
    }

    static func transfer(at node: Node, path: [String], ownerTitle: String?) -> Transfer? {
        if let type = node.entry("response_type"), type.value.stringValue == "connect_to_agent" {
            return Transfer(
                origin: .outputGeneric, pointer: JSONPointer(path.map { .key($0) }).string, body: node,
                typeRange: type.value.range, ownerTitle: ownerTitle)
        }
        if path.last == "resolver", let type = node.entry("type"), type.value.stringValue == "connect_to_agent" {
            let response = node.entry("response")
            return Transfer(
                origin: .resolver, pointer: JSONPointer((path + (response == nil ? [] : ["response"])).map { .key($0) }).string,
                body: response?.value ?? node, typeRange: type.value.range, ownerTitle: ownerTitle)
        }
        return nil
    }
}
