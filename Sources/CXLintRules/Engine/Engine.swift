import CXLintModel
import CXLintSyntax

/// The rule engine: a pure function from a loaded bundle to findings, shared
/// by the CLI, the audit and the language server.
public struct Engine: Sendable {
    public var rules: [any Rule]
    /// Rule ID → severity to report at, or nil to turn the rule off (before the configuration applies).
    public var severityOverrides: [String: Severity?]
    public var options: LintOptions
    /// Per-rule and per-path settings and ignored paths from `.cxlint.yml`.
    public var configuration: LintConfiguration

    public init(rules: [any Rule] = RuleCatalog.all.map { $0.init() }, severityOverrides: [String: Severity?] = [:], options: LintOptions = LintOptions(),
                configuration: LintConfiguration = .none) {
        self.rules = rules
        self.severityOverrides = severityOverrides
        self.options = options
        self.configuration = configuration
    }

    /// An engine set up as a config file says: its rule settings, paths and default header.
    public init(configuration: LintConfiguration) {
        self.init(options: configuration.options, configuration: configuration)
    }

    /// The rules that run: those not turned off everywhere. Suppressions of other rules are never "unused".
    public var checkedRules: Set<String> {
        Set(rules.map { type(of: $0).description.id }.filter(runs))
    }

    func runs(_ id: String) -> Bool {
        if case .some(.none) = severityOverrides[id] { return false }
        return configuration.mayReport(id)
    }

    /// Findings re-rated by `severityOverrides` and then the configuration (per
    /// path), without those in ignored files or of rules off for their file.
    /// Suppressions are a separate step (`Suppressions.apply`).
    public func lint(_ bundle: LintBundle) -> [Diagnostic] {
        let context = LintContext(bundle: bundle, options: options)
        var findings: [Diagnostic] = []
        for rule in rules {
            let id = type(of: rule).description.id
            guard runs(id) else { continue }
            if case .some(.some(let severity)) = severityOverrides[id] {
                findings += rule.check(context).map { var d = $0; d.severity = severity; return d }
            } else {
                findings += rule.check(context)
            }
        }
        return Array(Set(findings.compactMap(configuration.resolve))).sorted(by: Diagnostic.reportingOrder)
    }

    /// `lint` followed by the suppression layer: what a front end shows for one bundle.
    public func lintAndSuppress(_ bundle: LintBundle) -> Suppressions.Result {
        Suppressions.apply(lint(bundle), documents: bundle.documents, configuration: configuration, checkedRules: checkedRules)
    }
}
