import CXLintSyntax
import CXLintRules
import CXLintServer
import Foundation
import XCTest

/// The editor shows what `cxlint check` reports: inline suppressions and the
/// `.cxlint.yml` above the files apply, unsaved edits to either included.
final class EditorSuppressionTests: XCTestCase {
    let folder = "/cxlint-editor-test/line"

    func overlay(script: String, lintConfig: String? = nil) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [
            "\(folder)/phone-integration.yaml": Array(ExampleFixtures.config().utf8),
            "\(folder)/exports/action-skill.json": Array(ExampleFixtures.actionsSkill().utf8),
            "\(folder)/studio/WatsonPhone.xml": Array(script.utf8),
        ]
        if let lintConfig { files["\(folder)/.cxlint.yml"] = Array(lintConfig.utf8) }
        return files
    }

    /// The guide's mistake: the script sends X-Contact-ID, the config expects X-ContactID.
    func mismatchedScript(comment: String = "") -> String {
        ExampleFixtures.script(replacing: [
            2: comment + ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
        ])
    }

    func rules(_ overlay: [String: [UInt8]]) -> Set<RuleID> {
        let round = BundleLinter().lint(["\(folder)/studio/WatsonPhone.xml"], overlay: overlay)
        return Set(round.diagnostics["\(folder)/studio/WatsonPhone.xml", default: []].map(\.rule))
    }

    func testFindingShowsWithoutSuppression() {
        XCTAssertTrue(rules(overlay(script: mismatchedScript())).contains("contact-id-header-mismatch"))
    }

    func testInlineSuppressionHidesTheFinding() {
        let suppressed = mismatchedScript(comment: "<!-- cxlint-disable-next-line contact-id-header-mismatch: the SBC rewrites the header -->\n")
        let found = rules(overlay(script: suppressed))
        XCTAssertFalse(found.contains("contact-id-header-mismatch"), "\(found)")
        XCTAssertFalse(found.contains("unused-suppression"), "\(found)")
    }

    func testLintConfigTurnsRulesOff() {
        let found = rules(overlay(script: mismatchedScript(), lintConfig: "rules:\n  contact-id-header-mismatch: off\n"))
        XCTAssertFalse(found.contains("contact-id-header-mismatch"), "\(found)")
    }
}
