import Foundation
import XCTest

/// Test data kept outside the repository, in `../shared` beside the package:
/// public conformance corpora and real Watson Assistant exports. A test that
/// needs one skips when it is missing, saying what is missing and where it
/// comes from, so `swift test` passes on a fresh clone; `.ci/run` fails on any skip.
public enum SharedData: String, CaseIterable, Sendable {
    case jsonTestSuite = "conformance/JSONTestSuite/test_parsing"
    case yamlTestSuite = "conformance/yaml-test-suite"
    case sarifSchema = "conformance/sarif/sarif-schema-2.1.0.json"
    case realExports = "real-exports/watson-assistant-toolkit"

    /// `../shared`, next to the package root (this file is Tests/CXLintTestSupport/SharedData.swift).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardizedFileURL

    public var url: URL { Self.root.appendingPathComponent(rawValue) }

    /// Where a new user gets it.
    var source: String {
        switch self {
        case .jsonTestSuite: "the test_parsing folder of https://github.com/nst/JSONTestSuite"
        case .yamlTestSuite: "the case folders of the data branch of https://github.com/yaml/yaml-test-suite"
        case .sarifSchema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        case .realExports: "the JSON files under integrations/ of https://github.com/watson-developer-cloud/assistant-toolkit, named by their path with / as __"
        }
    }

    /// The data's location, or a skip naming what is missing and how to get it.
    public func require() throws -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is missing: put \(source) there")
        }
        return url
    }
}
