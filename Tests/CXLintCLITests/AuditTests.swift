import Foundation
import XCTest

/// `cxlint audit` through the built binary, on fleets written by
/// scripts/generate-fleet.py: counts in every format, shards, compare,
/// unreadable paths, secrets, progress, and the HTML in a real Chromium.
final class AuditTests: XCTestCase {
    // MARK: Fleet helpers

    struct Fleet {
        var folder: URL
        /// Bundles per kind: "good", "good-web" or a Samples/broken folder name.
        var kinds: [String: Int]
    }

    /// A fresh working folder holding `fleet/` with `count` bundles.
    func makeFleet(count: Int, seed: Int) throws -> Fleet {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: work) }
        let script = CLI.packageRoot.appendingPathComponent("scripts/generate-fleet.py").path
        let result = try CLI.external("python3", [script, work.appendingPathComponent("fleet").path, "--count", "\(count)", "--seed", "\(seed)", "--no-lines"])
        XCTAssertEqual(result.status, 0, result.stdout)
        let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let kinds = try XCTUnwrap(printed["kinds"] as? [String: Int])
        XCTAssertEqual(kinds.values.reduce(0, +), count)
        return Fleet(folder: work, kinds: kinds)
    }

    func audit(_ arguments: [String], in folder: URL) throws -> CLI.Result {
        try CLI.run(["audit"] + arguments, in: folder)
    }

    func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static let summaryKeys = ["bundles", "failing", "warning", "note", "unconfigured", "clean", "files", "findings", "errors", "warnings", "notes"]

    /// What one copy of each sample contributes, from an audit of Samples/
    /// (whose totals must equal `check`'s on the same folder).
    func perKindSummaries() throws -> [String: [String: Int]] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-samples-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try audit(["Samples", "--report", out.path, "--quiet"], in: CLI.packageRoot)
        XCTAssertEqual(result.status, 1, result.stderr)
        let report = try json(out)
        let check = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try CLI.run(["check", "--format", "json", "Samples"]).stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(report["summary"] as? [String: Int])
        for key in ["bundles", "files", "errors", "warnings", "notes"] {
            XCTAssertEqual(summary[key], (check["summary"] as? [String: Int])?[key], "audit and check disagree on \(key)")
        }
        var kinds: [String: [String: Int]] = [:]
        for bundle in try XCTUnwrap(report["bundles"] as? [[String: Any]]) {
            let id = try XCTUnwrap(bundle["id"] as? String)
            let parts = id.split(separator: "/")
            let kind = String(parts[1] == "broken" ? parts[2] : parts[1])
            var k = kinds[kind] ?? Dictionary(uniqueKeysWithValues: Self.summaryKeys.map { ($0, 0) })
            let findings = try XCTUnwrap(bundle["findings"] as? [[String: Any]])
            let status = try XCTUnwrap(bundle["status"] as? String)
            k["bundles"]! += 1
            k[status]! += 1
            k["files"]! += try XCTUnwrap(bundle["files"] as? Int)
            k["findings"]! += findings.count
            for severity in ["error", "warning", "note"] { k[severity + "s"]! += findings.filter { $0["severity"] as? String == severity }.count }
            kinds[kind] = k
        }
        return kinds
    }

    func expectedSummary(_ fleet: Fleet) throws -> [String: Int] {
        let perKind = try perKindSummaries()
        var expected = Dictionary(uniqueKeysWithValues: Self.summaryKeys.map { ($0, 0) })
        for (kind, count) in fleet.kinds {
            let one = try XCTUnwrap(perKind[kind], "no sample for \(kind)")
            for key in Self.summaryKeys { expected[key]! += one[key]! * count }
        }
        return expected
    }

    // MARK: Counts in every format

    func testFleetCountsInEveryFormat() throws {
        let fleet = try makeFleet(count: 40, seed: 11)
        let expected = try expectedSummary(fleet)
        let result = try audit(["fleet", "--report", "out/audit", "--report-format", "json", "--report-format", "md",
                                "--report-format", "csv", "--report-format", "html", "--quiet"], in: fleet.folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let out = fleet.folder.appendingPathComponent("out")

        let report = try json(out.appendingPathComponent("audit.json"))
        XCTAssertEqual(report["summary"] as? [String: Int], expected)
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/cxlint-audit.schema.json").path
        let validation = try CLI.external("check-jsonschema", ["--schemafile", schema, out.appendingPathComponent("audit.json").path])
        XCTAssertEqual(validation.status, 0, validation.stdout)
        let first = try XCTUnwrap((report["bundles"] as? [[String: Any]])?.first { !(($0["findings"] as? [Any])?.isEmpty ?? true) })
        let finding = try XCTUnwrap((first["findings"] as? [[String: Any]])?.first)
        for key in ["rule", "severity", "message", "file", "line", "column", "endLine", "endColumn"] {
            XCTAssertNotNil(finding[key], "finding key \(key), as in check --format json")
        }

        let csv = try CSV.parse(String(contentsOf: out.appendingPathComponent("audit.csv"), encoding: .utf8))
        XCTAssertEqual(csv.first?.first, "bundle")
        let rows = csv.dropFirst()
        XCTAssertEqual(rows.count, expected["findings"])
        let severity = try XCTUnwrap(csv.first?.firstIndex(of: "severity"))
        XCTAssertEqual(rows.filter { $0[severity] == "error" }.count, expected["errors"])
        XCTAssertEqual(rows.filter { $0[severity] == "warning" }.count, expected["warnings"])

        let markdown = try String(contentsOf: out.appendingPathComponent("audit.md"), encoding: .utf8)
        let row = ["bundles", "failing", "warning", "note", "unconfigured", "clean", "files", "errors", "warnings", "notes"].map { "\(expected[$0]!)" }
        XCTAssertTrue(markdown.contains("| " + row.joined(separator: " | ") + " |"), markdown)
        XCTAssertEqual(markdown.components(separatedBy: "\n- **").count - 1, expected["findings"])

        let html = try String(contentsOf: out.appendingPathComponent("audit.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<tr data-status=").count - 1, expected["bundles"])
        XCTAssertEqual(html.components(separatedBy: "<tr data-status=\"failing\"").count - 1, expected["failing"])
        XCTAssertEqual(html.components(separatedBy: "<li class=\"finding ").count - 1, expected["findings"])
        XCTAssertEqual(html.components(separatedBy: "<li class=\"finding error").count - 1, expected["errors"])
        XCTAssertTrue(html.contains("<span>Failing</span><strong>\(expected["failing"]!)</strong>"))
        // By folder: each brand's group counts its own bundles and failing ones, as the JSON has them.
        var perBrand: [String: (bundles: Int, failing: Int)] = [:]
        for bundle in try XCTUnwrap(report["bundles"] as? [[String: Any]]) {
            let brand = try XCTUnwrap((bundle["id"] as? String)?.split(separator: "/").dropFirst().first.map(String.init))
            perBrand[brand, default: (0, 0)].bundles += 1
            if bundle["status"] as? String == "failing" { perBrand[brand, default: (0, 0)].failing += 1 }
        }
        XCTAssertGreaterThan(perBrand.count, 1)
        for (brand, counts) in perBrand where counts.bundles > 1 {
            let failing = counts.failing > 0 ? "\(counts.failing) failing" : ""
            let pattern = "<code>\(brand)(/[a-z]+)?</code> <span class=\"counts\">\(counts.bundles) bundles: \(failing)"
            XCTAssertNotNil(html.range(of: pattern, options: .regularExpression), "folder group of \(brand): \(counts)")
        }
        for external in ["src=", "<link", "@import", "url(", "href=\"http", "href=\"//"] {
            XCTAssertFalse(html.contains(external), "the page must work offline: \(external)")
        }
        // Links go from the report's folder (out/) back to the files.
        XCTAssertTrue(html.contains("href=\"../fleet/"), "file links relative to the report")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: out.path).contains { $0.hasSuffix(".tmp") }, "no temporary file left")
    }

    // MARK: Shards

    func testShardedRunsMergeIntoTheUnshardedReport() throws {
        let fleet = try makeFleet(count: 30, seed: 5)
        // A `.cxlint.yml` row (its suppression silences nothing) is reported by exactly one shard.
        try "suppress:\n  - file: \"**/*.json\"\n    pointer: /nowhere\n    rule: custom-data-reserved-p1\n    reason: stale\n"
            .write(to: fleet.folder.appendingPathComponent("fleet/.cxlint.yml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try audit(["fleet", "--report", "whole.json", "--quiet"], in: fleet.folder).status, 1)
        XCTAssertEqual(try audit(["fleet", "--report", "whole.md", "--quiet"], in: fleet.folder).status, 1)
        var shardBundles = 0
        for i in 1...3 {
            let result = try audit(["fleet", "--shard", "\(i)/3", "--report", "shard\(i).json", "--quiet", "--fail-on", "never"], in: fleet.folder)
            XCTAssertEqual(result.status, 0, result.stderr)
            let shard = try json(fleet.folder.appendingPathComponent("shard\(i).json"))
            XCTAssertEqual(shard["shard"] as? [String: Int], ["index": i, "count": 3])
            let bundles = try XCTUnwrap((shard["summary"] as? [String: Int])?["bundles"])
            XCTAssertGreaterThan(bundles, 0, "every shard gets a share of 30 bundles")
            shardBundles += bundles
        }
        let whole = try json(fleet.folder.appendingPathComponent("whole.json"))
        XCTAssertEqual(shardBundles, (whole["summary"] as? [String: Int])?["bundles"])
        let settings = try XCTUnwrap(whole["bundles"] as? [[String: Any]]).filter { $0["kind"] as? String == "settings" }
        XCTAssertEqual(settings.map { $0["id"] as? String }, ["fleet/.cxlint.yml"])

        let merge = try audit(["merge", "shard3.json", "shard1.json", "shard2.json", "--report", "merged.json", "--report-format", "json",
                               "--report-format", "md", "--quiet"], in: fleet.folder)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        for (merged, unsharded) in [("merged.json", "whole.json"), ("merged.md", "whole.md")] {
            XCTAssertEqual(try Data(contentsOf: fleet.folder.appendingPathComponent(merged)),
                           try Data(contentsOf: fleet.folder.appendingPathComponent(unsharded)), "\(merged) differs from \(unsharded)")
        }

        let missing = try audit(["merge", "shard1.json", "shard2.json", "--report", "bad.json"], in: fleet.folder)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("shard(s) 3 missing"), missing.stderr)
        XCTAssertEqual(try audit(["merge", "whole.json", "--report", "bad.json"], in: fleet.folder).status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fleet.folder.appendingPathComponent("bad.json").path))
    }

    // MARK: Compare

    func testCompareShowsNewFixedAndUnchangedInEveryFormat() throws {
        let fleet = try makeFleet(count: 12, seed: 2)
        let root = fleet.folder.appendingPathComponent("fleet")
        XCTAssertEqual(try audit(["fleet", "--report", "before.json", "--label", "monday", "--quiet"], in: fleet.folder).status, 1)
        let before = try json(fleet.folder.appendingPathComponent("before.json"))
        let bundles = try XCTUnwrap(before["bundles"] as? [[String: Any]]).filter { $0["kind"] as? String == "config" }
        let failing = try XCTUnwrap(bundles.first { $0["status"] as? String == "failing" })
        let clean = try XCTUnwrap(bundles.first { $0["status"] as? String == "clean" })
        let failingFindings = try XCTUnwrap(failing["findings"] as? [Any]).count
        // Fix a failing line (replace it with the good sample), break a clean one (a wrong number in its config).
        let failingFolder = fleet.folder.appendingPathComponent(try XCTUnwrap(failing["path"] as? String))
        try FileManager.default.removeItem(at: failingFolder)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/good"), to: failingFolder)
        let cleanConfig = fleet.folder.appendingPathComponent(try XCTUnwrap(clean["id"] as? String))
        let text = try String(contentsOf: cleanConfig, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "https://api-", with: "http://api-")
        XCTAssertNotEqual(broken, text)
        try broken.write(to: cleanConfig, atomically: true, encoding: .utf8)
        _ = root

        let result = try audit(["fleet", "--compare", "before.json", "--label", "tuesday", "--report", "after", "--report-format", "json",
                                "--report-format", "md", "--report-format", "csv", "--report-format", "html"], in: fleet.folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("1 new, \(failingFindings) fixed"), result.stderr)
        let after = try json(fleet.folder.appendingPathComponent("after.json"))
        let comparison = try XCTUnwrap(after["comparison"] as? [String: Any])
        XCTAssertEqual(comparison["new"] as? Int, 1)
        XCTAssertEqual(comparison["fixed"] as? Int, failingFindings)
        let total = try XCTUnwrap((after["summary"] as? [String: Int])?["findings"])
        XCTAssertEqual(comparison["unchanged"] as? Int, total - 1)
        XCTAssertEqual((comparison["trend"] as? [[String: Any]])?.last?["label"] as? String, "monday")

        let markdown = try String(contentsOf: fleet.folder.appendingPathComponent("after.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("1 new, \(failingFindings) fixed, \(total - 1) unchanged"), markdown)
        XCTAssertEqual(markdown.components(separatedBy: "_(new)_").count - 1, 1)
        let csv = try CSV.parse(String(contentsOf: fleet.folder.appendingPathComponent("after.csv"), encoding: .utf8))
        let change = try XCTUnwrap(csv.first?.firstIndex(of: "change"))
        XCTAssertEqual(csv.filter { $0[change] == "new" }.count, 1)
        XCTAssertEqual(csv.filter { $0[change] == "fixed" }.count, failingFindings)
        let html = try String(contentsOf: fleet.folder.appendingPathComponent("after.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<span class=\"chg new\">").count - 1, 1)
        XCTAssertEqual(html.components(separatedBy: "<span class=\"chg fixed\">").count - 1, failingFindings)
        XCTAssertTrue(html.contains("aria-label=\"Trend\""), "trend chart with a previous audit")

        // A removed bundle's findings count as fixed, reported once.
        let again = try audit(["fleet", "--compare", "after.json", "--report", "third.json", "--quiet"], in: fleet.folder)
        XCTAssertEqual(again.status, 1)
        let third = try json(fleet.folder.appendingPathComponent("third.json"))
        XCTAssertEqual((third["comparison"] as? [String: Any])?["new"] as? Int, 0)
        XCTAssertEqual(((third["comparison"] as? [String: Any])?["trend"] as? [Any])?.count, 2)
    }

    // MARK: Unreadable paths, secrets, usage

    func testUnreadablePathsAreFindingsNotAborts() throws {
        let fleet = try makeFleet(count: 3, seed: 1)
        let root = fleet.folder.appendingPathComponent("fleet")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("loop-a").path, withDestinationPath: "loop-b")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("loop-b").path, withDestinationPath: "loop-a")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: "..")
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        addTeardownBlock { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }

        let result = try audit(["fleet", "--report", "out.json", "--quiet", "--fail-on", "never"], in: fleet.folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(fleet.folder.appendingPathComponent("out.json"))
        let findings = try XCTUnwrap(report["bundles"] as? [[String: Any]]).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let unreadable = findings.filter { $0["rule"] as? String == "unreadable-file" }
        let messages = Dictionary(unreadable.map { ($0["file"] as! String, $0["message"] as! String) }, uniquingKeysWith: { a, _ in a })
        XCTAssertTrue(messages["fleet/loop-a"]?.contains("symbolic link loop") ?? false, "\(messages)")
        XCTAssertTrue(messages["fleet/loop-b"]?.contains("symbolic link loop") ?? false, "\(messages)")
        XCTAssertNil(messages["fleet/up"], "links to folders are not followed, as in check")
        // Root reads every folder whatever its permissions; anyone else must get a finding.
        if getuid() != 0 { XCTAssertTrue(messages["fleet/locked"]?.contains("folder cannot be read") ?? false, "\(messages)") }
    }

    func testPlantedSecretNeverAppearsInAnyFormat() throws {
        let secret = "Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-audit-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let rerun = try audit(["Samples/broken/plaintext-secret", "Samples/good", "--report", work.appendingPathComponent("a").path,
                               "--report-format", "json", "--report-format", "md", "--report-format", "csv", "--report-format", "html", "--quiet"],
                              in: CLI.packageRoot)
        XCTAssertEqual(rerun.status, 1, rerun.stderr)
        for ext in ["json", "md", "csv", "html"] {
            let text = try String(contentsOf: work.appendingPathComponent("a.\(ext)"), encoding: .utf8)
            XCTAssertTrue(text.contains("plaintext-secret"), ext)
            XCTAssertFalse(text.contains(secret), "\(ext) prints the secret")
            XCTAssertFalse(text.contains("Zx9q"), "\(ext) prints part of the secret")
        }
        let html = try String(contentsOf: work.appendingPathComponent("a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<mark>****"), "the excerpt shows the secret masked")
    }

    func testUsageErrors() throws {
        XCTAssertEqual(try audit(["no-such-folder", "--report", "/tmp/x.json"], in: CLI.packageRoot).status, 2)
        XCTAssertEqual(try audit(["Samples", "--report", "/tmp/x.json", "--shard", "4/3"], in: CLI.packageRoot).status, 2)
        XCTAssertEqual(try audit(["Samples", "--report", "/tmp/x.unknown"], in: CLI.packageRoot).status, 2)
        let unwritable = try audit(["Samples/good", "--report", "Samples/good/phone-integration.yaml/x.json"], in: CLI.packageRoot)
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("cannot write the report") || unwritable.stderr.contains("cannot be created"), unwritable.stderr)
        let notAudit = try audit(["Samples", "--report", "/tmp/x.json", "--compare", "Samples/good/exports/action-skill.json"], in: CLI.packageRoot)
        XCTAssertEqual(notAudit.status, 2)
        XCTAssertTrue(notAudit.stderr.contains("not a cxlint audit JSON report"), notAudit.stderr)
    }

    // MARK: Progress

    func testProgressIsPlainLinesOffATerminalAndNothingWhenQuiet() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-progress-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let loud = try audit(["Samples", "--report", out.path], in: CLI.packageRoot)
        let lines = loud.stderr.split(separator: "\n")
        let progress = lines.filter { $0.hasPrefix("cxlint audit: checked ") && $0.contains("/s, ETA") }
        let total = try XCTUnwrap(progress.last?.split(separator: " ")[3].split(separator: "/").last.map { $0.dropLast() })
        // One count everywhere: the bundles found by the end of the progress are the summary's and the report's.
        let report = try json(out)
        let bundles = try XCTUnwrap((report["summary"] as? [String: Int])?["bundles"])
        XCTAssertTrue(progress.last?.hasPrefix("cxlint audit: checked \(total)/\(total), \(bundles) bundles (") ?? false, loud.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("cxlint audit: \(bundles) bundles: ") && $0.contains(" warnings only, ") && $0.contains(" no config, ") }, loud.stderr)
        XCTAssertFalse(loud.stderr.contains("\r"), "no bar redrawing off a terminal")
        XCTAssertGreaterThanOrEqual(progress.count, 2)
        XCTAssertLessThanOrEqual(progress.count, 12, "at most a line per tenth")
        let quiet = try audit(["Samples", "--report", out.path, "--quiet"], in: CLI.packageRoot)
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertEqual(quiet.stdout, "")
    }

    /// On a terminal (a pseudo-terminal made by util-linux `script`) the bar is redrawn in place.
    func testProgressBarOnATerminal() throws {
        let script = try CLI.tool("script")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-tty-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let command = "cd '\(CLI.packageRoot.path)' && '\(CLI.binary.path)' audit Samples --report '\(out.path)'"
        let result = try CLI.external(script, ["-qec", command, "/dev/null"])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\r\u{1B}[2K["), "the bar is redrawn in place: \(result.stdout.debugDescription)")
        XCTAssertTrue(result.stdout.contains("█] "), "a full bar at the end: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("/s  ETA "), result.stdout)
        XCTAssertFalse(result.stdout.contains("cxlint audit: 1/"), "no plain lines on a terminal")
    }

    // MARK: Chromium

    /// The page renders in Debian's Chromium: the DOM after scripts ran holds
    /// the table and the charts, and a screenshot is written. Skipped when
    /// Chromium is not installed (.ci/run installs it).
    func testHTMLReportRendersInHeadlessChromium() throws {
        let chromium = try CLI.tool("chromium")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("audit.html")
        XCTAssertEqual(try audit(["Samples", "--report", page.path, "--quiet"], in: CLI.packageRoot).status, 1)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(work.path)/profile"]
        let dom = try CLI.external(chromium, flags + ["--dump-dom", page.absoluteString])
        XCTAssertEqual(dom.status, 0, dom.stdout)
        XCTAssertTrue(dom.stdout.contains("<table id=\"bundles\""), "the bundle table is in the rendered DOM")
        XCTAssertTrue(dom.stdout.contains("aria-label=\"Findings by rule\""))
        // (Chromium writes the open attribute back as open="".)
        XCTAssertNotNil(dom.stdout.range(of: #"<details class="folder" data-status="failing" open(="")?><summary><span class="pill failing">failing</span> <code>Samples</code>"#,
                                         options: .regularExpression), "the folder groups, the top one open")
        let shot = work.appendingPathComponent("audit.png")
        let screenshot = try CLI.external(chromium, flags + ["--window-size=1280,1600", "--screenshot=\(shot.path)", page.absoluteString])
        XCTAssertEqual(screenshot.status, 0, screenshot.stdout)
        let png = try Data(contentsOf: shot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertGreaterThan(png.count, 20_000, "a rendered page, not a blank one")
    }
}

/// RFC 4180 reading, enough to count rows whose fields hold commas, quotes or line breaks.
enum CSV {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append(chars.removeFirst()) } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" {
                guard chars.popFirst() == "\n" else { throw Malformed() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                guard c != "\n" else { throw Malformed() }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted, field.isEmpty, row.isEmpty else { throw Malformed() }
        return rows
    }
}
