import CXLintSyntax

/// One phone line: an integration config with the assistant export and the
/// Studio scripts it goes with. A file that belongs to no config is a bundle
/// of its own, without a config.
public struct LintBundle: Sendable {
    /// The folder the bundle was found in (the config's folder), absolute.
    public var root: String
    public var config: LoadedDocument?
    public var assistants: [LoadedDocument]
    public var scripts: [LoadedDocument]
    /// Named or found files that are broken or of no known kind.
    public var others: [LoadedDocument]
    /// Findings about the bundle as a whole (`bundle-incomplete`).
    public var diagnostics: [Diagnostic]

    public init(
        root: String, config: LoadedDocument?, assistants: [LoadedDocument] = [], scripts: [LoadedDocument] = [],
        others: [LoadedDocument] = [], diagnostics: [Diagnostic] = []
    ) {
        self.root = root
        self.config = config
        self.assistants = assistants
        self.scripts = scripts
        self.others = others
        self.diagnostics = diagnostics
    }

    public var documents: [LoadedDocument] {
        (config.map { [$0] } ?? []) + assistants + scripts + others
    }

    public var integration: IntegrationConfig? { config?.config }
    public var assistantExports: [AssistantExport] { assistants.compactMap(\.assistant) }
    public var studioScripts: [StudioScript] { scripts.compactMap(\.script) }

    public func document(_ id: SourceID) -> LoadedDocument? {
        documents.first { $0.id == id }
    }

    /// Adds a document to the part its kind belongs to.
    public mutating func add(_ document: LoadedDocument) {
        switch document.model {
        case .assistant: assistants.append(document)
        case .script: scripts.append(document)
        case .config, .unknown, .unparsed: others.append(document)
        }
    }
}
