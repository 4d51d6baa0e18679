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

    /// Findings of a file named alone that only make sense on a command line: a JSON
    /// file that is none of cxlint's formats is just some other JSON file in an editor.
    static let silencedInEditor: Set<String> = [ModelRuleID.unknownDocument]

    /// `parsedBefore`: an earlier round's documents, reused for files whose bytes are unchanged.
    public func lint(_ paths: [String], overlay: [String: [UInt8]], parsedBefore: ParsedFiles = ParsedFiles()) -> LintRound {
        // "/" as the working directory keeps every path in findings absolute.
        let discovery = Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: "/", maxFileSize: maxFileSize,
                                  parsedBefore: parsedBefore)
        let found = discovery.discover(paths.filter { discovery.fileSystem.kind(of: $0) == .file })
        let engine = paths.first.flatMap { configuredEngine(near: $0, fileSystem: discovery.fileSystem) } ?? self.engine
        // Inline and config suppressions apply in the editor exactly as on the command line.
        let perBundle = found.bundles.concurrentMap { item in
            Self.redactingSecrets(engine.lintAndSuppress(item.bundle).kept, of: item.bundle)
        }
        var round = LintRound()
        round.parsed = ParsedFiles(bundles: found.bundles.map(\.bundle))
        var unique: [String: Set<Diagnostic>] = [:]
        for (item, findings) in zip(found.bundles, perBundle) {
            let documents = item.bundle.documents.filter { !Self.isArchiveMember($0.path) }
            let key = item.bundle.config?.path ?? documents.first?.path ?? item.bundle.root
            round.bundles[key, default: []].formUnion(documents.map(\.path))
            for document in documents {
                round.sources[document.path] = document.source
                if unique[document.path] == nil { unique[document.path] = [] }
            }
            // A set: a file in two bundles (two configs naming one script) gets each finding once.
            for finding in findings where !Self.silencedInEditor.contains(finding.rule) && !Self.isArchiveMember(finding.file) {
                unique[finding.file, default: []].insert(finding)
            }
        }
        round.diagnostics = unique.mapValues { $0.sorted(by: Diagnostic.reportingOrder) }
        return round
    }

    /// The engine of the `.cxlint.yml` above a file (an unsaved buffer of it
    /// included), read anew each round so editing it takes effect at once; nil
    /// when there is none or it does not load (the CLI reports its problems).
    func configuredEngine(near path: String, fileSystem: FileSystem) -> Engine? {
        let folder = (path as NSString).deletingLastPathComponent
        guard let configPath = ConfigurationLoader.find(from: folder, fileSystem: fileSystem),
              let bytes = try? fileSystem.read(configPath, maxSize: 1 << 20) else { return nil }
        let (configuration, problems) = ConfigurationLoader.load(
            SourceFile(path: configPath, bytes: bytes), directory: (configPath as NSString).deletingLastPathComponent, workingDirectory: "/")
        return problems.isEmpty ? Engine(configuration: configuration) : nil
    }

    /// Messages never quote a credential or a secret-looking token, as on the command line.
    static func redactingSecrets(_ findings: [Diagnostic], of bundle: LintBundle) -> [Diagnostic] {
        var sources: [String: SourceFile] = [:]
        var sensitive: [String: [SourceRange]] = [:]
        for document in bundle.documents {
            sources[document.path] = document.source
            sensitive[document.path, default: []] += document.sensitiveRanges
        }
        return LintReport(diagnostics: findings, sources: sources, sensitiveRanges: sensitive).redactingSecrets().diagnostics
    }

    /// `export.zip!/action-skill.json`: positions are inside the archive's member, not the .zip an editor shows.
    static func isArchiveMember(_ path: String) -> Bool { path.contains("!/") }
}
