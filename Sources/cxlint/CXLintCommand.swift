import ArgumentParser
import CXLintDriver
import CXLintReport
import CXLintRules

@main
struct CXLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxlint",
        abstract: "Lints phone lines where an assistant hands callers to NICE CXone agents.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on (after the config, suppressions and baseline); \
            1 findings, more than --max-warnings warnings, or (--baseline-strict) baselined findings gone; \
            2 usage error, unreadable input, invalid config or baseline; 3 internal error.
            """,
        version: CXLintVersion.current,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, AuditCommand.self, GraphCommand.self, LSPCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Runs the command and maps every outcome to the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandleOutput.standardError(fullMessage(for: error) + "\n")
            Foundation.exit(code == .validationFailure || error is ValidationError ? ExitStatus.usage : ExitStatus.internalError)
        }
    }
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let internalError: Int32 = 3
}

import Foundation

enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
