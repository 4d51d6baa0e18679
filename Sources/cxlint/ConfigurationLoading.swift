import ArgumentParser
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

/// `--config`, else the nearest `.cxlint.yml`; a broken config stops the run (exit 2) with each problem at its position.
func loadLintConfiguration(_ config: String?, _ discovery: Discovery) throws -> LintConfiguration {
    let path: String
    if let config {
        path = Discovery.normalize(config, relativeTo: discovery.workingDirectory)
        guard discovery.fileSystem.kind(of: path) == .file else {
            FileHandleOutput.standardError("cxlint: --config \(config): no such file\n")
            throw ExitCode(ExitStatus.usage)
        }
    } else {
        guard let found = ConfigurationLoader.find(from: discovery.workingDirectory, fileSystem: discovery.fileSystem) else {
            return LintConfiguration(directory: discovery.workingDirectory, workingDirectory: discovery.workingDirectory)
        }
        path = found
    }
    let bytes: [UInt8]
    do {
        bytes = try discovery.fileSystem.read(path, maxSize: 1 << 20)
    } catch {
        FileHandleOutput.standardError("cxlint: \(discovery.display(path)): \(error.message)\n")
        throw ExitCode(ExitStatus.usage)
    }
    let (configuration, problems) = ConfigurationLoader.load(
        SourceFile(path: discovery.display(path), bytes: bytes),
        directory: (path as NSString).deletingLastPathComponent, workingDirectory: discovery.workingDirectory)
    guard problems.isEmpty else {
        FileHandleOutput.standardError(TextReporter().render(LintReport(diagnostics: problems.sorted(by: Diagnostic.reportingOrder))))
        throw ExitCode(ExitStatus.usage)
    }
    return configuration
}
