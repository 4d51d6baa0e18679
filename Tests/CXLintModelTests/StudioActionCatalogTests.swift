import CXLintSyntax
import Foundation
import XCTest

@testable import CXLintModel

final class StudioActionCatalogTests: XCTestCase {
    /// The embedded copy must be Schemas/studio-actions.json verbatim (a multi-line
    /// string literal drops the file's final newline). Run scripts/embed-catalog.sh when this fails.
    func testEmbeddedCatalogEqualsSchemaFile() throws {
        let schema = String(decoding: try Fixtures.bytes(Fixtures.path("Schemas/studio-actions.json")), as: UTF8.self)
        var expected = schema
        if expected.hasSuffix("\n") { expected.removeLast() }
        var embedded = StudioActionCatalogData.json
        if embedded.hasSuffix("\n") { embedded.removeLast() }
        XCTAssertEqual(embedded, expected, "StudioActionCatalogData.swift is stale: run scripts/embed-catalog.sh")
    }

    func testEmbedScriptOutputMatchesCheckedInFile() throws {
        // The generated Swift file is exactly what scripts/embed-catalog.sh writes.
        let schema = String(decoding: try Fixtures.bytes(Fixtures.path("Schemas/studio-actions.json")), as: UTF8.self)
        let generated = """
            // Generated from Schemas/studio-actions.json by scripts/embed-catalog.sh; do not edit.
            // StudioActionCatalogTests fails when the two differ.
            enum StudioActionCatalogData {
                static let json = #\"\"\"
            \(schema)\"\"\"#
            }

            """
        let checkedIn = String(decoding: try Fixtures.bytes(Fixtures.path("Sources/CXLintModel/StudioActionCatalogData.swift")), as: UTF8.self)
        XCTAssertEqual(checkedIn, generated)
    }

    func testStandardCatalogProperties() {
        let catalog = StudioActionCatalog.standard
        XCTAssertEqual(catalog.entries["PLACECALL"]?.properties, ["PhoneNumber", "CallerID", "Timeout", "DetectionType"])
        XCTAssertEqual(catalog.entries["SIPPUTHEADER"]?.properties, ["HeaderName", "HeaderValue"])
        XCTAssertEqual(catalog.entries["ONSIGNAL"]?.properties, ["SrcContactIDVar", "Parameters"])
        XCTAssertEqual(catalog.entries["SIGNAL"]?.properties, ["ContactID"] + (1...9).map { "P\($0)" })
        XCTAssertEqual(catalog.entries["ONANSWER"]?.properties, [])
        XCTAssertEqual(catalog.propertyName(action: "PLACECALL", index: 0), "PhoneNumber")
        XCTAssertEqual(catalog.propertyName(action: "PLACECALL", index: 3), "DetectionType")
        XCTAssertNil(catalog.propertyName(action: "PLACECALL", index: 4))
        XCTAssertNil(catalog.propertyName(action: "NOSUCHACTION", index: 0))
        XCTAssertEqual(
            Set(catalog.entries.keys),
            ["BEGIN", "SIPPUTHEADER", "PLACECALL", "ONSIGNAL", "SNIPPET", "ASSIGN", "IF", "CASE", "REQAGENT", "POPURL",
             "SIGNAL", "ONANSWER", "ONRELEASE", "ONHOLD", "ONABANDON", "ONDATA", "HANGUP", "END", "WAIT", "PLAY", "MENU", "RECORD",
             "RUNSUB", "RUNSCRIPT", "SPAWN", "RETURN"])
        for call in ["RUNSUB", "RUNSCRIPT", "SPAWN"] {
            XCTAssertEqual(catalog.propertyName(action: call, index: 0), "ScriptName", "CXone help: the Script Name property")
        }
    }

    func testEventsEntriesAndTerminals() {
        let catalog = StudioActionCatalog.standard
        let events = catalog.entries.filter(\.value.isEvent).map(\.key).sorted()
        XCTAssertEqual(events, ["ONABANDON", "ONANSWER", "ONDATA", "ONHOLD", "ONRELEASE", "ONSIGNAL"])
        let entries = catalog.entries.filter(\.value.isEntry).map(\.key).sorted()
        XCTAssertEqual(entries, ["BEGIN"])
        let terminals = catalog.entries.filter(\.value.isTerminal).map(\.key).sorted()
        XCTAssertEqual(terminals, ["END", "HANGUP", "RETURN"])
        for type in ["BEGIN", "ONSIGNAL", "ONANSWER", "ONRELEASE", "ONHOLD"] {
            XCTAssertTrue(catalog.isEntryPoint(type), type)
        }
        XCTAssertEqual(catalog.entries.filter(\.value.isTransfer).map(\.key).sorted(), ["REQAGENT", "SIGNAL"])
        XCTAssertEqual(catalog.entries.filter(\.value.isMedia).map(\.key).sorted(), ["MENU", "PLAY", "RECORD"])
        for type in ["PLACECALL", "SIPPUTHEADER", "HANGUP", "UNKNOWN"] {
            XCTAssertFalse(catalog.isEntryPoint(type), type)
        }
        XCTAssertTrue(catalog.isEvent("ONSIGNAL"))
        XCTAssertFalse(catalog.isEvent("BEGIN"))
    }

    func testCatalogFromOtherText() {
        let file = SourceFile(id: SourceID(path: "c.json"), text: #"{"actions": {"X": {"properties": ["A", "B"], "event": true}}}"#)
        let catalog = StudioActionCatalog(parsing: file)
        XCTAssertEqual(catalog?.propertyName(action: "X", index: 1), "B")
        XCTAssertEqual(catalog?.isEvent("X"), true)
        XCTAssertNil(StudioActionCatalog(parsing: SourceFile(id: SourceID(path: "c.json"), text: "{not json")))
        XCTAssertNil(StudioActionCatalog(parsing: SourceFile(id: SourceID(path: "c.json"), text: #"{"version": 1}"#)))
    }
}
