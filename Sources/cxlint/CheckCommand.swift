import ArgumentParser
import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

extension OutputFormat: ExpressibleByArgument {}

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

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error, warning, note or never.")
    var failOn: FailOn = .error

    @Option(help: "Colour and source excerpts in text output: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("max-file-size"), help: "Largest file to read, in bytes.")
    var maxFileSize: Int = DocumentLoader.defaultMaxFileSize

    @Flag(help: "Apply each finding's first fix in place (atomically), then report what remains.")
    var fix = false

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
    }

    func run() throws {
        let linter = Linter(discovery: Discovery(maxFileSize: maxFileSize), engine: Engine())
        let outcome = fix ? fixInPlace(linter) : linter.check(paths)
        for problem in outcome.inputErrors {
            FileHandleOutput.standardError("cxlint: \(problem)\n")
        }
        FileHandleOutput.standardOutput(reporter().render(outcome.report))
        if !outcome.inputErrors.isEmpty { throw ExitCode(ExitStatus.usage) }
        if let threshold = failOn.threshold, outcome.report.diagnostics.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(ExitStatus.findings)
        }
    }

    /// `--fix`: the fixer lives in CXLintReport; this only reports what it did, on stderr.
    func fixInPlace(_ linter: Linter) -> Linter.Outcome {
        let (outcome, summary) = Fixer().fixAndRecheck(paths, with: linter)
        for failure in summary.failures { FileHandleOutput.standardError("cxlint: \(failure)\n") }
        let skipped = summary.skippedOverlapping > 0 ? ", \(summary.skippedOverlapping) overlapping left for another run" : ""
        FileHandleOutput.standardError("cxlint: fixed \(summary.fixed) finding(s) in \(summary.files.count) file(s)\(skipped)\n")
        return outcome
    }

    func reporter() -> any Reporter {
        switch format {
        case .text:
            let terminal = color == .always || (color == .auto && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            return TextReporter(showSource: terminal, color: terminal)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        }
    }
}
