import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct PlacecallMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "placecall-missing", severity: .error, scope: .script,
        summary: "The Studio script has no PLACECALL action.",
        rationale: """
            The guide: "Use a Placecall action to initiate an outbound call to Watson Assistant" with the number \
            allocated for the integration. Without it the assistant is never called and the caller waits in \
            silence until the script ends.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["X-ContactID", "{ContactId}"], next: 4), 3: "",
            ]).replacingOccurrences(of: "<ScriptContainer", with: "↓<ScriptContainer")),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 ↓"actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "END"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}]}}
                """)], namedOnCommandLine: true),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.splitBundle(withSubscripts: false).with(note: "the subscripts are not in the bundle: silent rather than guess"),
            ExampleFixtures.bundle(),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "PLACECALL"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}]}}
                """)], namedOnCommandLine: true),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.enumerated().compactMap { index, graph in
            let script = graph.script
            // A subscript is not asked for the call; a script whose subscript places it (or runs one
            // cxlint cannot see) is not missing it.
            guard !script.actions.isEmpty, graph.indices(ofType: "PLACECALL").isEmpty, !Subscripts.isSubscript(index, context),
                  Subscripts.reach("PLACECALL", from: index, actions: { _ in true }, context) == false else { return nil }
            return finding(
                "the script has no PLACECALL, so the assistant is never called; add a Placecall dialling the integration's number after the Sipputheader",
                file: script.file, range: ScriptRoot.range(of: script, in: context))
        }
    }
}
