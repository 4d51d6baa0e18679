import CXLintSyntax

/// Reads bytes into a document: picks the reader by the first significant
/// byte, parses once, and detects what the tree is by its content.
public enum DocumentLoader {
    public enum Syntax: Sendable {
        case json, yaml, xml, zip
    }

    public static func syntax(of bytes: [UInt8]) -> Syntax {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        guard i < bytes.count else { return .yaml }
        switch bytes[i] {
        case UInt8(ascii: "<"): return .xml
        // `//` and `/*` comments only start JSON-with-comments; YAML comments start with `#`.
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "/"): return .json
        default: return .yaml
        }
    }

    /// Loads one file; a zip archive (the assistant UI's download) yields one
    /// document per JSON file inside it.
    public static func load(_ source: SourceFile, maxFileSize: Int = DocumentLoader.defaultMaxFileSize) -> [LoadedDocument] {
        let syntax = syntax(of: source.bytes)
        if syntax == .zip { return ZipExportReader.documents(in: source, maxFileSize: maxFileSize) }
        return [maskingSecrets(document(source, parse(source, syntax: syntax), syntax: syntax))]
    }

    /// Runs the reader for a syntax (a zip archive is read as JSON: it never gets here).
    public static func parse(_ source: SourceFile, syntax: Syntax) -> ParseResult {
        switch syntax {
        case .json, .zip: readJSON(source)
        case .yaml: YAMLReader.parse(source)
        case .xml: XMLReader.parse(source)
        }
    }

    /// An assistant export is kept as a sparse read (`AssistantExportLoader.sparseReading`):
    /// its rules read only its transfers. Anything else is read again whole, so the other
    /// loaders and the checks of misnamed files see every node.
    static func readJSON(_ source: SourceFile) -> ParseResult {
        let sparse = JSONReader.parse(source, sparse: AssistantExportLoader.sparseReading(of: source.bytes))
        // Without a root the file did not parse: both reads stop at the same error.
        guard let root = sparse.root else { return sparse }
        let isExport = AssistantExportLoader.recognizes(root) && !IntegrationConfigLoader.recognizes(root) && !StudioJSONLoader.recognizes(root)
        return isExport ? sparse : JSONReader.parse(source)
    }

    /// Adds what `SecretScanner` finds in the raw bytes to the ranges reporters
    /// never print: it works on files that do not parse, and on secrets pasted
    /// anywhere (an assistant's webhook header, a Studio snippet), not only on
    /// the config's two credential keys.
    static func maskingSecrets(_ document: LoadedDocument) -> LoadedDocument {
        var masked = document
        let known = document.sensitiveRanges
        masked.sensitiveRanges += SecretScanner.sourceRanges(in: document.source).filter { found in !known.contains { $0.contains(found) } }
        return masked
    }

    public static let defaultMaxFileSize = 64 * 1024 * 1024

    /// Builds the model from an already parsed file (public so the benchmark can time this stage alone).
    public static func document(_ source: SourceFile, _ parsed: ParseResult, syntax: Syntax) -> LoadedDocument {
        var loaded = LoadedDocument(source: source, syntax: parsed, model: .unknown, diagnostics: parsed.diagnostics, sensitiveRanges: [])
        guard let root = parsed.root, !parsed.hasErrors else {
            loaded.model = .unparsed(looksLikeInput: looksLikeInput(source.bytes, syntax: syntax, partialRoot: parsed.root))
            return loaded
        }
        let path = source.id
        if IntegrationConfigLoader.recognizes(root) {
            let (config, problems) = IntegrationConfigLoader.load(root, file: path)
            loaded.model = .config(config)
            loaded.diagnostics += problems
            loaded.sensitiveRanges = [config.accessKeyID, config.accessKeySecret].compactMap { $0?.range }
        } else if StudioXMLLoader.recognizes(root) {
            let (script, problems) = StudioXMLLoader.load(root, file: path)
            loaded.model = .script(script)
            loaded.diagnostics += problems
        } else if StudioJSONLoader.recognizes(root) {
            let (script, problems) = StudioJSONLoader.load(root, file: path)
            loaded.model = .script(script)
            loaded.diagnostics += problems
        } else if AssistantExportLoader.recognizes(root) {
            let (export, problems) = AssistantExportLoader.load(root, file: path)
            loaded.model = .assistant(export)
            loaded.diagnostics += problems
        }
        return loaded
    }

    /// A file that could not be read (too large, an archive that does not open):
    /// one `unreadable-file` finding at 1:1, nothing parsed.
    static func unreadable(_ source: SourceFile, _ message: String, looksLikeInput: Bool = true) -> LoadedDocument {
        let diagnostic = Diagnostic(rule: ModelRuleID.unreadableFile, severity: .error, message: message, file: source.id, range: .fileStart)
        return LoadedDocument(
            source: source, syntax: ParseResult(documents: [], diagnostics: []), model: .unparsed(looksLikeInput: looksLikeInput),
            diagnostics: [diagnostic], sensitiveRanges: [])
    }

    /// For a file that does not parse, whether it is meant as one of cxlint's
    /// inputs, so a broken input found in a folder is reported, not skipped.
    /// JSON and XML name their format in their keys and root element; a YAML
    /// config starts with its `phone_integration:` key (Markdown that merely
    /// quotes a config does not).
    static func looksLikeInput(_ bytes: [UInt8], syntax: Syntax, partialRoot: Node?) -> Bool {
        if let partialRoot, IntegrationConfigLoader.recognizes(partialRoot) { return true }
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        switch syntax {
        case .yaml:
            let firstLine = text.split(whereSeparator: \.isNewline).first { line in
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                return !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.hasPrefix("---") && !trimmed.hasPrefix("%")
            }
            return firstLine?.hasPrefix(IntegrationConfigLoader.rootKey) ?? false
        case .json, .xml, .zip:
            let markers = ["phone_integration", "ScriptContainer", "dialog_nodes", "assistant_skills", "\"workspace\"", "scriptContent", "\"actions\""]
            return markers.contains { text.contains($0) }
        }
    }
}
