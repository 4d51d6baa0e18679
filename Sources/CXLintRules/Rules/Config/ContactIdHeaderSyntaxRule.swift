import CXLintModel
import CXLintSyntax

public struct ContactIdHeaderSyntaxRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "contact-id-header-syntax", severity: .error, scope: .config,
        summary: "The Contact ID SIP header name (config or Sipputheader HeaderName) is not a valid SIP header field name, or does not start with X-.",
        rationale: """
            The guide's Contact ID field names the SIP header that carries the CXone Contact ID in the INVITE, and \
            the Sipputheader must send the same name. RFC 3261 allows only letters, digits and `-.!%*_+`'~` in a \
            header name; a name with a space or colon is dropped or rejected by SIP proxies, so the integration \
            never learns the Contact ID and cannot signal the script to transfer the caller. CXone's Sipputheader \
            and Sipgetheader help: "Only headers that start with "X-" can be sent or received" (older pages also \
            let "P-" be sent), so a Contact ID header named ContactID or Contact-ID never leaves CXone: the config's \
            contact_id_header and every Sipputheader that sends {ContactId} must start with X- (any case).
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(header: "↓\"X-Contact ID\""),
                script: ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["↓X-Contact ID", "{ContactId}"], next: 3),
                ])),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: "↓\"X-ContactID:\"")),
            // Valid SIP tokens, but CXone sends only X- headers.
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(header: "↓ContactID"),
                script: ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["↓ContactID", "{ContactId}"], next: 3),
                ])).with(note: "no X- prefix, in the config and the Sipputheader alike"),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: "↓Contact-ID")),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: nil)),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["{headerName}", "{ContactId}"], next: 3),
            ])),
            // The prefix in any case.
            ExampleFixtures.bundle(
                config: ExampleFixtures.config(header: "x-contactid"),
                script: ExampleFixtures.script(replacing: [
                    2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["x-contactid", "{ContactId}"], next: 3),
                ])).with(note: "x- in lower case"),
            // A header that does not carry the Contact ID is not the integration's.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "SIPPUTHEADER", parameters: ["Priority", "urgent"], next: 2),
            ])).with(note: "another header, not the Contact ID"),
        ]
    )

    /// RFC 3261 `token` characters besides letters and digits.
    static let tokenPunctuation: Set<Character> = ["-", ".", "!", "%", "*", "_", "+", "`", "'", "~"]

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if let config = context.config, let header = config.contactIDHeader {
            findings += check(header.value, range: header.range, file: config.file, where: "contact_id_header", carriesContactID: true)
        }
        for script in context.bundle.studioScripts {
            for action in script.actions(ofType: "SIPPUTHEADER") {
                guard let name = action.property("HeaderName"), !Self.isVariable(name.value) else { continue }
                findings += check(name.value, range: name.range, file: script.file, where: "HeaderName of \(action.displayName) (ActionID \(action.id))",
                                  carriesContactID: ScriptRuleSupport.sendsContactID(action))
            }
        }
        return findings
    }

    /// `carriesContactID`: the name is the Contact ID header, so CXone must be able to send it (X-).
    func check(_ name: String, range: SourceRange, file: SourceID, where place: String, carriesContactID: Bool) -> [Diagnostic] {
        let invalid = name.filter { !Self.isTokenCharacter($0) }
        if name.isEmpty {
            return [finding("\(place) is empty; name the SIP header that carries the Contact ID, e.g. X-ContactID", file: file, range: range)]
        }
        if !invalid.isEmpty {
            let shown = Set(invalid).map { $0 == " " ? "a space" : "\"\($0)\"" }.sorted().joined(separator: ", ")
            let cleaned = Self.withXPrefix(name.filter(Self.isTokenCharacter))
            return [finding(
                "\(place) \"\(name)\" contains \(shown), not allowed in a SIP header name (RFC 3261 token); write it as \(cleaned) in the config and the Sipputheader alike",
                file: file, range: range)]
        }
        guard carriesContactID, !Self.hasXPrefix(name) else { return [] }
        return [finding(
            "\(place) \"\(name)\" does not start with X-: CXone sends only SIP headers that start with \"X-\", so the assistant never receives the Contact ID; name it \(Self.withXPrefix(name)) in the config and the Sipputheader alike",
            file: file, range: range)]
    }

    static func hasXPrefix(_ name: String) -> Bool { name.lowercased().hasPrefix("x-") }

    /// The name as CXone can send it: `ContactID` → `X-ContactID`, `P-Contact-ID` → `X-Contact-ID`.
    static func withXPrefix(_ name: String) -> String {
        if name.isEmpty { return IntegrationConfig.defaultContactIDHeader }
        if hasXPrefix(name) { return name }
        let bare = name.lowercased().hasPrefix("p-") ? String(name.dropFirst(2)) : name
        return "X-" + bare
    }

    static func isTokenCharacter(_ character: Character) -> Bool {
        (character.isASCII && (character.isLetter || character.isNumber)) || tokenPunctuation.contains(character)
    }

    /// A HeaderName taken from a variable (`{headerName}`) is checked where the variable is set, not here.
    static func isVariable(_ value: String) -> Bool { value.contains("{") }
}
