import CXLintDriver
import CXLintSyntax

/// A summary for pull request comments and `$GITHUB_STEP_SUMMARY`: counts,
/// then one table row per finding (capped, since comments have a size limit).
public struct MarkdownReporter: Reporter {
    public var maxRows: Int

    public init(maxRows: Int = 500) {
        self.maxRows = maxRows
    }

    public func render(_ report: LintReport) -> String {
        var out = "## cxlint\n\n"
        guard !report.diagnostics.isEmpty else {
            return out + "No findings in \(report.filesChecked) file(s).\n"
        }
        out += "**\(report.count(.error)) error(s)**, \(report.count(.warning)) warning(s), \(report.count(.note)) note(s) in \(report.filesChecked) file(s).\n\n"
        out += "| severity | rule | location | message |\n| --- | --- | --- | --- |\n"
        for d in report.diagnostics.prefix(maxRows) {
            let rule = RuleDescription.helpURI(for: d.rule, base: report.docsURL).map { "[`\(d.rule)`](\($0))" } ?? "`\(d.rule)`"
            out += "| \(Self.icon(d.severity)) \(d.severity.rawValue) | \(rule) | `\(Self.cell(report.position(of: d)))` | \(Self.cell(d.message)) |\n"
        }
        if report.diagnostics.count > maxRows {
            out += "\n…and \(report.diagnostics.count - maxRows) more; run `cxlint check` for the full list.\n"
        }
        return out
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: "❌"
        case .warning: "⚠️"
        case .note: "ℹ️"
        }
    }

    /// A table cell: pipes escaped and line breaks as spaces, so one finding stays one row.
    static func cell(_ text: String) -> String {
        text.replacingAll(["|": "\\|", "\n": " ", "\r": " ", "<": "&lt;", ">": "&gt;"])
    }
}

import CXLintRules
