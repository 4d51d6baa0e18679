import CXLintSyntax

/// How LSP counts characters in a line: UTF-16 code units unless the client
/// offers UTF-8 in `general.positionEncodings` (cxlint's offsets are bytes, so
/// UTF-8 is the cheaper one and preferred). Lines are 0-based in LSP.
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"

    /// The first of the client's encodings cxlint speaks, UTF-8 first; UTF-16 is the protocol's default.
    public static func negotiate(_ offered: [String]?) -> PositionEncoding {
        guard let offered else { return .utf16 }
        return offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
    }
}

public struct LSPPosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
        (a.line, a.character) < (b.line, b.character)
    }

    public var json: JSONValue { ["line": .int(line), "character": .int(character)] }

    public init?(_ json: JSONValue?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue else { return nil }
        self.init(line: line, character: character)
    }
}

public struct LSPRange: Sendable, Hashable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    public var json: JSONValue { ["start": start.json, "end": end.json] }

    public init?(_ json: JSONValue?) {
        guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }

    /// Whether two ranges share a point (touching counts: a cursor at a finding's end is on it).
    public func touches(_ other: LSPRange) -> Bool {
        start <= other.end && other.start <= end
    }
}

/// Converts between byte offsets in a file and LSP positions. A UTF-8 byte
/// order mark is not a character, as in `SourceFile`.
public struct PositionConverter: Sendable {
    let source: SourceFile
    public let encoding: PositionEncoding
    var bytes: [UInt8] { source.bytes }
    var lineStarts: [Int] { source.lineStarts }

    public init(_ source: SourceFile, encoding: PositionEncoding) {
        self.source = source
        self.encoding = encoding
    }

    public init(bytes: [UInt8], encoding: PositionEncoding) {
        self.init(SourceFile(id: SourceID(path: ""), bytes: bytes), encoding: encoding)
    }

    private var bomLength: Int { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

    private func lineStart(_ index: Int) -> Int {
        index == 0 ? bomLength : lineStarts[index]
    }

    /// Where a line's text ends: before its terminator.
    private func lineEnd(_ index: Int) -> Int {
        source.lineContent(lineIndex: index).upperBound
    }

    public func position(ofOffset rawOffset: Int) -> LSPPosition {
        let offset = max(0, min(rawOffset, bytes.count))
        let lo = source.lineIndex(ofOffset: offset)
        let start = lineStart(lo)
        guard offset > start else { return LSPPosition(line: lo, character: 0) }
        return LSPPosition(line: lo, character: units(from: start, to: offset))
    }

    public func range(_ range: SourceRange) -> LSPRange {
        LSPRange(start: position(ofOffset: range.start.offset), end: position(ofOffset: range.end.offset))
    }

    /// The byte offset of a position, clamped to its line (LSP: a character past
    /// the end means the line's end; a line past the end means the file's end).
    public func offset(of position: LSPPosition) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let end = lineEnd(position.line)
        var offset = lineStart(position.line)
        var counted = 0
        while offset < end, counted < position.character {
            let length = Self.scalarLength(bytes[offset])
            counted += encoding == .utf8 ? length : (length == 4 ? 2 : 1)
            offset = min(offset + length, end)
        }
        return offset
    }

    private func units(from start: Int, to end: Int) -> Int {
        if encoding == .utf8 { return end - start }
        var count = 0
        var i = start
        while i < end {
            let length = Self.scalarLength(bytes[i])
            count += length == 4 ? 2 : 1
            i += length
        }
        return count
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
