import CXLintModel
import CXLintSyntax

public struct DuplicateKeyRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: SyntaxRuleID.duplicateKey, severity: .error, scope: .loading,
        summary: "A YAML or JSON mapping defines the same key twice.",
        rationale: """
            Readers silently keep only one of the two values (usually the last), so the setting that takes effect \
            is not the one a reviewer sees first. Remove one of them.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(extra: "  ↓phone_number: \"+1 958 555 0199\"\n")),
            ExampleFixtures.bundle(assistant: "{\"dialog_nodes\": [], \"intents\": [], ↓\"intents\": []}"),
        ],
        nonTriggeringExamples: [ExampleFixtures.bundle()]
    )
}
