import CXLintModel
import CXLintSyntax

/// The rule engine: a pure function from a loaded bundle to findings, shared
/// by the CLI, the audit and the language server.
public struct Engine: Sendable {
    public var rules: [any Rule]
    /// Rule ID → severity to report at, or nil to turn the rule off.
    public var severityOverrides: [String: Severity?]
    public var options: LintOptions

    public init(rules: [any Rule] = RuleCatalog.all.map { $0.init() }, severityOverrides: [String: Severity?] = [:], options: LintOptions = LintOptions()) {
        self.rules = rules
        self.severityOverrides = severityOverrides
        self.options = options
    }

    public func lint(_ bundle: LintBundle) -> [Diagnostic] {
        let context = LintContext(bundle: bundle, options: options)
        var findings: [Diagnostic] = []
        for rule in rules {
            // A rule's description builds its examples on first use (milliseconds for the
            // catalog), so look the ID up only when there are overrides to apply.
            if !severityOverrides.isEmpty, let override = severityOverrides[type(of: rule).description.id] {
                guard let severity = override else { continue }
                findings += rule.check(context).map { var d = $0; d.severity = severity; return d }
            } else {
                findings += rule.check(context)
            }
        }
        return Array(Set(findings)).sorted(by: Diagnostic.reportingOrder)
    }
}
