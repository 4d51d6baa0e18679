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
    /// Relative paths named in a request are resolved against it.
    public var workingDirectory: String
    public var maxFileSize: Int
    /// Documents to take instead of parsing a file again when its bytes are unchanged.
    public var parsedBefore: ParsedFiles
    /// Whether a file named in the request always belongs to a phone line (the command
    /// line: the user asked for it). An editor sets it off: opening a file is not asking
    /// for the line's rules, so a tenant's IVR script shows what `check` of its folder shows.
    public var namedFilesAlwaysBelong = true

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
        public var reportedFiles: Set<SourceID>?
        /// Where the bundle comes in `discover`'s answer.
        var rank: Rank
        /// Scripts found with the bundle but left out of its checks (`IntegrationMembership`), with why.
        public var skipped: [SkippedScript] = []
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
        case .alone(let input):
            if let problem = input.problem { return [unreadableBundle(input, message: problem)] }
            return bundlesAlone(input, files.load(input.path))
        }
    }

    /// A config's bundle, plus the files only it could claim that it does not (linted alone).
    func configBundles(_ work: ConfigWork, files: inout JobFiles) -> [FoundBundle] {
        let (bundle, members, skipped) = makeBundle(work, files: &files)
        let reported = work.asked.map { asked in Set(asked.flatMap { files.load($0).documents }.map(\.id)) }
        var found = [FoundBundle(bundle: bundle, reportedFiles: reported, rank: .config(work.rank), skipped: skipped)]
        for input in work.ownInputs where !members.contains(input.path) {
            found += bundlesAlone(input, files.load(input.path))
        }
        return found
    }

    /// A config with the parts it names, or the recognised files in its folder
    /// and below (not into a subfolder holding another config), without the
    /// scripts that are no part of the phone line (claimed, so not linted alone).
    func makeBundle(_ work: ConfigWork, files: inout JobFiles) -> (LintBundle, Set<String>, [SkippedScript]) {
        let configDocument = files.load(work.path).documents.first { $0.config != nil }!
        let config = configDocument.config!
        let folder = FileSystem.parentFolder(of: work.path)
        var bundle = LintBundle(root: folder, config: configDocument)
        var members: Set<String> = [work.path]
        var skipped: [SkippedScript] = []
        if let folderFiles = work.folderFiles {
            var found: [LoadedDocument] = []
            for file in folderFiles {
                for document in files.load(file).documents where document.isRecognized && document.config == nil {
                    members.insert(file)
                    found.append(document)
                }
            }
            // A file named on the command line is always linted.
            let named = namedFilesAlwaysBelong ? Set((work.ownInputs.filter(\.explicit).map(\.path) + (work.asked ?? [])).map { SourceID(path: $0) }) : []
            skipped = IntegrationMembership.skipped(found.compactMap(\.script), kept: named)
            let left = Set(skipped.map(\.file))
            for document in found where !left.contains(document.id) { bundle.add(document) }
        } else {
            for part in namedParts(of: config, in: folder) {
                let load = files.load(part.path)
                members.insert(part.path)
                bundle.diagnostics += namedPartProblems(part, load: load, config: config)
                for document in load.documents { bundle.add(document) }
            }
        }
        return (bundle, members, skipped)
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
            default: return problem(Self.wrongKindMessage(part, document: document))
            }
        }
        return []
    }

    /// What the named file is, what a part of its role looks like and, for an
    /// assistant, whether a transfer was seen (a snippet saved alone has one).
    static func wrongKindMessage(_ part: NamedPart, document: LoadedDocument) -> String {
        let name = "\"\(part.reference.value)\""
        let isUnknown = if case .unknown = document.model { true } else { false }
        let what = isUnknown ? " is" : " is \(document.kindDescription),"
        switch part.role {
        case .assistant:
            let transfer = document.syntax.root.map(AssistantExportLoader.containsConnectToAgent) ?? false
                ? "it holds a connect_to_agent response, so it looks like part of an export saved alone: download the whole skill or assistant"
                : "no connect_to_agent response was seen in it"
            return "\(name)\(what) not an assistant export: cxlint reads a dialog skill (\"dialog_nodes\"), an actions skill (\"workspace\"), "
                + "a whole-assistant export (\"assistant_skills\") or the assistant UI's .zip download; \(transfer)"
        case .script:
            return "\(name)\(what) not a Studio script: cxlint reads desktop Studio XML (<ScriptContainer>) or web Studio JSON (\"actions\" with \"branches\")"
        }
    }

    /// A walked or named file that no bundle claims. One that cannot be read is
    /// reported when found by walking (a silent pass would hide it; named, it is
    /// an input error); the rest is linted document by document.
    func bundlesAlone(_ input: Input, _ load: FileLoad) -> [FoundBundle] {
        if let error = load.readError {
            guard input.walked, !input.explicit else { return [] }
            return [unreadableBundle(input, message: "the file cannot be read (\(error)); it was not checked")]
        }
        return load.documents.enumerated().compactMap { index, document in
            let rank = Rank.alone(input: input.order, document: index)
            // A script found by walking that is no part of a phone line is listed, not linted.
            if !input.explicit || !namedFilesAlwaysBelong, let script = document.script, let skip = IntegrationMembership.skipped([script], kept: []).first {
                let folder = FileSystem.parentFolder(of: input.path)
                return FoundBundle(bundle: LintBundle(root: folder, config: nil), reportedFiles: nil, rank: rank, skipped: [skip])
            }
            return lonelyBundle(document, path: input.path, explicit: input.explicit).map {
                FoundBundle(bundle: $0, reportedFiles: nil, rank: rank)
            }
        }
    }

    /// Nothing but whitespace (and a byte order mark).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return body.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// A walked path that could not be read: a finding at its 1:1, in a bundle of its own.
    func unreadableBundle(_ input: Input, message: String) -> FoundBundle {
        let document = DocumentLoader.unreadable(SourceFile(id: SourceID(path: input.path), bytes: []), message, looksLikeInput: true)
        let bundle = LintBundle(root: FileSystem.parentFolder(of: input.path), config: nil, others: [document])
        return FoundBundle(bundle: bundle, reportedFiles: nil, rank: .unreadable(input: input.order))
    }

    /// A file outside any bundle: linted on its own when recognised, reported
    /// as `unknown-document` when the user named it, skipped otherwise.
    func lonelyBundle(_ document: LoadedDocument, path: String, explicit: Bool) -> LintBundle? {
        let folder = FileSystem.parentFolder(of: path)
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
                file: document.id, range: document.syntax.root?.range ?? .fileStart))
        } else if document.diagnostics.isEmpty, Self.isBlank(document.source.bytes) {
            // Named on purpose and nothing in it: a silent pass would hide a file that was never written.
            bundle.diagnostics.append(Diagnostic(
                rule: ModelRuleID.unknownDocument, severity: .error,
                message: "the file is empty\(document.source.bytes.isEmpty ? "" : " (only whitespace)"); cxlint reads a phone integration config, an assistant export or a Studio script",
                file: document.id, range: .fileStart))
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
        let id = SourceID(path: path)
        if let documents = parsedBefore.documents(id, bytes: bytes) { return documents }
        return DocumentLoader.load(SourceFile(id: id, bytes: bytes), maxFileSize: maxFileSize)
    }

    // MARK: Paths

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
            SourceFile(id: SourceID(path: path), bytes: []), "the file is \(error.message); it was not checked", looksLikeInput: looksLikeInput)])
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
