import CXLintSyntax
import Foundation

/// For tickets and PR comments: the summary, what to fix first, the bundles
/// that need work and their findings. Clean bundles are counted, not listed,
/// so the comment stays readable for a large fleet.
public enum AuditMarkdown {
    public static func render(_ report: AuditReport) -> String {
        var out = "# cxlint audit\n\n"
        out += "Roots: \(report.roots.map { code($0) }.joined(separator: ", "))"
        if let label = report.label { out += " · \(escape(label))" }
        out += " · cxlint \(report.tool.version)\n\n"
        out += summaryTable(report.summary)
        if let comparison = report.comparison { out += comparisonText(comparison, current: report.trendPoint) }
        out += rulesSection(report.rules)
        out += bundlesSection(report)
        out += findingsSection(report)
        out += skippedSection(report)
        return out
    }

    /// Scripts under the roots that are no part of a phone integration: listed with why, never counted.
    static func skippedSection(_ report: AuditReport) -> String {
        guard let skipped = report.skipped, !skipped.isEmpty else { return "" }
        var out = "## Not part of a phone integration\n\n| script | reason |\n| --- | --- |\n"
        for s in skipped { out += "| \(code(s.path)) | \(escape(s.reason)) |\n" }
        return out + "\n"
    }

    /// Bundles by status (summing to the total), then files and findings.
    static func summaryTable(_ s: AuditSummary) -> String {
        let statuses = AuditBundle.Status.allCases
        let header = ["bundles"] + statuses.map(\.label) + ["files", "errors", "warnings", "notes"]
        let values = [s.bundles] + statuses.map { s[$0] } + [s.files, s.errors, s.warnings, s.notes]
        return "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " ---: |", count: header.count) + "\n"
            + "| " + values.map(String.init).joined(separator: " | ") + " |\n\n"
    }

    static func comparisonText(_ c: AuditComparison, current: TrendPoint) -> String {
        var out = "**Since the previous audit\(c.previous.label.map { " (\(escape($0)))" } ?? ""):** "
        out += "\(c.new) new, \(c.fixed) fixed, \(c.unchanged) unchanged finding(s); "
        out += "errors \(c.previous.errors) → \(current.errors), warnings \(c.previous.warnings) → \(current.warnings), "
        out += "failing bundles \(c.previous.failing) → \(current.failing).\n\n"
        if !c.removedBundles.isEmpty {
            out += "Bundles gone since then (their findings count as fixed): "
            out += c.removedBundles.map { "\(code($0.id)) (\($0.fixed.count))" }.joined(separator: ", ") + ".\n\n"
        }
        return out
    }

    static func rulesSection(_ rules: [RuleCount]) -> String {
        guard !rules.isEmpty else { return "No findings.\n" }
        var out = "## Fix first: findings by rule\n\n| rule | severity | bundles | findings |\n| --- | --- | ---: | ---: |\n"
        for r in rules {
            out += "| \(code(r.rule)) | \(r.worst.rawValue) | \(r.bundles) | \(r.findings) |\n"
        }
        return out + "\n"
    }

    static func bundlesSection(_ report: AuditReport) -> String {
        let listed = report.bundles.filter { $0.status != .clean || ($0.changes?.fixed ?? 0) > 0 }
        guard !listed.isEmpty else { return "" }
        let compared = report.comparison != nil
        var out = "## Bundles\n\n| bundle | status | errors | warnings | notes |\(compared ? " new | fixed |" : "")\n"
        out += "| --- | --- | ---: | ---: | ---: |\(compared ? " ---: | ---: |" : "")\n"
        for b in orderedForAttention(listed) {
            out += "| \(code(b.id)) | \(b.status.label) | \(b.errors) | \(b.warnings) | \(b.notes) |"
            if let c = b.changes { out += " \(c.new) | \(c.fixed) |" } else if compared { out += " | |" }
            out += "\n"
        }
        if report.summary.clean > 0 { out += "\n\(report.summary.clean) clean bundle(s) not listed.\n" }
        return out + "\n"
    }

    static func findingsSection(_ report: AuditReport) -> String {
        let withFindings = orderedForAttention(report.bundles.filter { !$0.findings.isEmpty || !($0.fixed ?? []).isEmpty })
        let removed = report.comparison?.removedBundles ?? []
        guard !withFindings.isEmpty || !removed.isEmpty else { return "" }
        var out = "## Findings\n"
        for b in withFindings {
            out += "\n### \(code(b.id))\n\n"
            for f in b.findings { out += findingLine(f) }
            for f in b.fixed ?? [] { out += findingLine(f) }
        }
        for r in removed {
            out += "\n### \(code(r.id)) (gone)\n\n"
            for f in r.fixed { out += findingLine(f) }
        }
        return out
    }

    static func findingLine(_ f: AuditFinding) -> String {
        let location = code("\(f.file):\(f.line):\(f.column)")
        switch f.change {
        case .fixed?: return "- ~~\(f.severity.rawValue) \(code(f.rule))~~ fixed: \(location) \(escape(f.message))\n"
        case .new?: return "- **\(f.severity.rawValue)** \(code(f.rule)) \(location) \(escape(f.message)) _(new)_\n"
        default: return "- **\(f.severity.rawValue)** \(code(f.rule)) \(location) \(escape(f.message))\n"
        }
    }

    /// Failing first, then most errors, then by ID: what to fix first.
    static func orderedForAttention(_ bundles: [AuditBundle]) -> [AuditBundle] {
        bundles.sorted { ($1.errors, $1.warnings, $0.id) < ($0.errors, $0.warnings, $1.id) }
    }

    /// Inline code that survives any content: a fence longer than any backtick run inside.
    static func code(_ text: String) -> String {
        let flat = oneLine(text)
        var longest = 0, run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat.replacingOccurrences(of: "|", with: "\\|") + pad + fence
    }

    /// Text that cannot open Markdown or HTML constructs, break a table row or span lines.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in oneLine(text) {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~": out += "\\\(c)"
            default: out.append(c)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// One row per finding (current ones, then fixed ones with `--compare`), for
/// spreadsheets. RFC 4180: CRLF line ends, fields quoted when they hold a
/// comma, quote or line break, quotes doubled.
public enum AuditCSV {
    public static let header = ["bundle", "status", "change", "rule", "severity", "message", "file", "line", "column", "endLine", "endColumn", "fingerprint"]

    public static func render(_ report: AuditReport) -> String {
        var out = row(header)
        for b in report.bundles {
            for f in b.findings + (b.fixed ?? []) { out += row(fields(b.id, b.status.rawValue, f)) }
        }
        for r in report.comparison?.removedBundles ?? [] {
            for f in r.fixed { out += row(fields(r.id, "removed", f)) }
        }
        return out
    }

    static func fields(_ bundle: String, _ status: String, _ f: AuditFinding) -> [String] {
        [bundle, status, f.change?.rawValue ?? "", f.rule, f.severity.rawValue, f.message, f.file,
         String(f.line), String(f.column), String(f.endLine), String(f.endColumn), f.fingerprint]
    }

    static func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
