import Foundation
import CXLintModel
import CXLintRules
import CXLintSyntax

/// What one run found, with what reporters need to show it: the source of
/// the files findings point at (for excerpts) and the ranges they must never print.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// `check` keeps only the files that findings point at or fixes edit, so a
    /// run's memory does not grow with its clean files.
    public var sources: [SourceID: SourceFile]
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

    /// The text of a line with every credential in it masked, one `*` per character.
    public func redactedLine(_ line: Int, of file: SourceID) -> String? {
        guard let source = sources[file], line >= 1, line <= source.lineCount else { return nil }
        let content = source.lineContent(lineIndex: line - 1)
        let (start, end) = (content.lowerBound, content.upperBound)
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
