import CXLintDriver
import CXLintSyntax

/// GitLab Code Quality (a subset of the Code Climate issue format): the
/// merge request widget and diff show each finding. GitLab needs
/// `description`, `check_name`, `fingerprint` (unique, stable across runs),
/// `severity` and `location.path` with `location.lines.begin`.
public struct GitLabReporter: Reporter {
    public init() {}

    public struct Issue: Codable, Sendable {
        public var type = "issue"
        public var description: String
        public var check_name: String
        public var fingerprint: String
        public var severity: String
        public var categories: [String]
        public var location: Location
    }

    public struct Location: Codable, Sendable {
        public var path: String
        public var lines: Lines
    }

    public struct Lines: Codable, Sendable {
        public var begin: Int
        public var end: Int
    }

    public func render(_ report: LintReport) -> String {
        let identities = FindingIdentity.identities(of: report)
        let issues = zip(report.diagnostics, identities).map { d, identity in
            Issue(
                description: d.message, check_name: d.rule.rawValue, fingerprint: identity.fingerprint,
                severity: Self.severity(d.severity), categories: ["Bug Risk"],
                location: Location(path: report.shown(d.file), lines: Lines(begin: max(1, d.range.start.line), end: max(1, d.range.end.line))))
        }
        return encodeJSON(issues)
    }

    /// Code Climate's levels; a phone line that drops callers is a major bug.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .note: "info"
        }
    }
}
