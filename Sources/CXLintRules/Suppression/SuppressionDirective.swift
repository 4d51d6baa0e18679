import CXLintSyntax

/// An inline suppression comment:
/// `cxlint-disable-next-line RULE[, RULE…] -- reason`, `cxlint-disable RULE -- reason`
/// … `cxlint-enable RULE`, `cxlint-disable-file RULE -- reason`; after `#` in
/// YAML, inside `<!-- -->` in XML.
public struct SuppressionDirective: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case nextLine = "cxlint-disable-next-line"
        case file = "cxlint-disable-file"
        case disable = "cxlint-disable"
        case enable = "cxlint-enable"
    }

    public var kind: Kind
    public var rules: [RuleID]
    public var reason: String?
    /// The comment's range.
    public var range: SourceRange

    /// The directive in a comment, or nil when the comment is not one. Longer
    /// keywords are tried first: `cxlint-disable` is a prefix of the others.
    public static func parse(_ comment: Comment) -> SuppressionDirective? {
        let text = comment.text.trimmingSpaces()
        for kind in [Kind.nextLine, .file, .disable, .enable] {
            guard text.hasPrefix(kind.rawValue) else { continue }
            let rest = text.dropFirst(kind.rawValue.count)
            guard rest.isEmpty || rest.first!.isWhitespace else { return nil }
            let (ruleText, reason) = splitReason(String(rest))
            let rules = ruleText.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { RuleID(String($0)) }
            return SuppressionDirective(kind: kind, rules: rules, reason: reason, range: comment.range)
        }
        return nil
    }

    /// `RULES -- reason`: the reason is everything after the first `--`. XML
    /// forbids `--` inside a comment, so `RULES: reason` is accepted too.
    static func splitReason(_ text: String) -> (rules: String, reason: String?) {
        guard let separator = text.range(of: "--") ?? text.range(of: ":") else { return (text, nil) }
        let reason = String(text[separator.upperBound...]).trimmingSpaces()
        return (String(text[..<separator.lowerBound]), reason.isEmpty ? nil : reason)
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
