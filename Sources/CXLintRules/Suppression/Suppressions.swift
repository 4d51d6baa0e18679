import CXLintModel
import CXLintSyntax

/// A finding that a suppression silenced, with the suppression's reason.
public struct SuppressedFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An inline comment in the file itself.
        case inSource
        /// A `suppress:` entry in the config.
        case external
    }

    public var diagnostic: Diagnostic
    public var kind: Kind
    public var reason: String?
}

/// Applies inline and config suppressions to one bundle's findings: a pure
/// function of the findings, the loaded documents (their comments and trees)
/// and the configuration, shared by the CLI and the language server.
public enum Suppressions {
    public struct Result: Sendable {
        /// Findings still reported, with `unused-suppression` findings added.
        public var kept: [Diagnostic]
        public var suppressed: [SuppressedFinding]
        /// Indexes into `configuration.suppress` that silenced something here:
        /// whether one is unused is only known after every bundle ran.
        public var usedConfigSuppressions: Set<Int>
    }

    /// - Parameter checkedRules: the rules that ran; a suppression of a rule
    ///   that did not run (or is off for its file) is never called unused.
    public static func apply(
        _ diagnostics: [Diagnostic], documents: [LoadedDocument], configuration: LintConfiguration = .none, checkedRules: Set<RuleID>
    ) -> Result {
        let directives = Dictionary(documents.map { ($0.id, $0.syntax.comments.compactMap(SuppressionDirective.parse)) }) { first, _ in first }
        let parsed = Dictionary(documents.filter { $0.syntax.root != nil }.map { ($0.id, $0) }) { first, _ in first }
        var used = Set<DirectiveUse>()
        var usedConfig = Set<Int>()
        var kept: [Diagnostic] = []
        var suppressed: [SuppressedFinding] = []
        for d in diagnostics {
            if let hit = inlineSuppression(of: d, among: directives[d.file] ?? []) {
                used.insert(DirectiveUse(directive: hit, rule: d.rule))
                suppressed.append(SuppressedFinding(diagnostic: d, kind: .inSource, reason: hit.reason))
            } else if let index = configSuppression(of: d, in: parsed[d.file], configuration: configuration) {
                usedConfig.insert(index)
                suppressed.append(SuppressedFinding(diagnostic: d, kind: .external, reason: configuration.suppress[index].reason))
            } else {
                kept.append(d)
            }
        }
        if checkedRules.contains(UnusedSuppressionRule.description.id) || checkedRules.contains(SuppressionWithoutReasonRule.description.id) {
            for (file, fileDirectives) in directives.sorted(by: { $0.key < $1.key }) {
                kept += unusedDirectives(fileDirectives, file: file, used: used, configuration: configuration, checkedRules: checkedRules)
                    .filter { checkedRules.contains($0.rule) }
                    .compactMap(configuration.resolve)
            }
        }
        return Result(kept: kept, suppressed: suppressed, usedConfigSuppressions: usedConfig)
    }

    /// `suppress:` entries of the config that silenced nothing in the whole run.
    /// Only entries whose pattern matches a checked file count: linting one
    /// script must not call the suppressions meant for an export unused.
    public static func unusedConfigSuppressions(
        _ configuration: LintConfiguration, used: Set<Int>, checkedRules: Set<RuleID>, checkedFiles: [SourceID]
    ) -> [Diagnostic] {
        guard let file = configuration.file, checkedRules.contains(UnusedSuppressionRule.description.id) else { return [] }
        let paths = checkedFiles.map(configuration.relativePath)
        return configuration.suppress.enumerated().compactMap { index, entry in
            guard !used.contains(index), checkedRules.contains(entry.rule), paths.contains(where: entry.file.matches) else { return nil }
            return UnusedSuppressionRule().finding(
                "the suppression of \(entry.rule) at \(entry.pointer.string.isEmpty ? "the document root" : entry.pointer.string) in \(entry.file) suppresses nothing; remove it",
                file: file, range: entry.range)
        }.compactMap(configuration.resolve)
    }

    struct DirectiveUse: Hashable {
        var directive: SuppressionDirective
        var rule: RuleID
    }

    /// The directive that covers a finding: on the line above it, in a
    /// disable…enable range around it, or for the whole file.
    static func inlineSuppression(of d: Diagnostic, among directives: [SuppressionDirective]) -> SuppressionDirective? {
        var open: SuppressionDirective?
        for directive in directives where directive.rules.contains(d.rule) {
            switch directive.kind {
            case .file: return directive
            case .nextLine where directive.range.end.line + 1 == d.range.start.line: return directive
            case .nextLine: continue
            case .disable where directive.range.end.offset <= d.range.start.offset: open = directive
            case .enable where directive.range.start.offset <= d.range.start.offset: open = nil
            case .disable, .enable: continue
            }
        }
        return open
    }

    /// The first config suppression naming the finding's rule, a pattern
    /// matching its file, and a node that holds the finding's start.
    static func configSuppression(of d: Diagnostic, in document: LoadedDocument?, configuration: LintConfiguration) -> Int? {
        guard !configuration.suppress.isEmpty, let document, let root = document.syntax.root else { return nil }
        let candidates = configuration.suppress.indices.filter { configuration.suppress[$0].rule == d.rule }
        guard !candidates.isEmpty else { return nil }
        let path = configuration.relativePath(d.file)
        let location = JSONPointer.locate(offset: d.range.start.offset, in: root, file: document.source)
        return candidates.first { index in
            let entry = configuration.suppress[index]
            return entry.file.matches(path) && entry.pointer.contains(location)
        }
    }

    /// Findings for directives that suppressed nothing or name no or unknown rules
    /// (`unused-suppression`), and for those that give no reason (`suppression-without-reason`).
    static func unusedDirectives(
        _ directives: [SuppressionDirective], file: SourceID, used: Set<DirectiveUse>, configuration: LintConfiguration, checkedRules: Set<RuleID>
    ) -> [Diagnostic] {
        let rule = UnusedSuppressionRule()
        var findings: [Diagnostic] = []
        var disabled = Set<RuleID>()
        for directive in directives {
            if directive.rules.isEmpty {
                findings.append(rule.finding("\"\(directive.kind.rawValue)\" names no rule; name the rule IDs it is for", file: file, range: directive.range))
                continue
            }
            if directive.kind != .enable, directive.reason == nil {
                findings.append(SuppressionWithoutReasonRule().finding(
                    "the suppression gives no reason; add \"-- why\" after the rule IDs (\": why\" in XML) so reviewers know it is deliberate",
                    file: file, range: directive.range))
            }
            for id in directive.rules {
                guard RuleCatalog.description(of: id) != nil else {
                    findings.append(rule.finding("unknown rule \"\(id)\" in \"\(directive.kind.rawValue)\"\(DidYouMeanRuleID.hint(id))", file: file, range: directive.range))
                    continue
                }
                switch directive.kind {
                case .disable: disabled.insert(id)
                case .enable:
                    if disabled.remove(id) == nil {
                        findings.append(rule.finding("\"cxlint-enable \(id)\" has no \"cxlint-disable \(id)\" before it; remove it", file: file, range: directive.range))
                    }
                    continue
                case .nextLine, .file: break
                }
                let couldReport = checkedRules.contains(id) && configuration.setting(for: id, in: file) != .off
                if couldReport, !used.contains(DirectiveUse(directive: directive, rule: id)) {
                    findings.append(rule.finding("\"\(directive.kind.rawValue) \(id)\" suppresses nothing; remove it", file: file, range: directive.range))
                }
            }
        }
        return findings
    }
}
