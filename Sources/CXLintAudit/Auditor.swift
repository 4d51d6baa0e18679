import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax
import Dispatch
import Foundation

/// Lints a whole fleet: finds every bundle under the roots, lints them on
/// all cores and streams each bundle's findings into the report as it
/// finishes. A bundle's documents are dropped as soon as its findings are
/// taken, so memory grows with the findings, not with the fleet's bytes.
public struct Auditor: Sendable {
    public var discovery: Discovery
    public var engine: Engine

    public init(discovery: Discovery = Discovery(), engine: Engine = Engine()) {
        self.discovery = discovery
        self.engine = engine
    }

    public struct Progress: Sendable, Equatable {
        public var done: Int
        public var total: Int
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

        public var description: String {
            switch self {
            case .missingRoot(let root): "\(root): no such file or folder"
            }
        }
    }

    /// `progress` is called once per bundle, serially (never concurrently).
    public func run(roots: [String], options: Options = Options(), progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws(Failure) -> AuditReport {
        let absolute = roots.map { Discovery.normalize($0, relativeTo: discovery.workingDirectory) }
        for (root, path) in zip(roots, absolute) where !Self.exists(path) {
            throw .missingRoot(root)
        }
        let scan = FleetScanner(discovery: discovery).scan(absolute)
        let units = workUnits(scan).filter { options.shard?.contains($0.id) ?? true }
        let results = lint(units, progress: progress)
        let bundles = results.compactMap(\.bundle) + strayBundles(scan.strayProblems).filter { options.shard?.contains($0.id) ?? true }
        let skipped = results.flatMap(\.skipped)
        guard let previous = options.previous else {
            return AuditReport.assemble(roots: roots, label: options.label, shard: options.shard, bundles: bundles, skipped: skipped)
        }
        let compared = AuditComparer.compare(bundles, with: previous) { options.shard?.contains($0) ?? true }
        return AuditReport.assemble(
            roots: roots, label: options.label, shard: options.shard, bundles: compared.bundles,
            removedBundles: compared.removed, trend: AuditComparer.trend(after: previous), skipped: skipped)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    // MARK: Units of work

    struct WorkUnit: Sendable {
        enum Kind: Sendable {
            case config(problems: [PathProblem])
            case looseFile
        }

        var id: String
        var path: String
        var kind: Kind
    }

    func workUnits(_ scan: FleetScan) -> [WorkUnit] {
        scan.configs.map { WorkUnit(id: discovery.display($0.path), path: $0.path, kind: .config(problems: $0.problems)) }
            + scan.looseFiles.map { WorkUnit(id: discovery.display($0), path: $0, kind: .looseFile) }
    }

    /// What one unit gave: its bundle (none for a file that is none of cxlint's inputs or no part
    /// of a phone line) and the scripts it left out.
    struct UnitResult: Sendable {
        var bundle: AuditBundle?
        var skipped: [AuditSkippedScript] = []
    }

    /// Lints every unit in parallel; each result lands in its own slot as it finishes.
    func lint(_ units: [WorkUnit], progress: @escaping @Sendable (Progress) -> Void) -> [UnitResult] {
        let collector = Collector(count: units.count, progress: progress)
        let auditor = self
        DispatchQueue.concurrentPerform(iterations: units.count) { i in
            collector.store(i, auditor.audit(units[i]))
        }
        return collector.results()
    }

    func audit(_ unit: WorkUnit) -> UnitResult {
        switch unit.kind {
        case .config(let problems): auditConfig(unit, problems: problems)
        case .looseFile: auditLooseFile(unit)
        }
    }

    /// A config with its parts, exactly as `cxlint check CONFIG` sees it.
    func auditConfig(_ unit: WorkUnit, problems: [PathProblem]) -> UnitResult {
        let outcome = Linter(discovery: discovery, engine: engine).check([unit.path])
        let findings = outcome.report.auditFindings()
            + outcome.inputErrors.map { unreadableFinding(file: unit.id, message: $0) }
            + problems.map { unreadableFinding(file: discovery.display($0.path), message: $0.message) }
        let folder = discovery.display((unit.path as NSString).deletingLastPathComponent)
        let bundle = AuditBundle(id: unit.id, path: folder, kind: .config, files: outcome.report.filesChecked, findings: findings.sorted(by: Self.reportingOrder))
        return UnitResult(bundle: bundle, skipped: outcome.report.skippedScripts.map { AuditSkippedScript(path: $0.path, reason: $0.reason) })
    }

    /// A file no config claims: linted on its own when it is one of cxlint's
    /// inputs, skipped otherwise (a README), as `check` does.
    func auditLooseFile(_ unit: WorkUnit) -> UnitResult {
        let folder = discovery.display((unit.path as NSString).deletingLastPathComponent)
        let bytes: [UInt8]
        do {
            bytes = try discovery.fileSystem.read(unit.path, maxSize: discovery.maxFileSize)
        } catch {
            return UnitResult(bundle: AuditBundle(id: unit.id, path: folder, kind: .file, files: 0,
                                                  findings: [unreadableFinding(file: unit.id, message: "cannot be read: \(error.message)")]))
        }
        // As `check` does: a script that is no part of a phone line is listed, not linted with its rules.
        var skipped: [AuditSkippedScript] = []
        let documents = DocumentLoader.load(SourceFile(path: unit.id, bytes: bytes), maxFileSize: discovery.maxFileSize).filter { document in
            guard document.isRecognized else { return false }
            guard let script = document.script, let skip = IntegrationMembership.skipped([script], kept: []).first else { return true }
            skipped.append(AuditSkippedScript(path: skip.path, reason: skip.reason))
            return false
        }
        guard !documents.isEmpty else { return UnitResult(bundle: nil, skipped: skipped) }
        var diagnostics = Set<Diagnostic>()
        var report = LintReport(diagnostics: [], filesChecked: 1, bundlesChecked: documents.count)
        for document in documents {
            var bundle = LintBundle(root: folder, config: nil)
            bundle.add(document)
            diagnostics.formUnion(engine.lintAndSuppress(bundle).kept)
            report.sources[document.path] = document.source
            if !document.sensitiveRanges.isEmpty { report.sensitiveRanges[document.path] = document.sensitiveRanges }
        }
        report.diagnostics = diagnostics.sorted(by: Diagnostic.reportingOrder)
        return UnitResult(bundle: AuditBundle(id: unit.id, path: folder, kind: .file, files: 1, findings: report.auditFindings()), skipped: skipped)
    }

    /// Unreadable paths outside every config's folder: one entry each.
    func strayBundles(_ problems: [PathProblem]) -> [AuditBundle] {
        problems.map { problem in
            let id = discovery.display(problem.path)
            return AuditBundle(id: id, path: discovery.display((problem.path as NSString).deletingLastPathComponent), kind: .unreadable,
                               files: 0, findings: [unreadableFinding(file: id, message: problem.message)])
        }
    }

    func unreadableFinding(file: String, message: String) -> AuditFinding {
        AuditFinding(
            rule: ModelRuleID.unreadableFile, severity: .error, message: message, file: file,
            line: 1, column: 1, endLine: 1, endColumn: 1,
            fingerprint: FindingIdentity(rule: ModelRuleID.unreadableFile, file: file, textHash: SHA256.hex(message), occurrence: 0).fingerprint)
    }

    /// Same order as `Diagnostic.reportingOrder`: file, position, rule, message.
    static func reportingOrder(_ a: AuditFinding, _ b: AuditFinding) -> Bool {
        (a.file, a.line, a.column, a.rule, a.message) < (b.file, b.line, b.column, b.rule, b.message)
    }
}

/// Where parallel workers drop their bundles. The lock makes `progress`
/// serial, so whoever draws it needs no lock of its own.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Auditor.UnitResult?]
    private var done = 0
    private let progress: @Sendable (Auditor.Progress) -> Void

    init(count: Int, progress: @escaping @Sendable (Auditor.Progress) -> Void) {
        slots = Array(repeating: nil, count: count)
        self.progress = progress
    }

    func store(_ index: Int, _ result: Auditor.UnitResult) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
        done += 1
        progress(Auditor.Progress(done: done, total: slots.count))
    }

    func results() -> [Auditor.UnitResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
