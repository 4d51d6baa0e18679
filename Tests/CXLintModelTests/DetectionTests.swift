import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

/// What a file is comes from its content, never from its name.
final class DetectionTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder(name: "cxlint-detection")
    }

    override func tearDown() {
        folder.remove()
    }

    func load(_ packageRelative: String, as name: String) throws -> LoadedDocument {
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: name), bytes: try Fixtures.bytes(Fixtures.path(packageRelative))))
        XCTAssertEqual(documents.count, 1)
        return try XCTUnwrap(documents.first)
    }

    func testMisnamedFilesAreDetectedByContent() throws {
        let config = try load("Samples/good/phone-integration.yaml", as: "notes.txt")
        XCTAssertEqual(config.config?.phoneNumbers.map(\.value), ["+1 958 555 0123"])
        XCTAssertEqual(config.kindDescription, "a phone integration config")

        let jsonConfig = try load("Samples/good-web/phone-integration.json", as: "settings.yaml")
        XCTAssertNotNil(jsonConfig.config)

        let xmlScript = try load("Samples/good/studio/WatsonPhone.xml", as: "WatsonPhone.json")
        XCTAssertEqual(xmlScript.script?.format, .desktopXML)
        XCTAssertEqual(xmlScript.kindDescription, "a desktop Studio XML script")

        let webScript = try load("Samples/good-web/studio/WatsonPhone.json", as: "WatsonPhone.xml")
        XCTAssertEqual(webScript.script?.format, .webJSON)

        let export = try load("Samples/good/exports/action-skill.json", as: "phone-integration.yaml")
        XCTAssertEqual(export.assistant?.kind, .actionsSkill)
        XCTAssertEqual(export.kindDescription, "an actions skill")

        let dialog = try load("Samples/good-web/exports/dialog-skill.json", as: "README")
        XCTAssertEqual(dialog.assistant?.kind, .dialogSkill)
    }

    func testSyntaxIsChosenByTheFirstSignificantByte() {
        XCTAssertEqual(DocumentLoader.syntax(of: Array("  \n{\"a\": 1}".utf8)), .json)
        XCTAssertEqual(DocumentLoader.syntax(of: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)), .json)
        XCTAssertEqual(DocumentLoader.syntax(of: Array("\r\n<?xml version=\"1.0\"?><a/>".utf8)), .xml)
        XCTAssertEqual(DocumentLoader.syntax(of: Array("phone_integration:\n".utf8)), .yaml)
        XCTAssertEqual(DocumentLoader.syntax(of: Array("# comment\n{}".utf8)), .yaml)
        XCTAssertEqual(DocumentLoader.syntax(of: Array("// comment\n{}".utf8)), .json)
        XCTAssertEqual(DocumentLoader.syntax(of: []), .yaml)
        XCTAssertEqual(DocumentLoader.syntax(of: [0x50, 0x4B, 0x03, 0x04, 0x00]), .zip)
    }

    func testBrokenFilesThatLookLikeInputs() throws {
        let brokenExport = try Fixtures.document(text: #"{"workspace": {"actions": [ , ]}}"#, path: "skill.json")
        XCTAssertTrue(brokenExport.isRecognized)
        XCTAssertEqual(brokenExport.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])

        let brokenPackage = try Fixtures.document(text: #"{"name": "tool", "version": "1.0.0",, }"#, path: "package.json")
        XCTAssertFalse(brokenPackage.isRecognized)

        let brokenConfig = try Fixtures.document(text: "# settings\nphone_integration:\n  phone_number: [\n", path: "x.yaml")
        XCTAssertTrue(brokenConfig.isRecognized)
        XCTAssertEqual(brokenConfig.diagnostics.first?.rule, SyntaxRuleID.syntaxError)

        let brokenXML = try Fixtures.document(text: "<ScriptContainer><Actions></ScriptContainer>", path: "s.xml")
        XCTAssertTrue(brokenXML.isRecognized)

        let brokenOtherXML = try Fixtures.document(text: "<project><build></project>", path: "pom.xml")
        XCTAssertFalse(brokenOtherXML.isRecognized)
    }

    func testWalkingReportsInputsAndSkipsTheRest() throws {
        try folder.write("docs/SETUP.md", """
            # Setting up the phone line

            Write the settings like this:

            ```yaml
            phone_integration:
              phone_number: "+1 958 555 0123"
            ```

            Then run `cxlint .` in the folder: it reads every file.
            """)
        try folder.write("web/package.json", #"{"name": "tool", "version": "1.0.0",, }"#)
        try folder.write("web/data.json", #"{"name": "tool"}"#)
        try folder.write("web/notes.txt", "just some notes: nothing to see\n")
        try folder.write("exports/broken-skill.json", "{\"workspace\": {\"actions\": [\n  {\"title\": \"A\" \"steps\": []}\n]}}\n")
        let discovery = Discovery(workingDirectory: folder.path)
        let result = discovery.discover(["."])
        XCTAssertEqual(result.inputErrors, [])
        let paths = result.bundles.flatMap { $0.bundle.documents.map { $0.id.shown(relativeTo: folder.path) } }
        XCTAssertEqual(paths, ["exports/broken-skill.json"], "only the broken export is reported")
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertNil(bundle.config)
        XCTAssertEqual(bundle.root, folder.subpath("exports"))
        XCTAssertEqual(bundle.others.first?.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])
        XCTAssertEqual(bundle.others.first?.diagnostics.first?.range.startText, "2:17")
        XCTAssertEqual(bundle.others.first?.diagnostics.first?.file, SourceID(path: folder.subpath("exports/broken-skill.json")))
    }

    func testMarkdownQuotingAConfigIsNotAConfig() throws {
        let markdown = "Notes on the line\n\nphone_integration:\n  phone_number: \"+1 958 555 0123\"\n"
        try folder.write("README.md", markdown)
        let result = Discovery(workingDirectory: folder.path).discover([folder.path])
        XCTAssertEqual(result.bundles.count, 0)
    }

    func testUnknownFileNamedExplicitly() throws {
        let data = try folder.write("data.json", "{\n  \"name\": \"tool\"\n}\n")
        let result = Discovery(workingDirectory: folder.path).discover([data])
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertEqual(bundle.others.map(\.id), [SourceID(path: data)])
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [ModelRuleID.unknownDocument])
        XCTAssertEqual(bundle.diagnostics.first?.file, SourceID(path: data))
        XCTAssertEqual(bundle.diagnostics.first?.range.startText, "1:1")
        XCTAssertEqual(bundle.diagnostics.first?.severity, .error)

        // The same file found by walking is skipped.
        XCTAssertEqual(Discovery(workingDirectory: folder.path).discover(["."]).bundles.count, 0)

        // A broken unrelated file named explicitly keeps its syntax error, without unknown-document.
        let broken = try folder.write("package.json", #"{"name": "tool",, }"#)
        let named = Discovery(workingDirectory: folder.path).discover([broken])
        XCTAssertEqual(named.bundles.count, 1)
        XCTAssertEqual(named.bundles.first?.bundle.others.first?.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])
        XCTAssertEqual(named.bundles.first?.bundle.diagnostics, [])
    }

    func testCommentedRealExportIsASyntaxError() throws {
        let name = "webchat__contributing__template__actions.json"
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: name), bytes: try Fixtures.bytes(Fixtures.realExports() + "/\(name)")))
        XCTAssertEqual(documents.count, 1)
        XCTAssertEqual(documents.first?.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])
        XCTAssertNil(documents.first?.assistant)
        if case .unparsed = documents.first?.model {} else { XCTFail("expected an unparsed document") }
    }
}
