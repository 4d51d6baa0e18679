import CXLintSyntax
import CXLintTestSupport
import Foundation
import XCTest

final class JSONReaderTests: XCTestCase {
    // MARK: - Fixtures

    func files(in directory: URL, prefix: String = "") throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && $0.lastPathComponent.hasPrefix(prefix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func load(_ url: URL) throws -> SourceFile {
        SourceFile(id: SourceID(path: url.lastPathComponent), bytes: Array(try Data(contentsOf: url)))
    }

    func parse(_ text: String, maxDepth: Int = 1_000) -> ParseResult {
        JSONReader.parse(SourceFile(id: SourceID(path: "test.json"), text: text), maxDepth: maxDepth)
    }

    func parse(bytes: [UInt8]) -> ParseResult {
        JSONReader.parse(SourceFile(id: SourceID(path: "test.json"), bytes: bytes))
    }

    func syntaxErrors(_ result: ParseResult) -> [Diagnostic] {
        result.diagnostics.filter { $0.rule == SyntaxRuleID.syntaxError }
    }

    /// The one syntax error of a rejected input, with its start as (line, column, offset).
    func rejection(
        _ text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> (message: String, start: SourceLocation, end: SourceLocation)? {
        let result = parse(text)
        let errors = syntaxErrors(result)
        XCTAssertEqual(errors.count, 1, "expected one syntax error for \(text.debugDescription)", file: file, line: line)
        XCTAssertTrue(result.documents.isEmpty, "no partial tree on error", file: file, line: line)
        guard let error = errors.first else { return nil }
        return (error.message, error.range.start, error.range.end)
    }

    func loc(_ line: Int, _ column: Int, _ offset: Int) -> SourceLocation {
        SourceLocation(offset: offset, line: line, column: column)
    }

    // MARK: - Position cross-check

    /// The location SourceFile computes independently; on line 1 of a BOM file the
    /// reader does not count the BOM as a column, SourceFile does.
    /// SourceFile's own answer (it does not count a UTF-8 BOM as a column, like the reader).
    func expectedLocation(_ file: SourceFile, _ offset: Int) -> SourceLocation {
        file.location(atOffset: offset)
    }

    /// Every node and key range agrees with SourceFile's own line table; returns the mismatches.
    func positionMismatches(_ node: Node, in file: SourceFile, limit: Int = 5) -> [String] {
        var mismatches: [String] = []
        var pending = [node]
        while let current = pending.popLast(), mismatches.count < limit {
            for location in [current.range.start, current.range.end] {
                let expected = expectedLocation(file, location.offset)
                if expected != location { mismatches.append("\(file.id): got \(location), expected \(expected)") }
            }
            switch current.value {
            case .mapping(let entries):
                for entry in entries {
                    pending.append(entry.key)
                    pending.append(entry.value)
                    if entry.key.range.start.offset >= entry.value.range.start.offset {
                        mismatches.append("\(file.id): key after value at \(entry.key.range.start)")
                    }
                }
            case .sequence(let items):
                pending.append(contentsOf: items)
            default:
                break
            }
        }
        return mismatches
    }

    /// An error's range lies inside the file, on the line its offset is on, at a column
    /// that exists on that line; where the line is valid UTF-8 it matches SourceFile exactly.
    func errorPositionProblems(_ error: Diagnostic, in file: SourceFile) -> [String] {
        var problems: [String] = []
        if error.range.start.offset > error.range.end.offset { problems.append("range ends before it starts") }
        if error.message.isEmpty { problems.append("empty message") }
        for location in [error.range.start, error.range.end] {
            guard (0...file.bytes.count).contains(location.offset) else {
                problems.append("offset \(location.offset) outside the file")
                continue
            }
            let line = file.lineIndex(ofOffset: location.offset) + 1
            guard location.line == line else {
                problems.append("\(location) is on line \(line)")
                continue
            }
            let lineStart = file.lineStarts[line - 1]
            let lineScalars = file.lineText(line).unicodeScalars.count
            if !(1...(lineScalars + 1)).contains(location.column) { problems.append("column \(location.column) not on the line") }
            let before = Array(file.bytes[lineStart..<location.offset])
            let atScalarStart = location.offset == file.bytes.count || file.bytes[location.offset] & 0xC0 != 0x80
            if String(validating: before, as: UTF8.self) != nil, atScalarStart,
                expectedLocation(file, location.offset) != location
            {
                problems.append("\(location) but SourceFile says \(expectedLocation(file, location.offset))")
            }
        }
        return problems
    }

    // MARK: - Foundation cross-check

    func foundationValue(_ file: SourceFile) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(file.bytes), options: [.fragmentsAllowed])
    }

    /// nil when the trees agree, otherwise where they differ.
    func difference(_ node: Node, _ theirs: Any, path: String = "") -> String? {
        switch node.value {
        case .mapping(let entries):
            guard let dictionary = theirs as? [String: Any] else { return "\(path): mapping vs \(type(of: theirs))" }
            var lastByKey: [String: Node] = [:]
            for entry in entries { lastByKey[entry.keyText] = entry.value }
            guard lastByKey.count == dictionary.count else {
                return "\(path): \(lastByKey.count) keys vs \(dictionary.count)"
            }
            for (key, value) in lastByKey {
                guard let other = dictionary[key] else { return "\(path): key \(key.debugDescription) missing" }
                if let difference = difference(value, other, path: path + "/" + JSONPointer.escape(key)) { return difference }
            }
            return nil
        case .sequence(let items):
            guard let array = theirs as? [Any], array.count == items.count else { return "\(path): list vs \(theirs)" }
            for (index, item) in items.enumerated() {
                if let difference = difference(item, array[index], path: "\(path)/\(index)") { return difference }
            }
            return nil
        case .scalar(let scalar):
            return scalarDifference(scalar, theirs, path: path)
        default:
            return "\(path): not a JSON node"
        }
    }

    func scalarDifference(_ scalar: Scalar, _ theirs: Any, path: String) -> String? {
        switch scalar.kind {
        case .string:
            guard let string = theirs as? String, string.unicodeScalars.elementsEqual(scalar.text.unicodeScalars) else {
                return "\(path): \(scalar.text.debugDescription) vs \(theirs)"
            }
        case .number:
            guard let mine = Double(scalar.text) else { return "\(path): number \(scalar.text) not convertible" }
            guard mine.isFinite else { return nil }
            let other: Double
            if let decimal = theirs as? Decimal {
                other = NSDecimalNumber(decimal: decimal).doubleValue
            } else if let number = theirs as? NSNumber {
                other = number.doubleValue
            } else {
                return "\(path): number vs \(type(of: theirs))"
            }
            let tolerance = max(abs(mine), abs(other)) * 1e-15
            guard mine == other || abs(mine - other) <= tolerance else { return "\(path): \(scalar.text) vs \(other)" }
        case .bool:
            let expected = scalar.text == "true"
            guard (theirs as? Bool) == expected || (theirs as? NSNumber)?.boolValue == expected else {
                return "\(path): \(scalar.text) vs \(theirs)"
            }
        case .null:
            guard theirs is NSNull else { return "\(path): null vs \(theirs)" }
        }
        return nil
    }

    // MARK: - JSONTestSuite

    func testConformanceAcceptsEveryYFile() throws {
        let urls = try files(in: SharedData.jsonTestSuite.require(), prefix: "y_")
        XCTAssertGreaterThan(urls.count, 90)
        var comparedWithFoundation = 0
        for url in urls {
            let file = try load(url)
            let result = JSONReader.parse(file)
            XCTAssertEqual(syntaxErrors(result).map(\.message), [], url.lastPathComponent)
            XCTAssertEqual(result.documents.count, 1, url.lastPathComponent)
            guard let root = result.root else { continue }
            XCTAssertEqual(positionMismatches(root, in: file), [], url.lastPathComponent)
            if let theirs = foundationValue(file) {
                comparedWithFoundation += 1
                XCTAssertNil(difference(root, theirs), url.lastPathComponent)
            }
        }
        print("JSONTestSuite y_: \(urls.count) accepted, \(comparedWithFoundation) compared with JSONSerialization")
    }

    func testConformanceRejectsEveryNFileAtAPositionInsideIt() throws {
        let urls = try files(in: SharedData.jsonTestSuite.require(), prefix: "n_")
        XCTAssertGreaterThan(urls.count, 180)
        for url in urls {
            let file = try load(url)
            let result = JSONReader.parse(file)
            let name = url.lastPathComponent
            XCTAssertTrue(result.documents.isEmpty, name)
            let errors = syntaxErrors(result)
            XCTAssertEqual(errors.count, 1, name)
            guard let error = errors.first else { continue }
            XCTAssertEqual(errorPositionProblems(error, in: file), [], name)
        }
        print("JSONTestSuite n_: \(urls.count) rejected")
    }

    func testConformanceImplementationDefinedFilesReturn() throws {
        let urls = try files(in: SharedData.jsonTestSuite.require(), prefix: "i_")
        var accepted: [String] = []
        var rejected: [String] = []
        for url in urls {
            let result = JSONReader.parse(try load(url))
            let errors = syntaxErrors(result)
            XCTAssertEqual(result.documents.count + errors.count, 1, url.lastPathComponent)
            if errors.isEmpty {
                accepted.append(url.lastPathComponent)
            } else {
                rejected.append("\(url.lastPathComponent) (\(errors[0].range.start.line):\(errors[0].range.start.column) \(errors[0].message))")
            }
        }
        print("JSONTestSuite i_: \(accepted.count) accepted, \(rejected.count) rejected")
        print("  accepted: " + accepted.joined(separator: ", "))
        print("  rejected:\n    " + rejected.joined(separator: "\n    "))
    }

    // MARK: - Real exports

    func testRealExportsParseAndMatchFoundation() throws {
        let urls = try files(in: SharedData.realExports.require())
        XCTAssertGreaterThanOrEqual(urls.count, 61)
        var parsed = 0
        for url in urls {
            let file = try load(url)
            let result = JSONReader.parse(file)
            let name = url.lastPathComponent
            if name == "webchat__contributing__template__actions.json" {
                let errors = syntaxErrors(result)
                XCTAssertEqual(errors.count, 1)
                XCTAssertEqual(errors.first?.message, "comments are not allowed in JSON")
                XCTAssertEqual(errors.first?.range.start, loc(1, 1, 0))
                XCTAssertTrue(result.documents.isEmpty)
                continue
            }
            XCTAssertEqual(result.diagnostics.map(\.message), [], name)
            guard let root = result.root else {
                XCTFail("\(name): no document")
                continue
            }
            parsed += 1
            XCTAssertEqual(positionMismatches(root, in: file), [], name)
            guard let theirs = foundationValue(file) else {
                XCTFail("\(name): JSONSerialization refused it")
                continue
            }
            XCTAssertNil(difference(root, theirs), name)
        }
        XCTAssertEqual(parsed, urls.count - 1)
        print("real exports: \(parsed) of \(urls.count) parsed, 1 rejected (comment)")
    }

    // MARK: - Positions

    func testKeyAndValueRangesInAMultiLineDocument() throws {
        let text = "{\n  \"name\": \"Main\",\n  \"count\": 42,\n  \"list\": [true, null]\n}\n"
        let root = try XCTUnwrap(parse(text).root)
        XCTAssertEqual(root.range.start, loc(1, 1, 0))
        XCTAssertEqual(root.range.end, loc(5, 2, text.utf8.count - 1))
        let entries = try XCTUnwrap(root.mappingEntries)
        XCTAssertEqual(entries.map(\.keyText), ["name", "count", "list"])

        XCTAssertEqual(entries[0].key.range.start, loc(2, 3, 4))
        XCTAssertEqual(entries[0].key.range.end, loc(2, 9, 10))
        XCTAssertEqual(entries[0].key.scalar, Scalar("name", kind: .string))
        XCTAssertEqual(entries[0].value.range.start, loc(2, 11, 12))
        XCTAssertEqual(entries[0].value.range.end, loc(2, 17, 18))
        XCTAssertEqual(entries[0].value.stringValue, "Main")

        XCTAssertEqual(entries[1].key.range.start, loc(3, 3, 22))
        XCTAssertEqual(entries[1].value.range.start, loc(3, 12, 31))
        XCTAssertEqual(entries[1].value.range.end, loc(3, 14, 33))
        XCTAssertEqual(entries[1].value.scalar, Scalar("42", kind: .number))

        let list = entries[2].value
        XCTAssertEqual(list.range.start, loc(4, 11, 45))
        XCTAssertEqual(list.range.end, loc(4, 23, 57))
        let items = try XCTUnwrap(list.sequenceItems)
        XCTAssertEqual(items.map(\.scalar), [Scalar("true", kind: .bool), Scalar("null", kind: .null)])
        XCTAssertEqual(items[1].range.start, loc(4, 18, 52))
        XCTAssertEqual(items[1].range.end, loc(4, 22, 56))
    }

    func testColumnsCountScalarsAfterMultiByteCharacters() throws {
        let root = try XCTUnwrap(parse("{\"ключ\": \"значение\", \"n\": 1}").root)
        let entries = try XCTUnwrap(root.mappingEntries)
        XCTAssertEqual(entries[0].key.range, SourceRange(start: loc(1, 2, 1), end: loc(1, 8, 11)))
        XCTAssertEqual(entries[0].value.range, SourceRange(start: loc(1, 10, 13), end: loc(1, 20, 31)))
        XCTAssertEqual(entries[1].key.range.start, loc(1, 22, 33))
        XCTAssertEqual(entries[1].value.range, SourceRange(start: loc(1, 27, 38), end: loc(1, 28, 39)))

        let emoji = try XCTUnwrap(parse("[\"😀\", 1]").root)
        let items = try XCTUnwrap(emoji.sequenceItems)
        XCTAssertEqual(items[0].range, SourceRange(start: loc(1, 2, 1), end: loc(1, 5, 7)))
        XCTAssertEqual(items[1].range.start, loc(1, 7, 9))
    }

    func testCRLFAndLoneCRAreLineBreaks() throws {
        let root = try XCTUnwrap(parse("{\r\n  \"a\": 1\r\n}").root)
        let entry = try XCTUnwrap(root.mappingEntries?.first)
        XCTAssertEqual(entry.key.range.start, loc(2, 3, 5))
        XCTAssertEqual(entry.value.range.start, loc(2, 8, 10))
        XCTAssertEqual(root.range.end, loc(3, 2, 14))

        let list = try XCTUnwrap(parse("[1,\r2]").root?.sequenceItems)
        XCTAssertEqual(list[1].range.start, loc(2, 1, 4))
    }

    /// Choice: a leading UTF-8 BOM is skipped and is not a column, so the first
    /// character after it is 1:1 (as editors and libyaml show it); offsets stay byte offsets.
    func testBOMIsSkippedAndIsNotAColumn() throws {
        let root = try XCTUnwrap(parse("\u{FEFF}{\"a\": 1}\n").root)
        XCTAssertEqual(root.range.start, loc(1, 1, 3))
        XCTAssertEqual(root.mappingEntries?.first?.key.range.start, loc(1, 2, 4))

        let error = try XCTUnwrap(rejection("\u{FEFF}{\"a\" 1}"))
        XCTAssertEqual(error.start, loc(1, 6, 8))

        let onlyBOM = try XCTUnwrap(rejection("\u{FEFF}"))
        XCTAssertEqual(onlyBOM.message, "unexpected end of file; expected a JSON value")
        XCTAssertEqual(onlyBOM.start, loc(1, 1, 3))
    }

    func testUTF16AndUTF32AreRefusedAt1_1() throws {
        let utf16LE: [UInt8] = [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00]
        let utf16BEWithoutBOM: [UInt8] = [0x00, 0x5B, 0x00, 0x5D]
        let utf32LE: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x5B, 0x00, 0x00, 0x00]
        for (bytes, name) in [(utf16LE, "UTF-16"), (utf16BEWithoutBOM, "UTF-16"), (utf32LE, "UTF-32")] {
            let result = parse(bytes: bytes)
            XCTAssertTrue(result.documents.isEmpty)
            let errors = syntaxErrors(result)
            XCTAssertEqual(errors.count, 1)
            XCTAssertEqual(errors.first?.range.start, loc(1, 1, 0))
            XCTAssertTrue(errors.first?.message.contains("is \(name)") ?? false, errors.first?.message ?? "")
            XCTAssertTrue(errors.first?.message.contains("save it as UTF-8") ?? false)
        }
        // A NUL in an odd-length UTF-8 file is an ordinary error, not UTF-16.
        let nul = parse(bytes: [0x5B, 0x00, 0x5D])
        XCTAssertEqual(syntaxErrors(nul).first?.message, "expected a value or ']', found control character U+0000")
        XCTAssertEqual(syntaxErrors(nul).first?.range.start, loc(1, 2, 1))
    }

    // MARK: - Duplicate keys

    func testDuplicateKeyIsKeptAndReportedAtTheSecondKey() throws {
        let result = parse("{\n  \"p1\": 1,\n  \"p2\": 2,\n  \"p2\": 3,\n  \"inner\": {\"p2\": 4}\n}")
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root.mappingEntries?.map(\.keyText), ["p1", "p2", "p2", "inner"])
        XCTAssertEqual(root["p2"]?.scalar?.text, "3")
        XCTAssertEqual(result.diagnostics.count, 1)
        let diagnostic = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(diagnostic.rule, SyntaxRuleID.duplicateKey)
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(
            diagnostic.message,
            "duplicate key \"p2\" (first defined at line 3); JSON readers keep only the last, remove one")
        XCTAssertEqual(diagnostic.range, SourceRange(start: loc(4, 3, 26), end: loc(4, 7, 30)))
        XCTAssertEqual(diagnostic.related.first?.range.start, loc(3, 3, 15))
        XCTAssertFalse(result.hasErrors, "a duplicate key is not a syntax error")
    }

    func testDuplicateKeysInALargeObjectAreFoundOnce() throws {
        var members = (0..<50).map { "\"k\($0)\": \($0)" }
        members.append("\"k7\": 0")
        members.append("\"k42\": 0")
        members.append("\"k7\": 1")
        let result = parse("{" + members.joined(separator: ",\n") + "}")
        XCTAssertEqual(result.root?.mappingEntries?.count, 53)
        XCTAssertEqual(
            result.diagnostics.map(\.message),
            [
                "duplicate key \"k7\" (first defined at line 8); JSON readers keep only the last, remove one",
                "duplicate key \"k42\" (first defined at line 43); JSON readers keep only the last, remove one",
                "duplicate key \"k7\" (first defined at line 8); JSON readers keep only the last, remove one",
            ])
        XCTAssertEqual(result.diagnostics.map(\.range.start.line), [51, 52, 53])
    }

    /// Large objects nested in large objects, in arrays: each keeps its own key index.
    func testDuplicateKeysInNestedLargeObjectsStayInTheirObject() throws {
        func object(_ prefix: String, _ count: Int, inner: String? = nil, extra: [String] = []) -> String {
            var members = (0..<count).map { "\"\(prefix)\($0)\": \($0)" }
            if let inner { members.insert("\"inner\": \(inner)", at: count / 2) }
            return "{" + (members + extra).joined(separator: ",\n") + "}"
        }
        // Each object is larger than the reader compares key by key (32 keys).
        let innermost = object("c", 34, extra: ["\"c3\": 0"])
        let inner = "[" + object("b", 36, inner: innermost, extra: ["\"b9\": 0", "\"a1\": 0"]) + ", " + object("b", 36) + "]"
        let document = object("a", 40, inner: inner, extra: ["\"a2\": 0", "\"b1\": 0", "\"c3\": 0", "\"inner\": 0"])
        let result = parse(document)
        XCTAssertNotNil(result.root)
        /// The line where `key` is first written (the test's own layout, one member a line).
        func firstLine(_ key: String) throws -> Int {
            let offset = try XCTUnwrap(document.range(of: "\"\(key)\":")).lowerBound
            return document[..<offset].filter { $0 == "\n" }.count + 1
        }
        XCTAssertEqual(
            result.diagnostics.map { String($0.message.prefix(while: { $0 != ";" })) },
            try ["c3", "b9", "a2", "inner"].map { "duplicate key \"\($0)\" (first defined at line \(try firstLine($0)))" })
    }

    func testKeysAreComparedByScalarsNotCanonicalEquivalence() throws {
        // "é" precomposed and decomposed are different JSON keys.
        let result = parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
        XCTAssertEqual(result.root?.mappingEntries?.count, 2)
        XCTAssertEqual(result.diagnostics.count, 0)
    }

    // MARK: - Errors

    func testMissingComma() throws {
        let error = try XCTUnwrap(rejection("{\"a\": 1 \"b\": 2}"))
        XCTAssertEqual(error.message, "expected ',' or '}' after an object member, found '\"'")
        XCTAssertEqual(error.start, loc(1, 9, 8))
        XCTAssertEqual(error.end, loc(1, 10, 9))

        let inList = try XCTUnwrap(rejection("[1\n 2]"))
        XCTAssertEqual(inList.message, "expected ',' or ']' after an array element, found '2'")
        XCTAssertEqual(inList.start, loc(2, 2, 4))
    }

    func testTrailingCommaIsReportedAtTheComma() throws {
        let list = try XCTUnwrap(rejection("[1, 2,]"))
        XCTAssertEqual(list.message, "trailing comma before ']'")
        XCTAssertEqual(list.start, loc(1, 6, 5))
        XCTAssertEqual(list.end, loc(1, 7, 6))

        let object = try XCTUnwrap(rejection("{\"a\": 1,\n}"))
        XCTAssertEqual(object.message, "trailing comma before '}'")
        XCTAssertEqual(object.start, loc(1, 8, 7))
    }

    func testUnterminatedString() throws {
        let atEnd = try XCTUnwrap(rejection("{\"a\": \"abc"))
        XCTAssertTrue(atEnd.message.hasPrefix("unterminated string"), atEnd.message)
        XCTAssertEqual(atEnd.start, loc(1, 7, 6))
        XCTAssertEqual(atEnd.end, loc(1, 11, 10))

        let atLineBreak = try XCTUnwrap(rejection("[\"é\n\"]"))
        XCTAssertTrue(atLineBreak.message.hasPrefix("unterminated string: line break"), atLineBreak.message)
        XCTAssertEqual(atLineBreak.start, loc(1, 4, 4))
    }

    func testUnclosedBracketAtEndOfFile() throws {
        let error = try XCTUnwrap(rejection("{\n  \"a\": [1, 2\n"))
        XCTAssertEqual(error.message, "unexpected end of file; '[' at 2:8 is not closed")
        XCTAssertEqual(error.start, loc(3, 1, 15))
        XCTAssertEqual(error.end, error.start)

        let mismatched = try XCTUnwrap(rejection("[1}"))
        XCTAssertEqual(mismatched.message, "expected ',' or ']' after an array element, found '}'; '[' at 1:1 is not closed")
    }

    func testControlCharacterInString() throws {
        let error = try XCTUnwrap(rejection("[\"é\u{01}b\"]"))
        XCTAssertEqual(error.message, "unescaped control character U+0001 in a string; write it as \\u0001")
        XCTAssertEqual(error.start, loc(1, 4, 4))
        XCTAssertEqual(error.end, loc(1, 5, 5))

        let tab = try XCTUnwrap(rejection("[\"a\tb\"]"))
        XCTAssertEqual(tab.message, "unescaped tab in a string; write it as \\t")
    }

    func testCommentsAreRefused() throws {
        let line = try XCTUnwrap(rejection("// note\n{}"))
        XCTAssertEqual(line.message, "comments are not allowed in JSON")
        XCTAssertEqual(line.start, loc(1, 1, 0))
        XCTAssertEqual(line.end, loc(1, 8, 7))

        let block = try XCTUnwrap(rejection("{\"a\": 1 /* x\n y */}"))
        XCTAssertEqual(block.message, "comments are not allowed in JSON")
        XCTAssertEqual(block.start, loc(1, 9, 8))
        XCTAssertEqual(block.end, loc(2, 6, 18))
    }

    func testOtherErrorMessagesAndPositions() throws {
        let cases: [(String, String, SourceLocation)] = [
            ("", "unexpected end of file; expected a JSON value", loc(1, 1, 0)),
            ("  \n", "unexpected end of file; expected a JSON value", loc(2, 1, 3)),
            ("{} {}", "expected the end of the file after the JSON value, found '{'; a JSON file holds exactly one value", loc(1, 4, 3)),
            ("[01]", "numbers must not have leading zeros", loc(1, 2, 1)),
            ("[1.]", "expected a digit after '.' in a number, found ']'", loc(1, 4, 3)),
            ("[.5]", "expected a value or ']', found '.'; numbers need a digit before '.'", loc(1, 2, 1)),
            ("[+1]", "expected a value or ']', found '+'; numbers must not start with '+'", loc(1, 2, 1)),
            ("[-x]", "expected a digit after '-', found 'x'", loc(1, 3, 2)),
            ("[1.\n]", "expected a digit after '.' in a number, found a line break", loc(1, 4, 3)),
            ("[- 1]", "expected a digit after '-', found a space", loc(1, 3, 2)),
            ("[1e]", "expected a digit in the number's exponent, found ']'", loc(1, 4, 3)),
            ("[NaN]", "expected a value or ']', found 'NaN'; NaN is not allowed in JSON", loc(1, 2, 1)),
            ("[True]", "expected a value or ']', found 'True'; JSON literals are lowercase", loc(1, 2, 1)),
            ("[tru]", "expected a value or ']', found 'tru'", loc(1, 2, 1)),
            ("['a']", "expected a value or ']', found '''; JSON strings and keys use double quotes", loc(1, 2, 1)),
            ("{a: 1}", "expected a string key or '}', found 'a'; object keys must be strings in double quotes", loc(1, 2, 1)),
            ("{\"a\" 1}", "expected ':' after the object key, found '1'", loc(1, 6, 5)),
            ("[\"\\x\"]", "invalid escape '\\x' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", loc(1, 3, 2)),
            ("[\"\\u12G4\"]", "invalid \\u escape in a string: expected 4 hexadecimal digits", loc(1, 3, 2)),
            ("[\u{A0}1]", "expected a value or ']', found U+00A0 (not JSON whitespace)", loc(1, 2, 1)),
        ]
        for (text, message, start) in cases {
            let error = try XCTUnwrap(rejection(text))
            XCTAssertEqual(error.message, message, text.debugDescription)
            XCTAssertEqual(error.start, start, text.debugDescription)
        }
    }

    /// Strings are scanned eight bytes at a time: every byte value, at every position
    /// of a word and near the end of the file, is still accepted or refused exactly,
    /// at its own column, and long plain strings and indentation keep their positions.
    func testStringScanStopsAtEveryByteItMustInEveryPosition() throws {
        for position in 0..<17 {
            for tail in [0, 1, 9] {
                for value in 0...255 {
                    let byte = UInt8(value)
                    let plainPrefix = [UInt8](repeating: 0x61, count: position)
                    let bytes = [0x5B, 0x22] + plainPrefix + [byte] + [UInt8](repeating: 0x71, count: tail) + [0x22, 0x5D]
                    let result = parse(bytes: bytes)
                    let context = "byte 0x\(String(value, radix: 16)) at \(position), tail \(tail)"
                    if byte >= 0x20, byte < 0x80, byte != 0x22, byte != 0x5C {
                        let item = try XCTUnwrap(result.root?.sequenceItems?.first, context)
                        XCTAssertEqual(item.stringValue.map { Array($0.utf8) }, plainPrefix + [byte] + [UInt8](repeating: 0x71, count: tail), context)
                        XCTAssertEqual(item.range.end, loc(1, position + tail + 5, position + tail + 4), context)
                        continue
                    }
                    let error = try XCTUnwrap(syntaxErrors(result).first, context)
                    XCTAssertTrue(result.documents.isEmpty, context)
                    if byte == 0x5C, tail == 0 {  // `\"` escapes the closing quote
                        XCTAssertTrue(error.message.hasPrefix("unterminated string"), "\(context): \(error.message)")
                        continue
                    }
                    // The string ends early at '"'; every other byte ('\q' included) is refused where it stands.
                    let column = byte == 0x22 ? position + 4 : position + 3
                    XCTAssertEqual(error.range.start, loc(1, column, column - 1), "\(context): \(error.message)")
                }
            }
        }
        let long = String(repeating: "abcdefgh", count: 9) + "é" + String(repeating: "x", count: 13)
        let root = try XCTUnwrap(parse("{\n" + String(repeating: " ", count: 19) + "\"\(long)\":\t\(String(repeating: " ", count: 9))\"\\n\(long)\"\n}").root)
        let entry = try XCTUnwrap(root.mappingEntries?.first)
        XCTAssertEqual(entry.key.stringValue, long)
        XCTAssertEqual(entry.value.stringValue, "\n" + long)
        XCTAssertEqual(entry.key.range, SourceRange(start: loc(2, 20, 21), end: loc(2, 108, 110)))
        XCTAssertEqual(entry.value.range, SourceRange(start: loc(2, 119, 121), end: loc(2, 209, 212)))
    }

    /// Repeated strings share one `String`; strings that differ anywhere (the middle of
    /// a long one, one byte of a short one, an escape, the length) must not.
    func testRepeatedAndNearlyRepeatedStringsKeepTheirOwnText() throws {
        var texts: [String] = []
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 24, 40] {
            let base = (0..<length).map { "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF".map(String.init)[$0 % 42] }.joined()
            texts.append(base)
            texts.append(base)
            for k in 0..<length {  // one byte changed, at every position
                var bytes = Array(base.utf8)
                bytes[k] = UInt8(ascii: "_")
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
            texts.append(base + "é")
            texts.append("é" + base)
        }
        texts.append("tab\there")
        texts.append("tab\\there")
        let document = "[" + texts.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t") + "\"" }.joined(separator: ", ") + "]"
        let items = try XCTUnwrap(parse(document).root?.sequenceItems)
        XCTAssertEqual(items.map { $0.stringValue ?? "<nil>" }, texts)
        for file in ["\"ab\"", "\"\"", "\"abcdefg\"", "\"abcdefgh\"", "{\"a\":\"a\"}", "[\"x\",\"x\"]"] {
            let root = try XCTUnwrap(parse(file).root, file)
            XCTAssertTrue(syntaxErrors(parse(file)).isEmpty, file)
            if let text = root.stringValue { XCTAssertEqual("\"" + text + "\"", file) }
        }
    }

    func testInvalidUTF8IsASyntaxErrorWithPosition() throws {
        let result = parse(bytes: Array("[\"é".utf8) + [0xFF] + Array("\"]".utf8))
        let error = try XCTUnwrap(syntaxErrors(result).first)
        XCTAssertTrue(error.message.contains("invalid UTF-8"), error.message)
        XCTAssertEqual(error.range.start, loc(1, 4, 4))

        let outside = try XCTUnwrap(syntaxErrors(parse(bytes: [0x5B, 0xC0, 0x5D])).first)
        XCTAssertEqual(outside.message, "expected a value or ']', found invalid UTF-8 byte 0xC0")
        XCTAssertEqual(outside.range.start, loc(1, 2, 1))
    }

    /// Every prefix and every one-byte deletion of a document full of position traps
    /// either parses with consistent positions or fails once at a consistent position.
    func testDamagedDocumentsFailAtConsistentPositions() throws {
        let text = "\u{FEFF}{\n  \"ключ\": [1, -2.5e3, \"a\\u00e9\\ud83d\\ude00 😀\", true],\r\n"
            + "  \"b\": {\"c\": null, \"c\": \"é\"}\r  , \"d\": [[], {}, \"\\\"\"]\n}\n"
        let bytes = Array(text.utf8)
        XCTAssertNotNil(parse(bytes: bytes).root)
        var variants = (0..<bytes.count).map { Array(bytes[..<$0]) }
        variants += bytes.indices.map { index in
            var damaged = bytes
            damaged.remove(at: index)
            return damaged
        }
        var accepted = 0
        for variant in variants {
            let file = SourceFile(id: SourceID(path: "damaged.json"), bytes: variant)
            let result = JSONReader.parse(file)
            let errors = syntaxErrors(result)
            if let root = result.root {
                accepted += 1
                XCTAssertEqual(errors.count, 0)
                XCTAssertEqual(positionMismatches(root, in: file), [])
            } else {
                XCTAssertEqual(errors.count, 1)
                if let error = errors.first {
                    XCTAssertEqual(errorPositionProblems(error, in: file), [], String(decoding: variant, as: UTF8.self))
                }
            }
        }
        XCTAssertGreaterThan(accepted, 10)
    }

    // MARK: - Depth

    func testDeepArrayNestingIsAnErrorNotACrash() throws {
        let error = try XCTUnwrap(rejection(String(repeating: "[", count: 100_000)))
        XCTAssertEqual(error.message, "nesting deeper than 1000 levels")
        XCTAssertEqual(error.start, loc(1, 1001, 1000))
    }

    func testDeepObjectNestingIsAnErrorNotACrash() throws {
        let error = try XCTUnwrap(rejection(String(repeating: "{\"a\":", count: 100_000)))
        XCTAssertEqual(error.message, "nesting deeper than 1000 levels")
        XCTAssertEqual(error.start, loc(1, 5001, 5000))
    }

    func testNestingUpToTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
        XCTAssertNotNil(parse(text).root)
        XCTAssertEqual(rejection(text, maxDepthHint: 999)?.message, "nesting deeper than 999 levels")
    }

    /// The reader may run on secondary threads with small stacks.
    func testDeepInputOnA512KBStackThread() throws {
        let done = expectation(description: "parsed on a small stack")
        let deepest = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
        let tooDeep = String(repeating: "{\"a\":[", count: 100_000)
        let thread = Thread {
            let accepted = JSONReader.parse(SourceFile(id: SourceID(path: "deep.json"), text: deepest))
            let refused = JSONReader.parse(SourceFile(id: SourceID(path: "deep.json"), text: tooDeep))
            XCTAssertNotNil(accepted.root)
            XCTAssertTrue(refused.hasErrors)
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 60)
    }

    // MARK: - Decoding

    func testEscapesAndSurrogatePairsAreDecoded() throws {
        let root = try XCTUnwrap(parse(#"["\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00", "plain é"]"#).root)
        let items = try XCTUnwrap(root.sequenceItems)
        XCTAssertEqual(items[0].stringValue, "\"\\/\u{8}\u{C}\n\r\té€😀")
        XCTAssertEqual(items[1].stringValue, "plain é")
        XCTAssertEqual(items[1].range.end.column - items[1].range.start.column, 9)
    }

    func testLoneSurrogatesDecodeAsReplacementCharacter() throws {
        let cases: [(String, String)] = [
            (#"["\ud800"]"#, "\u{FFFD}"),
            (#"["\udc00A"]"#, "\u{FFFD}A"),
            (#"["\ud800\u0041"]"#, "\u{FFFD}A"),
            (#"["\ude00\ud83d"]"#, "\u{FFFD}\u{FFFD}"),
            (#"["\ud800\n"]"#, "\u{FFFD}\n"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(parse(text).root?.sequenceItems?.first?.stringValue, expected, text)
        }
    }

    func testScalarKindsAndNumberText() throws {
        let items = try XCTUnwrap(parse("[-0.5e+10, 0, 1E-2, true, false, null, \"\"]").root?.sequenceItems)
        XCTAssertEqual(
            items.map(\.scalar),
            [
                Scalar("-0.5e+10", kind: .number), Scalar("0", kind: .number), Scalar("1E-2", kind: .number),
                Scalar("true", kind: .bool), Scalar("false", kind: .bool), Scalar("null", kind: .null),
                Scalar("", kind: .string),
            ])
        XCTAssertEqual(parse(" 42 ").root?.scalar, Scalar("42", kind: .number))
    }

    // MARK: - JSONPointer

    func testJSONPointerEscapingAndResolution() throws {
        let pointer = JSONPointer.root / "workspace" / "actions" / 3 / "steps" / 0 / "resolver"
        XCTAssertEqual(pointer.string, "/workspace/actions/3/steps/0/resolver")
        XCTAssertEqual(JSONPointer.root.string, "")
        XCTAssertEqual((JSONPointer.root / "a/b~c" / "").string, "/a~1b~0c/")
        XCTAssertEqual(JSONPointer.escape("~1"), "~01")
        XCTAssertEqual(JSONPointer.unescape("~01"), "~1")
        XCTAssertNil(JSONPointer.unescape("~2"))
        XCTAssertEqual(JSONPointer(parsing: "/a~1b~0c/0")?.components, [.key("a/b~c"), .key("0")])
        XCTAssertNil(JSONPointer(parsing: "a"))

        let root = try XCTUnwrap(parse(#"{"a/b": [{"x": 1}, {"~": true}], "": 2}"#).root)
        XCTAssertEqual(JSONPointer(parsing: "/a~1b/1/~0")?.resolve(in: root)?.scalar?.text, "true")
        XCTAssertEqual((JSONPointer.root / "a/b" / 0 / "x").resolve(in: root)?.scalar?.text, "1")
        XCTAssertEqual(JSONPointer(parsing: "/")?.resolve(in: root)?.scalar?.text, "2")
        XCTAssertNil(JSONPointer(parsing: "/a~1b/01")?.resolve(in: root))
        XCTAssertNil(JSONPointer(parsing: "/a~1b/2")?.resolve(in: root))
    }
}

extension JSONReaderTests {
    func rejection(_ text: String, maxDepthHint: Int) -> (message: String, start: SourceLocation, end: SourceLocation)? {
        let result = parse(text, maxDepth: maxDepthHint)
        guard let error = syntaxErrors(result).first, result.documents.isEmpty else { return nil }
        return (error.message, error.range.start, error.range.end)
    }
}
