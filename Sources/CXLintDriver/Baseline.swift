import CXLintSyntax
import Foundation

/// Known findings a team accepts for now (`--write-baseline`, `--baseline`).
/// A finding matches an entry by rule, file and a hash of the text it points
/// at, never by line, so edits above it do not bring it back; repeats of the
/// same text are counted. The text itself is never written: it may be a secret.
/// Format: Schemas/cxlint-baseline.schema.json.
public struct Baseline: Codable, Sendable, Equatable {
    public var version: Int
    public var tool: String
    public var findings: [Entry]

    public struct Entry: Codable, Sendable, Hashable {
        public var rule: RuleID
        /// Relative to the baseline file's folder.
        public var file: String
        /// SHA-256 (hex) of the offending text, whitespace collapsed.
        public var textHash: String
        /// SHA-256 (hex) of the finding's subject: what it matches by. Baselines written
        /// before subjects have none and match by `textHash`.
        public var subjectHash: String?
        /// Which repeat of this rule, file and text (0 for the first).
        public var occurrence: Int
        /// For people reviewing the file; not used for matching.
        public var message: String

        var key: String {
            FindingIdentity(rule: rule, file: file, textHash: textHash, subjectHash: subjectHash, occurrence: occurrence).key
        }
    }

    public init(findings: [Entry]) {
        self.version = 1
        self.tool = "cxlint"
        self.findings = findings
    }

    /// Paths in a baseline are relative to its own folder, so it works from any working directory.
    public struct Paths: Sendable {
        public var baselineDirectory: String

        public init(baselineFile: String, workingDirectory: String) {
            let absolute = baselineFile.hasPrefix("/") ? baselineFile : (workingDirectory as NSString).appendingPathComponent(baselineFile)
            self.baselineDirectory = ((absolute as NSString).standardizingPath as NSString).deletingLastPathComponent
        }

        func stored(_ file: SourceID) -> String {
            file.shown(relativeTo: baselineDirectory)
        }
    }

    /// Every finding of a report, in reporting order.
    public static func make(_ report: LintReport, paths: Paths) -> Baseline {
        let entries = zip(report.diagnostics, FindingIdentity.identities(of: report, naming: paths.stored)).map { d, identity in
            Entry(rule: d.rule, file: identity.file, textHash: identity.textHash, subjectHash: identity.subjectHash,
                  occurrence: identity.occurrence, message: d.message)
        }
        return Baseline(findings: entries)
    }

    public func encoded() -> String {
        encodeJSON(self)
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unreadable(let why): why
            case .invalid(let why): "not a cxlint baseline (\(why)); write one with --write-baseline"
            }
        }
    }

    public static func decode(_ data: Data) throws(LoadError) -> Baseline {
        do {
            let baseline = try JSONDecoder().decode(Baseline.self, from: data)
            guard baseline.version == 1, baseline.tool == "cxlint" else { throw LoadError.invalid("version \(baseline.version) of \(baseline.tool)") }
            return baseline
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError.invalid(String(describing: error).prefix(200).description)
        }
    }

    /// What applying a baseline did.
    public struct Application: Sendable {
        /// The report without the baselined findings (they move to `report.baselined`).
        public var report: LintReport
        /// Entries that matched no finding: fixed, or changed beyond recognition.
        public var stale: [Entry]
    }

    /// Removes the findings the baseline knows: for each rule, file and subject (text,
    /// for entries of older baselines), as many as the baseline counted, first ones first.
    public func apply(to report: LintReport, paths: Paths) -> Application {
        let identities = FindingIdentity.identities(of: report, naming: paths.stored)
        let bySubject = findings.indices.filter { findings[$0].subjectHash != nil }
        let byText = findings.indices.filter { findings[$0].subjectHash == nil }
        let first = CountedMatching.match(identities.map { $0.subjectHash == nil ? nil : $0.key }, against: bySubject.map { findings[$0].key })
        var textIdentities = identities
        for i in textIdentities.indices { textIdentities[i].subjectHash = nil }
        let second = CountedMatching.match(
            textIdentities.indices.map { first.matched[$0] ? nil : textIdentities[$0].key }, against: byText.map { findings[$0].key })
        var result = report
        result.diagnostics = []
        for (index, d) in report.diagnostics.enumerated() {
            if first.matched[index] || second.matched[index] { result.baselined.append(d) } else { result.diagnostics.append(d) }
        }
        let stale = first.left.map { findings[bySubject[$0]] } + second.left.map { findings[byText[$0]] }
        return Application(report: result, stale: stale.sorted { ($0.file, $0.rule, $0.occurrence) < ($1.file, $1.rule, $1.occurrence) })
    }
}
