import Foundation
import XCTest

/// A real editor: Neovim from the distribution runs `cxlint lsp` with the
/// configuration README.md shows for its version, opens a broken sample and
/// reports the diagnostics it received (Tests/neovim/driver.lua); then the
/// config is edited in its buffer, unsaved, and the script's finding goes.
final class NeovimTests: XCTestCase {
    func testNeovimShowsTheFindingAndDropsItAfterAnUnsavedConfigEdit() throws {
        let nvim = try CLI.tool("nvim")
        let version = try Self.version(nvim)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-nvim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let bundle = work.appendingPathComponent("line")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/broken/web-studio-header-mismatch"), to: bundle)
        let config = bundle.appendingPathComponent("phone-integration.yaml")
        let configOnDisk = try String(contentsOf: config, encoding: .utf8)

        // The README's block for this version, verbatim; `cxlint` is found on PATH as users install it.
        let lua = try Self.readmeConfiguration(forMinor: version.minor)
        let initLua = work.appendingPathComponent("init.lua")
        try Data(lua.utf8).write(to: initLua)
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("cxlint"), withDestinationURL: CLI.binary)
        let out = work.appendingPathComponent("seen.json")
        let state = work.appendingPathComponent("xdg").path
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        for key in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] { environment[key] = state }
        environment["CXLINT_NVIM_SCRIPT"] = bundle.appendingPathComponent("studio/WatsonPhone.json").path
        environment["CXLINT_NVIM_CONFIG"] = config.path
        environment["CXLINT_NVIM_RULE"] = "contact-id-header-mismatch"
        environment["CXLINT_NVIM_OUT"] = out.path
        let driver = CLI.packageRoot.appendingPathComponent("Tests/neovim/driver.lua").path
        let status = try Self.run(nvim, ["--headless", "-n", "-i", "NONE", "-u", initLua.path, "-c", "luafile \(driver)"], environment: environment, in: work, timeout: 120)
        XCTAssertEqual(status, 0, "nvim \(version)")

        let seen = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any], "the driver wrote nothing")
        XCTAssertNil(seen["error"], "\(seen["error"] ?? "")")
        XCTAssertEqual(seen["arrived"] as? Bool, true, "Neovim received the finding: \(seen)")
        let before = try XCTUnwrap(seen["before"] as? [[String: Any]])
        let mismatch = try XCTUnwrap(before.first { $0["code"] as? String == "contact-id-header-mismatch" })
        // Samples/broken/README.md: studio/WatsonPhone.json:148:18, 0-based in Neovim.
        XCTAssertEqual(mismatch["lnum"] as? Int, 147)
        XCTAssertEqual(mismatch["col"] as? Int, 17)
        XCTAssertEqual(mismatch["source"] as? String, "cxlint")
        XCTAssertEqual(seen["attached"] as? Int, 1, "the config's buffer is attached to the same server")
        XCTAssertEqual(seen["edited_line"] as? Int, 7)
        XCTAssertEqual(seen["gone"] as? Bool, true, "the finding went after the edit: \(seen)")
        let after = try XCTUnwrap(seen["after"] as? [[String: Any]])
        XCTAssertFalse(after.contains { $0["code"] as? String == "contact-id-header-mismatch" })
        XCTAssertEqual(seen["modified"] as? Bool, true, "the edit stayed in the buffer")
        XCTAssertEqual(try String(contentsOf: config, encoding: .utf8), configOnDisk, "the disk is untouched: the buffer won")
    }

    /// `NVIM v0.7.2` → (0, 7).
    static func version(_ nvim: String) throws -> (major: Int, minor: Int) {
        let result = try CLI.external(nvim, ["--version"])
        let match = try XCTUnwrap(result.stdout.firstMatch(of: /NVIM v(\d+)\.(\d+)/), result.stdout)
        return (Int(match.1)!, Int(match.2)!)
    }

    /// The Lua block under README's "**Neovim** (0.10+" heading, or under "**Neovim 0.7–0.9**" for older ones.
    static func readmeConfiguration(forMinor minor: Int) throws -> String {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let heading = minor >= 10 ? "**Neovim** (0.10+" : "**Neovim 0.7–0.9**"
        let section = try XCTUnwrap(readme.range(of: heading), "README has no \(heading) section")
        let rest = readme[section.upperBound...]
        let open = try XCTUnwrap(rest.range(of: "```lua\n"))
        let close = try XCTUnwrap(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    /// Runs a process to its end, killing it after `timeout` seconds (a Neovim
    /// stuck on an error prompt would otherwise wait forever).
    static func run(_ tool: String, _ arguments: [String], environment: [String: String], in directory: URL, timeout: TimeInterval) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("\(tool) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
