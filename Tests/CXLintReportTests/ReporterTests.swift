import CXLintDriver
import CXLintReport
import CXLintSyntax
import XCTest

final class ReporterTests: XCTestCase {
    let file = SourceFile(id: SourceID(path: "line/phone-integration.yaml"), text: """
        phone_integration:
          contact_center:
            access_key_secret: Zx9qSECRETvalue\tend
        """)

    func secretRange() -> SourceRange {
        let line = 3
        let start = file.location(line: line, column: 24)
        let end = file.location(line: line, column: 39)
        return SourceRange(start: start, end: end)
    }

    func report() -> LintReport {
        let finding = Diagnostic(
            rule: "plaintext-secret", severity: .error, message: "access_key_secret holds a literal secret",
            file: file.id, range: secretRange())
        return LintReport(diagnostics: [finding], sources: [file.id: file], sensitiveRanges: [file.id: [secretRange()]], filesChecked: 1, bundlesChecked: 1)
    }

    func testTextExcerptMasksCredentialsAndUnderlinesTheRange() {
        XCTAssertEqual(file.text(of: secretRange()), "Zx9qSECRETvalue")
        let text = TextReporter(showSource: true, color: false).render(report())
        XCTAssertFalse(text.contains("Zx9qSECRETvalue"), text)
        XCTAssertEqual(text, """
            line/phone-integration.yaml:3:24: error: access_key_secret holds a literal secret [plaintext-secret]
                    access_key_secret: ***************    end
                                       ^~~~~~~~~~~~~~~

            """)
    }

    func testSummaryLineCountsFindingsBundlesAndFiles() {
        XCTAssertEqual(TextReporter.summaryLine(report()), "1 error, 0 warnings, 0 notes in 1 bundle, 1 file")
        XCTAssertEqual(TextReporter.summaryLine(LintReport(diagnostics: [], filesChecked: 9, bundlesChecked: 3)), "no findings in 3 bundles, 9 files")
    }

    func testPlainTextIsOneLinePerFinding() {
        let text = TextReporter().render(report())
        XCTAssertEqual(text, "line/phone-integration.yaml:3:24: error: access_key_secret holds a literal secret [plaintext-secret]\n")
    }

    /// `check` keeps no source of a file without findings, so it hands that file's
    /// credential texts over: a message elsewhere that quotes one is still masked.
    func testMessagesAreMaskedWithSecretsOfFilesWhoseSourceIsGone() {
        let finding = Diagnostic(rule: "r", severity: .error, message: "the header is Zx9qSECRETvalue", file: SourceID(path: "studio/a.xml"), range: .fileStart)
        let secrets = Redactor.secrets(in: file, at: [secretRange()])
        XCTAssertEqual(secrets, ["Zx9qSECRETvalue"])
        var report = LintReport(diagnostics: [finding])
        report.secrets = secrets
        XCTAssertEqual(report.diagnostics.map(\.message), ["the header is Zx9qSECRETvalue"], "findings stay exact inside")
        let text = report.redactor.mask(TextReporter().render(report))
        XCTAssertEqual(text, "studio/a.xml:1:1: error: the header is *************** [r]\n")
    }

    func testRedactionKeepsMultiByteCharactersWhole() {
        let source = SourceFile(id: SourceID(path: "a.yaml"), text: "key: éé-secret-ü tail")
        let range = SourceRange(start: source.location(line: 1, column: 6), end: source.location(line: 1, column: 17))
        let report = LintReport(diagnostics: [], sources: [SourceID(path: "a.yaml"): source], sensitiveRanges: [SourceID(path: "a.yaml"): [range]])
        XCTAssertEqual(report.redactedLine(1, of: SourceID(path: "a.yaml")), "key: *********** tail")
    }

    func testSARIFURIsArePercentEncodedAndRelative() throws {
        let finding = Diagnostic(rule: "syntax-error", severity: .error, message: "m", file: SourceID(path: "my line/ä.json"), range: .fileStart)
        let sarif = SARIFReporter().render(LintReport(diagnostics: [finding]))
        XCTAssertTrue(sarif.contains("\"uri\" : \"my%20line/%C3%A4.json\""), sarif)
        XCTAssertTrue(sarif.contains("\"uriBaseId\" : \"%SRCROOT%\""))
    }

    func testJSONCarriesEndPositionsAndRelatedLocations() throws {
        var finding = report().diagnostics[0]
        finding.related = [RelatedLocation(file: SourceID(path: "studio/a.xml"), range: .fileStart, message: "the script sends it here")]
        let json = JSONReporter().render(LintReport(diagnostics: [finding], filesChecked: 1, bundlesChecked: 1))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["line"] as? Int, 3)
        XCTAssertEqual(first["column"] as? Int, 24)
        XCTAssertEqual(first["endColumn"] as? Int, 39)
        XCTAssertEqual((first["related"] as? [[String: Any]])?.first?["file"] as? String, "studio/a.xml")
        XCTAssertEqual((object["summary"] as? [String: Int])?["errors"], 1)
    }
}
