import CXLintTestSupport
import Foundation
import XCTest

/// Path findings as their consumers see them: SARIF code flows checked by the
/// official schema, `cxlint graph` read by Graphviz, the audit's canvases
/// rendered by Chromium.
final class PathDisplayTests: XCTestCase {
    static let pathRules: Set = ["sipputheader-before-placecall", "session-key-not-saved", "onrelease-unguarded", "signal-hangup-unhandled", "reqagent-missing",
                                 "onrelease-after-hangup", "media-after-onrelease"]

    /// The message's arrow chain from the step messages: `IF "x" takes False` reads `IF "x" (False)` there.
    static func chain(_ steps: [(message: String, branch: String?)]) -> String {
        steps.map { step in
            guard let branch = step.branch, !branch.isEmpty else { return step.message }
            return String(step.message.dropLast(" takes \(branch)".count)) + " (\(branch))"
        }.joined(separator: " → ")
    }

    func jsonFindings(_ path: String) throws -> [[String: Any]] {
        let result = try CLI.run(["check", "--format", "json", path])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(document["findings"] as? [[String: Any]])
    }

    // MARK: SARIF

    func testSARIFOfEveryBrokenPathFindingValidatesAndHasItsChainAsACodeFlow() throws {
        let result = try CLI.run(["check", "--format", "sarif", "Samples/broken"])
        XCTAssertEqual(result.status, 1)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        var rulesWithFlows = Set<String>()
        for result in results {
            let rule = try XCTUnwrap(result["ruleId"] as? String)
            guard let flows = result["codeFlows"] as? [[String: Any]] else {
                XCTAssertFalse(Self.pathRules.contains(rule), "\(rule) finding without a code flow")
                continue
            }
            rulesWithFlows.insert(rule)
            let message = try XCTUnwrap((result["message"] as? [String: String])?["text"])
            let locations = try XCTUnwrap((flows.first?["threadFlows"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])
            let texts = try locations.map { try XCTUnwrap((($0["location"] as? [String: Any])?["message"] as? [String: String])?["text"]) }
            // The step texts say which branch each takes; the message's chain says it in parentheses.
            let branches = texts.map { text in text.firstMatch(of: /\ takes (.+)$/).map { String($0.1) } }
            XCTAssertTrue(message.contains(Self.chain(zip(texts, branches).map { (message: $0, branch: $1) })), "\(rule): \(texts) vs \(message)")
            XCTAssertEqual(locations.compactMap { $0["executionOrder"] as? Int }, Array(1...locations.count))
            let primary = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            for location in locations {
                let physical = try XCTUnwrap((location["location"] as? [String: Any])?["physicalLocation"] as? [String: Any])
                XCTAssertEqual((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, (primary["artifactLocation"] as? [String: Any])?["uri"] as? String)
            }
        }
        XCTAssertTrue(rulesWithFlows.isSuperset(of: ["sipputheader-before-placecall", "signal-hangup-unhandled", "reqagent-missing", "onrelease-after-hangup", "media-after-onrelease"]), "\(rulesWithFlows)")

        let schema = try SharedData.sarifSchema.require().path
        let file = try CLI.temporaryFile("paths.sarif", result.stdout)
        let check = try CLI.external("check-jsonschema", ["--schemafile", schema, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testJSONReportPathOfTheOneBranchSample() throws {
        let findings = try jsonFindings("Samples/broken/sipputheader-one-branch")
        let finding = try XCTUnwrap(findings.first { $0["rule"] as? String == "sipputheader-before-placecall" })
        let path = try XCTUnwrap(finding["path"] as? [[String: Any]])
        XCTAssertEqual(path.compactMap { $0["actionId"] as? Int }, [1, 2, 19, 4])
        XCTAssertEqual(path.map { $0["branch"] as? String }, ["", "", "False", nil])
        XCTAssertEqual(path[2]["message"] as? String, #"IF "Support line?" takes False"#)
        XCTAssertEqual(path[2]["caption"] as? String, "Support line?")
        XCTAssertEqual(path[2]["line"] as? Int, 415)
    }

    // MARK: cxlint graph

    /// The scripts of Samples/broken with a path finding, with each finding's path (action IDs).
    func brokenPathScripts() throws -> [(file: String, rule: String, actions: [Int])] {
        var seen = Set<String>()
        return try jsonFindings("Samples/broken").compactMap { finding in
            guard let path = finding["path"] as? [[String: Any]], let file = finding["file"] as? String, seen.insert(file).inserted else { return nil }
            return (file, try XCTUnwrap(finding["rule"] as? String), path.compactMap { $0["actionId"] as? Int })
        }
    }

    func testGraphSVGHasOneBoxPerActionAndThePathInOrder() throws {
        let scripts = try brokenPathScripts()
        XCTAssertGreaterThanOrEqual(scripts.count, 5)
        for script in scripts {
            let result = try CLI.run(["graph", script.file, "--rule", script.rule])
            XCTAssertEqual(result.status, 0, result.stderr)
            let boxes = result.stdout.matches(of: /<g class="box( on-path)?" data-action-id="(\d+)"(?: data-step="([\d ]+)")?>/)
            XCTAssertEqual(boxes.count, try actionCount(script.file), script.file)
            let order = boxes.flatMap { box in (box.3.map { $0.split(separator: " ").map { Int($0)! } } ?? []).map { ($0, Int(box.2)!) } }
                .sorted { $0.0 < $1.0 }.map(\.1)
            XCTAssertEqual(order, script.actions, "\(script.file): highlighted boxes in path order")
            XCTAssertEqual(result.stdout.matches(of: /class="arrow on-path"/).count, script.actions.count - 1, script.file)
        }
    }

    /// How many actions a sample script holds, counted from the file itself.
    func actionCount(_ file: String) throws -> Int {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        if file.hasSuffix(".xml") { return text.matches(of: /<ActionStruct>/).count }
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let script = (root["scriptContent"] as? [String: Any]) ?? root
        return try XCTUnwrap(script["actions"] as? [String: Any]).count
    }

    func testGraphDOTParsesWithGraphviz() throws {
        let dot = try CLI.tool("dot")
        for script in try brokenPathScripts() {
            let result = try CLI.run(["graph", script.file, "--format", "dot", "--rule", script.rule])
            XCTAssertEqual(result.status, 0, result.stderr)
            let file = try CLI.temporaryFile("canvas.dot", result.stdout)
            let svg = try CLI.external(dot, ["-Tsvg", file.path])
            XCTAssertEqual(svg.status, 0, "\(script.file): \(svg.stdout)")
            XCTAssertEqual(svg.stdout.matches(of: /class="node"/).count, try actionCount(script.file), script.file)
            XCTAssertEqual(svg.stdout.matches(of: /class="edge"/).count, result.stdout.matches(of: /\ ->\ /).count)
        }
    }

    func testGraphRefusesWhatItCannotDraw() throws {
        let notScript = try CLI.run(["graph", "Samples/good/phone-integration.yaml"])
        XCTAssertEqual(notScript.status, 2)
        XCTAssertTrue(notScript.stderr.contains("not a Studio script"), notScript.stderr)
        XCTAssertEqual(try CLI.run(["graph", "Samples/good/studio/WatsonPhone.xml", "--rule", "no-such-rule"]).status, 2)
        XCTAssertEqual(try CLI.run(["graph", "Samples/good/studio/nope.xml"]).status, 2)
        // A clean script is drawn without a highlight, and says so.
        let clean = try CLI.run(["graph", "Samples/good/studio/WatsonPhone.xml", "--format", "dot"])
        XCTAssertEqual(clean.status, 0)
        XCTAssertFalse(clean.stdout.contains("xlabel"))
        XCTAssertTrue(clean.stderr.contains("no finding with a path"), clean.stderr)
    }

    // MARK: The audit in a browser

    /// Chromium renders the audit of Samples/: one canvas per path finding,
    /// each with the finding's path highlighted in order. The screenshot is of
    /// one bundle's audit, where the canvas is in view (scripts/check-html-report.sh
    /// refreshes docs/audit-canvas.png the same way).
    func testAuditCanvasesRenderInHeadlessChromium() throws {
        let chromium = try CLI.tool("chromium")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-canvas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let report = work.appendingPathComponent("audit")
        let run = try CLI.run(["audit", "Samples", "--report", report.path, "--report-format", "html", "--report-format", "json", "--quiet"])
        XCTAssertEqual(run.status, 1, run.stderr)
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathExtension("json"))) as? [String: Any])
        let findings = (record["bundles"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let paths = findings.compactMap { ($0["path"] as? [[String: Any]])?.compactMap { $0["actionId"] as? Int } }
        XCTAssertGreaterThanOrEqual(paths.count, 5)

        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(work.path)/profile"]
        let dom = try CLI.external(chromium, flags + ["--dump-dom", report.appendingPathExtension("html").absoluteString])
        XCTAssertEqual(dom.status, 0, dom.stdout)
        let canvases = dom.stdout.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cxlint-canvas\"").dropFirst()
        XCTAssertEqual(canvases.count, paths.count, "one canvas per path finding")
        // The page orders bundles by severity, the record by ID: compare the paths drawn with those recorded as sets.
        let drawn = canvases.map { canvas in
            canvas.components(separatedBy: "</svg>")[0].matches(of: /data-action-id="(\d+)" data-step="(\d+)"/)
                .map { (Int($0.2)!, Int($0.1)!) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        XCTAssertEqual(drawn.map(\.description).sorted(), paths.map(\.description).sorted(), "each canvas highlights its finding's path in order")

        let single = work.appendingPathComponent("one.html")
        XCTAssertEqual(try CLI.run(["audit", "Samples/broken/sipputheader-one-branch", "--report", single.path, "--quiet"]).status, 1)
        let shot = work.appendingPathComponent("canvas.png")
        let screenshot = try CLI.external(chromium, flags + ["--window-size=1280,1500", "--screenshot=\(shot.path)", single.absoluteString])
        XCTAssertEqual(screenshot.status, 0, screenshot.stdout)
        let png = try Data(contentsOf: shot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertGreaterThan(png.count, 40_000, "a rendered canvas, not a blank page")
    }
}
