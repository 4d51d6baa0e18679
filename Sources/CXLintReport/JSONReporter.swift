import CXLintDriver
import CXLintSyntax
import Foundation

/// Machine-readable findings (Schemas/cxlint-report.schema.json).
public struct JSONReporter: Reporter {
    public init() {}

    public struct Document: Codable, Sendable {
        public var version: Int
        public var tool: Tool
        public var summary: Summary
        public var findings: [Finding]
    }

    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
    }

    public struct Summary: Codable, Sendable {
        public var files: Int
        public var bundles: Int
        public var errors: Int
        public var warnings: Int
        public var notes: Int
    }

    public struct Location: Codable, Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var message: String?
    }

    public struct Finding: Codable, Sendable {
        public var rule: String
        public var severity: String
        public var message: String
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var related: [Location]
        public var fixes: [FixOut]
        /// A path finding's actions, entry first; absent on other findings.
        public var path: [Step]?
    }

    /// A fix: byte-exact edits, each in a file named as findings are.
    public struct FixOut: Codable, Sendable, Hashable {
        public var title: String
        public var edits: [Edit]
    }

    public struct Edit: Codable, Sendable, Hashable {
        public var file: String
        public var range: SourceRange
        public var replacement: String
    }

    /// One action on a finding's path.
    public struct Step: Codable, Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var actionId: Int
        public var action: String
        public var caption: String?
        /// The branch taken out of the action: "" for the default one, absent on the last step.
        public var branch: String?
        public var message: String

        public init(_ step: PathStep, shown: (SourceID) -> String) {
            file = shown(step.file)
            line = step.range.start.line
            column = step.range.start.column
            endLine = step.range.end.line
            endColumn = step.range.end.column
            actionId = step.actionID
            action = step.actionType
            caption = step.caption
            branch = step.branch
            message = step.message
        }
    }

    /// `shown` names files (`LintReport.shown`).
    public static func finding(_ d: Diagnostic, shown: (SourceID) -> String) -> Finding {
        Finding(
            rule: d.rule.rawValue, severity: d.severity.rawValue, message: d.message, file: shown(d.file),
            line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column,
            related: d.related.map {
                Location(file: shown($0.file), line: $0.range.start.line, column: $0.range.start.column,
                         endLine: $0.range.end.line, endColumn: $0.range.end.column, message: $0.message)
            },
            fixes: d.fixes.map { fix in
                FixOut(title: fix.title, edits: fix.edits.map { Edit(file: shown($0.file), range: $0.range, replacement: $0.replacement) })
            },
            path: d.path.isEmpty ? nil : d.path.map { Step($0, shown: shown) })
    }

    public func document(_ report: LintReport) -> Document {
        Document(
            version: 1, tool: Tool(name: "cxlint", version: CXLintVersion.current),
            summary: Summary(files: report.filesChecked, bundles: report.bundlesChecked, errors: report.count(.error),
                             warnings: report.count(.warning), notes: report.count(.note)),
            findings: report.diagnostics.map { Self.finding($0, shown: report.shown) })
    }

    public func render(_ report: LintReport) -> String {
        encodeJSON(document(report))
    }
}
