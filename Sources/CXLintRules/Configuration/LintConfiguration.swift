import CXLintModel
import CXLintSyntax

/// What a `.cxlint.yml` says (Schemas/cxlint-config.schema.json): how each
/// rule reports, which paths to skip, what to suppress. A value: the CLI and
/// a language server load it once and hand it to the engine and the
/// suppression layer. Path patterns are relative to the config's folder.
public struct LintConfiguration: Sendable {
    /// How a rule reports: not at all, or at a fixed severity.
    public enum RuleSetting: String, Sendable, CaseIterable {
        case off, note, warning, error

        public var severity: Severity? { Severity(rawValue: rawValue) }
    }

    /// The lowest severity that fails a run (`fail_on`, `--fail-on`).
    public enum FailOn: String, Sendable, CaseIterable {
        case error, warning, note, never

        public var threshold: Severity? { Severity(rawValue: rawValue) }
    }

    /// Rule settings for the files matching any of `files`.
    public struct PathOverride: Sendable {
        public var files: [Glob]
        public var rules: [RuleID: RuleSetting]
    }

    /// A suppression by JSON Pointer, for files that cannot hold comments.
    public struct PointerSuppression: Sendable {
        public var file: Glob
        public var pointer: JSONPointer
        public var rule: RuleID
        public var reason: String
        /// The entry in the config, where an unused one is reported.
        public var range: SourceRange
    }

    /// The config file and its text; nil when none was found.
    public var source: SourceFile?
    /// Absolute folder that path patterns are relative to.
    public var directory: String
    public var rules: [RuleID: RuleSetting] = [:]
    public var ignore: [Glob] = []
    public var overrides: [PathOverride] = []
    public var defaultContactIDHeader: String?
    /// `transcript_host`: where a private deployment serves the agent app page.
    public var transcriptHost: String?
    /// Where the team hosts the rule reference (docs/rules.md): rule links in reports and the editor point there.
    public var docsURL: String?
    public var failOn: FailOn?
    public var suppress: [PointerSuppression] = []

    public init(directory: String = "/", source: SourceFile? = nil) {
        self.directory = directory
        self.source = source
    }

    /// No config file: every rule at its default severity.
    public static let none = LintConfiguration()

    public var file: SourceID? { source?.id }

    public var options: LintOptions {
        LintOptions(defaultContactIDHeader: defaultContactIDHeader ?? IntegrationConfig.defaultContactIDHeader,
                    transcriptHost: transcriptHost ?? LintOptions.defaultTranscriptHost)
    }

    /// A finding's path relative to the config's folder, for pattern matching.
    /// A member of an archive reads `export.zip!/action-skill.json`.
    public func relativePath(_ file: SourceID) -> String {
        let path = if directory == "/" {
            String(file.path.drop { $0 == "/" })
        } else if file.path.hasPrefix(directory + "/") {
            String(file.path.dropFirst(directory.count + 1))
        } else {
            file.path
        }
        return file.member.map { "\(path)!/\($0)" } ?? path
    }

    public func isIgnored(_ file: SourceID) -> Bool {
        guard !ignore.isEmpty else { return false }
        let path = relativePath(file)
        return ignore.contains { $0.matches(path) }
    }

    /// The setting for a rule in a file: the last matching override, else `rules:`; nil means the rule's default.
    public func setting(for rule: RuleID, in file: SourceID) -> RuleSetting? {
        if !overrides.isEmpty {
            let path = relativePath(file)
            for override in overrides.reversed() where override.rules[rule] != nil && override.files.contains(where: { $0.matches(path) }) {
                return override.rules[rule]
            }
        }
        return rules[rule]
    }

    /// Whether a rule can report anywhere, so the engine knows whether to run it.
    public func mayReport(_ rule: RuleID) -> Bool {
        rules[rule] != .off || overrides.contains { $0.rules[rule].map { $0 != .off } ?? false }
    }

    /// A finding as the config wants it: re-rated, or nil when its rule is off there or its file ignored.
    public func resolve(_ diagnostic: Diagnostic) -> Diagnostic? {
        if isIgnored(diagnostic.file) { return nil }
        guard let setting = setting(for: diagnostic.rule, in: diagnostic.file) else { return diagnostic }
        guard let severity = setting.severity else { return nil }
        var resolved = diagnostic
        resolved.severity = severity
        return resolved
    }
}
