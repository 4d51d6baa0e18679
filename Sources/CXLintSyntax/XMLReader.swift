import CLibXML2
import CXLintBytes
import Foundation

/// Reads CXone desktop Studio script exports (and other XML) into `Node` trees
/// with exact source positions, through libxml2's SAX2 push parser.
///
/// The parser is set up as FoundationXML's `XMLParser` set it up (which cxlint
/// used before, and whose results the tests pin): the first four bytes create
/// the push context, the rest is one final chunk, errors are recovered from
/// (`XML_PARSE_RECOVER`) so the reader decides which ones stop it, and the same
/// SAX callbacks are set. Unlike FoundationXML, entities are never substituted
/// (no `XML_PARSE_NOENT`) and the network is off (`XML_PARSE_NONET`): with no
/// DTD loading either, libxml2 never opens an external entity or DTD.
///
/// What libxml2 2.9 reports as the input's `line`/`col` (found by experiment):
/// - Lines are 1-based and count LF (a CRLF is one line end; the CR adds a
///   column on the old line, which never matters). Columns are 1-based and
///   point *just past* what the callback consumed, i.e. a half-open end.
/// - Columns count Unicode scalars in most code paths, but count UTF-8 bytes in
///   two: an end tag's name (`</Aé>` reports one column too many for `é`) and a
///   CDATA section (the push parser skips it byte by byte). The surplus lasts to
///   the end of that line; `ColumnDrift` tracks it so later positions stay exact.
///   A UTF-8 BOM is not counted, as in SourceFile.
/// - A start tag is reported *before* its `>` (or `/>` for a self-closing tag):
///   the position points at that `>` or `/`.
/// - An end tag is reported just past its `>`; `<Text />` just past `/>`, with no
///   end-tag name parsed.
/// - Character data is reported just past it; an entity or character reference
///   (`&amp;`, `&#233;`) is its own callback ending just past `;`.
/// - A CDATA section is reported *before* its content is skipped: the position
///   is the first content character; the data is the raw bytes (CRLF kept).
/// - Comments and PIs are reported just past `-->` / `?>`; the document start
///   just past the XML declaration.
///
/// So a node's start is where the previous callback ended. Whitespace outside
/// the root element and a DOCTYPE produce no callback, so only there the
/// reader skips whitespace (and a DOCTYPE declaration) to reach the `<`.
public enum XMLReader {
    public static func parse(_ file: SourceFile, maxDepth: Int = 256) -> ParseResult {
        if let problem = EncodingCheck.problem(in: file) {
            return ParseResult(documents: [], diagnostics: [problem])
        }
        var session = XMLSession(tree: XMLTree(file: file, maxDepth: maxDepth))
        // Fewer than four bytes never reach the parser (it needs four to guess the encoding).
        guard file.bytes.count >= 4 else { return session.tree.finish(parserSucceeded: true, errorCode: 0, at: ParserPosition(nil)) }
        _ = libxml2Ready
        var handler = XMLSession.makeHandler()
        let result = file.bytes.withUnsafeBufferPointer { buffer in
            withUnsafeMutablePointer(to: &session) { sessionPointer -> ParseOutcome in
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                guard let context = xmlCreatePushParserCtxt(&handler, sessionPointer, base, 4, nil) else {
                    return ParseOutcome(succeeded: false, errorCode: Int(XML_ERR_NO_MEMORY.rawValue))
                }
                defer {
                    if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                    xmlFreeParserCtxt(context)
                }
                sessionPointer.pointee.context = context
                xmlCtxtUseOptions(context, Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue))
                // libxml2 reports errors outside a parser context (tree, encoding) only to the
                // thread's structured handler; without one they would be printed on stderr.
                xmlSetStructuredErrorFunc(sessionPointer, XMLSession.structuredError)
                defer { xmlSetStructuredErrorFunc(nil, nil) }
                var code = xmlParseChunk(context, base + 4, Int32(buffer.count - 4), 1)
                if code == Int32(XML_ERR_DOCUMENT_END.rawValue) { code = 0 }
                let lastError = sessionPointer.pointee.lastErrorCode
                return ParseOutcome(succeeded: code == 0, errorCode: lastError ?? Int(code),
                                    position: ParserPosition(context, exact: false))
            }
        }
        return session.tree.finish(parserSucceeded: result.succeeded, errorCode: result.errorCode, at: result.position)
    }

    private struct ParseOutcome {
        var succeeded: Bool
        var errorCode: Int
        var position = ParserPosition(nil)
    }

    /// `xmlInitParser` once per process, before any thread parses.
    private static let libxml2Ready: Void = xmlInitParser()
}

/// One parse: the tree under construction and what the SAX callbacks need besides it.
/// libxml2 hands every callback a pointer to it (the parser's user data).
struct XMLSession {
    var tree: XMLTree
    /// The document's parser context. An entity's replacement text is parsed in a
    /// context of its own, whose callbacks still come here: positions are always read
    /// from this one.
    var context: xmlParserCtxtPtr?
    var names = NameCache()
    /// Set when a reference to a DTD-declared entity is met in content: the next run of
    /// characters (the start of its replacement text) is dropped, as FoundationXML did
    /// on Linux (see `XMLReaderTests.testDoctypeIsSkippedForRootPosition`).
    var skipNextCharacters = false
    /// The code of the last error libxml2 reported, which stands for the parse's outcome.
    var lastErrorCode: Int?

    init(tree: XMLTree) {
        self.tree = tree
    }

    /// Where the document's parser stands.
    var position: ParserPosition { ParserPosition(context) }

    /// Stops the parse (after a callback found a reason to).
    func stop() {
        if let context { xmlStopParser(context) }
    }

    // MARK: Callbacks

    static func session(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLSession> {
        pointer.unsafelyUnwrapped.assumingMemoryBound(to: XMLSession.self)
    }

    /// The SAX2 handler: the callbacks FoundationXML set, minus those that only forwarded
    /// to delegate methods cxlint does not implement or to libxml2 functions that do
    /// nothing without DTD loading (internal and external subset), and the notation and
    /// unparsed-entity declarations, on which FoundationXML crashed.
    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startDocument = { pointer in
            let session = XMLSession.session(pointer)
            session.pointee.tree.startDocument(at: session.pointee.position)
        }
        handler.startElementNs = { pointer, localName, prefix, _, namespaceCount, namespaces, attributeCount, _, attributes in
            let session = XMLSession.session(pointer)
            let name = session.pointee.names.qualifiedName(prefix, localName.unsafelyUnwrapped, context: session.pointee.context)
            let pairs = session.pointee.attributes(namespaceCount: Int(namespaceCount), namespaces: namespaces,
                                                   attributeCount: Int(attributeCount), attributes: attributes)
            if !session.pointee.tree.startElement(name, attributes: pairs, at: session.pointee.position) { session.pointee.stop() }
        }
        handler.endElementNs = { pointer, localName, prefix, _ in
            let session = XMLSession.session(pointer)
            let surplus = NameCache.surplus(prefix) + NameCache.surplus(localName)
            session.pointee.tree.endElement(nameSurplus: surplus, at: session.pointee.position)
        }
        // One function for both: libxml2 then never asks whether whitespace is ignorable
        // (with no DTD-built tree it never is).
        let characters: charactersSAXFunc = { pointer, bytes, length in
            let session = XMLSession.session(pointer)
            if session.pointee.skipNextCharacters {
                session.pointee.skipNextCharacters = false
                return
            }
            let run = UnsafeBufferPointer(start: bytes, count: Int(length))
            session.pointee.tree.characters(run, at: ParserPosition(session.pointee.context, afterText: run))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = { pointer, bytes, length in
            let session = XMLSession.session(pointer)
            session.pointee.tree.cdata(UnsafeBufferPointer(start: bytes, count: Int(length)), at: session.pointee.position)
        }
        handler.comment = { pointer, text in
            let session = XMLSession.session(pointer)
            session.pointee.tree.comment(String(cString: text.unsafelyUnwrapped), at: session.pointee.position)
        }
        handler.processingInstruction = { pointer, _, _ in
            let session = XMLSession.session(pointer)
            session.pointee.tree.processingInstruction(at: session.pointee.position)
        }
        handler.getEntity = { pointer, name in
            let session = XMLSession.session(pointer)
            return session.pointee.entity(named: name)
        }
        return handler
    }

    /// A predefined entity, else one the DTD declared (libxml2 keeps internal general
    /// entities even in SAX mode). Never loads anything.
    mutating func entity(named name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        guard let context, let declared = xmlSAX2GetEntity(context, name) else { return nil }
        if context.pointee.instate == XML_PARSER_CONTENT { skipNextCharacters = true }
        return declared
    }

    /// Every error and warning, from the document's context, an entity's, or none.
    static let structuredError: xmlStructuredErrorFunc = { pointer, error in
        guard let pointer, let error else { return }
        let session = XMLSession.session(pointer)
        let code = Int(error.pointee.code)
        session.pointee.lastErrorCode = code
        let position = ParserPosition(session.pointee.context, exact: false)
        if !session.pointee.tree.error(code: code, at: position) { session.pointee.stop() }
    }

    /// Namespace declarations (`xmlns`, `xmlns:p`) and attributes (`p:name` when prefixed),
    /// each name once (the last value wins), as name/value pairs.
    mutating func attributes(namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                             attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [(String, String)] {
        guard namespaceCount + attributeCount > 0 else { return [] }
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(namespaceCount + attributeCount)
        if let namespaces {
            for index in 0..<namespaceCount {
                let prefix = namespaces[2 * index]
                let name = prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
                pairs.append((name, namespaces[2 * index + 1].map { String(cString: $0) } ?? ""))
            }
        }
        if let attributes {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                let fields = attributes + 5 * index
                guard let localName = fields[0], let start = fields[3], let end = fields[4] else { continue }
                let name = names.qualifiedName(fields[1], localName, context: context)
                pairs.append((name, Self.attributeValue(UnsafeBufferPointer(start: start, count: max(0, start.distance(to: end))))))
            }
        }
        return pairs
    }

    /// An attribute's value as libxml2 hands it over. Without entity substitution
    /// (`XML_PARSE_NOENT`) it keeps each `&` of the value as `&#38;`, to be read again by
    /// a tree builder, and a reference to a DTD-declared entity as written (`&name;`); every
    /// other reference is already decoded. So the only `&#38;` in it stand for `&`.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let escapedAmpersand = Array("&#38;".utf8)
        var value: [UInt8] = []
        value.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes[index...].starts(with: escapedAmpersand) {
                value.append(UInt8(ascii: "&"))
                index += escapedAmpersand.count
            } else {
                value.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: value, as: UTF8.self)
    }
}

/// Names as Swift strings, made once per spelling. libxml2 interns every element and
/// attribute name in its dictionary, so a name's pointer identifies it for the whole
/// parse; only pointers the dictionary owns are remembered.
struct NameCache {
    private var keys = [UnsafeRawPointer?](repeating: nil, count: 256)
    private var prefixes = [UnsafeRawPointer?](repeating: nil, count: 256)
    private var values = [String](repeating: "", count: 256)

    /// `prefix:localName`, or `localName` alone without a prefix.
    mutating func qualifiedName(_ prefix: UnsafePointer<xmlChar>?, _ localName: UnsafePointer<xmlChar>,
                                context: xmlParserCtxtPtr?) -> String {
        let key = UnsafeRawPointer(localName)
        let prefixKey = prefix.map(UnsafeRawPointer.init)
        // Names sit packed in libxml2's dictionary (`X\0Y\0`), so the low bits of their
        // addresses differ: every bit is mixed in (dropping the low three made such
        // neighbours share a slot, and 40% of the lookups missed).
        let bits = UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15 ^ (prefixKey.map { UInt(bitPattern: $0) &* 0xC2B2_AE3D_27D4_EB4F } ?? 0)
        let slot = Int(truncatingIfNeeded: bits &>> 56)
        if keys[slot] == key, prefixes[slot] == prefixKey { return values[slot] }
        var name = String(cString: localName)
        if let prefix { name = String(cString: prefix) + ":" + name }
        if let dictionary = context?.pointee.dict, xmlDictOwns(dictionary, localName) == 1,
           prefix.map({ xmlDictOwns(dictionary, $0) == 1 }) ?? true {
            keys[slot] = key
            prefixes[slot] = prefixKey
            values[slot] = name
        }
        return name
    }

    /// How many more UTF-8 bytes than Unicode scalars a name has (0 for ASCII names).
    static func surplus(_ name: UnsafePointer<xmlChar>?) -> Int {
        guard var byte = name else { return 0 }
        var surplus = 0
        while byte.pointee != 0 {
            if byte.pointee & 0xC0 == 0x80 { surplus += 1 }
            byte += 1
        }
        return surplus
    }
}

// MARK: - Encoding

/// Checks done before libxml2 sees the bytes: positions are byte offsets of UTF-8
/// text, and the reader makes strings of names, text and comments without checking
/// their UTF-8 again.
enum EncodingCheck {
    static func problem(in file: SourceFile) -> Diagnostic? {
        let b = file.bytes
        if looksLikeUTF16or32(b) {
            return diagnostic(file, at: file.location(atOffset: 0),
                              "the file is encoded as UTF-16 or UTF-32; save it as UTF-8")
        }
        // XML forbids U+0000 anywhere, and leading NULs make libxml2 guess UCS-4 and
        // switch decoders (a SEGV in xmlParseChunk, found by fuzzing).
        if let nul = firstIndex(of: 0, in: b) {
            return diagnostic(file, at: file.location(atOffset: nul), "NUL byte (U+0000), which XML does not allow; remove it")
        }
        if let bad = firstInvalidUTF8Offset(b) {
            return diagnostic(file, at: file.location(atOffset: bad),
                              "invalid UTF-8 byte 0x\(String(b[bad], radix: 16, uppercase: true)); save the file as UTF-8")
        }
        if let pi = emptyProcessingInstruction(b) {
            return Diagnostic(rule: SyntaxRuleID.syntaxError, severity: .error,
                              message: "a processing instruction without data (\"<?name?>\") cannot be read; remove it",
                              file: file.id, range: file.range(fromOffset: pi.lowerBound, toOffset: pi.upperBound))
        }
        if let declared = declaredEncoding(b), !utf8Names.contains(String(decoding: b[declared], as: UTF8.self).lowercased()) {
            let name = String(decoding: b[declared], as: UTF8.self)
            return Diagnostic(rule: SyntaxRuleID.syntaxError, severity: .error,
                              message: "the XML declaration names encoding \"\(name)\"; cxlint reads UTF-8 only: save the file as UTF-8 and declare encoding=\"UTF-8\"",
                              file: file.id, range: file.range(fromOffset: declared.lowerBound, toOffset: declared.upperBound))
        }
        return nil
    }

    /// `<?name?>` or `<?name  ?>`: FoundationXML, which cxlint read XML with before, passed
    /// the missing data to strlen and crashed (SEGV, found by fuzzing:
    /// Tests/Fixtures/hostile/fuzz-studio-xml); such a file is still refused, with the same
    /// finding. Looked for everywhere, even in comments, where it is vanishingly rare.
    static func emptyProcessingInstruction(_ b: [UInt8]) -> Range<Int>? {
        var i = 0
        while i + 1 < b.count {
            // Each `<?` is a `?` after a `<`: memchr finds the few `?` of a file, not every tag's `<`.
            guard let question = firstIndex(of: UInt8(ascii: "?"), in: b, from: i + 1) else { return nil }
            guard b[question - 1] == UInt8(ascii: "<") else { i = question; continue }
            i = question - 1
            var j = i + 2
            while j < b.count, !isXMLSpace(b[j]), b[j] != UInt8(ascii: "?") { j += 1 }
            while j < b.count, isXMLSpace(b[j]) { j += 1 }
            if j + 1 < b.count, b[j] == UInt8(ascii: "?"), b[j + 1] == UInt8(ascii: ">") { return i..<(j + 2) }
            i += 2
        }
        return nil
    }

    /// memchr: these checks run over every byte of every XML file before it is parsed.
    static func firstIndex(of byte: UInt8, in b: [UInt8], from start: Int = 0) -> Int? {
        b.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let hit = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Encodings whose bytes are the UTF-8 the reader has just validated. Any other
    /// name makes libxml2 switch decoders mid-stream, and a fuzzed `encoding="utf-7"`
    /// crashed it (SEGV in xmlParseChunk, Tests/Fixtures/hostile/fuzz-studio-xml).
    static let utf8Names: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii"]

    /// The byte range of the `encoding` value in a leading `<?xml ...?>` declaration.
    static func declaredEncoding(_ b: [UInt8]) -> Range<Int>? {
        var start = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard b[start...].starts(with: "<?xml".utf8) else { return nil }
        start += 5
        var end = start
        while end + 1 < b.count, !(b[end] == UInt8(ascii: "?") && b[end + 1] == UInt8(ascii: ">")) { end += 1 }
        let key = Array("encoding".utf8)
        guard let keyOffset = b.withUnsafeBytes({ ByteSearch.firstOffset(of: key, in: UnsafeRawBufferPointer(rebasing: $0[start..<max(start, end)])) })
        else { return nil }
        let keyStart = start + keyOffset
        var i = keyStart + key.count
        while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D || b[i] == UInt8(ascii: "=") { i += 1 }
        guard i < end, b[i] == 0x22 || b[i] == 0x27 else { return nil }
        let quote = b[i]
        guard let close = b[(i + 1)..<end].firstIndex(of: quote) else { return nil }
        return (i + 1)..<close
    }

    static func looksLikeUTF16or32(_ b: [UInt8]) -> Bool {
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) { return true }
        // Without a BOM, '<' next to a NUL byte is the tell-tale sign.
        if b.count >= 2, (b[0] == 0x3C && b[1] == 0x00) || (b[0] == 0x00 && b[1] == 0x3C) { return true }
        if b.count >= 4, b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return true }
        return false
    }

    static func firstInvalidUTF8Offset(_ b: [UInt8]) -> Int? {
        b.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                i = SourceFile.nextNonASCII(b, from: i)
                guard i < buffer.count else { return nil }
                let length = Int(cxl_utf8_length(buffer.baseAddress!, Int64(buffer.count), Int64(i)))
                guard length > 0 else { return i }
                i += length
            }
            return nil
        }
    }

    static func diagnostic(_ file: SourceFile, at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(rule: SyntaxRuleID.syntaxError, severity: .error, message: message,
                   file: file.id, range: .point(location))
    }
}

// MARK: - Positions

/// Extra columns libxml2 has counted on one line beyond the Unicode scalars
/// actually there (see the type comment of `XMLReader`).
struct ColumnDrift {
    var line: Int
    var extra: Int

    func correct(line: Int, column: Int) -> Int { line == self.line ? column - extra : column }

    mutating func add(_ amount: Int, onLine line: Int) {
        if line != self.line { self.line = line; extra = 0 }
        extra += amount
    }

    mutating func set(_ amount: Int, onLine line: Int) {
        self.line = line
        extra = amount
    }
}

/// A position as libxml2 reports it (1-based line, column past the construct), and
/// the byte offset where its input stands when that is exact.
struct ParserPosition {
    var line: Int
    var column: Int
    /// `consumed + (cur - base)`: the input's byte offset, the same point as line and
    /// column without their byte-counted columns. Nil for errors (libxml2 raises some
    /// before moving `cur` past what its column already counts) and once a declared
    /// `us-ascii` put a decoder in front of the input (then `base` restarts at the switch).
    var byteOffset: Int?

    /// Where the parser's input stands (0:0 without a parser, as FoundationXML reported).
    /// Fields are read through the input's pointer: copying the input struct out first
    /// cost a memcpy in every callback.
    init(_ context: xmlParserCtxtPtr?, exact: Bool = true) {
        guard let input = context?.pointee.input else {
            line = 0
            column = 0
            return
        }
        line = Int(input.pointee.line)
        column = Int(input.pointee.col)
        guard exact, input.pointee.buf?.pointee.encoder == nil, let base = input.pointee.base, let cur = input.pointee.cur else { return }
        byteOffset = Int(input.pointee.consumed) + base.distance(to: cur)
    }

    /// Just past character data libxml2 hands over. Its fast path reports text still
    /// standing at the text's start (its line and column are past it): text that is a
    /// slice of the input ends where the slice ends. Other text (references, text with
    /// line ends to normalise) is copied and reported with the input past it.
    init(_ context: xmlParserCtxtPtr?, afterText text: UnsafeBufferPointer<UInt8>) {
        self.init(context)
        guard byteOffset != nil, let input = context?.pointee.input, let base = input.pointee.base, let end = input.pointee.end,
              let start = text.baseAddress, start >= base, start < end else { return }
        byteOffset = Int(input.pointee.consumed) + base.distance(to: start) + text.count
    }
}

// MARK: - Tree building

/// The tree under construction and the reader's position bookkeeping.
struct XMLTree {
    private struct Frame {
        var name: String
        var attributes: [(String, String)]
        /// Located when the tag opens, so positions are asked for in file order.
        var startTag: SourceRange
        var selfClosing: Bool
        /// Where this element's children begin in the tree's shared `children` stack.
        var childrenBase: Int
        /// Indentation between child elements is layout, but a leaf's spaces are its value:
        /// once an element has a child element, its whitespace-only text is dropped.
        var hasElementChild = false
    }

    /// Character data not yet made a node, made a `String` once.
    private struct TextRun {
        var start: Int
        var end: Int
        /// Nil while the text is the file's own bytes from `start` to `end` (text without
        /// references or CRs, which libxml2 reports in one callback); else the text gathered
        /// over callbacks (a reference like `&amp;` is a callback of its own).
        var bytes: [UInt8]?
    }

    private struct Failure {
        var message: String
        var range: SourceRange
    }

    private let file: SourceFile
    private var locator: SourceLocator
    private let bytes: [UInt8]
    private let strings: StringCache
    private let maxDepth: Int
    private var drift: ColumnDrift
    /// Byte offset just past the last construct a callback reported.
    private var cursor = 0
    private var stack: [Frame] = []
    /// The children of every open element, innermost last (one array per element, made
    /// when it closes, rather than one grown child by child).
    private let children = MemberStack<Node>()
    private var pendingText: TextRun?
    private var root: Node?
    private var comments: [Comment] = []
    private var failure: Failure?

    init(file: SourceFile, maxDepth: Int) {
        self.file = file
        self.locator = SourceLocator(file)
        self.bytes = file.bytes
        self.strings = StringCache(fileSize: file.bytes.count)
        self.maxDepth = maxDepth
        // SourceFile already leaves a UTF-8 BOM out of line 1's columns, as libxml2 does.
        drift = ColumnDrift(line: 1, extra: 0)
    }

    // MARK: Results

    mutating func finish(parserSucceeded: Bool, errorCode: Int, at position: ParserPosition) -> ParseResult {
        if failure == nil, !parserSucceeded, !XMLErrorText.isIgnorable(errorCode) {
            fail(XMLErrorText.generic(errorCode), at: point(position))
        }
        if failure == nil, root == nil {
            fail("the document has no root element", at: .point(file.location(atOffset: bytes.count)))
        }
        if let failure {
            let diagnostic = Diagnostic(rule: SyntaxRuleID.syntaxError, severity: .error, message: failure.message,
                                        file: file.id, range: failure.range)
            return ParseResult(documents: [], diagnostics: [diagnostic], comments: comments)
        }
        return ParseResult(documents: root.map { [$0] } ?? [], diagnostics: [], comments: comments)
    }

    // MARK: Position helpers

    private mutating func offset(line: Int, column: Int) -> Int {
        locator.location(line: line, column: drift.correct(line: line, column: column)).offset
    }

    private mutating func offset(_ position: ParserPosition) -> Int {
        position.byteOffset ?? offset(line: position.line, column: position.column)
    }

    private mutating func point(_ position: ParserPosition) -> SourceRange {
        let at = offset(position)
        return .point(locator.location(atOffset: at))
    }

    private mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        locator.range(fromOffset: start, toOffset: end)
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Outside the root element libxml2 reports neither whitespace nor a DOCTYPE,
    /// so the next `<` is found by skipping them (never by searching for `<`).
    private func skipUnreported(from start: Int) -> Int {
        var i = start
        if i == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while true {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard stack.isEmpty, root == nil, hasPrefix("<!DOCTYPE", at: i) else { return i }
            i = endOfDoctype(from: i)
        }
    }

    private func hasPrefix(_ s: String, at i: Int) -> Bool {
        let p = Array(s.utf8)
        return i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p
    }

    /// Just past the `>` closing a DOCTYPE, honouring quotes and the internal subset.
    private func endOfDoctype(from start: Int) -> Int {
        var i = start + 1
        var quote: UInt8?
        var bracketDepth = 0
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if hasPrefix("<!--", at: i) {
                var j = i + 4
                while j < bytes.count, !hasPrefix("-->", at: j) { j += 1 }
                i = j + 2
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x5B {
                bracketDepth += 1
            } else if b == 0x5D {
                bracketDepth -= 1
            } else if b == 0x3E, bracketDepth <= 0 {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }

    // MARK: Failure

    private mutating func fail(_ message: String, at range: SourceRange) {
        guard failure == nil else { return }
        failure = Failure(message: message, range: range)
    }

    // MARK: Text

    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        guard var run = pendingText else {
            pendingText = TextRun(start: start, end: end, bytes: isFileSlice(text, from: start, to: end) ? nil : Array(text))
            return
        }
        pendingText = nil  // uniquely referenced while it grows
        if run.bytes == nil { run.bytes = Array(bytes[run.start..<run.end]) }
        run.bytes!.append(contentsOf: text)
        run.end = end
        pendingText = run
    }

    private func isFileSlice(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard text.count == end - start, start >= 0, end <= bytes.count else { return false }
        guard let base = text.baseAddress, !text.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, text.count) == 0 }
    }

    private mutating func flushText() {
        guard let run = pendingText else { return }
        pendingText = nil
        guard !stack.isEmpty else { return }
        let dropsWhitespace = stack[stack.count - 1].hasElementChild
        let text: String
        if let gathered = run.bytes {
            guard !dropsWhitespace || !Self.isWhitespaceOnly(gathered) else { return }
            text = String(decoding: gathered, as: UTF8.self)
        } else {
            // Read through a buffer pointer: most runs are a few bytes of indentation, and
            // slicing the file's array cost more than looking at them.
            guard let made = bytes.withUnsafeBufferPointer({ all -> String? in
                if dropsWhitespace, Self.isWhitespaceOnly(UnsafeBufferPointer(rebasing: all[run.start..<run.end])) { return nil }
                return strings.text(all, start: run.start, length: run.end - run.start)
            }) else { return }
            text = made
        }
        children.append(Node(.text(text), range: range(run.start, run.end)))
    }

    /// `allSatisfy(\.isWhitespace)`, answered from the UTF-8 bytes when they are
    /// ASCII (indentation always is); Character properties are slow per call.
    @inline(__always) static func isWhitespaceOnly<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: continue
            case 0x80...: return String(decoding: bytes, as: UTF8.self).allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }

    static func isWhitespaceOnly(_ text: String) -> Bool { isWhitespaceOnly(text.utf8) }

    // MARK: Events

    mutating func startDocument(at position: ParserPosition) {
        cursor = offset(position)
    }

    /// False when parsing must stop.
    mutating func startElement(_ name: String, attributes: [(String, String)], at position: ParserPosition) -> Bool {
        guard failure == nil else { return true }
        markElementChild()
        flushText()
        if root != nil, stack.isEmpty {
            fail("extra content after the root element", at: point(position))
            return false
        }
        let tagClose = offset(position)
        let selfClosing = tagClose < bytes.count && bytes[tagClose] == UInt8(ascii: "/")
        let start = skipUnreported(from: cursor)
        let startTagEnd = min(bytes.count, tagClose + (selfClosing ? 2 : 1))
        let startTag = range(start, startTagEnd)
        if stack.count >= maxDepth {
            fail("elements are nested more than \(maxDepth) levels deep", at: startTag)
            return false
        }
        stack.append(Frame(name: name, attributes: attributes, startTag: startTag, selfClosing: selfClosing, childrenBase: children.count))
        cursor = startTagEnd
        return true
    }

    /// `nameSurplus`: how many more UTF-8 bytes than scalars the end tag's name has.
    mutating func endElement(nameSurplus: Int, at position: ParserPosition) {
        guard failure == nil, !stack.isEmpty else { return }
        flushText()
        let frame = stack.removeLast()
        let end = frame.selfClosing ? frame.startTag.end.offset : endTagEnd(nameSurplus: nameSurplus, at: position)
        let node = makeElement(frame, end: end)
        if stack.isEmpty { root = node } else { children.append(node) }
        cursor = end
    }

    /// The open element is getting a child element: its whitespace-only text is layout
    /// from now on, both what it holds and the run pending before the child's tag (which
    /// is then dropped unmade).
    private mutating func markElementChild() {
        let parent = stack.count - 1
        guard parent >= 0, !stack[parent].hasElementChild else { return }
        stack[parent].hasElementChild = true
        children.removeAll(from: stack[parent].childrenBase) { node in
            if case .text(let t) = node.value { return XMLTree.isWhitespaceOnly(t) }
            return false
        }
    }

    /// libxml2 counts the end tag's name in bytes; undo that and remember the surplus.
    private mutating func endTagEnd(nameSurplus surplus: Int, at position: ParserPosition) -> Int {
        let end = position.byteOffset ?? offset(line: position.line, column: position.column - surplus)
        if surplus > 0 { drift.add(surplus, onLine: position.line) }
        return end
    }

    private mutating func makeElement(_ frame: Frame, end: Int) -> Node {
        let startTag = frame.startTag
        let element = Element(name: frame.name, attributes: Self.sortedAttributes(frame.attributes, in: startTag),
                              children: children.removeArray(from: frame.childrenBase), startTagRange: startTag)
        return Node(.element(element), range: SourceRange(start: startTag.start, end: locator.location(atOffset: end)))
    }

    /// By name; of two with one name (a namespace declaration and an attribute can
    /// spell the same), the later one.
    static func sortedAttributes(_ pairs: [(String, String)], in startTag: SourceRange) -> [XMLAttribute] {
        guard !pairs.isEmpty else { return [] }
        let order = pairs.indices.sorted { pairs[$0].0 < pairs[$1].0 || (pairs[$0].0 == pairs[$1].0 && $0 < $1) }
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(pairs.count)
        for index in order {
            let (name, value) = pairs[index]
            if attributes.last?.name == name { attributes.removeLast() }
            attributes.append(XMLAttribute(name: name, value: value, range: startTag))
        }
        return attributes
    }

    mutating func characters(_ text: UnsafeBufferPointer<UInt8>, at position: ParserPosition) {
        guard failure == nil, !stack.isEmpty else { return }
        let end = offset(position)
        appendText(text, start: cursor, end: end)
        cursor = end
    }

    /// libxml2 hands over a CDATA section's raw bytes: line ends are made LF here.
    mutating func cdata(_ block: UnsafeBufferPointer<UInt8>, at position: ParserPosition) {
        guard failure == nil, !stack.isEmpty else { return }
        let contentStart = offset(position)
        let contentEnd = min(bytes.count, contentStart + block.count)
        let afterSection = min(bytes.count, contentEnd + 3)
        recordCDATADrift(position, data: block, trueEnd: afterSection)
        var text: [UInt8] = []
        text.reserveCapacity(block.count)
        for (index, byte) in block.enumerated() {
            if byte == 0x0D {
                if index + 1 < block.count, block[index + 1] == 0x0A { continue }
                text.append(0x0A)
            } else {
                text.append(byte)
            }
        }
        text.withUnsafeBufferPointer { appendText($0, start: pendingText == nil ? contentStart : cursor, end: contentEnd) }
        cursor = afterSection
    }

    /// The push parser skips a CDATA section and its `]]>` byte by byte.
    private mutating func recordCDATADrift(_ position: ParserPosition, data: UnsafeBufferPointer<UInt8>, trueEnd: Int) {
        let lineFeeds = data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let bytesOnLastLine = data.count - ((data.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0)
        let libLine = position.line + lineFeeds
        let libColumn = (lineFeeds == 0 ? position.column : 1) + bytesOnLastLine + 3
        let trueColumn = file.location(atOffset: trueEnd).column
        // libColumn already holds any earlier surplus on this line, so this is the new total.
        drift.set(libColumn - trueColumn, onLine: libLine)
    }

    mutating func comment(_ text: String, at position: ParserPosition) {
        guard failure == nil else { return }
        flushText()
        let end = offset(position)
        let start = skipUnreported(from: cursor)
        comments.append(Comment(text: text, range: range(start, end)))
        cursor = end
    }

    mutating func processingInstruction(at position: ParserPosition) {
        guard failure == nil else { return }
        flushText()
        cursor = offset(position)
    }

    /// False when parsing must stop.
    mutating func error(code: Int, at position: ParserPosition) -> Bool {
        guard failure == nil else { return true }
        if XMLErrorText.isIgnorable(code) { return true }
        let at = offset(position)
        let (message, errorRange) = describe(code: code, at: at)
        fail(message, at: errorRange)
        return false
    }

    /// Adds what the reader knows (open elements, the offending end tag) to libxml2's bare code.
    private mutating func describe(code: Int, at offset: Int) -> (String, SourceRange) {
        let here = SourceRange.point(file.location(atOffset: offset))
        switch code {
        case XMLErrorText.tagNameMismatch:
            let expected = stack.last.map { "</\($0.name)>" } ?? "no end tag"
            if let found = endTag(endingAt: offset) {
                return ("mismatched end tag: expected \(expected) but found \(file.text(of: found))", found)
            }
            return ("mismatched end tag: expected \(expected)", here)
        case XMLErrorText.documentEnd where !stack.isEmpty:
            let open = stack.last!
            let at = open.startTag.start
            return ("unexpected end of file: <\(open.name)> opened at \(at.line):\(at.column) is not closed (expected </\(open.name)>)", here)
        case XMLErrorText.documentEnd where root != nil:
            return ("extra content after the root element </\(root?.element?.name ?? "")>", here)
        default:
            return (XMLErrorText.message(code), here)
        }
    }

    /// The `</name>` whose `>` ends just before `offset`, read back from the parser's position.
    private func endTag(endingAt offset: Int) -> SourceRange? {
        guard offset > 0, offset <= bytes.count, bytes[offset - 1] == UInt8(ascii: ">") else { return nil }
        var i = offset - 2
        while i > 0 {
            if bytes[i] == UInt8(ascii: "<") {
                return bytes[i + 1] == UInt8(ascii: "/") ? file.range(fromOffset: i, toOffset: offset) : nil
            }
            if bytes[i] == 0x0A { return nil }
            i -= 1
        }
        return nil
    }
}

// MARK: - libxml2 error codes

/// Messages for libxml2's `xmlParserErrors` codes: libxml2's own are terse and
/// name its internals.
enum XMLErrorText {
    static let documentEnd = 5
    static let tagNameMismatch = 76

    /// Warnings, and namespace complaints: names are kept qualified and unresolved.
    static func isIgnorable(_ code: Int) -> Bool {
        [27, 93, 97, 98, 99, 100, 101, 102, 106, 107].contains(code) || (200...299).contains(code)
    }

    static func generic(_ code: Int) -> String { message(code) }

    static func message(_ code: Int) -> String {
        switch code {
        case 1: "the document is too complex to parse (libxml2 internal limit)"
        case 2: "out of memory while parsing"
        case 3, 4: "the document is empty or does not start with an element"
        case 5: "extra content at the end of the document"
        case 6, 7, 8: "invalid character reference"
        case 9: "invalid character in the document"
        case 10, 11, 12, 13: "character reference outside the root element"
        case 14, 15, 16, 17: "entity reference outside the root element"
        case 22, 68: "a name was expected here"
        case 23: "entity reference is missing its ';'"
        case 26: "reference to an undeclared entity"
        case 28: "reference to an unparsed entity"
        case 29: "external entities are not allowed in attribute values (they are never resolved)"
        case 31, 32, 79, 81: "unsupported or unknown encoding; save the file as UTF-8"
        case 33, 34, 43, 44: "unterminated quoted string"
        case 37: "entity declaration is not finished"
        case 38: "'<' is not allowed in an attribute value (write &lt;)"
        case 39, 40, 41, 84: "malformed attribute: expected name=\"value\""
        case 42: "duplicate attribute in the same tag"
        case 45: "comment is not closed with -->"
        case 46, 47: "processing instruction is not closed with ?>"
        case 56, 57: "malformed XML declaration"
        case 61: "DOCTYPE declaration is not finished"
        case 62: "']]>' is not allowed in text"
        case 63: "CDATA section is not closed with ]]>"
        case 64: "XML declaration allowed only at the start of the document"
        case 65: "a space is required here"
        case 73: "expected '>'"
        case 74: "expected '</'"
        case 75: "expected '=' after the attribute name"
        case 76: "mismatched end tag"
        case 77: "unexpected end of file inside a tag"
        case 80: "'--' is not allowed inside a comment"
        case 85, 86: "the document is not well-formed"
        case 89: "entity expansion loop or excessive entity expansion"
        case 96, 108, 109: "unsupported XML version"
        case 110: "name too long"
        default: "XML syntax error (libxml2 code \(code))"
        }
    }
}
