import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The Contact ID header must be set on every path before each Placecall.
public struct SipputheaderBeforePlacecallRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "sipputheader-before-placecall", severity: .error, scope: .script,
        summary: "A Placecall can run before any Sipputheader sets the Contact ID header.",
        rationale: """
            "Sipputheader must be executed before Placecall" (the integration guide): the header is copied into the \
            SIP INVITE when the call is placed, so a header set later, on only some branches, or under another name \
            never reaches the assistant. Without the Contact ID the integration cannot signal the contact, and \
            transfers and hangups fail. The check is a must-analysis over every path from an entry point, through \
            branches, cases and loops; findings point where the offending path enters the call (or at the \
            Sipputheader that runs only after it) and name one such path.
            """,
        triggeringExamples: [
            // The header is set only after the call.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 3),
                2: ExampleFixtures.action(2, "↓SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{ContactId}"], next: 4),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 2),
            ])),
            // Set on the True branch only.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "IF", caption: "Check DNIS", parameters: ["DNIS = \"8005550199\""], branches: [("True", 2), ("False", 3)]),
            ]).replacingFirst("<Text>False</Text><ActionID>3</ActionID>", with: "<Text>False</Text><ActionID>↓3</ActionID>")),
            // Set under another name.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
                3: ExampleFixtures.action(3, "↓PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            // Set on both branches, in a loop that retries the call.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "IF", caption: "Check DNIS", parameters: ["DNIS = \"8005550199\""], branches: [("True", 2), ("False", 41)]),
                41: ExampleFixtures.action(41, "SIPPUTHEADER", caption: "Set Contact ID (sales)", parameters: ["x-contactid", "{ContactId}"], next: 3),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4, branches: [("OnBusy", 40)]),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let expected = context.expectedContactIDHeader
        return context.analysis.scripts.flatMap { script -> [Diagnostic] in
            let sets: (Int) -> Bool = { ScriptRuleSupport.setsHeader(script.actions[$0], expected) }
            let facts = Dataflow.mustPrecede(script.graph, entries: script.graph.entries, where: sets)
            return script.graph.indices(ofType: "PLACECALL").compactMap { placecall -> Diagnostic? in
                guard facts[placecall] == false,
                      let witness = Dataflow.witness(script.graph, entries: mainFirst(script), to: placecall, avoiding: sets) else { return nil }
                return report(script, placecall: placecall, witness: witness, expected: expected, sets: sets)
            }
        }
    }

    /// BEGIN's chain first: that is where the call is normally placed.
    func mainFirst(_ script: ScriptAnalysis) -> [Int] {
        script.entries(ofType: "BEGIN") + script.graph.entries.filter { script.actions[$0].type != "BEGIN" }
    }

    func report(_ script: ScriptAnalysis, placecall: Int, witness: (start: Int, steps: [ScriptGraph.Step]), expected: String, sets: (Int) -> Bool) -> Diagnostic {
        let action = script.actions[placecall]
        let path = script.graph.describe(witness.steps, start: witness.start)
        var message = "\(action.displayName) can run before any Sipputheader sets \(expected): \(path)"
        var range = action.typeRange
        let related = [RelatedLocation(file: script.script.file, range: action.typeRange, message: "the call")]
        let after = script.graph.reachable(from: script.graph.successors[placecall].map(\.target))
        let otherNames = script.actions.filter { action in
            action.type == "SIPPUTHEADER" && ScriptRuleSupport.sendsContactID(action) && !ScriptRuleSupport.setsHeader(action, expected)
        }
        if let late = after.indices.first(where: { after[$0] && sets($0) }) {
            message += "; \(script.actions[late].displayName) runs only after the call: move it before the Placecall"
            range = script.actions[late].typeRange
        } else if let other = otherNames.first, let name = ScriptRuleSupport.headerName(other) {
            message += "; the Contact ID is set only under another name, \(name) (see contact-id-header-mismatch): set \(expected) on every path before the call"
        } else {
            message += "; set the header on every path before the call"
            // Point at the branch that skips the header when the path chose one.
            if let last = witness.steps.last, script.graph.successors[last.from].count > 1 {
                range = script.actions[last.from].branches[last.edge.branch].range
            }
        }
        return finding(
            message, file: script.script.file, range: range, related: range == action.typeRange ? [] : related,
            path: script.graph.pathSteps(witness.steps, start: witness.start))
    }
}

extension String {
    /// For examples: puts a marker into generated XML.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let found = range(of: target) else { return self }
        return replacingCharacters(in: found, with: replacement)
    }
}
