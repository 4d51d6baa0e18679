import ArgumentParser
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintServer

struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the Language Server Protocol server on stdin/stdout (for editors).",
        discussion: """
            Findings appear as you type, across the files of a bundle; quick fixes make the same edits as \
            `check --fix`; hover on a finding explains its rule. Speaks JSON-RPC 2.0 with Content-Length framing.
            """
    )

    @Option(name: .customLong("debounce-ms"), help: "Quiet time after a change before linting, in milliseconds.")
    var debounceMilliseconds: Int = 150

    @Option(name: .customLong("max-file-size"), help: "Largest file to read, in bytes (at most 2 GiB - 1).")
    var maxFileSize: Int = DocumentLoader.defaultMaxFileSize

    func validate() throws {
        guard debounceMilliseconds >= 0 else { throw ValidationError("--debounce-ms must not be negative") }
        try validateMaxFileSize(maxFileSize)
    }

    func run() throws {
        StdioServer.run(options: ServerOptions(
            version: CXLintVersion.current, debounce: .milliseconds(debounceMilliseconds), maxFileSize: maxFileSize))
    }
}
