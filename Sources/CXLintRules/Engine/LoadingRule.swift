import CXLintSyntax

/// A rule whose findings come from reading files (syntax, schema, bundling):
/// it documents them and lets users re-rate or turn them off like any rule.
public protocol LoadingRule: Rule {}

extension LoadingRule {
    public func check(_ context: LintContext) -> [Diagnostic] {
        context.loadingDiagnosticsByRule[Self.description.id] ?? []
    }
}
