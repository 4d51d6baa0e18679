import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The header that carries `{ContactId}` must be the one the integration reads.
public struct ContactIdHeaderMismatchRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "contact-id-header-mismatch", severity: .error, scope: .bundle,
        summary: "The Sipputheader that sends {ContactId} uses a header name other than the integration's Contact ID header.",
        rationale: """
            The phone integration reads the CXone Contact ID from the SIP header named in its Contact ID field \
            (default X-ContactID); "the value in headerName must match the name you configured" (the integration \
            guide, Configuring the NICE CXone script). With another name the assistant never learns the contact, so \
            its transfer and hangup signals go nowhere and callers are stuck or dropped. The guide itself sets the \
            trap: its example sends X-Contact-ID. A difference only in letter case is a warning: SIP header names \
            compare case-insensitively, but not every console does.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: nil), script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["↓X-Contact-ID", "{ContactId}"], next: 3),
            ])),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: "X-CXone-Contact"), script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["↓X-ContactID", "{ContactId}"], next: 3),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["↓x-contactid", "{ContactId}"], next: 3),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(header: "X-Contact-ID"), script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-Contact-ID", "{ContactId}"], next: 3),
            ])),
            // Another header, not carrying the Contact ID, is none of this rule's business.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                6: ExampleFixtures.action(6, "SIPPUTHEADER", caption: "Tag", parameters: ["X-Line", "support"]),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let expected = context.expectedContactIDHeader
        return context.analysis.scripts.flatMap { script in
            script.actions.compactMap { action -> Diagnostic? in
                guard action.type == "SIPPUTHEADER", ScriptRuleSupport.sendsContactID(action),
                      let property = action.property("HeaderName"), let name = ScriptRuleSupport.headerName(action),
                      !name.isEmpty, name != expected else { return nil }
                let caseOnly = name.lowercased() == expected.lowercased()
                let message = caseOnly
                    ? "Sipputheader sets \(name) but the phone integration expects \(expected) (\(ScriptRuleSupport.expectedHeaderSource(context))); the names differ only in case, which SIP ignores but some consoles do not: write \(expected)"
                    : "Sipputheader sets \(name) but the phone integration expects \(expected) (\(ScriptRuleSupport.expectedHeaderSource(context))); rename one so they match"
                return finding(message, file: script.script.file, range: property.range, severity: caseOnly ? .warning : nil,
                               related: ScriptRuleSupport.expectedHeaderRelated(context),
                               fixes: fix(script, property, expected) + configFix(context, to: name))
            }
        }
    }

    /// Renaming the script's header, offered only when the value's range holds exactly the header text.
    func fix(_ script: ScriptAnalysis, _ property: StudioProperty, _ expected: String) -> [Fix] {
        guard let source = script.source else { return [] }
        var range: SourceRange?
        if ValueLocation.coversExactly(property, source: source) {
            range = property.range
        } else if let inner = ValueLocation.range(of: 0..<property.value.utf8.count, in: property, source: source),
                  Array(source.bytes[inner.start.offset..<inner.end.offset]) == Array(property.value.utf8) {
            range = inner
        }
        guard let range else { return [] }
        return [Fix(title: "Rename the header to \(expected)", edits: [TextEdit(file: script.script.file, range: range, replacement: expected)])]
    }

    /// The other way round: rename the config's header to the script's. Offered only when the config
    /// writes `contact_id_header` (adding a key would mean guessing its indentation); the second fix,
    /// so `--fix` keeps the config, which every script of the bundle shares, as it is.
    func configFix(_ context: LintContext, to name: String) -> [Fix] {
        guard let config = context.config, let header = config.contactIDHeader,
              let source = context.bundle.config?.source else { return [] }
        // A plain YAML scalar stays plain; a quoted one (or a JSON string) is written quoted.
        let plain = source.text(of: header.range) == header.value
        let replacement = plain ? name : name.quotedForConfig
        return [Fix(title: "Rename the config's contact_id_header to \(name)",
                    edits: [TextEdit(file: config.file, range: header.range, replacement: replacement)])]
    }
}
