import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The ONSIGNAL chain must hang up when p1 is `hangup`.
public struct SignalHangupUnhandledRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "signal-hangup-unhandled", severity: .error, scope: .script,
        summary: "The ONSIGNAL chain does not test p1 against \"hangup\" and lead to a Hangup on the matching branch.",
        rationale: """
            The integration uses the same signal for two things: p1 is the session history key for a transfer, or \
            the literal hangup when the assistant ends the call. "If p1 is set to hangup when an Onsignal event is \
            triggered, use Hangup to terminate a script" (the integration guide, Disconnecting a call). A script \
            that does not tell them apart transfers every caller the assistant meant to hang up on, or hangs up on \
            the ones it meant to transfer. Accepted tests: an IF action (p1 = "hangup", {p1} == "hangup", \
            "hangup" = p1, p1 <> "hangup" with the Hangup on False), a CASE on p1 with a hangup case, or a Snippet \
            IF on p1 followed by a Hangup; a variable saved from {p1} counts as p1.
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
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundleWithoutOnsignal,
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "CASE", caption: "Which signal?", parameters: ["{p1}"], next: 13, cases: [("hangup", 12)]),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Transfer?", parameters: ["{P1} != \"hangup\" AND {p2} = \"x\" OR p1 &lt;&gt; \"hangup\""], branches: [("True", 13), ("False", 12)]),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script in
            script.entries(ofType: "ONSIGNAL").compactMap { entry in check(script, onsignal: entry) }
        }
    }

    enum Outcome { case handled, testedWithoutHangup, untested }

    func check(_ script: ScriptAnalysis, onsignal entry: Int) -> Diagnostic? {
        let seen = script.graph.reachable(from: [entry])
        let aliases = Self.distinct(["p1"] + seen.indices.filter { seen[$0] }.flatMap { script.variablesSaving("p1", at: $0) })
        let hangup = HangupReach(script)
        var tested = false
        for index in seen.indices where seen[index] {
            switch outcome(script, at: index, aliases: aliases, hangup: hangup) {
            case .handled: return nil
            case .testedWithoutHangup: tested = true
            case .untested: break
            }
        }
        let onsignal = script.actions[entry]
        let message = tested
            ? "\(onsignal.displayName) tests p1 against \"hangup\" but the matching branch never reaches a HANGUP; connect that branch to a HANGUP so the assistant's hangup signal ends the call"
            : "\(onsignal.displayName) never tests p1 against \"hangup\", so the assistant's hangup signal is handled like a transfer; add an IF p1 = \"hangup\" whose True branch leads to a HANGUP"
        return finding(message, file: script.script.file, range: onsignal.typeRange)
    }

    /// Names in first-seen order without repeats (by `VariableName.key`): a chain
    /// that saves p1 in many actions must not make every test cost that many comparisons.
    static func distinct(_ names: [String]) -> [String] {
        var keys = Set<String>()
        return names.filter { keys.insert(VariableName.key($0)).inserted }
    }

    /// Which actions can run into a HANGUP (themselves included), from one walk
    /// backwards over the predecessors of every HANGUP: each test on the chain
    /// then costs a lookup, not a walk of the script, so the rule is linear.
    struct HangupReach {
        let leads: [Bool]

        init(_ script: ScriptAnalysis) {
            let graph = script.graph
            var leads = [Bool](repeating: false, count: graph.actions.count)
            var stack = graph.indices(ofType: "HANGUP")
            for index in stack { leads[index] = true }
            while let node = stack.popLast() {
                for previous in graph.predecessors[node] where !leads[previous] {
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
