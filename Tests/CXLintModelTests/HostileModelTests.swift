import CXLintModel
import CXLintSyntax
import Foundation
import XCTest
import ZIPFoundation

/// Hostile input at the model layer, finer than the CLI tests can look.
final class HostileModelTests: XCTestCase {
    /// A zip inside the assistant zip is never opened: a self-containing
    /// archive ("zip quine") would otherwise recurse without end.
    func testZipInsideZipIsNotOpened() throws {
        let inner = try zip([("action-skill.json", Array("{\"workspace\": {\"dialog_nodes\": []}}".utf8))])
        var outer = try zip([("nested.zip", inner)])
        for _ in 0..<3 { outer = try zip([("nested.zip", outer)]) }
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: "export.zip"), bytes: outer))
        XCTAssertTrue(documents.isEmpty, "\(documents.map(\.id))")
    }

    /// Secrets found by the scanner are sensitive even when the file does not parse.
    func testSecretsAreSensitiveInFilesThatDoNotParse() throws {
        let secret = "Qm7vT2xR9pLk4WcZ8nYb3HsJ6dFa1GeUq"
        let source = SourceFile(id: SourceID(path: "c.yaml"), text: "phone_integration:\n  contact_center:\n    access_key_secret: \(secret) ]\n")
        let document = try XCTUnwrap(DocumentLoader.load(source).first)
        XCTAssertFalse(document.diagnostics.isEmpty)
        XCTAssertTrue(document.sensitiveRanges.contains { source.text(of: $0).contains(secret) }, "\(document.sensitiveRanges)")
    }

    func testSpecialFilesAreRefused() {
        let fileSystem = FileSystem()
        for path in ["/dev/zero", "/proc/self/environ", "/dev/null"] {
            XCTAssertThrowsError(try fileSystem.read(path, maxSize: 1 << 20), path)
        }
    }

    func zip(_ members: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try XCTUnwrap(try Archive(data: Data(), accessMode: .create))
        for (name, bytes) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none) { position, size in
                Data(bytes[Int(position)..<(Int(position) + size)])
            }
        }
        return Array(try XCTUnwrap(archive.data))
    }
}
