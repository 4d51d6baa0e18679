import Foundation
import XCTest

/// README.md is the page a new user reads in the first hour: every command in
/// its fenced `sh` blocks runs as written, through the built binary (a
/// `cxlint` on PATH), in a scratch folder holding a copy of Samples/, with the
/// exit code the README gives in a `# exits N` comment (0 when it gives none).
/// Commands that install or build something are skipped, each with a reason.
final class ReadmeTests: XCTestCase {
    static let readme = CLI.packageRoot.appendingPathComponent("README.md")
    static let maxLines = 350

    func testReadmeIsUnderMaxLines() throws {
        let lines = try String(contentsOf: Self.readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThan(lines.count, Self.maxLines, "README.md is the first hour's page; move details to docs/")
    }

    func testEveryShellCommandRunsAsWritten() throws {
        let commands = Self.shellCommands(try String(contentsOf: Self.readme, encoding: .utf8))
        XCTAssertTrue(commands.contains { $0.contains("cxlint check Samples/") }, "README runs cxlint on the shipped samples")
        XCTAssertTrue(commands.contains("swift test"), "README says how to run the tests")
        let work = try scratchFolderWithSamples()
        var ran = 0
        for command in commands {
            if let reason = Self.skipReason(command) {
                print("README: skipped `\(command)`: \(reason)")
                continue
            }
            let runnable = command.replacingOccurrences(of: "swift run cxlint", with: "cxlint")
            let result = try shell(runnable, in: work.folder, binFolder: work.bin)
            XCTAssertEqual(result.status, Self.expectedStatus(command), "`\(command)`\n\(result.stdout)\(result.stderr)")
            ran += 1
        }
        XCTAssertGreaterThanOrEqual(ran, 5, "most of the README's commands run")
    }

    /// The parser itself: continuation lines joined, comments and blank lines dropped, other fences ignored.
    func testShellCommandsAreExtractedFromShBlocksOnly() {
        let text = """
            ```sh
            # a comment
            cxlint check \\
              Samples/good   # exits 0

            cxlint check Samples/broken/api-url   # exits 1
            ```
            ```yaml
            cxlint: not a command
            ```
            """
        XCTAssertEqual(Self.shellCommands(text), ["cxlint check Samples/good   # exits 0", "cxlint check Samples/broken/api-url   # exits 1"])
        XCTAssertEqual(Self.expectedStatus("cxlint check Samples/broken/api-url   # exits 1"), 1)
        XCTAssertEqual(Self.expectedStatus("cxlint check Samples/good"), 0)
        XCTAssertNotNil(Self.skipReason("apt-get install -y chromium"))
        XCTAssertNil(Self.skipReason("swift run cxlint check Samples/"))
    }

    // MARK: Extraction

    static func shellCommands(_ markdown: String) -> [String] {
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                inBlock = !inBlock && line == "```sh"
                continue
            }
            guard inBlock, !line.isEmpty, !line.hasPrefix("#") || !pending.isEmpty else { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            commands.append(pending + line)
            pending = ""
        }
        return commands
    }

    static func expectedStatus(_ command: String) -> Int32 {
        guard let range = command.range(of: #"# exits (\d)"#, options: .regularExpression) else { return 0 }
        return Int32(String(command[range].last!))!
    }

    /// Why a command cannot run here, or nil.
    static func skipReason(_ command: String) -> String? {
        let words = command.split(separator: " ")
        switch (words.first.map(String.init), words.dropFirst().first.map(String.init)) {
        case ("apt-get", _), ("sudo", _): return "installs system packages (.ci/run installs them)"
        case ("pip", _), ("python3", "-m"): return "installs Python packages (.ci/run installs them)"
        case ("export", _): return "sets the shell's PATH; the test puts the built cxlint on PATH itself"
        case ("install", _), ("ln", _): return "installs cxlint into the system; the test uses the binary swift built"
        case ("swift", "build"): return "builds the package; this test runs the binary `swift build --build-tests` made"
        case ("swift", "test"): return "is the test suite this test runs in"
        default: return nil
        }
    }

    // MARK: Running

    struct Work {
        var folder: URL
        /// Holds `cxlint`, a link to the binary under test.
        var bin: URL
    }

    func scratchFolderWithSamples() throws -> Work {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-readme-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent(".bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples"), to: folder.appendingPathComponent("Samples"))
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("cxlint"), withDestinationURL: CLI.binary)
        return Work(folder: folder, bin: bin)
    }

    func shell(_ command: String, in folder: URL, binFolder: URL) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
