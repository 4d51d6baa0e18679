@testable import CXLintDriver
import Foundation
import XCTest

final class AtomicFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cxlint-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func fileType(_ path: String) throws -> FileAttributeType? {
        try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
    }

    func testReplacesTheWholeFileAndKeepsItsMode() throws {
        let path = folder + "/report.json"
        try AtomicFile.write("old", to: path)
        try AtomicFile.write(Array("new".utf8), to: path, mode: 0o600)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["report.json"], "no temporary file left")
    }

    /// `--output /dev/null` once renamed a regular file over the device, breaking every later `> /dev/null` on the machine.
    func testADeviceIsWrittenInPlaceNotReplaced() throws {
        XCTAssertEqual(AtomicFile.target("/dev/null"), .special)
        try AtomicFile.write("a report nobody keeps", to: "/dev/null")
        XCTAssertEqual(try fileType("/dev/null"), .typeCharacterSpecial)
    }

    func testASymbolicLinkKeepsPointingAtTheReplacedFile() throws {
        let real = folder + "/real.sarif"
        let link = folder + "/latest.sarif"
        try AtomicFile.write("old", to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try AtomicFile.write("new", to: link)
        XCTAssertEqual(try fileType(link), .typeSymbolicLink)
        XCTAssertEqual(try String(contentsOfFile: real, encoding: .utf8), "new")
    }

    func testAFolderIsAFailureThatNamesIt() throws {
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder)) { error in
            XCTAssertEqual("\(error)", "\(folder!): cannot write: it is a folder")
        }
    }
}
