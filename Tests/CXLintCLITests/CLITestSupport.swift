import Foundation
import XCTest

/// Runs the built `cxlint` binary as users and CI do.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `cxlint` built with the tests: on Linux the test bundle's URL is the
    /// products folder itself, on macOS the .xctest inside it.
    static var binary: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle.appendingPathComponent("cxlint"), bundle.deletingLastPathComponent().appendingPathComponent("cxlint")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// How to install each optional program the tests run; `.ci/run` installs them all.
    static let installs = [
        "check-jsonschema": "pip install check-jsonschema",
        "python3": "apt-get install -y python3",
        "chromium": "apt-get install -y chromium",
        "nvim": "apt-get install -y neovim",
        "dot": "apt-get install -y graphviz",
        "script": "apt-get install -y bsdutils",
    ]

    /// The path of a program on PATH, or a skip saying it is missing and how to install it.
    static func tool(_ name: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = directories.map({ "\($0)/\(name)" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("\(name) is not on PATH (\(installs[name] ?? "install it"))")
        }
        return found
    }

    /// Skips unless `python3` can import `module`, saying which pip package provides it.
    static func requirePythonModule(_ module: String, pip package: String) throws {
        let check = try external("python3", ["-c", "import \(module)"])
        guard check.status == 0 else { throw XCTSkip("Python module \(module) is not installed (pip install \(package))") }
    }

    /// Runs an external program (check-jsonschema, python3, a browser, an
    /// editor) found on PATH; skips when it is missing, and `.ci/run` fails on that skip.
    static func external(_ tool: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.contains("/") ? tool : try Self.tool(tool))
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    static func temporaryFile(_ name: String, _ content: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(content.utf8).write(to: url)
        return url
    }

    private final class Marker {}
}
