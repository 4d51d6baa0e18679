import Dispatch
import XCTest
@testable import CXLintSyntax

final class XMLReaderTests: XCTestCase {
    static let studioExport = """
    <?xml version="1.0" encoding="utf-8"?>
    <ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <Actions>
        <ActionStruct>
          <ActionID>2</ActionID>
          <Action>SIPPUTHEADER</Action>
          <Caption>Set Contact ID</Caption>
          <Parameters><string>X-ContactID</string><string>{ContactId}</string></Parameters>
          <DefaultNextAction><Text /><ActionID>3</ActionID><Index>0</Index><Segments /></DefaultNextAction>
          <Branches><BranchStruct><Text>OnError</Text><ActionID>9</ActionID><Index>0</Index><Segments /></BranchStruct></Branches>
          <Cases />
        </ActionStruct>
      </Actions>
    </ScriptContainer>

    """

    // MARK: Helpers

    func parse(_ text: String, maxDepth: Int = 256) -> (SourceFile, ParseResult) {
        let file = SourceFile(id: SourceID(path: "t.xml"), text: text)
        return (file, XMLReader.parse(file, maxDepth: maxDepth))
    }

    func parseBytes(_ bytes: [UInt8]) -> (SourceFile, ParseResult) {
        let file = SourceFile(id: SourceID(path: "t.xml"), bytes: bytes)
        return (file, XMLReader.parse(file))
    }

    func assertLocation(_ loc: SourceLocation, _ line: Int, _ column: Int, _ offset: Int,
                        file: StaticString = #filePath, line testLine: UInt = #line) {
        XCTAssertEqual([loc.line, loc.column, loc.offset], [line, column, offset], file: file, line: testLine)
    }

    func firstElement(_ node: Node, named name: String) -> Node? {
        if node.element?.name == name { return node }
        for child in node.element?.children ?? [] {
            if let found = firstElement(child, named: name) { return found }
        }
        return nil
    }

    func allText(_ node: Node) -> [String] {
        switch node.value {
        case .text(let t): return [t]
        case .element(let e): return e.attributes.map(\.value) + e.children.flatMap(allText)
        default: return []
        }
    }

    func singleError(_ result: ParseResult, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        XCTAssertTrue(result.documents.isEmpty, "documents on error", file: file, line: line)
        XCTAssertEqual(result.diagnostics.count, 1, "\(result.diagnostics)", file: file, line: line)
        XCTAssertEqual(result.diagnostics.first?.rule, SyntaxRuleID.syntaxError, file: file, line: line)
        return result.diagnostics.first
    }

    // MARK: Structure and positions

    func testStudioExportTreeAndPositions() throws {
        let (file, result) = parse(Self.studioExport)
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root.element?.name, "ScriptContainer")
        XCTAssertEqual(root.element?.attributes.map(\.name), ["xmlns:xsd", "xmlns:xsi"])
        // Root: line 2 to the end of </ScriptContainer> on line 14.
        assertLocation(root.range.start, 2, 1, 39)
        XCTAssertEqual(file.text(of: root.element!.startTagRange).hasPrefix("<ScriptContainer "), true)
        XCTAssertTrue(file.text(of: root.element!.startTagRange).hasSuffix("-instance\">"))
        XCTAssertTrue(file.text(of: root.range).hasSuffix("</ScriptContainer>"))
        XCTAssertEqual(root.element?.attributes.first?.range, root.element?.startTagRange)
        // Indentation between elements is dropped.
        XCTAssertEqual(root.element?.children.count, 1)

        let action = try XCTUnwrap(root.child(named: "Actions")?.child(named: "ActionStruct"))
        XCTAssertEqual(action.childElements.map(\.name),
                       ["ActionID", "Action", "Caption", "Parameters", "DefaultNextAction", "Branches", "Cases"])
        let parameters = try XCTUnwrap(action.child(named: "Parameters"))
        let first = try XCTUnwrap(parameters.childElementNodes.first)
        XCTAssertEqual(first.textContent, "X-ContactID")
        // `      <Parameters><string>X-ContactID</string>` is line 8; X at column 27.
        let lineStart = file.lineStarts[7]
        assertLocation(first.textContentRange.start, 8, 27, lineStart + 26)
        assertLocation(first.textContentRange.end, 8, 38, lineStart + 37)
        assertLocation(first.range.start, 8, 19, lineStart + 18)
        assertLocation(first.range.end, 8, 47, lineStart + 46)
        assertLocation(first.element!.startTagRange.end, 8, 27, lineStart + 26)
        assertLocation(parameters.range.start, 8, 7, lineStart + 6)
        XCTAssertEqual(file.text(of: parameters.range),
                       "<Parameters><string>X-ContactID</string><string>{ContactId}</string></Parameters>")

        let next = try XCTUnwrap(action.child(named: "DefaultNextAction"))
        let text = try XCTUnwrap(next.child(named: "Text"))
        XCTAssertEqual(file.text(of: text.range), "<Text />")
        XCTAssertEqual(text.element?.startTagRange, text.range)
        XCTAssertEqual(text.element?.children.count, 0)
        XCTAssertEqual(text.textContentRange, .point(text.range.end))
        XCTAssertEqual(next.child(named: "ActionID")?.textContent, "3")
        XCTAssertEqual(file.text(of: action.child(named: "Cases")!.range), "<Cases />")
        XCTAssertEqual(file.text(of: action.child(named: "Caption")!.textContentRange), "Set Contact ID")
    }

    func testPositionsWithXMLDeclarationAndLeafWhitespace() throws {
        let (file, result) = parse("<?xml version=\"1.0\"?>\n<A>\n  <B>  </B>\n</A>")
        let root = try XCTUnwrap(result.root)
        assertLocation(root.range.start, 2, 1, 22)
        assertLocation(root.range.end, 4, 5, 42)
        let b = try XCTUnwrap(root.child(named: "B"))
        XCTAssertEqual(b.textContent, "  ")
        XCTAssertEqual(file.text(of: b.textContentRange), "  ")
        assertLocation(b.textContentRange.start, 3, 6, 31)
    }

    func testMultiByteCharactersKeepExactColumns() throws {
        let source = "<Aé ñ=\"€\" >x€€€<Bé/>z&#233;&amp;w<!--€--><ñame>é€x</ñame>v</Aé >"
        let (file, result) = parse(source)
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(file.text(of: root.range), source)
        XCTAssertEqual(file.text(of: root.element!.startTagRange), "<Aé ñ=\"€\" >")
        XCTAssertEqual(root.element?.attributes.first?.value, "€")
        let texts = root.element!.children.filter { $0.element == nil }
        XCTAssertEqual(texts.map(\.textContent), ["x€€€", "zé&w", "v"])
        XCTAssertEqual(texts.map { file.text(of: $0.range) }, ["x€€€", "z&#233;&amp;w", "v"])
        let name = try XCTUnwrap(root.child(named: "ñame"))
        XCTAssertEqual(file.text(of: name.range), "<ñame>é€x</ñame>")
        // `<Aé ñ="€" >x€€€<Bé/>z&#233;&amp;w<!--€--><ñame>` is 47 scalars, 61 bytes.
        assertLocation(name.textContentRange.start, 1, 48, 61)
        assertLocation(name.textContentRange.end, 1, 51, 67)
        XCTAssertEqual(file.text(of: texts[2].range), "v")
        assertLocation(texts[2].range.start, 1, 58, 75)
        XCTAssertEqual(result.comments.map { file.text(of: $0.range) }, ["<!--€-->"])
    }

    func testCRLFLineEndings() throws {
        let source = "<?xml version=\"1.0\"?>\r\n<A>\r\n  <string>X-Contact-ID</string>\r\n  <B>é\r\nz</B>\r\n</A>\r\n"
        let (file, result) = parse(source)
        let root = try XCTUnwrap(result.root)
        let s = try XCTUnwrap(root.child(named: "string"))
        assertLocation(s.textContentRange.start, 3, 11, 38)
        assertLocation(s.textContentRange.end, 3, 23, 50)
        XCTAssertEqual(file.text(of: s.textContentRange), "X-Contact-ID")
        let b = try XCTUnwrap(root.child(named: "B"))
        XCTAssertEqual(b.textContent, "é\nz")
        XCTAssertEqual(file.text(of: b.range), "<B>é\r\nz</B>")
        assertLocation(b.range.end, 5, 6, 75)
        assertLocation(root.range.end, 6, 5, 81)
    }

    func testCDATAPositionsAndDriftAfterIt() throws {
        let source = "<A><B>x<![CDATA[é\r\n€<]]>y</B><C>q</C></A>"
        let (file, result) = parse(source)
        let root = try XCTUnwrap(result.root)
        let b = try XCTUnwrap(root.child(named: "B"))
        XCTAssertEqual(b.textContent, "xé\n€<y")
        XCTAssertEqual(file.text(of: b.textContentRange), "x<![CDATA[é\r\n€<]]>y")
        let c = try XCTUnwrap(root.child(named: "C"))
        XCTAssertEqual(file.text(of: c.range), "<C>q</C>")
        let (file2, result2) = parse("<A><![CDATA[a&b]]></A>")
        XCTAssertEqual(file2.text(of: result2.root!.textContentRange), "a&b")
    }

    func testCommentsAndBOM() throws {
        let source = "\u{FEFF}<!-- cxlint-disable foo -->\n<A><!--é--><B/><!-- x --></A>\n<!-- end -->"
        let (file, result) = parse(source)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.comments.map(\.text), [" cxlint-disable foo ", "é", " x ", " end "])
        XCTAssertEqual(result.comments.map { file.text(of: $0.range) },
                       ["<!-- cxlint-disable foo -->", "<!--é-->", "<!-- x -->", "<!-- end -->"])
        assertLocation(result.comments[0].range.start, 1, 1, 3)  // the BOM is not a column
        assertLocation(result.comments[1].range.start, 2, 4, 34)
        assertLocation(result.comments[1].range.end, 2, 12, 43)
        assertLocation(try XCTUnwrap(result.root).range.start, 2, 1, 31)
    }

    func testDoctypeIsSkippedForRootPosition() throws {
        let (file, result) = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE A [ <!ENTITY e \"v>\"> ]>\n<A>&e;</A>")
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(file.text(of: root.range), "<A>&e;</A>")
        // FoundationXML on Linux drops the replacement text of user-defined entities.
        XCTAssertFalse(root.textContent.contains(">"))
    }

    // MARK: Errors

    func testMismatchedTag() throws {
        let (_, result) = parse("<A>\n  <Parameters><string>x</string></Parametrs>\n</A>\n")
        let d = try XCTUnwrap(singleError(result))
        XCTAssertEqual(d.message, "mismatched end tag: expected </Parameters> but found </Parametrs>")
        assertLocation(d.range.start, 2, 33, 36)
        assertLocation(d.range.end, 2, 45, 48)
    }

    func testUnclosedRoot() throws {
        let (_, result) = parse("<A>\n  <B>x</B>\n")
        let d = try XCTUnwrap(singleError(result))
        XCTAssertTrue(d.message.contains("<A> opened at 1:1 is not closed"), d.message)
        assertLocation(d.range.start, 2, 11, 14)
    }

    func testGarbageAfterRoot() throws {
        let (_, result) = parse("<A>x</A>\nhello\n")
        let d = try XCTUnwrap(singleError(result))
        XCTAssertEqual(d.message, "extra content after the root element </A>")
        assertLocation(d.range.start, 2, 1, 9)
        let (_, second) = parse("<A>x</A><B/>")
        XCTAssertEqual(try XCTUnwrap(singleError(second)).message, "extra content after the root element </A>")
    }

    func testInvalidUTF8() throws {
        let bytes = Array("<A>\n  <B>ab".utf8) + [0xFF, 0xFE] + Array("cd</B>\n</A>".utf8)
        let (_, result) = parseBytes(bytes)
        let d = try XCTUnwrap(singleError(result))
        XCTAssertTrue(d.message.contains("invalid UTF-8 byte 0xFF"), d.message)
        assertLocation(d.range.start, 2, 8, 11)
        // Invalid bytes in a name crash FoundationXML unless caught first.
        let (_, inName) = parseBytes(Array("<A>\n<B".utf8) + [0xC3] + Array(">x</B></A>".utf8))
        assertLocation(try XCTUnwrap(singleError(inName)).range.start, 2, 3, 6)
    }

    func testUTF16IsRejectedAtStart() throws {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<A>x</A>"
        let withBOM: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let withoutBOM: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [withBOM, withoutBOM] {
            let d = try XCTUnwrap(singleError(parseBytes(bytes).1))
            XCTAssertTrue(d.message.contains("save it as UTF-8"), d.message)
            assertLocation(d.range.start, 1, 1, 0)
        }
    }

    func testEmptyAndTinyDocuments() throws {
        for source in ["", "  \n", "<A", "<A>", "<?xml version=\"1.0\"?>"] {
            let (_, result) = parse(source)
            XCTAssertNotNil(singleError(result), source)
        }
        XCTAssertEqual(parse("<A/>").1.root?.element?.name, "A")
    }

    func testUndeclaredNamespacePrefixIsKept() throws {
        let (_, result) = parse("<a:A xmlns:b=\"rel\"><c:B/></a:A>")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.root?.childElements.map(\.name), ["c:B"])
    }

    /// libxml2 counts only LF as a line end, SourceFile also a lone CR: positions come from
    /// the parser's byte offset, so they stay exact either way.
    func testLoneCRKeepsPositions() throws {
        let (file, result) = parse("<A>\r<B>x</B>\r</A>")
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(file.text(of: root.range), "<A>\r<B>x</B>\r</A>")
        let b = try XCTUnwrap(firstElement(root, named: "B"))
        XCTAssertEqual(file.text(of: b.range), "<B>x</B>")
        assertLocation(b.range.start, 2, 1, 4)
    }

    func testAttributeReferencesAreDecoded() throws {
        // libxml2 hands attribute values over with each `&` kept as `&#38;` when it does not
        // substitute entities; the reader gives the value as written in the document's terms.
        let (_, result) = parse("<A b=\"x&amp;y&#38;z&lt;&#x26;amp;\" c=\"&amp;#38;\" d=\"plain\"/>")
        XCTAssertEqual(result.diagnostics, [])
        let attributes = try XCTUnwrap(result.root?.element?.attributes)
        XCTAssertEqual(attributes.map(\.name), ["b", "c", "d"])
        XCTAssertEqual(attributes.map(\.value), ["x&y&z<&amp;", "&#38;", "plain"])
    }

    /// FoundationXML, which read XML before libxml2 was called directly, crashed (SEGV, a
    /// strlen of NULL) on a notation or an unparsed entity declared without a public ID.
    func testDTDDeclarationsDoNotCrash() throws {
        let source = """
            <?xml version="1.0"?>
            <!DOCTYPE A [<!ELEMENT A (#PCDATA|B)*><!ATTLIST A d CDATA "x"><!NOTATION n SYSTEM "viewer">
            <!ENTITY u SYSTEM "file:///etc/hostname" NDATA n>]>
            <A><B/></A>
            """
        let (file, result) = parse(source)
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(file.text(of: root.range), "<A><B/></A>")
        assertLocation(root.range.start, 4, 1, 166)
    }

    // MARK: Security and limits

    func testExternalEntitiesAreNeverResolved() throws {
        let secret = try String(contentsOfFile: "/etc/hostname", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try XCTSkipIf(secret.count < 2, "/etc/hostname is too short to tell a leak of it from chance")
        let body = "<?xml version=\"1.0\"?>\n<!DOCTYPE A [\n<!ENTITY x SYSTEM \"file:///etc/hostname\">\n"
            + "<!ENTITY % p SYSTEM \"file:///etc/hostname\">\n]>\n"
        for source in [body + "<A>[&x;]</A>", body + "<A b=\"&x;\">v</A>"] {
            let (_, result) = parse(source)
            let texts = result.documents.flatMap(allText) + result.diagnostics.map(\.message)
            XCTAssertFalse(texts.contains { $0.contains(secret) }, "\(texts)")
        }
    }

    func testBillionLaughsStopsQuickly() throws {
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE lolz [", "<!ENTITY lol0 \"lol\">"]
        for i in 1...10 {
            lines.append("<!ENTITY lol\(i) \"\(String(repeating: "&lol\(i - 1);", count: 10))\">")
        }
        lines += ["]>", "<lolz>&lol10;</lolz>"]
        let start = Date()
        let (_, result) = parse(lines.joined(separator: "\n"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        let d = try XCTUnwrap(singleError(result))
        XCTAssertEqual(d.message, "entity expansion loop or excessive entity expansion")
        // Just past `&lol10;` on line 15.
        assertLocation(d.range.start, 15, 14, 857)
    }

    func testDeepNestingIsAnError() throws {
        let depth = 10_000
        let source = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let d = try XCTUnwrap(singleError(parse(source).1))
        XCTAssertEqual(d.message, "elements are nested more than 256 levels deep")
        assertLocation(d.range.start, 1, 769, 768)
        XCTAssertNotNil(parse(String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)).1.root)
        XCTAssertNil(parse("<a><b><c/></b></a>", maxDepth: 2).1.root)
    }

    // MARK: Threading

    func testConcurrentParsing() {
        let sources = (0..<8).map { i in
            Self.studioExport.replacingOccurrences(of: "<ActionID>2</ActionID>", with: "<ActionID>\(i)</ActionID>")
        }
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var ids: [Int: String] = [:]
        }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let index = i % sources.count
            let result = XMLReader.parse(SourceFile(id: SourceID(path: "f\(index).xml"), text: sources[index]))
            let id = result.root?.child(named: "Actions")?.child(named: "ActionStruct")?.child(named: "ActionID")?.textContent
            box.lock.withLock {
                if box.ids[index] == nil || box.ids[index] == id { box.ids[index] = id ?? "nil" } else { box.ids[index] = "mixed" }
            }
        }
        XCTAssertEqual(box.ids, Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, "\($0)") }))
    }
}
