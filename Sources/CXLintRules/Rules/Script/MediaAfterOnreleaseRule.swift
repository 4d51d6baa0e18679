import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// ONRELEASE runs after the caller is gone: nothing on its chain may play to or record them.
public struct MediaAfterOnreleaseRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "media-after-onrelease", severity: .error, scope: .script,
        summary: "A media action (Play, Menu, Record) can run on a path from ONRELEASE.",
        rationale: """
            NICE's Onrelease help: "Media-specific actions (such as Play, Menu, or Record) are not allowed after the \
            Onrelease event." Onrelease runs once the call is released (by the caller, an agent, a Hangup, or the \
            integration's SIP BYE on an error): there is no caller to play a prompt to or record, so the action \
            fails and whatever the chain meant to do next (the guide's transfer on error) may not happen. Which \
            actions are media actions is data in Schemas/studio-actions.json.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                30: ExampleFixtures.action(30, "ONRELEASE", next: 40),
                40: ExampleFixtures.action(40, "↓PLAY", caption: "Sorry, transferring", next: 31),
            ])),
            // Behind the guard, on the transfer branch.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                32: ExampleFixtures.action(32, "ASSIGN", parameters: ["transferred", "true"], next: 40),
                40: ExampleFixtures.action(40, "↓MENU", caption: "Press 1 for an agent", next: 33),
            ])).with(note: "a Menu after the release guard"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            // A prompt before the call to the assistant is where media belongs.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "PLAY", caption: "Welcome", next: 2),
            ])).with(note: "a Play in the main flow"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script -> [Diagnostic] in
            let graph = script.graph
            // One finding per media action, from the first ONRELEASE that reaches it.
            var reported = Set<Int>()
            return script.entries(ofType: "ONRELEASE").flatMap { release -> [Diagnostic] in
                let seen = graph.reachable(from: [release])
                return graph.actions.indices.filter { seen[$0] && graph.catalog.isMedia(graph.actions[$0].type) }.compactMap { media in
                    guard reported.insert(media).inserted, let steps = graph.path(from: release, to: media) else { return nil }
                    return finding(
                        "\(graph.actions[media].displayName) runs after the call is released (\(graph.describe(steps, start: release))); CXone does not allow media actions (Play, Menu, Record) after Onrelease: move it before the release or remove it",
                        file: script.script.file, range: graph.actions[media].typeRange,
                        related: [RelatedLocation(file: script.script.file, range: graph.actions[release].typeRange, message: "the Onrelease it runs after")],
                        path: graph.pathSteps(steps, start: release))
                }
            }
        }
    }
}
