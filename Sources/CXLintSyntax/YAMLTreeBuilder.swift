import CLibYAML

/// Turns libyaml events into `Node` trees, one per document.
struct YAMLTreeBuilder {
    let file: SourceFile
    let maxAliasNodes: Int
    let maxDepth: Int
    var positions: YAMLPositionMap

    private(set) var documents: [Node] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Set when building must end early (depth limit); the caller stops reading events.
    private(set) var stopped = false

    private var stack: [Frame] = []
    private var collectionDepth = 0
    private var anchors: [String: Anchored] = [:]
    private var aliasNodesProduced = 0
    private var aliasLimitReached = false

    /// An anchored node and how many nodes a copy of it adds (aliases inside counted expanded).
    private struct Anchored {
        var node: Node
        var size: Int
    }

    private enum Kind { case document, sequence, mapping }

    /// A collection (or document) under construction.
    private struct Frame {
        var kind: Kind
        var start: SourceLocation
        var anchor: String?
        var size = 1
        var root: Node?
        var items: [Node] = []
        var entries: [MappingEntry] = []
        /// Entries from `<<` values, with the entry index where they were met.
        var merges: [(index: Int, entries: [MappingEntry])] = []
        var pendingKey: Node?
        var pendingKeyIsMerge = false
        /// First line of each scalar key, for duplicate reports, once the mapping has
        /// `keyIndexThreshold` entries (`hasKeyIndex`; empty before).
        var keyLines: [String: Int] = [:]
        var hasKeyIndex = false

        init(kind: Kind, start: SourceLocation, anchor: String?) {
            self.kind = kind
            self.start = start
            self.anchor = anchor
        }
    }

    init(file: SourceFile, maxAliasNodes: Int, maxDepth: Int) {
        self.file = file
        self.maxAliasNodes = maxAliasNodes
        self.maxDepth = maxDepth
        self.positions = YAMLPositionMap(file: file)
    }

    // MARK: - Events

    mutating func handle(_ event: yaml_event_t) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            stack.append(Frame(kind: .document, start: location(event.start_mark), anchor: nil))
        case YAML_DOCUMENT_END_EVENT:
            if let frame = stack.popLast(), let root = frame.root { documents.append(root) }
        case YAML_SCALAR_EVENT:
            handleScalar(event)
        case YAML_ALIAS_EVENT:
            handleAlias(event)
        case YAML_SEQUENCE_START_EVENT:
            openCollection(.sequence, event, anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            openCollection(.mapping, event, anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            closeCollection(end: location(event.end_mark))
        default:
            break
        }
    }

    private mutating func handleScalar(_ event: yaml_event_t) {
        let data = event.data.scalar
        let text = data.value.map {
            String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
        } ?? ""
        let tag = Self.string(data.tag)
        let plain = data.style == YAML_PLAIN_SCALAR_STYLE
        let kind = YAMLScalarResolver.kind(text: text, plain: plain, tag: tag)
        let node = Node(.scalar(Scalar(text, kind: kind)), range: range(event))
        if let anchor = Self.string(data.anchor) { anchors[anchor] = Anchored(node: node, size: 1) }
        let isMergeKey = text == "<<" && ((plain && tag == nil) || tag == "tag:yaml.org,2002:merge")
        attach(node, size: 1, isMergeKey: isMergeKey)
    }

    private mutating func handleAlias(_ event: yaml_event_t) {
        let aliasRange = range(event)
        let name = Self.string(event.data.alias.anchor) ?? ""
        let placeholder = Node(.scalar(Scalar("", kind: .null)), range: aliasRange)
        guard let anchored = anchors[name] else {
            let message = "alias \"*\(name)\" refers to no anchor defined before it in this document; define \"&\(name)\" first"
            reportError(message, at: aliasRange)
            attach(placeholder, size: 1)
            return
        }
        if aliasLimitReached || aliasNodesProduced + anchored.size > maxAliasNodes {
            if !aliasLimitReached {
                aliasLimitReached = true
                reportError(
                    "alias expansion exceeds \(maxAliasNodes) nodes; aliases past this point are not expanded (is this a billion-laughs document?)",
                    at: aliasRange)
            }
            attach(placeholder, size: 1)
            return
        }
        aliasNodesProduced += anchored.size
        attach(anchored.node, size: anchored.size, isMergeKey: false)
    }

    private mutating func openCollection(_ kind: Kind, _ event: yaml_event_t, anchor: String?) {
        let start = location(event.start_mark)
        if collectionDepth >= maxDepth {
            reportError(
                "nesting is deeper than \(maxDepth) levels; flatten the structure",
                at: SourceRange(start: start, end: location(event.end_mark)))
            stopped = true
            closeOpenFrames(at: start)
            return
        }
        collectionDepth += 1
        stack.append(Frame(kind: kind, start: start, anchor: anchor))
    }

    private mutating func closeCollection(end: SourceLocation) {
        guard let frame = stack.popLast(), frame.kind != .document else { return }
        collectionDepth -= 1
        // An error mark can precede a collection's start; never build an inverted range.
        let range = SourceRange(start: frame.start, end: end.offset < frame.start.offset ? frame.start : end)
        let node: Node
        switch frame.kind {
        case .sequence: node = Node(.sequence(frame.items), range: range)
        default: node = Node(.mapping(Self.applyingMerges(frame)), range: range)
        }
        if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, size: frame.size) }
        attach(node, size: frame.size)
    }

    /// Ends every open frame at `end` (default: end of input) so partial documents are kept.
    mutating func closeOpenFrames(at end: SourceLocation? = nil) {
        let end = end ?? positions.location(charIndex: Int.max)
        while let top = stack.last {
            if top.kind == .document {
                stack.removeLast()
                if let root = top.root { documents.append(root) }
            } else {
                closeCollection(end: end)
            }
        }
    }

    // MARK: - Tree

    private mutating func attach(_ node: Node, size: Int, isMergeKey: Bool = false) {
        guard !stack.isEmpty else { return }
        let top = stack.count - 1
        stack[top].size += size
        switch stack[top].kind {
        case .document:
            stack[top].root = node
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                let merge = stack[top].pendingKeyIsMerge
                stack[top].pendingKey = nil
                if merge {
                    addMerge(value: node, at: top)
                } else {
                    addEntry(MappingEntry(key: key, value: node), at: top)
                }
            } else {
                stack[top].pendingKey = node
                stack[top].pendingKeyIsMerge = isMergeKey
            }
        }
    }

    private mutating func addEntry(_ entry: MappingEntry, at top: Int) {
        if let keyText = entry.key.scalar?.text {
            if let firstLine = firstLine(ofKey: keyText, at: top) {
                diagnostics.append(Diagnostic(
                    rule: SyntaxRuleID.duplicateKey, severity: .error,
                    message: "duplicate key \"\(keyText)\" (first defined at line \(firstLine)); YAML readers keep only the last, remove one",
                    file: file.id, range: entry.key.range))
            } else if stack[top].hasKeyIndex {
                stack[top].keyLines[keyText] = entry.key.range.start.line
            }
        }
        stack[top].entries.append(entry)
    }

    /// The line of the first entry with this key. A small mapping's keys are compared one
    /// by one; from `keyIndexThreshold` entries on they are looked up (hashing a key into
    /// a dictionary cost more than comparing a config's few keys).
    private mutating func firstLine(ofKey keyText: String, at top: Int) -> Int? {
        let entries = stack[top].entries
        guard entries.count >= Self.keyIndexThreshold else {
            return entries.first { $0.key.scalar?.text == keyText }?.key.range.start.line
        }
        if !stack[top].hasKeyIndex {
            stack[top].hasKeyIndex = true
            for entry in entries {
                guard let text = entry.key.scalar?.text, stack[top].keyLines[text] == nil else { continue }
                stack[top].keyLines[text] = entry.key.range.start.line
            }
        }
        return stack[top].keyLines[keyText]
    }

    static let keyIndexThreshold = 16

    private mutating func addMerge(value: Node, at top: Int) {
        var merged: [MappingEntry] = []
        switch value.value {
        case .mapping(let entries):
            merged = entries
        case .sequence(let items):
            for item in items {
                guard let entries = item.mappingEntries else {
                    reportError("a \"<<\" merge list may hold only mappings; this item is \(item.kindDescription)", at: item.range)
                    continue
                }
                merged += entries
            }
        default:
            reportError("a \"<<\" merge key needs a mapping or a list of mappings, not \(value.kindDescription)", at: value.range)
            return
        }
        stack[top].merges.append((stack[top].entries.count, merged))
    }

    /// Explicit keys win over merged ones; among merged ones the first seen wins.
    private static func applyingMerges(_ frame: Frame) -> [MappingEntry] {
        guard !frame.merges.isEmpty else { return frame.entries }
        var taken = Set(frame.entries.compactMap { $0.key.scalar?.text })
        var result: [MappingEntry] = []
        result.reserveCapacity(frame.entries.count)
        var entryIndex = 0
        for merge in frame.merges {
            while entryIndex < merge.index {
                result.append(frame.entries[entryIndex])
                entryIndex += 1
            }
            for entry in merge.entries {
                if let keyText = entry.key.scalar?.text {
                    guard taken.insert(keyText).inserted else { continue }
                }
                result.append(entry)
            }
        }
        result += frame.entries[entryIndex...]
        return result
    }

    // MARK: - Diagnostics

    mutating func reportError(_ message: String, at range: SourceRange) {
        diagnostics.append(Diagnostic(
            rule: SyntaxRuleID.syntaxError, severity: .error, message: message, file: file.id, range: range))
    }

    mutating func reportLibYAMLError(_ parser: yaml_parser_t) {
        let problem = Self.string(parser.problem) ?? "invalid YAML"
        var message = problem
        let at: SourceLocation
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a mark.
            at = positions.location(atOffset: parser.problem_offset)
            if parser.problem_value != -1 {
                message += " (value \(Self.hex(parser.problem_value)))"
            }
        } else if parser.problem != nil {
            at = location(parser.problem_mark)
        } else {
            at = location(parser.context_mark)
        }
        if let context = Self.string(parser.context) {
            let ctx = location(parser.context_mark)
            message += " (\(context) at line \(ctx.line), column \(ctx.column))"
        }
        reportError(message, at: .point(at))
        closeOpenFrames(at: at)
    }

    // MARK: - Helpers

    private mutating func location(_ mark: yaml_mark_t) -> SourceLocation {
        positions.location(charIndex: Int(clamping: mark.index))
    }

    private mutating func range(_ event: yaml_event_t) -> SourceRange {
        SourceRange(start: location(event.start_mark), end: location(event.end_mark))
    }

    /// The value libyaml's reader names in its error, e.g. `0xFF`.
    static func hex(_ value: Int32) -> String {
        let digits = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
        return "0x" + (digits.count % 2 == 1 ? "0" + digits : digits)
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
