import Foundation
import XCTest

/// `cxlint check --fix` on temporary copies of the broken Samples.
final class FixCommandTests: XCTestCase {
    static let fixable = [
        "web-studio-header-mismatch", "contact-id-header-mismatch", "custom-data-reserved-p1", "phone-number-format",
        "plaintext-secret", "auth-url-http", "api-url", "contact-center-type",
    ]

    func copySamples(_ names: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("Samples/broken/\(name)"), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    func testFixRemovesEveryFixableFindingAndASecondRunFixesNothing() throws {
        let folder = try copySamples(Self.fixable)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try CLI.run(["check", "--fix", "."], in: folder)
        XCTAssertTrue(first.stderr.contains("cxlint: fixed "), first.stderr)
        XCTAssertEqual(first.stdout, "", "every finding of these samples has a fix: \(first.stdout)")
        XCTAssertEqual(first.status, 0)

        let second = try CLI.run(["check", "--fix", "--format", "json", "."], in: folder)
        XCTAssertEqual(second.stderr, "cxlint: fixed 0 finding(s) in 0 file(s)\n")
        XCTAssertEqual(second.status, 0)
        let report = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((report?["findings"] as? [Any])?.count, 0, second.stdout)
        // No temporary files left behind.
        let leftovers = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.contains("cxlint-fix-") }
        XCTAssertEqual(leftovers, [])
    }

    func testFixEditsOnlyTheOffendingBytes() throws {
        let folder = try copySamples(["web-studio-header-mismatch", "plaintext-secret", "phone-number-format"])
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ path: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) }
        let before = try ["web-studio-header-mismatch/studio/WatsonPhone.json", "plaintext-secret/phone-integration.json",
                          "phone-number-format/phone-integration.yaml"].map(read)
        _ = try CLI.run(["check", "--fix", "."], in: folder)
        XCTAssertEqual(try read("web-studio-header-mismatch/studio/WatsonPhone.json"),
                       before[0].replacingOccurrences(of: "\"X-Contact-ID\"", with: "\"X-ContactID\""))
        XCTAssertEqual(try read("plaintext-secret/phone-integration.json"),
                       before[1].replacingOccurrences(of: "\"Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6\"", with: "\"${CXONE_ACCESS_KEY_SECRET}\""))
        XCTAssertEqual(try read("phone-number-format/phone-integration.yaml"),
                       before[2].replacingOccurrences(of: "\"1-958-555-0123\"", with: "\"+19585550123\""), "the comment and quotes stay")
        // The config is kept as it was: --fix applies the first fix (the script's header), not the second.
        XCTAssertTrue(try read("web-studio-header-mismatch/phone-integration.yaml").contains("contact_id_header: X-ContactID"))
    }

    /// A misspelt config key with a did-you-mean is renamed; a mistyped
    /// contact center type is replaced; quoting stays as written (plain YAML
    /// plain, JSON quoted), and nothing else in the files changes.
    func testFixRenamesMisspeltKeysAndKeepsQuoting() throws {
        let folder = try copySamples([])
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["good", "good-web"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/\(name)"), to: folder.appendingPathComponent(name))
        }
        func read(_ path: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) }
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
        let yaml = try read("good/phone-integration.yaml"), json = try read("good-web/phone-integration.json")
        try write("good/phone-integration.yaml", yaml.replacingOccurrences(of: "type: nice_cxone", with: "type: NICE CXone")
            .replacingOccurrences(of: "contact_id_header:", with: "contact_id_headr:"))
        try write("good-web/phone-integration.json", json.replacingOccurrences(of: "\"contact_id_header\"", with: "\"contact_id_headr\"")
            .replacingOccurrences(of: "\"nice_cxone\"", with: "\"nice_cxon\""))
        let before = try CLI.run(["check", "."], in: folder)
        XCTAssertTrue(before.stdout.contains("unknown key \"contact_id_headr\" in \"contact_center\"; did you mean \"contact_id_header\"? [config-schema]"), before.stdout)
        let result = try CLI.run(["check", "--fix", "."], in: folder)
        XCTAssertTrue(result.stderr.contains("cxlint: fixed 4 finding(s) in 2 file(s)"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(try read("good/phone-integration.yaml"), yaml, "plain scalars stay plain: type: nice_cxone, no quotes added")
        XCTAssertEqual(try read("good-web/phone-integration.json"), json)
    }

    func testFindingsWithoutAFixAreStillReported() throws {
        let folder = try copySamples(["dangling-branch"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check", "--fix", "."], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("[dangling-branch]"), result.stdout)
    }
}
