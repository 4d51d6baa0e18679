@testable import CXLintSyntax
import CXLintBytes
import XCTest

/// The run finder reads 64-byte windows of byte classes; it must find exactly the
/// maximal runs of token bytes a plain left-to-right scan finds, runs across windows too.
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

    func testWindowedRunsAreThePlainScansRuns() {
        // Token bytes and separators, mixed so that runs of every length occur.
        let alphabet = Array("aZ9_-=+/ .\":\n".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [0, 1, 10, 11, 12, 23, 24, 25, 63, 64, 65, 127, 128, 129, 200, 5_000] {
            for tokenShare in [2, 8, 40] {
                let bytes: [UInt8] = (0..<length).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let pick = Int(state >> 33)
                    return pick % tokenShare == 0 ? alphabet[8 + pick % 5] : alphabet[pick % 8]
                }
                for minLength in [1, 2, 3, 11, 24, 63, 64, 65, 100] {
                    XCTAssertEqual(SecretScanner.tokenRuns(in: bytes, minLength: minLength), plainRuns(bytes, minLength: minLength),
                                   "length \(length), share \(tokenShare), min \(minLength)")
                }
            }
        }
    }

    /// Long runs: a whole window of token bytes, runs ending exactly at a window's end
    /// or starting at its first byte, and a run through several windows.
    func testRunsAcrossWindowBoundaries() {
        for (prefix, run, suffix) in [(0, 64, 0), (0, 64, 1), (1, 63, 1), (5, 59, 3), (64, 64, 64), (3, 200, 0), (60, 8, 60), (53, 11, 0), (0, 11, 53)] {
            let bytes = [UInt8](repeating: 0x20, count: prefix) + [UInt8](repeating: UInt8(ascii: "a"), count: run) + [UInt8](repeating: 0x2C, count: suffix)
            for minLength in [1, 8, 11, 64, 65] {
                XCTAssertEqual(SecretScanner.tokenRuns(in: bytes, minLength: minLength), plainRuns(bytes, minLength: minLength),
                               "\(prefix) + \(run) + \(suffix), min \(minLength)")
            }
        }
    }

    /// The 16-byte classes (token bytes, line feeds, JSON string stops) answer as the byte
    /// tests they stand in for, for every byte value in every lane.
    func testByteClassesMatchTheirDefinitions() {
        for value in 0...255 {
            for lane in 0..<16 {
                var block = [UInt8](repeating: value == 0x41 ? 0x20 : 0x41, count: 16)
                block[lane] = UInt8(value)
                let token = block.withUnsafeBufferPointer { cxl_token16($0.baseAddress!) }
                let expected = block.indices.reduce(UInt32(0)) { $0 | (SecretScanner.isTokenByte(block[$1]) ? 1 << UInt32($1) : 0) }
                XCTAssertEqual(token, expected, "byte \(value) in lane \(lane)")
                let feeds = block.withUnsafeBufferPointer { cxl_equal16($0.baseAddress!, 0x0A) }
                XCTAssertEqual(feeds, value == 0x0A ? 1 << UInt32(lane) : 0, "byte \(value) in lane \(lane)")
                let stops = block.withUnsafeBufferPointer { cxl_string_stops16($0.baseAddress!) }
                let stopsHere = value == 0x22 || value == 0x5C || value < 0x20 || value >= 0x80
                XCTAssertEqual(stops, stopsHere ? 1 << UInt32(lane) : 0, "byte \(value) in lane \(lane)")
            }
        }
        // The 64-byte forms are four 16-byte ones side by side.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let block: [UInt8] = (0..<64).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return [UInt8(ascii: "a"), UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "="), 0xC3][Int(state >> 61) % 5]
        }
        block.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            let quarters = (0..<4).map { UInt64(cxl_token16(p + 16 * $0)) << UInt64(16 * $0) }.reduce(0, |)
            XCTAssertEqual(cxl_token64(p), quarters)
            let feeds = (0..<4).map { UInt64(cxl_equal16(p + 16 * $0, 0x0A)) << UInt64(16 * $0) }.reduce(0, |)
            XCTAssertEqual(cxl_equal64(p, 0x0A), feeds)
            XCTAssertNotEqual(feeds, 0)
        }
        XCTAssertEqual(SecretScanner.shortestKeyLength, SecretScanner.credentialKeys.map(\.count).min())
    }
}
