import Foundation
import CXLintModel
import CXLintSyntax

public struct CustomDataReservedP1Rule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "custom-data-reserved-p1", severity: .error, scope: .assistant,
        summary: "A `nice_cxone` custom_data sets `p1`, which carries the session history key.",
        rationale: """
            The guide: "p1 is preserved and used by the phone integration for passing the session history key into \
            the NICE CXone script", and a `p1` of `hangup` tells the script to hang up. A custom `p1` either \
            overwrites the key, so the agent's transcript pop shows nothing, or is dropped; use p2 … p9.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {↓"p1": "billing"}}}}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", ↓"p1": "vip"}}}}"#)),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", "p9": "vip"}}}}"#)),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        SignalParameter.customDataEntries(in: context).flatMap { export, transfer, entries in
            entries.filter { $0.keyText == SignalParameter.reserved }.map { entry in
                let free = SignalParameter.freeKeys(in: entries).first
                return finding(
                    "custom_data of \(transfer.subject) sets p1, which carries the session history key; use \(free ?? "one of p2..p9") instead",
                    file: export.file, range: entry.key.range,
                    fixes: free.map { [SignalParameter.renameFix(entry, to: $0, file: export.file)] } ?? [])
            }
        }
    }
}
