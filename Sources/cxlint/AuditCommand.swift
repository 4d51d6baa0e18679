import ArgumentParser
import CXLintAudit
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import Dispatch
import Foundation

extension AuditFormat: ExpressibleByArgument {}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Lint every bundle under the roots and write one report for the whole fleet.",
        discussion: """
            cxlint audit ROOT... --report FILE [--report-format html|md|json|csv]... [--compare PREVIOUS.json] [--shard I/N] [--quiet]
            cxlint audit merge SHARD.json... --report FILE [--report-format ...]
            `cxlint audit run --help` lists every option.
            """,
        subcommands: [AuditRunCommand.self, AuditMergeCommand.self],
        defaultSubcommand: AuditRunCommand.self
    )
}

/// Options both `audit` and `audit merge` write reports with.
struct ReportOptions: ParsableArguments {
    @Option(help: "A report file; its extension picks the format unless --report-format is given. Repeatable: every one is written.")
    var report: [String]

    @Option(name: .customLong("report-format"), help: "html, md, json or csv; repeat for several (each gets its extension).")
    var reportFormats: [AuditFormat] = []

    @Flag(help: "Print nothing on stderr: no progress, no summary.")
    var quiet = false

    func validate() throws {
        guard !report.isEmpty else { throw ValidationError("give at least one --report FILE") }
        for file in report where reportFormats.isEmpty && AuditFormat(path: file) == nil {
            throw ValidationError("cannot tell the format of \"\(file)\" from its extension; add --report-format html|md|json|csv")
        }
    }

    /// Every `--report`, each in its extension's format, or in every `--report-format`.
    var destinations: [(AuditFormat, String)] {
        report.flatMap { file in
            AuditFormat.destinations(report: file, formats: reportFormats.isEmpty ? [AuditFormat(path: file)!] : reportFormats)
        }
    }

    /// Writes every requested format, each atomically, through the run's redactor.
    func write(_ audit: AuditReport, redactor: Redactor = .none) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let output = MaskedOutput(redactor)
        for (format, path) in destinations {
            let text = redactor.mask(AuditRenderer.render(audit, as: format, options: .forReport(at: path, workingDirectory: cwd)))
            do {
                try AtomicFile.createFolder(for: path)
                try AtomicFile.write(text, to: path)
            } catch {
                output.error("cxlint: \(error)\n")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if !quiet {
            let s = audit.summary
            var line = "cxlint audit: \(s.statusLine); \(s.errors) error(s), \(s.warnings) warning(s), \(s.notes) note(s)"
            if let c = audit.comparison { line += "; \(c.new) new, \(c.fixed) fixed" }
            FileHandleOutput.standardError(line + "\n")
            for (_, path) in destinations { FileHandleOutput.standardError("wrote \(path)\n") }
        }
    }
}

struct AuditRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Audit every bundle under the roots (the default `audit` subcommand).",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage error, a root that does not exist, \
            an unreadable --compare report or a report that cannot be written; 3 internal error. Unreadable files and \
            folders under the roots are findings (unreadable-file), not errors.
            """
    )

    @Argument(help: "Folders (or files) holding the bundles.")
    var roots: [String]

    @OptionGroup var output: ReportOptions

    @Option(help: "A previous audit's JSON report: mark findings new, fixed or unchanged.")
    var compare: String?

    @Option(help: "I/N: audit only the I-th of N deterministic shares of the bundles (merge with `audit merge`).")
    var shard: String?

    @Option(help: "A name for this audit (a date, a commit), shown on the next audit's trend.")
    var label: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error, warning, note or never.")
    var failOn: LintConfiguration.FailOn = .error

    @Option(name: .customLong("max-file-size"), help: "Largest file to read, in bytes (at most 2 GiB - 1).")
    var maxFileSize: Int = DocumentLoader.defaultMaxFileSize

    @Option(help: "The config file (default: .cxlint.yml in the working directory or the nearest folder above).")
    var config: String?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4") }
        try validateMaxFileSize(maxFileSize)
    }

    func run() throws {
        var previous: AuditReport?
        if let compare {
            do { previous = try AuditJSON.load(compare) } catch {
                FileHandleOutput.standardError("cxlint: \(error)\n")
                throw ExitCode(ExitStatus.usage)
            }
        }
        let discovery = Discovery(maxFileSize: maxFileSize)
        // The same session as `check`: each bundle's `.cxlint.yml`, causes, suppressions.
        let auditor = Auditor(session: LintSession(discovery: discovery, configuration: try configurationChoice(config, discovery)))
        let options = Auditor.Options(label: label, shard: shard.flatMap(Shard.init), previous: previous)
        let progress = ProgressPrinter(mode: output.quiet ? .silent : isatty(STDERR_FILENO) == 1 ? .terminal : .lines)
        let outcome: Auditor.Outcome
        do {
            outcome = try auditor.run(roots: roots, options: options, progress: progress.update)
        } catch .configuration(let problems) {
            progress.finish()
            try stopOnConfigurationProblems(problems, workingDirectory: discovery.workingDirectory, output: MaskedOutput(.none))
            return
        } catch {
            FileHandleOutput.standardError("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
        progress.finish()
        let audit = outcome.report
        try output.write(audit, redactor: outcome.redactor)
        if let threshold = failOn.threshold, audit.bundles.contains(where: { $0.findings.contains { $0.severity >= threshold } }) {
            throw ExitCode(ExitStatus.findings)
        }
    }
}

struct AuditMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the JSON reports of `audit --shard I/N` runs into the report an unsharded audit writes."
    )

    @Argument(help: "The JSON report of every shard.")
    var shards: [String]

    @OptionGroup var output: ReportOptions

    func run() throws {
        do {
            let reports = try shards.map { path throws(AuditJSON.Failure) in try AuditJSON.load(path) }
            try output.write(try AuditMerger.merge(reports))
        } catch let error as AuditJSON.Failure {
            FileHandleOutput.standardError("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        } catch let error as AuditMerger.Failure {
            FileHandleOutput.standardError("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// Draws progress on stderr. `update` is called serially by the auditor; the
/// lock only guards against `finish` racing a late update.
final class ProgressPrinter: @unchecked Sendable {
    enum Mode { case silent, terminal, lines }

    private let mode: Mode
    private let lock = NSLock()
    private let start = DispatchTime.now()
    private var lastDraw: UInt64 = 0
    private var drewBar = false

    init(mode: Mode) {
        self.mode = mode
    }

    var update: @Sendable (Auditor.Progress) -> Void {
        { [self] progress in self.draw(progress) }
    }

    private func draw(_ p: Auditor.Progress) {
        guard mode != .silent else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        let line = ProgressLine(done: p.done, total: p.total, bundles: p.bundles, elapsed: Double(now - start.uptimeNanoseconds) / 1e9)
        switch mode {
        case .terminal:
            // At most ten redraws a second: drawing must not cost more than linting.
            guard p.done == p.total || now - lastDraw > 100_000_000 else { return }
            lastDraw = now
            drewBar = true
            FileHandleOutput.standardError("\r\u{1B}[2K" + line.bar())
        case .lines:
            if ProgressLine.plainLineDue(done: p.done, total: p.total) { FileHandleOutput.standardError(line.plain + "\n") }
        case .silent:
            break
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewBar { FileHandleOutput.standardError("\n") }
    }
}
