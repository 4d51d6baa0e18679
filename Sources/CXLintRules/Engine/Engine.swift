import CXLintModel
import CXLintSyntax

/// The rule engine: a pure function from a loaded bundle to findings, shared
/// by the CLI, the audit and the language server.
public struct Engine: Sendable {
    public var rules: [any Rule] {
        didSet { plan() }
    }
    /// Rule ID → severity to report at, or nil to turn the rule off (before the configuration applies).
    public var severityOverrides: [RuleID: Severity?] {
        didSet { plan() }
    }
    public var options: LintOptions
    /// Per-rule and per-path settings and ignored paths from `.cxlint.yml`.
    public var configuration: LintConfiguration {
        didSet { plan() }
    }

    /// The rules that run: those not turned off everywhere. Suppressions of other rules are never "unused".
    public private(set) var checkedRules: Set<RuleID> = []
    /// What `lint` runs, each rule with its ID: the running rules, then those that only
    /// explain them. Worked out when the rules or settings change, not per bundle: reading
    /// `description.id` copies a rule's whole description, and hashing 37 IDs into sets
    /// twice a bundle cost more than some rules.
    private var runPlan: [(rule: any Rule, id: RuleID)] = []

    public init(rules: [any Rule] = RuleCatalog.all.map { $0.init() }, severityOverrides: [RuleID: Severity?] = [:], options: LintOptions = LintOptions(),
                configuration: LintConfiguration = .none) {
        self.rules = rules
        self.severityOverrides = severityOverrides
        self.options = options
        self.configuration = configuration
        plan()
    }

    /// An engine set up as a config file says: its rule settings, paths and default header.
    public init(configuration: LintConfiguration) {
        self.init(options: configuration.options, configuration: configuration)
    }

    private mutating func plan() {
        let identified = rules.map { (rule: $0, id: type(of: $0).description.id) }
        let running = identified.filter { runs($0.id) }
        checkedRules = Set(running.map(\.id))
        runPlan = running + explainingRules(for: checkedRules, among: identified)
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
        var findings: [Diagnostic] = []
        for (rule, id) in runPlan {
            if case .some(.some(let severity)) = severityOverrides[id] {
                findings += rule.check(context).map { var d = $0; d.severity = severity; return d }
            } else {
                findings += rule.check(context)
            }
        }
        let shown = Cascade.causes(findings).filter { checkedRules.contains($0.rule) }
        return Set(shown.compactMap(configuration.resolve)).sortedForReporting()
    }

    /// The rules that may cause the running rules' findings but do not run themselves:
    /// the engine's own when it has them, else the catalog's.
    private func explainingRules(for running: Set<RuleID>, among identified: [(rule: any Rule, id: RuleID)]) -> [(rule: any Rule, id: RuleID)] {
        let needed = Cascade.causeRules(of: running)
        guard !needed.isEmpty else { return [] }
        let own = identified.filter { needed.contains($0.id) }
        let ownIDs = Set(own.map(\.id))
        let catalog = zip(RuleCatalog.all, RuleCatalog.ids).filter { needed.contains($0.1) && !ownIDs.contains($0.1) }
        return own + catalog.map { (rule: $0.0.init(), id: $0.1) }
    }

    /// `lint` followed by the suppression layer: what a front end shows for one bundle.
    public func lintAndSuppress(_ bundle: LintBundle) -> Suppressions.Result {
        Suppressions.apply(lint(bundle), documents: bundle.documents, configuration: configuration, checkedRules: checkedRules)
    }
}
