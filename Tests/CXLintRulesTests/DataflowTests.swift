import CXLintSyntax
import CXLintAnalysis
import XCTest

final class DataflowTests: XCTestCase {
    typealias S = AnalysisTestSupport

    func must(_ analysis: ScriptAnalysis, at id: Int) -> Bool? {
        let facts = Dataflow.mustPrecede(analysis.graph, entries: analysis.graph.entries) { analysis.actions[$0].type == "SIPPUTHEADER" }
        return facts[S.index(analysis, id: id)]
    }

    func testDiamondWithHeaderOnBothBranchesHolds() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "IF", ["DNIS = \"1\""], branches: [("True", 3), ("False", 4)]),
            S.a(3, "SIPPUTHEADER", S.header, next: 5),
            S.a(4, "SIPPUTHEADER", S.header, next: 5),
            S.a(5, "PLACECALL", ["+19585550123"]),
        ])
        XCTAssertEqual(must(a, at: 5), true)
        XCTAssertEqual(must(a, at: 2), false)
    }

    func testDiamondWithHeaderOnOneBranchFails() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "IF", ["DNIS = \"1\""], branches: [("True", 3), ("False", 5)]),
            S.a(3, "SIPPUTHEADER", S.header, next: 5),
            S.a(5, "PLACECALL", ["+19585550123"]),
        ])
        XCTAssertEqual(must(a, at: 5), false)
        let may = Dataflow.mayPrecede(a.graph, entries: a.graph.entries) { a.actions[$0].type == "SIPPUTHEADER" }
        XCTAssertEqual(may[S.index(a, id: 5)], true)
        let witness = Dataflow.witness(a.graph, entries: a.graph.entries, to: S.index(a, id: 5)) { a.actions[$0].type == "SIPPUTHEADER" }
        XCTAssertEqual(witness.map { a.graph.describe($0.steps, start: $0.start) }, "BEGIN → IF (False) → PLACECALL")
    }

    func testHeaderAfterCallFails() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "PLACECALL", ["+19585550123"], next: 3),
            S.a(3, "SIPPUTHEADER", S.header, next: 4),
            S.a(4, "WAIT", ["10"]),
        ])
        XCTAssertEqual(must(a, at: 2), false)
        XCTAssertEqual(must(a, at: 4), true)
    }

    func testLoopTerminatesAndKeepsFactsOfBothEntries() {
        // The retry loop re-enters the call through the header; the loop back edge must not lower the fact.
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "SIPPUTHEADER", S.header, next: 3),
            S.a(3, "PLACECALL", ["+19585550123"], next: 4, branches: [("OnBusy", 2)]),
            S.a(4, "WAIT", ["10"], next: 3),
            S.a(10, "ONSIGNAL", next: 3),
        ])
        let fromBegin = Dataflow.mustPrecede(a.graph, entries: S.index(a, id: 1) == 0 ? [0] : [S.index(a, id: 1)]) { a.actions[$0].type == "SIPPUTHEADER" }
        XCTAssertEqual(fromBegin[S.index(a, id: 3)], true)
        XCTAssertNil(fromBegin[S.index(a, id: 10)], "ONSIGNAL is not reachable from BEGIN")
        // From every entry: the ONSIGNAL chain reaches the call without the header.
        XCTAssertEqual(must(a, at: 3), false)
    }

    func testForwardSolverReachesFixedPointOnLoop() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "ASSIGN", ["n", "1"], next: 3),
            S.a(3, "ASSIGN", ["n", "{n}1"], next: 2),
        ])
        // Counting visits: a non-terminating analysis would hit the per-action limit; this one converges.
        let facts = Dataflow.forward(a.graph, entries: a.graph.entries, initial: 0, join: max, transfer: { _, n in min(n + 1, 5) })
        XCTAssertEqual(facts[S.index(a, id: 3)], 5)
        XCTAssertNotNil(a.constants[S.index(a, id: 2)])
    }
}
