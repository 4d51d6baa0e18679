import CXLintModel
import CXLintSyntax
import CXLintTestSupport
import Foundation
import XCTest

/// Paths and helpers shared by the model tests. Everything is read from the
/// package's own Samples/ and Schemas/ and the shared real exports.
enum Fixtures {
    /// The package root, found from this file's path (Tests/CXLintModelTests/TestSupport.swift).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .standardizedFileURL.path

    static let samples = packageRoot + "/Samples"
    /// The shared real exports' folder, or a skip saying how to get it.
    static func realExports() throws -> String { try SharedData.realExports.require().path }

    static func path(_ relative: String) -> String { packageRoot + "/" + relative }

    static func bytes(_ absolute: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: absolute)))
    }

    /// A source file read from the package, named by its package-relative path.
    static func source(_ relative: String) throws -> SourceFile {
        SourceFile(id: SourceID(path: relative), bytes: try bytes(path(relative)))
    }

    /// Loads a package file through `DocumentLoader` and expects exactly one document.
    static func document(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedDocument {
        let documents = DocumentLoader.load(try source(relative))
        XCTAssertEqual(documents.count, 1, "\(relative) should load as one document", file: file, line: line)
        return try XCTUnwrap(documents.first, file: file, line: line)
    }

    static func document(text: String, path: String = "test.yaml", file: StaticString = #filePath, line: UInt = #line) throws -> LoadedDocument {
        let documents = DocumentLoader.load(SourceFile(id: SourceID(path: path), text: text))
        XCTAssertEqual(documents.count, 1, file: file, line: line)
        return try XCTUnwrap(documents.first, file: file, line: line)
    }
}

/// A fresh folder under the system temp folder, removed by `tearDown`.
final class TemporaryFolder {
    let path: String

    init(name: String = "cxlint-modeltests") throws {
        let base = (NSTemporaryDirectory() as NSString).standardizingPath
        path = (base as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file (creating its folders) and returns its absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let target = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Copies a package file into the folder.
    @discardableResult
    func copy(_ packageRelative: String, to relative: String) throws -> String {
        try write(relative, bytes: try Fixtures.bytes(Fixtures.path(packageRelative)))
    }

    func subpath(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension SourceRange {
    /// `line:column` of the start, for compact assertions.
    var startText: String { "\(start.line):\(start.column)" }
}

extension Array where Element == Diagnostic {
    func withRule(_ rule: RuleID) -> [Diagnostic] { filter { $0.rule == rule } }
}

/// Asserts a located value's text and start position.
func assertLocated<V: Sendable & Hashable>(
    _ located: Located<V>?, _ value: V, at position: String, in source: SourceFile? = nil, text: String? = nil,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let located else {
        XCTFail("missing value \(value)", file: file, line: line)
        return
    }
    XCTAssertEqual(located.value, value, file: file, line: line)
    XCTAssertEqual(located.range.startText, position, "position of \(value)", file: file, line: line)
    if let source, let text {
        XCTAssertEqual(source.text(of: located.range), text, file: file, line: line)
    }
}
