import CXLintSyntax
import Foundation

/// The one place where secrets are masked: every text that leaves the process
/// (each `check` format, the audit's reports, the language server's messages,
/// `explain`, progress and error lines) goes through `mask`. Inside, findings
/// and fix edits stay exact, so `--fix` writes what the rule computed.
///
/// The secrets are the texts at the documents' credential ranges (credential
/// keys' values and secret-looking tokens, found by `SecretScanner` on the raw
/// bytes of every file). Each is also masked in the spellings a writer may
/// turn it into: JSON, XML/HTML and URL escaping.
public struct Redactor: Sendable {
    /// Candidates by their first four bytes; every secret is at least `minLength` long.
    private let candidates: [UInt32: [[UInt8]]]
    private let firstBytes: [Bool]

    /// Shorter texts (`1234`) are too likely to be ordinary words of a message; excerpts
    /// still mask them by range (`LintReport.redactedLine`).
    public static let minLength = 6

    public init(secrets: Set<String>) {
        var candidates: [UInt32: [[UInt8]]] = [:]
        var firstBytes = [Bool](repeating: false, count: 256)
        for secret in secrets where secret.utf8.count >= Self.minLength {
            for variant in Set(Self.spellings(of: secret)) {
                let bytes = Array(variant.utf8)
                candidates[Self.key(bytes, 0), default: []].append(bytes)
                firstBytes[Int(bytes[0])] = true
            }
        }
        // Longest first: a secret that contains another is masked whole.
        self.candidates = candidates.mapValues { $0.sorted { $0.count > $1.count } }
        self.firstBytes = firstBytes
    }

    public static let none = Redactor(secrets: [])

    public var isEmpty: Bool { candidates.isEmpty }

    /// `text` with every secret replaced by one `*` per character.
    public func mask(_ text: String) -> String {
        guard !candidates.isEmpty else { return text }
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minLength else { return text }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i + Self.minLength <= bytes.count {
            guard firstBytes[Int(bytes[i])], let found = candidates[Self.key(bytes, i)],
                  let match = found.first(where: { Self.matches($0, in: bytes, at: i) }) else {
                i += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count) }
            out += bytes[copied..<i]
            out += repeatElement(UInt8(ascii: "*"), count: match.lazy.filter { $0 & 0xC0 != 0x80 }.count)
            i += match.count
            copied = i
        }
        guard copied > 0 else { return text }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The credential texts of a file at its sensitive ranges, unquoted; a `${NAME}`
    /// reference is what a fix suggests, not a secret.
    public static func secrets(in source: SourceFile, at ranges: [SourceRange]) -> Set<String> {
        Set(ranges.map { unquoted(source.text(of: $0)) }.filter { $0.utf8.count >= minLength && !isReference($0) })
    }

    static func unquoted(_ text: String) -> String {
        text.trimmingCharacters(in: "\"' \t")
    }

    static func isReference(_ text: String) -> Bool {
        text.hasPrefix("${") && text.hasSuffix("}") && !text.dropFirst(2).dropLast().contains { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// How writers may spell a secret: as is, JSON-escaped, XML/HTML-escaped, percent-encoded.
    static func spellings(of secret: String) -> [String] {
        let json = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "/", with: "\\/")
        var xml = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let xmlQuoted = xml.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
        xml = xml.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
        let percent = secret.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "+/="))) ?? secret
        let jsonPlainSlash = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return [secret, json, jsonPlainSlash, xml, xmlQuoted, percent].filter { $0.utf8.count >= minLength }
    }

    static func key(_ bytes: [UInt8], _ i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    static func matches(_ needle: [UInt8], in bytes: [UInt8], at i: Int) -> Bool {
        guard i + needle.count <= bytes.count else { return false }
        for k in 4..<needle.count where bytes[i + k] != needle[k] { return false }
        return true
    }
}
