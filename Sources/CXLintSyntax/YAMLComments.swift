/// Finds `#` comments with a single linear lexical pass, since libyaml drops them.
///
/// A `#` starts a comment at a line start or after a space or tab, outside quoted
/// scalars and outside block scalar (`|`, `>`) content. Good enough for
/// `# cxlint-disable` suppressions; it does not validate YAML.
struct YAMLCommentScanner {
    private let bytes: [UInt8]
    private var comments: [(start: Int, end: Int)] = []

    private enum Quote { case none, single, double }
    private var quote = Quote.none
    /// Set after a block scalar indicator: the indentation of the line holding it.
    private var blockParentIndent: Int?
    /// The indentation of the block scalar's content, once its first content line is seen.
    private var blockIndent: Int?

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Byte ranges: `start` is the `#`, `end` the end of its line (terminator excluded).
    static func scan(_ bytes: [UInt8]) -> [(start: Int, end: Int)] {
        var scanner = YAMLCommentScanner(bytes: bytes)
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var end = lineStart
            while end < n, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            scanner.scanLine(lineStart, end)
            var next = end
            if next < n, bytes[next] == 0x0D { next += 1 }
            if next < n, bytes[next] == 0x0A { next += 1 }
            lineStart = next
        }
        return scanner.comments
    }

    private func indentation(_ start: Int, _ end: Int) -> (indent: Int, blank: Bool) {
        var i = start
        while i < end, bytes[i] == 0x20 { i += 1 }
        var j = i
        while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
        return (i - start, j == end)
    }

    /// Whether the line is block scalar content (and so holds no comments).
    private mutating func consumeBlockContent(_ start: Int, _ end: Int) -> Bool {
        guard let parent = blockParentIndent else { return false }
        let (indent, blank) = indentation(start, end)
        if blank { return true }
        if let blockIndent {
            if indent >= blockIndent { return true }
        } else if indent > parent {
            blockIndent = indent
            return true
        }
        blockParentIndent = nil
        blockIndent = nil
        return false
    }

    private mutating func scanLine(_ start: Int, _ end: Int) {
        if quote == .none, consumeBlockContent(start, end) { return }
        var i = start
        while i < end {
            let c = bytes[i]
            switch quote {
            case .double:
                if c == 0x5C { i += 1 } else if c == 0x22 { quote = .none }
            case .single:
                if c == 0x27 {
                    if i + 1 < end, bytes[i + 1] == 0x27 { i += 1 } else { quote = .none }
                }
            case .none:
                let prev: UInt8? = i > start ? bytes[i - 1] : nil
                let afterSpace = prev == nil || prev == 0x20 || prev == 0x09
                if c == 0x23, afterSpace {
                    comments.append((i, end))
                    return
                }
                if c == 0x22 || c == 0x27, afterSpace || prev.map(Self.opensFlowToken) == true {
                    quote = c == 0x22 ? .double : .single
                } else if c == 0x7C || c == 0x3E, afterSpace, isBlockHeader(i + 1, end) {
                    blockParentIndent = indentation(start, end).indent
                    blockIndent = nil
                }
            }
            i += 1
        }
    }

    private static func opensFlowToken(_ b: UInt8) -> Bool {
        b == 0x5B || b == 0x7B || b == 0x2C || b == 0x3A  // [ { , :
    }

    /// After `|` or `>`: optional indentation/chomping indicators, then end of line or a comment.
    private func isBlockHeader(_ from: Int, _ end: Int) -> Bool {
        var i = from
        while i < end, bytes[i] == 0x2B || bytes[i] == 0x2D || (bytes[i] >= 0x31 && bytes[i] <= 0x39) { i += 1 }
        let indicatorsEnd = i
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i == end { return true }
        return bytes[i] == 0x23 && i > indicatorsEnd
    }
}
