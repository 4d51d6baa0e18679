import CXLintModel
import CXLintSyntax

public struct ConfigSchemaRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.configSchema, severity: .error, scope: .loading,
        summary: "The phone integration config has an unknown key, a value of the wrong type, or lacks a required setting.",
        rationale: """
            The config mirrors the phone integration's settings page (Schemas/phone-integration.schema.json). A \
            misspelled key such as `phone_numbr` is ignored by every tool that reads the file, so the setting you \
            meant is silently missing; the finding suggests the closest known key.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(extra: "  ↓phone_numbr: \"+1 958 555 0123\"\n")),
            ExampleFixtures.bundle(config: "phone_integration:\n  contact_center: ↓nice_cxone\n  phone_number: \"+1 958 555 0123\"\n"),
        ],
        nonTriggeringExamples: [ExampleFixtures.bundle()]
    )
}
