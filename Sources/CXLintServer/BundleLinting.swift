import Foundation
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import CXLintSyntax

/// What one lint round found, by absolute path: every file of every bundle the
/// changed files belong to, so a config edit republishes its scripts too.
public struct LintRound: Sendable {
    /// Findings per file; a file with none is present with an empty list (to clear the editor's).
    public var diagnostics: [String: [Diagnostic]] = [:]
    /// The text each file was linted at: positions are converted against it.
    public var sources: [String: SourceFile] = [:]
    /// Bundle key (its config's path, or the lone file's) → its member files.
    public var bundles: [String: Set<String>] = [:]
    /// Editor versions of the open buffers this round read, to tell stale quick fixes.
    public var versions: [String: Int] = [:]
    /// What this round's files parsed to, for the next round to reuse.
    public var parsed = ParsedFiles()
    /// The credential texts of each file: every message the server sends is masked with them.
    public var secrets: [String: Set<String>] = [:]
    /// File → the `docs_url` of the `.cxlint.yml` it was linted with.
    public var docsURLs: [String: String] = [:]
}

/// Lints the bundles of some files with unsaved buffers laid over the disk. A
/// pure function of its inputs, so it runs on any thread, off the reader's.
public struct BundleLinter: Sendable {
    public var engine: Engine
    public var maxFileSize: Int

    public init(engine: Engine = Engine(), maxFileSize: Int = DocumentLoader.defaultMaxFileSize) {
        self.engine = engine
        self.maxFileSize = maxFileSize
    }

    /// `parsedBefore`: an earlier round's documents, reused for files whose bytes are unchanged.
    /// Goes through the same session as `check` and the audit: the nearest `.cxlint.yml`
    /// of each bundle, causes, suppressions, and the config's own findings.
    public func lint(_ paths: [String], overlay: [String: [UInt8]], parsedBefore: ParsedFiles = ParsedFiles()) -> LintRound {
        // The editor names every file by its absolute path: no working directory applies.
        var discovery = Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: "/", maxFileSize: maxFileSize,
                                  parsedBefore: parsedBefore)
        discovery.namedFilesAlwaysBelong = false
        let session = LintSession(discovery: discovery, configuration: .nearest, keepsDocuments: true)
        let fold = RoundFold()
        session.run(Self.requests(paths, fileSystem: discovery.fileSystem)) { fold.add($0) }
        return fold.round
    }

    /// What to lint for the changed files: a `.cxlint.yml` stands for the folder it
    /// governs (its unused suppressions are only known over all of it); a file that
    /// no longer exists is dropped.
    static func requests(_ paths: [String], fileSystem: FileSystem) -> [String] {
        var requests: [String] = []
        for path in paths where fileSystem.kind(of: path) == .file {
            let name = (path as NSString).lastPathComponent
            requests.append(ConfigurationLoader.fileNames.contains(name) ? (path as NSString).deletingLastPathComponent : path)
        }
        return Array(Set(requests)).sorted()
    }

    /// Findings of a file named alone that only make sense on a command line: a JSON
    /// file that is none of cxlint's formats is just some other JSON file in an editor.
    static let silencedInEditor: Set<RuleID> = [ModelRuleID.unknownDocument]
}

/// Folds a round's results per file, serially (the session delivers one at a time).
final class RoundFold: @unchecked Sendable {
    private var unique: [String: Set<Diagnostic>] = [:]
    private var documents: [LoadedDocument] = []
    private(set) var partial = LintRound()

    /// The editor knows files by path; members of an archive are none of its documents.
    func add(_ result: LintSession.BundleResult) {
        let files = result.files.filter { !$0.isArchiveMember }
        let key = (result.configFile ?? files.first)?.path ?? result.root
        partial.bundles[key, default: []].formUnion(files.map(\.path))
        for file in files {
            if let source = result.sources[file] { partial.sources[file.path] = source }
            if let ranges = result.sensitiveRanges[file], let source = result.sources[file] {
                partial.secrets[file.path] = Redactor.secrets(in: source, at: ranges)
            }
            if unique[file.path] == nil { unique[file.path] = [] }
            if let docs = result.docsURL { partial.docsURLs[file.path] = docs }
        }
        // A set: a file in two bundles (two configs naming one script) gets each finding once.
        for finding in result.findings
        where !BundleLinter.silencedInEditor.contains(finding.rule) && !finding.file.isArchiveMember {
            unique[finding.file.path, default: []].insert(finding)
        }
        documents += result.documents
        // A script that is no part of a phone line shows no findings: clear what it showed before.
        for skipped in result.skipped where unique[skipped.file.path] == nil { unique[skipped.file.path] = [] }
    }

    var round: LintRound {
        var round = partial
        round.diagnostics = unique.mapValues { $0.sortedForReporting() }
        round.parsed = ParsedFiles(documents: documents)
        return round
    }
}
