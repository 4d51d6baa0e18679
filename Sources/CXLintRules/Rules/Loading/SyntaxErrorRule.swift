import CXLintModel
import CXLintSyntax

public struct SyntaxErrorRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: SyntaxRuleID.syntaxError, severity: .error, scope: .loading,
        summary: "A file does not parse as YAML, JSON or XML.",
        rationale: """
            The phone integration, the assistant importer and Studio all reject a file that does not parse, and \
            cxlint cannot check what it cannot read. The finding points at the first character the reader could \
            not accept; JSON allows no comments and no trailing commas.
            """,
        triggeringExamples: [
            RuleExample([("export.json", "{\n  \"dialog_nodes\": [\n    {\"title\": \"a\" ↓\"output\": {}}\n  ]\n}\n")]),
            RuleExample([("script.xml", "<ScriptContainer>\n  <Actions>\n  ↓</ScriptContainer>\n")]),
        ],
        nonTriggeringExamples: [ExampleFixtures.bundle()]
    )
}
