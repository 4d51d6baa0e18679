import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// Cause and consequence: one mistake gives one finding, however the cause is answered.
final class CascadeTests: XCTestCase {
    /// The guide's own example: no contact_id_header in the config, X-Contact-ID in the script.
    func guideExample(comment: String = "") -> RuleExample {
        ExampleFixtures.bundle(config: ExampleFixtures.config(header: nil), script: ExampleFixtures.script(replacing: [
            2: comment + ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
        ]))
    }

    func lint(_ example: RuleExample, engine: Engine = Engine()) -> Suppressions.Result {
        let (files, _) = ExampleRunner.prepare(example)
        let discovery = Discovery(fileSystem: FileSystem(overlay: files), workingDirectory: ExampleRunner.folder)
        let bundles = discovery.discover(["."]).bundles
        XCTAssertEqual(bundles.count, 1)
        return engine.lintAndSuppress(bundles[0].bundle)
    }

    func testHeaderUnderAnotherNameIsOneFinding() {
        XCTAssertEqual(lint(guideExample()).kept.map(\.rule), ["contact-id-header-mismatch"])
    }

    func testConsequenceIsReportedWithoutItsCause() {
        // The engine without the cause's rule still finds the cause (unseen) and drops the consequence.
        let engine = Engine(rules: [SipputheaderBeforePlacecallRule()])
        XCTAssertEqual(lint(guideExample(), engine: engine).kept.map(\.rule), [])
        // A bundle without the cause keeps the finding.
        let late = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            1: ExampleFixtures.action(1, "BEGIN", next: 3),
            2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{ContactId}"], next: 4),
            3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 2),
        ]))
        XCTAssertEqual(lint(late, engine: engine).kept.map(\.rule), ["sipputheader-before-placecall"])
    }

    func testInlineSuppressionOfTheCauseSilencesItsConsequences() {
        let result = lint(guideExample(comment: "<!-- cxlint-disable-next-line contact-id-header-mismatch: the SBC rewrites the header -->\n"))
        XCTAssertEqual(result.kept.map { "\($0.rule): \($0.message)" }, [])
        XCTAssertEqual(result.suppressed.map(\.diagnostic.rule), ["contact-id-header-mismatch"])
    }

    func testConfigSuppressionAndTurningTheCauseOffSilenceItsConsequences() {
        let (configuration, problems) = ConfigurationLoader.load(SourceFile(id: SourceID(path: ".cxlint.yml"), text: """
            suppress:
              - {file: "studio/*.xml", pointer: "", rule: contact-id-header-mismatch, reason: the SBC rewrites the header}
            """), directory: ExampleRunner.folder)
        XCTAssertEqual(problems.map(\.message), [])
        let suppressed = lint(guideExample(), engine: Engine(configuration: configuration))
        XCTAssertEqual(suppressed.kept.map(\.rule), [])
        XCTAssertEqual(suppressed.suppressed.map(\.diagnostic.rule), ["contact-id-header-mismatch"])
        let off = lint(guideExample(), engine: Engine(severityOverrides: ["contact-id-header-mismatch": Severity?.none]))
        XCTAssertEqual(off.kept.map(\.rule), [])
    }

    /// The engine plans what runs when it is set up; changing its rules or settings
    /// afterwards plans again, as if it had been made with them.
    func testChangingAnEngineAfterwardsChangesWhatRuns() {
        var engine = Engine()
        XCTAssertEqual(lint(guideExample(), engine: engine).kept.map(\.rule), ["contact-id-header-mismatch"])
        engine.severityOverrides = ["contact-id-header-mismatch": .error]
        XCTAssertEqual(lint(guideExample(), engine: engine).kept.map { "\($0.rule) \($0.severity)" }, ["contact-id-header-mismatch error"])
        engine.severityOverrides = ["contact-id-header-mismatch": Severity?.none]
        XCTAssertEqual(lint(guideExample(), engine: engine).kept.map(\.rule), [])
        XCTAssertFalse(engine.checkedRules.contains("contact-id-header-mismatch"))
        engine.severityOverrides = [:]
        engine.rules = [SipputheaderBeforePlacecallRule()]
        XCTAssertEqual(engine.checkedRules, ["sipputheader-before-placecall"])
        XCTAssertEqual(lint(guideExample(), engine: engine).kept.map(\.rule), [], "the cause still runs unseen")
    }

    func testNoOnsignalIsOnlyOnsignalMissing() {
        XCTAssertEqual(lint(ExampleFixtures.bundleWithoutOnsignal).kept.map(\.rule), ["onsignal-missing"])
    }

    func testEveryDeclaredCauseIsARule() {
        for rule in RuleCatalog.all {
            for cause in rule.description.causedBy {
                XCTAssertFalse(cause.rules.isEmpty, "\(rule.description.id)")
                for id in cause.rules {
                    XCTAssertNotNil(RuleCatalog.description(of: id), "\(rule.description.id) names unknown cause \(id)")
                    XCTAssertNotEqual(id, rule.description.id)
                }
            }
        }
    }
}
