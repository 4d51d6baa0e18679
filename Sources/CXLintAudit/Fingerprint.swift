import CXLintDriver
import CXLintReport
import CXLintSyntax

/// A hash that is the same on every machine and run, for `--shard` (Swift's
/// `Hasher` is seeded per process). FNV-1a 64: tiny and evenly spread.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension LintReport {
    /// The audit's records of every finding. Their fingerprints are the
    /// baseline's and SARIF's (`FindingIdentity`: rule, file, hash of the
    /// offending text, which repeat), so `--compare` matches exactly as a
    /// baseline does and the text itself is never stored.
    func auditFindings() -> [AuditFinding] {
        zip(diagnostics, FindingIdentity.identities(of: self)).map { auditFinding($0, identity: $1) }
    }

    /// The finding's line (masked), cut to a window when long.
    func excerpt(of d: Diagnostic, window: Int = 160) -> Excerpt? {
        guard let line = redactedLine(d.range.start.line, of: d.file) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let startIndex = max(0, min(d.range.start.column - 1, scalars.count))
        let sameLine = d.range.end.line == d.range.start.line
        let endIndex = sameLine ? max(startIndex + 1, d.range.end.column - 1) : max(startIndex + 1, scalars.count)
        var lo = 0, hi = scalars.count
        if scalars.count > window {
            lo = max(0, startIndex - window / 3)
            hi = min(scalars.count, lo + window)
        }
        var text = String(String.UnicodeScalarView(scalars[lo..<hi]))
        var column = startIndex - lo + 1
        if lo > 0 {
            text = "…" + text
            column += 1
        }
        if hi < scalars.count { text += "…" }
        let width = max(1, min(endIndex, hi) - startIndex)
        return Excerpt(text: text, column: column, width: width)
    }

    func auditFinding(_ d: Diagnostic, identity: FindingIdentity) -> AuditFinding {
        AuditFinding(
            rule: d.rule.rawValue, severity: d.severity, message: d.message, file: shown(d.file),
            line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column,
            fingerprint: identity.fingerprint, excerpt: excerpt(of: d), path: d.path.isEmpty ? nil : d.path.map { JSONReporter.Step($0, shown: shown) })
    }
}
