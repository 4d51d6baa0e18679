import CXLintModel
import CXLintSyntax

public struct ContactIdHeaderSyntaxRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "contact-id-header-syntax", severity: .error, scope: .config,
        summary: "The Contact ID SIP header name (config or Sipputheader HeaderName) is not a valid SIP header field name.",
        rationale: """
            The guide's Contact ID field names the SIP header that carries the CXone Contact ID in the INVITE, and \
            the Sipputheader must send the same name. RFC 3261 allows only letters, digits and `-.!%*_+`'~` in a \
            header name; a name with a space or colon is dropped or rejected by SIP proxies, so the integration \
            never learns the Contact ID and cannot signal the script to transfer the caller.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(header: "↓\"X-Contact ID\""),
                script: ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["↓X-Contact ID", "{ContactId}"], next: 3),
                ])),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: "↓\"X-ContactID:\"")),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: nil)),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["{headerName}", "{ContactId}"], next: 3),
            ])),
        ]
    )

    /// RFC 3261 `token` characters besides letters and digits.
    static let tokenPunctuation: Set<Character> = ["-", ".", "!", "%", "*", "_", "+", "`", "'", "~"]

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if let config = context.config, let header = config.contactIDHeader {
            findings += check(header.value, range: header.range, file: config.file, where: "contact_id_header")
        }
        for script in context.bundle.studioScripts {
            for action in script.actions(ofType: "SIPPUTHEADER") {
                guard let name = action.property("HeaderName"), !Self.isVariable(name.value) else { continue }
                findings += check(name.value, range: name.range, file: script.file, where: "HeaderName of \(action.displayName) (ActionID \(action.id))")
            }
        }
        return findings
    }

    func check(_ name: String, range: SourceRange, file: String, where place: String) -> [Diagnostic] {
        let invalid = name.filter { !Self.isTokenCharacter($0) }
        guard name.isEmpty || !invalid.isEmpty else { return [] }
        if name.isEmpty {
            return [finding("\(place) is empty; name the SIP header that carries the Contact ID, e.g. X-ContactID", file: file, range: range)]
        }
        let shown = Set(invalid).map { $0 == " " ? "a space" : "\"\($0)\"" }.sorted().joined(separator: ", ")
        let cleaned = name.filter(Self.isTokenCharacter)
        let suggestion = cleaned.isEmpty ? "X-ContactID" : cleaned
        return [finding(
            "\(place) \"\(name)\" contains \(shown), not allowed in a SIP header name (RFC 3261 token); write it as \(suggestion) in the config and the Sipputheader alike",
            file: file, range: range)]
    }

    static func isTokenCharacter(_ character: Character) -> Bool {
        (character.isASCII && (character.isLetter || character.isNumber)) || tokenPunctuation.contains(character)
    }

    /// A HeaderName taken from a variable (`{headerName}`) is checked where the variable is set, not here.
    static func isVariable(_ value: String) -> Bool { value.contains("{") }
}
