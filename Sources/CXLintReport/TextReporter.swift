import CXLintDriver
import CXLintSyntax

/// `path:line:col: severity: message [rule-id]`, the format editors and CI
/// problem matchers understand, optionally with the source line and a caret
/// underline (on a terminal).
public struct TextReporter: Reporter {
    public var showSource: Bool
    public var color: Bool

    public init(showSource: Bool = false, color: Bool = false) {
        self.showSource = showSource
        self.color = color
    }

    public func render(_ report: LintReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let severity = paint(d.severity.rawValue, code: colorCode(d.severity))
            out += "\(report.shown(d.file)):\(d.range.start.line):\(d.range.start.column): \(severity): \(d.message) [\(d.rule)]\n"
            if showSource, let excerpt = excerpt(d, report) { out += excerpt }
            for related in d.related {
                out += "  \(report.shown(related.file)):\(related.range.start.line):\(related.range.start.column): note: \(related.message)\n"
            }
        }
        return out
    }

    func excerpt(_ d: Diagnostic, _ report: LintReport) -> String? {
        guard let line = report.redactedLine(d.range.start.line, of: d.file) else { return nil }
        let visible = line.replacingTabs()
        let prefix = String(line.unicodeScalars.prefix(d.range.start.column - 1))
        let startColumn = prefix.replacingTabs().unicodeScalars.count
        let sameLine = d.range.end.line == d.range.start.line
        let lineLength = visible.unicodeScalars.count
        let width = sameLine ? max(1, d.range.end.column - d.range.start.column) : max(1, lineLength - startColumn)
        let carets = "^" + String(repeating: "~", count: max(0, min(width, max(1, lineLength - startColumn)) - 1))
        return "    \(visible)\n    \(String(repeating: " ", count: startColumn))\(paint(carets, code: colorCode(d.severity)))\n"
    }

    /// The line that ends every text run, on stderr (so piping the findings
    /// keeps them clean): `no findings in 3 bundles, 9 files` or
    /// `2 errors, 1 warning, 0 notes in 3 bundles, 9 files`.
    public static func summaryLine(_ report: LintReport) -> String {
        let scope = "in \(counted(report.bundlesChecked, "bundle")), \(counted(report.filesChecked, "file"))"
        guard !report.diagnostics.isEmpty else { return "no findings \(scope)" }
        let counts = [(Severity.error, "error"), (.warning, "warning"), (.note, "note")].map { counted(report.count($0), $1) }
        return counts.joined(separator: ", ") + " " + scope
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    func colorCode(_ severity: Severity) -> String {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
    }

    func paint(_ text: String, code: String) -> String {
        color ? "\u{1B}[1;\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    /// Tabs as four spaces, so the caret lines up in any terminal.
    func replacingTabs() -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\t" { result += "    " } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
