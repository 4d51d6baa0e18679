import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

final class GlobTests: XCTestCase {
    func testPatterns() {
        XCTAssertTrue(Glob("exports/*.json").matches("exports/a.json"))
        XCTAssertFalse(Glob("exports/*.json").matches("exports/sub/a.json"))
        XCTAssertTrue(Glob("exports/**/*.json").matches("exports/sub/deep/a.json"))
        XCTAssertTrue(Glob("exports/**/*.json").matches("exports/a.json"))
        XCTAssertTrue(Glob("*.xml").matches("lines/a/studio/x.xml"), "no slash: any depth")
        XCTAssertTrue(Glob("legacy/").matches("legacy/a/b.yaml"))
        XCTAssertTrue(Glob("legacy").matches("legacy/a/b.yaml"), "a folder matches what is in it")
        XCTAssertFalse(Glob("/legacy").matches("x/legacy/a.yaml"), "a leading slash anchors")
        XCTAssertTrue(Glob("studio/Watson?hone.[xj][ms][lo]*").matches("studio/WatsonPhone.xml"))
        XCTAssertFalse(Glob("[!a]*.yaml").matches("a.yaml"))
    }
}

final class SuppressionDirectiveTests: XCTestCase {
    func directive(_ text: String) -> SuppressionDirective? {
        SuppressionDirective.parse(Comment(text: text, range: .fileStart))
    }

    func testParsing() throws {
        let next = try XCTUnwrap(directive(" cxlint-disable-next-line a-rule, b-rule -- because -- reasons"))
        XCTAssertEqual(next.kind, .nextLine)
        XCTAssertEqual(next.rules, ["a-rule", "b-rule"])
        XCTAssertEqual(next.reason, "because -- reasons")
        let xml = try XCTUnwrap(directive(" cxlint-disable a-rule: tracked in CX-1 "))
        XCTAssertEqual(xml.kind, .disable)
        XCTAssertEqual(xml.rules, ["a-rule"])
        XCTAssertEqual(xml.reason, "tracked in CX-1")
        XCTAssertEqual(directive("cxlint-disable-file x")?.kind, .file)
        XCTAssertEqual(directive("cxlint-enable x")?.kind, .enable)
        XCTAssertNil(directive("cxlint-disabled x"))
        XCTAssertNil(directive(" a normal comment"))
    }
}

final class SuppressionLayerTests: XCTestCase {
    /// The pure function the CLI and a language server share, on a JSON document and a config `suppress:` entry.
    func testPointerSuppressionCoversTheNodeAndBelow() throws {
        let json = """
            {"workspace": {"actions": [
              {"title": "a"},
              {"title": "b", "steps": [{"x": 1}]}
            ]}}
            """
        let source = SourceFile(id: SourceID(path: "/repo/exports/skill.json"), text: json)
        let parsed = JSONReader.parse(source)
        let document = try XCTUnwrap(DocumentLoader.load(source, maxFileSize: 1 << 20).first)
        let offset = try XCTUnwrap(Array(json.utf8).firstIndex(of: UInt8(ascii: "x")))
        let d = Diagnostic(rule: "custom-data-reserved-p1", severity: .error, message: "m", file: source.id,
                           range: .point(source.location(atOffset: offset)))
        XCTAssertEqual(JSONPointer.locate(offset: offset, in: try XCTUnwrap(parsed.root)).string, "/workspace/actions/1/steps/0/x")

        let (configuration, problems) = ConfigurationLoader.load(SourceFile(id: SourceID(path: ".cxlint.yml"), text: """
            suppress:
              - {file: "exports/*.json", pointer: /workspace/actions/1, rule: custom-data-reserved-p1, reason: reviewed}
              - {file: "exports/*.json", pointer: /workspace/actions/0, rule: custom-data-reserved-p1, reason: stale}
            """), directory: "/repo")
        XCTAssertEqual(problems.map(\.message), [])
        let rules: Set<RuleID> = ["custom-data-reserved-p1", "unused-suppression"]
        let result = Suppressions.apply([d], documents: [document], configuration: configuration, checkedRules: rules)
        XCTAssertTrue(result.kept.isEmpty)
        XCTAssertEqual(result.suppressed.first?.reason, "reviewed")
        XCTAssertEqual(result.suppressed.first?.kind, .external)
        XCTAssertEqual(result.usedConfigSuppressions, [0])
        let unused = Suppressions.unusedConfigSuppressions(configuration, used: result.usedConfigSuppressions, checkedRules: rules, checkedFiles: [source.id])
        XCTAssertEqual(unused.map { "\($0.file):\($0.range.start.line):\($0.range.start.column)" }, [".cxlint.yml:3:5"])
        XCTAssertTrue(Suppressions.unusedConfigSuppressions(configuration, used: [], checkedRules: rules, checkedFiles: [SourceID(path: "/repo/studio/a.xml")]).isEmpty,
                       "entries for files not checked in this run are not called unused")
    }
}
