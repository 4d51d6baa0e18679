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
        causedBy: [
            Cause(["contact-id-header-mismatch"], .sameFile, reason: "the Contact ID is set, under another name: renaming the header fixes both"),
            Cause(["placecall-missing"], .sameFile, reason: "with no Placecall there is no call to set the header before"),
        ],
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
            // The subscript places the call, and its caller sets the header only after running it.
            ExampleFixtures.splitBundle()
                .replacingInFile("studio/WatsonCall.xml", "<Action>SIPPUTHEADER</Action><Caption>Set Contact ID</Caption><Parameters><string>X-ContactID</string>", with: "<Action>ASSIGN</Action><Caption>Set Contact ID</Caption><Parameters><string>unused</string>")
                .replacingInFile("studio/WatsonCall.xml", "<Action>PLACECALL", with: "<Action>↓PLACECALL"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            // Set under another name: one mistake, reported once, by contact-id-header-mismatch (the guide's example:
            // the config has no contact_id_header, the script sends X-Contact-ID).
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: nil), script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
            ])).with(note: "the header is set under another name: only contact-id-header-mismatch reports"),
            // The same with the header name in a variable.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["headerName", "X-Contact-ID"], next: 2),
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["{headerName}", "{ContactId}"], next: 3),
            ])).with(note: "the header name is assigned through a variable"),
            // The same with the config in JSON.
            RuleExample([
                ("phone-integration.json", #"{"phone_integration": {"phone_number": "+1 958 555 0123", "contact_center": {"type": "nice_cxone", "authentication_url": "https://na1.nice-incontact.com/authentication/v1/token/access-key", "api_url": "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/", "contact_id_header": "X-ContactID", "access_key_id": "${CXONE_ACCESS_KEY_ID}", "access_key_secret": "${CXONE_ACCESS_KEY_SECRET}"}}}"#),
                ("studio/WatsonPhone.xml", ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
                ])),
                ("exports/action-skill.json", ExampleFixtures.actionsSkill()),
            ], note: "the config is JSON"),
            // The same with contact_id_header written twice.
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(header: "X-ContactID\n    contact_id_header: X-ContactID"),
                script: ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
                ])).with(note: "contact_id_header is written twice"),
            // The header is set in the main script before it runs the subscript that places the call.
            ExampleFixtures.splitBundle().replacingInFile("studio/WatsonPhone.xml", "<Action>RUNSUB</Action><Caption>Place the call</Caption>",
                with: "<Action>SIPPUTHEADER</Action><Caption>Set Contact ID</Caption><Parameters><string>X-ContactID</string><string>{ContactId}</string></Parameters><DefaultNextAction><Text /><ActionID>50</ActionID><Index>0</Index><Segments /></DefaultNextAction></ActionStruct>\n<ActionStruct><ActionID>50</ActionID><Action>RUNSUB</Action><Caption>Place the call</Caption>")
                .replacingInFile("studio/WatsonCall.xml", "<Action>SIPPUTHEADER</Action><Caption>Set Contact ID</Caption><Parameters><string>X-ContactID</string>", with: "<Action>ASSIGN</Action><Caption>Set Contact ID</Caption><Parameters><string>unused</string>")
                .with(note: "the main script sets the header, then runs the subscript that places the call"),
            // No Placecall: placecall-missing reports, there is no call to order the header before.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{ContactId}"], next: 4),
                3: "",
            ])).with(note: "no Placecall: only placecall-missing reports"),
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
        let scripts = context.analysis.scripts
        return scripts.indices.flatMap { index -> [Diagnostic] in
            let script = scripts[index]
            let sets: (Int) -> Bool = { ScriptRuleSupport.setsHeader(script.actions[$0], expected) }
            // A subscript whose every caller set the header before running it starts with the header set.
            let entries = script.graph.entries.filter { !(script.actions[$0].type == "BEGIN" && headerSetByEveryCaller(of: index, expected, context)) }
            let facts = Dataflow.mustPrecede(script.graph, entries: entries, where: sets)
            return script.graph.indices(ofType: "PLACECALL").compactMap { placecall -> Diagnostic? in
                guard facts[placecall] == false,
                      let witness = Dataflow.witness(script.graph, entries: mainFirst(script).filter(entries.contains), to: placecall, avoiding: sets) else { return nil }
                return report(script, placecall: placecall, witness: witness, expected: expected, sets: sets)
            }
        }
    }

    /// Whether script `index` is run by scripts of the bundle, each of which sets the header
    /// on every path before the call that runs it.
    func headerSetByEveryCaller(of index: Int, _ expected: String, _ context: LintContext) -> Bool {
        let calls = context.analysis.calls.calls
        var called = false
        for caller in calls.indices {
            let sites = calls[caller].filter { $0.target == index }.map(\.action)
            guard !sites.isEmpty else { continue }
            called = true
            let script = context.analysis.scripts[caller]
            let facts = Dataflow.mustPrecede(script.graph, entries: script.graph.entries) { ScriptRuleSupport.setsHeader(script.actions[$0], expected) }
            guard sites.allSatisfy({ facts[$0] == true }) else { return false }
        }
        return called
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
            path: script.graph.pathSteps(witness.steps, start: witness.start), subject: Subject.action(action))
    }
}

extension String {
    /// For examples: puts a marker into generated XML.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let found = range(of: target) else { return self }
        return replacingCharacters(in: found, with: replacement)
    }
}
