import CXLintSyntax

/// A rule whose findings come from reading files (syntax, schema, bundling):
/// it documents them and lets users re-rate or turn them off like any rule.
public protocol LoadingRule: Rule {}

extension LoadingRule {
    public func check(_ context: LintContext) -> [Diagnostic] {
        loadingFindings(context)
    }

    /// What the readers and loaders found under this rule's ID, at the catalog's
    /// severity: the catalog is the one place a rule's severity is set, so
    /// `cxlint rules`, SARIF's default level and a run agree.
    public func loadingFindings(_ context: LintContext) -> [Diagnostic] {
        (context.loadingDiagnosticsByRule[Self.description.id] ?? []).map { found in
            var d = found
            d.severity = Self.description.severity
            return d
        }
    }
}
