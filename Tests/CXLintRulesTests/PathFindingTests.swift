import CXLintAnalysis
import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// The rules that find a path through a script carry it as data, and the
/// data says what the message says.
final class PathFindingTests: XCTestCase {
    static let pathRules: [RuleID] = ["sipputheader-before-placecall", "session-key-not-saved", "onrelease-unguarded", "signal-hangup-unhandled", "reqagent-missing",
                            "onrelease-after-hangup", "media-after-onrelease"]

    /// The message's arrow chain, rebuilt from the steps: `IF "x" takes False` reads `IF "x" (False)` there.
    static func chain(_ path: [PathStep]) -> String {
        path.map { step in
            guard let branch = step.branch, !branch.isEmpty else { return step.message }
            return String(step.message.dropLast(" takes \(branch)".count)) + " (\(branch))"
        }.joined(separator: " → ")
    }

    func testEveryPathRuleExampleCarriesItsPath() throws {
        for id in Self.pathRules {
            let rule = try XCTUnwrap(RuleCatalog.all.first { $0.description.id == id }, "\(id)")
            for (index, example) in rule.description.triggeringExamples.enumerated() {
                let findings = ExampleRunner.run(example, rules: [rule.init()]).filter { $0.rule == id }
                XCTAssertFalse(findings.isEmpty, "\(id) example \(index)")
                for finding in findings {
                    let path = finding.path
                    XCTAssertGreaterThanOrEqual(path.count, 2, "\(id) example \(index): \(finding.message)")
                    XCTAssertTrue(StudioActionCatalog.standard.isEntryPoint(path.first?.actionType ?? ""), "\(id) starts at an entry: \(path.map(\.actionType))")
                    XCTAssertTrue(finding.message.contains(Self.chain(path)), "\(id) example \(index): \(Self.chain(path)) not in \(finding.message)")
                    XCTAssertEqual(path.last?.branch, nil, "the last step takes no branch")
                    XCTAssertFalse(path.dropLast().contains { $0.branch == nil }, "every other step says which branch it takes")
                    XCTAssertTrue(path.allSatisfy { $0.file == finding.file && $0.range.start.line >= 1 })
                }
            }
        }
    }

    /// Steps name the action, its ID and position, and the branch taken, as the loader read them.
    func testStepsOfAPathThroughABranch() throws {
        let xml = ExampleFixtures.script(replacing: [
            1: ExampleFixtures.action(1, "BEGIN", next: 40),
            40: ExampleFixtures.action(40, "IF", caption: "Check DNIS", parameters: ["DNIS = \"8005550199\""], branches: [("True", 2), ("False", 3)]),
        ])
        let source = SourceFile(id: SourceID(path: "studio/WatsonPhone.xml"), bytes: Array(xml.utf8))
        let script = try XCTUnwrap(DocumentLoader.load(source).first?.script)
        let graph = ScriptGraph(script)
        let begin = try XCTUnwrap(script.indexByID[1]), placecall = try XCTUnwrap(script.indexByID[3])
        let steps = try XCTUnwrap(graph.path(from: begin, to: placecall))
        let path = graph.pathSteps(steps, start: begin)
        XCTAssertEqual(path.map(\.actionID), [1, 40, 3])
        XCTAssertEqual(path.map(\.actionType), ["BEGIN", "IF", "PLACECALL"])
        XCTAssertEqual(path.map(\.branch), ["", "False", nil])
        XCTAssertEqual(path[1].message, #"IF "Check DNIS" takes False"#)
        XCTAssertEqual(path[1].caption, "Check DNIS")
        XCTAssertEqual(source.text(of: path[1].range), "IF")
        XCTAssertEqual(Self.chain(path), graph.describe(steps, start: begin))
        // A path of no steps is its start alone.
        XCTAssertEqual(graph.pathSteps([], start: begin).map(\.actionID), [1])
    }

    /// The dataflow's visiting order: every reachable action once, each after the actions
    /// leading to it except along an edge that closes a loop (here the sample script's).
    func testReversePostorderPutsActionsAfterTheirPredecessors() throws {
        let source = SourceFile(id: SourceID(path: "studio/WatsonPhone.xml"), bytes: Array(ExampleFixtures.script(replacing: [:]).utf8))
        let script = try XCTUnwrap(DocumentLoader.load(source).first?.script)
        let graph = ScriptGraph(script)
        let order = graph.reversePostorder(from: graph.entries)
        let reachable = graph.reachable(from: graph.entries)
        XCTAssertEqual(Set(order), Set(reachable.indices.filter { reachable[$0] }))
        XCTAssertEqual(order.count, Set(order).count)
        var rank = [Int: Int]()
        for (position, node) in order.enumerated() { rank[node] = position }
        for node in order {
            for edge in graph.successors[node] where rank[edge.target]! <= rank[node]! {
                // A backward edge must close a loop: its target reaches its source.
                XCTAssertTrue(graph.reachable(from: [edge.target])[node], "\(node) -> \(edge.target) goes backwards without a loop")
            }
        }
    }

    /// Where a chain ends: the action a breadth-first walk meets last.
    func testPathToFarthestFollowsTheLongestChain() throws {
        let source = SourceFile(id: SourceID(path: "studio/WatsonPhone.xml"), bytes: Array(ExampleFixtures.script(replacing: [:]).utf8))
        let script = try XCTUnwrap(DocumentLoader.load(source).first?.script)
        let graph = ScriptGraph(script)
        let onsignal = try XCTUnwrap(graph.indices(ofType: "ONSIGNAL").first)
        let steps = graph.pathToFarthest(from: onsignal)
        let reached = graph.reachable(from: [onsignal]).filter { $0 }.count
        XCTAssertFalse(steps.isEmpty)
        XCTAssertLessThanOrEqual(steps.count, reached - 1)
        XCTAssertEqual(steps.first?.from, onsignal)
    }
}
