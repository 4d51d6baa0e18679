import CXLintModel
import CXLintRules
import Foundation
import XCTest

/// The nearest `.cxlint.yml`, found with a memory of the folders already walked.
final class ConfigurationFindTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("cxlint-find-\(UUID().uuidString)")
        let manager = FileManager.default
        for folder in [".git", "a/b1", "a/b2", "c/d/e"] {
            try manager.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try Data("fail_on: error\n".utf8).write(to: URL(fileURLWithPath: "\(root)/c/.cxlint.yml"))
        root = (root as NSString).resolvingSymlinksInPath
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testRememberedAnswersMatchAFreshSearchFromEveryFolder() {
        var known: [String: String?] = [:]
        let folders = ["a/b1", "a/b2", "a", "c/d/e", "c/d", "c", ""].map { $0.isEmpty ? root : "\(root)/\($0)" }
        for folder in folders {
            XCTAssertEqual(ConfigurationLoader.find(from: folder, fileSystem: FileSystem(), known: &known),
                           ConfigurationLoader.find(from: folder), folder)
        }
        XCTAssertEqual(ConfigurationLoader.find(from: "\(root)/c/d/e"), "\(root)/c/.cxlint.yml")
        XCTAssertEqual(ConfigurationLoader.find(from: "\(root)/a/b2"), nil, "the .git folder ends the search")
    }

    func testSiblingFoldersShareTheWalkOfTheirParents() throws {
        var known: [String: String?] = [:]
        XCTAssertNil(ConfigurationLoader.find(from: "\(root)/a/b1", fileSystem: FileSystem(), known: &known))
        XCTAssertEqual(Set(known.keys), ["\(root)/a/b1", "\(root)/a", root])
        XCTAssertEqual(known["\(root)/a"], .some(nil))

        // A config added now is not looked for again: b2's search stops at the remembered `a`.
        try Data("fail_on: error\n".utf8).write(to: URL(fileURLWithPath: "\(root)/.cxlint.yml"))
        XCTAssertNil(ConfigurationLoader.find(from: "\(root)/a/b2", fileSystem: FileSystem(), known: &known))
        XCTAssertEqual(known["\(root)/a/b2"], .some(nil))
        XCTAssertEqual(ConfigurationLoader.find(from: "\(root)/a/b2"), "\(root)/.cxlint.yml", "a fresh search sees it")
    }

    func testAFoundConfigIsRememberedForEveryFolderBelowIt() {
        var known: [String: String?] = [:]
        let expected = "\(root)/c/.cxlint.yml"
        XCTAssertEqual(ConfigurationLoader.find(from: "\(root)/c/d/e", fileSystem: FileSystem(), known: &known), expected)
        XCTAssertEqual(known["\(root)/c/d/e"], .some(expected))
        XCTAssertEqual(known["\(root)/c/d"], .some(expected))
        XCTAssertEqual(known["\(root)/c"], .some(expected))
        XCTAssertNil(known[root], "the search stopped at c")
    }
}
