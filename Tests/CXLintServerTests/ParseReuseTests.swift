import CXLintRules
import CXLintServer
import CXLintSyntax
import Foundation
import XCTest

/// A lint round hands its parsed documents to the next: a file whose bytes did
/// not change is not parsed again, one that changed is, and the findings are
/// those of a fresh round either way.
final class ParseReuseTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "cxlint-parse-reuse-\(UUID().uuidString)/line"
        try FileManager.default.createDirectory(atPath: folder + "/studio", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        try write("phone-integration.yaml", ExampleFixtures.config())
        try write("exports/action-skill.json", ExampleFixtures.actionsSkill())
        try write("studio/WatsonPhone.xml", script(header: "X-Contact-ID"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
    }

    func script(header: String) -> String {
        ExampleFixtures.script(replacing: [
            2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: [header, "{ContactId}"], next: 3),
        ])
    }

    var scriptPath: String { "\(folder)/studio/WatsonPhone.xml" }
    var exportPath: String { "\(folder)/exports/action-skill.json" }

    /// Where a round's copy of a file's bytes lives: equal only when the round reused the earlier parse.
    func storage(_ round: LintRound, _ path: String) -> UnsafeRawPointer? {
        round.sources[path]?.bytes.withUnsafeBytes { $0.baseAddress }
    }

    func testUnchangedFilesAreTakenFromTheLastRoundAndChangedOnesParsedAgain() throws {
        let linter = BundleLinter()
        let first = linter.lint([scriptPath], overlay: [:])
        XCTAssertTrue(first.diagnostics[scriptPath, default: []].contains { $0.rule == "contact-id-header-mismatch" })
        XCTAssertEqual(first.parsed.files, Set([scriptPath, exportPath, "\(folder)/phone-integration.yaml"].map { SourceID(path: $0) }))

        try write("studio/WatsonPhone.xml", script(header: "X-ContactID"))
        let second = linter.lint([scriptPath], overlay: [:], parsedBefore: first.parsed)
        let fresh = linter.lint([scriptPath], overlay: [:])

        XCTAssertEqual(storage(second, exportPath), storage(first, exportPath), "the unchanged export was parsed again")
        XCTAssertNotEqual(storage(fresh, exportPath), storage(first, exportPath))
        XCTAssertNotEqual(storage(second, scriptPath), storage(first, scriptPath), "the edited script kept its old parse")
        XCTAssertFalse(second.diagnostics[scriptPath, default: []].contains { $0.rule == "contact-id-header-mismatch" })
        XCTAssertEqual(second.diagnostics, fresh.diagnostics)
    }
}
