import CXLintModel
import CXLintSyntax

public struct BundleIncompleteRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.bundleIncomplete, severity: .error, scope: .loading,
        summary: "A config names a file that is missing or of the wrong kind, or its bundle lacks an assistant export or a script.",
        rationale: """
            Most mistakes that drop callers sit between files: the header the config expects and the one the script \
            sends, the number the script dials. Without all three parts cxlint cannot compare them. A named file \
            that does not exist is an error (the default); a part that is simply absent (the config names none and \
            its folder holds none) is a warning.
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

extension BundleIncompleteRule {
    /// Named parts that are missing (found while loading), and parts simply absent.
    public func check(_ context: LintContext) -> [Diagnostic] {
        loadingFindings(context) + absentParts(context.bundle)
    }

    func absentParts(_ bundle: LintBundle) -> [Diagnostic] {
        guard let config = bundle.integration else { return [] }
        var problems: [Diagnostic] = []
        func missing(_ what: String, _ key: String) {
            problems.append(finding(
                "the bundle has no \(what); name it with \"\(key):\" or put it in this config's folder, so cross-file checks can run",
                file: config.file, range: config.rootKeyRange, severity: .warning))
        }
        if bundle.assistants.isEmpty, config.assistantPath == nil { missing("assistant export", "assistant") }
        if bundle.scripts.isEmpty, config.scriptPaths.isEmpty { missing("Studio script", "scripts") }
        return problems
    }
}
