import CXLintModel
import CXLintRules
import CXLintSyntax
import Foundation

extension LintSession {
    /// `check`'s answer: the session's results folded into one report.
    public struct CheckOutcome: Sendable {
        public var report: LintReport
        /// Named paths that do not exist or cannot be read.
        public var inputErrors: [String]
        /// Problems of the `.cxlint.yml` files used: they stop `check` (exit 2).
        public var configurationProblems: [Diagnostic]
    }

    /// Every bundle under `paths`, folded as it arrives: a bundle's documents are
    /// gone once its result is taken, so memory follows the findings, not the corpus.
    public func check(_ paths: [String]) -> CheckOutcome {
        let fold = ReportFold()
        let outcome = run(paths) { fold.add($0) }
        var report = fold.report(bundles: outcome.bundleCount)
        report.workingDirectory = discovery.workingDirectory
        return CheckOutcome(report: report, inputErrors: outcome.inputErrors,
                            configurationProblems: outcome.configurationProblems)
    }
}

/// What the report needs of the results once their documents are dropped.
/// Filled by the session's serial delivery only.
final class ReportFold: @unchecked Sendable {
    private var findings = Set<Diagnostic>()
    private var suppressed = Set<SuppressedFinding>()
    private var checkedFiles = Set<SourceID>()
    /// Whole, only the files that fixes edit (`--fix` needs them).
    private var sources: [SourceID: SourceFile] = [:]
    /// Of the other files findings point at, the lines that findings (suppressed ones
    /// included) start on: excerpts and fingerprints need no more.
    private var keptLines: [SourceID: KeptLines] = [:]
    /// Of every file (small): no output shows a credential, whichever file quotes it.
    private var sensitiveRanges: [SourceID: [SourceRange]] = [:]
    private var secrets = Set<String>()
    private var configuredFailOn: [SourceID: LintConfiguration.FailOn] = [:]
    private var skipped = Set<SkippedScript>()
    private var docsURL: String?

    func add(_ result: LintSession.BundleResult) {
        skipped.formUnion(result.skipped)
        docsURL = docsURL ?? result.docsURL
        findings.formUnion(result.findings)
        suppressed.formUnion(result.suppressed)
        if result.kind == .integration || result.kind == .loose || result.kind == .unreadable { checkedFiles.formUnion(result.files) }
        if let failOn = result.failOn {
            for file in result.files { configuredFailOn[file] = failOn }
        }
        keep(result)
        for (file, ranges) in result.sensitiveRanges {
            sensitiveRanges[file] = ranges
            if let source = result.sources[file] { secrets.formUnion(Redactor.secrets(in: source, at: ranges)) }
        }
    }

    /// What the report needs of the files `result`'s findings point at: the lines they
    /// start on (excerpts and fingerprints need no more), suppressed findings' too, so
    /// that their fingerprints do not hang on other findings; a file a fix edits whole.
    private func keep(_ result: LintSession.BundleResult) {
        let edited = Set(result.findings.flatMap { $0.fixes.flatMap { $0.edits.map(\.file) } })
        var starts: [SourceID: [Int]] = [:]
        for d in result.findings + result.suppressed.map(\.diagnostic) { starts[d.file, default: []].append(d.range.start.line) }
        for (file, source) in result.sources {
            if edited.contains(file) {
                sources[file] = source
            } else if let lines = starts[file] {
                keptLines[file, default: KeptLines()].keep(lines, of: source)
            }
        }
    }

    func report(bundles: Int) -> LintReport {
        var report = LintReport(
            diagnostics: findings.sortedForReporting(), sources: sources, sensitiveRanges: sensitiveRanges,
            filesChecked: checkedFiles.count, bundlesChecked: bundles)
        report.keptLines = keptLines
        report.checkedFiles = checkedFiles
        report.suppressed = suppressed.sorted { Diagnostic.reportingOrder($0.diagnostic, $1.diagnostic) }
        report.secrets = secrets
        report.configuredFailOn = configuredFailOn
        report.skippedScripts = skipped.sorted { $0.file < $1.file }
        report.docsURL = docsURL
        return report
    }
}
