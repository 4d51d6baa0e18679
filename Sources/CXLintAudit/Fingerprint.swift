import CXLintReport
import CXLintSyntax

/// Stable hashes for matching findings across audits and for sharding.
/// FNV-1a: tiny, deterministic on every platform and run (Swift's `Hasher`
/// is seeded per process, so it cannot be used for either).
public enum Fingerprint {
    public static func fnv1a(_ text: String) -> UInt64 {
        fnv1a(bytes: text.utf8)
    }

    static func fnv1a(bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Rule, file and offending text, joined with NUL so no two triples
    /// collide by concatenation. The text is the redacted one: a secret never
    /// enters the hash, so the hash cannot be brute-forced back to it.
    public static func of(rule: String, file: String, offendingText: String) -> String {
        let bytes = Array(rule.utf8) + [0] + Array(file.utf8) + [0] + Array(offendingText.utf8)
        let hash = fnv1a(bytes: bytes)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension LintReport {
    /// The text a finding points at, credentials masked; for a point (a
    /// finding about an absence) the whole line, so the match survives edits
    /// elsewhere in the file.
    func offendingText(of d: Diagnostic) -> String {
        guard let source = sources[d.file] else { return "" }
        let lo = max(0, min(d.range.start.offset, source.bytes.count))
        let hi = max(lo, min(d.range.end.offset, source.bytes.count))
        if lo == hi { return redactedLine(d.range.start.line, of: d.file)?.trimmingWhitespace() ?? "" }
        let secrets = (sensitiveRanges[d.file] ?? []).filter { $0.start.offset < hi && $0.end.offset > lo }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hi - lo)
        for offset in lo..<hi {
            let byte = source.bytes[offset]
            if secrets.contains(where: { $0.start.offset <= offset && offset < $0.end.offset }) {
                if byte & 0xC0 != 0x80 { bytes.append(UInt8(ascii: "*")) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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

    /// The audit's record of one finding.
    func auditFinding(_ d: Diagnostic) -> AuditFinding {
        AuditFinding(
            rule: d.rule, severity: d.severity, message: d.message, file: d.file,
            line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column,
            fingerprint: Fingerprint.of(rule: d.rule, file: d.file, offendingText: offendingText(of: d)),
            excerpt: excerpt(of: d))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
