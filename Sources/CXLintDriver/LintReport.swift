import Foundation
import CXLintModel
import CXLintRules
import CXLintSyntax

/// What one run found, with what reporters need to show it: the source of
/// the files findings point at (for excerpts) and the ranges they must never print.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Whole files. `check` keeps only those that fixes edit (for `--fix`); of the
    /// files findings point at it keeps their lines (`keptLines`), so a run's memory
    /// does not grow with the files it checked.
    public var sources: [SourceID: SourceFile]
    /// The lines reporters print or fingerprint, of files not kept whole.
    public var keptLines: [SourceID: KeptLines] = [:]
    public var sensitiveRanges: [SourceID: [SourceRange]]
    /// Every file checked, with findings or without (JUnit lists the clean ones as passed).
    public var checkedFiles: Set<SourceID> = []
    public var filesChecked: Int
    public var bundlesChecked: Int
    /// Findings silenced by a suppression, with its reason (not shown by reporters).
    public var suppressed: [SuppressedFinding] = []
    /// Findings matched by the baseline and so not reported.
    public var baselined: [Diagnostic] = []
    /// Scripts found but left out as no part of a phone line, with why (`check --verbose` lists them).
    public var skippedScripts: [SkippedScript] = []

    public init(diagnostics: [Diagnostic], sources: [SourceID: SourceFile] = [:], sensitiveRanges: [SourceID: [SourceRange]] = [:],
                filesChecked: Int = 0, bundlesChecked: Int = 0) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.sensitiveRanges = sensitiveRanges
        self.filesChecked = filesChecked
        self.bundlesChecked = bundlesChecked
    }

    /// The credential texts of files whose source the report does not keep
    /// (a message of another file may quote one).
    public var secrets = Set<String>()
    /// Files whose `.cxlint.yml` sets `fail_on`, with it: `check`'s exit code honours each.
    public var configuredFailOn: [SourceID: LintConfiguration.FailOn] = [:]
    /// Files are shown relative to it (`shown`); absolute outside it.
    public var workingDirectory = "/"
    /// Where the rule reference is hosted (`--docs-url`, else `docs_url` of a `.cxlint.yml`): rule links point there, or nowhere.
    public var docsURL: String?

    /// What every writer of this report prints through.
    public var redactor: Redactor {
        var all = secrets
        for (file, ranges) in sensitiveRanges {
            if let source = sources[file] { all.formUnion(Redactor.secrets(in: source, at: ranges)) }
        }
        return Redactor(secrets: all)
    }

    /// How reporters name a file: relative to the working directory when under it.
    public func shown(_ file: SourceID) -> String {
        file.shown(relativeTo: workingDirectory)
    }

    public func count(_ severity: Severity) -> Int {
        diagnostics.lazy.filter { $0.severity == severity }.count
    }

    /// Line `number` (1-based) of `file`, from the whole file or from its kept lines.
    public func line(_ number: Int, of file: SourceID) -> KeptLines.Line? {
        guard let source = sources[file] else { return keptLines[file]?[number] }
        return KeptLines.Line(number, of: source)
    }

    /// The text of a line with every credential in it masked, one `*` per character.
    public func redactedLine(_ number: Int, of file: SourceID) -> String? {
        guard let line = line(number, of: file) else { return nil }
        let (start, end) = (line.start, line.end)
        let secrets = (sensitiveRanges[file] ?? []).filter { $0.start.offset < end && $0.end.offset > start }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for (offset, byte) in zip(start..<end, line.bytes) {
            if secrets.contains(where: { $0.start.offset <= offset && offset < $0.end.offset }) {
                if byte & 0xC0 != 0x80 { bytes.append(UInt8(ascii: "*")) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Some lines of a file: what a report needs of a file it does not keep whole (the
/// line each finding starts on, for its excerpt and its fingerprint).
public struct KeptLines: Sendable {
    /// A line's text without its line end, and the offset in the file where it starts.
    public struct Line: Sendable {
        public let start: Int
        public let bytes: [UInt8]

        public var end: Int { start + bytes.count }

        /// Line `number` (1-based) of `source`; nil past its lines.
        public init?(_ number: Int, of source: SourceFile) {
            guard number >= 1, number <= source.lineCount else { return nil }
            let content = source.lineContent(lineIndex: number - 1)
            start = content.lowerBound
            bytes = Array(source.bytes[content])
        }
    }

    private var lines: [Int: Line] = [:]

    public init() {}

    public subscript(number: Int) -> Line? { lines[number] }

    /// Keeps lines `numbers` (1-based) of `source`, each once.
    public mutating func keep(_ numbers: some Sequence<Int>, of source: SourceFile) {
        for number in numbers where lines[number] == nil {
            if let line = Line(number, of: source) { lines[number] = line }
        }
    }
}
