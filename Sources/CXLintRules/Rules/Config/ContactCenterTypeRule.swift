import CXLintModel
import CXLintSyntax

public struct ContactCenterTypeRule: Rule {
    public init() {}

    /// The only contact center whose scripts and transfers cxlint knows how to check.
    static let expected = "nice_cxone"

    public static let description = RuleDescription(
        id: "contact-center-type", severity: .error, scope: .config,
        summary: "`contact_center.type` is not `nice_cxone`.",
        rationale: """
            The guide's setup selects NICE CXone on the "Select contact center" tab; only then does the integration \
            call the CXone signal API to transfer callers and send `p1` with the session history key. Another or a \
            misspelt type means transfers go nowhere, and cxlint's CXone checks do not apply. cxlint checks \
            nice_cxone lines only.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(type: "↓nice_cxon")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(type: "↓\"NICE CXone\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(type: "↓genesys")),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(type: "\"nice_cxone\"")),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config, let type = config.contactCenterType, type.value != Self.expected else { return [] }
        let fix = Fix(title: "Set type to \(Self.expected)", edits: [
            // `type: NICE CXone` stays plain, `"nice_cxon"` stays quoted.
            TextEdit.replacingScalar(type.value, at: type.range, with: Self.expected, file: config.file),
        ])
        if let suggestion = DidYouMean.suggestion(for: Self.normalized(type.value), among: [Self.expected]) {
            return [finding(
                "contact_center.type is \"\(type.value)\"; did you mean \"\(suggestion)\"? Set it to \(Self.expected)",
                file: config.file, range: type.range, fixes: [fix])]
        }
        return [finding(
            "contact_center.type is \"\(type.value)\", not \(Self.expected); cxlint checks only lines that hand callers to NICE CXone: set it to \(Self.expected)",
            file: config.file, range: type.range)]
    }

    /// `NICE CXone` and `nice-cxone` are the same intent as `nice_cxone`.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
