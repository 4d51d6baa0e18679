@testable import CXLintSyntax
import XCTest

/// `SourceLocator` must answer exactly what `SourceFile` answers, whatever the
/// order of the queries; it is only faster when they move forward.
final class SourceLocatorTests: XCTestCase {
    static let texts = [
        "\u{FEFF}<a>é\r\n  <b x=\"ü\">😀 text</b>\n\r\n\rlast line without end",
        "{\"key\": \"value\"}\n" + String(repeating: "[\"αβγ\", 1], ", count: 200) + "\n",
        "",
        "\n\n",
        "no line end at all, only 😀😀😀",
        // ASCII lines, then a line that turns non-ASCII mid-way: columns counted as bytes
        // before the first non-ASCII byte, as scalars from it on.
        "<a>\n  <b>plain</b>\n  <c>then é here</c>\n<d>and 😀 after</d>\nend",
        "<a>\n  <b x=\"1\">ASCII throughout</b>\n</a>\n",
    ]

    func testOffsetsInFileOrderAndBackwards() {
        for text in Self.texts {
            let file = SourceFile(id: SourceID(path: "t"), text: text)
            var locator = SourceLocator(file)
            let offsets = Array(0...file.bytes.count) + [file.bytes.count + 5, 7, 3, 0, file.bytes.count / 2, file.bytes.count]
            for offset in offsets {
                XCTAssertEqual(locator.location(atOffset: offset), file.location(atOffset: offset), "offset \(offset) in \(text.debugDescription)")
            }
            for stride in [3, 7, 13] {
                var skipping = SourceLocator(file)
                for offset in Swift.stride(from: 0, through: file.bytes.count, by: stride) {
                    XCTAssertEqual(skipping.location(atOffset: offset), file.location(atOffset: offset),
                                   "offset \(offset), stride \(stride) in \(text.debugDescription)")
                }
            }
        }
    }

    func testLinesAndColumnsForwardBackwardAndPastTheLineEnd() {
        for text in Self.texts {
            let file = SourceFile(id: SourceID(path: "t"), text: text)
            var locator = SourceLocator(file)
            var queries: [(Int, Int)] = []
            for line in 0...(file.lineCount + 1) {
                queries += (0...12).map { (line, $0) } + [(line, 500), (line, 2)]
            }
            for (line, column) in queries {
                XCTAssertEqual(locator.location(line: line, column: column), file.location(line: line, column: column),
                               "\(line):\(column) in \(text.debugDescription)")
            }
        }
    }

    /// The memchr line table (files without CR) agrees with the byte-by-byte one.
    func testLineTableWithoutCarriageReturns() {
        for text in Self.texts + ["a\nb\n\nc", "\n"] where !text.contains("\r") {
            let bytes = Array(text.utf8)
            let expected = bytes.withUnsafeBufferPointer { SourceFile.lineStartsAnyEnding($0) }
            XCTAssertEqual(SourceFile.computeLineStarts(bytes), expected, text.debugDescription)
        }
    }
}
