import CXLintSyntax
import CXLintTestSupport
import Foundation
import XCTest

/// A sparse read must report what a whole read reports and keep exactly the nodes a
/// whole read makes, wherever it keeps one; what it leaves unread reads back whole.
final class JSONSparseReadingTests: XCTestCase {
    func file(_ text: String) -> SourceFile {
        SourceFile(id: SourceID(path: "test.json"), text: text)
    }

    /// Every offset of `$` in the file: the sites of these tests.
    func dollars(_ file: SourceFile) -> [Int] {
        file.bytes.indices.filter { file.bytes[$0] == UInt8(ascii: "$") }
    }

    func sparse(_ file: SourceFile, keptDepth: Int = 1) -> ParseResult {
        JSONReader.parse(file, sparse: SparseReading(sites: dollars(file), keptDepth: keptDepth))
    }

    /// The sparse read of `file` agrees with its whole read; returns the sparse root.
    @discardableResult
    func assertAgrees(_ file: SourceFile, keptDepth: Int = 1, _ name: String = "", line: UInt = #line) throws -> Node? {
        XCTAssertSparseReadAgrees(file, SparseReading(sites: dollars(file), keptDepth: keptDepth), name, line: line).root
    }

    /// The comparison the other tests rely on tells apart what differs in text, kind or position.
    func testSameTreeTellsTreesApart() throws {
        let base = try XCTUnwrap(JSONReader.parse(file(#"{"a": [1, "x"]}"#)).root)
        XCTAssertTrue(base.isSame(as: base))
        for other in [#"{"a": [1, "y"]}"#, #"{"a": [1,  "x"]}"#, #"{"b": [1, "x"]}"#, #"{"a": [1, "x", 2]}"#, #"{"a": {"1": "x"}}"#] {
            XCTAssertFalse(base.isSame(as: try XCTUnwrap(JSONReader.parse(file(other)).root)), other)
        }
        XCTAssertFalse(base.isSame(as: try XCTUnwrap(sparse(file(#"{"a": [1, "x"]}"#), keptDepth: 1).root)))
    }

    func testContainersWithoutSitesBelowTheKeptDepthAreUnread() throws {
        let text = #"{"a": {"b": [1, {"c": "d"}]}, "e": [true, null], "f": "g"}"#
        let root = try XCTUnwrap(try assertAgrees(file(text)))
        XCTAssertEqual(root["f"]?.stringValue, "g")
        guard case .unread(isMapping: true) = root["a"]?.value else { return XCTFail("\"a\" was kept") }
        guard case .unread(isMapping: false) = root["e"]?.value else { return XCTFail("\"e\" was kept") }
        XCTAssertEqual(root["a"]?.kindDescription, "a mapping")
        XCTAssertEqual(root["a"]?.range.start.column, 7)
        XCTAssertEqual(root["a"]?.range.end.column, 29)
    }

    /// The innermost container holding a site is kept whole, its members read before the
    /// site included (the unread object before it, the escaped string, the number); every
    /// container around it is kept, and what holds no site beside them is not.
    func testAroundASiteEverythingReadBeforeItIsReadAgain() throws {
        let text = #"{"x": [{"skip": [1]}, {"a": {"t": "\u00e9\n", "n": -12.5e3, "o": {"p": [1, "q"]}, "s": "tab\t$"}, "b": [2]}]}"#
        let root = try XCTUnwrap(try assertAgrees(file(text)))
        let holder = try XCTUnwrap(root["x"]?.sequenceItems?[1])
        XCTAssertEqual(holder["a"]?["t"]?.stringValue, "é\n")
        XCTAssertEqual(holder["a"]?["n"]?.scalar?.text, "-12.5e3")
        XCTAssertEqual(holder["a"]?["o"]?["p"]?.sequenceItems?.count, 2)
        XCTAssertEqual(holder["a"]?["s"]?.stringValue, "tab\t$")
        guard case .unread = holder["b"]?.value else { return XCTFail("\"b\" holds no site and was kept") }
        guard case .unread = root["x"]?.sequenceItems?[0].value else { return XCTFail("the first item holds no site and was kept") }
        XCTAssertEqual(unreadCount(root), 2)
    }

    /// Columns after multi-byte characters stay exact in what is read again.
    func testPositionsOfWhatIsReadAgainCountCharactersNotBytes() throws {
        let text = "{\"ü\": {\"é\": \"ö\", \"k\": 1, \"s\": \"€$\"}}"
        let root = try XCTUnwrap(try assertAgrees(file(text), keptDepth: 0))
        let inner = try XCTUnwrap(root["ü"])
        XCTAssertEqual(inner.entry("k")?.value.range.start.column, 23)
        XCTAssertEqual(inner.entry("s")?.value.range.end.column, 35)
    }

    func testDuplicateKeysInUnreadContainersAreReported() throws {
        let text = """
            {"a": {"b": [{"k": 1, "k": 2}],
                   "c": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0, "9": 0, "5": 1}}}
            """
        try assertAgrees(file(text))
        let diagnostics = sparse(file(text)).diagnostics
        XCTAssertEqual(diagnostics.map(\.rule), [SyntaxRuleID.duplicateKey, SyntaxRuleID.duplicateKey])
        XCTAssertEqual(diagnostics.map { "\($0.range.start.line):\($0.range.start.column)" }, ["1:23", "2:86"])
    }

    /// Unread keys are compared by their bytes, or by their text when one has escapes.
    func testDuplicateKeysSpeltWithEscapesInUnreadContainers() throws {
        for text in [#"{"a": {"b": {"k": 1, "\u006b": 2}}}"#, #"{"a": {"b": {"\u006b": 1, "k": 2}}}"#, #"{"a": {"b": {"\n": 1, "\u000a": 2}}}"#,
                     #"{"a": {"b": {"": 1, "": 2}}}"#, #"{"a": {"b": {"é": 1, "\u00e9": 2, "e\u0301": 3}}}"#] {
            try assertAgrees(file(text), text)
            XCTAssertEqual(sparse(file(text)).diagnostics.map(\.rule), [SyntaxRuleID.duplicateKey], text)
        }
        let many = "{\"a\": {" + (0..<12).map { "\"k\($0)\": 0, " }.joined() + #""\u006b3": 1, "k\u0031": 2}}"#
        try assertAgrees(file(many), many)
        XCTAssertEqual(sparse(file(many)).diagnostics.map(\.message), [
            #"duplicate key "k3" (first defined at line 1); JSON readers keep only the last, remove one"#,
            #"duplicate key "k1" (first defined at line 1); JSON readers keep only the last, remove one"#,
        ])
    }

    /// A site in a key keeps its object; the keys read before it and those of the
    /// containers around it are made.
    func testASiteInAKeyKeepsItsObject() throws {
        let text = #"{"a": [{"x": {"y": 1}, "$k": {"z": [2]}, "w": "v"}], "b": {"c": 3}}"#
        let root = try XCTUnwrap(try assertAgrees(file(text)))
        let object = try XCTUnwrap(root["a"]?.sequenceItems?.first)
        XCTAssertEqual(object.mappingEntries?.map(\.keyText), ["x", "$k", "w"])
        XCTAssertEqual(object["x"]?["y"]?.scalar?.text, "1")
        XCTAssertEqual(object["$k"]?["z"]?.sequenceItems?.count, 1)
        guard case .unread = root["b"]?.value else { return XCTFail("\"b\" holds no site and was kept") }
    }

    /// Unread containers of every shape: nested, empty, numbers, literals, escapes and
    /// multi-byte text in values, a large object; each is one unread node after which
    /// positions go on exactly.
    func testUnreadContainersOfEveryShapeAgree() throws {
        let large = "{" + (0..<70).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let text = #"{"a": [{"b": [], "c": {}, "d": [[1, -2.5e+3, true, false, null], {"e": "\u00e9\n\"ü"}]}, "#
            + "\n  " + large + #", "€"], "z": "after"}"#
        let root = try XCTUnwrap(try assertAgrees(file(text)))
        guard case .unread(isMapping: false) = root["a"]?.value else { return XCTFail("\"a\" was kept") }
        XCTAssertEqual(root.entry("z")?.value.range.start.line, 2)
        let depthLimited = #"{"a": [[[[[[1]]]]]], "b": 2}"#
        for maxDepth in 1...8 {
            XCTAssertSparseReadAgrees(file(depthLimited), SparseReading(sites: [], keptDepth: 1), maxDepth: maxDepth, "maxDepth \(maxDepth)")
        }
    }

    /// The skip (`cxl_json_skip`) takes spaces sixteen at a time: runs of every length
    /// around that, tabs, LF, CRLF and lone CR line ends, multi-byte text before a line
    /// end, and the file's last bytes (fewer than sixteen left) keep positions exact.
    func testWhitespaceOfEveryLayoutInUnreadContainers() throws {
        for lineEnd in ["\n", "\r\n", "\r", "\t"] {
            for width in [0, 1, 2, 7, 15, 16, 17, 31, 32, 33, 47] {
                let pad = String(repeating: " ", count: width)
                let inner = "[" + lineEnd + pad + "\"é€\"," + lineEnd + pad + "{\"k\":" + pad + "1," + pad + "\"l\"" + pad + ":" + lineEnd + "[]}" + lineEnd + pad + "]"
                let unread = try XCTUnwrap(try assertAgrees(file("{\"a\": " + inner + pad + ", \"b\": 1}"), "width \(width)"))
                guard case .unread = unread["a"]?.value else { return XCTFail("\"a\" was kept (width \(width))") }
                try assertAgrees(file("[" + inner + lineEnd + pad + "]"), "at the end, width \(width)")
            }
        }
    }

    /// Seeded mutations of a nested document (bytes inserted, dropped or replaced with
    /// JSON's own): wherever the skip gives up or goes on, the sparse read agrees with
    /// the whole one, findings and positions included.
    func testSparseReadsAgreeOnMutatedDocuments() throws {
        let lines = [
            #"{"name": "Northwind", "workspace": {"actions": ["#,
            #"    {"steps": [{"step": "s1", "output": {"generic": [{"text": "caf\u00e9 – ünïcode\n", "n": -1.5e+3}]}},"#,
            #"               {"step": "s2", "resolver": {"type": "connect_to_agent", "$": true}, "flags": [true, false, null]}],"#,
            "\t\t\"title\": \"Greet\", \"variables\": [{\"variable\": \"v\", \"data_type\": \"any\"}, {}], \"a\": [[], [[0]]]},",
            #"    {"steps": [], "title": "Other", "condition": {"expression": "${x} == 'y'"}}]}}"#,
        ]
        let alphabet = Array(#"{}[],:" \/ntfrue0123456789-+.eE$é"#.utf8) + [0x0A, 0x0D, 0x09, 0x00, 0xC3, 0xFF]
        var generator = SplitMix(seed: 17)
        for lineEnd in ["\n", "\r\n"] {
            let document = Array(lines.joined(separator: lineEnd).utf8)
            for round in 0..<600 {
                var bytes = document
                for _ in 0..<(1 + round % 3) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    let byte = alphabet.randomElement(using: &generator)!
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes.insert(byte, at: at)
                    case 1: bytes.remove(at: at)
                    default: bytes[at] = byte
                    }
                }
                let source = SourceFile(id: SourceID(path: "mutated.json"), bytes: bytes)
                for keptDepth in [1, 3] {
                    XCTAssertSparseReadAgrees(source, SparseReading(sites: dollars(source), keptDepth: keptDepth), "round \(round), depth \(keptDepth)")
                }
            }
        }
    }

    func testSyntaxErrorsInUnreadContainersAreReportedWhereTheyAre() throws {
        for text in [#"{"a": {"b": [1, 2,]}}"#, #"{"a": {"b": "\x"}}"#, #"{"a": {"b": 01}}"#, "{\"a\": {\"b\": \"\u{1}\"}}", #"{"a": {"b": [1}}"#] {
            try assertAgrees(file(text), text)
            XCTAssertEqual(sparse(file(text)).diagnostics.count, 1, text)
        }
    }

    func testAPointerIntoAnUnreadContainerIsFoundThroughIt() throws {
        let source = file(#"{"a": [{"b": {"c": "d"}}], "e": 1}"#)
        let root = try XCTUnwrap(sparse(source).root)
        let offset = try XCTUnwrap(source.bytes.firstIndex(of: UInt8(ascii: "d")))
        XCTAssertEqual(JSONPointer.locate(offset: offset, in: root, file: source).string, "/a/0/b/c")
        XCTAssertEqual(JSONPointer.locate(offset: offset, in: root).string, "/a")
    }

    /// Every JSONTestSuite file, every `"` a site: the sparse read agrees with the whole one.
    func testSparseReadsAgreeOnJSONTestSuite() throws {
        let folder = try SharedData.jsonTestSuite.require()
        let urls = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "json" }
        XCTAssertGreaterThan(urls.count, 300)
        for url in urls {
            let source = SourceFile(id: SourceID(path: url.lastPathComponent), bytes: Array(try Data(contentsOf: url)))
            let quotes = source.bytes.indices.filter { source.bytes[$0] == UInt8(ascii: "\"") }
            for sites in [[], quotes, quotes.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)] {
                XCTAssertSparseReadAgrees(source, SparseReading(sites: sites, keptDepth: 1), url.lastPathComponent)
            }
        }
    }
}

