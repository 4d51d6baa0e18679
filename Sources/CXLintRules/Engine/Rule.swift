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
        _ message: String, file: SourceID, range: SourceRange, severity: Severity? = nil,
        related: [RelatedLocation] = [], fixes: [Fix] = [], path: [PathStep] = [], subject: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: Self.description.id, severity: severity ?? Self.description.severity, message: message,
            file: file, range: range, related: related, fixes: fixes, path: path, subject: subject)
    }
}

/// What a rule is, for users, docs, SARIF and tests.
public struct RuleDescription: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case loading, config, assistant, script, bundle
    }

    /// Stable kebab-case ID: users suppress it, dashboards count it.
    public var id: RuleID
    public var severity: Severity
    public var scope: Scope
    /// One line: what the rule finds.
    public var summary: String
    /// Why it matters, for `cxlint explain` and SARIF help.
    public var rationale: String
    /// Findings of other rules that explain this rule's findings: where one of
    /// them is found, this rule's findings it covers are consequences and the
    /// engine drops them (see `Cascade`), so one mistake gives one finding.
    public var causedBy: [Cause]
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
        id: RuleID, severity: Severity, scope: Scope, summary: String, rationale: String, causedBy: [Cause] = [],
        triggeringExamples: @autoclosure @escaping @Sendable () -> [RuleExample],
        nonTriggeringExamples: @autoclosure @escaping @Sendable () -> [RuleExample]
    ) {
        self.id = id
        self.severity = severity
        self.scope = scope
        self.summary = summary
        self.rationale = rationale
        self.causedBy = causedBy
        self.makeTriggeringExamples = triggeringExamples
        self.makeNonTriggeringExamples = nonTriggeringExamples
    }

    /// Where the rule's documentation lives, for SARIF helpUri, LSP codeDescription and
    /// report links: only under a base the user configures (`docs_url` in `.cxlint.yml`,
    /// `--docs-url`), e.g. where they host docs/rules.md. Without one, outputs carry the
    /// rule's text inline and link nowhere: a link to a page that does not exist helps no one.
    public func helpURI(base: String?) -> String? { Self.helpURI(for: id, base: base) }

    public static func helpURI(for id: RuleID, base: String?) -> String? {
        guard let base, !base.isEmpty else { return nil }
        return "\(base)#\(id)"
    }
}

/// A finding of another rule that makes a rule's findings consequences of it.
public struct Cause: Sendable {
    /// Which of the consequence's findings a cause covers.
    public enum Match: String, Sendable {
        /// Only findings in the file where the cause is (the same script, the same config).
        case sameFile = "in the same file"
        /// Every finding of the bundle: the cause leaves a part the rule needs missing.
        case sameBundle = "in the same bundle"
    }

    /// The rules whose findings are causes.
    public var rules: [RuleID]
    public var match: Match
    /// Why a cause makes the finding a consequence, for the docs.
    public var reason: String

    public init(_ rules: [RuleID], _ match: Match, reason: String) {
        self.rules = rules
        self.match = match
        self.reason = reason
    }

    /// Whether `cause` (a finding of one of `rules`) explains `consequence`.
    public func explains(_ consequence: Diagnostic, by cause: Diagnostic) -> Bool {
        guard rules.contains(cause.rule) else { return false }
        switch match {
        case .sameFile: return cause.file == consequence.file
        case .sameBundle: return true
        }
    }
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
