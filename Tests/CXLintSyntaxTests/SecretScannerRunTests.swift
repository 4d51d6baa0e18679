@testable import CXLintSyntax
import XCTest

/// The probing run finder skips bytes; it must still find exactly the maximal
/// runs of token bytes a plain left-to-right scan finds.
final class SecretScannerRunTests: XCTestCase {
    func plainRuns(_ bytes: [UInt8], minLength: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard SecretScanner.isTokenByte(bytes[i]) else { i += 1; continue }
            var end = i
            while end < bytes.count, SecretScanner.isTokenByte(bytes[end]) { end += 1 }
            if end - i >= minLength { runs.append(i..<end) }
            i = end
        }
        return runs
    }

    func testProbingFindsTheSameRunsAsAPlainScan() {
        // Token bytes and separators, mixed so that runs of every length occur.
        let alphabet = Array("aZ9_-=+/ .\":\n".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [0, 1, 10, 11, 12, 23, 24, 25, 200, 5_000] {
            for tokenShare in [2, 8, 40] {
                let bytes: [UInt8] = (0..<length).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let pick = Int(state >> 33)
                    return pick % tokenShare == 0 ? alphabet[8 + pick % 5] : alphabet[pick % 8]
                }
                for minLength in [1, 2, 11, 24] {
                    XCTAssertEqual(SecretScanner.tokenRuns(in: bytes, minLength: minLength), plainRuns(bytes, minLength: minLength),
                                   "length \(length), share \(tokenShare), min \(minLength)")
                }
            }
        }
    }
}
