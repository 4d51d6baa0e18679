import XCTest

final class CXLintRulesTestsPlaceholder: XCTestCase {}
