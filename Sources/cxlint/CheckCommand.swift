import ArgumentParser
import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note, never

    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .note: .note
        case .never: nil
        }
    }
}

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
            alone still gets its bundle's cross-file checks.
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
    var failOn: FailOn?

    @Flag(help: "Show errors only (warnings and notes still count for --fail-on and --max-warnings).")
    var quiet = false

    @Option(name: .customLong("max-warnings"), help: "Exit 1 when there are more than N warnings.")
    var maxWarnings: Int?

    @Option(help: "Colour and source excerpts in text output: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("max-file-size"), help: "Largest file to read, in bytes.")
    var maxFileSize: Int = DocumentLoader.defaultMaxFileSize

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        _ = try outputPlan()
    }

    func outputPlan() throws -> OutputPlan {
        try OutputPlan.make(formats: formats, outputs: outputs, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    func run() throws {
        let plan = try outputPlan()
        let linter = Linter(discovery: Discovery(maxFileSize: maxFileSize), engine: Engine())
        let outcome = linter.check(paths)
        for problem in outcome.inputErrors {
            FileHandleOutput.standardError("cxlint: \(problem)\n")
        }
        let gate = Gate(failOn: (failOn ?? .error).threshold, maxWarnings: maxWarnings)
        try write(shown(outcome.report), plan: plan)
        if !outcome.inputErrors.isEmpty { throw ExitCode(ExitStatus.usage) }
        let status = gate.status(outcome.report)
        if status != ExitStatus.clean { throw ExitCode(status) }
    }

    /// What the reporters print: with --quiet, errors only.
    func shown(_ report: LintReport) -> LintReport {
        guard quiet else { return report }
        var shown = report
        shown.diagnostics.removeAll { $0.severity != .error }
        return shown
    }

    /// Renders every requested format to its file or to standard output.
    func write(_ report: LintReport, plan: OutputPlan) throws {
        let environment = ProcessInfo.processInfo.environment
        for target in plan.targets {
            let format = target.format.resolved(environment: environment)
            let terminal = target.file == nil && format == .text
                && (color == .always || (color == .auto && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil))
            let text = format.reporter(showSource: terminal, color: terminal).render(report)
            if let file = target.file {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
                } catch {
                    FileHandleOutput.standardError("cxlint: cannot write \(file): \(error.localizedDescription)\n")
                    throw ExitCode(ExitStatus.usage)
                }
            } else {
                FileHandleOutput.standardOutput(text)
            }
        }
    }
}

/// When findings fail the run (exit 1): any at or above the --fail-on
/// severity, or more warnings than --max-warnings allows.
struct Gate {
    var failOn: Severity?
    var maxWarnings: Int?

    func status(_ report: LintReport) -> Int32 {
        if let failOn, report.diagnostics.contains(where: { $0.severity >= failOn }) { return ExitStatus.findings }
        if let maxWarnings, report.count(.warning) > maxWarnings { return ExitStatus.findings }
        return ExitStatus.clean
    }
}
