import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct OnreleaseMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "onrelease-missing", severity: .warning, scope: .script,
        summary: "The Studio script has no ONRELEASE event action.",
        rationale: """
            The guide: "If an error occurs during a call, the phone integration disconnects a call by sending a \
            SIP BYE request. In this case, a call should be transferred to a live agent. Use Onrelease to process \
            the BYE request". Without Onrelease, any assistant error simply drops the caller.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [30: "", 31: "", 32: "", 33: "", 34: ""])
                .replacingOccurrences(of: "<ScriptContainer", with: "↓<ScriptContainer")),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 ↓"actions": {"1": {"actionId": 1, "name": "BEGIN"}, "7": {"actionId": 7, "name": "ONSIGNAL"}},
                 "branches": {}}
                """)], namedOnCommandLine: true),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.bundle(),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "7": {"actionId": 7, "name": "OnRelease"}},
                 "branches": {}}
                """)], namedOnCommandLine: true),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.enumerated().compactMap { index, graph in
            let script = graph.script
            // The script that runs a subscript handles the contact's events, not the subscript.
            guard !script.actions.isEmpty, graph.indices(ofType: "ONRELEASE").isEmpty, !Subscripts.isSubscript(index, context) else { return nil }
            return finding(
                "the script has no ONRELEASE, so a caller is dropped when the assistant fails (SIP BYE); add Onrelease → IF transferred = \"true\" → otherwise Reqagent",
                file: script.file, range: ScriptRoot.range(of: script, in: context))
        }
    }
}
