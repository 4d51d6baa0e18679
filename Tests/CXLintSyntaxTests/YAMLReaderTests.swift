import Foundation
import XCTest

@testable import CXLintSyntax

final class YAMLReaderTests: XCTestCase {
    private func parse(_ text: String) -> ParseResult {
        YAMLReader.parse(SourceFile(id: SourceID(path: "t.yaml"), text: text))
    }

    private func parse(bytes: [UInt8]) -> ParseResult {
        YAMLReader.parse(SourceFile(id: SourceID(path: "t.yaml"), bytes: bytes))
    }

    private func assertLocation(
        _ loc: SourceLocation, line: Int, column: Int, offset: Int, file: StaticString = #filePath, line testLine: UInt = #line
    ) {
        XCTAssertEqual(
            [loc.line, loc.column, loc.offset], [line, column, offset], "line/column/offset", file: file, line: testLine)
    }

    private func syntaxErrors(_ result: ParseResult) -> [Diagnostic] {
        result.diagnostics.filter { $0.rule == SyntaxRuleID.syntaxError }
    }

    // MARK: - Positions

    func testConfigKeyAndValuePositions() throws {
        let text = "phone_integration:\n  phone_number: \"+1 958 555 0123\"\n  contact_center:\n    type: nice_cxone\n"
        let file = SourceFile(id: SourceID(path: "t.yaml"), text: text)
        let result = YAMLReader.parse(file)
        XCTAssertEqual(result.diagnostics.count, 0)
        let root = try XCTUnwrap(result.root)
        let top = try XCTUnwrap(root.entry("phone_integration"))
        assertLocation(top.key.range.start, line: 1, column: 1, offset: 0)
        assertLocation(top.key.range.end, line: 1, column: 18, offset: 17)
        assertLocation(top.value.range.start, line: 2, column: 3, offset: 21)

        let phone = try XCTUnwrap(top.value.entry("phone_number"))
        assertLocation(phone.key.range.start, line: 2, column: 3, offset: 21)
        assertLocation(phone.key.range.end, line: 2, column: 15, offset: 33)
        assertLocation(phone.value.range.start, line: 2, column: 17, offset: 35)
        assertLocation(phone.value.range.end, line: 2, column: 34, offset: 52)
        XCTAssertEqual(phone.value.scalar, Scalar("+1 958 555 0123", kind: .string))
        XCTAssertEqual(file.text(of: phone.value.range), "\"+1 958 555 0123\"")

        let center = try XCTUnwrap(top.value.entry("contact_center"))
        assertLocation(center.key.range.start, line: 3, column: 3, offset: 55)
        let type = try XCTUnwrap(center.value.entry("type"))
        assertLocation(type.key.range.start, line: 4, column: 5, offset: 75)
        assertLocation(type.value.range.start, line: 4, column: 11, offset: 81)
        assertLocation(type.value.range.end, line: 4, column: 21, offset: 91)
        XCTAssertEqual(file.text(of: type.value.range), "nice_cxone")
        // Collections span from their first token to their end event.
        assertLocation(root.range.start, line: 1, column: 1, offset: 0)
        XCTAssertGreaterThanOrEqual(root.range.end.offset, 91)
    }

    func testMultiByteCharactersBeforeValue() throws {
        let file = SourceFile(id: SourceID(path: "t.yaml"), text: "\"ñandú\": ☎ 555\n")
        let entry = try XCTUnwrap(YAMLReader.parse(file).root?.entry("ñandú"))
        assertLocation(entry.key.range.start, line: 1, column: 1, offset: 0)
        assertLocation(entry.key.range.end, line: 1, column: 8, offset: 9)
        assertLocation(entry.value.range.start, line: 1, column: 10, offset: 11)
        assertLocation(entry.value.range.end, line: 1, column: 15, offset: 18)
        XCTAssertEqual(file.text(of: entry.value.range), "☎ 555")
    }

    func testCRLFLineEndings() throws {
        let root = try XCTUnwrap(parse("a: 1\r\nb: two\r\n").root)
        let b = try XCTUnwrap(root.entry("b"))
        assertLocation(b.key.range.start, line: 2, column: 1, offset: 6)
        assertLocation(b.value.range.start, line: 2, column: 4, offset: 9)
        assertLocation(b.value.range.end, line: 2, column: 7, offset: 12)
        XCTAssertEqual(b.value.scalar?.text, "two")
    }

    func testUTF8ByteOrderMark() throws {
        let result = parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: 2\n".utf8))
        XCTAssertTrue(result.diagnostics.isEmpty)
        let root = try XCTUnwrap(result.root)
        let a = try XCTUnwrap(root.entry("a"))
        // Columns ignore the invisible BOM; offsets stay byte offsets.
        assertLocation(a.key.range.start, line: 1, column: 1, offset: 3)
        assertLocation(a.value.range.start, line: 1, column: 4, offset: 6)
        assertLocation(try XCTUnwrap(root.entry("b")).key.range.start, line: 2, column: 1, offset: 8)
    }

    // MARK: - Scalars

    func testCoreSchemaResolution() throws {
        let text = """
            - null
            - ~
            -
            - true
            - FALSE
            - yes
            - on
            - 0o17
            - 0x1F
            - -12
            - 1.5e3
            - .inf
            - .nan
            - +1 958 555 0123
            - !!str 123
            - "123"
            - |
              block
            - 12:30
            """
        let items = try XCTUnwrap(parse(text).root?.sequenceItems)
        let kinds = items.map { $0.scalar?.kind }
        XCTAssertEqual(kinds, [
            .null, .null, .null, .bool, .bool, .string, .string, .number, .number, .number, .number,
            .number, .number, .string, .string, .string, .string, .string,
        ])
        XCTAssertEqual(items[13].scalar?.text, "+1 958 555 0123")
    }

    // MARK: - Diagnostics

    func testDuplicateKeyDiagnostic() throws {
        let result = parse("x: 0\nphone_number: 1\ny: 2\nphone_number: 3\n")
        let dups = result.diagnostics.filter { $0.rule == SyntaxRuleID.duplicateKey }
        XCTAssertEqual(dups.count, 1)
        let dup = try XCTUnwrap(dups.first)
        XCTAssertEqual(dup.severity, .error)
        assertLocation(dup.range.start, line: 4, column: 1, offset: 26)
        XCTAssertTrue(dup.message.contains("duplicate key \"phone_number\" (first defined at line 2)"), dup.message)
        XCTAssertEqual(result.root?.mappingEntries?.count, 4)
        XCTAssertEqual(result.root?["phone_number"]?.scalar?.text, "3")
    }

    /// Small mappings compare keys one by one, larger ones index them: duplicates are
    /// reported at the same place, with the first definition's line, on both sides of the
    /// switch, complex keys and merged keys included.
    func testDuplicateKeysInSmallAndLargeMappings() throws {
        for count in [3, 14, 15, 16, 17, 40] {
            var lines = (0..<count).map { "k\($0): \($0)" }
            lines.insert("? [complex, key]\n: c", at: 1)
            lines.append("k0: again")
            lines.append("k\(count - 1): again")
            lines.append("base: &b {m: 1}")
            lines.append("<<: *b")
            let result = parse(lines.joined(separator: "\n") + "\n")
            let duplicates = result.diagnostics.filter { $0.rule == SyntaxRuleID.duplicateKey }
            XCTAssertEqual(duplicates.map(\.range.start.line), [count + 3, count + 4], "\(count) keys")
            XCTAssertEqual(duplicates.map { $0.message.components(separatedBy: ";")[0] }, [
                "duplicate key \"k0\" (first defined at line 1)",
                "duplicate key \"k\(count - 1)\" (first defined at line \(count + 2))",
            ], "\(count) keys")
            XCTAssertEqual(result.root?["m"]?.scalar?.text, "1", "a merged key no explicit key took")
        }
    }

    func testSyntaxErrorPosition() throws {
        let result = parse("ok: 1\nkey: value: x\n")
        let errors = syntaxErrors(result)
        XCTAssertEqual(errors.count, 1)
        let error = try XCTUnwrap(errors.first)
        XCTAssertEqual(error.severity, .error)
        XCTAssertTrue(error.message.contains("mapping values are not allowed in this context"), error.message)
        assertLocation(error.range.start, line: 2, column: 11, offset: 16)
        // The part read before the error is kept.
        XCTAssertEqual(result.root?["ok"]?.scalar?.text, "1")
    }

    func testTabIndentationIsASyntaxError() throws {
        let errors = syntaxErrors(parse("a:\n\tb: 1\n"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.range.start.line, 2)
    }

    func testInvalidUTF8IsASyntaxError() throws {
        let result = parse(bytes: Array("a: 1\nb: ".utf8) + [0xFF, 0x0A])
        let error = try XCTUnwrap(syntaxErrors(result).first)
        assertLocation(error.range.start, line: 2, column: 4, offset: 8)
        XCTAssertTrue(error.message.contains("UTF-8"), error.message)
    }

    func testUTF16FileIsRejectedWithoutParsing() throws {
        let littleEndianWithBOM: [UInt8] = [0xFF, 0xFE] + Self.utf16(littleEndian: true, "a: 1\n")
        let bigEndianNoBOM: [UInt8] = Self.utf16(littleEndian: false, "a: 1\nb: 2\n")
        for bytes in [littleEndianWithBOM, bigEndianNoBOM] {
            let result = parse(bytes: bytes)
            XCTAssertTrue(result.documents.isEmpty)
            XCTAssertEqual(result.diagnostics.count, 1)
            let error = try XCTUnwrap(result.diagnostics.first)
            XCTAssertEqual(error.rule, SyntaxRuleID.syntaxError)
            XCTAssertTrue(error.message.contains("UTF-16") && error.message.contains("UTF-8"), error.message)
            assertLocation(error.range.start, line: 1, column: 1, offset: 0)
        }
    }

    private static func utf16(littleEndian: Bool, _ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF), high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }

    // MARK: - Anchors, aliases, merge keys

    func testAliasCopiesAnchoredNodeWithItsRanges() throws {
        let result = parse("base: &b {x: 1}\nuse: *b\n")
        XCTAssertTrue(result.diagnostics.isEmpty)
        let root = try XCTUnwrap(result.root)
        let copy = try XCTUnwrap(root["use"])
        XCTAssertEqual(copy["x"]?.scalar?.text, "1")
        XCTAssertEqual(copy.range, root["base"]?.range)
        XCTAssertEqual(copy.range.start.line, 1)
    }

    func testUndefinedAliasIsASyntaxError() throws {
        let result = parse("a: 1\nb: *nope\n")
        let error = try XCTUnwrap(syntaxErrors(result).first)
        assertLocation(error.range.start, line: 2, column: 4, offset: 8)
        XCTAssertEqual(result.root?.mappingEntries?.count, 2)
    }

    func testMergeKeysWithExplicitOverride() throws {
        let text = """
            defaults: &d
              timeout: 30
              retries: 3
            other: &o
              retries: 9
              region: eu
            svc:
              <<: [*d, *o]
              timeout: 60
            single:
              <<: *d
              retries: 1
            """
        let result = parse(text)
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let svc = try XCTUnwrap(result.root?["svc"])
        XCTAssertEqual(Set(svc.mappingEntries?.map(\.keyText) ?? []), ["timeout", "retries", "region"])
        XCTAssertEqual(svc.mappingEntries?.count, 3)
        XCTAssertEqual(svc["timeout"]?.scalar?.text, "60")
        XCTAssertEqual(svc["retries"]?.scalar?.text, "3")
        XCTAssertEqual(svc["region"]?.scalar?.text, "eu")
        // Merged entries point at the anchor definition, where a user edits them.
        XCTAssertEqual(svc.entry("region")?.key.range.start.line, 6)
        let single = try XCTUnwrap(result.root?["single"])
        XCTAssertEqual(single["retries"]?.scalar?.text, "1")
        XCTAssertEqual(single["timeout"]?.scalar?.text, "30")
        XCTAssertNil(single.entry("<<"))
    }

    func testBillionLaughsStopsQuickly() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (prev, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = Date()
        let result = parse(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        let errors = syntaxErrors(result)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.message.contains("alias expansion exceeds 100000 nodes") == true)
        XCTAssertNotNil(result.root?["i"])
    }

    // MARK: - Limits

    func testDeepFlowNestingIsASyntaxError() throws {
        let start = Date()
        let result = parse(String(repeating: "[", count: 100_000))
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        let errors = syntaxErrors(result)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.message.contains("deeper than 1000") == true, errors.first?.message ?? "")
        assertLocation(try XCTUnwrap(errors.first).range.start, line: 1, column: 1001, offset: 1000)
    }

    func testDeepBlockNestingIsASyntaxError() throws {
        let result = parse(String(repeating: "- ", count: 10_000) + "x\n")
        let errors = syntaxErrors(result)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.message.contains("deeper than 1000") == true, errors.first?.message ?? "")
    }

    func testNestingWithinLimitIsFine() throws {
        let result = parse(String(repeating: "- ", count: 900) + "x\n")
        XCTAssertTrue(result.diagnostics.isEmpty)
    }

    func testLongFlowLineStaysFast() throws {
        let text = "[" + String(repeating: "1, ", count: 200_000) + "1]\n"
        let start = Date()
        let result = parse(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        let items = try XCTUnwrap(result.root?.sequenceItems)
        XCTAssertEqual(items.count, 200_001)
        assertLocation(items[200_000].range.start, line: 1, column: 600_002, offset: 600_001)
    }

    // MARK: - Documents and comments

    func testMultipleDocuments() throws {
        let result = parse("a: 1\n---\nb: 2\n...\n---\n- x\n")
        XCTAssertEqual(result.documents.count, 3)
        XCTAssertEqual(result.documents[1]["b"]?.scalar?.text, "2")
        XCTAssertEqual(result.documents[2].range.start.line, 6)
        XCTAssertEqual(parse("").documents.count, 0)
        XCTAssertEqual(parse("# only a comment\n").documents.count, 0)
    }

    func testCommentsWithRanges() throws {
        let text = """
            # top
            a: "x # not" # real
            b: 'it''s # no' #  also
            c: |
              # in block
              text
            d: x#y # tail
            e: [1, "#"] # flow
            """
        let file = SourceFile(id: SourceID(path: "t.yaml"), text: text)
        let result = YAMLReader.parse(file)
        XCTAssertTrue(result.diagnostics.isEmpty)
        XCTAssertEqual(result.comments.map(\.text), [" top", " real", "  also", " tail", " flow"])
        XCTAssertEqual(result.comments.map(\.range.start.line), [1, 2, 3, 7, 8])
        let real = result.comments[1]
        assertLocation(real.range.start, line: 2, column: 14, offset: 19)
        XCTAssertEqual(file.text(of: real.range), "# real")
        XCTAssertEqual(result.root?["d"]?.scalar?.text, "x#y")
    }
}

extension YAMLReaderTests {
    func testPartialDocumentEndsAtTheError() throws {
        let result = parse("a: 1\nb:\n  c: [1, 2\nd: 3\n")
        let error = try XCTUnwrap(syntaxErrors(result).first)
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["a"]?.scalar?.text, "1")
        XCTAssertLessThanOrEqual(root.range.end.offset, error.range.start.offset)
        XCTAssertGreaterThanOrEqual(root.range.end.offset, root.range.start.offset)
    }
}

extension YAMLReaderTests {
    /// libyaml counts U+2028 and NEL as line breaks; the project's line table does not,
    /// and positions must follow the project's table.
    func testUnicodeLineSeparatorKeepsProjectLines() throws {
        let file = SourceFile(id: SourceID(path: "t.yaml"), text: "a: \"x\u{2028}y\u{85}z\"\nb: 1\n")
        let result = YAMLReader.parse(file)
        let b = try XCTUnwrap(result.root?.entry("b"))
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
        assertLocation(b.key.range.start, line: 2, column: 1, offset: 14)
        assertLocation(b.value.range.start, line: 2, column: 4, offset: 17)
    }

    func testFlowKeysAndNestedPositions() throws {
        let file = SourceFile(id: SourceID(path: "t.yaml"), text: "agents: [{name: \"Zoë\", ext: 0x1F}, {name: bob}]\n")
        let agents = try XCTUnwrap(YAMLReader.parse(file).root?["agents"]?.sequenceItems)
        let ext = try XCTUnwrap(agents[0].entry("ext"))
        XCTAssertEqual(ext.value.scalar, Scalar("0x1F", kind: .number))
        assertLocation(ext.key.range.start, line: 1, column: 24, offset: 24)
        XCTAssertEqual(file.text(of: agents[1].range), "{name: bob}")
    }
}
