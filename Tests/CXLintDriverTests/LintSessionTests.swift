@testable import CXLintDriver
import CXLintModel
import CXLintRules
import CXLintSyntax
import Foundation
import XCTest

final class LintSessionTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path
    static let bundleFiles = ["phone-integration.yaml", "exports/action-skill.json", "studio/WatsonPhone.xml"]
    static let base = "/virtual-linter-\(UUID().uuidString)"

    /// A fleet in memory: `clean` copies of Samples/good, and one of
    /// Samples/broken/dangling-branch, whose script has a finding.
    func fleet(clean: Int) throws -> FileSystem {
        var overlay: [String: [UInt8]] = [:]
        func copy(_ sample: String, to line: String) throws {
            for file in Self.bundleFiles {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(Self.packageRoot)/Samples/\(sample)/\(file)"))
                overlay["\(Self.base)/fleet/\(line)/\(file)"] = Array(bytes)
            }
        }
        for line in 0..<clean { try copy("good", to: "line-\(line)") }
        try copy("broken/dangling-branch", to: "line-broken")
        return FileSystem(overlay: overlay)
    }

    /// `check` keeps the source only of files that findings point at: the
    /// clean files of a large fleet are linted and dropped, but still counted
    /// (and still listed by JUnit).
    func testKeepsOnlyTheSourcesOfFilesWithFindings() throws {
        let discovery = Discovery(fileSystem: try fleet(clean: 12), workingDirectory: Self.base)
        let report = LintSession(discovery: discovery).check(["fleet"]).report
        XCTAssertEqual(report.bundlesChecked, 13)
        XCTAssertEqual(report.filesChecked, 39)
        XCTAssertEqual(report.checkedFiles.count, 39)
        XCTAssertEqual(report.diagnostics.map(\.rule), ["dangling-branch"])
        XCTAssertEqual(Set(report.sources.keys.map(report.shown)), ["fleet/line-broken/studio/WatsonPhone.xml"])
        XCTAssertTrue(report.checkedFiles.map(report.shown).contains("fleet/line-3/studio/WatsonPhone.xml"), "a clean file is still listed (JUnit: a passed suite)")
    }

    /// Streaming gives the findings that linting every discovered bundle at once gives.
    func testFindsWhatLintingEveryDiscoveredBundleFinds() throws {
        let discovery = Discovery(fileSystem: try fleet(clean: 3), workingDirectory: Self.base)
        let engine = Engine()
        let all = discovery.discover(["fleet"]).bundles.flatMap { engine.lintAndSuppress($0.bundle).kept }
        let report = LintSession(discovery: discovery).check(["fleet"]).report
        // The session adds each finding's subject (what it is about): the rest is the engine's answer.
        let withoutSubjects = report.diagnostics.map { d in var plain = d; plain.subject = nil; return plain }
        XCTAssertEqual(withoutSubjects, Array(Set(all)).sorted(by: Diagnostic.reportingOrder))
        XCTAssertTrue(report.diagnostics.allSatisfy { $0.subject != nil })
    }
}
