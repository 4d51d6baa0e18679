@testable import CXLintDriver
import CXLintSyntax
import Foundation
import XCTest

final class FixerTests: XCTestCase {
    let text = "phone_number: \"1-958\"  # keep me\nheader: X-Contact-ID\n"

    func edit(_ start: Int, _ end: Int, _ replacement: String, file: SourceID = SourceID(path: "/w/c.yaml")) -> TextEdit {
        let source = SourceFile(id: file, text: text)
        return TextEdit(file: file, range: source.range(fromOffset: start, toOffset: end), replacement: replacement)
    }

    /// The edit renaming `X-Contact-ID`, at offsets taken from the text.
    func header(in file: SourceID = SourceID(path: "/w/c.yaml")) -> TextEdit {
        let start = Array(text.utf8).count - "X-Contact-ID\n".utf8.count
        return edit(start, start + "X-Contact-ID".utf8.count, "X-ContactID", file: file)
    }

    func finding(_ edits: [TextEdit]...) -> Diagnostic {
        Diagnostic(rule: "r", severity: .error, message: "m", file: edits.first?.first?.file ?? SourceID(path: "/w/c.yaml"), range: .fileStart,
                   fixes: edits.map { Fix(title: "t", edits: $0) })
    }

    func testOverlappingFixesAreSkippedAndIdenticalOnesCountOnce() {
        let number = edit(14, 21, "\"+1958\"")
        var summary = Fixer.Summary()
        let plan = Fixer.plan([
            finding([number]),
            finding([number]),  // the same edit from a second finding: already made
            finding([edit(15, 18, "x")]),  // inside the first: skipped
            finding([header()], [edit(0, 1, "never the second fix")]),
        ], summary: &summary)
        XCTAssertEqual(summary.fixed, 3)
        XCTAssertEqual(summary.skippedOverlapping, 1)
        let bytes = Fixer.applying(plan[SourceID(path: "/w/c.yaml")] ?? [], to: Array(text.utf8))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "phone_number: \"+1958\"  # keep me\nheader: X-ContactID\n")
    }

    func testWritesAtomicallyAndRefusesAFileChangedSinceItWasRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-fixer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("c.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let source = SourceFile(id: SourceID(path: path), text: text)
        var report = LintReport(diagnostics: [finding([header(in: source.id)])], sources: [source.id: source])
        report.workingDirectory = folder.path
        let fixer = Fixer()
        XCTAssertEqual(fixer.apply(report).files, ["c.yaml"])
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("header: X-ContactID\n"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["c.yaml"], "no temporary file left")
        // The disk now differs from what `report` was linted at: nothing is written.
        let again = fixer.apply(report)
        XCTAssertEqual(again.files, [])
        XCTAssertEqual(again.failures.count, 1)
    }
}
