import Foundation
import XCTest

/// Through the binary: a tenant's Studio backup holds many scripts besides the
/// assistant's line; only the line is checked, and lines split into subscripts are clean.
final class TenantBackupTests: XCTestCase {
    func findings(_ arguments: [String]) throws -> (findings: [[String: Any]], stderr: String) {
        let result = try CLI.run(["check", "--format", "json", "--fail-on", "never"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try XCTUnwrap(object["findings"] as? [[String: Any]]), result.stderr)
    }

    func testLinesSplitIntoSubscriptsAreClean() throws {
        for line in ["call-subscript", "routing-subscript"] {
            let found = try findings(["Tests/Fixtures/split-line/\(line)"]).findings
            XCTAssertEqual(found.map { "\($0["rule"]!): \($0["message"]!)" }, [], line)
        }
    }

    func testCheckFindsTheLinesMistakeAndLeavesTheOtherScriptsAlone() throws {
        let (found, stderr) = try findings(["--verbose", "Tests/Fixtures/tenant-backup"])
        XCTAssertEqual(found.map { "\($0["rule"]!) \($0["file"]!):\($0["line"]!)" },
                       ["contact-id-header-mismatch Tests/Fixtures/tenant-backup/Watson/WatsonPhone.xml:5"])
        for script in ["Chat/ChatBot.xml", "Chat/ChatSupport.json", "IVR/AgentAssist.xml", "IVR/CallSuppression.json", "IVR/MainMenu.xml", "Watson/WatsonEcho.xml"] {
            XCTAssertTrue(stderr.contains("cxlint: skipped Tests/Fixtures/tenant-backup/\(script): "), "\(script) not listed in:\n\(stderr)")
        }
        XCTAssertTrue(stderr.contains("ChatBot.xml: not a phone script"), stderr)
        XCTAssertFalse(try CLI.run(["check", "Tests/Fixtures/tenant-backup"]).stderr.contains("skipped"), "only --verbose lists them")
    }

    func testAScriptNamedOnTheCommandLineIsLinted() throws {
        let found = try findings(["Tests/Fixtures/tenant-backup/IVR/MainMenu.xml"]).findings
        XCTAssertTrue(found.contains { $0["rule"] as? String == "placecall-missing" })
    }

    func testAuditFindsTheLinesMistakeAndNothingElse() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-tenant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: work) }
        let report = work.appendingPathComponent("audit.json")
        let root = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tenant-backup").path
        let result = try CLI.run(["audit", root, "--report", report.path, "--quiet"], in: work)
        XCTAssertEqual(result.status, 1, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["errors"] as? Int, 1)
        XCTAssertEqual(summary["warnings"] as? Int, 0)
        let bundles = try XCTUnwrap(object["bundles"] as? [[String: Any]])
        let rules = bundles.flatMap { ($0["findings"] as? [[String: Any]] ?? []).map { $0["rule"] as? String ?? "" } }
        XCTAssertEqual(rules, ["contact-id-header-mismatch"])
        // The others are listed as not part of a phone integration, with the reason, in JSON and Markdown.
        let skipped = try XCTUnwrap(object["skipped"] as? [[String: String]])
        XCTAssertEqual(skipped.compactMap { $0["path"]?.split(separator: "/").suffix(2).joined(separator: "/") },
                       ["Chat/ChatBot.xml", "Chat/ChatSupport.json", "IVR/AgentAssist.xml", "IVR/CallSuppression.json", "IVR/MainMenu.xml", "Watson/WatsonEcho.xml"])
        XCTAssertTrue(skipped.allSatisfy { !($0["reason"] ?? "").isEmpty })
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/cxlint-audit.schema.json").path
        let valid = try CLI.external("check-jsonschema", ["--schemafile", schema, report.path])
        XCTAssertEqual(valid.status, 0, valid.stdout)
        let markdown = work.appendingPathComponent("audit.md")
        _ = try CLI.run(["audit", root, "--report", markdown.path, "--quiet"], in: work)
        let text = try String(contentsOf: markdown, encoding: .utf8)
        XCTAssertTrue(text.contains("## Not part of a phone integration"), text)
        XCTAssertTrue(text.contains("MainMenu.xml` | not part of a phone integration: no Placecall"), text)
    }
}
