import CXLintDriver
import CXLintSyntax

/// Checkstyle XML, read by Jenkins (Warnings NG), reviewdog, Sonar and many
/// other report viewers: one `<file>` per file with findings, one `<error>`
/// per finding, its source named `cxlint.RULE`.
public struct CheckstyleReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        let byFile = Dictionary(grouping: report.diagnostics, by: \.file)
        for file in byFile.keys.sorted() {
            out += "  <file name=\"\(report.shown(file).xmlEscaped)\">\n"
            for d in byFile[file]! {
                out += "    <error line=\"\(d.range.start.line)\" column=\"\(d.range.start.column)\" severity=\"\(Self.severity(d.severity))\""
                    + " message=\"\(d.message.xmlEscaped)\" source=\"cxlint.\(d.rule.rawValue.xmlEscaped)\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }

    /// Checkstyle's levels: error, warning, info.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "info"
        }
    }
}
