import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct UnreachableActionRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "unreachable-action", severity: .note, scope: .script,
        summary: "An action cannot run: no path leads to it from BEGIN or an event action.",
        rationale: """
            Only BEGIN and the event actions start chains. CXone's Action Basics help: "Event actions start a new \
            branch in a script. They fire when a specific event occurs during an interaction. Examples are \
            Onanswer, Onrelease, and Onhold"; Onsignal, Onabandon and Ondata are event actions too (their help \
            pages, and Stop's). The list is data in Schemas/studio-actions.json. An action nothing connects to \
            never runs; in the guide's flow that is usually a Sipputheader, Reqagent or PopURL that was meant to \
            run and was left unconnected after an edit. Connect it or delete it.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "↓REQAGENT", parameters: ["Support"]),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "↓ASSIGN", parameters: ["x", "1"], next: 41),
                41: ExampleFixtures.action(41, "↓POPURL", parameters: ["{x}"]),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "ONANSWER", next: 22),
            ])),
            // ONHOLD is an event action: it and its chain run when the caller is put on hold.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "ONHOLD", next: 41),
                41: ExampleFixtures.action(41, "ASSIGN", parameters: ["held", "true"]),
            ])).with(note: "Onhold starts its own chain"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.flatMap { graph in
            // Without any entry point every action would be unreachable: one finding per action says nothing.
            guard !graph.entries.isEmpty else { return [Diagnostic]() }
            let seen = graph.reachable(from: graph.entries)
            return graph.actions.indices.filter { !seen[$0] }.map { index in
                let action = graph.actions[index]
                return finding(
                    "\(action.displayName) (ActionID \(action.id)) never runs: no path leads to it from BEGIN or an event action; connect it or delete it",
                    file: graph.script.file, range: action.typeRange)
            }
        }
    }
}
