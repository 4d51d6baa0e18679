import CXLintModel
import CXLintSyntax

public struct DocumentStructureRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.documentStructure, severity: .error, scope: .loading,
        summary: "A Studio script or assistant export lacks a part its format requires (an ActionID, an action type).",
        rationale: """
            An action without a numeric ActionID or without a type cannot be connected or checked; Studio would not \
            load it either. Export the script again, or fix the hand edit.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.studioXML([
                "    ↓<ActionStruct><Action>BEGIN</Action></ActionStruct>",
            ])).named(),
        ],
        nonTriggeringExamples: [ExampleFixtures.bundle()]
    )
}
