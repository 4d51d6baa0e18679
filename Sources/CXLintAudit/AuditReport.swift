import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintSyntax

/// The record an audit keeps (Schemas/cxlint-audit.schema.json): per bundle
/// its findings, never the documents, so a fleet of any size fits in memory
/// and every report format can be rendered again from this alone (which is
/// what makes `audit merge` produce the same reports as an unsharded run).
public struct AuditReport: Codable, Sendable, Equatable {
    public static let formatVersion = 1

    public var version: Int
    public var tool: Tool
    /// Free text naming this audit (a date, a commit), shown on the trend.
    public var label: String?
    /// The roots as given on the command line.
    public var roots: [String]
    /// Set on the report of one shard; absent on a whole (or merged) audit.
    public var shard: Shard?
    public var summary: AuditSummary
    public var rules: [RuleCount]
    public var comparison: AuditComparison?
    /// Sorted by `id`.
    public var bundles: [AuditBundle]
    /// Scripts found under the roots that are not part of a phone integration (menus, chat, …),
    /// with why: neither failing nor clean, and not counted as bundles. Absent when there are none.
    public var skipped: [SkippedFile]? = nil

    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }
}

/// `--shard I/N`: 1-based index and count.
public struct Shard: Codable, Sendable, Hashable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 1 ≤ I ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether a bundle belongs to this shard: by a stable hash of its ID, so
    /// every machine of a CI matrix agrees without talking to the others.
    public func contains(_ bundleID: String) -> Bool {
        Int(StableHash.fnv1a(bundleID) % UInt64(count)) == index - 1
    }
}

/// Every bundle is counted under exactly one status, so failing + warning +
/// note + unconfigured + clean = bundles: the cards, the chart, the Markdown
/// table and the command's last line all show these same numbers.
public struct AuditSummary: Codable, Sendable, Equatable {
    public var bundles: Int
    /// Bundles with at least one error: these lines will drop callers or lose context.
    public var failing: Int
    /// Bundles whose worst finding is a warning.
    public var warning: Int
    /// Bundles whose worst finding is a note.
    public var note: Int
    /// Studio scripts and exports no config claims, without an error: only
    /// checked alone, never against a phone line, so not called clean.
    public var unconfigured: Int
    /// Configs (with their parts) without any finding.
    public var clean: Int
    /// Files read, counted per bundle.
    public var files: Int
    public var findings: Int
    public var errors: Int
    public var warnings: Int
    public var notes: Int
}

extension AuditSummary {
    /// Reports written before `note` and `unconfigured` existed (counted then
    /// under `warning` and `clean`) still load for `--compare` and `merge`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bundles = try c.decode(Int.self, forKey: .bundles)
        failing = try c.decode(Int.self, forKey: .failing)
        warning = try c.decode(Int.self, forKey: .warning)
        note = try c.decodeIfPresent(Int.self, forKey: .note) ?? 0
        unconfigured = try c.decodeIfPresent(Int.self, forKey: .unconfigured) ?? 0
        clean = try c.decode(Int.self, forKey: .clean)
        files = try c.decode(Int.self, forKey: .files)
        findings = try c.decode(Int.self, forKey: .findings)
        errors = try c.decode(Int.self, forKey: .errors)
        warnings = try c.decode(Int.self, forKey: .warnings)
        notes = try c.decode(Int.self, forKey: .notes)
    }

    /// The count of bundles with a status.
    public subscript(status: AuditBundle.Status) -> Int {
        get {
            switch status {
            case .failing: failing
            case .warning: warning
            case .note: note
            case .unconfigured: unconfigured
            case .clean: clean
            }
        }
        set {
            switch status {
            case .failing: failing = newValue
            case .warning: warning = newValue
            case .note: note = newValue
            case .unconfigured: unconfigured = newValue
            case .clean: clean = newValue
            }
        }
    }

    /// `31 bundles: 20 failing, 3 warnings only, 1 notes only, 2 no config, 5 clean`, the statuses worst first.
    public var statusLine: String {
        "\(bundles) bundle\(bundles == 1 ? "" : "s"): " + AuditBundle.Status.allCases.map { "\(self[$0]) \($0.label)" }.joined(separator: ", ")
    }
}

/// How often a rule fired, and in how many bundles: what to fix first.
public struct RuleCount: Codable, Sendable, Equatable {
    public var rule: String
    public var errors: Int
    public var warnings: Int
    public var notes: Int
    public var findings: Int
    public var bundles: Int

    /// The most serious severity the rule was reported at.
    public var worst: Severity {
        errors > 0 ? .error : warnings > 0 ? .warning : .note
    }
}

public struct AuditBundle: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// An integration config with its parts.
        case config
        /// A recognised file that belongs to no config.
        case file
        /// A file or folder that could not be read.
        case unreadable
        /// A `.cxlint.yml` with problems, or with suppressions that silence nothing.
        case settings
    }

    /// Worst first: the order of the status column, the charts and the cards.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case failing, warning, note, unconfigured, clean

        /// How a person reads it: "warnings only", "no config".
        public var label: String {
            switch self {
            case .failing: "failing"
            case .warning: "warnings only"
            case .note: "notes only"
            case .unconfigured: "no config"
            case .clean: "clean"
            }
        }
    }

    /// The config's path, or the file's own path: unique in a report, and what
    /// `--compare` and `--shard` key on.
    public var id: String
    /// The folder the bundle was found in.
    public var path: String
    public var kind: Kind
    public var files: Int
    public var status: Status
    public var errors: Int
    public var warnings: Int
    public var notes: Int
    /// In reporting order: file, position, rule.
    public var findings: [AuditFinding]
    /// With `--compare`: findings of the previous audit that are gone.
    public var fixed: [AuditFinding]?
    /// With `--compare`.
    public var changes: ChangeCounts?
    /// The Studio canvas of each script with a path finding, so the HTML
    /// report can draw the path from this record alone; nil when there is none.
    public var canvases: [ScriptCanvas]?

    public init(id: String, path: String, kind: Kind, files: Int, findings: [AuditFinding], canvases: [ScriptCanvas]? = nil) {
        self.id = id
        self.path = path
        self.kind = kind
        self.files = files
        self.findings = findings
        self.canvases = canvases
        self.errors = 0
        self.warnings = 0
        self.notes = 0
        self.status = .clean
        recount()
    }

    /// Keeps the stored counts (which JSON consumers read) in step with the findings.
    public mutating func recount() {
        errors = findings.count { $0.severity == .error }
        warnings = findings.count { $0.severity == .warning }
        notes = findings.count { $0.severity == .note }
        status = Self.status(kind: kind, errors: errors, warnings: warnings, notes: notes)
    }

    /// An error fails any bundle; a file no config claims is otherwise its own
    /// kind, since its cross-file checks never ran; the rest by worst finding.
    static func status(kind: Kind, errors: Int, warnings: Int, notes: Int) -> Status {
        if errors > 0 { return .failing }
        if kind == .file { return .unconfigured }
        return warnings > 0 ? .warning : notes > 0 ? .note : .clean
    }

    /// The most serious severity found, nil when clean.
    public var worst: Severity? {
        errors > 0 ? .error : warnings > 0 ? .warning : notes > 0 ? .note : nil
    }
}

public struct ChangeCounts: Codable, Sendable, Equatable {
    public var new: Int
    public var fixed: Int
    public var unchanged: Int

    public static let zero = ChangeCounts(new: 0, fixed: 0, unchanged: 0)

    public static func + (a: ChangeCounts, b: ChangeCounts) -> ChangeCounts {
        ChangeCounts(new: a.new + b.new, fixed: a.fixed + b.fixed, unchanged: a.unchanged + b.unchanged)
    }
}

/// One finding. The first eight keys are those of `check --format json`.
public struct AuditFinding: Codable, Sendable, Hashable {
    public enum Change: String, Codable, Sendable {
        case new, unchanged, fixed
    }

    public var rule: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// `FindingIdentity.fingerprint`, as in baselines and SARIF: rule, file,
    /// a hash of the offending text and which repeat it is. Matches a finding
    /// across audits even when lines move, without storing the text itself.
    public var fingerprint: String
    /// The source line, credentials masked; nil when there is none.
    public var excerpt: Excerpt?
    /// With `--compare`.
    public var change: Change?
    /// A path finding's actions, entry first, as `check --format json` gives them.
    public var path: [JSONReporter.Step]?

    public init(rule: String, severity: Severity, message: String, file: String, line: Int, column: Int,
                endLine: Int, endColumn: Int, fingerprint: String, excerpt: Excerpt? = nil, change: Change? = nil,
                path: [JSONReporter.Step]? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.fingerprint = fingerprint
        self.excerpt = excerpt
        self.change = change
        self.path = path
    }
}

/// A line of source around a finding. Long lines (minified JSON) are cut to
/// a window around the finding, marked with `…`.
public struct Excerpt: Codable, Sendable, Hashable {
    public var text: String
    /// 1-based column in `text` (Unicode scalars) where the finding starts.
    public var column: Int
    /// Scalars to underline, at least 1.
    public var width: Int
}

public struct AuditComparison: Codable, Sendable, Equatable {
    /// Totals of the audit compared against.
    public var previous: TrendPoint
    public var new: Int
    public var fixed: Int
    public var unchanged: Int
    /// Bundles of the previous audit that are gone; all their findings count as fixed.
    public var removedBundles: [RemovedBundle]
    /// Earlier audits, oldest first, ending with `previous`; the current audit is not included.
    public var trend: [TrendPoint]
}

public struct RemovedBundle: Codable, Sendable, Equatable {
    public var id: String
    public var path: String
    public var fixed: [AuditFinding]
}

public struct TrendPoint: Codable, Sendable, Equatable {
    public var label: String?
    public var bundles: Int
    public var failing: Int
    public var errors: Int
    public var warnings: Int
    public var notes: Int
}

extension AuditReport {
    /// Builds a report from its bundles. Everything else (summary, rule
    /// counts, comparison totals, order) is derived here and only here, so an
    /// unsharded run and a merge of shards give identical reports.
    public static func assemble(
        roots: [String], label: String?, shard: Shard?, bundles: [AuditBundle],
        removedBundles: [RemovedBundle]? = nil, trend: [TrendPoint]? = nil, skipped: [SkippedFile] = []
    ) -> AuditReport {
        let sorted = bundles.sorted { $0.id < $1.id }
        let summary = summarize(sorted)
        var comparison: AuditComparison?
        if let trend, let previous = trend.last {
            let removed = (removedBundles ?? []).sorted { $0.id < $1.id }
            let counts = sorted.reduce(ChangeCounts.zero) { $0 + ($1.changes ?? .zero) }
            comparison = AuditComparison(
                previous: previous, new: counts.new, fixed: counts.fixed + removed.reduce(0) { $0 + $1.fixed.count },
                unchanged: counts.unchanged, removedBundles: removed, trend: trend)
        }
        return AuditReport(
            version: formatVersion, tool: Tool(name: "cxlint", version: CXLintVersion.current), label: label,
            roots: roots, shard: shard, summary: summary, rules: ruleCounts(sorted), comparison: comparison, bundles: sorted,
            skipped: skipped.isEmpty ? nil : Array(Set(skipped)).sorted { $0.path < $1.path })
    }

    static func summarize(_ bundles: [AuditBundle]) -> AuditSummary {
        var s = AuditSummary(bundles: bundles.count, failing: 0, warning: 0, note: 0, unconfigured: 0, clean: 0,
                             files: 0, findings: 0, errors: 0, warnings: 0, notes: 0)
        for b in bundles {
            s[b.status] += 1
            s.files += b.files
            s.findings += b.findings.count
            s.errors += b.errors
            s.warnings += b.warnings
            s.notes += b.notes
        }
        return s
    }

    /// Rules by what to fix first: worst severity, then most findings, then most
    /// bundles. The Markdown table and the HTML chart both keep this order.
    static func ruleCounts(_ bundles: [AuditBundle]) -> [RuleCount] {
        var counts: [String: RuleCount] = [:]
        for bundle in bundles {
            var seen = Set<String>()
            for f in bundle.findings {
                var c = counts[f.rule] ?? RuleCount(rule: f.rule, errors: 0, warnings: 0, notes: 0, findings: 0, bundles: 0)
                switch f.severity {
                case .error: c.errors += 1
                case .warning: c.warnings += 1
                case .note: c.notes += 1
                }
                c.findings += 1
                if seen.insert(f.rule).inserted { c.bundles += 1 }
                counts[f.rule] = c
            }
        }
        return counts.values.sorted {
            ($1.worst, $1.findings, $1.bundles, $0.rule) < ($0.worst, $0.findings, $0.bundles, $1.rule)
        }
    }

    /// This audit's totals, as a point on the next audit's trend.
    public var trendPoint: TrendPoint {
        TrendPoint(label: label, bundles: summary.bundles, failing: summary.failing, errors: summary.errors,
                   warnings: summary.warnings, notes: summary.notes)
    }
}

/// A script found under the roots that is no part of a phone integration, named as findings are, with why.
public struct SkippedFile: Codable, Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
