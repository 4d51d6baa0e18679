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
    public var file: String
    public var range: SourceRange
    public var message: String

    public init(file: String, range: SourceRange, message: String) {
        self.file = file
        self.range = range
        self.message = message
    }
}

/// A byte-exact replacement that fixes a finding.
public struct TextEdit: Sendable, Hashable, Codable {
    public var file: String
    public var range: SourceRange
    public var replacement: String

    public init(file: String, range: SourceRange, replacement: String) {
        self.file = file
        self.range = range
        self.replacement = replacement
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
    public var rule: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var range: SourceRange
    public var related: [RelatedLocation]
    public var fixes: [Fix]

    public init(
        rule: String, severity: Severity, message: String, file: String, range: SourceRange,
        related: [RelatedLocation] = [], fixes: [Fix] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.related = related
        self.fixes = fixes
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

/// The IDs of findings that loading produces, before any rule runs.
public enum SyntaxRuleID {
    public static let syntaxError = "syntax-error"
    public static let duplicateKey = "duplicate-key"
}
