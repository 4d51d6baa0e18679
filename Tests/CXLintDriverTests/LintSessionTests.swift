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

    /// `check` keeps of the files findings point at only the lines they start on: the
    /// clean files of a large fleet are linted and dropped, but still counted (and
    /// still listed by JUnit), and its memory does not grow with the fleet.
    func testKeepsOnlyTheLinesFindingsStartOn() throws {
        let fileSystem = try fleet(clean: 12)
        let discovery = Discovery(fileSystem: fileSystem, workingDirectory: Self.base)
        let report = LintSession(discovery: discovery).check(["fleet"]).report
        XCTAssertEqual(report.bundlesChecked, 13)
        XCTAssertEqual(report.filesChecked, 39)
        XCTAssertEqual(report.checkedFiles.count, 39)
        XCTAssertEqual(report.diagnostics.map(\.rule), ["dangling-branch"])
        XCTAssertEqual(report.sources.count, 0, "no fix edits a file: none is kept whole")
        XCTAssertEqual(Set(report.keptLines.keys.map(report.shown)), ["fleet/line-broken/studio/WatsonPhone.xml"])
        XCTAssertTrue(report.checkedFiles.map(report.shown).contains("fleet/line-3/studio/WatsonPhone.xml"), "a clean file is still listed (JUnit: a passed suite)")

        let finding = try XCTUnwrap(report.diagnostics.first)
        let source = SourceFile(id: finding.file, bytes: try fileSystem.read(finding.file.path, maxSize: 1 << 20))
        let line = finding.range.start.line
        XCTAssertEqual(report.redactedLine(line, of: finding.file), source.lineText(line), "the excerpt is the file's own line")
        let kept = try XCTUnwrap(report.line(line, of: finding.file))
        XCTAssertEqual(kept.start, source.lineStarts[line - 1])
        XCTAssertNil(report.line(line == 1 ? 2 : 1, of: finding.file), "a line no finding starts on is not kept")
        XCTAssertEqual(FindingIdentity.identities(of: report).map(\.textHash),
                       [SHA256.hex(FindingIdentity.offendingText(finding, KeptLines.Line(line, of: source)))])
    }

    /// Samples/broken/contact-id-header-mismatch in memory, as `line/`.
    func headerMismatchLine() throws -> [String: [UInt8]] {
        var overlay: [String: [UInt8]] = [:]
        for file in Self.bundleFiles {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(Self.packageRoot)/Samples/broken/contact-id-header-mismatch/\(file)"))
            overlay["\(Self.base)/line/\(file)"] = Array(bytes)
        }
        return overlay
    }

    func check(_ overlay: [String: [UInt8]]) -> LintReport {
        LintSession(discovery: Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: Self.base)).check(["line"]).report
    }

    /// A file a fix edits is kept whole: `--fix` rewrites it from its bytes.
    func testKeepsTheFilesFixesEditWhole() throws {
        let report = check(try headerMismatchLine())
        let edited = Set(report.diagnostics.flatMap { $0.fixes.flatMap { $0.edits.map(\.file) } })
        XCTAssertFalse(edited.isEmpty)
        XCTAssertEqual(Set(report.sources.keys), edited)
        XCTAssertTrue(report.keptLines.keys.allSatisfy { !edited.contains($0) })
    }

    /// A suppressed finding's text (its identity without a subject, and older baselines')
    /// is its line's even when nothing else is reported in its file.
    func testSuppressedFindingsKeepTheirLine() throws {
        var overlay = try headerMismatchLine()
        let script = "\(Self.base)/line/studio/WatsonPhone.xml"
        var text = String(decoding: try XCTUnwrap(overlay[script]), as: UTF8.self)
        let header = try XCTUnwrap(text.range(of: "        <string>X-Contact-ID</string>"))
        text.insert(contentsOf: "        <!-- cxlint-disable-next-line contact-id-header-mismatch: the SBC rewrites the header -->\n", at: header.lowerBound)
        overlay[script] = Array(text.utf8)
        let report = check(overlay)
        XCTAssertEqual(report.diagnostics.map(\.rule), [])
        let suppressed = try XCTUnwrap(report.suppressed.first?.diagnostic)
        XCTAssertEqual(suppressed.file.path, script)
        let line = try XCTUnwrap(KeptLines.Line(suppressed.range.start.line, of: SourceFile(id: suppressed.file, bytes: Array(text.utf8))))
        var dismissed = report
        dismissed.diagnostics = [suppressed]
        let textHash = try XCTUnwrap(FindingIdentity.identities(of: dismissed).first?.textHash)
        XCTAssertEqual(textHash, SHA256.hex(FindingIdentity.offendingText(suppressed, line)))
        XCTAssertNotEqual(textHash, SHA256.hex(suppressed.message), "the text is the line's, not the message")
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
