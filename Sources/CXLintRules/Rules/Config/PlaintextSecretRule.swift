import CXLintModel
import CXLintSyntax

public struct PlaintextSecretRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "plaintext-secret", severity: .error, scope: .config,
        summary: "`access_key_secret` (error) or `access_key_id` (warning) holds a literal instead of a `${VAR}` reference.",
        rationale: """
            The guide has you generate a CXone access key and keep the secret "in a secure location": whoever \
            holds it can signal, transfer and hang up any contact of the business unit. A secret committed in a \
            config file is leaked to everyone with the repository; it must come from the deployment's secret store \
            as `${CXONE_ACCESS_KEY_SECRET}`, and a leaked key must be rotated in CXone. cxlint never prints the value. \
            A literal access_key_id is a warning, not an error: the ID names the key (CXone shows it next to the \
            key; only the secret must be kept "in a secure location"), but it still belongs with its secret in the \
            deployment's secret store.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeySecret: "↓\"fake-0000-secret-not-real\"")),
            ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeyID: "↓ABCDEF0123456789FAKE"))
                .with(note: "a literal key ID: a warning"),
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
    func check(_ credential: Located<Credential>?, key: String, reference: String, file: SourceID) -> Diagnostic? {
        guard let credential, case .literal = credential.value else { return nil }
        let replacement = "${\(reference)}"
        let isID = key == "access_key_id"
        return finding(
            "\(key) holds a literal \(isID ? "key ID" : "secret"); replace it with a \(replacement) reference\(isID ? "" : " and rotate the key in CXone")",
            file: file, range: credential.range, severity: isID ? .warning : nil,
            fixes: [Fix(title: "Use \(replacement)", edits: [TextEdit(file: file, range: credential.range, replacement: replacement.quotedForConfig)])])
    }
}
