import Foundation
import CXLintModel
import CXLintSyntax

public struct CustomDataUnsupportedKeyRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "custom-data-unsupported-key", severity: .error, scope: .assistant,
        summary: "A `nice_cxone` custom_data key is not one of `p2` … `p9`.",
        rationale: """
            The guide: parameters in `custom_data` are passed to the CXone signal API, and "supported parameters \
            are p2, p3, ... p9". The signal API has no other parameters, so any other key (`p10`, `topic`, `P2`) \
            never reaches the Onsignal handler and the context meant for the agent is lost.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {↓"p10": "billing"}}}}"#)),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {↓"P2": "billing", ↓"topic": "x"}}}}"#)),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "a", "p3": "b", "p9": "c"}}}}"#)),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        SignalParameter.customDataEntries(in: context).flatMap { export, transfer, entries in
            entries.filter { !SignalParameter.allowed.contains($0.keyText) && $0.keyText != SignalParameter.reserved }
                .map { check($0, entries: entries, transfer: transfer, file: export.file) }
        }
    }

    func check(_ entry: MappingEntry, entries: [MappingEntry], transfer: Transfer, file: SourceID) -> Diagnostic {
        let key = entry.keyText
        let free = SignalParameter.freeKeys(in: entries)
        let prefix = "custom_data key \"\(key)\" of \(transfer.subject) never reaches the CXone script: the signal API takes p2..p9 only"
        // `P2` is `p2` in the wrong case: the one unambiguous rename.
        if let suggestion = DidYouMean.suggestion(for: key, among: SignalParameter.allowed), suggestion == key.lowercased(),
           free.contains(suggestion) {
            return finding("\(prefix); did you mean \"\(suggestion)\"?", file: file, range: entry.key.range,
                           fixes: [SignalParameter.renameFix(entry, to: suggestion, file: file)])
        }
        let advice = free.isEmpty ? "all of p2..p9 are used: drop it or combine values" : "use a free key (\(free.prefix(3).joined(separator: ", ")))"
        return finding("\(prefix); \(advice)", file: file, range: entry.key.range)
    }
}
