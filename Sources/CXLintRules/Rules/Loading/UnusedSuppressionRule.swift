import CXLintModel
import CXLintSyntax

/// Produced by the suppression layer (`Suppressions.apply`), not by `check`:
/// only after every other rule ran is it known what a suppression silenced.
public struct UnusedSuppressionRule: Rule {
    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] { [] }

    public static let description = RuleDescription(
        id: "unused-suppression", severity: .warning, scope: .loading,
        summary: "A suppression comment or config entry that suppresses nothing or names an unknown rule.",
        rationale: """
            Suppressions rot: the mistake gets fixed, the comment stays, and one day it silences a new mistake on \
            that line. cxlint reports a `cxlint-disable-next-line`, `cxlint-disable`/`cxlint-enable` pair, \
            `cxlint-disable-file` or config `suppress:` entry when the rule it names reported nothing there; when it \
            names a rule that does not exist (a typo suppresses nothing); and when a `cxlint-enable` closes no \
            `cxlint-disable`. Suppressions of rules that are turned off are not reported. A suppression that works \
            but gives no reason is `suppression-without-reason`.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"+1 958 555 0123\"  ↓# cxlint-disable-next-line phone-number-fromat -- a typo suppresses nothing")),
            ExampleFixtures.bundle(config: ExampleFixtures.config() + "↓# cxlint-enable phone-number-format\n"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(config: "# cxlint-disable-file plaintext-secret -- the secret is injected by the deploy job\n" + ExampleFixtures.config()),
        ]
    )
}
