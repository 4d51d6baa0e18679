import CXLintModel
import CXLintSyntax

/// A check. Rules are values: the engine calls `check` once per bundle, and
/// a rule returns its findings at its default severity.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ context: LintContext) -> [Diagnostic]
}

extension Rule {
    public var description: RuleDescription { Self.description }

    /// A finding of this rule at its default severity (or the one given).
    public func finding(
        _ message: String, file: String, range: SourceRange, severity: Severity? = nil,
        related: [RelatedLocation] = [], fixes: [Fix] = [], path: [PathStep] = []
    ) -> Diagnostic {
        Diagnostic(
            rule: Self.description.id, severity: severity ?? Self.description.severity, message: message,
            file: file, range: range, related: related, fixes: fixes, path: path)
    }
}

/// What a rule is, for users, docs, SARIF and tests.
public struct RuleDescription: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case loading, config, assistant, script, bundle
    }

    /// Stable kebab-case ID: users suppress it, dashboards count it.
    public var id: String
    public var severity: Severity
    public var scope: Scope
    /// One line: what the rule finds.
    public var summary: String
    /// Why it matters, for `cxlint explain` and SARIF help.
    public var rationale: String
    /// Examples are built only when asked for (tests, docs, `explain`): building
    /// their files costs more than a whole lint of a small bundle, and every
    /// run reads each rule's ID.
    private let makeTriggeringExamples: @Sendable () -> [RuleExample]
    private let makeNonTriggeringExamples: @Sendable () -> [RuleExample]

    /// Bundles where the rule must report, at every `↓` marker when there are any.
    public var triggeringExamples: [RuleExample] { makeTriggeringExamples() }
    /// Bundles where the rule must stay silent.
    public var nonTriggeringExamples: [RuleExample] { makeNonTriggeringExamples() }

    public init(
        id: String, severity: Severity, scope: Scope, summary: String, rationale: String,
        triggeringExamples: @autoclosure @escaping @Sendable () -> [RuleExample],
        nonTriggeringExamples: @autoclosure @escaping @Sendable () -> [RuleExample]
    ) {
        self.id = id
        self.severity = severity
        self.scope = scope
        self.summary = summary
        self.rationale = rationale
        self.makeTriggeringExamples = triggeringExamples
        self.makeNonTriggeringExamples = nonTriggeringExamples
    }

    /// Where the rule's documentation lives, for SARIF helpUri and LSP codeDescription.
    public var helpURI: String { Self.helpURI(for: id) }

    public static func helpURI(for id: String) -> String { "https://github.com/cxlint/cxlint/blob/main/docs/rules.md#\(id)" }
}

/// A small bundle of files, each path → content. `↓` marks where a finding
/// must start; it is removed before the files are loaded.
public struct RuleExample: Sendable {
    public var files: [(path: String, content: String)]
    public var note: String?
    /// Lint the files as if named on the command line, instead of found by walking their folder.
    public var namedOnCommandLine: Bool

    public init(_ files: [(path: String, content: String)], note: String? = nil, namedOnCommandLine: Bool = false) {
        self.files = files
        self.note = note
        self.namedOnCommandLine = namedOnCommandLine
    }

    public static let marker: Character = "↓"
}
