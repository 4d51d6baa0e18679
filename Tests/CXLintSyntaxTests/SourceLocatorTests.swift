@testable import CXLintSyntax
import Foundation
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

    /// A stray continuation byte right after a BOM (ill-formed UTF-8 the readers report)
    /// is at column 1, not 0: it falls back into the BOM's scalar, which columns skip.
    /// Found by fuzzing the XML reader: `EF BB BF A7 44 BF 44`.
    func testAStrayContinuationByteAfterABOMIsAtColumnOne() {
        let file = SourceFile(id: SourceID(path: "t"), bytes: [0xEF, 0xBB, 0xBF, 0xA7, 0x44, 0xBF, 0x44])
        var locator = SourceLocator(file)
        for offset in 0...file.bytes.count {
            let location = file.location(atOffset: offset)
            XCTAssertGreaterThanOrEqual(location.column, 1, "offset \(offset)")
            XCTAssertEqual(locator.location(atOffset: offset), location, "offset \(offset)")
        }
        XCTAssertEqual(file.location(atOffset: 3).column, 1)
        XCTAssertEqual(file.location(atOffset: 4).column, 1)
        XCTAssertEqual(XMLReader.parse(file).diagnostics.map(\.range.start.column), [1])
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

    /// Locations are stored in 32 bits: what fits reads back as given, what does not is
    /// clamped (never wrapped), and JSON keeps the keys and values of the Int fields.
    func testLocationsKeepTheirValuesInThirtyTwoBits() throws {
        let largest = SourceLocation(offset: SourceLocation.maxOffset, line: 70_000_000, column: 1_000_000)
        XCTAssertEqual([largest.offset, largest.line, largest.column], [2_147_483_647, 70_000_000, 1_000_000])
        let clamped = SourceLocation(offset: Int.max, line: -5_000_000_000, column: 3)
        XCTAssertEqual([clamped.offset, clamped.line, clamped.column], [SourceLocation.maxOffset, Int(Int32.min), 3])
        var moved = SourceLocation(offset: 10, line: 2, column: 3)
        moved.column += 4
        moved.offset = 1 << 40
        XCTAssertEqual([moved.offset, moved.line, moved.column], [SourceLocation.maxOffset, 2, 7])

        let location = SourceLocation(offset: 120, line: 7, column: 33)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(location), as: UTF8.self)
        XCTAssertEqual(json, #"{"column":33,"line":7,"offset":120}"#)
        XCTAssertEqual(try JSONDecoder().decode(SourceLocation.self, from: Data(json.utf8)), location)
        XCTAssertLessThan(SourceLocation(offset: 5, line: 1, column: 6), SourceLocation(offset: 9, line: 2, column: 1))
        XCTAssertEqual(MemoryLayout<SourceRange>.size, 24, "a range is two 12-byte locations")
    }

    /// libyaml's marks count characters after a BOM; the map turns them into locations,
    /// jumping through a file's ASCII part, walking the rest: every character index, in
    /// order and backwards, lands where `SourceFile` puts that character.
    func testYAMLMarksLandWhereTheFilePutsTheirCharacter() {
        let texts = Self.texts + ["a: 1\r\nb: [x, y]\r\n# é\nc: ü\n", "k: v\n" + String(repeating: "- item\n", count: 50) + "z: 😀 end"]
        for text in texts {
            let file = SourceFile(id: SourceID(path: "t.yaml"), text: text)
            let bom = file.hasByteOrderMark ? 3 : 0
            var offsets: [Int] = []
            var offset = bom
            for scalar in String(decoding: file.bytes[bom...], as: UTF8.self).unicodeScalars {
                offsets.append(offset)
                offset += String(scalar).utf8.count
            }
            offsets.append(offset)
            var map = YAMLPositionMap(file: file)
            for index in offsets.indices {
                XCTAssertEqual(map.location(charIndex: index), file.location(atOffset: offsets[index]), "\(text.debugDescription) at \(index)")
            }
            for index in offsets.indices.reversed() where index % 3 == 0 {
                XCTAssertEqual(map.location(charIndex: index), file.location(atOffset: offsets[index]), "\(text.debugDescription) back to \(index)")
            }
        }
    }
}
