import CXLintModel
import CXLintRules
import CXLintSyntax
import Foundation

/// The one lint pipeline behind `check`, the language server and the audit:
/// paths (with unsaved editor buffers laid over the disk) → discovery → the
/// `.cxlint.yml` of each bundle → engine → causes → suppressions → a stream of
/// per-bundle results. Front ends only fold the stream into what they show;
/// none of them decides what a finding is. Findings stay exact here: masking
/// happens where text leaves the process (`Redactor`).
public struct LintSession: Sendable {
    public var discovery: Discovery
    public var configuration: ConfigurationChoice
    /// Keep each bundle's documents in its result (the editor reuses them next round).
    public var keepsDocuments = false
    /// Which jobs (by their config's or file's absolute path) to run: `audit --shard`.
    public var includesJob: @Sendable (String) -> Bool = { _ in true }

    /// Which `.cxlint.yml` applies to a bundle.
    public enum ConfigurationChoice: Sendable {
        /// The nearest `.cxlint.yml` above the bundle's folder (up to a repository root).
        case nearest
        /// One file for every bundle (`--config FILE`), absolute.
        case file(String)
    }

    public init(discovery: Discovery = Discovery(), configuration: ConfigurationChoice = .nearest, keepsDocuments: Bool = false) {
        self.discovery = discovery
        self.configuration = configuration
        self.keepsDocuments = keepsDocuments
    }

    /// What one bundle gave.
    public struct BundleResult: Sendable {
        public enum Kind: String, Sendable {
            /// An integration config with its parts.
            case integration
            /// A recognised file that no integration config claims.
            case loose
            /// A path that could not be read.
            case unreadable
            /// A `.cxlint.yml`: its own problems and the suppressions in it that silenced nothing.
            case lintConfiguration
            /// Nothing to lint: only scripts that are no part of a phone line (`skipped`).
            case skipped
        }

        public var kind: Kind
        /// The folder of the bundle, absolute.
        public var root: String
        /// The integration config (or, for `.lintConfiguration`, the `.cxlint.yml`).
        public var configFile: SourceID?
        /// Every file of the bundle (the members of an archive each on their own).
        public var files: [SourceID]
        /// Findings after configuration, causes and suppressions; exact (never masked).
        public var findings: [Diagnostic]
        public var suppressed: [SuppressedFinding]
        /// The text of every file of the bundle: excerpts, fingerprints, fixes and positions need it.
        public var sources: [SourceID: SourceFile]
        /// Where each file holds credentials: no output may print them.
        public var sensitiveRanges: [SourceID: [SourceRange]]
        /// The bundle's documents, when the session keeps them.
        public var documents: [LoadedDocument]
        /// Scripts found but left out as no part of a phone line, with why.
        public var skipped: [SkippedScript] = []
        /// That configuration's `docs_url`, when it sets one.
        public var docsURL: String?
        /// That configuration's `fail_on`, when it sets one.
        public var failOn: LintConfiguration.FailOn?
        /// Indexes into that configuration's `suppress:` that silenced something here.
        var usedConfigSuppressions: Set<Int>
    }

    /// What the whole run gave besides its bundles.
    public struct Outcome: Sendable {
        /// Named paths that do not exist or cannot be read: a usage problem (exit 2).
        public var inputErrors: [String]
        /// Problems of the `.cxlint.yml` files used (also in their `.lintConfiguration` results).
        public var configurationProblems: [Diagnostic]
        public var bundleCount: Int
    }

    /// Lints every bundle under `paths`, handing each result to `onBundle` as it is done,
    /// serially (never concurrently). `progress` gets (jobs done, jobs in all).
    @discardableResult
    public func run(_ paths: [String], progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                    onBundle: @escaping @Sendable (BundleResult) -> Void) -> Outcome {
        var planned = discovery.plan(paths)
        planned.jobs.removeAll { !includesJob($0.path) }
        let plan = planned
        let configurations = Configurations(choice: configuration, jobs: plan.jobs, discovery: discovery)
        let sink = ResultSink(total: plan.jobs.count, configurations: configurations.count, progress: progress, onBundle: onBundle)
        let session = self
        _ = plan.jobs.concurrentMap { job in
            let index = configurations.index(for: job)
            let configuration = configurations.loaded[index]
            let results = session.discovery.bundles(of: job, in: plan).map { session.result(of: $0, with: configuration) }
            sink.deliver(results, configuration: index)
        }
        let covered = coveredFolders(paths)
        var problems: [Diagnostic] = []
        for (index, loaded) in configurations.loaded.enumerated() {
            guard let result = configurationResult(loaded, usage: sink.usage(of: index), covered: covered) else { continue }
            problems += loaded.problems
            sink.deliver([result], configuration: nil)
        }
        return Outcome(inputErrors: plan.inputErrors, configurationProblems: problems, bundleCount: sink.bundleCount)
    }

    func result(of found: Discovery.FoundBundle, with configuration: Configurations.Loaded) -> BundleResult {
        let bundle = found.bundle
        // A script left out on its own is listed, not linted.
        if bundle.documents.isEmpty && bundle.diagnostics.isEmpty {
            return BundleResult(kind: .skipped, root: bundle.root, files: [], findings: [], suppressed: [], sources: [:], sensitiveRanges: [:],
                                documents: [], skipped: found.skipped, usedConfigSuppressions: [])
        }
        var outcome = configuration.engine.lintAndSuppress(bundle)
        if let reported = found.reportedFiles {
            outcome.kept.removeAll { !reported.contains($0.file) }
            outcome.suppressed.removeAll { !reported.contains($0.diagnostic.file) }
        }
        outcome.kept = Self.withSubjects(outcome.kept, in: bundle)
        let suppressedWithSubjects = Self.withSubjects(outcome.suppressed.map(\.diagnostic), in: bundle)
        for index in outcome.suppressed.indices { outcome.suppressed[index].diagnostic = suppressedWithSubjects[index] }
        var sources: [SourceID: SourceFile] = [:]
        var sensitive: [SourceID: [SourceRange]] = [:]
        for document in bundle.documents {
            sources[document.id] = document.source
            if !document.sensitiveRanges.isEmpty { sensitive[document.id, default: []] += document.sensitiveRanges }
        }
        return BundleResult(
            kind: Self.kind(of: bundle), root: bundle.root, configFile: bundle.config?.id,
            files: bundle.documents.map(\.id), findings: outcome.kept, suppressed: outcome.suppressed,
            sources: sources, sensitiveRanges: sensitive, documents: keepsDocuments ? bundle.documents : [],
            skipped: found.skipped, docsURL: configuration.configuration.docsURL, failOn: configuration.configuration.failOn,
            usedConfigSuppressions: outcome.usedConfigSuppressions)
    }

    /// Every finding names what it is about (`Diagnostic.subject`), for stable fingerprints.
    static func withSubjects(_ findings: [Diagnostic], in bundle: LintBundle) -> [Diagnostic] {
        guard findings.contains(where: { $0.subject == nil }) else { return findings }
        let documents = Dictionary(bundle.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return findings.map { finding in
            guard finding.subject == nil, let document = documents[finding.file] else { return finding }
            var d = finding
            d.subject = Subject.derived(for: finding, in: document)
            return d
        }
    }

    static func kind(of bundle: LintBundle) -> BundleResult.Kind {
        if bundle.config != nil { return .integration }
        let unreadable = bundle.documents.allSatisfy { document in
            document.diagnostics.contains { $0.rule == ModelRuleID.unreadableFile }
        }
        return unreadable && !bundle.documents.isEmpty ? .unreadable : .loose
    }

    /// The `.cxlint.yml` as a bundle of its own: its problems, and the `suppress:`
    /// entries that silenced nothing. Unused entries are only known when the run
    /// covered the config's whole folder (or the config was named): linting one
    /// script must not call a suppression meant for another line unused.
    func configurationResult(_ loaded: Configurations.Loaded, usage: ConfigurationUsage, covered: [String]) -> BundleResult? {
        guard let source = loaded.configuration.source else { return nil }
        let directory = loaded.configuration.directory
        let coversAll = covered.contains { directory == $0 || directory.hasPrefix($0 == "/" ? "/" : $0 + "/") }
        var findings = loaded.problems
        if coversAll {
            findings += Suppressions.unusedConfigSuppressions(
                loaded.configuration, used: usage.used, checkedRules: loaded.engine.checkedRules, checkedFiles: Array(usage.checkedFiles))
        }
        guard coversAll || !findings.isEmpty else { return nil }
        return BundleResult(
            kind: .lintConfiguration, root: directory, configFile: source.id, files: [source.id],
            findings: Set(findings).sortedForReporting(), suppressed: [], sources: [source.id: source],
            sensitiveRanges: [:], documents: [], failOn: loaded.configuration.failOn,
            usedConfigSuppressions: [])
    }

    /// The folders the run walks as a whole, absolute.
    func coveredFolders(_ paths: [String]) -> [String] {
        paths.map { Discovery.normalize($0, relativeTo: discovery.workingDirectory) }.filter { discovery.fileSystem.kind(of: $0) == .directory }
    }
}

/// Which configuration entries a run's bundles used, and which files they checked.
struct ConfigurationUsage: Sendable {
    var used = Set<Int>()
    var checkedFiles = Set<SourceID>()
}

/// Serialises delivery: `onBundle` and `progress` never run concurrently, so a
/// front end folds results without a lock of its own.
final class ResultSink: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private(set) var bundleCount = 0
    private var usages: [ConfigurationUsage]
    private let progress: @Sendable (Int, Int) -> Void
    private let onBundle: @Sendable (LintSession.BundleResult) -> Void

    init(total: Int, configurations: Int, progress: @escaping @Sendable (Int, Int) -> Void,
         onBundle: @escaping @Sendable (LintSession.BundleResult) -> Void) {
        self.total = total
        self.usages = Array(repeating: ConfigurationUsage(), count: configurations)
        self.progress = progress
        self.onBundle = onBundle
    }

    /// A job's results; `configuration` is the index of the `.cxlint.yml` they were linted with.
    func deliver(_ results: [LintSession.BundleResult], configuration: Int?) {
        lock.withLock {
            for result in results {
                if let configuration {
                    usages[configuration].used.formUnion(result.usedConfigSuppressions)
                    usages[configuration].checkedFiles.formUnion(result.files)
                }
                if result.kind != .lintConfiguration && result.kind != .skipped { bundleCount += 1 }
                onBundle(result)
            }
            if configuration != nil {
                done += 1
                progress(done, total)
            }
        }
    }

    func usage(of configuration: Int) -> ConfigurationUsage {
        lock.withLock { usages[configuration] }
    }
}
