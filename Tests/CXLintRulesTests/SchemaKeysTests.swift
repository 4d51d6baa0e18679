import CXLintSyntax
@testable import CXLintModel
@testable import CXLintRules
import Foundation
import XCTest

/// The config loaders keep their own key lists (for did-you-mean and positions);
/// the JSON Schemas in Schemas/ are what editors validate with. They must agree.
final class SchemaKeysTests: XCTestCase {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas")

    func properties(_ file: String, _ path: [String]) throws -> Set<String> {
        let data = try Data(contentsOf: Self.schemas.appendingPathComponent(file))
        var node = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for step in path { node = try XCTUnwrap(node[step] as? [String: Any], "\(file): \(path)") }
        return Set(try XCTUnwrap(node["properties"] as? [String: Any]).keys)
    }

    func testPhoneIntegrationLoaderKnowsTheSchemasKeys() throws {
        let file = "phone-integration.schema.json"
        XCTAssertEqual(Set(IntegrationConfigLoader.topLevelKeys), try properties(file, []))
        XCTAssertEqual(Set(IntegrationConfigLoader.integrationKeys), try properties(file, ["properties", "phone_integration"]))
        XCTAssertEqual(Set(IntegrationConfigLoader.contactCenterKeys),
                       try properties(file, ["properties", "phone_integration", "properties", "contact_center"]))
    }

    func testLintConfigurationLoaderKnowsTheSchemasKeys() throws {
        let file = "cxlint-config.schema.json"
        XCTAssertEqual(Set(ConfigurationLoader.topLevelKeys), try properties(file, []))
        XCTAssertEqual(Set(ConfigurationLoader.overrideKeys), try properties(file, ["properties", "overrides", "items"]))
        XCTAssertEqual(Set(ConfigurationLoader.suppressKeys), try properties(file, ["properties", "suppress", "items"]))
    }
}
