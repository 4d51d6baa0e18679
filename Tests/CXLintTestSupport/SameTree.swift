import CXLintSyntax
import XCTest

/// Fails unless both trees are absent or hold the same text at the same positions.
public func XCTAssertSameTree(_ actual: Node?, _ expected: Node?, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case (let actual?, let expected?):
        XCTAssertTrue(actual.isSame(as: expected), "the trees differ \(message)", file: file, line: line)
    default:
        XCTFail("one tree is missing (\(actual == nil ? "actual" : "expected")) \(message)", file: file, line: line)
    }
}
