@testable import CXLintDriver
import CXLintSyntax
import Foundation
import XCTest

/// A finding is identified by what it is about, not the text its range starts on.
final class BaselineSubjectTests: XCTestCase {
    let before = SourceFile(id: SourceID(path: "/w/studio/s.xml"), text: "<PLACECALL/>\n<SIPPUTHEADER/>\n")
    let paths = Baseline.Paths(baselineFile: "/w/baseline.json", workingDirectory: "/w")

    func finding(at line: Int, subject: String?) -> Diagnostic {
        let range = SourceRange(start: before.location(line: line, column: 2), end: before.location(line: line, column: 6))
        return Diagnostic(rule: "sipputheader-before-placecall", severity: .error, message: "m", file: before.id, range: range, subject: subject)
    }

    func report(_ findings: [Diagnostic]) -> LintReport {
        LintReport(diagnostics: findings, sources: [before.id: before])
    }

    /// The case: the ordering finding moves from the Placecall to the Sipputheader.
    func testAFindingWhoseRangeMovesStaysBaselined() {
        let baseline = Baseline.make(report([finding(at: 1, subject: "action:7:PLACECALL")]), paths: paths)
        XCTAssertNotNil(baseline.findings.first?.subjectHash)
        let moved = baseline.apply(to: report([finding(at: 2, subject: "action:7:PLACECALL")]), paths: paths)
        XCTAssertEqual(moved.report.diagnostics, [], "same subject, other text: still the baselined finding")
        XCTAssertEqual(moved.stale, [])
        let other = baseline.apply(to: report([finding(at: 1, subject: "action:9:PLACECALL")]), paths: paths)
        XCTAssertEqual(other.report.diagnostics.count, 1, "another action is another finding, whatever the text")
        XCTAssertEqual(other.stale.count, 1)
    }

    /// Baselines written before subjects match by the text, as they did.
    func testOlderBaselinesStillMatchByText() throws {
        var old = Baseline.make(report([finding(at: 1, subject: nil)]), paths: paths)
        old.findings[0].subjectHash = nil
        let json = old.encoded()
        XCTAssertFalse(json.contains("subjectHash"))
        let decoded = try Baseline.decode(Data(json.utf8))
        let applied = decoded.apply(to: report([finding(at: 1, subject: "action:7:PLACECALL")]), paths: paths)
        XCTAssertEqual(applied.report.diagnostics, [])
        let elsewhere = decoded.apply(to: report([finding(at: 2, subject: "action:7:PLACECALL")]), paths: paths)
        XCTAssertEqual(elsewhere.report.diagnostics.count, 1, "an old entry knows only the text")
    }

    func testCountedMatchingPairsRepeatsOneToOne() {
        let (matched, left) = CountedMatching.match(["a", "a", nil, "b"], against: ["a", "c", "a", "a"])
        XCTAssertEqual(matched, [true, true, false, false])
        XCTAssertEqual(left, [1, 3])
    }
}
