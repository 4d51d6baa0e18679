import Foundation
import CXLintModel
import CXLintRules
import CXLintSyntax

/// What one run found, with what reporters need to show it: the source of
/// the files findings point at (for excerpts) and the ranges they must never print.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// `Linter` keeps only the files that findings point at or fixes edit, so a
    /// run's memory does not grow with its clean files.
    public var sources: [String: SourceFile]
    public var sensitiveRanges: [String: [SourceRange]]
    /// Every file checked, with findings or without (JUnit lists the clean ones as passed).
    public var checkedFiles: Set<String> = []
    public var filesChecked: Int
    public var bundlesChecked: Int
    /// Findings silenced by a suppression, with its reason (not shown by reporters).
    public var suppressed: [SuppressedFinding] = []
    /// Findings matched by the baseline and so not reported.
    public var baselined: [Diagnostic] = []
    /// Scripts found but left out as no part of a phone line, with why (`check --verbose` lists them).
    public var skippedScripts: [SkippedScript] = []

    public init(diagnostics: [Diagnostic], sources: [String: SourceFile] = [:], sensitiveRanges: [String: [SourceRange]] = [:],
                filesChecked: Int = 0, bundlesChecked: Int = 0) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.sensitiveRanges = sensitiveRanges
        self.filesChecked = filesChecked
        self.bundlesChecked = bundlesChecked
    }

    /// The report with every credential text that a message, related note or fix
    /// could quote replaced by asterisks: a rule that echoes a value (a header, a
    /// URL) must not carry a secret out of the excerpt masking. `alsoMasking`
    /// brings the secrets of files whose source the report does not keep.
    public func redactingSecrets(alsoMasking known: Set<String> = []) -> LintReport {
        let fromSources = sensitiveRanges.flatMap { file, ranges in sources[file].map { Self.secrets(in: $0, at: ranges) } ?? [] }
        let secrets = known.union(fromSources).sorted { $0.count > $1.count }
        guard !secrets.isEmpty else { return self }
        var report = self
        report.diagnostics = diagnostics.map { Self.redact($0, secrets) }
        return report
    }

    /// The credential texts of a file that messages must not quote.
    public static func secrets(in source: SourceFile, at ranges: [SourceRange]) -> Set<String> {
        Set(ranges.map { unquoted(source.text(of: $0)) }.filter { $0.count >= minRedactedLength && !isReference($0) })
    }

    static func unquoted(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t"))
    }

    /// A `${NAME}` reference is what the fix suggests, not a secret.
    static func isReference(_ text: String) -> Bool {
        text.hasPrefix("${") && text.hasSuffix("}") && !text.dropFirst(2).dropLast().contains { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// Shorter texts (`1234`) are too likely to be ordinary words of a message.
    static let minRedactedLength = 6

    static func redact(_ diagnostic: Diagnostic, _ secrets: [String]) -> Diagnostic {
        var d = diagnostic
        d.message = mask(d.message, secrets)
        d.related = d.related.map { var r = $0; r.message = mask(r.message, secrets); return r }
        d.fixes = d.fixes.map { fix in
            var f = fix
            f.title = mask(f.title, secrets)
            f.edits = f.edits.map { var e = $0; e.replacement = mask(e.replacement, secrets); return e }
            return f
        }
        return d
    }

    static func mask(_ text: String, _ secrets: [String]) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: String(repeating: "*", count: secret.count))
        }
        return out
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
