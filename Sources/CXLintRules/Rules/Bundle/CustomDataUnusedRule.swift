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
        causedBy: [
            Cause(["onsignal-missing"], .sameBundle, reason: "with no Onsignal no signal parameter is read"),
            Cause(["syntax-error", "unknown-document", "unreadable-file", "document-structure", "bundle-incomplete", "subscript-not-in-bundle"], .sameBundle,
                  reason: "a script that did not load, or is not in the bundle, may read the parameter"),
        ],
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
            ExampleFixtures.bundleWithoutOnsignal,
            RuleExample(ExampleFixtures.bundle(assistant: ExampleFixtures.actionsSkill(
                transferInfo: #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing", "p3": "vip"}}}}"#)).files + [
                ("studio/Routing.xml", "<?xml version=\"1.0\"?>\n<ScriptContainer><Actions><ActionStruct><ActionID>1</Action></ActionStruct></Actions></ScriptContainer>\n"),
            ], note: "a script of the bundle does not parse: it may read p3, so no finding"),
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
        var read = ParameterMask()
        for script in scripts {
            for action in script.actions.indices {
                let type = script.actions[action].type
                let bareNamesCount = type == "IF" || type == "SNIPPET" || type == "CASE"
                for property in script.actions[action].properties {
                    read.formUnion(parametersRead(in: property.value, bareNamesCount: bareNamesCount))
                    // Nothing more can be learnt once every name is read.
                    if read.isFull { return read.names }
                }
            }
        }
        return read.names
    }

    /// The `pN` names one property value reads.
    static func parametersRead(in value: String, bareNamesCount: Bool) -> ParameterMask {
        var value = value
        if let ascii = value.withUTF8({ ASCIIScan.parameters(in: $0, bareNamesCount: bareNamesCount) }) { return ascii }
        let lowered = value.lowercased()
        var read = ParameterMask()
        for (bit, name) in SignalParameter.allowed.enumerated()
        where lowered.contains("{\(name)}") || (bareNamesCount && containsWord(name, in: lowered)) {
            read.insert(bit)
        }
        return read
    }

    /// A set of `SignalParameter.allowed` names as bits (bit 0 is p2), so
    /// collecting them allocates nothing.
    struct ParameterMask {
        var bits: UInt16 = 0

        var isFull: Bool { bits == (1 << SignalParameter.allowed.count) - 1 }

        mutating func insert(_ bit: Int) { bits |= 1 << bit }
        mutating func formUnion(_ other: ParameterMask) { bits |= other.bits }

        var names: Set<String> {
            Set(SignalParameter.allowed.indices.filter { bits & (1 << $0) != 0 }.map { SignalParameter.allowed[$0] })
        }
    }

    /// One pass over an ASCII value's bytes: it answers what searching the
    /// lower-cased text for each `{pN}` and each bare word `pN` answers
    /// (`pN` cannot overlap itself, so every occurrence is a candidate),
    /// without lower-casing, copying or Foundation's Unicode-aware search.
    enum ASCIIScan {
        /// nil when the value is not ASCII (the caller then searches the Unicode way).
        static func parameters(in bytes: UnsafeBufferPointer<UInt8>, bareNamesCount: Bool) -> ParameterMask? {
            var read = ParameterMask()
            let count = bytes.count
            var i = 0
            while i < count {
                let byte = bytes[i]
                guard byte < 0x80 else { return nil }
                // `p2` … `p9`, in either case (names are compared lower-cased).
                if byte | 0x20 == UInt8(ascii: "p"), i + 1 < count, bytes[i + 1] >= UInt8(ascii: "2"), bytes[i + 1] <= UInt8(ascii: "9") {
                    let bit = Int(bytes[i + 1] - UInt8(ascii: "2"))
                    let before: UInt8? = i > 0 ? bytes[i - 1] : nil
                    let after: UInt8? = i + 2 < count ? bytes[i + 2] : nil
                    if before == UInt8(ascii: "{"), after == UInt8(ascii: "}") {
                        read.insert(bit)
                    } else if bareNamesCount, !(before.map(isIdentifier) ?? false), !(after.map(isIdentifier) ?? false) {
                        read.insert(bit)
                    }
                }
                i += 1
            }
            return read
        }

        /// Identifier bytes of the lower-cased text: upper-case letters count, as they lower-case to letters.
        static func isIdentifier(_ byte: UInt8) -> Bool {
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
    }

    /// Whether `word` appears in `text` not as part of a longer identifier (`p2` but not `p20` or `top2`).
    static func containsWord(_ word: String, in text: String) -> Bool {
        let isIdentifier: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
        var searchStart = text.startIndex
        while let found = text.range(of: word, range: searchStart..<text.endIndex) {
            // Foundation can match inside a Character (after a prepended mark such as U+0600), where
            // `index(before:)` traps; the slice rounds to a Character boundary instead. At a boundary
            // it is the same Character.
            let before = found.lowerBound == text.startIndex ? nil : text[..<found.lowerBound].last
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before.map(isIdentifier) ?? false), !(after.map(isIdentifier) ?? false) { return true }
            searchStart = found.upperBound
        }
        return false
    }
}
