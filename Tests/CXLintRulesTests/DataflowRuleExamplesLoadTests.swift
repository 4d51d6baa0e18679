import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// A non-triggering example that does not even load would pass vacuously:
/// the dataflow rules' examples must load without loading findings.
final class DataflowRuleExamplesLoadTests: XCTestCase {
    static let ids: Set<RuleID> = [
        "contact-id-header-mismatch", "contact-id-header-value", "phone-number-mismatch", "sipputheader-before-placecall",
        "signal-hangup-unhandled", "session-key-not-saved", "transcript-url-malformed", "onrelease-unguarded",
        "onrelease-after-hangup", "media-after-onrelease",
    ]

    func testExamplesLoadCleanly() {
        let loading = RuleCatalog.all.filter { $0.description.scope == .loading }.map { $0.init() }
        for rule in RuleCatalog.all where Self.ids.contains(rule.description.id) {
            let d = rule.description
            for (index, example) in (d.triggeringExamples + d.nonTriggeringExamples).enumerated() {
                // A duplicate key is recoverable: the document loads (an example shows that case on purpose).
                let findings = ExampleRunner.run(example, rules: loading).filter { $0.rule != SyntaxRuleID.duplicateKey }
                XCTAssertEqual(findings.map(\.message), [], "\(d.id) example \(index)")
            }
        }
        let catalogued = Set(RuleCatalog.all.map { $0.description.id })
        XCTAssertEqual(catalogued.intersection(Self.ids), Self.ids)
    }
}
