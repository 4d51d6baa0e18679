/// Converts libyaml marks to project locations in time linear in the input.
///
/// libyaml's `mark.index` counts characters after a skipped BOM (CRLF counts as two),
/// so walking the UTF-8 bytes from a cursor gives the byte offset, and lines follow
/// `SourceFile`'s own line table (libyaml also breaks lines at NEL/LS/PS; the project
/// does not). `SourceFile.location(line:column:)` walks from the line start on each
/// call, which is quadratic on long lines such as minified flow collections.
///
/// On line 1 after a UTF-8 BOM, columns do not count the BOM (editors hide it) while
/// offsets stay true byte offsets.
struct YAMLPositionMap {
    let file: SourceFile
    let bomLength: Int

    private var charIndex = 0
    private var offset: Int
    private var line = 0
    private var column = 1
    /// Character index and offset at each line start reached so far, for rare backward jumps.
    private var lineCheckpoints: [(charIndex: Int, offset: Int)]
    /// The file's first non-ASCII byte (a BOM is one): before it a character is a byte.
    private let asciiEnd: Int

    init(file: SourceFile) {
        self.file = file
        let b = file.bytes
        bomLength = (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
        offset = bomLength
        lineCheckpoints = [(0, bomLength)]
        asciiEnd = SourceFile.nextNonASCII(b, from: 0)
    }

    mutating func location(charIndex target: Int) -> SourceLocation {
        if target < charIndex { rewind(to: target) }
        let lineStarts = file.lineStarts
        // In the file's ASCII part the offset is the index: only the lines passed are walked.
        if target < asciiEnd {
            charIndex = target
            offset = target
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset {
                line += 1
                lineCheckpoints.append((lineStarts[line], lineStarts[line]))
            }
            column = offset - lineStarts[line] + 1
            return SourceLocation(offset: offset, line: line + 1, column: column)
        }
        let bytes = file.bytes
        while charIndex < target, offset < bytes.count {
            offset = min(bytes.count, offset + Self.sequenceLength(bytes[offset]))
            charIndex += 1
            if line + 1 < lineStarts.count, offset >= lineStarts[line + 1] {
                line += 1
                column = 1
                lineCheckpoints.append((charIndex, offset))
            } else {
                column += 1
            }
        }
        return SourceLocation(offset: offset, line: line + 1, column: column)
    }

    private mutating func rewind(to target: Int) {
        var lo = 0, hi = lineCheckpoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineCheckpoints[mid].charIndex <= target { lo = mid } else { hi = mid - 1 }
        }
        charIndex = lineCheckpoints[lo].charIndex
        offset = lineCheckpoints[lo].offset
        line = lo
        column = 1
        lineCheckpoints.removeSubrange((lo + 1)...)
    }

    /// The location of a byte offset, with the same BOM rule as marks.
    func location(atOffset byteOffset: Int) -> SourceLocation {
        file.location(atOffset: max(byteOffset, bomLength))
    }

    func range(fromOffset start: Int, toOffset end: Int) -> SourceRange {
        SourceRange(start: location(atOffset: start), end: location(atOffset: end))
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for stray bytes, so we always advance).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
