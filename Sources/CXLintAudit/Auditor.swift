import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import CXLintSyntax
import Dispatch
import Foundation

/// Lints a whole fleet through the same session as `check` and the editor
/// (discovery, the nearest `.cxlint.yml` of each bundle, causes,
/// suppressions), folding each bundle's result into the report as it
/// finishes. A bundle's documents are dropped as soon as its findings are
/// taken, so memory grows with the findings, not with the fleet's bytes.
public struct Auditor: Sendable {
    public var session: LintSession

    public init(session: LintSession = LintSession()) {
        self.session = session
    }

    /// `done` of `total` configs and unclaimed files checked; `bundles` found so
    /// far, which ends at the report's bundle count (a README checked is no bundle).
    public struct Progress: Sendable, Equatable {
        public var done: Int
        public var total: Int
        public var bundles: Int
    }

    public struct Options: Sendable {
        public var label: String?
        public var shard: Shard?
        public var previous: AuditReport?

        public init(label: String? = nil, shard: Shard? = nil, previous: AuditReport? = nil) {
            self.label = label
            self.shard = shard
            self.previous = previous
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingRoot(String)
        /// A `.cxlint.yml` with problems: the run stops as `check` does.
        case configuration([Diagnostic])

        public var description: String {
            switch self {
            case .missingRoot(let root): "\(root): no such file or folder"
            case .configuration(let problems): problems.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message)" }.joined(separator: "\n")
            }
        }
    }

    /// The report, and the redactor every writer of it must print through (the
    /// report keeps messages exact; the secrets themselves are never in it).
    public struct Outcome: Sendable {
        public var report: AuditReport
        public var redactor: Redactor
    }

    /// `progress` is called serially (never concurrently).
    public func run(roots: [String], options: Options = Options(), progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws(Failure) -> Outcome {
        let discovery = session.discovery
        let absolute = roots.map { Discovery.normalize($0, relativeTo: discovery.workingDirectory) }
        for (root, path) in zip(roots, absolute) where !Self.exists(path) {
            throw .missingRoot(root)
        }
        var session = self.session
        if let shard = options.shard {
            session.includesJob = { shard.contains(SourceID(path: $0).shown(relativeTo: discovery.workingDirectory)) }
        }
        let fold = AuditFold(workingDirectory: discovery.workingDirectory)
        let outcome = session.run(absolute, progress: { done, total in
            progress(Progress(done: done, total: total, bundles: fold.count))
        }) { fold.add($0) }
        if !outcome.configurationProblems.isEmpty { throw .configuration(outcome.configurationProblems) }
        // A `.cxlint.yml` row comes from no job: the shard that owns its path reports it, as for any bundle.
        let bundles = fold.bundles.filter { options.shard?.contains($0.id) ?? true }
        let redactor = Redactor(secrets: fold.secrets)
        guard let previous = options.previous else {
            let report = AuditReport.assemble(roots: roots, label: options.label, shard: options.shard, bundles: bundles, skipped: fold.skipped)
            return Outcome(report: report, redactor: redactor)
        }
        let compared = AuditComparer.compare(bundles, with: previous) { options.shard?.contains($0) ?? true }
        let report = AuditReport.assemble(
            roots: roots, label: options.label, shard: options.shard, bundles: compared.bundles,
            removedBundles: compared.removed, trend: AuditComparer.trend(after: previous), skipped: fold.skipped)
        return Outcome(report: report, redactor: redactor)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

/// The session's results as audit bundles: one per config, per loose file,
/// per unreadable path and per `.cxlint.yml` with findings. Filled serially.
final class AuditFold: @unchecked Sendable {
    private var byID: [String: AuditBundle] = [:]
    private(set) var secrets = Set<String>()
    /// Scripts under the roots that are no part of a phone line: listed, neither failing nor clean.
    private(set) var skipped: [SkippedFile] = []
    private let lock = NSLock()
    /// Files and folders are named relative to it, as `check` names them.
    private let workingDirectory: String

    init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    var count: Int { lock.withLock { byID.count } }

    var bundles: [AuditBundle] { lock.withLock { byID.values.sorted { $0.id < $1.id } } }

    func add(_ result: LintSession.BundleResult) {
        lock.withLock { skipped += result.skipped.map { SkippedFile(path: $0.file.shown(relativeTo: workingDirectory), reason: $0.reason) } }
        guard let bundle = bundle(of: result) else { return }
        lock.withLock {
            for (file, ranges) in result.sensitiveRanges {
                if let source = result.sources[file] { secrets.formUnion(Redactor.secrets(in: source, at: ranges)) }
            }
            // A file holding several documents is one row, as it is one file.
            if var known = byID[bundle.id] {
                known.findings = (known.findings + bundle.findings).sorted(by: Auditor.reportingOrder)
                known.recount()
                byID[bundle.id] = known
            } else {
                byID[bundle.id] = bundle
            }
        }
    }

    func bundle(of result: LintSession.BundleResult) -> AuditBundle? {
        let kind: AuditBundle.Kind
        switch result.kind {
        case .integration: kind = .config
        case .loose: kind = .file
        case .unreadable: kind = .unreadable
        case .skipped: return nil
        case .lintConfiguration:
            // A `.cxlint.yml` is a row only when something in it needs fixing.
            guard !result.findings.isEmpty else { return nil }
            kind = .settings
        }
        var report = LintReport(diagnostics: result.findings.sortedForReporting(), sources: result.sources,
                                sensitiveRanges: result.sensitiveRanges)
        report.workingDirectory = workingDirectory
        let id = (result.configFile ?? result.files.first).map(report.shown) ?? SourceID(path: result.root).shown(relativeTo: workingDirectory)
        let files = result.kind == .unreadable ? 0 : result.files.count
        return AuditBundle(id: id, path: SourceID(path: result.root).shown(relativeTo: workingDirectory), kind: kind, files: files, findings: report.auditFindings(),
                           canvases: AuditCanvas.canvases(report))
    }
}

extension Auditor {
    /// Same order as `Diagnostic.reportingOrder`: file, position, rule, message.
    static func reportingOrder(_ a: AuditFinding, _ b: AuditFinding) -> Bool {
        (a.file, a.line, a.column, a.rule, a.message) < (b.file, b.line, b.column, b.rule, b.message)
    }
}
