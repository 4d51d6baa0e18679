import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct PhoneNumberFormatRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "phone-number-format", severity: .error, scope: .config,
        summary: "A phone number of the integration is not in E.164 form (`+`, country code, number).",
        rationale: """
            The guide's phone integration takes "the phone number you allocated for the NICE CXone integration" \
            and the Placecall must dial exactly that number. The integration matches numbers in E.164; a number \
            without `+` and country code either fails to save or never matches the incoming SIP INVITE, so the \
            call from CXone reaches no assistant and the caller hears silence or a busy tone. IBM's phone number \
            field: "Specify the number by using the international phone number format: +1 958 555 0123. Do not \
            surround the area code with parentheses", so `+1 (958) 555-0123` is an error too (with a fix). \
            Placecall numbers in scripts are not judged here: they compare with the config's by digits.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "↓\"1-958-555-0123\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "↓\"(958) 555-0123\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "↓\"+1 958 555 01x3\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "↓\"+1 (958) 555-0123\""))
                .with(note: "IBM: do not surround the area code with parentheses"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"+1 958 555-0123\"")),
            // The script's number compares by digits, parentheses and all.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+1 (958) 555-0123", "", "60", ""], next: 4),
            ])).with(note: "parentheses in a Placecall's number are not this rule's business"),
            ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "+19585550123")),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config else { return [] }
        return config.phoneNumbers.compactMap { check($0, file: config.file) }
    }

    func check(_ number: Located<String>, file: SourceID) -> Diagnostic? {
        guard let parsed = PhoneNumber(number.value) else {
            return finding(
                "\"\(number.value)\" is not a phone number; write the allocated number in E.164 form, e.g. +19585550123",
                file: file, range: number.range)
        }
        if parsed.isE164 {
            guard number.value.contains(where: { $0 == "(" || $0 == ")" }) else { return nil }
            return finding(
                "phone number \"\(number.value)\" surrounds the area code with parentheses, which the assistant's phone number field does not accept; write it as \(parsed.e164)",
                file: file, range: number.range,
                fixes: [Fix(title: "Write \(parsed.e164)", edits: [TextEdit(file: file, range: number.range, replacement: parsed.e164.quotedForConfig)])])
        }
        if let e164 = Self.unambiguousE164(parsed) {
            return finding(
                "phone number \"\(number.value)\" is not E.164; write it as \(e164)", file: file, range: number.range,
                fixes: [Fix(title: "Write \(e164)", edits: [TextEdit(file: file, range: number.range, replacement: e164.quotedForConfig)])])
        }
        return finding(
            "phone number \"\(number.value)\" is not E.164; write it with + and the country code, e.g. +19585550123 (at most 15 digits, no trunk 0)",
            file: file, range: number.range)
    }

    /// The E.164 form when the digits can only mean one number: a missing `+`
    /// before a full international number (11+ digits not starting with 0),
    /// or the `00` international prefix. Ten digits or fewer lack a country
    /// code, so no form is guessed for them.
    static func unambiguousE164(_ number: PhoneNumber) -> String? {
        guard !number.hasPlus else { return nil }
        var digits = Substring(number.digits)
        if digits.hasPrefix("00") { digits = digits.dropFirst(2) } else if digits.count < 11 { return nil }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}
