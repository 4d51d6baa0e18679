import Foundation
import XCTest

/// Every CI format on the broken samples, parsed by a real consumer where one exists.
final class CIFormatTests: XCTestCase {
    static let broken = "Samples/broken"

    /// The number of findings the JSON format reports, for comparing formats.
    func textFindingCount(_ path: String = broken) throws -> Int {
        let json = try CLI.run(["check", "--format", "json", path]).stdout
        return try XCTUnwrap((JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["findings"] as? [Any]).count
    }

    func testJUnitParsesWithJunitparser() throws {
        try CLI.requirePythonModule("junitparser", pip: "junitparser")
        let result = try CLI.run(["check", "--format", "junit", Self.broken])
        XCTAssertEqual(result.status, 1)
        let file = try CLI.temporaryFile("report.xml", result.stdout)
        let script = """
            import sys
            from junitparser import JUnitXml, Failure
            xml = JUnitXml.fromfile(sys.argv[1])
            cases = failures = 0
            for suite in xml:
                for case in suite:
                    cases += 1
                    failures += sum(1 for r in case.result if isinstance(r, Failure))
                    assert case.name and case.classname, "every test case is named"
            print(cases, failures)
            """
        let check = try CLI.external("python3", ["-c", script, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)
        let numbers = check.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 2, check.stdout)
        // One failing case per file and rule.
        let text = try CLI.run(["check", "--format", "json", Self.broken])
        let findings = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(text.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let fileRules = Set(findings.map { "\($0["file"]!)|\($0["rule"]!)" })
        XCTAssertEqual(numbers[1], fileRules.count)
        XCTAssertGreaterThan(numbers[0], numbers[1], "clean files appear as passing cases")
    }

    func testCheckstyleParsesAsXML() throws {
        let result = try CLI.run(["check", "--format", "checkstyle", Self.broken])
        XCTAssertEqual(result.status, 1)
        let file = try CLI.temporaryFile("checkstyle.xml", result.stdout)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == "checkstyle"
            n = 0
            for f in root.findall("file"):
                assert f.get("name")
                for e in f.findall("error"):
                    assert int(e.get("line")) >= 1 and int(e.get("column")) >= 1
                    assert e.get("severity") in ("error", "warning", "info")
                    assert e.get("source").startswith("cxlint.") and e.get("message")
                    n += 1
            print(n)
            """
        let check = try CLI.external("python3", ["-c", script, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)
        XCTAssertEqual(Int(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), try textFindingCount())
    }

    func testGitHubWorkflowCommands() throws {
        let result = try CLI.run(["check", "--format", "github", Self.broken])
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, try textFindingCount())
        let pattern = /::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,col=[1-9][0-9]*,endLine=[1-9][0-9]*,endColumn=[1-9][0-9]*,title=[a-z0-9-]+::.+/
        for line in lines {
            XCTAssertNotNil(line.wholeMatch(of: pattern), line)
        }
        XCTAssertTrue(lines.contains("::error file=Samples/broken/syntax-errors/phone-integration.yaml,line=8,col=5,endLine=8,endColumn=12,title=duplicate-key::duplicate key \"api_url\" (first defined at line 6); YAML readers keep only the last, remove one"), result.stdout)
    }

    func testFormatAutoIsGitHubInsideActionsAndTextElsewhere() throws {
        let sample = "Samples/broken/syntax-errors"
        let inActions = try CLI.run(["check", "--format", "auto", sample], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertTrue(inActions.stdout.hasPrefix("::error file="), inActions.stdout)
        let elsewhere = try CLI.run(["check", "--format", "auto", sample], environment: ["GITHUB_ACTIONS": "false"])
        XCTAssertTrue(elsewhere.stdout.hasPrefix("Samples/broken/syntax-errors/"), elsewhere.stdout)
    }

    func testGitLabCodeQualityJSON() throws {
        let result = try CLI.run(["check", "--format", "gitlab", Self.broken])
        XCTAssertEqual(result.status, 1)
        let issues = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(issues.count, try textFindingCount())
        var fingerprints = Set<String>()
        for issue in issues {
            XCTAssertFalse((issue["description"] as? String ?? "").isEmpty)
            XCTAssertFalse((issue["check_name"] as? String ?? "").isEmpty)
            XCTAssertTrue(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try XCTUnwrap(issue["location"] as? [String: Any])
            XCTAssertTrue((location["path"] as? String ?? "").hasPrefix("Samples/broken/"))
            XCTAssertGreaterThanOrEqual(((location["lines"] as? [String: Int])?["begin"]) ?? 0, 1)
            let fingerprint = try XCTUnwrap(issue["fingerprint"] as? String)
            XCTAssertTrue(fingerprints.insert(fingerprint).inserted, "fingerprints are unique")
        }
    }

    func testMarkdownSummaryTable() throws {
        let result = try CLI.run(["check", "--format", "markdown", Self.broken])
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "## cxlint")
        let json = try CLI.run(["check", "--format", "json", Self.broken])
        let summary = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Int])
        XCTAssertTrue(result.stdout.contains("**\(summary["errors"]!) error(s)**, \(summary["warnings"]!) warning(s), \(summary["notes"]!) note(s)"), result.stdout)
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| severity") && !$0.hasPrefix("| ---") }
        XCTAssertEqual(rows.count, try textFindingCount())
        for row in rows {
            // Four cells: no message may break the table with a pipe or a newline.
            let cells = row.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            XCTAssertEqual(cells.count, 6, row)
        }
        let clean = try CLI.run(["check", "--format", "markdown", "Samples/good"])
        XCTAssertEqual(clean.status, 0)
        XCTAssertTrue(clean.stdout.contains("No findings"), clean.stdout)
    }

    func testSeveralFormatsInOneRun() throws {
        let folder = try CLI.temporaryFile("placeholder", "").deletingLastPathComponent()
        let sarif = folder.appendingPathComponent("out.sarif").path
        let junit = folder.appendingPathComponent("out.xml").path
        let result = try CLI.run(["check", "--format", "sarif", "--output", sarif, "--format", "text", "--format", "junit", "-o", junit, "Samples/broken/syntax-errors"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Samples/broken/syntax-errors/"), "text goes to standard output: \(result.stdout)")
        XCTAssertTrue(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\" : \"2.1.0\""))
        XCTAssertTrue(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuites"))
        let twoOnStdout = try CLI.run(["check", "--format", "sarif", "--format", "text", "Samples/good"])
        XCTAssertEqual(twoOnStdout.status, 2)
        XCTAssertTrue(twoOnStdout.stderr.contains("only one format can go to standard output"), twoOnStdout.stderr)
        let unwritable = try CLI.run(["check", "--format", "json", "--output", "/nonexistent-folder/out.json", "Samples/good"])
        XCTAssertEqual(unwritable.status, 2)
    }
}

/// GitHub code scanning's requirements beyond the SARIF schema.
final class SARIFGitHubTests: XCTestCase {
    /// Rule links point only where the user says the rule reference is hosted.
    func testRuleLinksOnlyUnderAConfiguredDocsURL() throws {
        let log = try sarif(["--docs-url", "https://docs.example.com/cxlint/rules.html", "Samples/broken/api-url"])
        let driver = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let apiURL = try XCTUnwrap(rules.first { $0["id"] as? String == "api-url" })
        XCTAssertEqual(apiURL["helpUri"] as? String, "https://docs.example.com/cxlint/rules.html#api-url")
        let plain = try CLI.run(["check", "--format", "sarif", "--format", "markdown", "--output", "/dev/null", "Samples/broken/api-url"])
        XCTAssertFalse(plain.stdout.contains("github.com/cxlint"), "no link to a repository that does not exist")
    }

    func sarif(_ arguments: [String], in directory: URL = CLI.packageRoot) throws -> [String: Any] {
        let result = try CLI.run(["check", "--format", "sarif"] + arguments, in: directory)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
    }

    func results(_ log: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    }

    func testNoEmptyStringsValidRegionsRuleIndexesAndRelativeURIs() throws {
        let log = try sarif(["Samples"])
        var empty: [String] = []
        func walk(_ value: Any, _ path: String) {
            switch value {
            case let string as String: if string.isEmpty { empty.append(path) }
            case let array as [Any]: for (i, item) in array.enumerated() { walk(item, "\(path)/\(i)") }
            case let object as [String: Any]: for (key, item) in object { walk(item, "\(path)/\(key)") }
            default: break
            }
        }
        walk(log, "")
        XCTAssertEqual(empty, [], "GitHub rejects empty strings")
        XCTAssertNotNil(log["$schema"])
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertNotNil(driver["version"])
        XCTAssertNotNil(driver["semanticVersion"])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                XCTAssertFalse(((rule[key] as? [String: Any])?["text"] as? String ?? "").isEmpty, "\(rule["id"]!) \(key)")
            }
            XCTAssertNil(rule["helpUri"], "no docs_url configured: no link to a page that may not exist")
            XCTAssertNotNil((rule["defaultConfiguration"] as? [String: Any])?["level"])
        }
        let results = try results(log)
        XCTAssertGreaterThan(results.count, 20)
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertTrue(rules.indices.contains(index))
            XCTAssertEqual(rules[index]["id"] as? String, result["ruleId"] as? String)
            let fingerprints = try XCTUnwrap(result["partialFingerprints"] as? [String: String])
            XCTAssertNotNil(fingerprints["primaryLocationLineHash"])
            let locations = (result["locations"] as? [[String: Any]] ?? []) + (result["relatedLocations"] as? [[String: Any]] ?? [])
            for location in locations {
                let physical = try XCTUnwrap(location["physicalLocation"] as? [String: Any])
                let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
                XCTAssertFalse(uri.hasPrefix("/") || uri.contains("://"), "relative URI: \(uri)")
                for (key, value) in try XCTUnwrap(physical["region"] as? [String: Int]) {
                    XCTAssertGreaterThanOrEqual(value, 1, "\(key) in \(uri)")
                }
            }
        }
    }

    /// An edit above a finding moves it down a line; code scanning must still
    /// see the same alert, so fingerprints may not depend on line numbers.
    func testFingerprintsAreStableWhenALineIsInsertedAbove() throws {
        let folder = try CLI.temporaryFile("placeholder", "").deletingLastPathComponent().appendingPathComponent("repo")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/broken/contact-id-header-mismatch"), to: folder)
        func fingerprints() throws -> [String: Set<String>] {
            var byRule: [String: Set<String>] = [:]
            for result in try results(try sarif(["."], in: folder)) {
                let hash = (result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] ?? ""
                byRule[result["ruleId"] as? String ?? "", default: []].insert(hash)
            }
            return byRule
        }
        let before = try fingerprints()
        XCTAssertFalse(before.isEmpty)
        for name in ["phone-integration.yaml", "studio/WatsonPhone.xml"] {
            let url = folder.appendingPathComponent(name)
            var text = try String(contentsOf: url, encoding: .utf8)
            if name.hasSuffix(".xml") {
                let end = try XCTUnwrap(text.range(of: "?>\n"))
                text.insert(contentsOf: "<!-- moved down -->\n\n", at: end.upperBound)
            } else {
                text = "# moved down\n\n" + text
            }
            try Data(text.utf8).write(to: url)
        }
        XCTAssertEqual(try fingerprints(), before)
    }
}
