import CXLintSyntax

/// Invariants every fuzz target asserts beyond "no crash": a violated one
/// traps, which libFuzzer records as a crash with the input that caused it.
enum FuzzChecks {
    /// Splits a bundle input into its three files.
    static let separator: [UInt8] = Array("\n%%cxlint-fuzz%%\n".utf8)

    static func ranges(of result: ParseResult, in file: SourceFile) {
        ranges(of: result.diagnostics, in: file)
        for document in result.documents { range(document.range, in: file) }
    }

    static func ranges(of diagnostics: [Diagnostic], in file: SourceFile) {
        for diagnostic in diagnostics where diagnostic.file == file.id { range(diagnostic.range, in: file) }
    }

    /// Positions are 1-based, ordered, and inside the file.
    static func range(_ range: SourceRange, in file: SourceFile) {
        precondition(range.start.line >= 1 && range.start.column >= 1, "position before 1:1")
        precondition(range.start.offset <= range.end.offset, "inverted range")
        precondition(range.end.offset <= file.bytes.count, "range past the end of the file")
        precondition(range.end.line <= file.lineCount, "line past the end of the file")
    }

    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var i = 0
        while i + separator.count <= bytes.count, parts.count < 2 {
            if bytes[i..<(i + separator.count)].elementsEqual(separator) {
                parts.append(Array(bytes[start..<i]))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }
}
