import CXLintDriver
extension String {
    /// Text safe inside an XML attribute or element: the five predefined
    /// entities, and control characters XML 1.0 forbids replaced, so that a
    /// message quoting a broken file still yields a well-formed report.
    var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension LintReport {
    /// `file:line:col` for one-line summaries.
    func position(of d: Diagnostic) -> String { "\(shown(d.file)):\(d.range.start.line):\(d.range.start.column)" }
}

import CXLintSyntax
