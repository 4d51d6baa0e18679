import CXLintRules
import CXLintSyntax

/// cxlint's findings, fixes and rule docs in LSP's shapes.
public struct LSPConversion: Sendable {
    public var encoding: PositionEncoding
    /// The text each file was linted at.
    public var sources: [String: SourceFile]
    /// The URI the client uses for a path (its own spelling for open buffers).
    public var uriForPath: @Sendable (String) -> String
    /// The `docs_url` of the `.cxlint.yml` a file was linted with: rule links point there, or nowhere.
    public var docsURL: @Sendable (String) -> String? = { _ in nil }

    public init(encoding: PositionEncoding, sources: [String: SourceFile], uriForPath: @escaping @Sendable (String) -> String,
                docsURL: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.encoding = encoding
        self.sources = sources
        self.uriForPath = uriForPath
        self.docsURL = docsURL
    }

    /// The editor never shows an archive's member: no positions in one.
    func converter(_ file: SourceID) -> PositionConverter? {
        guard !file.isArchiveMember else { return nil }
        return sources[file.path].map { PositionConverter($0, encoding: encoding) }
    }

    func range(_ range: SourceRange, in file: SourceID) -> LSPRange {
        converter(file)?.range(range) ?? LSPRange(start: LSPPosition(line: 0, character: 0), end: LSPPosition(line: 0, character: 0))
    }

    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }

    /// A Diagnostic as LSP publishes it. The message is the finding's own, which never holds a
    /// credential (PlaintextSecretRule keeps only a literal's length), so nothing secret goes out.
    public func diagnostic(_ d: Diagnostic) -> JSONValue {
        var json: [String: JSONValue] = [
            "range": range(d.range, in: d.file).json,
            "severity": .int(Self.severity(d.severity)),
            "code": .string(d.rule.rawValue),
            "source": "cxlint",
            "message": .string(d.message),
        ]
        if let link = RuleDescription.helpURI(for: d.rule, base: docsURL(d.file.path)) {
            json["codeDescription"] = ["href": .string(link)]
        }
        // Then the path, one entry per action, so an editor lists the steps in order.
        let related = d.related.map { ($0.file, $0.range, $0.message) }
            + d.path.enumerated().map { ($1.file, $1.range, "step \($0 + 1) of \(d.path.count): \($1.message)") }
        if !related.isEmpty {
            json["relatedInformation"] = .array(related.map { file, sourceRange, message in
                ["location": ["uri": .string(uriForPath(file.path)), "range": range(sourceRange, in: file).json],
                 "message": .string(message)]
            })
        }
        return .object(json)
    }

    /// One quick fix per offered fix; the first is the preferred one (the one `--fix` applies).
    public func codeActions(for d: Diagnostic) -> [JSONValue] {
        d.fixes.enumerated().map { index, fix in
            var changes: [String: [JSONValue]] = [:]
            for edit in fix.edits {
                changes[uriForPath(edit.file.path), default: []].append(["range": range(edit.range, in: edit.file).json, "newText": .string(edit.replacement)])
            }
            return [
                "title": .string(fix.title),
                "kind": "quickfix",
                "diagnostics": [diagnostic(d)],
                "isPreferred": .bool(index == 0),
                "edit": ["changes": .object(changes.mapValues { .array($0) })],
            ]
        }
    }

    /// Hover text for the findings under the cursor: what the rule finds and why it matters.
    public static func hoverMarkdown(_ findings: [Diagnostic], docsURL: String? = nil) -> String {
        var seen = Set<RuleID>()
        let sections = findings.compactMap { d -> String? in
            guard seen.insert(d.rule).inserted else { return nil }
            guard let description = RuleCatalog.description(of: d.rule) else { return "**\(d.rule)**: \(d.message)" }
            return """
                **\(description.id)** (\(description.severity.rawValue))

                \(description.summary)

                \(description.rationale)
                """ + (description.helpURI(base: docsURL).map { "\n\n[Rule documentation](\($0))" } ?? "")
        }
        return sections.joined(separator: "\n\n---\n\n")
    }
}
