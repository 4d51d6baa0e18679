@testable import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

/// Which discovered scripts belong to a phone line (`IntegrationMembership`), as discovery applies it.
final class MembershipTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder(name: "cxlint-membership")
    }

    override func tearDown() {
        folder.remove()
    }

    func script(_ name: String, media: String = "Phone", _ actions: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <ScriptContainer>
          <Actions>\(actions)</Actions>
          <LibraryItem Name="\(name)" Path="\\Watson\\\(name)" MediaType="\(media)" />
        </ScriptContainer>
        """
    }

    func action(_ id: Int, _ type: String, _ parameters: [String] = [], next: Int? = nil) -> String {
        let params = parameters.map { "<string>\($0)</string>" }.joined()
        let nextXML = next.map { "<DefaultNextAction><ActionID>\($0)</ActionID></DefaultNextAction>" } ?? ""
        return "<ActionStruct><ActionID>\(id)</ActionID><Action>\(type)</Action><Parameters>\(params)</Parameters>\(nextXML)</ActionStruct>"
    }

    /// A file as `check` run in the test's folder shows it.
    func shown(_ file: SourceID) -> String {
        file.shown(relativeTo: folder.path)
    }

    /// A folder bundle (the config names no parts) in a tenant's backup.
    func makeFolderBundle() throws {
        try folder.write("line/phone-integration.yaml", DiscoveryTests.configNamingNone)
        try folder.copy("Samples/good/exports/action-skill.json", to: "line/exports/action-skill.json")
        try folder.write("line/Main.xml", script("Main", action(1, "BEGIN", next: 2) + action(2, "RUNSUB", ["Watson\\Call"], next: 3) + action(3, "WAIT")
            + action(10, "ONSIGNAL", next: 11) + action(11, "RUNSUB", ["Routing"])))
        try folder.write("line/Call.xml", script("Call", action(1, "BEGIN", next: 2) + action(2, "PLACECALL", ["+19585550123"])))
        try folder.write("line/Routing.xml", script("Routing", action(1, "BEGIN", next: 2) + action(2, "REQAGENT", ["Support"])))
        try folder.write("line/Menu.xml", script("Menu", action(1, "BEGIN", next: 2) + action(2, "REQAGENT", ["Sales"])))
        try folder.write("line/ChatBot.xml", script("ChatBot", media: "Chat", action(10, "ONSIGNAL", next: 11) + action(11, "IF", ["p1 = \"done\""])))
    }

    func testFolderBundleKeepsTheLineAndItsSubscriptsAndListsTheRest() throws {
        try makeFolderBundle()
        let found = try XCTUnwrap(Discovery(workingDirectory: folder.path).discover(["line"]).bundles.first)
        XCTAssertEqual(found.bundle.scripts.map { self.shown($0.id) }.sorted(), ["line/Call.xml", "line/Main.xml", "line/Routing.xml"])
        XCTAssertEqual(found.skipped.map { self.shown($0.file) }.sorted(), ["line/ChatBot.xml", "line/Menu.xml"])
        XCTAssertTrue(try XCTUnwrap(found.skipped.first { self.shown($0.file) == "line/ChatBot.xml" }).reason.contains("not a phone script"))
        XCTAssertTrue(try XCTUnwrap(found.skipped.first { self.shown($0.file) == "line/Menu.xml" }).reason.contains("no Placecall"))
    }

    func testAFileNamedOnTheCommandLineIsAlwaysLinted() throws {
        try makeFolderBundle()
        let result = Discovery(workingDirectory: folder.path).discover(["line", "line/Menu.xml"])
        let scripts = result.bundles.flatMap { $0.bundle.scripts.map { self.shown($0.id) } }
        XCTAssertTrue(scripts.contains("line/Menu.xml"))
        XCTAssertEqual(result.bundles.flatMap(\.skipped).map { self.shown($0.file) }, ["line/ChatBot.xml"])
    }

    func testAConfigNamingItsScriptsNeverPullsInOthersAndTheirLoneRunSkipsThem() throws {
        try folder.write("line/phone-integration.yaml", DiscoveryTests.configNamingNone + "\nscripts:\n  - Main.xml\n")
        try folder.write("line/Main.xml", script("Main", action(1, "BEGIN", next: 2) + action(2, "PLACECALL", ["+19585550123"])))
        try folder.write("line/Menu.xml", script("Menu", action(1, "BEGIN", next: 2) + action(2, "REQAGENT", ["Sales"])))
        let result = Discovery(workingDirectory: folder.path).discover(["line"])
        XCTAssertEqual(result.bundles.flatMap { $0.bundle.scripts.map { self.shown($0.id) } }, ["line/Main.xml"])
        XCTAssertEqual(result.bundles.flatMap(\.skipped).map { self.shown($0.file) }, ["line/Menu.xml"])
    }

    func testMediaTypesAndAssistantRoles() throws {
        let web = try Fixtures.document(text: """
            {"header": {"scriptName": "Chat", "scriptPath": "Chat/Chat", "mediaType": 3},
             "actions": {"1": {"actionId": 1, "name": "ONSIGNAL"}, "2": {"actionId": 2, "name": "ASSIGN"}},
             "properties": {"2": {"0": {"value": "topic"}, "1": {"value": "{P1}"}}},
             "branches": {"1": [{"to": 2, "type": "default", "index": 0}]}}
            """, path: "Chat.json").script
        XCTAssertEqual(web?.isPhone, false)
        XCTAssertEqual(web?.assistantRole, "reads p1 in its Onsignal chain")
        XCTAssertEqual(web.map { IntegrationMembership.skipped([$0], kept: []).count }, 1, "a chat script never belongs, whatever it reads")
        XCTAssertTrue(StudioScript.readsP1("p1 = \"hangup\""))
        XCTAssertFalse(StudioScript.readsP1("{p10}"))
        XCTAssertFalse(StudioScript.readsP1("sp1"))
        let phone = try Fixtures.document("Samples/good/studio/WatsonPhone.xml").script
        XCTAssertEqual(phone?.isPhone, true)
        XCTAssertEqual(phone?.isNamed(by: "\\Watson\\WatsonPhone"), true)
        XCTAssertEqual(phone?.isNamed(by: "watsonphone"), true)
        XCTAssertEqual(phone?.isNamed(by: "Other\\WatsonPhone"), false)
    }
}
