import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// Every number a Placecall can dial must be one of the integration's numbers.
public struct PhoneNumberMismatchRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "phone-number-mismatch", severity: .error, scope: .bundle,
        summary: "A Placecall that calls the assistant dials a number that is not one of the phone integration's numbers.",
        rationale: """
            The guide: "The phone number must match the number you configured in Use an existing phone number with \
            an external provider". A Placecall to any other number never reaches the assistant: the caller hears a \
            failed call or a stranger's line. When PhoneNumber is a {variable}, every constant that ASSIGN actions \
            or Snippet assignments on the paths into the Placecall can leave in it is checked, at the place the \
            constant is written. Numbers compare by digits; a missing + is tolerated. Variable names compare \
            ignoring case (see VariableName: CXone's Variables help distinguishes names by characters, not case). \
            Only the Placecalls that call the assistant are compared: those reached from the Sipputheader that \
            sends {ContactId} (the guide: "Sipputheader must be executed before Placecall"; CXone's Sipputheader \
            help: the header travels on the next Placecall only) with no other Placecall in between, or, without \
            such a Sipputheader, the script's only Placecall. An overflow Placecall to an IVR is not the \
            integration's business.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["↓+19585550132", "", "60", ""], next: 4),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "IF", caption: "Sales?", parameters: ["DNIS = \"8005550199\""], branches: [("True", 41), ("False", 42)]),
                41: ExampleFixtures.action(41, "SNIPPET", parameters: ["ASSIGN watsonNumber = \"+19585550123\"", ""], next: 2),
                42: ExampleFixtures.action(42, "SNIPPET", parameters: ["// old bot\nASSIGN watsonNumber = \"↓+19585550142\"", ""], next: 2),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["{watsonNumber}", "", "60", ""], next: 4),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["botNumber", "↓+1 958 555 0999"], next: 2),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["{BotNumber}", "", "60", ""], next: 4),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["botNumber", "1 (958) 555-0123"], next: 2),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["{botNumber}", "", "60", ""], next: 4),
            ])),
            // The assistant's OnBusy branch dials an overflow IVR: not the assistant's call.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4, branches: [("OnBusy", 40)]),
                40: ExampleFixtures.action(40, "PLACECALL", caption: "Overflow IVR", parameters: ["+18005550100", "", "60", ""], next: 4),
            ])).with(note: "an overflow Placecall after the assistant's"),
            // A number assigned only after the call cannot reach it.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                1: ExampleFixtures.action(1, "BEGIN", next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["botNumber", "+19585550123"], next: 2),
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["{botNumber}", "", "60", ""], next: 41),
                41: ExampleFixtures.action(41, "ASSIGN", parameters: ["botNumber", "+19585550999"], next: 4),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config else { return [] }
        let numbers = config.phoneNumbers.compactMap { PhoneNumber($0.value) }
        guard !numbers.isEmpty else { return [] }
        let expected = config.phoneNumbers.map(\.value).joined(separator: ", ")
        let source = "\(config.file.fileName):\(config.phoneNumbers[0].range.start.line)"
        return context.analysis.scripts.flatMap { script in
            ScriptRuleSupport.assistantPlacecalls(script).flatMap { index -> [Diagnostic] in
                guard let property = script.actions[index].property("PhoneNumber"),
                      let position = script.actions[index].properties.firstIndex(where: { $0.name == "PhoneNumber" }) else { return [] }
                let env = script.constants[index] ?? ConstantEnvironment()
                let origin = ConstantValue.Origin(action: index, property: position, utf8Range: 0..<property.value.utf8.count)
                let dialled = env.resolve(property.value, origin: origin).constants
                return dialled.sorted { $0.text < $1.text }.compactMap { constant -> Diagnostic? in
                    // A reference nothing assigns (`{DNIS}`) stays symbolic: nothing to compare.
                    if !VariableName.references(in: constant.text).isEmpty { return nil }
                    if let number = PhoneNumber(constant.text), numbers.contains(where: number.matches) { return nil }
                    return report(constant, placecall: index, property: property, script: script, expected: expected, source: source)
                }
            }
        }
    }

    func report(_ constant: ConstantValue, placecall: Int, property: StudioProperty, script: ScriptAnalysis, expected: String, source: String) -> Diagnostic {
        let action = script.actions[placecall]
        let viaVariable = constant.origin.map { $0.action != placecall } ?? false
        if viaVariable {
            let range = constant.origin.map(script.range(of:)) ?? property.range
            return finding(
                "\(action.displayName) dials \(property.value.trimmingWhitespace()), which can hold \(constant.text) here, not the integration's number \(expected) (\(source)); assign the integration's number",
                file: script.script.file, range: range,
                related: [RelatedLocation(file: script.script.file, range: property.range, message: "the Placecall that dials it")])
        }
        return finding(
            "\(action.displayName) dials \(constant.text), not the integration's number \(expected) (\(source)); dial the number the phone integration was set up with",
            file: script.script.file, range: property.range)
    }
}
