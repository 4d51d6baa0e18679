import CXLintSyntax
import Foundation

/// Turns the paths a user names into bundles: folders are walked and every
/// config found forms a bundle; a file named alone joins the bundle of the
/// config above it, so it still gets its cross-file checks.
///
/// It works in two phases so that a large tree never has to be in memory at
/// once: `plan` finds the configs (parsing only files that may be one) and
/// splits the work into independent jobs; `bundles(of:in:)` then loads one
/// job's files and forms its bundles, which the caller lints and drops.
public struct Discovery: Sendable {
    public var fileSystem: FileSystem
    /// Paths in findings are shown relative to this folder when under it.
    public var workingDirectory: String
    public var maxFileSize: Int
    /// Documents to take instead of parsing a file again when its bytes are unchanged.
    public var parsedBefore: ParsedFiles

    public init(fileSystem: FileSystem = FileSystem(), workingDirectory: String = FileManager.default.currentDirectoryPath,
                maxFileSize: Int = DocumentLoader.defaultMaxFileSize, parsedBefore: ParsedFiles = ParsedFiles()) {
        self.fileSystem = fileSystem
        self.workingDirectory = Discovery.normalize(workingDirectory, relativeTo: "/")
        self.maxFileSize = maxFileSize
        self.parsedBefore = parsedBefore
    }

    public struct FoundBundle: Sendable {
        public var bundle: LintBundle
        /// When set, only findings in these files are reported (a file named
        /// alone whose bundle was pulled in for context).
        public var reportedFiles: Set<String>?
        /// Where the bundle comes in `discover`'s answer.
        var rank: Rank
    }

    /// Configs' bundles first (by config path), then unreadable files, then
    /// files linted alone (both in the order the paths were found).
    enum Rank: Comparable {
        case config(Int)
        case unreadable(input: Int)
        case alone(input: Int, document: Int)
    }

    public struct Result: Sendable {
        public var bundles: [FoundBundle]
        /// Paths that do not exist or cannot be read: a usage problem (exit 2).
        public var inputErrors: [String]
    }

    /// Every bundle at once, for callers that need them all together (the
    /// language server publishes every file of a bundle); `check` streams instead.
    public func discover(_ paths: [String]) -> Result {
        let plan = plan(paths)
        let found = plan.jobs.concurrentMap { bundles(of: $0, in: plan) }.joined().sorted { $0.rank < $1.rank }
        return Result(bundles: found, inputErrors: plan.inputErrors)
    }

    /// Loads a job's files (taking those the plan already parsed) and forms its
    /// bundles. Once the caller drops them, their documents are freed (but for
    /// files another job reads too, until that job has run).
    public func bundles(of job: Job, in plan: Plan) -> [FoundBundle] {
        var files = JobFiles(discovery: self, store: plan.store)
        switch job.kind {
        case .config(let work): return configBundles(work, files: &files)
        case .alone(let input): return bundlesAlone(input, files.load(input.path))
        }
    }

    /// A config's bundle, plus the files only it could claim that it does not (linted alone).
    func configBundles(_ work: ConfigWork, files: inout JobFiles) -> [FoundBundle] {
        var (bundle, members) = makeBundle(work, files: &files)
        let reported = work.asked.map { asked in Set(asked.flatMap { files.load($0).documents }.map(\.path)) }
        bundle.diagnostics += completenessProblems(bundle)
        var found = [FoundBundle(bundle: bundle, reportedFiles: reported, rank: .config(work.rank))]
        for input in work.ownInputs where !members.contains(input.path) {
            found += bundlesAlone(input, files.load(input.path))
        }
        return found
    }

    /// A config with the parts it names, or the recognised files in its folder
    /// and below (not into a subfolder holding another config).
    func makeBundle(_ work: ConfigWork, files: inout JobFiles) -> (LintBundle, Set<String>) {
        let configDocument = files.load(work.path).documents.first { $0.config != nil }!
        let config = configDocument.config!
        let folder = (work.path as NSString).deletingLastPathComponent
        var bundle = LintBundle(root: display(folder), config: configDocument)
        var members: Set<String> = [work.path]
        if let folderFiles = work.folderFiles {
            for file in folderFiles {
                for document in files.load(file).documents where document.isRecognized && document.config == nil {
                    members.insert(file)
                    bundle.add(document)
                }
            }
        } else {
            for part in namedParts(of: config, in: folder) {
                let load = files.load(part.path)
                members.insert(part.path)
                bundle.diagnostics += namedPartProblems(part, load: load, config: config)
                for document in load.documents { bundle.add(document) }
            }
        }
        return (bundle, members)
    }

    struct NamedPart {
        enum Role {
            case assistant, script
        }

        var reference: Located<String>
        var role: Role
        /// Absolute: the reference resolved against the config's folder.
        var path: String
    }

    /// The parts a config names, in the order it names them (a repeat included).
    func namedParts(of config: IntegrationConfig, in folder: String) -> [NamedPart] {
        let named = [config.assistantPath].compactMap { $0 }.map { ($0, NamedPart.Role.assistant) } + config.scriptPaths.map { ($0, NamedPart.Role.script) }
        return named.map { NamedPart(reference: $0, role: $1, path: fileSystem.normalize($0.value, relativeTo: folder)) }
    }

    func namedPartProblems(_ part: NamedPart, load: FileLoad, config: IntegrationConfig) -> [Diagnostic] {
        let role = part.role == .assistant ? "assistant export" : "Studio script"
        func problem(_ message: String) -> [Diagnostic] {
            [Diagnostic(rule: ModelRuleID.bundleIncomplete, severity: .error, message: message, file: config.file, range: part.reference.range)]
        }
        if let error = load.readError {
            return problem("the \(role) \"\(part.reference.value)\" cannot be read: \(error); fix the path relative to this file")
        }
        for document in load.documents {
            switch (part.role, document.model) {
            case (.assistant, .assistant), (.script, .script), (_, .unparsed): continue
            default: return problem("\"\(part.reference.value)\" is \(document.kindDescription), not a \(role)")
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

    /// A walked or named file that no bundle claims. One that cannot be read is
    /// reported when found by walking (a silent pass would hide it; named, it is
    /// an input error); the rest is linted document by document.
    func bundlesAlone(_ input: Input, _ load: FileLoad) -> [FoundBundle] {
        if let error = load.readError {
            guard input.walked, !input.explicit else { return [] }
            let document = DocumentLoader.unreadable(SourceFile(path: display(input.path), bytes: []), "the file cannot be read (\(error)); it was not checked", looksLikeInput: true)
            let bundle = LintBundle(root: display((input.path as NSString).deletingLastPathComponent), config: nil, others: [document])
            return [FoundBundle(bundle: bundle, reportedFiles: nil, rank: .unreadable(input: input.order))]
        }
        return load.documents.enumerated().compactMap { index, document in
            lonelyBundle(document, path: input.path, explicit: input.explicit).map {
                FoundBundle(bundle: $0, reportedFiles: nil, rank: .alone(input: input.order, document: index))
            }
        }
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

    // MARK: Reading files

    /// Reads and parses a file.
    func load(_ path: String) -> FileLoad {
        do throws(FileSystem.ReadError) {
            let bytes = try fileSystem.read(path, maxSize: maxFileSize)
            return .documents(parse(path, bytes))
        } catch {
            return FileLoad(error, path: path, discovery: self)
        }
    }

    /// Reads a file and parses it only if it may be a config; nil for a
    /// readable file that cannot be one (its job reads it again later, and
    /// only then builds its tree).
    func probe(_ path: String) -> FileLoad? {
        do throws(FileSystem.ReadError) {
            let bytes = try fileSystem.read(path, maxSize: maxFileSize)
            return ConfigSniffer.mayHoldConfig(bytes, maxFileSize: maxFileSize) ? .documents(parse(path, bytes)) : nil
        } catch {
            return FileLoad(error, path: path, discovery: self)
        }
    }

    func parse(_ path: String, _ bytes: [UInt8]) -> [LoadedDocument] {
        let shown = display(path)
        if let documents = parsedBefore.documents(shown, bytes: bytes) { return documents }
        return DocumentLoader.load(SourceFile(path: shown, bytes: bytes), maxFileSize: maxFileSize)
    }

    // MARK: Paths

    /// The path shown in findings: relative to the working directory when under it.
    public func display(_ absolute: String) -> String {
        if absolute == workingDirectory { return "." }
        if absolute.hasPrefix(workingDirectory + "/") { return String(absolute.dropFirst(workingDirectory.count + 1)) }
        return absolute
    }

    /// An absolute path, `~` expanded and symbolic links resolved (`FileSystem.normalize`
    /// answers the same for most paths without a system call per component).
    public static func normalize(_ path: String, relativeTo base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (absolute as NSString).standardizingPath
    }
}

/// What reading a file gave: its documents, or why it could not be read.
enum FileLoad: Sendable {
    case documents([LoadedDocument])
    case unreadable(String)

    var documents: [LoadedDocument] {
        if case .documents(let documents) = self { return documents }
        return []
    }

    var readError: String? {
        if case .unreadable(let message) = self { return message }
        return nil
    }

    var holdsConfig: Bool { documents.contains { $0.config != nil } }

    init(_ error: FileSystem.ReadError, path: String, discovery: Discovery) {
        guard case .tooLarge(let prefix) = error.reason else {
            self = .unreadable(error.message)
            return
        }
        // The file exists and opens: it becomes a finding at 1:1, in every output format,
        // but a large file found while walking that is none of cxlint's inputs stays skipped.
        let looksLikeInput = DocumentLoader.looksLikeInput(prefix, syntax: DocumentLoader.syntax(of: prefix), partialRoot: nil)
        self = .documents([DocumentLoader.unreadable(
            SourceFile(path: discovery.display(path), bytes: []), "the file is \(error.message); it was not checked", looksLikeInput: looksLikeInput)])
    }
}

/// One job's files: what the plan parsed is taken from its store, the rest
/// is read here; either way each file is read once per job.
struct JobFiles {
    let discovery: Discovery
    let store: DocumentStore
    var loaded: [String: FileLoad] = [:]

    mutating func load(_ path: String) -> FileLoad {
        if let known = loaded[path] { return known }
        let load = store.take(path) ?? discovery.load(path)
        loaded[path] = load
        return load
    }
}
