import CXLintServer
import CXLintSyntax
import Foundation
import XCTest

final class FramingTests: XCTestCase {
    /// Feeds the reader in tiny chunks, as a pipe may.
    func reader(_ input: String, chunk: Int = 3) -> FrameReader {
        var bytes = Array(input.utf8)[...]
        return FrameReader {
            let next = Array(bytes.prefix(chunk))
            bytes = bytes.dropFirst(chunk)
            return next
        }
    }

    func testFramesSplitAcrossReads() {
        var frames = reader("Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length: 4\r\n\r\nnull")
        XCTAssertEqual(frames.next(), .message(Data("{}".utf8)))
        XCTAssertEqual(frames.next(), .message(Data("null".utf8)))
        XCTAssertNil(frames.next())
    }

    func testMissingLengthIsMalformedAndReadingGoesOn() {
        var frames = reader("X: 1\r\n\r\nContent-Length: 1\r\n\r\n1")
        guard case .malformed = frames.next() else { return XCTFail("expected a malformed frame") }
        XCTAssertEqual(frames.next(), .message(Data("1".utf8)))
    }

    func testTruncatedBodyEndsInput() {
        var frames = reader("Content-Length: 10\r\n\r\n{}")
        XCTAssertNil(frames.next())
    }
}

final class PositionTests: XCTestCase {
    // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
    let text = "ab\r\né😀x\nlast"

    func testOffsetsBecomeUTF16AndUTF8Positions() {
        let source = SourceFile(id: SourceID(path: "t"), text: text)
        let xOffset = Array(text.utf8).firstIndex(of: UInt8(ascii: "x"))!
        XCTAssertEqual(PositionConverter(source, encoding: .utf16).position(ofOffset: xOffset), LSPPosition(line: 1, character: 3))
        XCTAssertEqual(PositionConverter(source, encoding: .utf8).position(ofOffset: xOffset), LSPPosition(line: 1, character: 6))
        XCTAssertEqual(PositionConverter(source, encoding: .utf16).position(ofOffset: 0), LSPPosition(line: 0, character: 0))
    }

    func testPositionsRoundTripAndClampToTheLine() {
        for encoding in [PositionEncoding.utf8, .utf16] {
            let converter = PositionConverter(bytes: Array(text.utf8), encoding: encoding)
            for offset in [0, 1, 2, 4, 6, 10, 11, 12, 16] {
                XCTAssertEqual(converter.offset(of: converter.position(ofOffset: offset)), offset, "\(encoding) \(offset)")
            }
            XCTAssertEqual(converter.offset(of: LSPPosition(line: 0, character: 99)), 2, "past the end of a line: before CRLF")
            XCTAssertEqual(converter.offset(of: LSPPosition(line: 9, character: 0)), text.utf8.count)
        }
    }

    func testAByteOrderMarkIsNotACharacter() {
        let converter = PositionConverter(bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8), encoding: .utf16)
        XCTAssertEqual(converter.position(ofOffset: 4), LSPPosition(line: 0, character: 1))
        XCTAssertEqual(converter.offset(of: LSPPosition(line: 0, character: 1)), 4)
    }

    func testIncrementalChangesApplyInOrder() {
        var bytes = Array("key: X-ContactID\n".utf8)
        let rename = ContentChange(range: LSPRange(start: LSPPosition(line: 0, character: 7), end: LSPPosition(line: 0, character: 16)), text: "Contact-ID")
        bytes = rename.applied(to: bytes, encoding: .utf16)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "key: X-Contact-ID\n")
        let insert = ContentChange(range: LSPRange(start: LSPPosition(line: 1, character: 0), end: LSPPosition(line: 1, character: 0)), text: "é: 1\n")
        bytes = insert.applied(to: bytes, encoding: .utf16)
        let after = ContentChange(range: LSPRange(start: LSPPosition(line: 1, character: 1), end: LSPPosition(line: 1, character: 2)), text: " =")
        XCTAssertEqual(String(decoding: after.applied(to: bytes, encoding: .utf16), as: UTF8.self), "key: X-Contact-ID\né = 1\n")
    }

    func testEncodingNegotiationPrefersUTF8() {
        XCTAssertEqual(PositionEncoding.negotiate(nil), .utf16)
        XCTAssertEqual(PositionEncoding.negotiate(["utf-32", "utf-16"]), .utf16)
        XCTAssertEqual(PositionEncoding.negotiate(["utf-16", "utf-8"]), .utf8)
    }
}
