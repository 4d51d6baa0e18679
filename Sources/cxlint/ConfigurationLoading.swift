import ArgumentParser
import CXLintDriver
import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

/// `--config FILE` for every bundle, else the nearest `.cxlint.yml` of each; a named file that does not exist is a usage error.
func configurationChoice(_ config: String?, _ discovery: Discovery) throws -> LintSession.ConfigurationChoice {
    guard let config else { return .nearest }
    let path = Discovery.normalize(config, relativeTo: discovery.workingDirectory)
    guard discovery.fileSystem.kind(of: path) == .file else {
        FileHandleOutput.standardError("cxlint: --config \(config): no such file\n")
        throw ExitCode(ExitStatus.usage)
    }
    return .file(path)
}

/// `--max-file-size` of `check`, `audit` and `lsp`: positive, and within what a position holds.
func validateMaxFileSize(_ size: Int) throws {
    guard size > 0 else { throw ValidationError("--max-file-size must be positive") }
    guard size <= SourceLocation.maxOffset else {
        throw ValidationError("--max-file-size must be at most \(SourceLocation.maxOffset) bytes (positions are 32-bit)")
    }
}

/// A broken `.cxlint.yml` stops `check` and `audit` (exit 2) with each problem at its position.
func stopOnConfigurationProblems(_ problems: [Diagnostic], workingDirectory: String, output: MaskedOutput) throws {
    guard !problems.isEmpty else { return }
    var report = LintReport(diagnostics: Set(problems).sortedForReporting())
    report.workingDirectory = workingDirectory
    output.error(TextReporter().render(report))
    throw ExitCode(ExitStatus.usage)
}

/// Standard error through the run's redactor: progress, error and summary lines never quote a secret.
struct MaskedOutput: Sendable {
    var redactor: Redactor

    init(_ redactor: Redactor) {
        self.redactor = redactor
    }

    func error(_ text: String) {
        FileHandleOutput.standardError(redactor.mask(text))
    }
}
