import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// Runs every rule's own examples, SwiftLint style: adding a rule adds its tests.
final class RuleExamplesTests: XCTestCase {
    func testEveryRuleHasDescriptionAndExamples() {
        var seen = Set<RuleID>()
        for rule in RuleCatalog.all {
            let d = rule.description
            XCTAssertTrue(seen.insert(d.id).inserted, "duplicate rule ID \(d.id)")
            XCTAssertNotNil(d.id.rawValue.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/), "\(d.id) is not kebab-case")
            XCTAssertFalse(d.summary.isEmpty, "\(d.id)")
            XCTAssertGreaterThan(d.rationale.count, 40, "\(d.id) needs a rationale")
            XCTAssertFalse(d.triggeringExamples.isEmpty, "\(d.id) has no triggering example")
            XCTAssertFalse(d.nonTriggeringExamples.isEmpty, "\(d.id) has no non-triggering example")
        }
    }

    func testTriggeringExamplesReportAtTheirMarkers() {
        for rule in RuleCatalog.all {
            let d = rule.description
            for (index, example) in d.triggeringExamples.enumerated() {
                let findings = ExampleRunner.run(example, rules: [rule.init()]).filter { $0.rule == d.id }
                XCTAssertFalse(findings.isEmpty, "\(d.id) triggering example \(index) reported nothing")
                for marker in ExampleRunner.prepare(example).markers {
                    let hit = findings.contains {
                        $0.file.path.hasSuffix(marker.file) && $0.range.start.line == marker.line && $0.range.start.column == marker.column
                    }
                    XCTAssertTrue(hit, "\(d.id) example \(index): no finding at \(marker.file):\(marker.line):\(marker.column); got \(findings.map { "\($0.file):\($0.range.start.line):\($0.range.start.column) \($0.message)" })")
                }
                // The other half of SwiftLint's verifier: where an example has markers, the rule reports only there.
                let markers = ExampleRunner.prepare(example).markers
                XCTAssertFalse(markers.isEmpty, "\(d.id) triggering example \(index) has no ↓ marker")
                for finding in findings {
                    let atMarker = markers.contains {
                        finding.file.path.hasSuffix($0.file) && finding.range.start.line == $0.line && finding.range.start.column == $0.column
                    }
                    XCTAssertTrue(atMarker, "\(d.id) example \(index): finding away from every marker at \(finding.file):\(finding.range.start.line):\(finding.range.start.column) \(finding.message)")
                    XCTAssertGreaterThanOrEqual(finding.range.start.line, 1)
                    XCTAssertGreaterThanOrEqual(finding.range.start.column, 1)
                    XCTAssertFalse(finding.message.isEmpty)
                }
            }
        }
    }

    func testNonTriggeringExamplesStaySilent() {
        for rule in RuleCatalog.all {
            let d = rule.description
            for (index, example) in d.nonTriggeringExamples.enumerated() {
                let findings = ExampleRunner.run(example, rules: [rule.init()]).filter { $0.rule == d.id }
                XCTAssertTrue(findings.isEmpty, "\(d.id) non-triggering example \(index) reported: \(findings.map(\.message))")
            }
        }
    }

    /// The shared correct fixture passes every rule, so examples built on it isolate one mistake.
    func testCorrectFixtureBundleIsClean() {
        let findings = ExampleRunner.run(ExampleFixtures.bundle(), rules: RuleCatalog.all.map { $0.init() })
        XCTAssertEqual(findings.map { "\($0.rule): \($0.message)" }, [])
    }
}

final class RuleDocsTests: XCTestCase {
    func testDocsRulesMarkdownIsUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        XCTAssertEqual(committed, RuleDocs.markdown(), "regenerate with: swift run cxlint rules --markdown > docs/rules.md")
    }
}
