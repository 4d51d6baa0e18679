import Foundation
import XCTest

/// A copy of a sample in a scratch repository, edited by a test.
struct ScratchRepo {
    let root: URL

    init(sample: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // A repository root: the config search stops here.
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent(sample).path) {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(sample).appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// Inserts lines before the first line containing `marker`.
    func insert(_ lines: String, before marker: String, in path: String) throws {
        var text = try read(path)
        let range = try XCTUnwrap(text.range(of: marker))
        let lineStart = text[..<range.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        text.insert(contentsOf: lines, at: lineStart)
        try write(path, text)
    }

    func check(_ arguments: [String] = [], stdin: String? = nil) throws -> CLI.Result {
        try CLI.run(["check"] + arguments, in: root, stdin: stdin)
    }
}

final class SuppressionTests: XCTestCase {
    func testInlineSuppressionsInXMLAndYAML() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        let before = try repo.check()
        XCTAssertEqual(before.status, 1)
        XCTAssertTrue(before.stdout.contains("[contact-id-header-mismatch]"), before.stdout)
        // One mistake, one finding: the Placecall ordering is its consequence.
        XCTAssertFalse(before.stdout.contains("[sipputheader-before-placecall]"), before.stdout)
        // XML comments cannot hold "--": the reason follows a colon there. Suppressing the cause silences its consequences.
        try repo.insert("        <!-- cxlint-disable-next-line contact-id-header-mismatch: the SBC rewrites the header -->\n", before: "<string>X-Contact-ID</string>", in: "studio/WatsonPhone.xml")
        let after = try repo.check()
        XCTAssertEqual(after.status, 0, after.stdout + after.stderr)
        XCTAssertEqual(after.stdout, "")
    }

    /// Code scanning shows suppressed and baselined findings as dismissed, with the reason, not as vanished.
    func testSARIFCarriesSuppressedAndBaselinedFindings() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        func results(_ arguments: [String]) throws -> [[String: Any]] {
            let run = try repo.check(["--format", "sarif"] + arguments)
            let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        }
        func suppression(_ results: [[String: Any]]) throws -> [String: Any] {
            let finding = try XCTUnwrap(results.first { $0["ruleId"] as? String == "contact-id-header-mismatch" })
            return try XCTUnwrap((finding["suppressions"] as? [[String: Any]])?.first)
        }
        XCTAssertEqual(try repo.check(["--write-baseline", "baseline.json", "."]).status, 0)
        let external = try suppression(try results(["--baseline", "baseline.json", "."]))
        XCTAssertEqual(external["kind"] as? String, "external")
        try repo.insert("        <!-- cxlint-disable-next-line contact-id-header-mismatch: the SBC rewrites the header -->\n", before: "<string>X-Contact-ID</string>", in: "studio/WatsonPhone.xml")
        let inSource = try suppression(try results(["."]))
        XCTAssertEqual(inSource["kind"] as? String, "inSource")
        XCTAssertEqual(inSource["justification"] as? String, "the SBC rewrites the header")
    }

    func testDisableEnableRangeEndsAtEnable() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        try repo.insert("    <!-- cxlint-disable contact-id-header-mismatch: migrating -->\n", before: "<Action>SIPPUTHEADER</Action>", in: "studio/WatsonPhone.xml")
        try repo.insert("    <!-- cxlint-enable contact-id-header-mismatch -->\n", before: "<string>X-Contact-ID</string>", in: "studio/WatsonPhone.xml")
        let result = try repo.check()
        // The finding sits after the enable: still reported, and the disable suppressed nothing.
        XCTAssertTrue(result.stdout.contains("[contact-id-header-mismatch]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("warning: \"cxlint-disable contact-id-header-mismatch\" suppresses nothing; remove it [unused-suppression]"), result.stdout)
    }

    func testUnusedSuppressionIsReportedAtTheComment() throws {
        let repo = try ScratchRepo(sample: "Samples/good")
        try repo.insert("  # cxlint-disable-next-line phone-number-format -- the number was wrong once\n", before: "phone_number:", in: "phone-integration.yaml")
        try repo.insert("# cxlint-disable-file contact-id-header-mismach -- typo\n", before: "phone_integration:", in: "phone-integration.yaml")
        let result = try repo.check()
        XCTAssertEqual(result.status, 0, "warnings do not fail by default")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let config = try repo.read("phone-integration.yaml").components(separatedBy: "\n")
        let fileLine = try XCTUnwrap(config.firstIndex { $0.hasPrefix("# cxlint-disable-file") }) + 1
        let nextLine = try XCTUnwrap(config.firstIndex { $0.hasPrefix("  # cxlint-disable-next-line") }) + 1
        XCTAssertTrue(lines.contains("phone-integration.yaml:\(fileLine):1: warning: unknown rule \"contact-id-header-mismach\" in \"cxlint-disable-file\"; did you mean \"contact-id-header-mismatch\"? [unused-suppression]"), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("phone-integration.yaml:\(nextLine):3: warning: \"cxlint-disable-next-line phone-number-format\" suppresses nothing") }, result.stdout)
        XCTAssertEqual(try repo.check(["--fail-on", "warning"]).status, 1)
        // A reason is required; the suppression still works.
        let noReason = try ScratchRepo(sample: "Samples/broken/phone-number-format")
        let finding = try XCTUnwrap(try noReason.check().stdout.split(separator: "\n").first { $0.contains("[phone-number-format]") })
        XCTAssertTrue(finding.hasPrefix("phone-integration.yaml:"), String(finding))
        let line = try XCTUnwrap(Int(finding.split(separator: ":")[1]))
        var text = try noReason.read("phone-integration.yaml").components(separatedBy: "\n")
        text.insert("# cxlint-disable-next-line phone-number-format", at: line - 1)
        try noReason.write("phone-integration.yaml", text.joined(separator: "\n"))
        let output = try noReason.check().stdout
        XCTAssertFalse(output.contains("[phone-number-format]"), output)
        XCTAssertTrue(output.contains("the suppression gives no reason"), output)
    }

    func testUnusedSuppressionCanBeTurnedOff() throws {
        let repo = try ScratchRepo(sample: "Samples/good")
        try repo.insert("  # cxlint-disable-next-line phone-number-format -- stale\n", before: "phone_number:", in: "phone-integration.yaml")
        try repo.write(".cxlint.yml", "rules:\n  unused-suppression: off\n")
        XCTAssertEqual(try repo.check().stdout, "")
    }

    func testJSONSuppressedByPointerInTheConfig() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/custom-data-reserved-p1")
        XCTAssertTrue(try repo.check().stdout.contains("[custom-data-reserved-p1]"))
        try repo.write(".cxlint.yml", """
            suppress:
              - file: "exports/*.json"
                pointer: /dialog_nodes/1
                rule: custom-data-reserved-p1
                reason: the contact center reads p1 before the integration overwrites it
              - file: "exports/*.json"
                pointer: /dialog_nodes/0
                rule: custom-data-reserved-p1
                reason: stale
            """)
        let result = try repo.check()
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, ".cxlint.yml:6:5: warning: the suppression of custom-data-reserved-p1 at /dialog_nodes/0 in exports/*.json suppresses nothing; remove it [unused-suppression]\n")
    }
}

final class ConfigFileTests: XCTestCase {
    func testSeverityIgnoreOverridesAndFailOn() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        try repo.write(".cxlint.yml", """
            rules:
              contact-id-header-mismatch: error
            overrides:
              - files: ["studio/**"]
                rules:
                  contact-id-header-mismatch: warning
            """)
        let rated = try repo.check()
        XCTAssertEqual(rated.status, 0, rated.stdout)
        XCTAssertTrue(rated.stdout.contains(": warning: Sipputheader sets X-Contact-ID"), rated.stdout)
        // Its consequence stays dropped whatever the cause's severity (see CascadeTests).
        XCTAssertFalse(rated.stdout.contains("[sipputheader-before-placecall]"), rated.stdout)
        try repo.write(".cxlint.yml", "fail_on: note\nignore:\n  - studio/\n")
        let ignored = try repo.check()
        XCTAssertEqual(ignored.stdout, "")
        XCTAssertEqual(ignored.status, 0)
        try repo.write(".cxlint.yml", "fail_on: warning\ndefault_contact_id_header: X-Contact-ID\n")
        let header = try repo.check()
        XCTAssertFalse(header.stdout.contains("[contact-id-header-mismatch]"), "the configured default header matches the script: \(header.stdout)")
        // --fail-on wins over fail_on.
        try repo.write(".cxlint.yml", "rules:\n  contact-id-header-mismatch: warning\n  sipputheader-before-placecall: off\nfail_on: warning\n")
        XCTAssertEqual(try repo.check().status, 1)
        XCTAssertEqual(try repo.check(["--fail-on", "error"]).status, 0)
    }

    func testConfigIsFoundAboveTheWorkingDirectoryOrGiven() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        try repo.write(".cxlint.yml", "rules:\n  contact-id-header-mismatch: off\n  sipputheader-before-placecall: off\n")
        let below = try CLI.run(["check", "."], in: repo.root.appendingPathComponent("studio"))
        XCTAssertEqual(below.status, 0, below.stdout)
        try repo.write("strict.yml", "rules:\n  sipputheader-before-placecall: off\n")
        let given = try repo.check(["--config", "strict.yml"])
        XCTAssertEqual(given.status, 1)
        XCTAssertTrue(given.stdout.contains("[contact-id-header-mismatch]"))
        XCTAssertEqual(try repo.check(["--config", "missing.yml"]).status, 2)
    }

    func testInvalidConfigIsReportedWithPositionsAndExitsTwo() throws {
        let repo = try ScratchRepo(sample: "Samples/good")
        try repo.write(".cxlint.yml", """
            rules:
              phone-number-fromat: off
              auth-url: loud
            fail_on: sometimes
            suppres: []
            """)
        let result = try repo.check()
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains(".cxlint.yml:2:3: error: unknown rule \"phone-number-fromat\"; did you mean \"phone-number-format\"?; `cxlint rules` lists them [config-file]"), result.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix(".cxlint.yml:3:13: error: \"auth-url\" must be one of off, note, warning, error") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix(".cxlint.yml:4:10: error: \"fail_on\" must be one of") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix(".cxlint.yml:5:1: error: unknown key \"suppres\"") }, result.stderr)
        try repo.write(".cxlint.yml", "rules: [\n")
        let broken = try repo.check()
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.hasPrefix(".cxlint.yml:"), broken.stderr)
    }

    func testConfigExamplesValidateAgainstTheSchema() throws {
        let file = try CLI.temporaryFile("cxlint.yml", """
            rules:
              unreachable-action: note
              phone-number-mismatch: off
            ignore: ["legacy/**"]
            overrides:
              - files: ["studio/*.xml"]
                rules: {dangling-branch: warning}
            default_contact_id_header: X-ContactID
            fail_on: warning
            suppress:
              - {file: "exports/*.json", pointer: /workspace/actions/3, rule: custom-data-reserved-p1, reason: reviewed}
            """)
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/cxlint-config.schema.json").path
        let check = try CLI.external("check-jsonschema", ["--schemafile", schema, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)
    }
}

final class BaselineTests: XCTestCase {
    func testBaselineHidesKnownFindingsAcrossEditsAndReportsNewOnes() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        let written = try repo.check(["--write-baseline", "cxlint-baseline.json"])
        XCTAssertEqual(written.status, 0, "writing a baseline accepts the findings")
        XCTAssertTrue(written.stderr.contains("wrote 1 finding(s) to cxlint-baseline.json"), written.stderr)
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/cxlint-baseline.schema.json").path
        let valid = try CLI.external("check-jsonschema", ["--schemafile", schema, repo.root.appendingPathComponent("cxlint-baseline.json").path])
        XCTAssertEqual(valid.status, 0, valid.stdout)

        let clean = try repo.check(["--baseline", "cxlint-baseline.json"])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        XCTAssertEqual(clean.stdout, "")
        // Lines inserted above: matched by text, not line.
        try repo.insert("  <!-- moved -->\n\n\n", before: "<Actions>", in: "studio/WatsonPhone.xml")
        XCTAssertEqual(try repo.check(["--baseline", "cxlint-baseline.json"]).stdout, "")
        // Run from another folder: paths in the baseline are relative to it.
        let elsewhere = try CLI.run(["check", "--baseline", "../cxlint-baseline.json", "."], in: repo.root.appendingPathComponent("studio"))
        XCTAssertEqual(elsewhere.stdout, "")
        // A new mistake is reported.
        var config = try repo.read("phone-integration.yaml")
        config = config.replacingOccurrences(of: "type: nice_cxone", with: "type: nice_cxon")
        try repo.write("phone-integration.yaml", config)
        let fresh = try repo.check(["--baseline", "cxlint-baseline.json"])
        XCTAssertEqual(fresh.status, 1)
        XCTAssertTrue(fresh.stdout.contains("[contact-center-type]"), fresh.stdout)
        XCTAssertFalse(fresh.stdout.contains("[contact-id-header-mismatch]"), fresh.stdout)
    }

    func testBaselineStrictFailsWhenABaselinedFindingIsGone() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        XCTAssertEqual(try repo.check(["--write-baseline", "base.json"]).status, 0)
        let script = try repo.read("studio/WatsonPhone.xml").replacingOccurrences(of: "<string>X-Contact-ID</string>", with: "<string>X-ContactID</string>")
        try repo.write("studio/WatsonPhone.xml", script)
        let lenient = try repo.check(["--baseline", "base.json"])
        XCTAssertEqual(lenient.status, 0, lenient.stdout)
        XCTAssertTrue(lenient.stderr.contains("baselined finding(s) no longer occur"), lenient.stderr)
        let strict = try repo.check(["--baseline", "base.json", "--baseline-strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("studio/WatsonPhone.xml: contact-id-header-mismatch:"), strict.stderr)
        XCTAssertEqual(try repo.check(["--write-baseline", "base.json"]).status, 0)
        XCTAssertEqual(try repo.check(["--baseline", "base.json", "--baseline-strict"]).status, 0)
        XCTAssertEqual(try repo.check(["--baseline-strict"]).status, 2, "--baseline-strict needs --baseline")
        try repo.write("bad.json", "{\"findings\": 3}")
        XCTAssertEqual(try repo.check(["--baseline", "bad.json"]).status, 2)
        XCTAssertEqual(try repo.check(["--baseline", "missing.json"]).status, 2)
    }

    func testBaselineNeverHoldsTheSecret() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/plaintext-secret")
        XCTAssertEqual(try repo.check(["--write-baseline", "base.json"]).status, 0)
        let baseline = try repo.read("base.json")
        XCTAssertTrue(baseline.contains("plaintext-secret"))
        XCTAssertFalse(baseline.contains("Zx9qEXAMPLE"), baseline)
        for format in ["junit", "checkstyle", "github", "gitlab", "markdown"] {
            XCTAssertFalse(try repo.check(["--format", format]).stdout.contains("Zx9qEXAMPLE"), format)
        }
    }
}

/// The exit code table in docs/reference.md, mode by mode.
final class ExitCodeTableTests: XCTestCase {
    func testEveryMode() throws {
        let warningsOnly = try ScratchRepo(sample: "Samples/good")
        try warningsOnly.insert("  # cxlint-disable-next-line phone-number-format -- stale\n", before: "phone_number:", in: "phone-integration.yaml")
        XCTAssertEqual(try warningsOnly.check().status, 0)
        XCTAssertEqual(try warningsOnly.check(["--fail-on", "warning"]).status, 1)
        XCTAssertEqual(try warningsOnly.check(["--fail-on", "note"]).status, 1)
        XCTAssertEqual(try warningsOnly.check(["--max-warnings", "1"]).status, 0)
        XCTAssertEqual(try warningsOnly.check(["--max-warnings", "0"]).status, 1)
        XCTAssertEqual(try warningsOnly.check(["--fail-on", "never", "--max-warnings", "0"]).status, 1)
        let quiet = try warningsOnly.check(["--quiet", "--fail-on", "warning"])
        XCTAssertEqual(quiet.stdout, "", "--quiet hides warnings")
        XCTAssertEqual(quiet.status, 1, "--quiet does not change the exit code")

        let errors = try ScratchRepo(sample: "Samples/broken/syntax-errors")
        XCTAssertEqual(try errors.check().status, 1)
        XCTAssertEqual(try errors.check(["--quiet"]).status, 1)
        XCTAssertEqual(try errors.check(["--fail-on", "never"]).status, 0)
        XCTAssertEqual(try errors.check(["--write-baseline", "b.json"]).status, 0)
        XCTAssertEqual(try errors.check(["--baseline", "b.json"]).status, 0)
        XCTAssertEqual(try errors.check(["-"]).status, 2, "- needs --stdin-filename")
        XCTAssertEqual(try errors.check(["--stdin-filename", "x.yaml", "."]).status, 2)
        XCTAssertEqual(try errors.check(["--format", "sarif", "--output", "/nonexistent/x.sarif"]).status, 2)
    }
}

final class StdinTests: XCTestCase {
    /// Piped content lints as the named file, in the bundle around it.
    func testStdinLintsAsTheNamedFileInItsBundle() throws {
        let repo = try ScratchRepo(sample: "Samples/broken/contact-id-header-mismatch")
        let fixed = try repo.read("studio/WatsonPhone.xml").replacingOccurrences(of: "<string>X-Contact-ID</string>", with: "<string>X-ContactID</string>")
        let piped = try repo.check(["--stdin-filename", "studio/WatsonPhone.xml", "-"], stdin: fixed)
        XCTAssertEqual(piped.status, 0, piped.stdout + piped.stderr)
        XCTAssertEqual(piped.stdout, "")
        let broken = try repo.check(["--stdin-filename", "studio/WatsonPhone.xml", "-"], stdin: try repo.read("studio/WatsonPhone.xml"))
        XCTAssertEqual(broken.status, 1)
        // The cross-file check ran: the script was compared with the config next to it.
        XCTAssertTrue(broken.stdout.hasPrefix("studio/WatsonPhone.xml:53:17: error: Sipputheader sets X-Contact-ID but the phone integration expects X-ContactID"), broken.stdout)
        // A name that does not exist on disk still works.
        let new = try repo.check(["--stdin-filename", "studio/Draft.xml", "-"], stdin: try repo.read("studio/WatsonPhone.xml"))
        XCTAssertTrue(new.stdout.contains("studio/Draft.xml:53:17"), new.stdout + new.stderr)
    }
}
