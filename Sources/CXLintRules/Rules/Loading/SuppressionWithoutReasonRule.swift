import CXLintModel
import CXLintSyntax

/// Produced by the suppression layer (`Suppressions.apply`), like
/// `unused-suppression`: the suppression works, but nobody can tell why it is there.
public struct SuppressionWithoutReasonRule: Rule {
    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] { [] }

    public static let description = RuleDescription(
        id: "suppression-without-reason", severity: .warning, scope: .loading,
        summary: "A suppression comment that gives no reason after its rule IDs.",
        rationale: """
            A suppression is a decision: someone judged that a finding does not apply here. Without the reason, a \
            reviewer cannot tell a deliberate exception (the carrier requires this number format, the SBC rewrites \
            the header) from a finding silenced to make CI pass, and nobody knows when it may be removed. The \
            suppression still silences what it names; this finding asks for the why: `-- why` after the rule IDs \
            in YAML, `: why` in desktop Studio XML (an XML comment cannot hold `--`). Config `suppress:` entries \
            cannot lack one: their `reason` key is required.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: "↓# cxlint-disable-file plaintext-secret\n" + ExampleFixtures.config()),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"+1 958 555 0123\"  ↓# cxlint-disable-next-line phone-number-format")),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(config: "# cxlint-disable-file plaintext-secret -- the secret is injected by the deploy job\n" + ExampleFixtures.config()),
            // An enable ends a range; the reason belongs to the disable that opened it.
            ExampleFixtures.bundle(config: "# cxlint-disable plaintext-secret -- sandbox tenant, rotated nightly\n" + ExampleFixtures.config() + "# cxlint-enable plaintext-secret\n"),
        ]
    )
}
