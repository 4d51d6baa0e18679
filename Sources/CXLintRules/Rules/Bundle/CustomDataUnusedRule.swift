import Foundation
import CXLintModel
import CXLintSyntax

public struct CustomDataUnusedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "custom-data-unused", severity: .note, scope: .bundle,
        summary: "custom_data sends a `pN` that no Studio script of the bundle reads.",
        rationale: """
            The guide: "parameters listed in the custom_data are transferred to the signal REST API" and arrive \
            in the Onsignal handler as p2 … p9. A parameter the script never reads (`{p2}` in an Assign, Snippet \
            or PopURL value) is context the assistant collected and the agent never sees: read it in the Onsignal \
            chain or stop sending it.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", ↓"p4": "gold"}}}}"#)),
            ExampleFixtures.bundle(
                script: ExampleFixtures.script(replacing: [
                    13: ExampleFixtures.action(13, "SNIPPET", parameters: ["ASSIGN sessionKey = \"{p1}\"&#xD;&#xA;ASSIGN topic = \"{p2}\"", ""], next: 14),
                ]),
                assistant: ExampleFixtures.actionsSkill(
                    transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", ↓"p3": "vip"}}}}"#)),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(
                script: ExampleFixtures.script(replacing: [
                    13: ExampleFixtures.action(13, "SNIPPET", parameters: ["ASSIGN sessionKey = \"{p1}\"&#xD;&#xA;ASSIGN topic = \"{P2}\"", ""], next: 14),
                    21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "https://example.com/?key={sessionKey}&amp;tier={p4}"], next: 22),
                ]),
                assistant: ExampleFixtures.actionsSkill(
                    transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", "p4": "gold"}}}}"#)),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", parameters: ["ASSIGN sessionKey = \"{p1}\"", ""], next: 14),
                31: ExampleFixtures.action(31, "IF", parameters: ["transferred = \"true\" OR p2 = \"billing\""], branches: [("True", 34), ("False", 32)]),
            ])).with(note: "an IF expression reads p2 without braces"),
            RuleExample([("exports/action-skill.json", ExampleFixtures.actionsSkill())], note: "no script to compare with"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let scripts = context.bundle.studioScripts
        guard !scripts.isEmpty else { return [] }
        let read = Self.parametersRead(by: scripts)
        return SignalParameter.customDataEntries(in: context).flatMap { export, transfer, entries in
            entries.filter { SignalParameter.allowed.contains($0.keyText) && !read.contains($0.keyText) }.map { entry in
                finding(
                    "custom_data of \(transfer.subject) sends \(entry.keyText), but no Studio script of this bundle reads {\(entry.keyText)}; read it in the Onsignal chain (e.g. ASSIGN topic = \"{\(entry.keyText)}\") or stop sending it",
                    file: export.file, range: entry.key.range)
            }
        }
    }

    /// Lower-case `pN` names any script uses: `{p2}` in any property value
    /// (Studio variable names ignore case), or a bare `p2` in an IF
    /// expression or Snippet code, which read variables without braces.
    static func parametersRead(by scripts: [StudioScript]) -> Set<String> {
        var read = Set<String>()
        for action in scripts.flatMap(\.actions) {
            let bareNamesCount = action.type == "IF" || action.type == "SNIPPET" || action.type == "CASE"
            for property in action.properties {
                if let ascii = ASCIIText(property.value) {
                    for name in SignalParameter.allowed where ascii.contains(braced: name) || (bareNamesCount && ascii.containsWord(name)) {
                        read.insert(name)
                    }
                    continue
                }
                let value = property.value.lowercased()
                for name in SignalParameter.allowed where value.contains("{\(name)}") || (bareNamesCount && containsWord(name, in: value)) {
                    read.insert(name)
                }
            }
        }
        return read
    }

    /// An ASCII property value, lower-cased byte by byte. Most values are ASCII,
    /// and for them this answers the same as the String search below without
    /// Foundation's Unicode-aware `range(of:)` (the rule's main cost).
    struct ASCIIText {
        let bytes: [UInt8]

        init?(_ text: String) {
            var bytes = [UInt8]()
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                guard byte < 0x80 else { return nil }
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            self.bytes = bytes
        }

        func contains(braced name: String) -> Bool {
            let pattern = [UInt8(ascii: "{")] + Array(name.utf8) + [UInt8(ascii: "}")]
            return occurrences(of: pattern).contains { _ in true }
        }

        func containsWord(_ word: String) -> Bool {
            let pattern = Array(word.utf8)
            return occurrences(of: pattern).contains { start in
                let end = start + pattern.count
                return !(start > 0 && Self.isIdentifier(bytes[start - 1])) && !(end < bytes.count && Self.isIdentifier(bytes[end]))
            }
        }

        /// Start offsets of non-overlapping matches, left to right (as repeated `range(of:)` finds them).
        func occurrences(of pattern: [UInt8]) -> [Int] {
            guard !pattern.isEmpty, bytes.count >= pattern.count else { return [] }
            var found: [Int] = []
            var i = 0
            while i <= bytes.count - pattern.count {
                if bytes[i] == pattern[0], bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                    found.append(i)
                    i += pattern.count
                } else {
                    i += 1
                }
            }
            return found
        }

        static func isIdentifier(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
    }

    /// Whether `word` appears in `text` not as part of a longer identifier (`p2` but not `p20` or `top2`).
    static func containsWord(_ word: String, in text: String) -> Bool {
        let isIdentifier: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
        var searchStart = text.startIndex
        while let found = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before.map(isIdentifier) ?? false), !(after.map(isIdentifier) ?? false) { return true }
            searchStart = found.upperBound
        }
        return false
    }
}
