import Foundation
import XCTest

/// Samples/broken/README.md is a contract: every folder it lists shows its
/// mistake, reported by the rule it names at the position it gives, and no other
/// warning or error; every error-level rule has such a folder. Samples/good* stay clean.
final class SamplesContractTests: XCTestCase {
    struct Row {
        var folder: String
        var positions: [(file: String, line: Int, column: Int)]
        var rules: [String]
        var namedFileOnly: Bool
    }

    func readmeRows() throws -> [Row] {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/broken/README.md"), encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 6, let folder = cells[1].firstMatch(of: /^`([a-z0-9-]+)\/`$/)?.1 else { return nil }
            let positions = cells[4].matches(of: /`([^`]+):(\d+):(\d+)`/).map { (String($0.1), Int($0.2)!, Int($0.3)!) }
            let rules = cells[5].matches(of: /`([a-z0-9-]+)`/).map { String($0.1) }
            return Row(folder: String(folder), positions: positions, rules: rules, namedFileOnly: cells[5].contains("when named"))
        }
    }

    func findings(_ path: String) throws -> [[String: Any]] {
        let result = try CLI.run(["check", "--format", "json", "--fail-on", "never", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(object["findings"] as? [[String: Any]])
    }

    func testEveryBrokenSampleShowsItsMistakeWhereTheReadmeSays() throws {
        let rows = try readmeRows()
        XCTAssertGreaterThan(rows.count, 20)
        for row in rows {
            XCTAssertFalse(row.rules.isEmpty, "\(row.folder): no expected rule")
            var path = "Samples/broken/\(row.folder)"
            if row.namedFileOnly, let file = row.positions.first?.file { path = "Samples/broken/\(file)" }
            let found = try findings(path)
            let ours = found.filter { row.rules.contains($0["rule"] as? String ?? "") }
            for rule in row.rules {
                XCTAssertTrue(ours.contains { $0["rule"] as? String == rule }, "\(row.folder): \(rule) did not fire")
            }
            for position in row.positions {
                let expected = "Samples/broken/\(position.file)"
                let hit = ours.contains { finding in
                    let places = [finding] + (finding["related"] as? [[String: Any]] ?? [])
                    return places.contains {
                        $0["file"] as? String == expected && $0["line"] as? Int == position.line && $0["column"] as? Int == position.column
                    }
                }
                XCTAssertTrue(hit, "\(row.folder): nothing reported at \(position.file):\(position.line):\(position.column); got \(ours.map { "\($0["rule"]!) \($0["file"]!):\($0["line"]!):\($0["column"]!)" })")
            }
            // Exact: every warning and error is one of the row's rules at one of its positions.
            let listed = Set(row.positions.map { "Samples/broken/\($0.file):\($0.line):\($0.column)" })
            for finding in found where finding["severity"] as? String != "note" {
                let place = "\(finding["file"]!):\(finding["line"]!):\(finding["column"]!)"
                XCTAssertTrue(row.rules.contains(finding["rule"] as? String ?? "") && listed.contains(place),
                              "\(row.folder): not in the contract: \(finding["rule"]!) at \(place): \(finding["message"]!)")
            }
        }
    }

    func testReadmeListsEveryBrokenFolder() throws {
        let listed = Set(try readmeRows().map(\.folder))
        let folders = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Samples/broken").path)
            .filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(Set(folders), listed)
    }

    func testEveryErrorLevelRuleHasABrokenSample() throws {
        let rules = try CLI.run(["rules"]).stdout.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            return parts.count > 1 && parts[1] == "error" ? String(parts[0]) : nil
        }
        XCTAssertGreaterThan(rules.count, 15)
        let covered = Set(try readmeRows().flatMap(\.rules))
        XCTAssertEqual(Set(rules).subtracting(covered), [], "error-level rules without a broken sample")
    }

    func testGoodSamplesHaveNoFindingsAtAll() throws {
        for sample in ["Samples/good", "Samples/good-web"] {
            XCTAssertEqual(try findings(sample).map { "\($0["rule"]!): \($0["message"]!)" }, [], sample)
        }
    }
}
