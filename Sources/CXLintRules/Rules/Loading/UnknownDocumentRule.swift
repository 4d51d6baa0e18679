import CXLintModel
import CXLintSyntax

public struct UnknownDocumentRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.unknownDocument, severity: .error, scope: .loading,
        summary: "A file named on the command line is none of the formats cxlint reads.",
        rationale: """
            cxlint detects a file's kind by its content: a config has a `phone_integration` key, an assistant export \
            `workspace`, `dialog_nodes` or `assistant_skills`, a desktop script a `<ScriptContainer>` root, a web \
            script `actions` with `branches`. A file you name that is none of these was probably not the one you \
            meant; files found by walking a folder are skipped silently instead.
            """,
        triggeringExamples: [RuleExample([("notes/readme.yaml", "↓title: not an input\n")], namedOnCommandLine: true)],
        nonTriggeringExamples: [RuleExample([("notes/readme.yaml", "title: not an input\n")], note: "found by walking a folder: skipped")]
    )
}
