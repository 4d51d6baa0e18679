import CXLintDriver
import CXLintSyntax

/// JUnit XML for CI test views: one test suite per file, one test case per
/// file and rule (failing, with every occurrence listed), and one passing case
/// for a file without findings, so that clean files show up as passed.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let byFile = Dictionary(grouping: report.diagnostics, by: \.file)
        let files = report.checkedFiles.union(report.sources.keys).union(byFile.keys).sorted()
        let suites = files.map { suite(file: report.shown($0), findings: byFile[$0] ?? []) }
        let failures = Set(report.diagnostics.map { "\($0.file)\u{0}\($0.rule)" }).count
        let tests = suites.reduce(0) { $0 + $1.tests }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"cxlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        out += suites.map(\.xml).joined()
        out += "</testsuites>\n"
        return out
    }

    struct Suite {
        var xml: String
        var tests: Int
    }

    func suite(file: String, findings: [Diagnostic]) -> Suite {
        let byRule = Dictionary(grouping: findings, by: \.rule)
        var cases = ""
        for rule in byRule.keys.sorted() {
            cases += failingCase(file: file, rule: rule, findings: byRule[rule]!)
        }
        if byRule.isEmpty {
            cases += "    <testcase classname=\"\(file.xmlEscaped)\" name=\"cxlint\" file=\"\(file.xmlEscaped)\"/>\n"
        }
        let tests = max(1, byRule.count)
        let xml = "  <testsuite name=\"\(file.xmlEscaped)\" tests=\"\(tests)\" failures=\"\(byRule.count)\" errors=\"0\" skipped=\"0\">\n"
            + cases + "  </testsuite>\n"
        return Suite(xml: xml, tests: tests)
    }

    func failingCase(file: String, rule: RuleID, findings: [Diagnostic]) -> String {
        let worst = findings.map(\.severity).max() ?? .error
        let first = findings[0]
        let summary = findings.count == 1 ? first.message : "\(findings.count) findings; first: \(first.message)"
        let body = findings.map { "\(file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
        return "    <testcase classname=\"\(file.xmlEscaped)\" name=\"\(rule.rawValue.xmlEscaped)\" file=\"\(file.xmlEscaped)\" line=\"\(first.range.start.line)\">\n"
            + "      <failure type=\"\(worst.rawValue)\" message=\"\(summary.xmlEscaped)\">\(body.xmlEscaped)</failure>\n"
            + "    </testcase>\n"
    }
}
