import XCTest

final class CXLintCLITestsPlaceholder: XCTestCase {}
