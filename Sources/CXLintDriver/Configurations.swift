import CXLintModel
import CXLintRules
import CXLintSyntax
import Foundation

/// The `.cxlint.yml` files of a run, each found, read and parsed once, and the
/// one that applies to each job: the nearest above its folder, or the one
/// `--config` names. A file with problems still applies as far as it loaded;
/// its problems are findings on it (the CLI stops with exit 2, the editor shows them).
struct Configurations: Sendable {
    struct Loaded: Sendable {
        var configuration: LintConfiguration
        var engine: Engine
        /// `config-file` findings, each at its position.
        var problems: [Diagnostic]
    }

    /// Index 0 is the defaults (no file).
    var loaded: [Loaded]
    /// Job path → index into `loaded`.
    private var byJob: [String: Int]

    var count: Int { loaded.count }

    init(choice: LintSession.ConfigurationChoice, jobs: [Discovery.Job], discovery: Discovery) {
        let defaults = LintConfiguration(directory: discovery.workingDirectory)
        loaded = [Loaded(configuration: defaults, engine: Engine(configuration: defaults), problems: [])]
        byJob = [:]
        var indexByFile: [String: Int] = [:]
        var fileByFolder: [String: String?] = [:]  // every folder looked at, the bundles' parents too
        for job in jobs {
            let file: String?
            switch choice {
            case .file(let path): file = path
            case .nearest:
                file = ConfigurationLoader.find(from: FileSystem.parentFolder(of: job.path), fileSystem: discovery.fileSystem, known: &fileByFolder)
            }
            guard let file else { continue }
            if indexByFile[file] == nil {
                indexByFile[file] = loaded.count
                loaded.append(Self.load(file, discovery: discovery))
            }
            byJob[job.path] = indexByFile[file]
        }
    }

    func index(for job: Discovery.Job) -> Int { byJob[job.path] ?? 0 }

    static func load(_ path: String, discovery: Discovery) -> Loaded {
        let directory = FileSystem.parentFolder(of: path)
        let id = SourceID(path: path)
        let bytes: [UInt8]
        do {
            bytes = try discovery.fileSystem.read(path, maxSize: 1 << 20)
        } catch {
            let source = SourceFile(id: id, bytes: [])
            let configuration = LintConfiguration(directory: directory, source: source)
            let problem = Diagnostic(rule: ConfigurationLoader.ruleID, severity: .error, message: "cannot be read: \(error.message)",
                                     file: id, range: .fileStart)
            return Loaded(configuration: configuration, engine: Engine(configuration: configuration), problems: [problem])
        }
        let (configuration, problems) = ConfigurationLoader.load(
            SourceFile(id: id, bytes: bytes), directory: directory)
        return Loaded(configuration: configuration, engine: Engine(configuration: configuration), problems: problems)
    }
}
