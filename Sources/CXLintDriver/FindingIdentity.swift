import CXLintSyntax

/// What identifies a finding across runs when lines move: its rule, its file
/// and a hash of the text it points at, plus which repeat of that text it is.
/// The text itself is never kept: it may be an access key.
public struct FindingIdentity: Sendable, Hashable, Codable {
    public var rule: String
    public var file: String
    /// SHA-256 (hex) of the offending text, whitespace-trimmed.
    public var textHash: String
    /// 0 for the first finding with this rule, file and text in reporting order, 1 for the next…
    public var occurrence: Int

    public init(rule: String, file: String, textHash: String, occurrence: Int) {
        self.rule = rule
        self.file = file
        self.textHash = textHash
        self.occurrence = occurrence
    }

    /// One hash of rule, file and text: SARIF's and GitLab's fingerprint.
    public var fingerprint: String {
        SHA256.hex("\(rule)\u{0}\(file)\u{0}\(textHash)\u{0}\(occurrence)")
    }

    /// The identities of a report's findings, index for index.
    public static func identities(of report: LintReport) -> [FindingIdentity] {
        var seen: [String: Int] = [:]
        return report.diagnostics.map { d in
            let hash = SHA256.hex(offendingText(d, report.sources[d.file]))
            let key = "\(d.rule)\u{0}\(d.file)\u{0}\(hash)"
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return FindingIdentity(rule: d.rule, file: d.file, textHash: hash, occurrence: occurrence)
        }
    }

    /// The text a finding points at, cut at the end of its first line so that a
    /// finding spanning a whole element or file does not change with every edit
    /// inside it; for an empty range, its whole line; when the source is unknown,
    /// the message (the best stable thing left). Whitespace runs count as one space,
    /// so re-indenting does not resurrect a baselined finding.
    static func offendingText(_ d: Diagnostic, _ source: SourceFile?) -> String {
        guard let source, d.range.start.line >= 1, d.range.start.line <= source.lineCount else { return d.message }
        let bytes = source.bytes
        let lineIndex = d.range.start.line - 1
        let lineStart = source.lineStarts[lineIndex]
        let lineEnd = max(lineStart, source.lineEndOffset(lineIndex: lineIndex))
        let start = max(lineStart, min(d.range.start.offset, lineEnd))
        let end = max(start, min(d.range.end.offset, lineEnd))
        var text = collapsingWhitespace(String(decoding: bytes[start..<end], as: UTF8.self))
        if text.isEmpty { text = collapsingWhitespace(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)) }
        return text.isEmpty ? d.message : text
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
