import CXLintSyntax

/// What identifies a finding across runs when lines move: its rule, its file
/// and its subject (the action, config key or export node it is about), plus
/// which repeat it is. Fixing one finding never turns another into a new one:
/// a finding whose range moves (from a Placecall to a Sipputheader) keeps its
/// subject. A finding without a subject (a file that did not parse) falls back
/// to a hash of the text it points at, which is also what older baselines
/// recorded. Neither the text nor the subject is kept: they may quote a secret.
public struct FindingIdentity: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var file: String
    /// SHA-256 (hex) of the offending text, whitespace collapsed: the identity of baselines before subjects.
    public var textHash: String
    /// SHA-256 (hex) of the subject; nil when the finding has none.
    public var subjectHash: String?
    /// 0 for the first finding with this rule, file and subject (else text) in reporting order, 1 for the next…
    public var occurrence: Int

    public init(rule: RuleID, file: String, textHash: String, subjectHash: String? = nil, occurrence: Int) {
        self.rule = rule
        self.file = file
        self.textHash = textHash
        self.subjectHash = subjectHash
        self.occurrence = occurrence
    }

    /// What repeats are counted under: the subject when there is one, else the text.
    public var key: String { "\(rule)\u{0}\(file)\u{0}\(subjectHash.map { "s:" + $0 } ?? textHash)" }

    /// One hash of rule, file and subject (else text): SARIF's, GitLab's and the audit's fingerprint.
    public var fingerprint: String {
        SHA256.hex("\(key)\u{0}\(occurrence)")
    }

    /// The identities of a report's findings, index for index, files as the report shows them.
    public static func identities(of report: LintReport) -> [FindingIdentity] {
        identities(of: report, naming: report.shown)
    }

    /// The identities of a report's findings, index for index. `naming` spells a file
    /// (relative to the working directory, or to a baseline's folder): never absolute
    /// when under it, so the identity is the same on every machine.
    public static func identities(of report: LintReport, naming: (SourceID) -> String) -> [FindingIdentity] {
        var seen: [String: Int] = [:]
        return report.diagnostics.map { d in
            let hash = SHA256.hex(offendingText(d, report.line(d.range.start.line, of: d.file)))
            var identity = FindingIdentity(rule: d.rule, file: naming(d.file), textHash: hash, subjectHash: d.subject.map(SHA256.hex), occurrence: 0)
            identity.occurrence = seen[identity.key, default: 0]
            seen[identity.key] = identity.occurrence + 1
            return identity
        }
    }

    /// The text a finding points at, cut at the end of its first line so that a
    /// finding spanning a whole element or file does not change with every edit
    /// inside it; for an empty range, its whole line; when the source is unknown,
    /// the message (the best stable thing left). Whitespace runs count as one space,
    /// so re-indenting does not resurrect a baselined finding.
    static func offendingText(_ d: Diagnostic, _ line: KeptLines.Line?) -> String {
        guard let line else { return d.message }
        let start = max(line.start, min(d.range.start.offset, line.end))
        let end = max(start, min(d.range.end.offset, line.end))
        var text = collapsingWhitespace(String(decoding: line.bytes[(start - line.start)..<(end - line.start)], as: UTF8.self))
        if text.isEmpty { text = collapsingWhitespace(String(decoding: line.bytes, as: UTF8.self)) }
        return text.isEmpty ? d.message : text
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
