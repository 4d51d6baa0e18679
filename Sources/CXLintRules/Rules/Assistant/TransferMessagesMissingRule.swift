import Foundation
import CXLintModel
import CXLintSyntax

public struct TransferMessagesMissingRule: Rule {
    public init() {}

    static let messageKeys = ["agent_available", "agent_unavailable"]

    public static let description = RuleDescription(
        id: "transfer-messages-missing", severity: .warning, scope: .assistant,
        summary: "A connect_to_agent lacks `agent_available.message` or `agent_unavailable.message`, or nests them inside `transfer_info`.",
        rationale: """
            The guide's transfer format sets `agent_available.message` and `agent_unavailable.message` next to \
            `transfer_info`. They are what the caller hears while the call moves to CXone or when no agent can \
            take it; without them the line goes silent and callers hang up. Older public docs nested them inside \
            `transfer_info` by mistake, where the integration never reads them.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                messages: #""agent_available": {"message": "Transferring you now."}, "agent_unavailable": {"message": ↓""}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {}}, ↓"agent_available": {"message": "One moment."}}"#,
                messages: #""agent_unavailable": {"message": "No agent is free."}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                messages: #""agent_available": ↓{}, "agent_unavailable": {"message": "No agent is free."}"#)),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                messages: #""agent_available": {"message": "Hold on."}, "agent_unavailable": {"message": "Sorry, call back later."}, "message_to_human_agent": """#)),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.bundle.assistantExports.flatMap { export in
            export.transfers.flatMap { transfer in
                Self.messageKeys.compactMap { check(transfer, key: $0, file: export.file) }
            }
        }
    }

    func check(_ transfer: Transfer, key: String, file: SourceID) -> Diagnostic? {
        guard let entry = transfer.body.entry(key) else {
            if let misplaced = transfer.transferInfo?.value.entry(key) {
                return finding(
                    "\(key) of \(transfer.subject) is nested inside transfer_info, where it is never read; move it up next to transfer_info",
                    file: file, range: misplaced.key.range)
            }
            return finding(
                "\(transfer.subject) has no \(key).message; add what the caller hears \(Self.situation(key))",
                file: file, range: transfer.typeRange)
        }
        guard let message = entry.value["message"] else {
            return finding(
                "\(key) of \(transfer.subject) has no message; add \"message\": what the caller hears \(Self.situation(key))",
                file: file, range: entry.value.range)
        }
        guard let text = message.stringValue, text.allSatisfy(\.isWhitespace) else { return nil }
        return finding(
            "\(key).message of \(transfer.subject) is empty; write what the caller hears \(Self.situation(key))",
            file: file, range: message.range)
    }

    static func situation(_ key: String) -> String {
        key == "agent_available" ? "while the call moves to an agent" : "when no agent can take the call"
    }
}
