extension TextEdit {
    /// Replaces a scalar's text with `text`, keeping the way it was written:
    /// a plain YAML scalar stays plain, a quoted one (either quote, YAML or
    /// JSON) keeps its quotes, because only what is between them is replaced.
    /// `original` is the scalar's value; when its source span is neither the
    /// bare text nor the text between two quotes (escapes, a multi-line
    /// scalar) the whole value is replaced by a double-quoted literal.
    /// `text` must need no escaping (a key or a keyword such as `nice_cxone`).
    public static func replacingScalar(_ original: String, at range: SourceRange, with text: String, file: SourceID) -> TextEdit {
        let width = range.end.offset - range.start.offset
        let sameLine = range.start.line == range.end.line
        if sameLine, width == original.utf8.count {
            return TextEdit(file: file, range: range, replacement: text)
        }
        if sameLine, width == original.utf8.count + 2 {
            let start = SourceLocation(offset: range.start.offset + 1, line: range.start.line, column: range.start.column + 1)
            let end = SourceLocation(offset: range.end.offset - 1, line: range.end.line, column: range.end.column - 1)
            return TextEdit(file: file, range: SourceRange(start: start, end: end), replacement: text)
        }
        return TextEdit(file: file, range: range, replacement: "\"\(text)\"")
    }
}
