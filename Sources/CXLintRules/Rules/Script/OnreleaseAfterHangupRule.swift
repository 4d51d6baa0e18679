import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// After the assistant's hangup, CXone runs ONRELEASE: it must be able to tell
/// that release from a failure and not transfer the caller.
public struct OnreleaseAfterHangupRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "onrelease-after-hangup", severity: .warning, scope: .script,
        summary: "The assistant's hangup path reaches a HANGUP without setting anything the ONRELEASE chain tests before it transfers.",
        rationale: """
            IBM's integration guide: "If the Hangup action is executed and an Onrelease event action is present, \
            CXone will hang up on the caller and the script will jump to the OnRelease action. Design your script \
            so it can distinguish whether the OnRelease event is triggered due to a transfer or hangup." NICE's \
            Onrelease help agrees: after a Hangup "the script will not terminate immediately, but will continue" \
            from Onrelease. The guide's Onrelease transfers the caller when the integration failed (SIP BYE); if \
            the hangup path sets nothing that Onrelease tests before its Reqagent or Signal, a caller the assistant \
            meant to hang up on is put back in the agent queue. The hangup path is every path from ONSIGNAL to a \
            HANGUP with no transfer on the way; a variable assigned on all of them (e.g. ASSIGN released = \
            "hangup") must be tested on every path from ONRELEASE to its transfers. Variable names compare ignoring \
            case.
            """,
        triggeringExamples: [
            // The guide's flow without the mark: IF p1 = "hangup" goes straight to the HANGUP.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["p1 = \"hangup\""], branches: [("True", 12), ("False", 13)]),
                12: ExampleFixtures.action(12, "↓HANGUP"),
            ])),
            // The mark is set, but ONRELEASE tests only the transfer flag.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                12: ExampleFixtures.action(12, "↓HANGUP"),
                31: ExampleFixtures.action(31, "IF", caption: "Already transferred?", parameters: ["transferred = \"true\""], branches: [("True", 34), ("False", 32)]),
            ])).with(note: "Onrelease does not test the hangup mark"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            // The transfer flag, set before the HANGUP too, tells them apart as well.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                16: ExampleFixtures.action(16, "ASSIGN", parameters: ["transferred", "true"], next: 12),
                31: ExampleFixtures.action(31, "IF", caption: "Already transferred?", parameters: ["transferred = \"true\""], branches: [("True", 34), ("False", 32)]),
            ])).with(note: "the hangup path sets the flag Onrelease tests"),
            // An ONRELEASE that never transfers cannot transfer a caller the assistant hung up on.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                11: ExampleFixtures.action(11, "IF", caption: "Hang up?", parameters: ["p1 = \"hangup\""], branches: [("True", 12), ("False", 13)]),
                30: ExampleFixtures.action(30, "ONRELEASE", next: 34),
            ])).with(note: "Onrelease only ends the script"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script -> [Diagnostic] in
            let releases = script.entries(ofType: "ONRELEASE")
            let signals = script.entries(ofType: "ONSIGNAL")
            guard !releases.isEmpty, !signals.isEmpty else { return [] }
            let graph = script.graph
            let isTransfer: (Int) -> Bool = { graph.catalog.isTransfer(graph.actions[$0].type) }
            let marks = HangupMarks.run(script, from: signals)
            // One walk per ONSIGNAL gives the hangup path to every HANGUP.
            let hangupPaths = signals.map { (start: $0, tree: graph.shortestPaths(from: $0, avoiding: isTransfer)) }
            // Hangups with the same marks get the same answer from ONRELEASE: ask once per set.
            var unguarded: [[String]: (release: Int, steps: [ScriptGraph.Step])?] = [:]
            return graph.indices(ofType: "HANGUP").compactMap { hangup -> Diagnostic? in
                guard let mark = marks[hangup], !mark.blocked else { return nil }
                if unguarded[mark.keys] == nil { unguarded[mark.keys] = .some(transferWithoutTest(script, marked: Set(mark.keys), releases: releases)) }
                guard let release = unguarded[mark.keys] ?? nil,
                      let hangupPath = hangupPaths.lazy.compactMap({ p in graph.steps(to: hangup, from: p.start, in: p.tree).map { (p.start, $0) } }).first
                else { return nil }
                let set = mark.keys.isEmpty ? "sets nothing the ONRELEASE chain tests" : "sets only \(mark.keys.joined(separator: ", ")), which the ONRELEASE chain does not test"
                return finding(
                    "\(graph.actions[hangup].displayName) ends the assistant's hangup path (\(graph.describe(hangupPath.1, start: hangupPath.0))) but \(set) before it transfers (\(graph.describe(release.steps, start: release.release))); CXone runs Onrelease after this Hangup and requests an agent for a caller the assistant hung up on: assign a mark before the Hangup (e.g. ASSIGN released = \"hangup\") and test it in Onrelease before transferring",
                    file: script.script.file, range: graph.actions[hangup].typeRange,
                    related: [RelatedLocation(file: script.script.file, range: graph.actions[release.release].typeRange, message: "the Onrelease that runs after the Hangup")],
                    path: graph.pathSteps(hangupPath.1, start: hangupPath.0))
            }
        }
    }

    /// The first ONRELEASE that can reach a transfer without testing any of
    /// `marked` (variable keys), with that path; nil when every one tests first.
    func transferWithoutTest(_ script: ScriptAnalysis, marked: Set<String>, releases: [Int]) -> (release: Int, steps: [ScriptGraph.Step])? {
        let graph = script.graph
        let tests: (Int) -> Bool = { index in
            script.testedConditions(at: index).contains { $0.variables.contains { marked.contains(VariableName.key($0)) } }
        }
        for release in releases {
            let facts = Dataflow.mustPrecede(graph, entries: [release], where: tests)
            guard let transfer = graph.actions.indices.first(where: { facts[$0] == false && graph.catalog.isTransfer(graph.actions[$0].type) }),
                  let path = graph.path(from: release, to: transfer, avoiding: tests) else { continue }
            return (release, path)
        }
        return nil
    }

    /// The variables assigned on every path from ONSIGNAL to each action with no
    /// transfer on the way (a must-analysis: intersection where paths meet).
    /// `blocked` marks actions reached only through a transfer.
    struct HangupMarks: Equatable {
        /// Variable keys, sorted, without repeats: the union and intersection the
        /// walk takes at every visit are merges of two short lists, not new sets.
        var keys: [String]
        var blocked: Bool

        static func run(_ script: ScriptAnalysis, from signals: [Int]) -> [HangupMarks?] {
            let graph = script.graph
            return Dataflow.forward(
                graph, entries: signals, initial: HangupMarks(keys: [], blocked: false),
                merge: { current, incoming in current.meet(incoming) },
                transfer: { index, fact in
                    if fact.blocked || graph.catalog.isTransfer(graph.actions[index].type) { return HangupMarks(keys: [], blocked: true) }
                    return HangupMarks(keys: SortedLists.union(fact.keys, keys(of: script.assignedVariables(at: index))), blocked: false)
                })
        }

        /// The keys of `names`, sorted, without repeats (most actions assign one variable or none).
        static func keys(of names: [String]) -> [String] {
            if names.count < 2 { return names.map { VariableName.key($0) } }
            let sorted = names.map { VariableName.key($0) }.sorted()
            var unique: [String] = []
            unique.reserveCapacity(sorted.count)
            for key in sorted where unique.last != key { unique.append(key) }
            return unique
        }

        /// Joins a path's marks into these; false when nothing changed.
        mutating func meet(_ other: HangupMarks) -> Bool {
            if other.blocked { return false }
            if blocked { self = other; return true }
            let common = SortedLists.intersection(keys, other.keys)
            if common.count == keys.count { return false }
            keys = common
            return true
        }
    }
}
