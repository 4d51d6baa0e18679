import XCTest

final class CXLintModelTestsPlaceholder: XCTestCase {}
