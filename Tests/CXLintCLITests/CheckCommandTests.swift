import Foundation
import XCTest

final class CheckCommandTests: XCTestCase {
    func testGoodSamplesPrintNoFindingsAndExitZero() throws {
        for sample in ["Samples/good", "Samples/good-web"] {
            let result = try CLI.run(["check", sample])
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            XCTAssertEqual(result.stdout, "", sample)
            XCTAssertEqual(result.stderr, "no findings in 1 bundle, 3 files\n", sample)
            XCTAssertEqual(try CLI.run(["check", "--quiet", sample]).stderr, "", "--quiet silences the summary")
        }
    }

    /// Every text run ends with one count line on stderr, also when stdout is
    /// a pipe (as here), so the findings piped to a file stay clean.
    func testTextRunEndsWithASummaryLineOnStderr() throws {
        let single = try CLI.run(["check", "Samples/good", "Samples/broken/phone-number-format"])
        XCTAssertEqual(single.status, 1)
        XCTAssertEqual(single.stderr, "1 error, 0 warnings, 0 notes in 2 bundles, 6 files\n")
        XCTAssertFalse(single.stdout.contains(" in 2 bundles"), "the findings on stdout, the count on stderr")
        XCTAssertEqual(try CLI.run(["check", "--format", "json", "Samples/good"]).stderr, "", "no summary line for machine formats")
        XCTAssertEqual(try CLI.run(["check", "--quiet", "Samples/broken/phone-number-format"]).stderr, "")
    }

    /// The acceptance case: one mistake per syntax, each at its exact
    /// position, and the other files of the bundle still loaded.
    func testSyntaxErrorsAreReportedAtExactPositions() throws {
        let result = try CLI.run(["check", "Samples/broken/syntax-errors"])
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Samples/broken/syntax-errors/phone-integration.yaml:8:5: error: duplicate key \"api_url\"") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Samples/broken/syntax-errors/exports/action-skill.json:9:3: error: expected ',' or '}'") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Samples/broken/syntax-errors/studio/WatsonPhone.xml:77:38: error: mismatched end tag") }, result.stdout)
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("]") }, "every finding names its rule")
    }

    func testDefaultPathIsTheWorkingDirectory() throws {
        let result = try CLI.run(["check"], in: CLI.packageRoot.appendingPathComponent("Samples/good"))
        XCTAssertEqual(result.status, 0, result.stdout)
        let broken = try CLI.run([], in: CLI.packageRoot.appendingPathComponent("Samples/broken/syntax-errors"))
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stdout.hasPrefix("exports/action-skill.json:9:3:"), broken.stdout)
    }

    /// A file named on purpose with nothing in it is a finding, never a silent pass; found by walking, it is skipped.
    func testAnExplicitlyNamedEmptyOrBlankFileIsAFinding() throws {
        let empty = try CLI.temporaryFile("empty.yaml", "")
        let blank = empty.deletingLastPathComponent().appendingPathComponent("blank.json")
        try "  \n\n  \n".write(to: blank, atomically: true, encoding: .utf8)
        let named = try CLI.run(["check", empty.path, blank.path])
        XCTAssertEqual(named.status, 1, named.stdout + named.stderr)
        XCTAssertTrue(named.stdout.contains("empty.yaml:1:1: error: the file is empty;"), named.stdout)
        XCTAssertTrue(named.stdout.contains("blank.json:1:1: error: the file is empty (only whitespace)"), named.stdout)
        let walked = try CLI.run(["check", empty.deletingLastPathComponent().path])
        XCTAssertEqual(walked.status, 0, walked.stdout)
    }

    func testExitCodes() throws {
        XCTAssertEqual(try CLI.run(["check", "Samples/does-not-exist"]).status, 2)
        XCTAssertEqual(try CLI.run(["check", "--format", "yaml", "Samples/good"]).status, 2)
        XCTAssertEqual(try CLI.run(["check", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try CLI.run(["check", "--fail-on", "never", "Samples/broken/syntax-errors"]).status, 0)
        XCTAssertEqual(try CLI.run(["--help"]).status, 0)
        XCTAssertEqual(try CLI.run(["--version"]).status, 0)
        let missing = try CLI.run(["check", "Samples/does-not-exist"])
        XCTAssertTrue(missing.stderr.contains("Samples/does-not-exist: no such file or folder"), missing.stderr)
    }

    func testFailOnWarningCountsWarnings() throws {
        // A config alone: its bundle lacks an assistant and a script (warnings only).
        let config = try CLI.temporaryFile("phone-integration.yaml", """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
                authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key
                api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
                access_key_id: ${CXONE_ACCESS_KEY_ID}
                access_key_secret: ${CXONE_ACCESS_KEY_SECRET}
            """)
        let folder = config.deletingLastPathComponent().path
        let byDefault = try CLI.run(["check", folder])
        XCTAssertEqual(byDefault.status, 0, byDefault.stdout)
        XCTAssertTrue(byDefault.stdout.contains("warning: the bundle has no assistant export"), byDefault.stdout)
        XCTAssertEqual(try CLI.run(["check", "--fail-on", "warning", folder]).status, 1)
    }

    func testUnknownFileNamedExplicitlyIsReported() throws {
        let file = try CLI.temporaryFile("notes.yaml", "title: meeting notes\n")
        let result = try CLI.run(["check", file.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains(":1:1: error: not a phone integration config, assistant export or Studio script"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[unknown-document]"))
    }

    func testSourceExcerptWithCaretWhenColorIsForced() throws {
        let result = try CLI.run(["check", "--color", "always", "Samples/broken/syntax-errors"])
        XCTAssertTrue(result.stdout.contains("  api_url: https://api-na1.niceincontact.com/inContactAPI/services/v31.0/"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\u{1B}[1;31m^~~~~~~"), result.stdout)
    }

    func testRulesAndExplain() throws {
        let rules = try CLI.run(["rules"])
        XCTAssertEqual(rules.status, 0)
        XCTAssertTrue(rules.stdout.contains("syntax-error"))
        XCTAssertTrue(rules.stdout.contains("bundle-incomplete"))
        let explain = try CLI.run(["explain", "duplicate-key"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("Readers silently keep only one"), explain.stdout)
        let unknown = try CLI.run(["explain", "duplicate-kye"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean \"duplicate-key\""), unknown.stderr)
    }

    /// A rule ID remembered without one of its words gets a suggestion, not the general usage.
    func testExplainUnknownRuleSuggestsAndExitsTwo() throws {
        let result = try CLI.run(["explain", "contact-id-mismatch"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "cxlint: unknown rule \"contact-id-mismatch\"; did you mean \"contact-id-header-mismatch\"? (`cxlint rules` lists them)\n")
        XCTAssertEqual(result.stdout, "")
        let nothingClose = try CLI.run(["explain", "banana"])
        XCTAssertEqual(nothingClose.status, 2)
        XCTAssertEqual(nothingClose.stderr, "cxlint: unknown rule \"banana\" (`cxlint rules` lists them)\n")
    }

    /// Summary, rationale and one short example per side with the ↓ marker in
    /// view, where the whole bundles used to be printed (268 lines).
    func testExplainIsCompactAndExamplesPrintsEverything() throws {
        let result = try CLI.run(["explain", "custom-data-reserved-p1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThanOrEqual(lines.count, 30, result.stdout)
        XCTAssertTrue(result.stdout.contains("A `nice_cxone` custom_data sets `p1`"), result.stdout)
        let reports = try XCTUnwrap(result.stdout.range(of: "Reports (↓ marks where the finding starts):\n"))
        let doesNot = try XCTUnwrap(result.stdout.range(of: "Does not report:\n"))
        let marked = result.stdout[reports.upperBound..<doesNot.lowerBound]
        XCTAssertEqual(marked.components(separatedBy: "↓\"p1\"").count, 2, String(marked))
        XCTAssertLessThanOrEqual(marked.split(separator: "\n").count, 7, "a few lines around the marker")
        XCTAssertTrue(marked.split(separator: "\n").allSatisfy { $0.count <= 140 }, "long lines are cut around the marker")
        XCTAssertTrue(result.stdout[doesNot.upperBound...].contains("\"p2\""), "the same place, written right")
        let all = try CLI.run(["explain", "custom-data-reserved-p1", "--examples"])
        XCTAssertEqual(all.status, 0)
        XCTAssertGreaterThan(all.stdout.split(separator: "\n").count, 100)
        XCTAssertTrue(all.stdout.contains("Reports, example 2 of "), "every example")
    }
}
