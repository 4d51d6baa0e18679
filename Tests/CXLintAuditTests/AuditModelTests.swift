@testable import CXLintAudit
import XCTest

final class AuditModelTests: XCTestCase {
    func testShardParsing() {
        XCTAssertEqual(Shard("2/4"), Shard(index: 2, count: 4))
        XCTAssertNil(Shard("0/4"))
        XCTAssertNil(Shard("5/4"))
        XCTAssertNil(Shard("1/0"))
        XCTAssertNil(Shard("a/b"))
    }
}
