import CXLintModel
import CXLintRules
import CXLintSyntax

/// What one run found, with what reporters need to show it: the source of
/// every file (for excerpts) and the ranges they must never print.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    public var sensitiveRanges: [String: [SourceRange]]
    public var filesChecked: Int
    public var bundlesChecked: Int
    /// Findings silenced by a suppression, with its reason (not shown by reporters).
    public var suppressed: [SuppressedFinding] = []
    /// Findings matched by the baseline and so not reported.
    public var baselined: [Diagnostic] = []

    public init(diagnostics: [Diagnostic], sources: [String: SourceFile] = [:], sensitiveRanges: [String: [SourceRange]] = [:],
                filesChecked: Int = 0, bundlesChecked: Int = 0) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.sensitiveRanges = sensitiveRanges
        self.filesChecked = filesChecked
        self.bundlesChecked = bundlesChecked
    }

    public func count(_ severity: Severity) -> Int {
        diagnostics.lazy.filter { $0.severity == severity }.count
    }

    /// The text of a line with every credential in it masked, one `*` per character.
    public func redactedLine(_ line: Int, of file: String) -> String? {
        guard let source = sources[file], line >= 1, line <= source.lineCount else { return nil }
        let start = source.lineStarts[line - 1]
        let end = source.lineEndOffset(lineIndex: line - 1)
        let secrets = (sensitiveRanges[file] ?? []).filter { $0.start.offset < end && $0.end.offset > start }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for offset in start..<end {
            let byte = source.bytes[offset]
            if secrets.contains(where: { $0.start.offset <= offset && offset < $0.end.offset }) {
                if byte & 0xC0 != 0x80 { bytes.append(UInt8(ascii: "*")) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, checkstyle, github, gitlab, markdown

    /// The reporter for the format; `showSource` and `color` only change text output.
    public func reporter(showSource: Bool = false, color: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(showSource: showSource, color: color)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .checkstyle: CheckstyleReporter()
        case .github: GitHubReporter()
        case .gitlab: GitLabReporter()
        case .markdown: MarkdownReporter()
        }
    }
}

public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
}
