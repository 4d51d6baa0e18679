import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct DanglingBranchRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "dangling-branch", severity: .error, scope: .script,
        summary: "A branch goes to an ActionID that does not exist in the script.",
        rationale: """
            When a branch such as Placecall's OnNoAnswer or Reqagent's OnError points at a deleted action, CXone \
            ends the script on that path: the caller is hung up exactly when something went wrong, instead of \
            reaching the agent or the fallback the guide's flow provides. Connect the branch to an existing action.
            """,
        causedBy: [Cause(["document-structure"], .sameFile, reason: "an action that lost its ActionID leaves every branch into it dangling")],
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                3: ExampleFixtures.action(3, "PLACECALL", parameters: ["+19585550123", "", "60", ""], next: 4,
                                          branches: [("OnNoAnswer", 24)]).replacingOccurrences(of: "<ActionID>24", with: "<ActionID>↓24"),
            ])),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "END"}},
                 "branches": {"1": [{"to": ↓9, "type": "default", "index": 0}]}}
                """)], namedOnCommandLine: true),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "end": {"name": "END"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}]}}
                """)], note: "the END lost its actionId: document-structure reports it, not the branch into it"),
            RuleExample([("studio/WatsonPhone.json", """
                {"header": {"scriptName": "WatsonPhone"},
                 "actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "END"}},
                 "branches": {"1": [{"to": 2, "type": "default", "index": 0}, {"to": 0, "label": "OnError", "type": "branch", "index": 0}]}}
                """)], namedOnCommandLine: true),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.flatMap { graph in
            graph.danglingBranches.map { dangling in
                let action = graph.actions[dangling.action]
                let branch = action.branches[dangling.branch]
                return finding(
                    "\(Self.name(of: branch)) of \(action.displayName) (ActionID \(action.id)) goes to ActionID \(branch.target.map(String.init) ?? "?"), which does not exist; connect it to an existing action",
                    file: graph.script.file, range: branch.range)
            }
        }
    }

    /// `the OnNoAnswer branch`, `the default next action`, `case "2"`.
    static func name(of branch: StudioBranch) -> String {
        switch branch.kind {
        case .default: "the default next action"
        case .named: branch.label.isEmpty ? "a branch" : "the \(branch.label) branch"
        case .case: "case \"\(branch.label)\""
        }
    }
}
