import CXLintSyntax

/// An assistant export: a dialog skill, an actions skill, or a whole assistant
/// (`assistant_skills`), with every `connect_to_agent` found in it.
public struct AssistantExport: Sendable {
    public enum Kind: String, Sendable {
        case dialogSkill = "dialog skill"
        case actionsSkill = "actions skill"
        case assistant = "assistant export"
    }

    public var file: SourceID
    public var kind: Kind
    public var name: String?
    public var transfers: [Transfer]
    /// The document's root range, where assistant-wide findings point.
    public var range: SourceRange

    public init(file: SourceID, kind: Kind, name: String?, transfers: [Transfer], range: SourceRange) {
        self.file = file
        self.kind = kind
        self.name = name
        self.transfers = transfers
        self.range = range
    }
}

/// One `connect_to_agent` response: from an actions step's resolver or from an
/// `output.generic[]` entry (dialog nodes and action steps).
public struct Transfer: Sendable {
    public enum Origin: String, Sendable {
        case resolver
        case outputGeneric = "output.generic"
    }

    public var origin: Origin
    /// RFC 6901 pointer to the transfer's fields: the resolver's `response` or the generic entry.
    public var pointer: String
    /// The object holding `transfer_info`, `agent_available`, ... (the resolver's `response` or the generic entry).
    public var body: Node
    /// Where `connect_to_agent` is written, for findings about the transfer as a whole.
    public var typeRange: SourceRange
    /// The title of the action or dialog node holding the transfer, for messages.
    public var ownerTitle: String?

    public init(origin: Origin, pointer: String, body: Node, typeRange: SourceRange, ownerTitle: String?) {
        self.origin = origin
        self.pointer = pointer
        self.body = body
        self.typeRange = typeRange
        self.ownerTitle = ownerTitle
    }

    public var transferInfo: MappingEntry? { body.entry("transfer_info") }
    public var target: MappingEntry? { transferInfo?.value.entry("target") }
    public var niceCXone: MappingEntry? { target?.value.entry("nice_cxone") }
    public var customData: MappingEntry? { niceCXone?.value.entry("custom_data") }

    /// "action \"Connect to agent\"" or the pointer when there is no title.
    public var displayName: String {
        ownerTitle.map { "\"\($0)\"" } ?? pointer
    }
}
