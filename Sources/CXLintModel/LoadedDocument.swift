import CXLintSyntax

/// What a file turned out to be, detected by content.
public enum DocumentModel: Sendable {
    case config(IntegrationConfig)
    case assistant(AssistantExport)
    case script(StudioScript)
    /// Parsed, but none of the formats cxlint reads.
    case unknown
    /// Did not parse; `looksLikeInput` says whether its text names cxlint's formats.
    case unparsed(looksLikeInput: Bool)
}

public struct LoadedDocument: Sendable {
    public var source: SourceFile
    public var syntax: ParseResult
    public var model: DocumentModel
    /// Syntax and loading findings.
    public var diagnostics: [Diagnostic]
    /// Ranges that hold credentials: reporters never print their text.
    public var sensitiveRanges: [SourceRange]

    public var id: SourceID { source.id }

    public var config: IntegrationConfig? {
        if case .config(let c) = model { return c }
        return nil
    }

    public var assistant: AssistantExport? {
        if case .assistant(let a) = model { return a }
        return nil
    }

    public var script: StudioScript? {
        if case .script(let s) = model { return s }
        return nil
    }

    /// Whether the file is one of cxlint's inputs (or a broken file that looks like one).
    public var isRecognized: Bool {
        switch model {
        case .config, .assistant, .script: true
        case .unparsed(let looksLikeInput): looksLikeInput
        case .unknown: false
        }
    }

    public var kindDescription: String {
        switch model {
        case .config: "a phone integration config"
        case .assistant(let a): "an \(a.kind.rawValue)"
        case .script(let s): "a \(s.format.rawValue) script"
        case .unknown: "not a file cxlint reads"
        case .unparsed: "a file that does not parse"
        }
    }
}
