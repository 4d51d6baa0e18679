import CXLintModel
@testable import CXLintRules
import CXLintSyntax
import XCTest

/// A loading rule's severity comes from the catalog; `bundle-incomplete` is an
/// error for a named part that is missing and a warning for a part simply absent.
final class BundleIncompleteSeverityTests: XCTestCase {
    func lint(_ files: [String: String]) -> [Diagnostic] {
        let overlay = Dictionary(uniqueKeysWithValues: files.map { ("/v/\($0.key)", Array($0.value.utf8)) })
        let discovery = Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: "/v")
        return discovery.discover(["/v/line"]).bundles.flatMap { Engine().lint($0.bundle) }.filter { $0.rule == ModelRuleID.bundleIncomplete }
    }

    func testAbsentPartsAreWarningsAtTheRootKey() {
        let problems = lint(["line/phone-integration.yaml": "# the line\n" + ExampleFixtures.config()])
        XCTAssertEqual(problems.map(\.severity), [.warning, .warning])
        XCTAssertEqual(problems.map { "\($0.range.start.line):\($0.range.start.column)" }, ["2:1", "2:1"], "at the phone_integration key")
        XCTAssertTrue(problems.contains { $0.message.contains("assistant export") })
        XCTAssertTrue(problems.contains { $0.message.contains("Studio script") })
    }

    func testANamedPartThatIsMissingIsAnErrorAsTheCatalogSays() {
        let problems = lint(["line/phone-integration.yaml": ExampleFixtures.config(extra: "scripts: [studio/missing.xml]\nassistant: a.json\n")])
        XCTAssertFalse(problems.isEmpty)
        XCTAssertTrue(problems.allSatisfy { $0.severity == .error }, "\(problems)")
        XCTAssertEqual(BundleIncompleteRule.description.severity, .error, "`cxlint rules` lists what a run reports")
    }
}
