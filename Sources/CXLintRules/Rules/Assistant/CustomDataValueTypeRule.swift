import Foundation
import CXLintModel
import CXLintSyntax

public struct CustomDataValueTypeRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "custom-data-value-type", severity: .warning, scope: .assistant,
        summary: "A `nice_cxone` custom_data value is not a string.",
        rationale: """
            custom_data values become query parameters of the CXone signal API (`…/signal?p2=…`), which the \
            guide's Onsignal handler reads as text. Numbers and booleans are converted unpredictably, and an \
            object or list cannot be sent as one parameter at all, so the agent gets no or garbled context.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": ↓42}}}}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "ok", "p3": ↓{"tier": "gold"}}}}}"#)),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "42", "p3": "${order_id}"}}}}"#)),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        SignalParameter.customDataEntries(in: context).flatMap { export, transfer, entries in
            entries.filter { $0.value.stringValue == nil }.map { check($0, transfer: transfer, file: export.file) }
        }
    }

    func check(_ entry: MappingEntry, transfer: Transfer, file: SourceID) -> Diagnostic {
        let kind = entry.value.kindDescription
        let prefix = "custom_data \"\(entry.keyText)\" of \(transfer.subject) is \(kind); the signal API sends text"
        if let scalar = entry.value.scalar, scalar.kind == .number || scalar.kind == .bool {
            let quoted = "\"\(scalar.text)\""
            return finding("\(prefix): write it as the string \(quoted)", file: file, range: entry.value.range,
                           fixes: [Fix(title: "Quote the value", edits: [TextEdit(file: file, range: entry.value.range, replacement: quoted)])])
        }
        return finding("\(prefix): send a string, or spread the fields over separate p2..p9 keys", file: file, range: entry.value.range)
    }
}
