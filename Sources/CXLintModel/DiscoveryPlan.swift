import CXLintSyntax
import Foundation

extension Discovery {
    /// Phase 1's answer: independent jobs, and the documents phase 1 had to
    /// parse on the way, kept for the jobs that read them. A plan is carried
    /// out once: each job takes its documents out of the store.
    public struct Plan: Sendable {
        /// Configs' bundles (by config path), then files no config can claim.
        public var jobs: [Job]
        /// Paths that do not exist or cannot be read: a usage problem (exit 2).
        public var inputErrors: [String]
        let store: DocumentStore
    }

    /// One unit of work: a config's bundle, or a file that no config can claim.
    public struct Job: Sendable {
        enum Kind: Sendable {
            case config(ConfigWork)
            case alone(Input)
        }

        let kind: Kind

        /// The config's path, or the file's: where the job's `.cxlint.yml` is looked for.
        public var path: String {
            switch kind {
            case .config(let work): work.path
            case .alone(let input): input.path
            }
        }
    }

    /// A path that was walked or named.
    struct Input: Sendable {
        var path: String
        var walked: Bool
        var explicit: Bool
        /// Position among the paths found (walked first, then named), which orders `discover`'s answer.
        var order: Int
        /// Why the walk could not read it (a folder that cannot be listed, a link that leads nowhere).
        var problem: String?
    }

    struct ConfigWork: Sendable {
        var path: String
        /// Position among the configs, by path.
        var rank: Int
        /// For a config naming no parts: the files of its folder and below that
        /// may be parts (no nested bundle, not the config itself). Nil when it names them.
        var folderFiles: [String]?
        /// For a config found above a file named alone: the named files among its
        /// members, the only ones whose findings are reported. Nil: all findings.
        var asked: Set<String>?
        /// Walked or named files that only this bundle may claim: those it does
        /// not claim are linted alone by the same job, which has read them already.
        var ownInputs: [Input] = []
    }

    /// Phase 1: finds the configs and the files each bundle may claim.
    public func plan(_ paths: [String]) -> Plan {
        var planner = Planner(discovery: self)
        return planner.plan(paths)
    }
}

/// Finds the work without building the trees of the corpus: only files that
/// may be configs are parsed here (and the few whose content decides which job
/// claims what, or that several jobs read); every other file is parsed by the
/// one job that reads it, so each file is parsed once per run.
struct Planner {
    let discovery: Discovery
    /// Parsed files and read errors; a file probed but absent is readable and no config.
    var loads: [String: FileLoad] = [:]
    var probed: Set<String> = []
    var inputErrors: [String] = []

    /// A config's work, with every file its job reads.
    typealias PlannedConfig = (work: Discovery.ConfigWork, reads: [String])

    mutating func plan(_ paths: [String]) -> Discovery.Plan {
        let inputs = resolve(paths)
        probe(inputs.filter { $0.problem == nil }.map(\.path))
        for input in inputs where input.explicit && !isConfig(input.path) {
            loadAncestorConfigs(of: input.path)
        }
        // Configs met later, in a config's folder, only mark nested bundles.
        let configPaths = loads.keys.filter(isConfig).sorted()
        let configFolders = Set(configPaths.map { FileSystem.parentFolder(of: $0) })
        let inputsByPath = Dictionary(uniqueKeysWithValues: inputs.map { ($0.path, $0) })
        var configs = configPaths.enumerated().compactMap { rank, path in
            plannedConfig(path, rank: rank, configFolders: configFolders, inputs: inputsByPath)
        }
        let readers = readers(of: configs)
        // A file several jobs read is parsed now, once, and handed to each.
        parse(readers.filter { $0.value.count > 1 }.map(\.key))
        let alone = assignInputs(inputs, readers: readers, configs: &configs)
        var readCounts = readers.mapValues(\.count)
        for input in alone { readCounts[input.path, default: 0] += 1 }
        inputErrors += inputs.filter(\.explicit).compactMap { input in
            loads[input.path]?.readError.map { "\(SourceID(path: input.path).shown(relativeTo: discovery.workingDirectory)): \($0)" }
        }.sorted()
        return Discovery.Plan(
            jobs: configs.map { Discovery.Job(kind: .config($0.work)) } + alone.map { Discovery.Job(kind: .alone($0)) },
            inputErrors: inputErrors, store: DocumentStore(loads, readers: readCounts))
    }

    /// The walked and named files, each once, in the order they were found.
    mutating func resolve(_ paths: [String]) -> [Discovery.Input] {
        var walked: [String] = []
        var explicit: [String] = []
        var problems: [PathProblem] = []
        for raw in paths {
            let path = discovery.fileSystem.normalize(raw, relativeTo: discovery.workingDirectory)
            switch discovery.fileSystem.kind(of: path) {
            case .directory: walked += discovery.fileSystem.walk(path, problems: &problems)
            case .file: explicit.append(path)
            case .missing: inputErrors.append("\(raw): no such file or folder")
            case .other: inputErrors.append("\(raw): not a regular file or folder")
            }
        }
        var inputs: [Discovery.Input] = []
        var index: [String: Int] = [:]
        for (order, path) in walked.enumerated() where index[path] == nil {
            index[path] = inputs.count
            inputs.append(Discovery.Input(path: path, walked: true, explicit: false, order: order))
        }
        for (offset, path) in explicit.enumerated() {
            if let known = index[path] {
                inputs[known].explicit = true
            } else {
                index[path] = inputs.count
                inputs.append(Discovery.Input(path: path, walked: false, explicit: true, order: walked.count + offset))
            }
        }
        for (offset, problem) in problems.enumerated() where index[problem.path] == nil {
            index[problem.path] = inputs.count
            inputs.append(Discovery.Input(path: problem.path, walked: true, explicit: false, order: walked.count + explicit.count + offset,
                                          problem: problem.message))
        }
        return inputs
    }

    /// A config's work, or nil when it was found above files named alone none of
    /// which is its member: then it is no bundle of this run.
    mutating func plannedConfig(_ path: String, rank: Int, configFolders: Set<String>, inputs: [String: Discovery.Input]) -> PlannedConfig? {
        let config = loads[path]!.documents.first { $0.config != nil }!.config!
        let folder = FileSystem.parentFolder(of: path)
        var work = Discovery.ConfigWork(path: path, rank: rank)
        let parts: [String]
        if config.namesParts {
            parts = discovery.namedParts(of: config, in: folder).map(\.path)
        } else {
            parts = folderFiles(folder, configFolders: configFolders).filter { $0 != path }
            work.folderFiles = parts
        }
        if inputs[path] == nil {
            let named = parts.filter { inputs[$0]?.explicit ?? false }
            // In a folder, whether a named file is a member depends on its content.
            if work.folderFiles != nil { parse(named) }
            let asked = Set(named.filter { work.folderFiles == nil || isFolderPart($0) })
            if asked.isEmpty { return nil }
            work.asked = asked
        }
        return (work, Array(Set([path] + parts)))
    }

    /// The files under a config's folder, without those of nested bundles.
    mutating func folderFiles(_ folder: String, configFolders: Set<String>) -> [String] {
        var files = discovery.fileSystem.walk(folder)
        // A config in a subfolder is only known once its file is looked at (the config itself may
        // have been named alone, or found above a file named alone, so its folder was not walked).
        probe(files)
        let nestedConfigFolders = configFolders.union(files.filter(isConfig).map { FileSystem.parentFolder(of: $0) })
        files.removeAll { Self.isInNestedBundle($0, below: folder, configFolders: nestedConfigFolders) }
        return files
    }

    /// Path → the configs (indices) whose job reads it.
    func readers(of configs: [PlannedConfig]) -> [String: [Int]] {
        var readers: [String: [Int]] = [:]
        for (index, config) in configs.enumerated() {
            for file in config.reads { readers[file, default: []].append(index) }
        }
        return readers
    }

    /// Decides who handles each walked or named file a config might not claim,
    /// and returns those no config claims (each becomes a job of its own). A file
    /// only one config reads is that config job's; one that several read was
    /// parsed already, so whether any claims it is known now.
    func assignInputs(_ inputs: [Discovery.Input], readers: [String: [Int]], configs: inout [PlannedConfig]) -> [Discovery.Input] {
        var alone: [Discovery.Input] = []
        for input in inputs {
            let indices = readers[input.path] ?? []
            switch indices.count {
            case 0: alone.append(input)
            case 1: configs[indices[0]].work.ownInputs.append(input)
            default: if !indices.contains(where: { claims(configs[$0].work, input.path) }) { alone.append(input) }
            }
        }
        return alone
    }

    /// Whether a config's bundle takes in a file it reads (known only for files parsed already).
    func claims(_ work: Discovery.ConfigWork, _ path: String) -> Bool {
        path == work.path || work.folderFiles == nil || isFolderPart(path)
    }

    /// Whether a file in a config's folder joins its bundle: it holds a recognised document other than a config.
    func isFolderPart(_ path: String) -> Bool {
        loads[path]?.documents.contains { $0.isRecognized && $0.config == nil } ?? false
    }

    func isConfig(_ path: String) -> Bool {
        loads[path]?.holdsConfig ?? false
    }

    // MARK: Reading

    /// Looks at files not seen yet, parsing those that may be configs, in parallel.
    mutating func probe(_ paths: [String]) {
        let fresh = Array(Set(paths).subtracting(probed)).sorted()
        let discovery = self.discovery
        let results = fresh.concurrentMap { path in discovery.probe(path) }
        for (path, result) in zip(fresh, results) {
            probed.insert(path)
            if loads[path] == nil, let result { loads[path] = result }
        }
    }

    /// Reads and parses files not parsed yet, in parallel.
    mutating func parse(_ paths: [String]) {
        let fresh = Array(Set(paths.filter { loads[$0] == nil })).sorted()
        let discovery = self.discovery
        let results = fresh.concurrentMap { path in discovery.load(path) }
        for (path, result) in zip(fresh, results) {
            probed.insert(path)
            loads[path] = result
        }
    }

    /// Looks for a config in the folders above a file named alone, nearest
    /// first. The search stays inside the project: it stops at the working
    /// directory (for a file under it), at a repository root (`.git`), and
    /// never looks in `/` or a top-level folder such as `/tmp` or `/home`,
    /// where an unrelated config would pull in a whole shared tree.
    mutating func loadAncestorConfigs(of file: String) {
        let fileSystem = discovery.fileSystem
        var folder = FileSystem.parentFolder(of: file)
        let boundary = file.hasPrefix(discovery.workingDirectory + "/") ? discovery.workingDirectory : nil
        while Self.isSearchable(folder) {
            let files = fileSystem.list(folder)
            let candidates = files.filter { fileSystem.kind(of: $0) == .file && Self.mayBeConfig($0, fileSystem) }
            parse(candidates)
            if candidates.contains(where: isConfig) { return }
            if folder == boundary || files.contains(where: { $0.hasSuffix("/.git") }) { return }
            folder = FileSystem.parentFolder(of: folder)
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
        return bytes.withUnsafeBytes { ConfigSniffer.contains($0, ConfigSniffer.marker) }
    }

    /// Whether a file sits in a subfolder of `folder` that holds a config of its own:
    /// looks at the file's own ancestors only, so it is linear in path depth.
    static func isInNestedBundle(_ file: String, below folder: String, configFolders: Set<String>) -> Bool {
        var current = FileSystem.parentFolder(of: file)
        while current.count > folder.count, current.hasPrefix(folder + "/") {
            if configFolders.contains(current) { return true }
            current = FileSystem.parentFolder(of: current)
        }
        return false
    }
}

/// Hands what phase 1 parsed to the jobs that read it, and forgets each file
/// once its last reader took it: no tree outlives the jobs that use it.
final class DocumentStore: @unchecked Sendable {
    private struct Entry {
        var load: FileLoad
        var readers: Int
    }

    private let lock = NSLock()
    private var entries: [String: Entry]

    /// Files no job reads are dropped at once.
    init(_ loads: [String: FileLoad], readers: [String: Int]) {
        entries = loads.reduce(into: [:]) { entries, item in
            if let count = readers[item.key], count > 0 { entries[item.key] = Entry(load: item.value, readers: count) }
        }
    }

    /// Files still waiting for a reader.
    var count: Int { lock.withLock { entries.count } }

    func take(_ path: String) -> FileLoad? {
        lock.withLock {
            guard var entry = entries[path] else { return nil }
            entry.readers -= 1
            entries[path] = entry.readers > 0 ? entry : nil
            return entry.load
        }
    }
}
