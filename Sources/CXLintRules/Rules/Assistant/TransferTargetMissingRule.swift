import Foundation
import CXLintModel
import CXLintSyntax

public struct TransferTargetMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "transfer-target-missing", severity: .warning, scope: .assistant,
        summary: "A connect_to_agent has no `transfer_info.target.nice_cxone` target.",
        rationale: """
            The guide's transfer format is `transfer_info.target.nice_cxone` (with its custom_data). On a NICE \
            CXone line a transfer with no target, an empty `target: {}` (what the built-in Fallback action \
            starts with) or another contact center's target (`service_desk`, `zendesk`, `salesforce`) does not \
            signal the CXone script the way the guide intends: the custom_data is lost and the caller may not be \
            transferred at all. Checked when the config names nice_cxone, or when there is no config.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(transferInfo: #"{"target": ↓{}}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": ↓{"service_desk": {"sip": {"uri": "sip:agent@example.com"}}}}"#)),
            RuleExample([("exports/dialog-skill.json", """
                {"dialog_nodes": [{"dialog_node": "n1", "title": "Agent", "output": {"generic": [
                  {"response_type": ↓"connect_to_agent", "agent_available": {"message": "One moment."}}
                ]}}], "intents": [], "entities": [], "metadata": {}}
                """)]),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(type: "genesys"),
                assistant: ExampleFixtures.actionsSkill(transferInfo: #"{"target": {}}"#)),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        // Another contact center's line is `contact-center-type`'s finding, not one per transfer.
        if let type = context.config?.contactCenterType?.value, type != ContactCenterTypeRule.expected { return [] }
        return context.bundle.assistantExports.flatMap { export in
            export.transfers.compactMap { check($0, file: export.file) }
        }
    }

    func check(_ transfer: Transfer, file: SourceID) -> Diagnostic? {
        guard let target = transfer.target else {
            return finding(
                "\(transfer.subject) has no transfer_info.target; add \"transfer_info\": {\"target\": {\"nice_cxone\": {}}} so the caller is handed to CXone",
                file: file, range: transfer.typeRange)
        }
        if transfer.niceCXone != nil { return nil }
        let others = target.value.mappingEntries?.map(\.keyText) ?? []
        let found = others.isEmpty
            ? (target.value.mappingEntries == nil ? "is \(target.value.kindDescription)" : "is empty")
            : "names \(others.map { "\"\($0)\"" }.joined(separator: ", ")) instead"
        return finding(
            "transfer_info.target of \(transfer.subject) \(found); this line transfers to NICE CXone: use {\"nice_cxone\": {\"custom_data\": {…}}}",
            file: file, range: target.value.range)
    }
}
