import CXLintModel
import CXLintSyntax
import Foundation

public struct ApiUrlRule: Rule {
    public init() {}

    static let exampleURL = "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/"

    public static let description = RuleDescription(
        id: "api-url", severity: .error, scope: .config,
        summary: "The CXone Admin API URL is missing, not https, or not an Admin API base (`/inContactAPI/services/vNN.N/`).",
        rationale: """
            The guide's "API URL" must be the CXone *Admin* API: the integration posts the transfer and hangup \
            signals (`…/contacts/{contactId}/signal`) under it. Without it, or over http, the signal never reaches \
            the Onsignal handler and the caller is neither transferred nor released. A URL that is not an Admin API \
            base such as \(exampleURL) is reported as a warning: the signal would land on a path that does not exist. \
            IBM's setup pages since 2023 (Integrating with phone and NICE CXone) ask only for the access key ID and \
            secret, so a config without api_url is reported as a note at most; one that has it is checked as above.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(apiURL: "↓http://api-na1.niceincontact.com/inContactAPI/services/v30.0/")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(apiURL: "↓https://api-na1.niceincontact.com/")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(apiURL: "↓https://api-na1.niceincontact.com/inContactAPI/services/latest/")),
            ExampleFixtures.bundle(config: """
                phone_integration:
                  phone_number: "+1 958 555 0123"
                  ↓contact_center:
                    type: nice_cxone
                    access_key_id: ${CXONE_ACCESS_KEY_ID}
                    access_key_secret: ${CXONE_ACCESS_KEY_SECRET}

                """).with(note: "absent: a note, since IBM's setup since 2023 asks only for the access key"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(apiURL: "https://api-c7.nice-incontact.com/incontactapi/services/v31.0")),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config, let centerKey = config.contactCenterKeyRange else { return [] }
        guard let url = config.apiURL else {
            return [finding(
                "contact_center has no api_url; IBM's current setup asks only for the access key, but if your integration shows an API URL field, add the CXone Admin API base, e.g. \(Self.exampleURL)",
                file: config.file, range: centerKey, severity: .note)]
        }
        switch ConfigURL.problem(url.value) {
        case .notAURL:
            return [finding(
                "api_url \"\(url.value)\" is not an absolute URL; write the Admin API base, e.g. \(Self.exampleURL)",
                file: config.file, range: url.range)]
        case .notHTTPS(let scheme):
            return [finding(
                "api_url uses \(scheme)://; the CXone Admin API is served over https only: write https://",
                file: config.file, range: url.range, fixes: ConfigURL.httpsFix(for: url, file: config.file))]
        case nil:
            return Self.isAdminAPIBase(url.value) ? [] : [finding(
                "api_url is not a CXone Admin API base; use https://api-{cluster}.niceincontact.com/inContactAPI/services/vNN.N/",
                file: config.file, range: url.range, severity: .warning)]
        }
    }

    /// `/inContactAPI/services/v30.0/`, any case, the trailing slash optional.
    static func isAdminAPIBase(_ text: String) -> Bool {
        guard let path = ConfigURL.components(text)?.path else { return false }
        if let ascii = isASCIIAdminAPIPath(path) { return ascii }
        return path.wholeMatch(of: /\/incontactapi\/services\/v\d+(\.\d+)?\/?/.ignoresCase()) != nil
    }

    /// The regex above for an ASCII path, byte by byte: building the regex
    /// costs more than the rest of the rule. nil for other paths, where
    /// Unicode digits and case folding need the regex itself.
    static func isASCIIAdminAPIPath(_ path: String) -> Bool? {
        let bytes = Array(path.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let prefix = Array("/incontactapi/services/v".utf8)
        guard bytes.count > prefix.count, zip(bytes, prefix).allSatisfy({ lowercased($0) == $1 }) else { return false }
        var i = prefix.count
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        func skipDigits() -> Bool {
            let start = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            return i > start
        }
        guard skipDigits() else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard skipDigits() else { return false }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
        return i == bytes.count
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
