import CXLintModel
import CXLintSyntax
import Foundation

public struct AuthUrlRule: Rule {
    public init() {}

    static let tokenPath = "/authentication/v1/token/access-key"
    static let exampleURL = "https://na1.nice-incontact.com/authentication/v1/token/access-key"

    public static let description = RuleDescription(
        id: "auth-url", severity: .error, scope: .config,
        summary: "The CXone Authentication URL is missing, not https, or not an access-key token endpoint.",
        rationale: """
            The guide's "Authentication URL" is where the integration trades the access key for a token before \
            every signal. Without it, or over plain http (which CXone refuses), no transfer and no hangup signal \
            reaches the script and callers are dropped instead of handed to an agent. A URL that is https but not \
            the access-key token endpoint (`https://{cluster}.nice-incontact.com/authentication/v1/token/access-key`) \
            is reported as a warning: it may be a proxy, but usually it is the wrong endpoint. IBM's setup pages \
            since 2023 (Integrating with phone and NICE CXone) ask only for the access key ID and secret, so a \
            config without authentication_url is reported as a note at most; one that has it is checked as above.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "↓http://na1.nice-incontact.com/authentication/v1/token/access-key")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "↓https://na1.nice-incontact.com/authentication/v1/token")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "↓na1.nice-incontact.com")),
            ExampleFixtures.bundle(config: """
                phone_integration:
                  phone_number: "+1 958 555 0123"
                  ↓contact_center:
                    type: nice_cxone
                    api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
                    access_key_id: ${CXONE_ACCESS_KEY_ID}
                    access_key_secret: ${CXONE_ACCESS_KEY_SECRET}

                """).with(note: "absent: a note, since IBM's setup since 2023 asks only for the access key"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "https://cxone.niceincontact.com/authentication/v1/token/access-key")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(authURL: "https://eu1.nice-incontact.com/authentication/v1/token/access-key/")),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config, let centerKey = config.contactCenterKeyRange else { return [] }
        guard let url = config.authenticationURL else {
            return [finding(
                "contact_center has no authentication_url; IBM's current setup asks only for the access key, but if your integration shows an Authentication URL field, add the CXone access-key token endpoint, e.g. \(Self.exampleURL)",
                file: config.file, range: centerKey, severity: .note)]
        }
        switch ConfigURL.problem(url.value) {
        case .notAURL:
            return [finding(
                "authentication_url \"\(url.value)\" is not an absolute URL; write the full endpoint, e.g. \(Self.exampleURL)",
                file: config.file, range: url.range)]
        case .notHTTPS(let scheme):
            return [finding(
                "authentication_url uses \(scheme)://; CXone accepts access keys over https only: write https://",
                file: config.file, range: url.range, fixes: ConfigURL.httpsFix(for: url, file: config.file))]
        case nil:
            return isTokenEndpoint(url.value) ? [] : [finding(
                "authentication_url is not a CXone access-key token endpoint; use https://{cluster}.nice-incontact.com\(Self.tokenPath)",
                file: config.file, range: url.range, severity: .warning)]
        }
    }

    func isTokenEndpoint(_ text: String) -> Bool {
        guard let components = ConfigURL.components(text), let host = components.host else { return false }
        var path = components.path.lowercased()
        while path.hasSuffix("/") { path.removeLast() }
        return ConfigURL.isCXoneHost(host) && path.hasSuffix(Self.tokenPath)
    }
}
