import Foundation
import XCTest

/// Runs the pytest-lsp suite in Tests/lsp against the `cxlint` built with the
/// tests: a real LSP client drives `cxlint lsp` over stdio. CI installs
/// pytest-lsp (.ci/run); a missing one fails the test rather than skipping it.
final class LSPEndToEndTests: XCTestCase {
    func testLanguageServerEndToEnd() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "pytest", "Tests/lsp", "-q", "-p", "no:cacheprovider"]
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
