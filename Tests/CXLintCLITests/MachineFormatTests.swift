import CXLintTestSupport
import Foundation
import XCTest

/// JSON and SARIF output, validated by real consumers against the official schemas.
final class MachineFormatTests: XCTestCase {
    func testSARIFValidatesAgainstTheOfficialSchema() throws {
        let result = try CLI.run(["check", "--format", "sarif", "Samples"])
        XCTAssertEqual(result.status, 1)
        let file = try CLI.temporaryFile("out.sarif", result.stdout)
        let schema = try SharedData.sarifSchema.require().path
        let check = try CLI.external("check-jsonschema", ["--schemafile", schema, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testSARIFContent() throws {
        let result = try CLI.run(["check", "--format", "sarif", "Samples/broken/syntax-errors"])
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 3)
        for result in results {
            let ruleID = try XCTUnwrap(result["ruleId"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, ruleID)
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try XCTUnwrap((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            XCTAssertTrue(uri.hasPrefix("Samples/broken/syntax-errors/"), "relative URI: \(uri)")
            let region = try XCTUnwrap(location["region"] as? [String: Int])
            XCTAssertGreaterThanOrEqual(region["startLine"] ?? 0, 1)
            XCTAssertGreaterThanOrEqual(region["startColumn"] ?? 0, 1)
        }
        let duplicate = try XCTUnwrap(results.first { $0["ruleId"] as? String == "duplicate-key" })
        let region = try XCTUnwrap(((duplicate["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])
        XCTAssertEqual(region["startLine"], 8)
        XCTAssertEqual(region["startColumn"], 5)
        XCTAssertEqual(region["endColumn"], 12)
    }

    func testJSONValidatesAgainstTheReportSchema() throws {
        let result = try CLI.run(["check", "--format", "json", "Samples"])
        let file = try CLI.temporaryFile("out.json", result.stdout)
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/cxlint-report.schema.json").path
        let check = try CLI.external("check-jsonschema", ["--schemafile", schema, file.path])
        XCTAssertEqual(check.status, 0, check.stdout)

        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(document["findings"] as? [[String: Any]])
        let summary = try XCTUnwrap(document["summary"] as? [String: Int])
        XCTAssertEqual(summary["errors"], findings.filter { $0["severity"] as? String == "error" }.count)
        let xml = try XCTUnwrap(findings.first { ($0["file"] as? String)?.hasSuffix("syntax-errors/studio/WatsonPhone.xml") == true })
        XCTAssertEqual(xml["line"] as? Int, 77)
        XCTAssertEqual(xml["column"] as? Int, 38)
        XCTAssertEqual(xml["rule"] as? String, "syntax-error")
    }

    func testSamplesConfigsValidateAgainstThePhoneIntegrationSchema() throws {
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/phone-integration.schema.json").path
        for sample in ["good/phone-integration.yaml", "good-web/phone-integration.json", "broken/contact-id-header-mismatch/phone-integration.yaml"] {
            let path = CLI.packageRoot.appendingPathComponent("Samples/\(sample)").path
            let check = try CLI.external("check-jsonschema", ["--schemafile", schema, path])
            XCTAssertEqual(check.status, 0, "\(sample): \(check.stdout)")
        }
        let invalid = CLI.packageRoot.appendingPathComponent("Samples/broken/config-schema/phone-integration.yaml").path
        XCTAssertNotEqual(try CLI.external("check-jsonschema", ["--schemafile", schema, invalid]).status, 0)
    }
}

/// No output format may print an access key secret, even with source excerpts on.
final class SecretTests: XCTestCase {
    func testPlantedSecretNeverAppearsInAnyFormat() throws {
        let secret = "Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6"
        let sample = "Samples/broken/plaintext-secret"
        let config = try String(contentsOf: CLI.packageRoot.appendingPathComponent("\(sample)/phone-integration.json"), encoding: .utf8)
        XCTAssertTrue(config.contains(secret), "the sample must hold the planted secret")
        for arguments in [["--color", "always"], ["--format", "json"], ["--format", "sarif"], []] {
            let result = try CLI.run(["check"] + arguments + [sample])
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertTrue(result.stdout.contains("plaintext-secret"), "\(arguments): \(result.stdout)")
            XCTAssertFalse(result.stdout.contains(secret), "\(arguments) printed the secret")
            XCTAssertFalse(result.stderr.contains(secret), "\(arguments) printed the secret on stderr")
            XCTAssertFalse(result.stdout.contains("Zx9qEXAMPLE"), "\(arguments) printed part of the secret")
        }
    }
}
