import CXLintBytes
import Foundation

/// A file's bytes with a line table, shared by every reader and reporter.
///
/// Positions are kept as byte offsets plus 1-based line and column; a column
/// counts Unicode scalars from the start of its line (SARIF `unicodeCodePoints`),
/// which is what libyaml and libxml2 report natively. A UTF-8 byte order mark
/// is not a column: the first character after it is at 1:1 (offset 3).
public struct SourceFile: Sendable {
    /// Which file this is; reporters turn it into the text users see.
    public let id: SourceID
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(id: SourceID, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
        self.lineStarts = SourceFile.computeLineStarts(bytes)
    }

    public init(id: SourceID, text: String) {
        self.init(id: id, bytes: Array(text.utf8))
    }

    /// Lines end at LF, CRLF or a lone CR, as in YAML and XML.
    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, 0x0D, buffer.count) == nil else { return lineStartsAnyEnding(buffer) }
            // No CR anywhere (the usual file): line feeds found 64 bytes at a time, counted
            // first so the table is filled in place (a memchr call and an append per line
            // cost 60 instructions a line, most lines being short).
            let n = buffer.count
            let whole = n & ~63
            var count = 1
            var i = 0
            while i < whole {
                count &+= cxl_equal64(base + i, 0x0A).nonzeroBitCount
                i &+= 64
            }
            for k in whole..<n where base[k] == 0x0A { count &+= 1 }
            return [Int](unsafeUninitializedCapacity: count) { starts, filled in
                starts[0] = 0
                var next = 1
                var i = 0
                while i < whole {
                    var found = cxl_equal64(base + i, 0x0A)
                    while found != 0 {
                        starts[next] = i &+ found.trailingZeroBitCount &+ 1
                        next &+= 1
                        found &= found &- 1
                    }
                    i &+= 64
                }
                for k in whole..<n where base[k] == 0x0A {
                    starts[next] = k &+ 1
                    next &+= 1
                }
                filled = next
            }
        }
    }

    /// Runs over every byte of a file with CRs, so it reads through a buffer pointer
    /// (no bounds check per byte) and skips bytes that cannot end a line at once.
    static func lineStartsAnyEnding(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var i = 0
        let n = buffer.count
        while i < n {
            let b = buffer[i]
            i += 1
            if b > 0x0D { continue }
            if b == 0x0A {
                starts.append(i)
            } else if b == 0x0D {
                if i < n, buffer[i] == 0x0A { i += 1 }
                starts.append(i)
            }
        }
        return starts
    }

    /// The first byte at or after `start` with the high bit set (`b.count` when none),
    /// eight bytes at a time: XML files are nearly all ASCII.
    static func nextNonASCII(_ b: [UInt8], from start: Int) -> Int {
        b.withUnsafeBytes { raw in
            let n = raw.count
            var i = start
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < n, raw[i] < 0x80 { i += 1 }
            return i
        }
    }

    public var lineCount: Int { lineStarts.count }

    public var hasByteOrderMark: Bool { bytes.starts(with: [0xEF, 0xBB, 0xBF]) }

    /// 0-based index of the line holding `offset`.
    public func lineIndex(ofOffset offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The full location of a byte offset (clamped to the file).
    public func location(atOffset rawOffset: Int) -> SourceLocation {
        let offset = max(0, min(rawOffset, bytes.count))
        let line = lineIndex(ofOffset: offset)
        var column = 1
        var i = lineStarts[line]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // An offset pointing inside a multi-byte scalar belongs to that scalar.
        if offset < bytes.count, offset > lineStarts[line], bytes[offset] & 0xC0 == 0x80 { column -= 1 }
        // A stray continuation byte right after the BOM already fell back into the BOM's column.
        if line == 0, hasByteOrderMark, offset >= 3, column > 1 { column -= 1 }
        return SourceLocation(offset: offset, line: line + 1, column: column)
    }

    /// The location of a 1-based line and 1-based scalar column (clamped to the line).
    public func location(line: Int, column: Int) -> SourceLocation {
        guard !lineStarts.isEmpty else { return SourceLocation(offset: 0, line: 1, column: 1) }
        let lineIdx = max(0, min(line - 1, lineStarts.count - 1))
        let lineStart = SourceLocation(offset: lineIdx == 0 && hasByteOrderMark ? 3 : lineStarts[lineIdx], line: lineIdx + 1, column: 1)
        return advance(lineStart, toColumn: column)
    }

    /// Moves right from `start` scalar by scalar until `column`, stopping at the end of its line.
    func advance(_ start: SourceLocation, toColumn column: Int) -> SourceLocation {
        let limit = lineEndOffset(lineIndex: start.line - 1, includingTerminator: true)
        var offset = start.offset
        var col = start.column
        while col < column, offset < limit {
            offset += 1
            while offset < limit, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            col += 1
        }
        return SourceLocation(offset: offset, line: start.line, column: col)
    }

    /// Offset just past the line's content (before its terminator unless asked).
    public func lineEndOffset(lineIndex: Int, includingTerminator: Bool = false) -> Int {
        let next = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        if includingTerminator { return next }
        var end = next
        if end > lineStarts[lineIndex], end - 1 < bytes.count, bytes[end - 1] == 0x0A { end -= 1 }
        if end > lineStarts[lineIndex], end - 1 < bytes.count, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The byte offsets of a 0-based line's content, without its terminator: what
    /// excerpts, fingerprints and editor positions slice.
    public func lineContent(lineIndex: Int) -> Range<Int> {
        let start = lineStarts[lineIndex]
        return start..<max(start, lineEndOffset(lineIndex: lineIndex))
    }

    /// The text of a 1-based line, without its terminator; invalid UTF-8 is replaced.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        return String(decoding: bytes[lineContent(lineIndex: line - 1)], as: UTF8.self)
    }

    /// The bytes of a range, decoded as UTF-8.
    public func text(of range: SourceRange) -> String {
        let lo = max(0, min(range.start.offset, bytes.count))
        let hi = max(lo, min(range.end.offset, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    public func range(fromOffset start: Int, toOffset end: Int) -> SourceRange {
        SourceRange(start: location(atOffset: start), end: location(atOffset: end))
    }
}

/// Answers `SourceFile.location(atOffset:)` and `location(line:column:)` with the same
/// results, in amortised constant time while the queries move forward through the file,
/// as a reader's callbacks do. The plain methods search the line table and walk from the
/// line start on every call, which is quadratic on a long line (minified XML).
public struct SourceLocator {
    public let file: SourceFile
    private let hasByteOrderMark: Bool
    /// Forward cursor of `location(atOffset:)`: a 0-based line, an offset on it, and how
    /// many bytes that start a scalar lie between the line start and that offset.
    private var line = 0
    private var offset = 0
    private var scalarStarts = 0
    /// Forward cursor of `location(line:column:)`: the last answer.
    private var lastColumnQuery = SourceLocation(offset: 0, line: 0, column: 1)
    /// Every byte before this offset is ASCII, so there a column is a byte count: most
    /// files are ASCII throughout, and counting scalars byte by byte was most of the cost
    /// of locating an XML element (three locations each).
    private let asciiEnd: Int

    public init(_ file: SourceFile) {
        self.file = file
        hasByteOrderMark = file.hasByteOrderMark
        asciiEnd = SourceFile.nextNonASCII(file.bytes, from: 0)
    }

    public mutating func location(atOffset rawOffset: Int) -> SourceLocation {
        let bytes = file.bytes
        let starts = file.lineStarts
        let target = max(0, min(rawOffset, bytes.count))
        guard target >= offset else { return file.location(atOffset: target) }
        if line + 1 < starts.count, starts[line + 1] <= target {
            line = line + 2 < starts.count && starts[line + 2] <= target ? file.lineIndex(ofOffset: target) : line + 1
            offset = starts[line]
            scalarStarts = 0
        }
        if target <= asciiEnd {
            scalarStarts = target - starts[line]
        } else {
            bytes.withUnsafeBufferPointer { buffer in
                for i in offset..<target where buffer[i] & 0xC0 != 0x80 { scalarStarts += 1 }
            }
        }
        offset = target
        var column = 1 + scalarStarts
        // An offset pointing inside a multi-byte scalar belongs to that scalar.
        if target < bytes.count, target > starts[line], bytes[target] & 0xC0 == 0x80 { column -= 1 }
        if line == 0, hasByteOrderMark, target >= 3, column > 1 { column -= 1 }
        return SourceLocation(offset: target, line: line + 1, column: column)
    }

    public mutating func range(fromOffset start: Int, toOffset end: Int) -> SourceRange {
        SourceRange(start: location(atOffset: start), end: location(atOffset: end))
    }

    public mutating func location(line: Int, column: Int) -> SourceLocation {
        let lineIndex = max(0, min(line - 1, file.lineStarts.count - 1))
        let last = lastColumnQuery
        lastColumnQuery = last.line == lineIndex + 1 && last.column <= column
            ? file.advance(last, toColumn: column)
            : file.location(line: line, column: column)
        return lastColumnQuery
    }
}

/// A point in a source file. `line` and `column` are 1-based; `offset` is a 0-based byte offset.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// Kept in 32 bits (files are smaller than `maxOffset`): every node of every tree holds
    /// two locations, and 12 bytes instead of 24 each made a node 40 bytes instead of 64.
    @usableFromInline var storedOffset: Int32
    @usableFromInline var storedLine: Int32
    @usableFromInline var storedColumn: Int32

    /// The largest offset, line or column a location holds; larger ones are clamped to it.
    public static let maxOffset = Int(Int32.max)

    @inlinable public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Self.clamped(newValue) }
    }

    @inlinable public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamped(newValue) }
    }

    @inlinable public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamped(newValue) }
    }

    @inlinable public init(offset: Int, line: Int, column: Int) {
        storedOffset = Self.clamped(offset)
        storedLine = Self.clamped(line)
        storedColumn = Self.clamped(column)
    }

    /// `Int32(clamping:)` as two compares the optimizer makes conditional moves (the generic
    /// initializer stayed a call, 30 instructions a location).
    @inlinable static func clamped(_ value: Int) -> Int32 {
        Int32(truncatingIfNeeded: Swift.min(Swift.max(value, Int(Int32.min)), Int(Int32.max)))
    }

    private enum CodingKeys: String, CodingKey {
        case offset, line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(offset: try container.decode(Int.self, forKey: .offset), line: try container.decode(Int.self, forKey: .line),
                  column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(offset, forKey: .offset)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column, a.offset) < (b.line, b.column, b.offset)
    }
}

/// A half-open range: `end` is the position just past the last character.
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public static func point(_ location: SourceLocation) -> SourceRange {
        SourceRange(start: location, end: location)
    }

    public static let fileStart = SourceRange.point(SourceLocation(offset: 0, line: 1, column: 1))

    public func contains(_ other: SourceRange) -> Bool {
        start.offset <= other.start.offset && other.end.offset <= end.offset
    }
}
