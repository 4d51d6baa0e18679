import CXLintModel
import CXLintSyntax

public struct BundleIncompleteRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.bundleIncomplete, severity: .warning, scope: .loading,
        summary: "A config names a file that is missing or of the wrong kind, or its bundle lacks an assistant export or a script.",
        rationale: """
            Most mistakes that drop callers sit between files: the header the config expects and the one the script \
            sends, the number the script dials. Without all three parts cxlint cannot compare them. A named file \
            that does not exist is an error; a part that is simply absent is a warning.
            """,
        causedBy: [Cause(["config-schema"], .sameFile, reason: "a config whose assistant: or scripts: has the wrong shape names no parts")],
        triggeringExamples: [
            RuleExample([("phone-integration.yaml", ExampleFixtures.config(extra: "assistant: exports/skill.json\nscripts: [↓studio/missing.xml]\n")),
                          ("exports/skill.json", ExampleFixtures.actionsSkill())]),
            RuleExample([("line/phone-integration.yaml", "↓" + ExampleFixtures.config())]),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            RuleExample([("phone-integration.yaml", ExampleFixtures.config(extra: "assistant: exports/skill.json\nscripts: studio/WatsonPhone.xml\n")),
                          ("exports/skill.json", ExampleFixtures.actionsSkill())],
                        note: "scripts: is a string, not a list: config-schema reports it, not the missing script"),
        ]
    )
}
