import CXLintDriver
import CXLintRules
import CXLintSyntax

/// SARIF 2.1.0 that GitHub code scanning accepts as it is: every rule in the
/// driver with descriptions, help and default level, relative URIs against
/// `%SRCROOT%`, regions in Unicode code points and never below 1, no empty
/// strings, and partial fingerprints that survive lines moving (rule, file
/// and a hash of the offending text, never the text: it may be a secret).
public struct SARIFReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let rules = RuleCatalog.all.map { $0.description }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let run = Run(
            tool: Tool(driver: Driver(
                name: "cxlint", version: CXLintVersion.current, semanticVersion: CXLintVersion.current,
                informationUri: report.docsURL,
                rules: rules.map { Self.rule($0, docsURL: report.docsURL) })),
            originalUriBaseIds: ["%SRCROOT%": ArtifactLocation(uri: "./", uriBaseId: nil)],
            results: zip(report.diagnostics, FindingIdentity.identities(of: report)).map {
                result($0, identity: $1, ruleIndex: ruleIndex[$0.rule], in: report)
            } + dismissed(report, ruleIndex: ruleIndex),
            columnKind: "unicodeCodePoints")
        return encodeJSON(Log(runs: [run]))
    }

    static func rule(_ description: RuleDescription, docsURL: String? = nil) -> ReportingDescriptor {
        let link = description.helpURI(base: docsURL)
        return ReportingDescriptor(
            id: description.id.rawValue, name: description.id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
            shortDescription: Message(text: description.summary),
            fullDescription: Message(text: description.rationale),
            help: Help(text: description.rationale + (link.map { "\n\nSee \($0)" } ?? ""),
                       markdown: description.rationale + (link.map { "\n\n[Rule reference and examples](\($0))" } ?? "")),
            helpUri: link,
            defaultConfiguration: Configuration(level: level(description.severity)),
            properties: RuleProperties(tags: ["cxlint", description.scope.rawValue], precision: "very-high"))
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    func result(_ d: Diagnostic, identity: FindingIdentity, ruleIndex: Int?, in report: LintReport) -> Result {
        let physical = { (file: SourceID, range: SourceRange) in Self.physical(report.shown(file), range) }
        return Result(
            ruleId: d.rule.rawValue, ruleIndex: ruleIndex, level: Self.level(d.severity), message: Message(text: Self.nonEmpty(d.message, or: d.rule.rawValue)),
            locations: [Location(physicalLocation: physical(d.file, d.range), message: nil)],
            relatedLocations: d.related.isEmpty ? nil : d.related.enumerated().map { index, related in
                RelatedLocationSARIF(
                    id: index, physicalLocation: physical(related.file, related.range),
                    message: related.message.isEmpty ? nil : Message(text: related.message))
            },
            codeFlows: d.path.isEmpty ? nil : [Self.codeFlow(d.path, physical: physical)],
            partialFingerprints: Self.partialFingerprints(identity))
    }

    /// Suppressed and baselined findings, with `suppressions`: code scanning shows them as
    /// dismissed (with the reason), not as vanished.
    func dismissed(_ report: LintReport, ruleIndex: [RuleID: Int]) -> [Result] {
        let findings = report.suppressed.map(\.diagnostic) + report.baselined
        let reasons = report.suppressed.map { Suppression(kind: $0.kind.rawValue, justification: $0.reason) }
            + report.baselined.map { _ in Suppression(kind: "external", justification: "recorded in the baseline") }
        var dismissed = report
        dismissed.diagnostics = findings
        let identities = FindingIdentity.identities(of: dismissed)
        return zip(findings, zip(identities, reasons)).map { d, pair in
            var result = result(d, identity: pair.0, ruleIndex: ruleIndex[d.rule], in: report)
            result.suppressions = [pair.1]
            return result
        }
    }

    /// A path finding's steps as one thread flow, which code scanning shows as clickable steps.
    static func codeFlow(_ path: [PathStep], physical: (SourceID, SourceRange) -> PhysicalLocation) -> CodeFlow {
        CodeFlow(threadFlows: [ThreadFlow(locations: path.enumerated().map { index, step in
            ThreadFlowLocation(
                location: Location(physicalLocation: physical(step.file, step.range), message: Message(text: Self.nonEmpty(step.message, or: step.actionType))),
                executionOrder: index + 1)
        })])
    }

    /// GitHub's own key (`hash:occurrence`, as its upload action computes it)
    /// and cxlint's versioned one; both are content hashes, not line numbers.
    static func partialFingerprints(_ identity: FindingIdentity) -> [String: String] {
        let lineHash = SHA256.hex(identity.key).prefix(16)
        return [
            "primaryLocationLineHash": "\(lineHash):\(identity.occurrence + 1)",
            "cxlintFingerprint/v2": identity.fingerprint,
        ]
    }

    /// GitHub rejects empty strings anywhere in the log.
    static func nonEmpty(_ text: String, or fallback: String) -> String {
        text.isEmpty ? fallback : text
    }

    /// `file` as the report shows it: relative to `%SRCROOT%`, or absolute outside it.
    static func physical(_ file: String, _ range: SourceRange) -> PhysicalLocation {
        PhysicalLocation(
            artifactLocation: ArtifactLocation(uri: Self.uri(file.isEmpty ? "." : file), uriBaseId: file.hasPrefix("/") ? nil : "%SRCROOT%"),
            region: Region(
                startLine: max(1, range.start.line), startColumn: max(1, range.start.column),
                endLine: max(1, range.end.line), endColumn: max(1, range.end.column)))
    }

    /// A path as a URI reference: percent-encode what RFC 3986 does not allow in a path.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-._~/!$&'()*+,;=:@".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    struct Log: Encodable {
        let version = "2.1.0"
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version
            case schema = "$schema"
            case runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: ArtifactLocation]
        var results: [Result]
        var columnKind: String
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String?
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Help
        var helpUri: String?
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        var precision: String
    }

    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [RelatedLocationSARIF]?
        var codeFlows: [CodeFlow]?
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
    }

    struct Suppression: Encodable {
        /// `inSource` (a comment in the file) or `external` (`.cxlint.yml`, the baseline).
        var kind: String
        var justification: String?
    }

    struct CodeFlow: Encodable { var threadFlows: [ThreadFlow] }
    struct ThreadFlow: Encodable { var locations: [ThreadFlowLocation] }

    struct ThreadFlowLocation: Encodable {
        var location: Location
        var executionOrder: Int
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct RelatedLocationSARIF: Encodable {
        var id: Int
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }
}
