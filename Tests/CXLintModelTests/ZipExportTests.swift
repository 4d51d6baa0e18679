import CXLintModel
import CXLintSyntax
import Foundation
import XCTest
import ZIPFoundation

final class ZipExportTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder(name: "cxlint-zip")
    }

    override func tearDown() {
        folder.remove()
    }

    /// Builds a zip in the temp folder from (member name, bytes) pairs.
    func makeZip(_ name: String, members: [(String, [UInt8])], compression: CompressionMethod = .deflate) throws -> String {
        let staging = "staging-\(UUID().uuidString)"
        for (member, bytes) in members { try folder.write("\(staging)/\(member)", bytes: bytes) }
        let zipPath = folder.subpath(name)
        try FileManager.default.createDirectory(
            atPath: (zipPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        for (member, _) in members {
            try archive.addEntry(with: member, relativeTo: URL(fileURLWithPath: folder.subpath(staging)), compressionMethod: compression)
        }
        try FileManager.default.removeItem(atPath: folder.subpath(staging))
        return zipPath
    }

    func sampleMembers() throws -> [(String, [UInt8])] {
        [
            ("action-skill.json", try Fixtures.bytes(Fixtures.path("Samples/good/exports/action-skill.json"))),
            ("dialog-skill.json", try Fixtures.bytes(Fixtures.path("Samples/good-web/exports/dialog-skill.json"))),
        ]
    }

    func testZipDownloadYieldsOneDocumentPerSkill() throws {
        let zipPath = try makeZip("x.zip", members: try sampleMembers() + [("README.txt", Array("Exported from watsonx Assistant\n".utf8))])
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: "x.zip"), bytes: try Fixtures.bytes(zipPath)))
        XCTAssertEqual(documents.map(\.id), ["action-skill.json", "dialog-skill.json"].map { SourceID(path: "x.zip", member: $0) }, "the README is not an input")
        XCTAssertEqual(documents.map { $0.assistant?.kind }, [.actionsSkill, .dialogSkill])
        XCTAssertTrue(documents.allSatisfy { $0.diagnostics.isEmpty })
        XCTAssertEqual(documents.map { $0.assistant?.file.shown(relativeTo: "/") }, ["x.zip!/action-skill.json", "x.zip!/dialog-skill.json"])

        // Positions inside a member are those of the member file itself.
        let direct = try Fixtures.document("Samples/good/exports/action-skill.json")
        let zipped = try XCTUnwrap(documents.first?.assistant)
        XCTAssertEqual(zipped.transfers.map(\.pointer), direct.assistant?.transfers.map(\.pointer))
        XCTAssertEqual(zipped.transfers.map(\.typeRange), direct.assistant?.transfers.map(\.typeRange))
        XCTAssertEqual(try XCTUnwrap(documents.last?.assistant).transfers.map(\.typeRange.startText), ["57:30", "89:30"])
        XCTAssertEqual(documents.first?.source.bytes, direct.source.bytes)
    }

    func testStoredMembersAndBrokenMembers() throws {
        let broken = try Fixtures.bytes(Fixtures.path("Samples/broken/syntax-errors/exports/action-skill.json"))
        let zipPath = try makeZip(
            "exports/stored.zip",
            members: [("action-skill.json", broken), ("package.json", Array(#"{"name": "x",, }"#.utf8))],
            compression: .none)
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: "stored.zip"), bytes: try Fixtures.bytes(zipPath)))
        XCTAssertEqual(documents.map(\.id), [SourceID(path: "stored.zip", member: "action-skill.json")], "an unrelated broken member is skipped")
        let document = try XCTUnwrap(documents.first)
        XCTAssertTrue(document.isRecognized)
        XCTAssertEqual(document.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])
        XCTAssertEqual(document.diagnostics.first?.file, SourceID(path: "stored.zip", member: "action-skill.json"))
        XCTAssertEqual(document.diagnostics.first?.range.startText, "9:3")
    }

    func testCorruptZipIsUnreadableNotACrash() throws {
        let corrupt: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("this is not really a zip archive".utf8)
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: "bad.zip"), bytes: corrupt))
        XCTAssertEqual(documents.count, 1)
        XCTAssertEqual(documents.first?.diagnostics.map(\.rule), [ModelRuleID.unreadableFile])
        XCTAssertEqual(documents.first?.diagnostics.first?.file, SourceID(path: "bad.zip"))
        XCTAssertEqual(documents.first?.diagnostics.first?.range, .fileStart)
        XCTAssertEqual(documents.first?.isRecognized, true, "a broken download is reported, not skipped")

        // A real archive cut short.
        let whole = try Fixtures.bytes(try makeZip("whole.zip", members: try sampleMembers()))
        let truncated = Array(whole.prefix(whole.count / 2))
        let cut = DocumentLoader.load(SourceFile(id: SourceID(path: "cut.zip"), bytes: truncated))
        XCTAssertFalse(cut.isEmpty)
        XCTAssertTrue(cut.allSatisfy { $0.diagnostics.map(\.rule) == [ModelRuleID.unreadableFile] })
    }

    func testOversizedMemberIsUnreadable() throws {
        let zipPath = try makeZip("big.zip", members: try sampleMembers())
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: "big.zip"), bytes: try Fixtures.bytes(zipPath)), maxFileSize: 10_000)
        // action-skill.json is larger than 10 000 bytes, dialog-skill.json is not.
        XCTAssertEqual(documents.count, 2)
        XCTAssertEqual(documents.first?.diagnostics.map(\.rule), [ModelRuleID.unreadableFile])
        XCTAssertTrue(documents.first?.diagnostics.first?.message.contains("action-skill.json") ?? false)
        XCTAssertEqual(documents.last?.id, SourceID(path: "big.zip", member: "dialog-skill.json"))
        XCTAssertNotNil(documents.last?.assistant)
    }

    func testZipFoundByDiscovery() throws {
        try folder.write("line/phone-integration.yaml", """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
            assistant: exports/download.zip
            scripts:
              - studio/WatsonPhone.xml
            """)
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/studio/WatsonPhone.xml")
        _ = try makeZip("line/exports/download.zip", members: try sampleMembers())
        let discovery = Discovery(workingDirectory: folder.path)
        let result = discovery.discover(["line"])
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertEqual(bundle.diagnostics, [])
        XCTAssertEqual(
            bundle.assistants.map { $0.id.shown(relativeTo: folder.path) },
            ["line/exports/download.zip!/action-skill.json", "line/exports/download.zip!/dialog-skill.json"])
        XCTAssertEqual(bundle.scripts.map { $0.id.shown(relativeTo: folder.path) }, ["line/studio/WatsonPhone.xml"])
    }

    /// Compressed members never show a config's root key in the archive's
    /// bytes: the cheap look before parsing must open the archive.
    func testConfigSnifferLooksInsideArchives() throws {
        let config = Array("phone_integration:\n  phone_number: \"+1 958 555 0123\"\n".utf8)
        let withConfig = try Fixtures.bytes(try makeZip("with-config.zip", members: try sampleMembers() + [("phone-integration.json", config)]))
        XCTAssertFalse(withConfig.withUnsafeBytes { ConfigSniffer.contains($0, ConfigSniffer.marker) }, "deflated: the key is not in the raw bytes")
        XCTAssertTrue(ConfigSniffer.mayHoldConfig(withConfig, maxFileSize: DocumentLoader.defaultMaxFileSize))
        let exportsOnly = try Fixtures.bytes(try makeZip("exports.zip", members: try sampleMembers()))
        XCTAssertFalse(ConfigSniffer.mayHoldConfig(exportsOnly, maxFileSize: DocumentLoader.defaultMaxFileSize))
    }
}
