import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The ONSIGNAL chain must save p1 before it requests an agent.
public struct SessionKeyNotSavedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "session-key-not-saved", severity: .warning, scope: .script,
        summary: "On the ONSIGNAL path a Reqagent can run before any ASSIGN or Snippet saves {p1} into a variable.",
        rationale: """
            On a transfer, p1 carries the session history key, and the guide says to save it \
            (sessionKey = "{p1}", e.g. ASSIGN sessionKey = "{p1}" in a Snippet) before Reqagent. p1 lives only as \
            long as the signal event; without a saved copy the agent's transcript pop (Onanswer) has no key and \
            the agent starts the conversation from scratch, asking the caller to repeat everything. Checked on \
            every path of the ONSIGNAL chain (a must-analysis); variable names compare ignoring case. SP1 is the \
            same parameter as p1 (NICE's Onsignal help: "Parameters that are passed from a Signal action will be \
            received as SP1, SP2, ..."; IBM's guide reads {p1}).
            """,
        causedBy: [Cause(["onsignal-missing"], .sameFile, reason: "with no Onsignal there is no signal path to save the key on")],
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", caption: "Save session key", parameters: ["// ASSIGN sessionKey = \"{p1}\"", ""], next: 14),
                15: ExampleFixtures.action(15, "↓REQAGENT", parameters: ["Support"]),
            ])),
            // Saved on one branch only.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "IF", caption: "VIP?", parameters: ["p2 = \"vip\""], branches: [("True", 16), ("False", 14)]),
                16: ExampleFixtures.action(16, "ASSIGN", parameters: ["sessionKey", "{p1}"], next: 14),
                15: ExampleFixtures.action(15, "↓REQAGENT", parameters: ["Support"]),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundleWithoutOnsignal,
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "ASSIGN", parameters: ["sessionKey", "{P1}"], next: 14),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", parameters: ["IF p2 = \"vip\" {\n  sessionKey = p1\n} ELSE {\n  sessionKey = \"{p1}\"\n}", ""], next: 14),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", parameters: ["ASSIGN sessionKey = \"{SP1}\"", ""], next: 14),
            ])).with(note: "SP1 is p1"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script in
            script.entries(ofType: "ONSIGNAL").flatMap { entry -> [Diagnostic] in
                let saves: (Int) -> Bool = { !script.variablesSaving(anyOf: ScriptAnalysis.signalParameterOne, at: $0).isEmpty }
                let facts = Dataflow.mustPrecede(script.graph, entries: [entry], where: saves)
                return script.graph.indices(ofType: "REQAGENT").compactMap { reqagent -> Diagnostic? in
                    guard facts[reqagent] == false,
                          let witness = Dataflow.witness(script.graph, entries: [entry], to: reqagent, avoiding: saves) else { return nil }
                    let path = script.graph.describe(witness.steps, start: entry)
                    return finding(
                        "\(script.actions[reqagent].displayName) can run before the session history key in p1 is saved: \(path); save it first, e.g. a Snippet with ASSIGN sessionKey = \"{p1}\"",
                        file: script.script.file, range: script.actions[reqagent].typeRange, path: script.graph.pathSteps(witness.steps, start: entry))
                }
            }
        }
    }
}
