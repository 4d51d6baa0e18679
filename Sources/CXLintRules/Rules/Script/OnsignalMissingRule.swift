import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct OnsignalMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "onsignal-missing", severity: .error, scope: .script,
        summary: "The Studio script has no ONSIGNAL event action.",
        rationale: """
            The integration transfers and hangs up by calling the CXone signal API: "Use Onsignal to process the \
            signal event", saving `p1` (the session history key) before Reqagent, or hanging up when `p1` is \
            `hangup`. Without an Onsignal handler every transfer request is ignored and callers asking for an \
            agent stay with the assistant until they give up.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [10: "", 11: "", 12: "", 13: "", 14: "", 15: ""])
                .replacingOccurrences(of: "<ScriptContainer", with: "↓<ScriptContainer")),
            RuleExample([("studio/WatsonPhone.json", """
                {"scriptContent": {"header": {"scriptName": "WatsonPhone"},
                 ↓"actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "PLACECALL"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}]}}}
                """)]),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.bundle(),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "7": {"actionId": 7, "name": "ONSIGNAL"}},
                 "branches": {}}
                """)]),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.enumerated().compactMap { index, graph in
            let script = graph.script
            // The script that runs a subscript handles the contact's events, not the subscript.
            guard !script.actions.isEmpty, graph.indices(ofType: "ONSIGNAL").isEmpty, !Subscripts.isSubscript(index, context) else { return nil }
            return finding(
                "the script has no ONSIGNAL, so the assistant's transfer and hangup signals are ignored; add an Onsignal that hangs up when p1 = \"hangup\" and otherwise saves {p1} and runs Reqagent",
                file: script.file, range: ScriptRoot.range(of: script, in: context))
        }
    }
}
