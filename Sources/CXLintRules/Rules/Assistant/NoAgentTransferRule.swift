import Foundation
import CXLintModel
import CXLintSyntax

public struct NoAgentTransferRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "no-agent-transfer", severity: .warning, scope: .assistant,
        summary: "The assistant export has no connect_to_agent at all.",
        rationale: """
            The point of the guide's integration is to hand callers to NICE CXone agents "if in the course of a \
            conversation … a customer asks to speak to a person". An assistant with no connect_to_agent response \
            can never signal the transfer, so the script's Onsignal and Reqagent never run and callers who need \
            a person are stuck with the assistant. Reported once per export when no export of the bundle transfers.
            """,
        triggeringExamples: [
            RuleExample([("exports/dialog-skill.json", """
                ↓{"dialog_nodes": [{"dialog_node": "n1", "output": {"generic": [{"response_type": "text", "values": []}]}}],
                 "intents": [], "entities": [], "metadata": {}}
                """)]),
            ExampleFixtures.bundle(assistant: """
                ↓{"name": "Phone line", "type": "action", "workspace": {"actions": [{"title": "Hello", "action": "a1", "steps": []}]}}
                """),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            RuleExample([("exports/dialog-skill.json", """
                {"dialog_nodes": [{"dialog_node": "n1", "output": {"generic": [{"response_type": "connect_to_agent"}]}}],
                 "intents": [], "entities": [], "metadata": {}}
                """)]),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let exports = context.bundle.assistantExports
        // Several exports of one line (a zip's action and dialog skills): one transferring is enough.
        guard !exports.contains(where: { !$0.transfers.isEmpty }) else { return [] }
        return exports.map { export in
            finding(
                "the \(export.kind.rawValue)\(export.name.map { " \"\($0)\"" } ?? "") has no connect_to_agent; add a transfer (e.g. to the Fallback action) with a nice_cxone target so callers can reach an agent",
                file: export.file, range: .point(export.range.start))
        }
    }
}
