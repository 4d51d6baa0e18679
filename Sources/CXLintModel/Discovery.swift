import CXLintSyntax
import Foundation

/// Turns the paths a user names into bundles: folders are walked and every
/// config found forms a bundle; a file named alone joins the bundle of the
/// config above it, so it still gets its cross-file checks.
public struct Discovery: Sendable {
    public var fileSystem: FileSystem
    /// Paths in findings are shown relative to this folder when under it.
    public var workingDirectory: String
    public var maxFileSize: Int

    public init(fileSystem: FileSystem = FileSystem(), workingDirectory: String = FileManager.default.currentDirectoryPath,
                maxFileSize: Int = DocumentLoader.defaultMaxFileSize) {
        self.fileSystem = fileSystem
        self.workingDirectory = Discovery.normalize(workingDirectory, relativeTo: "/")
        self.maxFileSize = maxFileSize
    }

    public struct FoundBundle: Sendable {
        public var bundle: LintBundle
        /// When set, only findings in these files are reported (a file named
        /// alone whose bundle was pulled in for context).
        public var reportedFiles: Set<String>?
    }

    public struct Result: Sendable {
        public var bundles: [FoundBundle]
        /// Paths that do not exist or cannot be read: a usage problem (exit 2).
        public var inputErrors: [String]
    }

    public func discover(_ paths: [String]) -> Result {
        var inputErrors: [String] = []
        var walkedFiles: [String] = []
        var explicitFiles: [String] = []
        for raw in paths {
            let path = Discovery.normalize(raw, relativeTo: workingDirectory)
            switch fileSystem.kind(of: path) {
            case .directory: walkedFiles += fileSystem.walk(path)
            case .file: explicitFiles.append(path)
            case .missing: inputErrors.append("\(raw): no such file or folder")
            case .other: inputErrors.append("\(raw): not a regular file or folder")
            }
        }
        var cache = DocumentCache(discovery: self)
        cache.load(walkedFiles + explicitFiles)
        let explicitSet = Set(explicitFiles)
        for file in explicitFiles where cache.configs(in: [file]).isEmpty {
            cache.loadAncestorConfigs(of: file)
        }

        var bundles: [FoundBundle] = []
        var claimed = Set<String>()
        let walkedSet = Set(walkedFiles)
        let configPaths = cache.configPaths.sorted()
        let configFolders = Set(configPaths.map { ($0 as NSString).deletingLastPathComponent })
        for configPath in configPaths {
            let foundDirectly = walkedSet.contains(configPath) || explicitSet.contains(configPath)
            var (bundle, members) = makeBundle(configPath: configPath, configFolders: configFolders, cache: &cache)
            let reported: Set<String>?
            if foundDirectly {
                reported = nil
            } else {
                let asked = members.intersection(explicitSet)
                if asked.isEmpty { continue }
                reported = Set(asked.flatMap { cache.documents[$0] ?? [] }.map(\.path))
            }
            claimed.formUnion(members)
            bundle.diagnostics += completenessProblems(bundle)
            bundles.append(FoundBundle(bundle: bundle, reportedFiles: reported))
        }
        for path in walkedFiles where !claimed.contains(path) && !explicitSet.contains(path) {
            guard let error = cache.readErrors[path] else { continue }
            // A part that cannot be read cannot be checked; a silent pass would hide it.
            claimed.insert(path)
            let document = DocumentLoader.unreadable(SourceFile(path: display(path), bytes: []), "the file cannot be read (\(error)); it was not checked", looksLikeInput: true)
            bundles.append(FoundBundle(bundle: LintBundle(root: display((path as NSString).deletingLastPathComponent), config: nil, others: [document]), reportedFiles: nil))
        }
        for path in walkedFiles + explicitFiles where !claimed.contains(path) {
            claimed.insert(path)
            for document in cache.documents[path] ?? [] {
                if let bundle = lonelyBundle(document, path: path, explicit: explicitSet.contains(path)) {
                    bundles.append(FoundBundle(bundle: bundle, reportedFiles: nil))
                }
            }
        }
        inputErrors += cache.readErrors.filter { explicitSet.contains($0.key) }.map { "\(display($0.key)): \($0.value)" }.sorted()
        return Result(bundles: bundles, inputErrors: inputErrors)
    }

    /// A config with the parts it names, or the recognised files in its folder
    /// and below (not into a subfolder holding another config).
    func makeBundle(configPath: String, configFolders: Set<String>, cache: inout DocumentCache) -> (LintBundle, Set<String>) {
        let configDocument = cache.documents[configPath]!.first!
        let config = configDocument.config!
        let folder = (configPath as NSString).deletingLastPathComponent
        var bundle = LintBundle(root: display(folder), config: configDocument)
        var members: Set<String> = [configPath]
        if config.namesParts {
            let named = [config.assistantPath].compactMap { $0 }.map { ($0, Part.assistant) } + config.scriptPaths.map { ($0, Part.script) }
            for (reference, part) in named {
                let path = Discovery.normalize(reference.value, relativeTo: folder)
                cache.load([path])
                members.insert(path)
                bundle.diagnostics += namedPartProblems(reference, part: part, path: path, config: config, cache: cache)
                for document in cache.documents[path] ?? [] { bundle.add(document) }
            }
        } else {
            var files = fileSystem.walk(folder)
            // Parse first: a config in a subfolder is only known once its file is read (the
            // config itself may have been named alone, or found above a file named alone).
            cache.load(files)
            let nestedConfigFolders = configFolders.union(cache.configs(in: files).map { ($0 as NSString).deletingLastPathComponent })
            files.removeAll { file in Self.isInNestedBundle(file, below: folder, configFolders: nestedConfigFolders) }
            for file in files where file != configPath {
                for document in cache.documents[file] ?? [] where document.isRecognized && document.config == nil {
                    members.insert(file)
                    bundle.add(document)
                }
            }
        }
        return (bundle, members)
    }

    /// Whether a file sits in a subfolder of `folder` that holds a config of its own:
    /// looks at the file's own ancestors only, so it is linear in path depth.
    static func isInNestedBundle(_ file: String, below folder: String, configFolders: Set<String>) -> Bool {
        var current = (file as NSString).deletingLastPathComponent
        while current.count > folder.count, current.hasPrefix(folder + "/") {
            if configFolders.contains(current) { return true }
            current = (current as NSString).deletingLastPathComponent
        }
        return false
    }

    enum Part {
        case assistant, script
    }

    func namedPartProblems(_ reference: Located<String>, part: Part, path: String, config: IntegrationConfig, cache: DocumentCache) -> [Diagnostic] {
        let role = part == .assistant ? "assistant export" : "Studio script"
        func problem(_ message: String) -> [Diagnostic] {
            [Diagnostic(rule: ModelRuleID.bundleIncomplete, severity: .error, message: message, file: config.file, range: reference.range)]
        }
        if let error = cache.readErrors[path] {
            return problem("the \(role) \"\(reference.value)\" cannot be read: \(error); fix the path relative to this file")
        }
        for document in cache.documents[path] ?? [] {
            switch (part, document.model) {
            case (.assistant, .assistant), (.script, .script), (_, .unparsed): continue
            default: return problem("\"\(reference.value)\" is \(document.kindDescription), not a \(role)")
            }
        }
        return []
    }

    func completenessProblems(_ bundle: LintBundle) -> [Diagnostic] {
        guard let config = bundle.integration else { return [] }
        var problems: [Diagnostic] = []
        func missing(_ what: String, _ key: String) {
            problems.append(Diagnostic(
                rule: ModelRuleID.bundleIncomplete, severity: .warning,
                message: "the bundle has no \(what); name it with \"\(key):\" or put it in this config's folder, so cross-file checks can run",
                file: config.file, range: config.rootKeyRange))
        }
        if bundle.assistants.isEmpty, config.assistantPath == nil { missing("assistant export", "assistant") }
        if bundle.scripts.isEmpty, config.scriptPaths.isEmpty { missing("Studio script", "scripts") }
        return problems
    }

    /// A file outside any bundle: linted on its own when recognised, reported
    /// as `unknown-document` when the user named it, skipped otherwise.
    func lonelyBundle(_ document: LoadedDocument, path: String, explicit: Bool) -> LintBundle? {
        let folder = display((path as NSString).deletingLastPathComponent)
        if document.isRecognized {
            var bundle = LintBundle(root: folder, config: nil)
            bundle.add(document)
            return bundle
        }
        guard explicit else { return nil }
        var bundle = LintBundle(root: folder, config: nil, others: [document])
        if case .unknown = document.model {
            bundle.diagnostics.append(Diagnostic(
                rule: ModelRuleID.unknownDocument, severity: .error,
                message: "not a phone integration config, assistant export or Studio script; cxlint cannot check it",
                file: document.path, range: document.syntax.root?.range ?? .fileStart))
        }
        return bundle
    }

    /// The path shown in findings: relative to the working directory when under it.
    public func display(_ absolute: String) -> String {
        if absolute == workingDirectory { return "." }
        if absolute.hasPrefix(workingDirectory + "/") { return String(absolute.dropFirst(workingDirectory.count + 1)) }
        return absolute
    }

    public static func normalize(_ path: String, relativeTo base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (absolute as NSString).standardizingPath
    }
}

/// Every file is read and parsed once per run, in parallel.
struct DocumentCache {
    let discovery: Discovery
    var documents: [String: [LoadedDocument]] = [:]
    var readErrors: [String: String] = [:]

    init(discovery: Discovery) {
        self.discovery = discovery
    }

    var configPaths: [String] {
        documents.compactMap { path, docs in docs.contains { $0.config != nil } ? path : nil }
    }

    func configs(in paths: [String]) -> [String] {
        paths.filter { documents[$0]?.contains { $0.config != nil } ?? false }
    }

    mutating func load(_ paths: [String]) {
        let fresh = Array(Set(paths.filter { documents[$0] == nil && readErrors[$0] == nil })).sorted()
        let discovery = self.discovery
        let results = fresh.concurrentMap { path -> Result<[LoadedDocument], FileSystem.ReadError> in
            Result { () throws(FileSystem.ReadError) in
                let bytes = try discovery.fileSystem.read(path, maxSize: discovery.maxFileSize)
                return DocumentLoader.load(SourceFile(path: discovery.display(path), bytes: bytes), maxFileSize: discovery.maxFileSize)
            }
        }
        for (path, result) in zip(fresh, results) {
            switch result {
            case .success(let docs): documents[path] = docs
            case .failure(let error):
                if case .tooLarge(let prefix) = error.reason {
                    // The file exists and opens: it becomes a finding at 1:1, in every output format,
                    // but a large file found while walking that is none of cxlint's inputs stays skipped.
                    let looksLikeInput = DocumentLoader.looksLikeInput(
                        prefix, syntax: DocumentLoader.syntax(of: prefix), partialRoot: nil)
                    documents[path] = [DocumentLoader.unreadable(
                        SourceFile(path: discovery.display(path), bytes: []),
                        "the file is \(error.message); it was not checked", looksLikeInput: looksLikeInput)]
                } else {
                    readErrors[path] = error.message
                }
            }
        }
    }

    /// Looks for a config in the folders above a file named alone, nearest
    /// first. The search stays inside the project: it stops at the working
    /// directory (for a file under it), at a repository root (`.git`), and
    /// never looks in `/` or a top-level folder such as `/tmp` or `/home`,
    /// where an unrelated config would pull in a whole shared tree.
    mutating func loadAncestorConfigs(of file: String) {
        var folder = (file as NSString).deletingLastPathComponent
        let boundary = file.hasPrefix(discovery.workingDirectory + "/") ? discovery.workingDirectory : nil
        while Self.isSearchable(folder) {
            let files = discovery.fileSystem.list(folder)
            let candidates = files.filter { discovery.fileSystem.kind(of: $0) == .file && Self.mayBeConfig($0, discovery.fileSystem) }
            load(candidates)
            if !configs(in: candidates).isEmpty { return }
            if folder == boundary || files.contains(where: { $0.hasSuffix("/.git") }) { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Folders at least two levels below the root, and not the shared temp folder
    /// (which may sit deeper than `/tmp`): those hold other people's files.
    static func isSearchable(_ folder: String) -> Bool {
        folder.split(separator: "/").count >= 2 && folder != sharedTemporaryFolder
    }

    static let sharedTemporaryFolder = (NSTemporaryDirectory() as NSString).standardizingPath

    /// A cheap look before parsing a neighbour: configs name their root key.
    static func mayBeConfig(_ path: String, _ fileSystem: FileSystem) -> Bool {
        guard let bytes = try? fileSystem.read(path, maxSize: 1 << 20) else { return false }
        return String(decoding: bytes, as: UTF8.self).contains(IntegrationConfigLoader.rootKey)
    }
}
