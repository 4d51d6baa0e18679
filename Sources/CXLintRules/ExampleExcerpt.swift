/// A few lines of a rule example around the place that matters, for
/// `cxlint explain`: the `↓` marker of a triggering example, or the same
/// place in a non-triggering one (where it first differs from the triggering
/// file, since examples are variations of one bundle). Lines longer than a
/// terminal (one-line XML, minified JSON) are cut to a window around that place.
public struct ExampleExcerpt: Sendable, Equatable {
    public var path: String
    /// 1-based line numbers with their (possibly cut) text.
    public var lines: [(number: Int, text: String)]

    public static func == (a: ExampleExcerpt, b: ExampleExcerpt) -> Bool {
        a.path == b.path && a.lines.map(\.number) == b.lines.map(\.number) && a.lines.map(\.text) == b.lines.map(\.text)
    }

    /// Lines shown before and after the focus line.
    static let context = 2
    /// Characters of a long line shown on each side of the focus column.
    static let halfWidth = 50

    /// The lines around the first marker, the marker kept so the reader sees where the finding starts.
    public static func around(markerOf example: RuleExample) -> ExampleExcerpt? {
        for file in example.files {
            let lines = splitLines(file.content)
            for (index, line) in lines.enumerated() {
                guard let column = line.firstIndex(of: RuleExample.marker).map({ line.distance(from: line.startIndex, to: $0) }) else { continue }
                return excerpt(path: file.path, lines: lines, focusLine: index, focusColumn: column)
            }
        }
        return nil
    }

    /// The same place in `example` as `triggering`'s marker: its first
    /// difference from the triggering file, else the marker's line.
    public static func counterpart(in example: RuleExample, of triggering: RuleExample) -> ExampleExcerpt? {
        guard let marked = around(markerOf: triggering) else { return nil }
        // The marked file first, then its neighbours (an actions skill where the
        // triggering example has a dialog skill): that is where the two differ.
        let folder = marked.path.split(separator: "/").dropLast()
        let files = example.files.sorted { a, b in
            let rank = { (path: String) in path == marked.path ? 0 : path.split(separator: "/").dropLast() == folder ? 1 : 2 }
            return rank(a.path) < rank(b.path)
        }
        for file in files {
            let lines = splitLines(file.content)
            let other = splitLines(triggering.files.first { $0.path == file.path }?.content.filter { $0 != RuleExample.marker } ?? "")
            if let (line, column) = firstDifference(lines, other) {
                return excerpt(path: file.path, lines: lines, focusLine: line, focusColumn: column)
            }
        }
        guard let file = files.first else { return nil }
        let lines = splitLines(file.content)
        let focus = min(max(0, (marked.lines.first?.number ?? 1) - 1 + context), max(0, lines.count - 1))
        return excerpt(path: file.path, lines: lines, focusLine: focus, focusColumn: 0)
    }

    static func splitLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The first line and column (0-based) where `a` differs from `b`.
    static func firstDifference(_ a: [String], _ b: [String]) -> (Int, Int)? {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? Array(a[index]) : [], y = index < b.count ? Array(b[index]) : []
            guard x != y else { continue }
            let column = zip(x, y).prefix { $0 == $1 }.count
            return (index, column)
        }
        return nil
    }

    static func excerpt(path: String, lines: [String], focusLine: Int, focusColumn: Int) -> ExampleExcerpt {
        let range = max(0, focusLine - context)...min(lines.count - 1, focusLine + context)
        let shown = range.compactMap { index -> (Int, String)? in
            let text = cut(lines[index], around: index == focusLine ? focusColumn : nil)
            // Blank lines at the edges say nothing.
            if index != focusLine, text.allSatisfy(\.isWhitespace), index == range.lowerBound || index == range.upperBound { return nil }
            return (index + 1, text)
        }
        return ExampleExcerpt(path: path, lines: shown)
    }

    /// A long line cut to `halfWidth` characters each side of `column` (its start when nil), marked with `…`.
    static func cut(_ line: String, around column: Int?) -> String {
        let characters = Array(line)
        guard characters.count > 2 * halfWidth else { return line }
        let center = column ?? 0
        let start = max(0, min(center - halfWidth, characters.count - 2 * halfWidth))
        let end = min(characters.count, start + 2 * halfWidth)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }

    /// `  path` then each line as `  12 | text`.
    public var rendered: String {
        let width = String(lines.last?.number ?? 0).count
        var out = "  \(path)\n"
        for (number, text) in lines {
            out += "  " + String(repeating: " ", count: width - String(number).count) + "\(number) | \(text)\n"
        }
        return out
    }
}
