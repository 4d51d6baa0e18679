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
    /// Only the files that findings point at or fixes edit: excerpts, fingerprints and `--fix` need them.
    private var sources: [SourceID: SourceFile] = [:]
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
        let shown = Set(result.findings.flatMap { d in [d.file] + d.fixes.flatMap { $0.edits.map(\.file) } })
        for (file, source) in result.sources where shown.contains(file) { sources[file] = source }
        for (file, ranges) in result.sensitiveRanges {
            sensitiveRanges[file] = ranges
            if let source = result.sources[file] { secrets.formUnion(Redactor.secrets(in: source, at: ranges)) }
        }
    }

    func report(bundles: Int) -> LintReport {
        var report = LintReport(
            diagnostics: findings.sortedForReporting(), sources: sources, sensitiveRanges: sensitiveRanges,
            filesChecked: checkedFiles.count, bundlesChecked: bundles)
        report.checkedFiles = checkedFiles
        report.suppressed = suppressed.sorted { Diagnostic.reportingOrder($0.diagnostic, $1.diagnostic) }
        report.secrets = secrets
        report.configuredFailOn = configuredFailOn
        report.skippedScripts = skipped.sorted { $0.file < $1.file }
        report.docsURL = docsURL
        return report
    }
}
