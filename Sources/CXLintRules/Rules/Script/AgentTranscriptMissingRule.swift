import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct AgentTranscriptMissingRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "agent-transcript-missing", severity: .note, scope: .script,
        summary: "No ONANSWER event leads to a POPURL showing the assistant's transcript.",
        rationale: """
            The guide: "Add an Onanswer event", assign the transcript link built from the saved session history \
            key, and "use the PopURL action to display the conversation transcript to a live agent". Without it \
            the agent answers blind and the caller has to repeat everything they told the assistant. A note, not a \
            warning: the guide presents the transcript as optional ("You can configure your script to present a \
            transcript of the end user's conversation with Watson Assistant to a live agent").
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [20: "", 21: "", 22: ""])
                .replacingOccurrences(of: "<ScriptContainer", with: "↓<ScriptContainer")),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                20: ExampleFixtures.action(20, "↓ONANSWER", next: 21),
                21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "{sessionKey}"]),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                21: ExampleFixtures.action(21, "SNIPPET", parameters: ["ASSIGN watson_url = \"x{sessionKey}\"", ""], next: 22),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.enumerated().compactMap { index, graph in
            let script = graph.script
            // The script that runs a subscript handles the contact's events, not the subscript.
            guard !script.actions.isEmpty, !Subscripts.isSubscript(index, context) else { return nil }
            let answers = graph.indices(ofType: "ONANSWER")
            guard let first = answers.first else {
                return finding(
                    "the script has no ONANSWER, so agents never see the assistant's transcript; add Onanswer → Assign watson_url (…loadAgentAppFrame.html?session_history_key={sessionKey}) → PopURL {watson_url}",
                    file: script.file, range: ScriptRoot.range(of: script, in: context))
            }
            guard !answers.contains(where: { graph.reaches(type: "POPURL", from: [$0]) }) else { return nil }
            return finding(
                "\(graph.actions[first].displayName) leads to no POPURL, so agents never see the assistant's transcript; add a PopURL with the transcript link after it",
                file: script.file, range: graph.actions[first].typeRange)
        }
    }
}
