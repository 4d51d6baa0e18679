import XCTest

final class CXLintSyntaxTestsPlaceholder: XCTestCase {}
