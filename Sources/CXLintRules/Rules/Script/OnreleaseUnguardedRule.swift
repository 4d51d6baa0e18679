import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The ONRELEASE chain must check the transfer flag before transferring.
public struct OnreleaseUnguardedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "onrelease-unguarded", severity: .warning, scope: .script,
        summary: "The ONRELEASE chain reaches a Reqagent or Signal without first testing a flag that the transfer path sets.",
        rationale: """
            The integration sends SIP BYE on an error, and ONRELEASE should then transfer the caller. But ONRELEASE \
            also fires after a normal transfer or a Hangup; the guide's script "verifies whether the call was \
            already transferred" through a flag (ASSIGN transferred = true) before it transfers. Without that test \
            a caller already with an agent is requested again, or one the assistant hung up on is put back in the \
            queue. The flag is any variable that the ONSIGNAL chain assigns; the test is an IF, a CASE or a \
            Snippet IF on it, on every path (a must-analysis). Variable names compare ignoring case.
            """,
        causedBy: [Cause(["onsignal-missing"], .sameFile, reason: "with no Onsignal no transfer path sets the flag the Onrelease tests")],
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                30: ExampleFixtures.action(30, "↓ONRELEASE", next: 32),
            ])),
            // The test is on a variable nothing on the transfer path sets.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                30: ExampleFixtures.action(30, "↓ONRELEASE", next: 31),
                31: ExampleFixtures.action(31, "IF", caption: "Already transferred?", parameters: ["isTransferred = \"true\""], branches: [("True", 34), ("False", 32)]),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.splitBundle().with(note: "the line is split into subscripts: BEGIN runs the call, the Onsignal chain the routing"),
            ExampleFixtures.bundleWithoutOnsignal,
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                31: ExampleFixtures.action(31, "SNIPPET", parameters: ["IF TRANSFERRED == \"true\" { done = 1 }", ""], next: 40),
                40: ExampleFixtures.action(40, "CASE", parameters: ["{transferred}"], next: 32, cases: [("true", 34)]),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.enumerated().flatMap { index, script -> [Diagnostic] in
            let flags = transferFlags(script, index: index, context)
            let flagKeys = Set(flags.map { VariableName.key($0) })
            let guards: (Int) -> Bool = { index in
                script.testedConditions(at: index).contains { condition in
                    condition.variables.contains { variable in flagKeys.contains(VariableName.key(variable)) }
                }
            }
            return script.entries(ofType: "ONRELEASE").compactMap { entry -> Diagnostic? in
                let facts = Dataflow.mustPrecede(script.graph, entries: [entry], where: guards)
                let transfers = script.actions.indices.filter { facts[$0] == false && script.graph.catalog.isTransfer(script.actions[$0].type) }
                guard let transfer = transfers.first,
                      let witness = Dataflow.witness(script.graph, entries: [entry], to: transfer, avoiding: guards) else { return nil }
                let path = script.graph.describe(witness.steps, start: entry)
                let flagText = flags.isEmpty ? "a flag such as transferred (nothing on the ONSIGNAL path sets one yet)" : "a flag the transfer path sets (\(flags.prefix(3).joined(separator: ", ")))"
                return finding(
                    "\(script.actions[entry].displayName) reaches \(script.actions[transfer].displayName) without testing \(flagText): \(path); test the flag first and transfer only when the call was not already transferred",
                    file: script.script.file, range: script.actions[entry].typeRange, path: script.graph.pathSteps(witness.steps, start: entry))
            }
        }
    }

    /// Variables the ONSIGNAL chains assign (the main flow's when there is no ONSIGNAL),
    /// with those of the subscripts the chains run.
    func transferFlags(_ script: ScriptAnalysis, index scriptIndex: Int, _ context: LintContext) -> [String] {
        let starts = script.entries(ofType: "ONSIGNAL").isEmpty ? script.entries(ofType: "BEGIN") : script.entries(ofType: "ONSIGNAL")
        let seen = script.graph.reachable(from: starts)
        var names: [String] = []
        // Keys seen so far: a chain that assigns in many actions must not compare each name with all before it.
        var keys = Set<String>()
        func collect(_ analysis: ScriptAnalysis, _ index: Int) {
            for name in analysis.assignedVariables(at: index) where keys.insert(VariableName.key(name)).inserted { names.append(name) }
        }
        for index in seen.indices where seen[index] { collect(script, index) }
        for called in context.analysis.calls.reached(from: scriptIndex, actions: { seen[$0] }).scripts {
            let analysis = context.analysis.scripts[called]
            for index in analysis.actions.indices { collect(analysis, index) }
        }
        return names
    }
}
