import CXLintSyntax

/// Cause and consequence: a finding whose rule declares a cause (`RuleDescription.causedBy`)
/// is dropped when a finding of that cause is in the same bundle (and file, when the
/// cause says so). It runs on one bundle's findings before suppressions, so a suppressed
/// or turned-off cause still explains its consequences: the user answered the one mistake.
public enum Cascade {
    /// The findings that are no consequence of another finding among them.
    public static func causes(_ findings: [Diagnostic]) -> [Diagnostic] {
        let byRule = Dictionary(grouping: findings, by: \.rule)
        return findings.filter { finding in !isConsequence(finding, among: byRule) }
    }

    static func isConsequence(_ finding: Diagnostic, among byRule: [RuleID: [Diagnostic]]) -> Bool {
        guard let description = RuleCatalog.description(of: finding.rule) else { return false }
        return description.causedBy.contains { cause in
            cause.rules.contains { rule in
                (byRule[rule] ?? []).contains { cause.explains(finding, by: $0) }
            }
        }
    }

    /// The IDs of every rule that may cause one of `ids`' findings, transitively (`ids` excluded).
    public static func causeRules(of ids: Set<RuleID>) -> Set<RuleID> {
        var found = Set<RuleID>()
        var pending = Array(ids)
        while let id = pending.popLast() {
            for cause in RuleCatalog.description(of: id)?.causedBy ?? [] {
                for rule in cause.rules where !ids.contains(rule) && found.insert(rule).inserted { pending.append(rule) }
            }
        }
        return found
    }
}
