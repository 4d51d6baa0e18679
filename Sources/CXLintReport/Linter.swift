import CXLintModel
import CXLintRules
import CXLintSyntax

/// Paths in, report out: discovery's plan, then its jobs on all cores, each
/// loaded, linted and dropped in turn. The front ends (CLI, audit) call this.
public struct Linter: Sendable {
    public var discovery: Discovery
    public var engine: Engine

    public init(discovery: Discovery = Discovery(), engine: Engine = Engine()) {
        self.discovery = discovery
        self.engine = engine
    }

    public struct Outcome: Sendable {
        public var report: LintReport
        /// Named paths that do not exist or cannot be read.
        public var inputErrors: [String]
    }

    public func check(_ paths: [String]) -> Outcome {
        let plan = discovery.plan(paths)
        let discovery = self.discovery
        let engine = self.engine
        // A job's trees are gone once its summary is taken, so memory follows the
        // jobs in flight and the findings, not the size of the corpus.
        let jobs = plan.jobs.concurrentMap { job in
            LintedJob(discovery.bundles(of: job, in: plan), engine: engine)
        }
        return Outcome(report: report(of: jobs), inputErrors: plan.inputErrors)
    }

    func report(of jobs: [LintedJob]) -> LintReport {
        var all = LintedJob()
        for job in jobs { all.merge(job) }
        let configuration = engine.configuration
        let unused = Suppressions.unusedConfigSuppressions(
            configuration, used: all.usedConfigSuppressions, checkedRules: engine.checkedRules, checkedFiles: Array(all.checkedFiles))
        if let config = configuration.source { all.sources[config.path] = config }
        var report = LintReport(
            diagnostics: Array(Set(all.kept + unused)).sorted(by: Diagnostic.reportingOrder), sources: all.sources,
            sensitiveRanges: all.sensitiveRanges, filesChecked: all.checkedFiles.count, bundlesChecked: all.bundleCount)
        report.checkedFiles = all.checkedFiles
        report.suppressed = Array(Set(all.suppressed))
        report.skippedScripts = Array(Set(all.skipped)).sorted { $0.path < $1.path }
        return report.redactingSecrets(alsoMasking: all.secrets)
    }
}

/// What the report needs of a job's bundles once their documents are dropped.
struct LintedJob {
    var kept: [Diagnostic] = []
    var suppressed: [SuppressedFinding] = []
    var skipped: [SkippedScript] = []
    var usedConfigSuppressions = Set<Int>()
    var bundleCount = 0
    var checkedFiles = Set<String>()
    /// Only the files that findings point at or fixes edit: excerpts, fingerprints and `--fix` need them.
    var sources: [String: SourceFile] = [:]
    /// Of every file (small): an excerpt never shows a credential.
    var sensitiveRanges: [String: [SourceRange]] = [:]
    /// The credential texts of every file: a message of another file may quote one.
    var secrets = Set<String>()

    init() {}

    init(_ bundles: [Discovery.FoundBundle], engine: Engine) {
        for found in bundles { add(found, engine: engine) }
    }

    mutating func add(_ found: Discovery.FoundBundle, engine: Engine) {
        skipped += found.skipped
        // A script left out on its own is listed, not linted.
        guard !found.bundle.documents.isEmpty || !found.bundle.diagnostics.isEmpty else { return }
        var result = engine.lintAndSuppress(found.bundle)
        if let reported = found.reportedFiles {
            result.kept.removeAll { !reported.contains($0.file) }
            result.suppressed.removeAll { !reported.contains($0.diagnostic.file) }
        }
        kept += result.kept
        suppressed += result.suppressed
        usedConfigSuppressions.formUnion(result.usedConfigSuppressions)
        bundleCount += 1
        let shown = Set(result.kept.flatMap { d in [d.file] + d.fixes.flatMap { $0.edits.map(\.file) } })
        for document in found.bundle.documents {
            checkedFiles.insert(document.path)
            if shown.contains(document.path) { sources[document.path] = document.source }
            guard !document.sensitiveRanges.isEmpty else { continue }
            sensitiveRanges[document.path] = document.sensitiveRanges
            secrets.formUnion(LintReport.secrets(in: document.source, at: document.sensitiveRanges))
        }
    }

    mutating func merge(_ other: LintedJob) {
        kept += other.kept
        suppressed += other.suppressed
        skipped += other.skipped
        usedConfigSuppressions.formUnion(other.usedConfigSuppressions)
        bundleCount += other.bundleCount
        checkedFiles.formUnion(other.checkedFiles)
        sources.merge(other.sources) { $1 }
        sensitiveRanges.merge(other.sensitiveRanges) { $1 }
        secrets.formUnion(other.secrets)
    }
}
