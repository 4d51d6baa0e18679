import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// The fixes the catalog rules offer: what they write, and when they stay out.
final class CatalogRuleFixesTests: XCTestCase {
    /// The replacements offered by `rule` on a one-mistake example bundle.
    func replacements(_ rule: any Rule, _ example: RuleExample) -> [String] {
        ExampleRunner.run(example, rules: [rule]).flatMap(\.fixes).flatMap(\.edits).map(\.replacement)
    }

    func messages(_ rule: any Rule, _ example: RuleExample) -> [String] {
        ExampleRunner.run(example, rules: [rule]).map(\.message)
    }

    func testPhoneNumberFixOnlyWhenUnambiguous() {
        let rule = PhoneNumberFormatRule()
        XCTAssertEqual(replacements(rule, ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"1-958-555-0123\""))), ["\"+19585550123\""])
        XCTAssertEqual(replacements(rule, ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"0044 20 7946 0000\""))), ["\"+442079460000\""])
        // Ten digits: the country code is unknown, so nothing is guessed.
        let national = ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"958-555-0123\""))
        XCTAssertEqual(replacements(rule, national), [])
        XCTAssertEqual(messages(rule, national).count, 1)
        XCTAssertTrue(messages(rule, ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"1-958-555-0123\"")))[0].contains("write it as +19585550123"))
    }

    func testConfigRulesStaySilentWithoutAConfig() {
        let example = RuleExample([("exports/action-skill.json", ExampleFixtures.actionsSkill()), ("studio/WatsonPhone.xml", ExampleFixtures.goodScript)])
        let rules: [any Rule] = [PhoneNumberFormatRule(), ContactCenterTypeRule(), AuthUrlRule(), ApiUrlRule(), ContactIdHeaderSyntaxRule(), PlaintextSecretRule()]
        XCTAssertEqual(ExampleRunner.run(example, rules: rules).map(\.message), [])
    }

    func testContactCenterTypeSuggestsAndFixesTypos() {
        let example = ExampleFixtures.bundle(config: ExampleFixtures.config(type: "nice_cxon"))
        XCTAssertEqual(replacements(ContactCenterTypeRule(), example), ["nice_cxone"], "a plain scalar stays plain")
        XCTAssertTrue(messages(ContactCenterTypeRule(), example)[0].contains("did you mean \"nice_cxone\""))
        XCTAssertEqual(replacements(ContactCenterTypeRule(), ExampleFixtures.bundle(config: ExampleFixtures.config(type: "NICE CXone"))), ["nice_cxone"])
        // Quoted: only the text between the quotes is replaced, so the quotes stay as written.
        let quoted = ExampleFixtures.bundle(config: ExampleFixtures.config(type: "'NICE CXone'"))
        let edit = try? XCTUnwrap(ExampleRunner.run(quoted, rules: [ContactCenterTypeRule()]).first?.fixes.first?.edits.first)
        XCTAssertEqual(edit?.replacement, "nice_cxone")
        let finding = ExampleRunner.run(quoted, rules: [ContactCenterTypeRule()]).first
        XCTAssertEqual(edit.map { $0.range.start.offset - (finding?.range.start.offset ?? 0) }, 1, "after the opening quote")
        XCTAssertEqual(edit.map { (finding?.range.end.offset ?? 0) - $0.range.end.offset }, 1, "before the closing quote")
    }

    func testURLRulesUpgradeHTTPAndWarnOnOtherEndpoints() {
        let http = ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "http://na1.nice-incontact.com/authentication/v1/token/access-key"))
        XCTAssertEqual(replacements(AuthUrlRule(), http), ["\"https://na1.nice-incontact.com/authentication/v1/token/access-key\""])
        let other = ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "https://login.example.com/authentication/v1/token/access-key"))
        XCTAssertEqual(ExampleRunner.run(other, rules: [AuthUrlRule()]).map(\.severity), [.warning])
        let api = ExampleFixtures.bundle(config: ExampleFixtures.config(apiURL: "https://api-na1.niceincontact.com/"))
        XCTAssertEqual(ExampleRunner.run(api, rules: [ApiUrlRule()]).map(\.severity), [.warning])
    }

    func testPlaintextSecretFixesBothCredentials() {
        let example = ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeyID: "AKIDFAKE123", accessKeySecret: "s3cr3t-fake-value"))
        XCTAssertEqual(Set(replacements(PlaintextSecretRule(), example)), ["\"${CXONE_ACCESS_KEY_ID}\"", "\"${CXONE_ACCESS_KEY_SECRET}\""])
        for message in messages(PlaintextSecretRule(), example) {
            XCTAssertFalse(message.contains("AKIDFAKE123") || message.contains("s3cr3t-fake-value"))
        }
    }

    func testCustomDataFixesRenameToFreeKeysAndQuoteValues() {
        func skill(_ customData: String) -> RuleExample {
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(transferInfo: #"{"target": {"nice_cxone": {"custom_data": "# + customData + "}}}"))
        }
        XCTAssertEqual(replacements(CustomDataReservedP1Rule(), skill(#"{"p2": "a", "p1": "b"}"#)), ["\"p3\""])
        XCTAssertEqual(replacements(CustomDataUnsupportedKeyRule(), skill(#"{"P2": "a"}"#)), ["\"p2\""])
        // `P2` next to an existing `p2` cannot be renamed to it.
        XCTAssertEqual(replacements(CustomDataUnsupportedKeyRule(), skill(#"{"p2": "a", "P2": "b"}"#)), [])
        XCTAssertEqual(replacements(CustomDataValueTypeRule(), skill(#"{"p2": 42, "p3": true}"#)).sorted(), ["\"42\"", "\"true\""])
    }

    func testTransferTargetMissingNamesOtherTargets() {
        let example = ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(transferInfo: #"{"target": {"zendesk": {}}}"#))
        let found = messages(TransferTargetMissingRule(), example)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].contains("\"zendesk\""))
    }

    func testDuplicateHandlerMentionsTheFirstLine() throws {
        let example = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [40: ExampleFixtures.action(40, "ONSIGNAL", next: 11)]))
        let finding = try XCTUnwrap(ExampleRunner.run(example, rules: [DuplicateEventHandlerRule()]).first)
        XCTAssertTrue(finding.message.contains("line "))
        XCTAssertEqual(finding.related.count, 1)
    }
}
