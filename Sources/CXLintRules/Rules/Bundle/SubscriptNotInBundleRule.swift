import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// A Runsub, Runscript or Spawn whose script the bundle does not hold: cxlint cannot follow it.
public struct SubscriptNotInBundleRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "subscript-not-in-bundle", severity: .note, scope: .bundle,
        summary: "A Runsub, Runscript or Spawn runs a script that is not in the bundle, so cxlint cannot follow it.",
        rationale: """
            Studio authors split a line: BEGIN runs a subscript that sets the Contact ID header and places the call, \
            or the Onsignal chain runs a routing subscript that requests the agent ("Continues script execution to \
            a new script as if it were an extension of the calling script", CXone help, Runscript; Runsub and Spawn \
            likewise name the script by its Script Name). cxlint follows such a call into the bundle's scripts, \
            matched by the script's name or Studio path. When the bundle does not hold the called script, the \
            rules that would need what it does (placecall-missing, reqagent-missing) stay silent rather than guess, \
            and this note says so: add the script to the config's scripts: (or its folder) so it is checked too.
            """,
        triggeringExamples: [
            ExampleFixtures.splitBundle(call: "↓WatsonCall", withSubscripts: false)
                .with(note: "neither subscript is in the bundle; the routing call is reported too")
                .replacingInFile("studio/WatsonPhone.xml", "<string>Watson\\WatsonRouting", with: "<string>↓Watson\\WatsonRouting"),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "SPAWN", caption: "Survey", parameters: ["↓{surveyScript}", "SPAWNID", "", "", ""]),
            ])).with(note: "a script named through a variable cannot be followed"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.splitBundle(),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let calls = context.analysis.calls.calls
        return context.analysis.graphs.indices.flatMap { index -> [Diagnostic] in
            let graph = context.analysis.graphs[index]
            return calls[index].filter { $0.target == nil }.map { call in
                let action = graph.actions[call.action]
                let what = VariableName.wholeReference(call.name) != nil
                    ? "names its script through the variable \(call.name), which cxlint cannot follow"
                    : "runs the script \"\(call.name)\", which is not in this bundle"
                return finding(
                    "\(action.displayName) \(what); the rules that need what it does stay silent: add the script to the config's scripts: (or its folder) so it is checked with the line",
                    file: graph.script.file, range: call.range)
            }
        }
    }
}
