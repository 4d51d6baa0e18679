/// How serious a finding is. Ordered so that `error > warning > note`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Another place that explains a finding, e.g. the config line naming a header.
public struct RelatedLocation: Sendable, Hashable, Codable {
    public var file: SourceID
    public var range: SourceRange
    public var message: String

    public init(file: SourceID, range: SourceRange, message: String) {
        self.file = file
        self.range = range
        self.message = message
    }
}

/// A byte-exact replacement that fixes a finding.
public struct TextEdit: Sendable, Hashable, Codable {
    public var file: SourceID
    public var range: SourceRange
    public var replacement: String

    public init(file: SourceID, range: SourceRange, replacement: String) {
        self.file = file
        self.range = range
        self.replacement = replacement
    }
}

/// One action on the path a finding describes, from the entry (BEGIN or the
/// event action) to the offending action: reporters show it as SARIF code
/// flow steps, LSP related information and the canvas's highlighted boxes.
public struct PathStep: Sendable, Hashable, Codable {
    public var file: SourceID
    /// Where the action's type is written.
    public var range: SourceRange
    public var actionID: Int
    /// Upper-cased, e.g. `IF`.
    public var actionType: String
    public var caption: String?
    /// The label of the branch taken out of this action: "" for the default
    /// branch, nil on the last step (the path ends there).
    public var branch: String?
    /// How the step reads on its own: `IF "Support line?" takes False`.
    public var message: String

    public init(file: SourceID, range: SourceRange, actionID: Int, actionType: String, caption: String?, branch: String?, message: String) {
        self.file = file
        self.range = range
        self.actionID = actionID
        self.actionType = actionType
        self.caption = caption
        self.branch = branch
        self.message = message
    }
}

public struct Fix: Sendable, Hashable, Codable {
    public var title: String
    public var edits: [TextEdit]

    public init(title: String, edits: [TextEdit]) {
        self.title = title
        self.edits = edits
    }
}

/// One finding: what is wrong, where, and what to change.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var file: SourceID
    public var range: SourceRange
    public var related: [RelatedLocation]
    public var fixes: [Fix]
    /// For findings about a path through a script: its actions in order; empty otherwise.
    public var path: [PathStep]
    /// What the finding is about, whatever its range points at: `action:ID:TYPE` for a
    /// script's action, `pointer:/a/b` for a node of a config or export. Baselines, SARIF
    /// and the audit identify a finding by it, so fixing one finding never turns another
    /// into a new one. Rules set it when their range can move (a finding about a Placecall
    /// that points at the misplaced Sipputheader); the session derives it otherwise.
    public var subject: String?

    public init(
        rule: RuleID, severity: Severity, message: String, file: SourceID, range: SourceRange,
        related: [RelatedLocation] = [], fixes: [Fix] = [], path: [PathStep] = [], subject: String? = nil
    ) {
        self.subject = subject
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.related = related
        self.fixes = fixes
        self.path = path
    }

    /// Hashes what tells findings apart in practice; `==` still compares everything.
    /// Hashing the related locations, fixes and path steps too (often kilobytes of
    /// text) was most of the cost of the sets that drop a finding two bundles report,
    /// and so was the message: one rule rarely reports twice at one range, and a
    /// message with a non-ASCII character is normalized (NFC) to be hashed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(file)
        hasher.combine(range)
    }
}

extension Diagnostic {
    /// Reporting order: file, then position, then rule.
    public static func reportingOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.range.start != b.range.start { return a.range.start < b.range.start }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}

extension Sequence<Diagnostic> {
    /// `sorted(by: Diagnostic.reportingOrder)`, the same order (ties keep theirs), sorting
    /// small keys: each file's rank among the files, then the start. Sorting the findings
    /// themselves compared their paths as strings and moved whole diagnostics, 5 ms of a
    /// run's serial end on a thousand findings.
    public func sortedForReporting() -> [Diagnostic] {
        let all = Array(self)
        guard all.count > 1 else { return all }
        var rank: [SourceID: Int] = [:]
        for (index, file) in Set(all.map(\.file)).sorted().enumerated() { rank[file] = index }
        let keys = all.indices.map { ReportingKey(file: rank[all[$0].file]!, start: all[$0].range.start, index: $0) }
        let order = keys.sorted { a, b in
            if a.file != b.file { return a.file < b.file }
            if a.start != b.start { return a.start < b.start }
            return Diagnostic.reportingOrder(all[a.index], all[b.index])
        }
        return order.map { all[$0.index] }
    }
}

private struct ReportingKey {
    var file: Int
    var start: SourceLocation
    var index: Int
}

/// The IDs of findings that loading produces, before any rule runs.
public enum SyntaxRuleID {
    public static let syntaxError: RuleID = "syntax-error"
    public static let duplicateKey: RuleID = "duplicate-key"
}

/// A rule's stable kebab-case ID (`contact-id-header-mismatch`): what users
/// suppress and dashboards count. A type of its own, so a rule ID is never
/// confused with a path, a message or a key; rendered as its text.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
