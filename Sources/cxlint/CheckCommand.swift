import ArgumentParser
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

extension LintConfiguration.FailOn: ExpressibleByArgument {}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint every bundle under the given folders and every file given.",
        discussion: """
            A bundle is a phone integration config with the assistant export and Studio scripts it names \
            (assistant:, scripts:), or, when it names none, the files in its folder and below. A file named \
            alone still gets its bundle's cross-file checks. A script found by walking belongs to a phone line \
            only when the config names it, it places the call or sets its header, its Onsignal chain reads p1, or \
            a script of the line runs it; others (IVR menus, chat) are left out (--verbose lists them).
            """
    )

    @Argument(help: "Files or folders to lint.")
    var paths: [String] = ["."]

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Output format: \(FormatChoice.allCases.map(\.rawValue).joined(separator: ", ")); repeatable.",
        discussion: "auto is github inside GitHub Actions, text elsewhere."))
    var formats: [FormatChoice] = []

    @Option(name: [.customLong("output"), .customShort("o")], help: "Write the --format given just before to FILE; repeatable.")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error, warning, note or never (default: the config's fail_on, else error).")
    var failOn: LintConfiguration.FailOn?

    @Flag(help: "Show errors only and no summary line (warnings and notes still count for --fail-on and --max-warnings).")
    var quiet = false

    @Option(name: .customLong("max-warnings"), help: "Exit 1 when there are more than N warnings.")
    var maxWarnings: Int?

    @Option(help: "The config file (default: .cxlint.yml in the working directory or the nearest folder above).")
    var config: String?

    @Option(name: .customLong("stdin-filename"), help: "With - as the path: lint standard input as this file, in its bundle.")
    var stdinFilename: String?

    @Option(help: "Do not report the findings recorded in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record every current finding in this baseline file and exit 0.")
    var writeBaseline: String?

    @Flag(name: .customLong("baseline-strict"), help: "With --baseline: exit 1 when a baselined finding is gone, so the file gets updated.")
    var baselineStrict = false

    @Option(help: "Colour and source excerpts in text output: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("max-file-size"), help: "Largest file to read, in bytes (at most 2 GiB - 1).")
    var maxFileSize: Int = DocumentLoader.defaultMaxFileSize

    @Option(name: .customLong("docs-url"), help: "Where your team hosts docs/rules.md: SARIF and Markdown link each rule to URL#RULE-ID (default: a .cxlint.yml's docs_url; else no links).")
    var docsURL: String?

    @Flag(help: "Apply each finding's first fix in place (atomically), then report what remains.")
    var fix = false

    @Flag(help: "List on standard error the scripts left out as no part of a phone integration, and why.")
    var verbose = false

    func validate() throws {
        try validateMaxFileSize(maxFileSize)
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        _ = try outputPlan()
        if baselineStrict, baseline == nil { throw ValidationError("--baseline-strict needs --baseline FILE") }
        if paths.contains("-") {
            guard stdinFilename != nil else { throw ValidationError("reading standard input (-) needs --stdin-filename NAME") }
            guard paths == ["-"] else { throw ValidationError("- (standard input) cannot be combined with other paths") }
        } else if stdinFilename != nil {
            throw ValidationError("--stdin-filename needs - as the path")
        }
    }

    func outputPlan() throws -> OutputPlan {
        try OutputPlan.make(formats: formats, outputs: outputs, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    func run() throws {
        let plan = try outputPlan()
        let workingDirectory = Discovery.normalize(FileManager.default.currentDirectoryPath, relativeTo: "/")
        var fileSystem = FileSystem()
        var paths = self.paths
        if let stdinFilename {
            // Standard input stands in for the named file, so it gets that file's bundle and config.
            let data = FileHandle.standardInput.readDataToEndOfFile()
            fileSystem.overlay[Discovery.normalize(stdinFilename, relativeTo: workingDirectory)] = [UInt8](data)
            paths = [stdinFilename]
        }
        let discovery = Discovery(fileSystem: fileSystem, workingDirectory: workingDirectory, maxFileSize: maxFileSize)
        let session = LintSession(discovery: discovery, configuration: try configurationChoice(config, discovery))
        let outcome = fix ? fixInPlace(session, paths: paths) : session.check(paths)
        var report = outcome.report
        report.docsURL = docsURL ?? report.docsURL
        let output = MaskedOutput(report.redactor)
        for problem in outcome.inputErrors {
            output.error("cxlint: \(problem)\n")
        }
        try stopOnConfigurationProblems(outcome.configurationProblems, workingDirectory: workingDirectory, output: output)
        if verbose {
            for skipped in report.skippedScripts { output.error("cxlint: skipped \(report.shown(skipped.file)): \(skipped.reason)\n") }
        }
        var stale: [Baseline.Entry] = []
        if let writeBaseline {
            try save(Baseline.make(report, paths: Baseline.Paths(baselineFile: writeBaseline, workingDirectory: workingDirectory)), to: writeBaseline, output: output)
        } else if let baseline {
            let application = try loadBaseline(baseline).apply(to: report, paths: Baseline.Paths(baselineFile: baseline, workingDirectory: workingDirectory))
            report = application.report
            stale = application.stale
        }
        try write(shown(report), plan: plan, output: output)
        if !quiet, plan.targets.contains(where: { $0.format.resolved(environment: ProcessInfo.processInfo.environment) == .text }) {
            output.error(TextReporter.summaryLine(report) + "\n")
        }
        if !outcome.inputErrors.isEmpty { throw ExitCode(ExitStatus.usage) }
        if writeBaseline != nil { return }
        if !stale.isEmpty { reportStale(stale, output: output) }
        // --fail-on wins over each `.cxlint.yml`'s fail_on; `never` (a nil threshold) is a choice, not a fallback.
        let gate = Gate(failOn: failOn, maxWarnings: maxWarnings, staleBaselineFails: baselineStrict)
        let status = gate.status(report, staleBaselineEntries: stale.count)
        if status != ExitStatus.clean { throw ExitCode(status) }
    }

    func loadBaseline(_ file: String) throws -> Baseline {
        do {
            guard let data = FileManager.default.contents(atPath: file) else { throw Baseline.LoadError.unreadable("no such file") }
            return try Baseline.decode(data)
        } catch {
            FileHandleOutput.standardError("cxlint: --baseline \(file): \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }

    func save(_ baseline: Baseline, to file: String, output: MaskedOutput) throws {
        do {
            try AtomicFile.write(output.redactor.mask(baseline.encoded()), to: file)
            output.error("cxlint: wrote \(baseline.findings.count) finding(s) to \(file)\n")
        } catch {
            output.error("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// `--fix`: the fixer lives in CXLintReport; this only reports what it did, on stderr.
    func fixInPlace(_ session: LintSession, paths: [String]) -> LintSession.CheckOutcome {
        let (outcome, summary) = Fixer().fixAndRecheck(paths, with: session)
        let output = MaskedOutput(outcome.report.redactor)
        for failure in summary.failures { output.error("cxlint: \(failure)\n") }
        let skipped = summary.skippedOverlapping > 0 ? ", \(summary.skippedOverlapping) overlapping left for another run" : ""
        output.error("cxlint: fixed \(summary.fixed) finding(s) in \(summary.files.count) file(s)\(skipped)\n")
        return outcome
    }

    /// Tells which baselined findings are gone, so the file gets updated.
    func reportStale(_ stale: [Baseline.Entry], output: MaskedOutput) {
        var text = "cxlint: \(stale.count) baselined finding(s) no longer occur; update the baseline with --write-baseline:\n"
        for entry in stale.prefix(20) { text += "  \(entry.file): \(entry.rule): \(entry.message)\n" }
        if stale.count > 20 { text += "  …and \(stale.count - 20) more\n" }
        output.error(text)
    }

    /// What the reporters print: with --quiet, errors only.
    func shown(_ report: LintReport) -> LintReport {
        guard quiet else { return report }
        var shown = report
        shown.diagnostics.removeAll { $0.severity != .error }
        return shown
    }

    /// Renders every requested format to its file or to standard output.
    func write(_ report: LintReport, plan: OutputPlan, output: MaskedOutput) throws {
        let environment = ProcessInfo.processInfo.environment
        for target in plan.targets {
            let format = target.format.resolved(environment: environment)
            let terminal = target.file == nil && format == .text
                && (color == .always || (color == .auto && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil))
            let text = output.redactor.mask(format.reporter(showSource: terminal, color: terminal).render(report))
            if let file = target.file {
                do {
                    try AtomicFile.write(text, to: file)
                } catch {
                    output.error("cxlint: \(error)\n")
                    throw ExitCode(ExitStatus.usage)
                }
            } else {
                FileHandleOutput.standardOutput(text)
            }
        }
    }
}

/// When findings fail the run (exit 1): any at or above the --fail-on
/// severity, more warnings than --max-warnings allows, or, with
/// --baseline-strict, baselined findings that are gone. Counted after
/// suppressions and the baseline, and before --quiet hides anything.
struct Gate {
    /// `--fail-on`; nil: each finding's `.cxlint.yml` `fail_on`, else error.
    var failOn: LintConfiguration.FailOn?
    var maxWarnings: Int?
    var staleBaselineFails = false

    func status(_ report: LintReport, staleBaselineEntries: Int = 0) -> Int32 {
        if report.diagnostics.contains(where: { d in threshold(for: d, in: report).map { d.severity >= $0 } ?? false }) { return ExitStatus.findings }
        if let maxWarnings, report.count(.warning) > maxWarnings { return ExitStatus.findings }
        if staleBaselineFails, staleBaselineEntries > 0 { return ExitStatus.findings }
        return ExitStatus.clean
    }

    func threshold(for d: Diagnostic, in report: LintReport) -> Severity? {
        if let failOn { return failOn.threshold }
        return report.configuredFailOn[d.file].map(\.threshold) ?? .error
    }
}
