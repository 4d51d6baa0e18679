import CXLintModel
import CXLintRules
import CXLintSyntax
import CXLintTestSupport
import Foundation
import XCTest

/// The config, assistant, script-structure and cross-file rules over the
/// project's samples and over real public exports.
final class CatalogRulesSamplesTests: XCTestCase {
    /// The rule IDs this suite owns.
    static let ownRules: Set<RuleID> = [
        "phone-number-format", "contact-center-type", "auth-url", "api-url", "contact-id-header-syntax", "plaintext-secret",
        "custom-data-reserved-p1", "custom-data-unsupported-key", "custom-data-value-type", "transfer-target-missing",
        "transfer-messages-missing", "no-agent-transfer",
        "placecall-missing", "onsignal-missing", "reqagent-missing", "agent-transcript-missing", "onrelease-missing",
        "duplicate-event-handler", "dangling-branch", "unreachable-action",
        "custom-data-unused",
    ]

    /// The package root, found from this file (Tests/CXLintRulesTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func samples(_ relative: String) -> String { packageRoot + "/Samples/" + relative }

    /// Every finding of the whole catalog for the bundles under `path`.
    static func lint(_ path: String) -> [Diagnostic] {
        let engine = Engine()
        return Discovery().discover([path]).bundles.flatMap { engine.lint($0.bundle) }
    }

    func testEveryOwnRuleIsInTheCatalog() {
        let ids = Set(RuleCatalog.all.map { $0.description.id })
        XCTAssertEqual(Self.ownRules.subtracting(ids), [])
    }

    func testGoodSamplesHaveNoFindings() {
        for folder in ["good", "good-web"] {
            let findings = Self.lint(Self.samples(folder))
            XCTAssertEqual(findings.filter { Self.ownRules.contains($0.rule) }.map { "\($0.file):\($0.range.start.line): \($0.rule) \($0.message)" }, [], folder)
        }
    }

    /// Folder → (expected rule, file relative to the folder, line, column), from Samples/broken/README.md.
    static let brokenExpectations: [(folder: String, rule: RuleID, file: String, line: Int, column: Int)] = [
        ("phone-number-format", "phone-number-format", "phone-integration.yaml", 2, 17),
        ("contact-center-type", "contact-center-type", "phone-integration.json", 5, 15),
        ("auth-url-http", "auth-url", "phone-integration.yaml", 5, 25),
        ("api-url", "api-url", "phone-integration.yaml", 6, 14),
        ("contact-id-header-syntax", "contact-id-header-syntax", "phone-integration.yaml", 7, 24),
        ("contact-id-header-syntax", "contact-id-header-syntax", "studio/WatsonPhone.xml", 53, 17),
        ("plaintext-secret", "plaintext-secret", "phone-integration.json", 10, 28),
        ("custom-data-reserved-p1", "custom-data-reserved-p1", "exports/dialog-skill.json", 94, 21),
        ("custom-data-unsupported-key", "custom-data-unsupported-key", "exports/action-skill.json", 221, 25),
        ("transfer-target-missing", "transfer-target-missing", "exports/dialog-skill.json", 91, 25),
        ("onsignal-missing", "onsignal-missing", "studio/WatsonPhone.json", 8, 3),
        ("placecall-missing", "placecall-missing", "studio/WatsonPhone.xml", 2, 1),
        ("reqagent-missing", "reqagent-missing", "studio/WatsonPhone.xml", 2, 1),
        ("duplicate-event-handler", "duplicate-event-handler", "studio/WatsonPhone.json", 101, 15),
        ("dangling-branch", "dangling-branch", "studio/WatsonPhone.xml", 99, 21),
    ]

    func testBrokenSamplesReportAtTheReadmePositions() {
        for expected in Self.brokenExpectations {
            let findings = Self.lint(Self.samples("broken/" + expected.folder)).filter { $0.rule == expected.rule }
            let hit = findings.contains {
                $0.file.path.hasSuffix("/\(expected.folder)/\(expected.file)")
                    && $0.range.start.line == expected.line && $0.range.start.column == expected.column
            }
            XCTAssertTrue(hit, "\(expected.folder): no \(expected.rule) at \(expected.file):\(expected.line):\(expected.column); got \(findings.map { "\($0.file):\($0.range.start.line):\($0.range.start.column)" })")
        }
    }

    /// Each broken folder has one mistake: the rule it exists for reports exactly once per README position.
    func testBrokenSamplesReportTheirRuleOnlyWhereExpected() {
        for folder in Set(Self.brokenExpectations.map(\.folder)) {
            let expected = Self.brokenExpectations.filter { $0.folder == folder }
            let findings = Self.lint(Self.samples("broken/" + folder)).filter { $0.rule == expected[0].rule }
            XCTAssertEqual(findings.count, expected.count, "\(folder): \(findings.map(\.message))")
        }
    }

    func testPlaintextSecretNeverAppearsInFindings() throws {
        let configPath = Self.samples("broken/plaintext-secret/phone-integration.json")
        let file = SourceFile(id: SourceID(path: configPath), bytes: Array(try Data(contentsOf: URL(fileURLWithPath: configPath))))
        let secret = try XCTUnwrap(JSONReader.parse(file).root?["phone_integration"]?["contact_center"]?["access_key_secret"]?.stringValue)
        XCTAssertGreaterThan(secret.count, 8)
        let findings = Self.lint(Self.samples("broken/plaintext-secret"))
        XCTAssertTrue(findings.contains { $0.rule == "plaintext-secret" })
        for finding in findings {
            XCTAssertFalse(finding.message.contains(secret), "\(finding.rule) prints the secret")
            XCTAssertFalse(finding.related.contains { $0.message.contains(secret) })
            for fix in finding.fixes { XCTAssertFalse(fix.title.contains(secret)) }
        }
        let fix = try XCTUnwrap(findings.first { $0.rule == "plaintext-secret" }?.fixes.first?.edits.first)
        XCTAssertEqual(fix.replacement, "\"${CXONE_ACCESS_KEY_SECRET}\"")
    }

    /// 61 public Watson Assistant exports: every rule runs without crashing, and
    /// `no-agent-transfer` fires exactly on the exports with no connect_to_agent.
    func testRealExportsRunCleanlyAndNoAgentTransferIsExact() throws {
        let folder = try SharedData.realExports.require().path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 61)
        let engine = Engine()
        var exportsSeen = 0
        for name in names {
            let path = folder + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let bundles = Discovery().discover([path]).bundles
            let findings = bundles.flatMap { engine.lint($0.bundle) }
            let exports = bundles.flatMap(\.bundle.assistantExports)
            exportsSeen += exports.count
            // The toolkit's contributing template is a placeholder comment, not an export.
            guard !exports.isEmpty else { continue }
            let reported = findings.contains { $0.rule == "no-agent-transfer" }
            // A connect_to_agent anywhere in the text, as a value of response_type or type.
            let hasTransfer = text.contains("\"connect_to_agent\"")
            XCTAssertEqual(reported, !hasTransfer, "\(name): no-agent-transfer \(reported ? "reported" : "silent")")
            for finding in findings where Self.ownRules.contains(finding.rule) {
                XCTAssertGreaterThanOrEqual(finding.range.start.line, 1, name)
                XCTAssertFalse(finding.message.isEmpty, name)
            }
        }
        XCTAssertGreaterThanOrEqual(exportsSeen, 61)
    }
}
