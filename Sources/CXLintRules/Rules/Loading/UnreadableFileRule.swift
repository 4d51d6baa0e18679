import CXLintModel
import CXLintSyntax

public struct UnreadableFileRule: LoadingRule {
    public init() {}

    public static let description = RuleDescription(
        id: ModelRuleID.unreadableFile, severity: .error, scope: .loading,
        summary: "A file of the bundle cannot be read: an archive that does not open, a member too large.",
        rationale: """
            A part that cannot be read cannot be checked, and a silent pass would hide it. Re-download the export \
            or raise --max-file-size when a real file is larger than the limit.
            """,
        triggeringExamples: [
            RuleExample([("export.zip", "↓PK\u{03}\u{04}not really a zip")]),
        ],
        nonTriggeringExamples: [ExampleFixtures.bundle()]
    )
}
