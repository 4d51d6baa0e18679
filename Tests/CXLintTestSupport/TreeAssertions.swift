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

/// Fails unless the sparse read of `source` reports what its whole read reports and,
/// with its unread containers read, is the whole read's tree. Returns the sparse read.
@discardableResult
public func XCTAssertSparseReadAgrees(
    _ source: SourceFile, _ reading: SparseReading, maxDepth: Int = 1_000, _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) -> ParseResult {
    let whole = JSONReader.parse(source, maxDepth: maxDepth)
    let sparse = JSONReader.parse(source, maxDepth: maxDepth, sparse: reading)
    XCTAssertEqual(sparse.diagnostics, whole.diagnostics, message, file: file, line: line)
    XCTAssertSameTree(sparse.root.map { JSONReader.readAll($0, in: source) }, whole.root, message, file: file, line: line)
    return sparse
}

/// How many containers under `node` (itself included) a sparse read left unread.
public func unreadCount(_ node: Node) -> Int {
    switch node.value {
    case .unread: 1
    case .mapping(let entries): entries.reduce(0) { $0 + unreadCount($1.value) }
    case .sequence(let items): items.reduce(0) { $0 + unreadCount($1) }
    default: 0
    }
}
