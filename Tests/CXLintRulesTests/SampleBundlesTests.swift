import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// The whole catalog over the sample bundles: the good ones stay clean, and
/// each broken one gets its finding at the position Samples/broken/README.md gives.
final class SampleBundlesTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples").path

    func findings(_ folder: String) -> [Diagnostic] {
        let result = Discovery().discover(["\(Self.samples)/\(folder)"])
        return result.bundles.flatMap { Engine().lint($0.bundle) }
    }

    func testGoodSamplesHaveNoFindings() {
        for folder in ["good", "good-web"] {
            let found = findings(folder)
            XCTAssertEqual(found.map { "\($0.file):\($0.range.start.line):\($0.range.start.column) \($0.rule): \($0.message)" }, [], folder)
        }
    }

    func testBrokenSamplesReportAtTheReadmePositions() {
        let expected: [(folder: String, rule: RuleID, file: String, line: Int, column: Int)] = [
            ("contact-id-header-mismatch", "contact-id-header-mismatch", "studio/WatsonPhone.xml", 53, 17),
            ("web-studio-header-mismatch", "contact-id-header-mismatch", "studio/WatsonPhone.json", 148, 18),
            ("phone-number-mismatch", "phone-number-mismatch", "studio/WatsonPhone.json", 158, 18),
            ("placecall-via-variable", "phone-number-mismatch", "studio/WatsonPhone.xml", 468, 96),
            ("sipputheader-after-placecall", "sipputheader-before-placecall", "studio/WatsonPhone.json", 21, 15),
            ("sipputheader-one-branch", "sipputheader-before-placecall", "studio/WatsonPhone.xml", 435, 21),
            ("contact-id-header-value", "contact-id-header-value", "studio/WatsonPhone.json", 152, 18),
            ("signal-hangup-unhandled", "signal-hangup-unhandled", "studio/WatsonPhone.json", 41, 15),
            ("onrelease-after-hangup", "onrelease-after-hangup", "studio/WatsonPhone.json", 57, 17),
            ("media-after-onrelease", "media-after-onrelease", "studio/WatsonPhone.xml", 415, 15),
        ]
        for e in expected {
            let found = findings("broken/\(e.folder)").filter { $0.rule == e.rule }
            let hit = found.contains { $0.file.path.hasSuffix("\(e.folder)/\(e.file)") && $0.range.start.line == e.line && $0.range.start.column == e.column }
            XCTAssertTrue(hit, "\(e.folder): no \(e.rule) at \(e.file):\(e.line):\(e.column); got \(found.map { "\($0.file):\($0.range.start.line):\($0.range.start.column)" })")
        }
    }

    func testViaVariableFindingPointsBackAtThePlacecall() {
        let finding = findings("broken/placecall-via-variable").first { $0.rule == "phone-number-mismatch" }
        XCTAssertEqual(finding?.related.map { "\($0.range.start.line):\($0.range.start.column)" }, ["79:17"])
    }

    func testHeaderMismatchNamesTheConfigAndOffersAFix() {
        let web = findings("broken/web-studio-header-mismatch").first { $0.rule == "contact-id-header-mismatch" }
        XCTAssertEqual(web?.related.map { "\($0.range.start.line):\($0.range.start.column)" }, ["7:24"])
        XCTAssertEqual(web?.message, "Sipputheader sets X-Contact-ID but the phone integration expects X-ContactID (phone-integration.yaml:7); rename one so they match")
        XCTAssertEqual(web?.fixes.first?.edits.first?.replacement, "X-ContactID")
        XCTAssertEqual(web?.fixes.first?.edits.first?.range.start.column, 19, "inside the JSON quotes")
        let desktop = findings("broken/contact-id-header-mismatch").first { $0.rule == "contact-id-header-mismatch" }
        XCTAssertTrue(desktop?.message.contains("expects X-ContactID (the default; phone-integration.yaml has no contact_id_header)") ?? false)
        XCTAssertEqual(desktop?.fixes.first?.edits.first?.range.start.column, 17)
    }

    func testHeaderMismatchAlsoOffersRenamingTheConfigsHeader() {
        let web = findings("broken/web-studio-header-mismatch").first { $0.rule == "contact-id-header-mismatch" }
        let second = web?.fixes.dropFirst().first
        XCTAssertEqual(second?.title, "Rename the config's contact_id_header to X-Contact-ID")
        XCTAssertEqual(second?.edits.map(\.replacement), ["X-Contact-ID"], "a plain YAML scalar stays plain")
        XCTAssertEqual(second?.edits.first.map { "\($0.file.fileName):\($0.range.start.line):\($0.range.start.column)" },
                       "phone-integration.yaml:7:24")
        // Without contact_id_header in the config there is no value to rename: only the script's fix.
        let desktop = findings("broken/contact-id-header-mismatch").first { $0.rule == "contact-id-header-mismatch" }
        XCTAssertEqual(desktop?.fixes.count, 1)
    }
}
