import CXLintBytes

/// A strict RFC 8259 JSON reader that keeps exact source positions.
///
/// - Exactly one value, surrounded only by space, tab, LF and CR. No comments,
///   trailing commas, single quotes, `NaN`, leading zeros, raw control
///   characters in strings or invalid UTF-8.
/// - A UTF-8 BOM is skipped and does not count as a column: the first
///   character after it is at column 1 (offset 3), as editors and libyaml show it.
/// - UTF-16 and UTF-32 files are refused with one finding at 1:1.
/// - A lone surrogate escape (`"\uD800"`) decodes as U+FFFD.
/// - Duplicate keys stay in the tree, in order, each later one reported as `duplicate-key`.
/// - On the first syntax error the reader stops and returns no document, only
///   that error, placed on the offending character.
///
/// The parser is iterative (an explicit stack of open containers), so nesting
/// depth costs heap, not thread stack; `maxDepth` bounds it all the same so the
/// resulting tree stays small enough to walk and free recursively.
public enum JSONReader {
    /// - Parameter sparse: keep only the containers it names; every byte is still
    ///   checked, so the findings are those of a whole read.
    public static func parse(_ file: SourceFile, maxDepth: Int = 1_000, sparse: SparseReading? = nil) -> ParseResult {
        if let encoding = WideEncoding.detect(file.bytes) {
            return ParseResult(documents: [], diagnostics: [encoding.diagnostic(file: file.id)])
        }
        return file.bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, path: file.id, maxDepth: max(1, maxDepth), sparse: sparse)
            return parser.parseDocument()
        }
    }

    /// `node` with every member kept: an `unread` container of a sparse read of
    /// `file` is read again from its bytes, anything else is returned as it is.
    public static func read(_ node: Node, in file: SourceFile) -> Node {
        guard case .unread = node.value, node.range.end.offset <= file.bytes.count else { return node }
        return file.bytes.withUnsafeBufferPointer { JSONParser.readWhole(node, bytes: $0, path: file.id) }
    }

    /// `node` with every unread container under it read: what a whole read of `file` gives.
    public static func readAll(_ node: Node, in file: SourceFile) -> Node {
        switch node.value {
        case .unread:
            read(node, in: file)
        case .mapping(let entries):
            Node(.mapping(entries.map { MappingEntry(key: $0.key, value: readAll($0.value, in: file)) }), range: node.range)
        case .sequence(let items):
            Node(.sequence(items.map { readAll($0, in: file) }), range: node.range)
        default:
            node
        }
    }
}

/// What a sparse read keeps. An assistant export is megabytes of intent examples and
/// response texts that no rule reads; building them as nodes (and freeing them) was
/// most of the cost of reading one. A container is kept (its members are nodes) when it
/// is nested less than `keptDepth` deep (the root is at depth 0), when its bytes hold
/// one of `sites`, or when it is inside the innermost container holding a site; any
/// other becomes `Node.Value.unread`.
public struct SparseReading: Sendable {
    /// Byte offsets in the file, ascending.
    public var sites: [Int]
    public var keptDepth: Int

    public init(sites: [Int], keptDepth: Int) {
        self.sites = sites
        self.keptDepth = keptDepth
    }
}

// MARK: - Encoding detection

/// UTF-16/UTF-32 input, recognised by its BOM or by the NUL bytes that ASCII
/// text leaves in it (RFC 4627 §3), so the user gets one clear finding instead
/// of "invalid UTF-8" at the first byte.
enum WideEncoding {
    case utf16(bigEndian: Bool, bomLength: Int)
    case utf32(bigEndian: Bool, bomLength: Int)

    static func detect(_ b: [UInt8]) -> WideEncoding? {
        let n = b.count
        if n >= 4 {
            if b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return .utf32(bigEndian: true, bomLength: 4) }
            if b[0] == 0xFF, b[1] == 0xFE, b[2] == 0x00, b[3] == 0x00 { return .utf32(bigEndian: false, bomLength: 4) }
        }
        if n >= 2 {
            if b[0] == 0xFE, b[1] == 0xFF { return .utf16(bigEndian: true, bomLength: 2) }
            if b[0] == 0xFF, b[1] == 0xFE { return .utf16(bigEndian: false, bomLength: 2) }
        }
        // Without a BOM, only whole code units count: "[\0]" (odd length) is a UTF-8 file with a NUL in it.
        if n >= 4, n % 4 == 0 {
            if b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0 { return .utf32(bigEndian: true, bomLength: 0) }
            if b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0 { return .utf32(bigEndian: false, bomLength: 0) }
        }
        if n >= 2, n % 2 == 0 {
            if b[0] == 0, b[1] != 0, b[1] < 0x80 { return .utf16(bigEndian: true, bomLength: 0) }
            if b[0] != 0, b[0] < 0x80, b[1] == 0 { return .utf16(bigEndian: false, bomLength: 0) }
        }
        return nil
    }

    func diagnostic(file: SourceID) -> Diagnostic {
        let name: String
        let bomLength: Int
        switch self {
        case .utf16(let bigEndian, let bom):
            name = "UTF-16 (\(bigEndian ? "big" : "little")-endian)"
            bomLength = bom
        case .utf32(let bigEndian, let bom):
            name = "UTF-32 (\(bigEndian ? "big" : "little")-endian)"
            bomLength = bom
        }
        let range = SourceRange(
            start: SourceLocation(offset: 0, line: 1, column: 1),
            end: SourceLocation(offset: bomLength, line: 1, column: bomLength == 0 ? 1 : 2))
        return Diagnostic(
            rule: SyntaxRuleID.syntaxError, severity: .error,
            message: "the file is \(name) encoded; save it as UTF-8",
            file: file, range: range)
    }
}

// MARK: - Parser

struct JSONSyntaxError: Error {
    var message: String
    var range: SourceRange
}

private enum ASCII {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let star: UInt8 = 0x2A
    static let apostrophe: UInt8 = 0x27

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F
    }
}

/// An open `[` or `{` whose members are being read.
private struct Frame {
    var isObject: Bool
    var start: SourceLocation
    /// Where this container's members begin in the parser's shared `items` or `entries` stack.
    var base: Int
    /// Whether this object has more than a handful of keys and so its own entry on the
    /// parser's `keyIndexes` (the top one while it is the innermost object), which
    /// keeps duplicate detection linear. Kept off the frame so frames are plain values.
    var hasKeyIndex = false
    /// Whether a key of this object so far was written with an escape; until one is, keys
    /// are compared by their bytes in the file.
    var hasEscapedKey = false
}

/// A key compared by its Unicode scalars, as JSON does, not by Swift's canonical equivalence.
private struct ExactKey: Hashable {
    let text: String

    static func == (a: ExactKey, b: ExactKey) -> Bool { sameBytes(a.text, b.text) }

    /// Byte equality, cheaply: lengths first (stored), then Swift's `==`, which compares
    /// ASCII and NFC text with memcmp; only when that says equal are the bytes compared,
    /// because `==` also equates canonically equivalent spellings.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b && a.utf8.elementsEqual(b.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}

/// What the parser was about to read when it met something else; picks the error message.
private enum Expectation {
    case document, arrayStart, arrayAfterComma, afterColon
    case objectStart, keyAfterComma, colon
    case arrayContinuation, objectContinuation, endOfFile

    var phrase: String {
        switch self {
        case .document: "expected a JSON value"
        case .arrayStart: "expected a value or ']'"
        case .arrayAfterComma: "expected a value after ','"
        case .afterColon: "expected a value after ':'"
        case .objectStart: "expected a string key or '}'"
        case .keyAfterComma: "expected a string key after ','"
        case .colon: "expected ':' after the object key"
        case .arrayContinuation: "expected ',' or ']' after an array element"
        case .objectContinuation: "expected ',' or '}' after an object member"
        case .endOfFile: "expected the end of the file after the JSON value"
        }
    }

    var wantsValue: Bool {
        switch self {
        case .document, .arrayStart, .arrayAfterComma, .afterColon: true
        default: false
        }
    }

    var wantsKey: Bool { self == .objectStart || self == .keyAfterComma }
}

/// The C skip's stacks (`cxl_json_skip_stacks`), owned by one parser.
private final class JSONSkipStacks {
    let stacks = UnsafeMutablePointer<cxl_json_skip_stacks>.allocate(capacity: 1)

    init() { stacks.initialize(to: cxl_json_skip_stacks()) }

    deinit {
        cxl_json_skip_free(stacks)
        stacks.deallocate()
    }
}

/// Up to this many keys, an object finds duplicates by scanning its own entries.
private let linearKeyScanLimit = 32

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let n: Int
    let path: SourceID
    let maxDepth: Int

    /// The next byte to read.
    var i = 0
    var line = 1
    var lineStart = 0
    /// Bytes on the current line before `i` that are not columns of their own:
    /// UTF-8 continuation bytes (only strings hold them) and a leading BOM.
    var uncounted = 0

    var frames: [Frame] = []
    /// The key indexes of the open objects that have one, innermost last.
    var keyIndexes: [[ExactKey: Int]] = []
    /// Members of all open arrays, innermost last.
    let items = MemberStack<Node>()
    /// Members of all open objects, innermost last.
    let entries = MemberStack<MappingEntry>()
    /// The keys whose values are being read, one per open object that has read its key, innermost last.
    let pendingKeys = MemberStack<Node>()
    var diagnostics: [Diagnostic] = []
    /// Decoded bytes of the string being read, reused so escapes cost no allocation per string.
    var scratch: [UInt8] = []
    /// Whether the last string read had an escape.
    var lastStringEscaped = false
    /// `skipContainerBytes`'s stacks, kept to reuse their storage.
    let skipStacks = JSONSkipStacks()
    /// No container starting before this offset is skipped: a skip stopped there, and
    /// the bytes up to it are read the other way, once.
    var noSkipBefore = 0
    let strings: StringCache

    /// Sparse reading (`SparseReading`; no sites and an unreachable depth when reading whole).
    let sites: [Int]
    let keptDepth: Int
    /// The first of `sites` not yet passed.
    var nextSite = 0
    /// The index in `frames` of the outermost container whose members are not kept, or
    /// `Int.max`. Every frame inside it is not kept either, until a string holding a
    /// site is met: then they all are (`keepAroundSite`).
    var firstUnread = Int.max
    /// The index in `frames` of the container kept whole, with everything inside it,
    /// because a string among its members holds a site; or `Int.max`.
    var firstKeptWhole = Int.max

    /// - Parameter readLength: how many of `bytes` will be read (all unless resuming).
    init(bytes: UnsafeBufferPointer<UInt8>, path: SourceID, maxDepth: Int, sparse: SparseReading?, readLength: Int? = nil) {
        self.bytes = bytes
        self.n = bytes.count
        self.path = path
        self.maxDepth = maxDepth
        self.strings = StringCache(fileSize: readLength ?? bytes.count)
        self.sites = sparse?.sites ?? []
        self.keptDepth = sparse?.keptDepth ?? Int.max
    }

    /// Whether the values being read are kept.
    @inline(__always) var keeping: Bool { firstUnread == Int.max }

    /// Continues reading at `start`, a position this parser's file had in an earlier read.
    mutating func resume(at start: SourceLocation) {
        i = start.offset
        line = start.line
        lineStart = start.offset - start.column + 1
        uncounted = 0
    }

    @inline(__always) func location(_ offset: Int) -> SourceLocation {
        SourceLocation(offset: offset, line: line, column: offset - lineStart - uncounted + 1)
    }

    mutating func parseDocument() -> ParseResult {
        skipBOM()
        do {
            let root = try parseValues()
            return ParseResult(documents: [root], diagnostics: diagnostics)
        } catch {
            let diagnostic = Diagnostic(
                rule: SyntaxRuleID.syntaxError, severity: .error, message: error.message, file: path, range: error.range)
            return ParseResult(documents: [], diagnostics: [diagnostic])
        }
    }

    mutating func skipBOM() {
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            i = 3
            uncounted = 3
        }
    }

    // MARK: Skipping unread containers

    /// Most of an export is unread containers. Reading them as members that are then
    /// dropped costs a node per key and value; this checks one in a single pass that
    /// makes nothing. It gives up (nil, nothing consumed) on anything it does not settle
    /// itself: a site, a syntax error, a duplicate or escaped key, depth near the limit, a
    /// large object. The container is then read as members, which reports the error or
    /// keeps what the site needs, and nothing before the point it gave up is skipped
    /// again: the work stays linear in the file.
    mutating func skipUnreadContainer() -> Node? {
        guard firstKeptWhole == Int.max, frames.count >= keptDepth, i >= noSkipBefore,
            bytes[i] == ASCII.openBrace || bytes[i] == ASCII.openBracket
        else { return nil }
        let saved = (i, line, lineStart, uncounted)
        let start = location(i)
        let isMapping = bytes[i] == ASCII.openBrace
        if skipContainerBytes() {
            return Node(.unread(isMapping: isMapping), range: SourceRange(start: start, end: location(i)))
        }
        noSkipBefore = max(i, saved.0 + 1)
        (i, line, lineStart, uncounted) = saved
        return nil
    }

    /// Checks the container at `i` and moves past it (`cxl_json_skip`, in C: most bytes
    /// of an export pass through it); false where it gives up (`i` there).
    mutating func skipContainerBytes() -> Bool {
        var position = cxl_json_position(i: Int64(i), line: Int64(line), line_start: Int64(lineStart), uncounted: Int64(uncounted))
        let site = nextSite < sites.count ? Int64(sites[nextSite]) : Int64.max
        let depthRoom = Int64(maxDepth - 1 - frames.count)
        let skipped = cxl_json_skip(bytes.baseAddress!, Int64(n), &position, site, depthRoom, skipStacks.stacks) == 1
        i = Int(position.i)
        if skipped { (line, lineStart, uncounted) = (Int(position.line), Int(position.line_start), Int(position.uncounted)) }
        return skipped
    }

    // MARK: Structure

    /// Reads the one document value. Containers push a frame instead of recursing;
    /// each completed value is attached to the innermost frame, which then reads
    /// its separator and either asks for another value or closes.
    mutating func parseValues() throws(JSONSyntaxError) -> Node {
        var expectation = Expectation.document
        valueLoop: while true {
            skipWhitespace()
            guard i < n else { throw unexpected(expectation) }
            var value: Node
            if let skipped = skipUnreadContainer() {
                value = skipped
            } else {
                switch bytes[i] {
                case ASCII.openBrace:
                    try open(isObject: true)
                    skipWhitespace()
                    if i < n, bytes[i] == ASCII.closeBrace {
                        value = close()
                    } else {
                        try parseKeyAndColon(.objectStart)
                        expectation = .afterColon
                        continue valueLoop
                    }
                case ASCII.openBracket:
                    try open(isObject: false)
                    skipWhitespace()
                    if i < n, bytes[i] == ASCII.closeBracket {
                        value = close()
                    } else {
                        expectation = .arrayStart
                        continue valueLoop
                    }
                case ASCII.quote:
                    value = try parseString(isKey: false)
                case ASCII.minus, ASCII.zero...ASCII.nine:
                    value = try parseNumber(keep: keeping)
                case 0x66, 0x6E, 0x74:  // f n t
                    value = try parseLiteral(expectation)
                default:
                    throw unexpected(expectation)
                }
            }

            // Attach completed values upward until one container wants another value.
            while true {
                skipWhitespace()
                let top = frames.count - 1
                guard top >= 0 else {
                    guard i >= n else { throw unexpected(.endOfFile) }
                    return value
                }
                if frames[top].isObject {
                    entries.append(MappingEntry(key: pendingKeys.removeLast(), value: consume value))
                    guard i < n else { throw unexpected(.objectContinuation) }
                    switch bytes[i] {
                    case ASCII.comma:
                        let comma = location(i)
                        i += 1
                        skipWhitespace()
                        if i < n, bytes[i] == ASCII.closeBrace { throw trailingComma(comma, before: "}") }
                        try parseKeyAndColon(.keyAfterComma)
                        expectation = .afterColon
                        continue valueLoop
                    case ASCII.closeBrace:
                        value = close()
                    default:
                        throw unexpected(.objectContinuation)
                    }
                } else {
                    items.append(consume value)
                    guard i < n else { throw unexpected(.arrayContinuation) }
                    switch bytes[i] {
                    case ASCII.comma:
                        let comma = location(i)
                        i += 1
                        skipWhitespace()
                        if i < n, bytes[i] == ASCII.closeBracket { throw trailingComma(comma, before: "]") }
                        expectation = .arrayAfterComma
                        continue valueLoop
                    case ASCII.closeBracket:
                        value = close()
                    default:
                        throw unexpected(.arrayContinuation)
                    }
                }
            }
        }
    }

    mutating func open(isObject: Bool) throws(JSONSyntaxError) {
        let start = location(i)
        guard frames.count < maxDepth else {
            throw JSONSyntaxError(
                message: "nesting deeper than \(maxDepth) levels",
                range: SourceRange(start: start, end: location(i + 1)))
        }
        frames.append(Frame(isObject: isObject, start: start, base: isObject ? entries.count : items.count))
        if keeping, firstKeptWhole == Int.max, frames.count > keptDepth { firstUnread = frames.count - 1 }
        i += 1
    }

    /// Closes the innermost container at its closing bracket (the byte at `i`).
    mutating func close() -> Node {
        let frame = frames.removeLast()
        i += 1
        let range = SourceRange(start: frame.start, end: location(i))
        if frame.hasKeyIndex { keyIndexes.removeLast() }
        if frames.count == firstKeptWhole { firstKeptWhole = Int.max }
        if frames.count >= firstUnread {
            if frames.count == firstUnread { firstUnread = Int.max }
            if frame.isObject { entries.truncate(to: frame.base) } else { items.truncate(to: frame.base) }
            return Node(.unread(isMapping: frame.isObject), range: range)
        }
        if frame.isObject {
            return Node(.mapping(entries.removeArray(from: frame.base)), range: range)
        } else {
            return Node(.sequence(items.removeArray(from: frame.base)), range: range)
        }
    }

    /// Called when the string just read holds a site: every open container holds it, so
    /// each is kept, with what it read so far, and the innermost is kept whole. What was
    /// read but not made is read again from its bytes: the keys, strings and numbers of
    /// the open containers (`inKey`: the string is a key, so the innermost container has
    /// no pending key yet), and the containers among the innermost one's members. Each
    /// container is kept once, so no byte is read again twice.
    mutating func keepAroundSite(inKey: Bool) {
        guard firstKeptWhole == Int.max, let top = frames.indices.last else { return }
        let first = min(firstUnread, top)
        let wasKeeping = keeping
        firstUnread = Int.max
        firstKeptWhole = top
        let saved = (i, line, lineStart, uncounted, scratch)
        var entriesEnd = entries.count
        var itemsEnd = items.count
        var pendingKey = pendingKeys.count - 1
        for index in stride(from: top, through: first, by: -1) {
            let base = frames[index].base
            let whole = index == top
            if frames[index].isObject {
                for k in base..<entriesEnd {
                    if !wasKeeping { entries[k].key = readAgain(entries[k].key, whole: false) }
                    entries[k].value = readAgain(entries[k].value, whole: whole)
                }
                entriesEnd = base
                if index != top || !inKey {
                    if !wasKeeping { pendingKeys[pendingKey] = readAgain(pendingKeys[pendingKey], whole: false) }
                    pendingKey -= 1
                }
            } else {
                for k in base..<itemsEnd { items[k] = readAgain(items[k], whole: whole) }
                itemsEnd = base
            }
        }
        (i, line, lineStart, uncounted, scratch) = saved
    }

    /// A string or number checked but not made, made from its bytes; with `whole`, an
    /// unread container too, read whole. Any other node as it is.
    mutating func readAgain(_ node: Node, whole: Bool) -> Node {
        switch node.value {
        case .scalar(let scalar) where scalar.kind == .string && scalar.text.isEmpty:
            resume(at: node.range.start)
            return (try? parseString(isKey: false)) ?? node
        case .scalar(let scalar) where scalar.kind == .number && scalar.text.isEmpty:
            resume(at: node.range.start)
            return (try? parseNumber(keep: true)) ?? node
        case .unread where whole:
            return Self.readWhole(node, bytes: bytes, path: path)
        default:
            return node
        }
    }

    /// An unread container of a sparse read of `bytes`, read again with all its members.
    static func readWhole(_ node: Node, bytes: UnsafeBufferPointer<UInt8>, path: SourceID) -> Node {
        // The string cache is sized by the node, not the file: a transfer's unread members are small.
        var parser = JSONParser(
            bytes: UnsafeBufferPointer(rebasing: bytes[..<node.range.end.offset]), path: path, maxDepth: 1_000, sparse: nil,
            readLength: node.range.end.offset - node.range.start.offset)
        parser.resume(at: node.range.start)
        return (try? parser.parseValues()) ?? node
    }

    /// Reads `"key" :` for the innermost object, which is left waiting for the value.
    mutating func parseKeyAndColon(_ expectation: Expectation) throws(JSONSyntaxError) {
        guard i < n, bytes[i] == ASCII.quote else { throw unexpected(expectation) }
        let key = try parseString(isKey: true)
        checkDuplicate(key, escaped: lastStringEscaped)
        pendingKeys.append(key)
        skipWhitespace()
        guard i < n, bytes[i] == ASCII.colon else { throw unexpected(.colon) }
        i += 1
    }

    /// `escaped`: whether the key was written with an escape.
    mutating func checkDuplicate(_ key: Node, escaped: Bool) {
        let top = frames.count - 1
        let base = frames[top].base
        let byBytes = !escaped && !frames[top].hasEscapedKey
        if escaped { frames[top].hasEscapedKey = true }
        var firstIndex: Int?
        if frames[top].hasKeyIndex {
            let exact = ExactKey(text: keyText(key))
            let last = keyIndexes.count - 1
            firstIndex = keyIndexes[last][exact]
            if firstIndex == nil { keyIndexes[last][exact] = entries.count }
        } else {
            for index in base..<entries.count
            where byBytes ? sameBytes(entries[index].key.range, key.range) : ExactKey.sameBytes(keyText(entries[index].key), keyText(key)) {
                firstIndex = index
                break
            }
            if firstIndex == nil, entries.count - base >= linearKeyScanLimit { buildKeyIndex(top, adding: keyText(key)) }
        }
        guard let firstIndex else { return }
        let text = keyText(key)
        let first = entries[firstIndex].key.range
        diagnostics.append(
            Diagnostic(
                rule: SyntaxRuleID.duplicateKey, severity: .error,
                message: "duplicate key \"\(abbreviated(text))\" (first defined at line \(first.start.line)); "
                    + "JSON readers keep only the last, remove one",
                file: path, range: key.range,
                related: [RelatedLocation(file: path, range: first, message: "first definition of \"\(abbreviated(text))\"")]))
    }

    /// A key's text. A key without escapes read in a container whose members are not kept
    /// has none made (it is empty): its text is its bytes between the quotes.
    func keyText(_ key: Node) -> String {
        let text = key.scalar!.text
        guard text.isEmpty else { return text }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(key.range.start.offset + 1)..<(key.range.end.offset - 1)]), as: UTF8.self)
    }

    /// Whether the strings at two ranges have the same bytes between their quotes: the
    /// same text when neither has an escape.
    func sameBytes(_ a: SourceRange, _ b: SourceRange) -> Bool {
        let length = a.end.offset - a.start.offset
        guard b.end.offset - b.start.offset == length else { return false }
        return StringCache.equal(UnsafeRawPointer(bytes.baseAddress! + a.start.offset), UnsafeRawPointer(bytes.baseAddress! + b.start.offset), count: length)
    }

    /// Indexes the object's keys so far plus `newKey`, the one being read, which
    /// will be stored at `entries.count` once its value is read.
    mutating func buildKeyIndex(_ top: Int, adding newKey: String) {
        var index: [ExactKey: Int] = [:]
        index.reserveCapacity(4 * linearKeyScanLimit)
        for position in frames[top].base..<entries.count {
            let exact = ExactKey(text: keyText(entries[position].key))
            if index[exact] == nil { index[exact] = position }
        }
        index[ExactKey(text: newKey)] = entries.count
        keyIndexes.append(index)
        frames[top].hasKeyIndex = true
    }

    // MARK: Whitespace

    @inline(__always) mutating func skipWhitespace() {
        while i < n {
            switch bytes[i] {
            case ASCII.space:
                i += 1
                skipSpaces()
            case ASCII.tab:
                i += 1
            case ASCII.lf:
                i += 1
                newLine()
            case ASCII.cr:
                i += 1
                if i < n, bytes[i] == ASCII.lf { i += 1 }
                newLine()
            default:
                return
            }
        }
    }

    /// Skips a run of spaces (indentation) eight bytes at a time; the caller handles what follows.
    @inline(__always) mutating func skipSpaces() {
        let eightSpaces: UInt64 = 0x2020_2020_2020_2020
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while i &+ 8 <= n {
            // Byte k of the file is bits 8k..<8k+8 here, so the zero bytes below the first
            // set bit are the spaces before the first other byte.
            let other = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ eightSpaces
            guard other == 0 else {
                i &+= other.trailingZeroBitCount &>> 3
                return
            }
            i &+= 8
        }
    }

    @inline(__always) mutating func newLine() {
        line += 1
        lineStart = i
        uncounted = 0
    }

    // MARK: Scalars

    mutating func parseLiteral(_ expectation: Expectation) throws(JSONSyntaxError) -> Node {
        let start = i
        var end = i
        while end < n, ASCII.isWordByte(bytes[end]) { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let scalar: Scalar
        if word.elementsEqual("true".utf8) {
            scalar = Scalar("true", kind: .bool)
        } else if word.elementsEqual("false".utf8) {
            scalar = Scalar("false", kind: .bool)
        } else if word.elementsEqual("null".utf8) {
            scalar = Scalar("null", kind: .null)
        } else {
            throw unexpected(expectation)
        }
        i = end
        return Node(.scalar(scalar), range: SourceRange(start: location(start), end: location(end)))
    }

    /// Reads the number at `i`; with `keep` false it is only checked (an empty `number` scalar).
    mutating func parseNumber(keep: Bool) throws(JSONSyntaxError) -> Node {
        let start = i
        var j = i
        if bytes[j] == ASCII.minus {
            j += 1
            guard j < n, ASCII.isDigit(bytes[j]) else { throw unexpectedInNumber(at: j, "expected a digit after '-'") }
        }
        if bytes[j] == ASCII.zero {
            j += 1
            if j < n, ASCII.isDigit(bytes[j]) {
                var end = j
                while end < n, ASCII.isDigit(bytes[end]) { end += 1 }
                throw JSONSyntaxError(
                    message: "numbers must not have leading zeros",
                    range: SourceRange(start: location(start), end: location(end)))
            }
        } else {
            while j < n, ASCII.isDigit(bytes[j]) { j += 1 }
        }
        if j < n, bytes[j] == ASCII.dot {
            j += 1
            guard j < n, ASCII.isDigit(bytes[j]) else { throw unexpectedInNumber(at: j, "expected a digit after '.' in a number") }
            while j < n, ASCII.isDigit(bytes[j]) { j += 1 }
        }
        if j < n, bytes[j] | 0x20 == 0x65 {  // e or E
            j += 1
            if j < n, bytes[j] == ASCII.plus || bytes[j] == ASCII.minus { j += 1 }
            guard j < n, ASCII.isDigit(bytes[j]) else { throw unexpectedInNumber(at: j, "expected a digit in the number's exponent") }
            while j < n, ASCII.isDigit(bytes[j]) { j += 1 }
        }
        let text = keep ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self) : ""
        i = j
        return Node(.scalar(Scalar(text, kind: .number)), range: SourceRange(start: location(start), end: location(j)))
    }

    /// Reads the string whose opening quote is at `i`. Strings never span lines,
    /// so the only position bookkeeping is counting their continuation bytes.
    /// In a container whose members are not kept a string is only checked (an empty
    /// `string` scalar), except a key with escapes: duplicate keys are found by its text
    /// (`keyText`).
    mutating func parseString(isKey: Bool) throws(JSONSyntaxError) -> Node {
        let quote = i
        let start = location(quote)
        var j = quote + 1
        var runStart = j
        var continuations = 0
        var escaped = false
        while true {
            j = endOfPlainRun(from: j)
            guard j < n else { throw unterminatedString(quote: start, continuations: continuations) }
            let b = bytes[j]
            if b == ASCII.quote { break }
            if b == ASCII.backslash {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<j]))
                j = try decodeEscape(at: j, continuations: continuations)
                runStart = j
            } else if b < 0x20 {
                throw controlCharacterInString(at: j, continuations: continuations)
            } else {
                let length = Self.utf8SequenceLength(bytes, at: j)
                guard length > 0 else {
                    throw JSONSyntaxError(
                        message: "invalid UTF-8 in a string (byte 0x\(hex(bytes[j], width: 2))); save the file as UTF-8",
                        range: rangeInString(j, j + 1, continuations: continuations))
                }
                continuations += length - 1
                j += length
            }
        }
        if nextSite < sites.count, sites[nextSite] <= j {
            while nextSite < sites.count, sites[nextSite] <= j { nextSite += 1 }
            keepAroundSite(inKey: isKey)
        }
        let text: String
        if !keeping && !(isKey && escaped) {
            text = ""
        } else if escaped {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<j]))
            text = String(decoding: scratch, as: UTF8.self)
        } else {
            text = strings.text(bytes, start: quote + 1, length: j - quote - 1)
        }
        uncounted += continuations
        i = j + 1
        lastStringEscaped = escaped
        return Node(.scalar(Scalar(text, kind: .string)), range: SourceRange(start: start, end: location(i)))
    }

    /// The first offset from `start` on whose byte a string scan must stop at, or `n`
    /// (`cxl_string_plain_end`: plain bytes sixteen at a time, as the skip reads them).
    @inline(__always) func endOfPlainRun(from start: Int) -> Int {
        Int(cxl_string_plain_end(bytes.baseAddress!, Int64(n), Int64(start)))
    }

    /// Decodes the escape whose backslash is at `j` into `scratch`; returns the index after it.
    mutating func decodeEscape(at j: Int, continuations: Int) throws(JSONSyntaxError) -> Int {
        guard j + 1 < n else { throw unterminatedString(quote: nil, continuations: continuations) }
        let simple: UInt8
        switch bytes[j + 1] {
        case ASCII.quote: simple = ASCII.quote
        case ASCII.backslash: simple = ASCII.backslash
        case ASCII.slash: simple = ASCII.slash
        case 0x62: simple = 0x08  // b
        case 0x66: simple = 0x0C  // f
        case 0x6E: simple = ASCII.lf  // n
        case 0x72: simple = ASCII.cr  // r
        case 0x74: simple = ASCII.tab  // t
        case 0x75:  // u
            return try decodeUnicodeEscape(at: j, continuations: continuations)
        default:
            throw invalidEscape(at: j, continuations: continuations)
        }
        scratch.append(simple)
        return j + 2
    }

    /// `\uXXXX`, combining a surrogate pair; a surrogate without its partner becomes U+FFFD.
    mutating func decodeUnicodeEscape(at j: Int, continuations: Int) throws(JSONSyntaxError) -> Int {
        guard let unit = hexQuad(at: j + 2) else {
            var end = j + 2
            while end < n, end < j + 6, Self.hexValue(bytes[end]) != nil { end += 1 }
            if end < n, bytes[end] >= 0x80 || bytes[end] < 0x20 || bytes[end] == ASCII.quote {
                // Stop the range before what cannot be part of the escape.
            } else if end < n {
                end += 1
            }
            throw JSONSyntaxError(
                message: "invalid \\u escape in a string: expected 4 hexadecimal digits",
                range: rangeInString(j, end, continuations: continuations))
        }
        var scalar = UInt32(unit)
        var next = j + 6
        if unit & 0xFC00 == 0xD800 {
            if next + 1 < n, bytes[next] == ASCII.backslash, bytes[next + 1] == 0x75,
                let low = hexQuad(at: next + 2), low & 0xFC00 == 0xDC00
            {
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                next += 6
            } else {
                scalar = 0xFFFD
            }
        } else if unit & 0xFC00 == 0xDC00 {
            scalar = 0xFFFD
        }
        appendUTF8(scalar)
        return next
    }

    func hexQuad(at j: Int) -> UInt16? {
        guard j + 4 <= n else { return nil }
        var value: UInt16 = 0
        for k in j..<(j + 4) {
            guard let digit = Self.hexValue(bytes[k]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence at `j` (`cxl_utf8_length`), or 0.
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at j: Int) -> Int {
        Int(cxl_utf8_length(bytes.baseAddress!, Int64(bytes.count), Int64(j)))
    }

    // MARK: Errors (slow path: nothing here runs on valid input)

    func locationInString(_ offset: Int, continuations: Int) -> SourceLocation {
        SourceLocation(offset: offset, line: line, column: offset - lineStart - uncounted - continuations + 1)
    }

    /// A range inside the string being read; `end` must not split a scalar.
    func rangeInString(_ start: Int, _ end: Int, continuations: Int) -> SourceRange {
        var endContinuations = continuations
        for k in start..<end where bytes[k] & 0xC0 == 0x80 { endContinuations += 1 }
        return SourceRange(
            start: locationInString(start, continuations: continuations),
            end: locationInString(end, continuations: endContinuations))
    }

    func unterminatedString(quote: SourceLocation?, continuations: Int) -> JSONSyntaxError {
        let end = locationInString(n, continuations: continuations)
        return JSONSyntaxError(
            message: "unterminated string: the file ends before its closing '\"'",
            range: SourceRange(start: quote ?? end, end: end))
    }

    func controlCharacterInString(at j: Int, continuations: Int) -> JSONSyntaxError {
        let b = bytes[j]
        let message: String
        switch b {
        case ASCII.lf, ASCII.cr:
            message = "unterminated string: line break before the closing '\"' (write a line break inside a string as \\n)"
        case ASCII.tab:
            message = "unescaped tab in a string; write it as \\t"
        default:
            message = "unescaped control character U+\(hex(b, width: 4)) in a string; write it as \\u\(hex(b, width: 4))"
        }
        let start = locationInString(j, continuations: continuations)
        let end = b == ASCII.lf || b == ASCII.cr ? start : locationInString(j + 1, continuations: continuations)
        return JSONSyntaxError(message: message, range: SourceRange(start: start, end: end))
    }

    func invalidEscape(at j: Int, continuations: Int) -> JSONSyntaxError {
        let next = bytes[j + 1]
        if next < 0x20 || next >= 0x80 {
            let end = next < 0x20 ? j + 1 : j + 1 + max(1, Self.utf8SequenceLength(bytes, at: j + 1))
            return JSONSyntaxError(
                message: "invalid escape in a string: '\\' must be followed by one of \" \\ / b f n r t u",
                range: rangeInString(j, min(end, n), continuations: continuations))
        }
        let shown = next == ASCII.apostrophe ? "\\'" : "\\" + String(UnicodeScalar(next))
        return JSONSyntaxError(
            message: "invalid escape '\(shown)' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
            range: rangeInString(j, j + 2, continuations: continuations))
    }

    func trailingComma(_ comma: SourceLocation, before closer: String) -> JSONSyntaxError {
        let end = SourceLocation(offset: comma.offset + 1, line: comma.line, column: comma.column + 1)
        return JSONSyntaxError(message: "trailing comma before '\(closer)'", range: SourceRange(start: comma, end: end))
    }

    func unexpectedInNumber(at j: Int, _ phrase: String) -> JSONSyntaxError {
        let token = describeToken(at: j)
        return JSONSyntaxError(message: "\(phrase), found \(token.text)", range: token.range)
    }

    /// The error for meeting the byte at `i` (or the end of the file) when `expectation` was due.
    func unexpected(_ expectation: Expectation) -> JSONSyntaxError {
        if i >= n {
            let end = location(n)
            if let open = frames.last {
                let bracket = open.isObject ? "{" : "["
                return JSONSyntaxError(
                    message: "unexpected end of file; '\(bracket)' at \(open.start.line):\(open.start.column) is not closed",
                    range: .point(end))
            }
            return JSONSyntaxError(message: "unexpected end of file; expected a JSON value", range: .point(end))
        }
        if bytes[i] == ASCII.slash, i + 1 < n, bytes[i + 1] == ASCII.slash || bytes[i + 1] == ASCII.star {
            return JSONSyntaxError(message: "comments are not allowed in JSON", range: commentRange())
        }
        let token = describeToken(at: i)
        var message = "\(expectation.phrase), found \(token.text)"
        if let hint = hint(for: token.word, expectation: expectation) { message += "; \(hint)" }
        return JSONSyntaxError(message: message, range: token.range)
    }

    func hint(for word: String, expectation: Expectation) -> String? {
        let first = bytes[i]
        if first == ASCII.apostrophe { return "JSON strings and keys use double quotes" }
        if expectation == .arrayContinuation || expectation == .objectContinuation,
            let open = frames.last, first == ASCII.closeBrace || first == ASCII.closeBracket
        {
            return "'\(open.isObject ? "{" : "[")' at \(open.start.line):\(open.start.column) is not closed"
        }
        if expectation.wantsKey, !word.isEmpty { return "object keys must be strings in double quotes" }
        guard expectation.wantsValue else {
            if expectation == .endOfFile { return "a JSON file holds exactly one value" }
            return nil
        }
        switch word {
        case "NaN", "Infinity", "undefined": return "\(word) is not allowed in JSON"
        default: break
        }
        if ["true", "false", "null"].contains(word.lowercased()) { return "JSON literals are lowercase" }
        if first == ASCII.plus { return "numbers must not start with '+'" }
        if first == ASCII.dot { return "numbers need a digit before '.'" }
        return nil
    }

    /// The range of the comment starting at `i`: a line comment to its line's end,
    /// a block comment through `*/` (or the end of the file).
    func commentRange() -> SourceRange {
        let start = location(i)
        var end = location(i + 2)
        var k = i + 2
        if bytes[i + 1] == ASCII.slash {
            while k < n, bytes[k] != ASCII.lf, bytes[k] != ASCII.cr {
                if bytes[k] & 0xC0 != 0x80 { end.column += 1 }
                k += 1
            }
        } else {
            while k < n {
                if bytes[k] == ASCII.star, k + 1 < n, bytes[k + 1] == ASCII.slash {
                    k += 2
                    end.column += 2
                    break
                }
                if bytes[k] == ASCII.lf || (bytes[k] == ASCII.cr && !(k + 1 < n && bytes[k + 1] == ASCII.lf)) {
                    end.line += 1
                    end.column = 1
                } else if bytes[k] != ASCII.cr, bytes[k] & 0xC0 != 0x80 {
                    end.column += 1
                }
                k += 1
            }
        }
        end.offset = k
        return SourceRange(start: start, end: end)
    }

    /// How to name the token at `j` in a message, and its range (on the current line).
    func describeToken(at j: Int) -> (text: String, word: String, range: SourceRange) {
        let start = location(j)
        guard j < n else { return ("end of file", "", .point(start)) }
        let b = bytes[j]
        func token(_ text: String, word: String = "", bytes length: Int) -> (String, String, SourceRange) {
            let end = SourceLocation(offset: j + length, line: start.line, column: start.column + 1 + (word.isEmpty ? 0 : word.count - 1))
            return (text, word, SourceRange(start: start, end: end))
        }
        if ASCII.isWordByte(b) {
            var end = j
            while end < n, end - j < 40, ASCII.isWordByte(bytes[end]) { end += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[j..<end]), as: UTF8.self)
            return token("'\(word)'", word: word, bytes: end - j)
        }
        // A line break token ends where the next line starts; name it and keep the range a point.
        if b == ASCII.lf || b == ASCII.cr { return ("a line break", "", .point(start)) }
        if b == ASCII.space { return token("a space", bytes: 1) }
        if b == ASCII.tab { return token("a tab", bytes: 1) }
        if b < 0x20 || b == 0x7F { return token("control character U+\(hex(b, width: 4))", bytes: 1) }
        if b < 0x80 { return token("'\(String(UnicodeScalar(b)))'", bytes: 1) }
        let length = Self.utf8SequenceLength(bytes, at: j)
        guard length > 0 else { return token("invalid UTF-8 byte 0x\(hex(b, width: 2))", bytes: 1) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[j..<(j + length)]), as: UTF8.self)
        let scalar = text.unicodeScalars.first!
        let code = "U+\(hex(scalar.value, width: 4))"
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned:
            return token("\(code) (not JSON whitespace)", bytes: length)
        default:
            return token("'\(text)' (\(code))", bytes: length)
        }
    }

    func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    func abbreviated(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}
