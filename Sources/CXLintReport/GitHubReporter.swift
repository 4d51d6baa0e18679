import CXLintDriver
import CXLintSyntax

/// GitHub Actions workflow commands: each finding becomes an annotation on
/// the pull request's diff, without any upload step.
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        report.diagnostics.map { Self.command($0, file: report.shown($0.file)) }.joined()
    }

    static func command(_ d: Diagnostic, file: String) -> String {
        let properties = [
            ("file", file),
            ("line", String(max(1, d.range.start.line))),
            ("col", String(max(1, d.range.start.column))),
            ("endLine", String(max(1, d.range.end.line))),
            ("endColumn", String(max(1, d.range.end.column))),
            ("title", d.rule.rawValue),
        ].map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(level(d.severity)) \(properties)::\(escapeData(d.message))\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// The runner's escaping for a command's message (actions/toolkit `escapeData`).
    static func escapeData(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// The runner's escaping for a property value (actions/toolkit `escapeProperty`).
    static func escapeProperty(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

extension String {
    /// Replaces single characters in one pass, so a replacement is never re-escaped.
    /// Works on scalars: `"\r\n"` is one Character, and each half must be escaped.
    func replacingAll(_ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
