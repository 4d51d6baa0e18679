import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The ONSIGNAL chain must hang up when p1 is `hangup`.
public struct SignalHangupUnhandledRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "signal-hangup-unhandled", severity: .error, scope: .script,
        summary: "The ONSIGNAL chain does not test p1 against \"hangup\" and lead to a Hangup, with no transfer on the way.",
        rationale: """
            The integration uses the same signal for two things: p1 is the session history key for a transfer, or \
            the literal hangup when the assistant ends the call. "If p1 is set to hangup when an Onsignal event is \
            triggered, use Hangup to terminate a script" (IBM's integration guide, Disconnecting a call). A script \
            that does not tell them apart transfers every caller the assistant meant to hang up on, or hangs up on \
            the ones it meant to transfer. The hangup value must reach a Hangup with no Reqagent or Signal on the \
            way: a test whose hangup branch runs a Reqagent (whose OnError happens to reach a Hangup), or a test \
            that runs only after a Reqagent, still transfers the caller. Accepted tests: an IF action in the forms \
            CXone's expression help writes (p1 = "hangup", {p1} = "hangup", "{p1}" = "hangup", p1 == "hangup", \
            either side first, p1 <> "hangup" with the Hangup on False), a CASE on p1 with a hangup case, or a \
            Snippet IF on p1 followed by a Hangup. SP1 is the same parameter (NICE's Onsignal help: "Parameters \
            that are passed from a Signal action will be received as SP1, SP2, ..."; IBM's guide reads {p1}), and \
            a variable holding a copy of p1 (through ASSIGN or Snippet assignments) counts as p1.
            """,
        causedBy: [Cause(["onsignal-missing"], .sameFile, reason: "with no Onsignal no signal is handled at all")],
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                10: ExampleFixtures.action(10, "↓ONSIGNAL", next: 13),
            ])),
            // The test is there, but its True branch transfers instead of hanging up.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                10: ExampleFixtures.action(10, "↓ONSIGNAL", next: 11),
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["p1 &lt;&gt; \"hangup\""], branches: [("True", 12), ("False", 13)]),
            ])),
            // The True branch requests an agent; only its OnError branch reaches a Hangup.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                10: ExampleFixtures.action(10, "↓ONSIGNAL", next: 11),
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["p1 = \"hangup\""], branches: [("True", 40), ("False", 13)]),
                40: ExampleFixtures.action(40, "REQAGENT", parameters: ["Support"], branches: [("OnError", 12)]),
            ])).with(note: "the hangup branch runs a Reqagent before its Hangup"),
            // The chain requests an agent before it tests for hangup.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                10: ExampleFixtures.action(10, "↓ONSIGNAL", next: 40),
                40: ExampleFixtures.action(40, "REQAGENT", parameters: ["Support"], next: 11),
            ])).with(note: "a Reqagent runs before the hangup test"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundleWithoutOnsignal,
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "CASE", caption: "Which signal?", parameters: ["{p1}"], next: 13, cases: [("hangup", 16)]),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Transfer?", parameters: ["{P1} != \"hangup\" AND {p2} = \"x\" OR p1 &lt;&gt; \"hangup\""], branches: [("True", 13), ("False", 16)]),
            ])),
            // The quoted substitution CXone's expression help writes, either side first.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["\"{p1}\" = \"hangup\""], branches: [("True", 16), ("False", 13)]),
            ])).with(note: "\"{p1}\" = \"hangup\""),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["\"hangup\" == \"{p1}\""], branches: [("True", 16), ("False", 13)]),
            ])).with(note: "\"hangup\" == \"{p1}\""),
            // NICE's Onsignal help names the parameter SP1.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["SP1 = \"hangup\""], branches: [("True", 16), ("False", 13)]),
            ])).with(note: "SP1 is p1"),
            // A copy of a copy of p1.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                10: ExampleFixtures.action(10, "ONSIGNAL", next: 40),
                40: ExampleFixtures.action(40, "SNIPPET", parameters: ["ASSIGN hist = \"{p1}\"&#xA;ASSIGN signal.kind = hist", ""], next: 11),
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["{signal.kind} = \"hangup\""], branches: [("True", 16), ("False", 13)]),
            ])).with(note: "the test reads a copy of a copy of p1"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script in
            script.entries(ofType: "ONSIGNAL").compactMap { entry in check(script, onsignal: entry) }
        }
    }

    enum Outcome { case handled, testedWithoutHangup, untested }

    func check(_ script: ScriptAnalysis, onsignal entry: Int) -> Diagnostic? {
        let graph = script.graph
        // Only what runs before any transfer: a test after a Reqagent comes too late.
        let seen = graph.reachable(from: [entry], stoppingAt: { graph.catalog.isTransfer(graph.actions[$0].type) })
        let aliases = script.sessionKeyNames
        let hangup = HangupReach(script)
        var test: Int?
        for index in seen.indices where seen[index] {
            switch outcome(script, at: index, aliases: aliases, hangup: hangup) {
            case .handled: return nil
            case .testedWithoutHangup: test = test ?? index
            case .untested: break
            }
        }
        let onsignal = script.actions[entry]
        let steps = path(script, from: entry, to: test)
        let chain = script.graph.describe(steps, start: entry)
        let message: String
        if test != nil {
            message = "\(onsignal.displayName) tests p1 against \"hangup\" (\(chain)) but the matching branch never reaches a HANGUP without a transfer on the way; connect that branch to a HANGUP (no Reqagent or Signal before it) so the assistant's hangup signal ends the call"
        } else if let transfer = testedOnlyAfterTransfer(script, entry: entry, aliases: aliases, hangup: hangup) {
            message = "\(onsignal.displayName) runs \(script.actions[transfer].displayName) before it tests p1 against \"hangup\" (\(chain)), so the assistant's hangup signal transfers the caller; test p1 = \"hangup\" first, with its True branch leading to a HANGUP"
        } else {
            message = "\(onsignal.displayName) never tests p1 against \"hangup\", so the assistant's hangup signal is handled like a transfer (\(chain)); add an IF p1 = \"hangup\" whose True branch leads to a HANGUP"
        }
        return finding(message, file: script.script.file, range: onsignal.typeRange, path: script.graph.pathSteps(steps, start: entry))
    }

    /// The path the finding shows: to the test whose branch misses the Hangup, else to
    /// the transfer the hangup signal reaches, else to where the chain ends.
    func path(_ script: ScriptAnalysis, from entry: Int, to test: Int?) -> [ScriptGraph.Step] {
        if let goal = test ?? script.reaches(from: entry, types: ["REQAGENT", "SIGNAL"]),
           let steps = script.graph.path(from: entry, to: goal) { return steps }
        return script.graph.pathToFarthest(from: entry)
    }

    /// The first transfer the chain runs when a hangup test lies only beyond one.
    func testedOnlyAfterTransfer(_ script: ScriptAnalysis, entry: Int, aliases: [String], hangup: HangupReach) -> Int? {
        let graph = script.graph
        let all = graph.reachable(from: [entry])
        let tests = all.indices.contains { all[$0] && outcome(script, at: $0, aliases: aliases, hangup: hangup) != .untested }
        guard tests else { return nil }
        return all.indices.first { all[$0] && graph.catalog.isTransfer(graph.actions[$0].type) }
    }

    /// Which actions can run into a HANGUP with no transfer on the way (the
    /// HANGUPs included), from one walk backwards over the predecessors of
    /// every HANGUP that never enters a transfer: each test on the chain then
    /// costs a lookup, not a walk of the script, so the rule is linear.
    struct HangupReach {
        let leads: [Bool]

        init(_ script: ScriptAnalysis) {
            let graph = script.graph
            var leads = [Bool](repeating: false, count: graph.actions.count)
            var stack = graph.indices(ofType: "HANGUP")
            for index in stack { leads[index] = true }
            while let node = stack.popLast() {
                for previous in graph.predecessors[node] where !leads[previous] && !graph.catalog.isTransfer(graph.actions[previous].type) {
                    leads[previous] = true
                    stack.append(previous)
                }
            }
            self.leads = leads
        }
    }

    func outcome(_ script: ScriptAnalysis, at index: Int, aliases: [String], hangup: HangupReach) -> Outcome {
        let action = script.actions[index]
        switch action.type {
        case "IF":
            guard let condition = script.conditions[index],
                  let taken = aliases.lazy.compactMap({ condition.outcome(when: $0, equals: "hangup") }).first else { return .untested }
            let label = taken ? "true" : "false"
            let targets = action.branches.filter { $0.kind == .named && $0.label.lowercased() == label }.compactMap(\.target)
            return leadsToHangup(script, hangup, targets: targets) ? .handled : .testedWithoutHangup
        case "CASE":
            guard let variable = script.caseVariable(at: index), aliases.contains(where: { VariableName.same($0, variable) }) else { return .untested }
            let targets = action.branches.filter { $0.kind == .case && Self.unquoted($0.label).lowercased() == "hangup" }.compactMap(\.target)
            if targets.isEmpty { return .testedWithoutHangup }
            return leadsToHangup(script, hangup, targets: targets) ? .handled : .testedWithoutHangup
        case "SNIPPET":
            // A Snippet cannot branch the flow itself; accept its IF when a Hangup can follow it.
            let tests = script.testedConditions(at: index).contains { c in aliases.contains { c.outcome(when: $0, equals: "hangup") != nil } }
            guard tests else { return .untested }
            return leadsToHangup(script, hangup, targets: script.graph.successors[index].map { script.actions[$0.target].id }) ? .handled : .testedWithoutHangup
        default:
            return .untested
        }
    }

    func leadsToHangup(_ script: ScriptAnalysis, _ hangup: HangupReach, targets: [Int]) -> Bool {
        targets.compactMap { script.script.indexByID[$0] }.contains { hangup.leads[$0] }
    }

    static func unquoted(_ text: String) -> String {
        var t = Substring(text)
        while let f = t.first, f == " " || f == "\"" || f == "'" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\"" || l == "'" { t = t.dropLast() }
        return String(t)
    }
}
