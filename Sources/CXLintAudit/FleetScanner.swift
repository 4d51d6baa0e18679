import CXLintModel
import CXLintSyntax
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or folder the audit could not read: reported as a finding, never an abort.
struct PathProblem: Sendable {
    var path: String
    var message: String
}

/// What an audit has to lint, found without parsing anything but configs:
/// one unit per config, plus each file that no config claims. Only paths are
/// kept, so finding the work costs memory in the count of files, not their size.
struct FleetScan: Sendable {
    struct ConfigUnit: Sendable {
        var path: String
        /// Unreadable paths inside the config's folder, reported with this bundle.
        var problems: [PathProblem] = []
    }

    var configs: [ConfigUnit] = []
    /// Files outside every config's bundle; each is linted on its own when recognised.
    var looseFiles: [String] = []
    /// Unreadable paths outside every config's folder.
    var strayProblems: [PathProblem] = []
    var fileCount = 0
}

/// Walks the roots the way `check` does (same skipped names, symbolic links
/// to folders never followed, so no loop is possible), but records every
/// folder that cannot be listed and every file that cannot be opened or whose
/// link leads nowhere, instead of skipping it silently.
struct FleetScanner: Sendable {
    var discovery: Discovery

    /// A config names its root key near its start; anything else needs no parse here.
    static let sniffSize = 64 * 1024
    /// Mirrors `FileSystem.walk`, so the audit finds exactly what `check` finds.
    static let skippedNames: Set<String> = ["node_modules", "Package.resolved"]

    func scan(_ roots: [String]) -> FleetScan {
        var files: [String] = []
        var problems: [PathProblem] = []
        for root in roots {
            walk(root, files: &files, problems: &problems)
        }
        files = Array(Set(files)).sorted()
        let sniffs = files.concurrentMap { Self.sniff($0) }
        var readable: [String] = []
        var candidates: [String] = []
        for (path, sniff) in zip(files, sniffs) {
            switch sniff {
            case .unreadable(let reason): problems.append(PathProblem(path: path, message: "cannot be read: \(reason)"))
            case .other: readable.append(path)
            case .configCandidate:
                readable.append(path)
                candidates.append(path)
            }
        }
        let configs = loadConfigs(candidates)
        return partition(files: readable, configs: configs, problems: problems)
    }

    // MARK: Walking

    func walk(_ root: String, files: inout [String], problems: inout [PathProblem]) {
        switch Self.entryType(root) {
        case .file: files.append(root)
        case .directory: break
        case .unreadable(let reason):
            problems.append(PathProblem(path: root, message: reason))
            return
        case .skipped: return
        }
        var pending = [root]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                problems.append(PathProblem(path: folder, message: "folder cannot be read: \(Self.openFolderError(folder)); nothing in it was checked"))
                continue
            }
            for name in names.sorted() where !Self.skippedNames.contains(name) && !name.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(name)
                switch Self.entryType(path, followingLinksToFolders: false) {
                case .directory: pending.append(path)
                case .file: files.append(path)
                case .unreadable(let reason): problems.append(PathProblem(path: path, message: reason))
                case .skipped: break
                }
            }
        }
    }

    enum EntryType {
        case file, directory, skipped
        case unreadable(String)
    }

    /// What a directory entry is, from `lstat` and, for a link, `stat`.
    static func entryType(_ path: String, followingLinksToFolders: Bool = true) -> EntryType {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .unreadable("cannot be read: \(errorText(errno))") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK:
            var target = stat()
            guard stat(path, &target) == 0 else {
                let code = errno
                return .unreadable(code == ELOOP ? "symbolic link loop: the link never reaches a file" : "broken symbolic link: \(errorText(code))")
            }
            switch target.st_mode & S_IFMT {
            case S_IFREG: return .file
            // Links to folders are not followed (that is what makes loops impossible), as in `check`.
            case S_IFDIR: return followingLinksToFolders ? .directory : .skipped
            default: return .skipped
            }
        // Sockets, FIFOs and devices: reading a FIFO would block the audit.
        default: return .skipped
        }
    }

    static func openFolderError(_ folder: String) -> String {
        guard let handle = opendir(folder) else { return errorText(errno) }
        closedir(handle)
        return "it disappeared while being read"
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    // MARK: Sniffing

    enum Sniff: Sendable {
        case configCandidate, other
        case unreadable(String)
    }

    /// Reads the start of a file: proves it can be opened, and spots configs cheaply.
    static func sniff(_ path: String) -> Sniff {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable(errorText(errno)) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: sniffSize)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, sniffSize) }
        guard count >= 0 else { return .unreadable(errorText(errno)) }
        return holdsConfigMarker(buffer, count: count) ? .configCandidate : .other
    }

    /// Whether the first `count` bytes read hold a config's root key.
    static func holdsConfigMarker(_ buffer: [UInt8], count: Int) -> Bool {
        buffer.withUnsafeBytes { ConfigSniffer.contains(UnsafeRawBufferPointer(rebasing: $0.prefix(count)), ConfigSniffer.marker) }
    }

    // MARK: Partitioning

    struct ConfigInfo: Sendable {
        var path: String
        var folder: String
        /// Absolute paths of the parts the config names; nil when it names none (its folder is the bundle).
        var namedParts: [String]?
    }

    /// Parses the candidates: only real configs form bundles.
    func loadConfigs(_ candidates: [String]) -> [ConfigInfo] {
        let discovery = self.discovery
        return candidates.concurrentMap { path -> ConfigInfo? in
            guard let bytes = try? discovery.fileSystem.read(path, maxSize: discovery.maxFileSize) else { return nil }
            let documents = DocumentLoader.load(SourceFile(path: discovery.display(path), bytes: bytes), maxFileSize: discovery.maxFileSize)
            guard let config = documents.lazy.compactMap(\.config).first else { return nil }
            let folder = (path as NSString).deletingLastPathComponent
            let named = config.namesParts
                ? ([config.assistantPath].compactMap { $0 } + config.scriptPaths).map { Discovery.normalize($0.value, relativeTo: folder) }
                : nil
            return ConfigInfo(path: path, folder: folder, namedParts: named)
        }.compactMap { $0 }
    }

    /// Which files each config claims, as `Discovery` decides it: a config
    /// naming its parts claims those; one naming none claims its folder and
    /// below, except subfolders holding a config of their own.
    func partition(files: [String], configs: [ConfigInfo], problems: [PathProblem]) -> FleetScan {
        let byFolder = Dictionary(grouping: configs, by: \.folder).mapValues { $0.sorted { $0.path < $1.path } }
        var claimed = Set(configs.map(\.path))
        for config in configs { claimed.formUnion(config.namedParts ?? []) }
        var scan = FleetScan(fileCount: files.count)
        for file in files where !claimed.contains(file) {
            let owner = Self.nearestConfigFolder(of: file, in: byFolder)
            if let owner, byFolder[owner]!.contains(where: { $0.namedParts == nil }) { continue }
            scan.looseFiles.append(file)
        }
        var unitProblems: [String: [PathProblem]] = [:]
        for problem in problems {
            if let owner = Self.nearestConfigFolder(of: problem.path, in: byFolder), let config = byFolder[owner]?.first {
                unitProblems[config.path, default: []].append(problem)
            } else {
                scan.strayProblems.append(problem)
            }
        }
        scan.configs = configs.map { FleetScan.ConfigUnit(path: $0.path, problems: unitProblems[$0.path] ?? []) }.sorted { $0.path < $1.path }
        return scan
    }

    /// The deepest folder above `path` that holds a config: linear in path depth.
    static func nearestConfigFolder(of path: String, in byFolder: [String: [ConfigInfo]]) -> String? {
        var current = (path as NSString).deletingLastPathComponent
        while true {
            if byFolder[current] != nil { return current }
            if current == "/" || current.isEmpty { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }
}
