import CXLintModel
import CXLintSyntax

public struct PlaintextSecretRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "plaintext-secret", severity: .error, scope: .config,
        summary: "`access_key_id` or `access_key_secret` holds a literal instead of a `${VAR}` reference.",
        rationale: """
            The guide has you generate a CXone access key and keep the secret "in a secure location": whoever \
            holds it can signal, transfer and hang up any contact of the business unit. A secret committed in a \
            config file is leaked to everyone with the repository; it must come from the deployment's secret store \
            as `${CXONE_ACCESS_KEY_SECRET}`, and a leaked key must be rotated in CXone. cxlint never prints the value.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeySecret: "↓\"fake-0000-secret-not-real\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeyID: "↓ABCDEF0123456789FAKE")),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeyID: "\"${MY_KEY_ID}\"", accessKeySecret: "\"${MY_KEY_SECRET}\"")),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let config = context.config else { return [] }
        return [
            check(config.accessKeySecret, key: "access_key_secret", reference: "CXONE_ACCESS_KEY_SECRET", file: config.file),
            check(config.accessKeyID, key: "access_key_id", reference: "CXONE_ACCESS_KEY_ID", file: config.file),
        ].compactMap { $0 }
    }

    /// Never reads the value: `Credential.literal` keeps only its length.
    func check(_ credential: Located<Credential>?, key: String, reference: String, file: String) -> Diagnostic? {
        guard let credential, case .literal = credential.value else { return nil }
        let replacement = "${\(reference)}"
        return finding(
            "\(key) holds a literal \(key == "access_key_id" ? "key ID" : "secret"); replace it with a \(replacement) reference and rotate the key in CXone",
            file: file, range: credential.range,
            fixes: [Fix(title: "Use \(replacement)", edits: [TextEdit(file: file, range: credential.range, replacement: replacement.quotedForConfig)])])
    }
}
