import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The Contact ID header must carry the `{ContactId}` variable.
public struct ContactIdHeaderValueRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "contact-id-header-value", severity: .error, scope: .script,
        summary: "The Sipputheader for the Contact ID header does not send {ContactId}.",
        rationale: """
            The guide's Sipputheader sends headerValue {ContactId}: the braces make Studio substitute the contact's \
            ID. Without them (ContactId) or with another variable, the INVITE carries a constant or the wrong ID, \
            and the integration signals a contact that does not exist: transfers and hangups fail. Variable names \
            compare ignoring case ({contactid} is accepted; CXone's Variables help distinguishes names by \
            characters, not case), and a {variable} holding {ContactId} by ASSIGN is accepted too.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "↓ContactId"], next: 3),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["x-contactid", "↓{MasterId}"], next: 3),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["cid", "{CONTACTID}"], next: 2),
                2: ExampleFixtures.action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{cid}"], next: 3),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let expected = context.expectedContactIDHeader
        return context.analysis.scripts.flatMap { script in
            script.actions.indices.compactMap { index -> Diagnostic? in
                let action = script.actions[index]
                guard ScriptRuleSupport.setsHeader(action, expected), let property = action.property("HeaderValue"),
                      let position = action.properties.firstIndex(where: { $0.name == "HeaderValue" }) else { return nil }
                let env = script.constants[index] ?? ConstantEnvironment()
                let values = env.resolve(property.value, origin: ConstantValue.Origin(action: index, property: position, utf8Range: 0..<property.value.utf8.count))
                let wrong = values.constants.filter { constant in
                    VariableName.wholeReference(constant.text).map { !VariableName.same($0, "ContactId") } ?? true
                }
                guard let first = wrong.sorted(by: { $0.text < $1.text }).first else { return nil }
                let shown = first.text.isEmpty ? "nothing" : first.text
                let hint = VariableName.same(first.text.trimmingWhitespace(), "ContactId") ? " (without braces it is a constant)" : ""
                return finding("\(action.displayName) sends \(shown) in \(ScriptRuleSupport.headerName(action) ?? expected)\(hint); send {ContactId} so the integration gets the contact's ID",
                               file: script.script.file, range: property.range)
            }
        }
    }
}
