import Foundation
import XCTest

/// Runs the pytest-lsp suite in Tests/lsp against the `cxlint` built with the
/// tests: a real LSP client drives `cxlint lsp` over stdio. Skipped without
/// pytest-lsp; `.ci/run` installs it and fails on the skip.
final class LSPEndToEndTests: XCTestCase {
    func testLanguageServerEndToEnd() throws {
        try CLI.requirePythonModule("pytest_lsp", pip: "pytest-lsp")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CLI.tool("python3"))
        process.arguments = ["-m", "pytest", "Tests/lsp", "-q", "-p", "no:cacheprovider"]
        process.currentDirectoryURL = CLI.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["CXLINT_BINARY"] = CLI.binary.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, "pytest Tests/lsp failed (pip install pytest-lsp):\n\(log)")
    }
}
