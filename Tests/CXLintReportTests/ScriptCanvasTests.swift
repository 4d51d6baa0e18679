@testable import CXLintDriver
@testable import CXLintReport
import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

/// The Studio canvas (`cxlint graph`, the audit's pictures) and how every
/// output format carries a path finding's steps.
final class ScriptCanvasTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path

    func drawing(_ sample: String, rule: String? = nil) throws -> ScriptDrawing {
        let session = LintSession(discovery: Discovery(workingDirectory: Self.packageRoot))
        return try ScriptDrawing(script: "Samples/broken/\(sample)", rule: rule, session: session)
    }

    /// `<g class="box …" data-action-id="N" data-step="K">`: (ID, steps) per box, in drawing order.
    static func boxes(_ svg: String) -> [(id: Int, steps: [Int])] {
        svg.matches(of: /<g class="box( on-path)?" data-action-id="(-?\d+)"(?: data-step="([\d ]+)")?>/).map { match in
            (Int(match.2)!, match.3.map { $0.split(separator: " ").map { Int($0)! } } ?? [])
        }
    }

    /// Action IDs of the highlighted boxes, ordered by their step numbers.
    static func highlightedOrder(_ svg: String) -> [Int] {
        boxes(svg).flatMap { box in box.steps.map { ($0, box.id) } }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    func testDesktopSampleDrawsEveryActionAtItsExportedPositionAndThePathInOrder() throws {
        let drawing = try drawing("sipputheader-one-branch/studio/WatsonPhone.xml")
        let finding = try XCTUnwrap(drawing.finding)
        XCTAssertEqual(finding.rule, "sipputheader-before-placecall")
        XCTAssertEqual(drawing.canvas.layout, .exported)
        XCTAssertEqual(finding.path.map(\.actionID), [1, 2, 19, 4])
        let svg = drawing.svg()
        let boxes = Self.boxes(svg)
        XCTAssertEqual(boxes.map(\.id), drawing.canvas.boxes.map(\.actionId), "one box per action")
        XCTAssertEqual(boxes.count, 19)
        XCTAssertEqual(Self.highlightedOrder(svg), [1, 2, 19, 4])
        XCTAssertEqual(svg.matches(of: /class="arrow on-path" data-from="(\d+)" data-to="(\d+)"/).map { "\($0.1)>\($0.2)" }.sorted(), ["19>4", "1>2", "2>19"])
        // Studio's spacing is kept in proportion: BEGIN above ASSIGN, both in one column.
        let begin = try XCTUnwrap(drawing.canvas.boxes.first { $0.actionId == 1 }), assign = try XCTUnwrap(drawing.canvas.boxes.first { $0.actionId == 2 })
        XCTAssertEqual(begin.x, assign.x)
        XCTAssertLessThan(begin.y, assign.y)
        XCTAssertEqual(svg.matches(of: /https?:/).count, 1, "no URL but the SVG namespace: nothing loaded from the network")
    }

    func testWebScriptWithoutPositionsGetsALayeredLayout() throws {
        let drawing = try drawing("signal-hangup-unhandled/studio/WatsonPhone.json")
        XCTAssertEqual(drawing.canvas.layout, .layered)
        XCTAssertEqual(drawing.finding?.rule, "signal-hangup-unhandled")
        XCTAssertEqual(Self.highlightedOrder(drawing.svg()), drawing.finding?.path.map(\.actionID))
        assertNoOverlap(drawing.canvas)
    }

    /// 200 actions stay readable: drawn at natural size (the viewBox is the
    /// size in pixels, so a page scrolls rather than shrinking the text), and
    /// no box covers another.
    func testTwoHundredActionsStayReadable() throws {
        var actions: [String] = [], branches: [String] = []
        for id in 1...200 {
            let type = id == 1 ? "BEGIN" : id % 7 == 0 ? "IF" : "ASSIGN"
            actions.append(#""\#(id)": {"actionId": \#(id), "name": "\#(type)", "label": "Step \#(id)"}"#)
            if type == "IF", id + 2 <= 200 {
                branches.append(#""\#(id)": [{"to": \#(id + 1), "type": "branch", "label": "True"}, {"to": \#(id + 2), "type": "branch", "label": "False"}]"#)
            } else if id < 200 {
                branches.append(#""\#(id)": [{"to": \#(id + 1), "type": "default"}]"#)
            }
        }
        let json = "{\"actions\": {\(actions.joined(separator: ","))}, \"branches\": {\(branches.joined(separator: ","))}}"
        let canvas = try XCTUnwrap(ScriptCanvas.load(SourceFile(id: SourceID(path: "big.json"), bytes: Array(json.utf8)), file: "big.json"))
        XCTAssertEqual(canvas.boxes.count, 200)
        assertNoOverlap(canvas)
        let svg = ScriptCanvasSVG.render(canvas)
        let size = try XCTUnwrap(svg.firstMatch(of: /viewBox="(-?[\d.]+) (-?[\d.]+) (\d+) (\d+)" width="(\d+)" height="(\d+)"/))
        XCTAssertEqual(size.3, size.5, "width in pixels equals the viewBox width")
        XCTAssertEqual(size.4, size.6)
        XCTAssertEqual(Self.boxes(svg).count, 200)
        let left = Double(size.1)!, top = Double(size.2)!, width = Double(size.3)!, height = Double(size.4)!
        for box in canvas.boxes {
            XCTAssertTrue(box.x >= left && box.x + ScriptCanvas.boxWidth <= left + width && box.y >= top && box.y + ScriptCanvas.boxHeight <= top + height, "box \(box.actionId) inside the viewBox")
        }
    }

    /// Studio's icons are smaller than the labelled boxes: exported positions
    /// closer than a box are spread by one scale, keeping the picture's shape.
    func testCloseExportedPositionsAreSpreadEvenly() {
        let spread = ScriptCanvas.spread([CanvasPosition(x: 0, y: 0), CanvasPosition(x: 0, y: 35), CanvasPosition(x: 400, y: 0)])
        XCTAssertEqual(spread[1].y / 35, spread[2].x / 400, accuracy: 1e-9, "one scale for the whole canvas")
        XCTAssertGreaterThanOrEqual(spread[1].y, ScriptCanvas.boxHeight + 24)
        XCTAssertEqual(ScriptCanvas.spread([CanvasPosition(x: 0, y: 0), CanvasPosition(x: 0, y: 200)])[1].y, 200, "far enough apart: unchanged")
    }

    func testDOTNamesEveryActionEscapesTextAndMarksThePath() throws {
        let drawing = try drawing("sipputheader-one-branch/studio/WatsonPhone.xml")
        let dot = drawing.dot()
        XCTAssertEqual(dot.matches(of: /^  a\d+ \[label=/.anchorsMatchLineEndings()).count, 19)
        XCTAssertTrue(dot.contains(##"a19 -> a4 [label="False", color="#c62828""##), dot)
        XCTAssertTrue(dot.contains(#"xlabel="3""#))
        XCTAssertEqual(ScriptCanvasDOT.quoted("say \"hi\"\\\nnext\u{7}"), #""say \"hi\"\\\nnext""#)
    }

    func assertNoOverlap(_ canvas: ScriptCanvas, file: StaticString = #filePath, line: UInt = #line) {
        let boxes = canvas.boxes
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let apart = abs(boxes[i].x - boxes[j].x) >= ScriptCanvas.boxWidth || abs(boxes[i].y - boxes[j].y) >= ScriptCanvas.boxHeight
                XCTAssertTrue(apart, "actions \(boxes[i].actionId) and \(boxes[j].actionId) overlap", file: file, line: line)
            }
        }
    }

    // MARK: The path in each format

    func pathReport() -> LintReport {
        let source = SourceFile(id: SourceID(path: "studio/s.xml"), text: "<a/>\n<b/>\n")
        func range(_ line: Int) -> SourceRange { SourceRange(start: source.location(line: line, column: 2), end: source.location(line: line, column: 3)) }
        let path = [
            PathStep(file: source.id, range: range(1), actionID: 1, actionType: "BEGIN", caption: nil, branch: "", message: "BEGIN"),
            PathStep(file: source.id, range: range(2), actionID: 7, actionType: "IF", caption: "Support line?", branch: "False", message: #"IF "Support line?" takes False"#),
        ]
        let finding = Diagnostic(rule: "sipputheader-before-placecall", severity: .error, message: "m", file: source.id, range: range(2), path: path)
        return LintReport(diagnostics: [finding], sources: [source.id: source], filesChecked: 1, bundlesChecked: 1)
    }

    /// A caption quoting a credential is masked in the steps' output as in the message: SARIF goes through the redactor.
    func testRedactionMasksStepTexts() {
        var report = pathReport()
        report.diagnostics[0].path[1].caption = "key Zx9qSECRETvalue"
        report.diagnostics[0].path[1].message = #"IF "key Zx9qSECRETvalue" takes False"#
        report.secrets = ["Zx9qSECRETvalue"]
        let sarif = report.redactor.mask(SARIFReporter().render(report))
        XCTAssertTrue(sarif.contains(#"IF \"key *************** takes False"#) || sarif.contains("key ***************"), sarif)
        XCTAssertFalse(sarif.contains("Zx9qSECRETvalue"))
        XCTAssertEqual(report.diagnostics[0].path[1].caption, "key Zx9qSECRETvalue", "findings stay exact inside")
    }

    func testSARIFHasOneThreadFlowLocationPerStep() throws {
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(SARIFReporter().render(pathReport()).utf8)) as? [String: Any])
        let result = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let flows = try XCTUnwrap(result["codeFlows"] as? [[String: Any]])
        let locations = try XCTUnwrap((flows.first?["threadFlows"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])
        XCTAssertEqual(locations.compactMap { ($0["location"] as? [String: Any])?["message"] as? [String: String] }.map { $0["text"] }, ["BEGIN", #"IF "Support line?" takes False"#])
        XCTAssertEqual(locations.compactMap { $0["executionOrder"] as? Int }, [1, 2])
        let region = try XCTUnwrap((((locations[1]["location"] as? [String: Any])?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Int])
        XCTAssertEqual(region["startLine"], 2)
        XCTAssertEqual(region["startColumn"], 2)
    }

    func testJSONReportHasAPathArrayOnlyOnPathFindings() throws {
        var report = pathReport()
        report.diagnostics.append(Diagnostic(rule: "api-url", severity: .error, message: "n", file: SourceID(path: "c.yaml"), range: .fileStart))
        let document = try JSONDecoder().decode(JSONReporter.Document.self, from: Data(JSONReporter().render(report).utf8))
        let steps = try XCTUnwrap(document.findings.first { $0.rule == "sipputheader-before-placecall" }?.path)
        XCTAssertEqual(steps.map(\.actionId), [1, 7])
        XCTAssertEqual(steps.map(\.branch), ["", "False"])
        XCTAssertEqual(steps[1].caption, "Support line?")
        XCTAssertEqual(steps[1].line, 2)
        XCTAssertNil(document.findings.first { $0.rule == "api-url" }?.path)
        XCTAssertFalse(JSONReporter().render(LintReport(diagnostics: [report.diagnostics[1]])).contains("\"path\""))
    }
}
