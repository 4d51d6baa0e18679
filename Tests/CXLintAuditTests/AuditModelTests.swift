@testable import CXLintAudit
@testable import CXLintDriver
import CXLintReport
import CXLintSyntax
import Foundation
import XCTest

final class AuditModelTests: XCTestCase {
    func finding(_ rule: String = "api-url", severity: Severity = .error, file: String = "a/phone-integration.yaml", line: Int = 1,
                 print: String = "0000000000000001", message: String = "m") -> AuditFinding {
        AuditFinding(rule: rule, severity: severity, message: message, file: file, line: line, column: 1, endLine: line, endColumn: 2, fingerprint: print)
    }

    func bundle(_ id: String, _ findings: [AuditFinding]) -> AuditBundle {
        AuditBundle(id: id, path: id.split(separator: "/").dropLast().joined(separator: "/"), kind: .config, files: 3, findings: findings)
    }

    // MARK: Shards

    func testShardParsing() {
        XCTAssertEqual(Shard("2/4"), Shard(index: 2, count: 4))
        XCTAssertNil(Shard("0/4"))
        XCTAssertNil(Shard("5/4"))
        XCTAssertNil(Shard("1/0"))
        XCTAssertNil(Shard("a/b"))
        XCTAssertNil(Shard("1/2/3"))
    }

    func testShardsPartitionEveryBundleExactlyOnce() {
        let ids = (0..<500).map { "fleet/brand-\($0 % 7)/line-\($0)/phone-integration.yaml" }
        let shards = (1...4).map { Shard(index: $0, count: 4) }
        for id in ids {
            XCTAssertEqual(shards.filter { $0.contains(id) }.count, 1, id)
        }
        for shard in shards {
            XCTAssertGreaterThan(ids.filter(shard.contains).count, 80, "roughly even shares")
        }
        XCTAssertEqual(StableHash.fnv1a("a"), 0xaf63_dc4c_8601_ec8c, "FNV-1a 64 reference value: the same on every machine")
    }

    // MARK: Assembly and merge

    func testAssembleDerivesSummaryAndRuleOrder() {
        let report = AuditReport.assemble(roots: ["fleet"], label: nil, shard: nil, bundles: [
            bundle("b/phone-integration.yaml", [finding("custom-data-unused", severity: .note), finding("custom-data-unused", severity: .note, print: "2")]),
            bundle("a/phone-integration.yaml", [finding("api-url"), finding("auth-url")]),
            bundle("c/phone-integration.yaml", [finding("api-url")]),
            bundle("d/phone-integration.yaml", []),
        ])
        XCTAssertEqual(report.bundles.map(\.id).first, "a/phone-integration.yaml")
        XCTAssertEqual(report.summary, AuditSummary(bundles: 4, failing: 2, warning: 0, note: 1, unconfigured: 0, clean: 1,
                                                    files: 12, findings: 5, errors: 3, warnings: 0, notes: 2))
        XCTAssertEqual(report.rules.map(\.rule), ["api-url", "auth-url", "custom-data-unused"], "errors first, then most findings")
        XCTAssertEqual(report.rules.first?.bundles, 2)
    }

    /// Each bundle has one status, and the statuses add up to the bundles: a
    /// notes-only bundle and a script no config claims are counted, neither as clean.
    func testEveryBundleHasExactlyOneStatus() {
        let loose = AuditBundle(id: "x/studio/WatsonPhone.xml", path: "x/studio", kind: .file, files: 1, findings: [])
        let looseWithWarning = AuditBundle(id: "y/studio/WatsonPhone.xml", path: "y/studio", kind: .file, files: 1,
                                           findings: [finding("unreachable-action", severity: .warning)])
        let looseFailing = AuditBundle(id: "z/studio/WatsonPhone.xml", path: "z/studio", kind: .file, files: 1, findings: [finding("placecall-missing")])
        let report = AuditReport.assemble(roots: ["fleet"], label: nil, shard: nil, bundles: [
            bundle("a/phone-integration.yaml", [finding()]),
            bundle("b/phone-integration.yaml", [finding("unreachable-action", severity: .warning)]),
            bundle("c/phone-integration.yaml", [finding("custom-data-unused", severity: .note)]),
            bundle("d/phone-integration.yaml", []),
            loose, looseWithWarning, looseFailing,
        ])
        XCTAssertEqual(report.bundles.map(\.status), [.failing, .warning, .note, .clean, .unconfigured, .unconfigured, .failing])
        let s = report.summary
        XCTAssertEqual([s.failing, s.warning, s.note, s.unconfigured, s.clean], [2, 1, 1, 2, 1])
        XCTAssertEqual(AuditBundle.Status.allCases.map { s[$0] }.reduce(0, +), s.bundles)
        XCTAssertEqual(s.statusLine, "7 bundles: 2 failing, 1 warnings only, 1 notes only, 2 no config, 1 clean")
        let markdown = AuditMarkdown.render(report)
        XCTAssertTrue(markdown.contains("| bundles | failing | warnings only | notes only | no config | clean | files |"), markdown)
        XCTAssertTrue(markdown.contains("| 7 | 2 | 1 | 1 | 2 | 1 | 15 |"), markdown)
        let html = AuditHTML.render(report)
        for (label, count) in [("Bundles", 7), ("Failing", 2), ("Warnings only", 1), ("Notes only", 1), ("No config", 2), ("Clean", 1)] {
            XCTAssertTrue(html.contains("<span>\(label)</span><strong>\(count)</strong>"), label)
        }
        XCTAssertTrue(html.contains("<span class=\"pill unconfigured\">no config</span>"))
    }

    /// Reports written before the notes-only and no-config counts still load.
    func testSummaryOfAnOlderReportDecodes() throws {
        let old = #"{"bundles":2,"clean":1,"failing":1,"warning":0,"files":6,"findings":1,"errors":1,"warnings":0,"notes":0}"#
        let summary = try JSONDecoder().decode(AuditSummary.self, from: Data(old.utf8))
        XCTAssertEqual([summary.note, summary.unconfigured, summary.clean, summary.failing], [0, 0, 1, 1])
    }

    /// The chart of findings by rule follows the fix-first order: severity, then count.
    func testRuleChartIsOrderedBySeverityThenCount() {
        let report = AuditReport.assemble(roots: ["fleet"], label: nil, shard: nil, bundles: [
            bundle("a/phone-integration.yaml", (1...5).map { finding("custom-data-unused", severity: .note, print: "\($0)") }),
            bundle("b/phone-integration.yaml", [finding("unreachable-action", severity: .warning), finding("api-url")]),
            bundle("c/phone-integration.yaml", [finding("unreachable-action", severity: .warning, print: "2"), finding("auth-url"), finding("auth-url", print: "3")]),
        ])
        XCTAssertEqual(report.rules.map(\.rule), ["auth-url", "api-url", "unreachable-action", "custom-data-unused"])
        let html = AuditHTML.render(report)
        let chart = try? XCTUnwrap(html.range(of: "aria-label=\"Findings by rule\"")).map { String(html[$0.upperBound...].prefix(4000)) }
        let order = ["auth-url", "api-url", "unreachable-action", "custom-data-unused"].map { chart?.range(of: ">\($0)<")?.lowerBound }
        XCTAssertFalse(order.contains(nil), chart ?? "")
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted(), "bars in severity, then count order")
    }

    /// brand/environment/line-NNNNN: a group per brand and per environment with
    /// their counts and worst status; a line's own folder is a row, not a group.
    func testFolderGroupsByBrandAndEnvironment() {
        var bundles: [AuditBundle] = []
        for (brand, environment, line, findings) in [
            ("acme", "prod", 1, [finding()]), ("acme", "prod", 2, []), ("acme", "test", 3, [finding("unreachable-action", severity: .warning)]),
            ("acme", "test", 4, []), ("zenith", "prod", 5, []), ("zenith", "prod", 6, []),
        ] {
            bundles.append(bundle("fleet/\(brand)/\(environment)/line-\(line)/phone-integration.yaml", findings))
        }
        let root = FolderGroup.groups(bundles)
        XCTAssertEqual(root.path, "fleet")
        XCTAssertEqual(root.subgroups.map(\.path), ["fleet/acme", "fleet/zenith/prod"])
        let acme = root.subgroups[0]
        XCTAssertEqual(acme.worst, .failing)
        XCTAssertEqual([acme.summary.bundles, acme.summary.failing, acme.summary.warning, acme.summary.clean], [4, 1, 1, 2])
        XCTAssertEqual(acme.subgroups.map(\.name), ["prod", "test"])
        XCTAssertEqual(acme.subgroups.map(\.worst), [.failing, .warning])
        XCTAssertEqual(acme.subgroups[0].bundles.map(\.id), ["fleet/acme/prod/line-1/phone-integration.yaml", "fleet/acme/prod/line-2/phone-integration.yaml"])
        XCTAssertEqual(acme.subgroups[0].subgroups.count, 0, "a line's folder is a row")
        // zenith has a single environment: merged into one level.
        XCTAssertEqual(root.subgroups[1].name, "zenith/prod")
        XCTAssertEqual(root.subgroups[1].worst, .clean)

        let html = AuditHTML.render(AuditReport.assemble(roots: ["fleet"], label: nil, shard: nil, bundles: bundles))
        XCTAssertTrue(html.contains("<details class=\"folder\" data-status=\"failing\" open><summary><span class=\"pill failing\">failing</span> <code>fleet</code>"), html)
        XCTAssertTrue(html.contains("<details class=\"folder\" data-status=\"failing\"><summary><span class=\"pill failing\">failing</span> <code>acme</code> <span class=\"counts\">4 bundles: 1 failing · 1 warnings only · 2 clean · 1 error · 1 warning · 0 notes</span>"), html)
        XCTAssertTrue(html.contains("<code>zenith/prod</code>"))
    }

    func testMergeRequiresEveryShardOnce() throws {
        func shard(_ i: Int, _ n: Int, _ ids: [String]) -> AuditReport {
            AuditReport.assemble(roots: ["fleet"], label: nil, shard: Shard(index: i, count: n), bundles: ids.map { bundle($0, []) })
        }
        let merged = try AuditMerger.merge([shard(2, 2, ["b"]), shard(1, 2, ["a", "c"])])
        XCTAssertEqual(merged, AuditReport.assemble(roots: ["fleet"], label: nil, shard: nil, bundles: ["a", "b", "c"].map { bundle($0, []) }))
        XCTAssertThrowsError(try AuditMerger.merge([shard(1, 2, ["a"])])) { XCTAssertEqual($0 as? AuditMerger.Failure, .missingShards([2])) }
        XCTAssertThrowsError(try AuditMerger.merge([shard(1, 2, ["a"]), shard(1, 2, ["b"])])) { XCTAssertEqual($0 as? AuditMerger.Failure, .duplicateShard(1)) }
        XCTAssertThrowsError(try AuditMerger.merge([shard(1, 2, ["a"]), shard(2, 3, ["b"])]))
        XCTAssertThrowsError(try AuditMerger.merge([shard(1, 2, ["a"]), shard(2, 2, ["a"])])) { XCTAssertEqual($0 as? AuditMerger.Failure, .duplicateBundle("a")) }
        var unsharded = shard(1, 1, ["a"])
        unsharded.shard = nil
        XCTAssertThrowsError(try AuditMerger.merge([unsharded])) { XCTAssertEqual($0 as? AuditMerger.Failure, .notAShard(1)) }
    }

    // MARK: Compare

    func testCompareMatchesFingerprintsAsAMultiset() {
        let previous = AuditReport.assemble(roots: ["f"], label: "mon", shard: nil, bundles: [
            bundle("a", [finding(print: "1", message: "first"), finding(print: "1", message: "second"), finding(print: "2")]),
            bundle("gone", [finding(print: "9")]),
        ])
        let current = [bundle("a", [finding(line: 40, print: "1"), finding(print: "3")]), bundle("new", [finding(print: "4")])]
        let result = AuditComparer.compare(current, with: previous) { _ in true }
        let a = result.bundles[0]
        XCTAssertEqual(a.findings.map(\.change), [.unchanged, .new], "a moved finding is unchanged")
        XCTAssertEqual(a.fixed?.map(\.message), ["second", "m"], "one of the two equal findings and the other are fixed")
        XCTAssertEqual(a.changes, ChangeCounts(new: 1, fixed: 2, unchanged: 1))
        XCTAssertEqual(result.bundles[1].changes, ChangeCounts(new: 1, fixed: 0, unchanged: 0))
        XCTAssertEqual(result.removed.map(\.id), ["gone"])
        XCTAssertTrue(AuditComparer.compare(current, with: previous) { $0 != "gone" }.removed.isEmpty, "another shard reports it")

        let report = AuditReport.assemble(roots: ["f"], label: "tue", shard: nil, bundles: result.bundles, removedBundles: result.removed,
                                          trend: AuditComparer.trend(after: previous))
        XCTAssertEqual(report.comparison?.new, 2)
        XCTAssertEqual(report.comparison?.fixed, 3)
        XCTAssertEqual(report.comparison?.unchanged, 1)
        XCTAssertEqual(report.comparison?.trend.map(\.label), ["mon"])
        XCTAssertEqual(AuditComparer.trend(after: report).map(\.label), ["mon", "tue"])
    }

    func testFingerprintIsTheBaselineIdentityAndExcerptsMaskSecrets() {
        let text = "phone_integration:\n  contact_center:\n    access_key_secret: Zx9qSECRET\n"
        let file = SourceFile(id: SourceID(path: "c.yaml"), text: text)
        let secret = SourceRange(start: file.location(line: 3, column: 24), end: file.location(line: 3, column: 34))
        let d = Diagnostic(rule: "plaintext-secret", severity: .error, message: "literal", file: SourceID(path: "c.yaml"), range: secret)
        let report = LintReport(diagnostics: [d], sources: [SourceID(path: "c.yaml"): file], sensitiveRanges: [SourceID(path: "c.yaml"): [secret]])
        let found = try! XCTUnwrap(report.auditFindings().first)
        XCTAssertEqual(found.fingerprint, FindingIdentity.identities(of: report).first?.fingerprint, "matched like the baseline")
        XCTAssertEqual(found.excerpt, Excerpt(text: "    access_key_secret: **********", column: 24, width: 10))
        XCTAssertFalse(AuditJSON.render(AuditReport.assemble(roots: [], label: nil, shard: nil, bundles: [bundle("c", [found])])).contains("Zx9q"))
    }

    func testLongLinesAreCutToAWindowAroundTheFinding() {
        let line = String(repeating: "a", count: 500) + "BAD" + String(repeating: "b", count: 500)
        let file = SourceFile(id: SourceID(path: "min.json"), text: line)
        let range = SourceRange(start: file.location(line: 1, column: 501), end: file.location(line: 1, column: 504))
        let report = LintReport(diagnostics: [], sources: [SourceID(path: "min.json"): file])
        let excerpt = try! XCTUnwrap(report.excerpt(of: Diagnostic(rule: "r", severity: .error, message: "m", file: SourceID(path: "min.json"), range: range)))
        XCTAssertLessThanOrEqual(excerpt.text.count, 162)
        XCTAssertTrue(excerpt.text.hasPrefix("…") && excerpt.text.hasSuffix("…"))
        let scalars = Array(excerpt.text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[(excerpt.column - 1)..<(excerpt.column - 1 + excerpt.width)])), "BAD")
    }

    // MARK: Formats

    func testJSONBuiltPerBundleEqualsOneEncoding() throws {
        let previous = AuditReport.assemble(roots: ["f"], label: "mon", shard: nil, bundles: [bundle("gone", [finding(print: "9")])])
        let compared = AuditComparer.compare([bundle("a/c.yaml", [finding(message: "quote \" and \\ and\nline")]), bundle("b/c.yaml", [])], with: previous) { _ in true }
        for report in [
            AuditReport.assemble(roots: ["f"], label: nil, shard: nil, bundles: []),
            AuditReport.assemble(roots: ["f", "g"], label: "x", shard: Shard(index: 1, count: 2), bundles: [bundle("a", [finding()])]),
            AuditReport.assemble(roots: ["f"], label: "tue", shard: nil, bundles: compared.bundles, removedBundles: compared.removed,
                                 trend: AuditComparer.trend(after: previous)),
        ] {
            XCTAssertEqual(AuditJSON.render(report), AuditJSON.encode(report))
            XCTAssertEqual(try JSONDecoder().decode(AuditReport.self, from: Data(AuditJSON.render(report).utf8)), report)
        }
    }

    /// A path finding's canvas travels in the record (JSON round trip, merge)
    /// and the HTML draws it once per path finding, never for fixed ones.
    func testCanvasesTravelInTheRecordAndAreDrawnPerPathFinding() throws {
        let script = """
            {"actions": {"1": {"actionId": 1, "name": "BEGIN"}, "2": {"actionId": 2, "name": "IF", "label": "Support line?"},
                         "3": {"actionId": 3, "name": "PLACECALL"}},
             "branches": {"1": [{"to": 2, "type": "default"}], "2": [{"to": 3, "type": "branch", "label": "False"}]}}
            """
        let canvas = try XCTUnwrap(ScriptCanvas.load(SourceFile(id: SourceID(path: "a/s.json"), text: script), file: "a/s.json"))
        let steps = [(1, ""), (2, "False"), (3, nil)].map { id, branch in
            JSONReporter.Step(PathStep(file: SourceID(path: "a/s.json"), range: .fileStart, actionID: id, actionType: "X", caption: nil, branch: branch, message: "step \(id)"), shown: \.path)
        }
        var pathFinding = finding("sipputheader-before-placecall", file: "a/s.json", print: "p1")
        pathFinding.path = steps
        var second = pathFinding
        second.fingerprint = "p2"
        var withCanvas = bundle("a/c.yaml", [pathFinding, second, finding()])
        withCanvas.canvases = [canvas]
        var fixed = pathFinding
        fixed.change = .fixed
        withCanvas.fixed = [fixed]
        let report = AuditReport.assemble(roots: ["f"], label: nil, shard: nil, bundles: [withCanvas, bundle("b/c.yaml", [finding()])])
        XCTAssertEqual(try JSONDecoder().decode(AuditReport.self, from: Data(AuditJSON.render(report).utf8)), report)
        let shard = AuditReport.assemble(roots: ["f"], label: nil, shard: Shard(index: 1, count: 1), bundles: report.bundles)
        XCTAssertEqual(try AuditMerger.merge([shard]).bundles.first?.canvases, [canvas])

        let html = AuditHTML.render(report)
        let drawn = html.components(separatedBy: "class=\"cxlint-canvas\"").count - 1
        XCTAssertEqual(drawn, 2, "one canvas per path finding, none for the fixed one")
        XCTAssertEqual(html.matches(of: /data-action-id="2" data-step="2"/).count, 2)
        XCTAssertFalse(html.contains("url("), "arrowheads are shapes: no reference for two canvases on one page to share")
    }

    func testCSVQuotesPerRFC4180() {
        XCTAssertEqual(AuditCSV.quote("plain"), "plain")
        XCTAssertEqual(AuditCSV.quote("a,b"), "\"a,b\"")
        XCTAssertEqual(AuditCSV.quote("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(AuditCSV.quote("two\nlines"), "\"two\nlines\"")
        let csv = AuditCSV.render(AuditReport.assemble(roots: [], label: nil, shard: nil, bundles: [bundle("a", [finding(message: "x, \"y\"")])]))
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        XCTAssertEqual(csv.components(separatedBy: "\r\n").count, 3)
        XCTAssertTrue(csv.contains(",\"x, \"\"y\"\"\","))
    }

    func testMarkdownAndHTMLEscapeEverything() {
        let hostile = "<script>alert(1)</script> | `tick` *star*"
        let report = AuditReport.assemble(roots: ["r"], label: "<b>", shard: nil, bundles: [bundle("x|<i>", [finding(message: hostile)])])
        let html = AuditHTML.render(report)
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<i>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertEqual(html.components(separatedBy: "<script>").count - 1, 1, "only the page's own script")
        let markdown = AuditMarkdown.render(report)
        XCTAssertFalse(markdown.contains("<script>"))
        XCTAssertTrue(markdown.contains("`` `tick` ``") == false)
        XCTAssertTrue(markdown.contains("\\<script\\>"))
        XCTAssertEqual(AuditMarkdown.code("a`b"), "``a`b``")
        XCTAssertEqual(AuditMarkdown.code("x|y"), "`x\\|y`")
    }

    func testReportLinksAreRelativeToTheReportFolder() {
        XCTAssertEqual(RenderOptions.forReport(at: "out/audit.html", workingDirectory: "/w").linkPrefix, "../")
        XCTAssertEqual(RenderOptions.forReport(at: "audit.html", workingDirectory: "/w").linkPrefix, "")
        XCTAssertEqual(RenderOptions.forReport(at: "/tmp/r/audit.html", workingDirectory: "/w/x").linkPrefix, "../../w/x/")
        let f = finding(file: "fleet/a b/export.zip!/action-skill.json", line: 7)
        XCTAssertEqual(AuditHTML.link(f, options: RenderOptions(linkPrefix: "../")), "../fleet/a%20b/export.zip#L7")
    }

    func testDestinationsByExtension() {
        XCTAssertEqual(AuditFormat(path: "x.HTML"), .html)
        XCTAssertNil(AuditFormat(path: "x.txt"))
        XCTAssertEqual(AuditFormat.destinations(report: "out/a.json", formats: [.json]).map(\.1), ["out/a.json"])
        XCTAssertEqual(AuditFormat.destinations(report: "out/a.json", formats: [.json, .csv, .json]).map(\.1), ["out/a.json", "out/a.csv"])
        XCTAssertEqual(AuditFormat.destinations(report: "out/a", formats: [.md, .html]).map(\.1), ["out/a.md", "out/a.html"])
    }

    func testProgressLine() {
        let line = ProgressLine(done: 250, total: 1000, bundles: 248, elapsed: 5)
        XCTAssertEqual(line.plain, "cxlint audit: checked 250/1000, 248 bundles (50.0/s, ETA 0:15)")
        XCTAssertEqual(line.bar(width: 8), "[██······] checked 250/1000, 248 bundles  50.0/s  ETA 0:15")
        XCTAssertEqual(ProgressLine(done: 0, total: 10, bundles: 1, elapsed: 0).plain, "cxlint audit: checked 0/10, 1 bundle (0.0/s, ETA --:--)")
        XCTAssertEqual(ProgressLine.clock(3725), "1:02:05")
        let due = (1...1000).filter { ProgressLine.plainLineDue(done: $0, total: 1000) }
        XCTAssertEqual(due, [1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    }

    func testAtomicWriteReplacesWholeAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.json").path
        try AtomicFile.write("old", to: path)
        try AtomicFile.write("new", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["r.json"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder.appendingPathComponent("missing/r.json").path))
        XCTAssertEqual(AtomicFile.split("r.json").folder, ".")
        XCTAssertEqual(AtomicFile.split("/r.json").folder, "/")
    }
}
