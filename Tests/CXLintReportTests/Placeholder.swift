import XCTest

final class CXLintReportTestsPlaceholder: XCTestCase {}
