import CXLintModel
import CXLintSyntax

/// The rule engine: a pure function from a loaded bundle to findings, shared
/// by the CLI, the audit and the language server.
public struct Engine: Sendable {
    public var rules: [any Rule] {
        didSet { ruleIDs = Self.ids(of: rules) }
    }
    /// The ID of each of `rules`, in order: reading `description.id` copies a rule's whole
    /// description (examples included), and the engine asks for every ID on every bundle.
    private var ruleIDs: [RuleID]
    /// Rule ID → severity to report at, or nil to turn the rule off (before the configuration applies).
    public var severityOverrides: [RuleID: Severity?]
    public var options: LintOptions
    /// Per-rule and per-path settings and ignored paths from `.cxlint.yml`.
    public var configuration: LintConfiguration

    public init(rules: [any Rule] = RuleCatalog.all.map { $0.init() }, severityOverrides: [RuleID: Severity?] = [:], options: LintOptions = LintOptions(),
                configuration: LintConfiguration = .none) {
        self.rules = rules
        self.ruleIDs = Self.ids(of: rules)
        self.severityOverrides = severityOverrides
        self.options = options
        self.configuration = configuration
    }

    /// An engine set up as a config file says: its rule settings, paths and default header.
    public init(configuration: LintConfiguration) {
        self.init(options: configuration.options, configuration: configuration)
    }

    /// The rules that run: those not turned off everywhere. Suppressions of other rules are never "unused".
    public var checkedRules: Set<RuleID> {
        Set(ruleIDs.filter(runs))
    }

    private static func ids(of rules: [any Rule]) -> [RuleID] {
        rules.map { type(of: $0).description.id }
    }

    func runs(_ id: RuleID) -> Bool {
        if case .some(.none) = severityOverrides[id] { return false }
        return configuration.mayReport(id)
    }

    /// Findings re-rated by `severityOverrides` and then the configuration (per
    /// path), without consequences of other findings (`Cascade`), without those in
    /// ignored files or of rules off for their file. Rules that are off but may
    /// cause a running rule's findings run too, unseen: a cause turned off still
    /// explains its consequences. Suppressions are a separate, later step
    /// (`Suppressions.apply`), so a suppressed cause silences its consequences.
    public func lint(_ bundle: LintBundle) -> [Diagnostic] {
        let context = LintContext(bundle: bundle, options: options)
        let running = zip(rules, ruleIDs).filter { runs($0.1) }
        let runningIDs = Set(running.map(\.1))
        var findings: [Diagnostic] = []
        for (rule, id) in running + explainingRules(for: runningIDs) {
            if case .some(.some(let severity)) = severityOverrides[id] {
                findings += rule.check(context).map { var d = $0; d.severity = severity; return d }
            } else {
                findings += rule.check(context)
            }
        }
        let shown = Cascade.causes(findings).filter { runningIDs.contains($0.rule) }
        return Set(shown.compactMap(configuration.resolve)).sortedForReporting()
    }

    /// The rules that may cause the running rules' findings but do not run themselves:
    /// the engine's own when it has them, else the catalog's.
    func explainingRules(for running: Set<RuleID>) -> [(any Rule, RuleID)] {
        let needed = Cascade.causeRules(of: running)
        guard !needed.isEmpty else { return [] }
        let own = zip(rules, ruleIDs).filter { needed.contains($0.1) }
        let ownIDs = Set(own.map(\.1))
        let catalog = zip(RuleCatalog.all, RuleCatalog.ids).filter { needed.contains($0.1) && !ownIDs.contains($0.1) }.map { ($0.0.init() as any Rule, $0.1) }
        return own + catalog
    }

    /// `lint` followed by the suppression layer: what a front end shows for one bundle.
    public func lintAndSuppress(_ bundle: LintBundle) -> Suppressions.Result {
        Suppressions.apply(lint(bundle), documents: bundle.documents, configuration: configuration, checkedRules: checkedRules)
    }
}
