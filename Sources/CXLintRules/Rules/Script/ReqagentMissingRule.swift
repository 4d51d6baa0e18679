import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct ReqagentMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "reqagent-missing", severity: .error, scope: .script,
        summary: "No REQAGENT runs after the ONSIGNAL event.",
        rationale: """
            The guide: on the transfer signal, save `p1` and "use Reqagent to transfer a call to a live agent". If \
            no Reqagent is reachable from Onsignal, the assistant hands the caller over and nothing routes them to \
            an agent: the call sits in the script until it times out.
            """,
        causedBy: [Cause(["onsignal-missing"], .sameFile, reason: "with no Onsignal there is no transfer path to request an agent on")],
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                14: ExampleFixtures.action(14, "ASSIGN", parameters: ["transferred", "true"], next: 4),
                15: "",
            ]).replacingOccurrences(of: "<ScriptContainer", with: "↓<ScriptContainer")),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 ↓"actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "PLACECALL"},
                             "7": {"actionId": 7, "name": "ONSIGNAL"}, "8": {"actionId": 8, "name": "HANGUP"},
                             "9": {"actionId": 9, "name": "REQAGENT"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}], "7": [{"to": 8, "type": "default", "index": 0}]}}
                """)]),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.splitBundle(withSubscripts: false).with(note: "the subscripts are not in the bundle: silent rather than guess"),
            ExampleFixtures.bundleWithoutOnsignal,
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [10: "", 11: "", 12: "", 13: "", 14: "", 15: ""]))
                .with(note: "no ONSIGNAL at all: onsignal-missing reports it"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.enumerated().compactMap { index, graph in
            let signals = graph.indices(ofType: "ONSIGNAL")
            guard !signals.isEmpty, !graph.reaches(type: "REQAGENT", from: signals) else { return nil }
            // A routing subscript the Onsignal chain runs may request the agent (or, outside the bundle, may not: unknown).
            let chain = graph.reachable(from: signals)
            guard Subscripts.reach("REQAGENT", from: index, actions: { chain[$0] }, context) == false else { return nil }
            let script = graph.script
            let first = signals[0]
            // The chain as far as it goes: where the transfer ends without an agent.
            let steps = graph.pathToFarthest(from: first)
            return finding(
                "no REQAGENT runs after \(graph.actions[first].displayName) (line \(graph.line(of: first))), so a transfer signal reaches no agent (\(graph.describe(steps, start: first))); add a Reqagent after saving {p1} on the transfer branch",
                file: script.file, range: ScriptRoot.range(of: script, in: context),
                related: [RelatedLocation(file: script.file, range: graph.actions[first].typeRange, message: "the Onsignal handler")],
                path: graph.pathSteps(steps, start: first))
        }
    }
}
