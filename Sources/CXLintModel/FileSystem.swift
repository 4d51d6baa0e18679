import Foundation

/// A file or folder that could not be read while walking: reported as a finding, never an abort.
public struct PathProblem: Sendable, Hashable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// The files cxlint reads: the disk, with unsaved editor buffers laid over it.
public struct FileSystem: Sendable {
    /// Absolute path → contents that win over the disk.
    public var overlay: [String: [UInt8]]
    /// What is known of folders' symbolic links; copies of a file system share it.
    private let folders = CanonicalFolders()

    public init(overlay: [String: [UInt8]] = [:]) {
        self.overlay = overlay
    }

    public enum Kind: Sendable {
        case file, directory, missing, other
    }

    public struct ReadError: Error, Sendable {
        public enum Reason: Sendable {
            /// Missing, not permitted, or not a regular file.
            case unreadable
            /// Larger than `--max-file-size`; `prefix` holds the first bytes, to tell whether it was meant as an input.
            case tooLarge(prefix: [UInt8])
        }

        public var message: String
        public var reason: Reason = .unreadable
    }

    public func kind(of path: String) -> Kind {
        if overlay[path] != nil { return .file }
        if overlay.keys.contains(where: { $0.hasPrefix(path + "/") }) { return .directory }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    /// How much of a too-large file is kept to sniff its kind.
    static let sniffLength = 64 * 1024

    /// Reads a regular file, at most `maxSize` bytes. Devices, FIFOs and the
    /// kernel's pseudo-files are refused even through a symbolic link: a
    /// hostile bundle could otherwise make cxlint block on a FIFO, read
    /// /dev/zero, or print /proc/self/environ (the CI runner's credentials)
    /// in a source excerpt.
    public func read(_ path: String, maxSize: Int) throws(ReadError) -> [UInt8] {
        if let buffer = overlay[path] { return buffer }
        if let refusal = refusal(path) { throw ReadError(message: refusal) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReadError(message: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        defer { close(descriptor) }
        var info = stat()
        let sizeHint = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        // One byte past the limit tells a too-large file from one exactly at the limit; a
        // too-large file still gives the first `sniffLength` bytes to tell what it is.
        guard let bytes = Self.readAll(descriptor, sizeHint: sizeHint, limit: max(maxSize, Self.sniffLength - 1) + 1) else {
            throw ReadError(message: "cannot be read (\(String(cString: strerror(errno))))")
        }
        if bytes.count > maxSize {
            throw ReadError(message: "larger than the \(maxSize)-byte limit (--max-file-size)",
                            reason: .tooLarge(prefix: Array(bytes.prefix(Self.sniffLength))))
        }
        return bytes
    }

    /// Reads up to `limit` bytes straight into the array it returns (FileHandle read
    /// into Data, which was then copied once more); nil on a read error.
    static func readAll(_ descriptor: Int32, sizeHint: Int, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        // The hint plus one byte sees the end of the file in the first read.
        var capacity = min(limit, max(sizeHint, 0) + 1)
        while bytes.count < limit {
            if bytes.count == capacity { capacity = min(limit, capacity * 2) }
            let previous = bytes
            var failed = false
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = buffer.initialize(fromContentsOf: previous)
                while count < capacity {
                    let got = readFromFile(descriptor, buffer.baseAddress! + count, capacity - count)
                    if got < 0, errno == EINTR { continue }
                    if got < 0 { failed = true }
                    if got <= 0 { break }
                    count += got
                }
            }
            if failed { return nil }
            if bytes.count < capacity { break }  // end of file
        }
        return bytes
    }

    /// Why a path must not be read, looking through symbolic links; nil when it is a regular file.
    func refusal(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }  // open() reports the precise error
        let isLink = info.st_mode & S_IFMT == S_IFLNK
        if isLink, stat(path, &info) != 0 { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
        let resolved = isLink ? (path as NSString).resolvingSymlinksInPath : resolvingSymlinks(ofFile: path)
        if Self.pseudoFileSystems.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) {
            return "a system pseudo-file (\(resolved)); cxlint reads only ordinary files"
        }
        return nil
    }

    /// Kernel file systems whose "regular files" are live process and device state.
    static let pseudoFileSystems = ["/proc", "/sys", "/dev"]

    // MARK: Paths

    /// `Discovery.normalize` (an absolute path, `~` expanded, symbolic links resolved, as
    /// `NSString.standardizingPath` gives it), without a system call per path component
    /// when the path is plain and its folder holds no symbolic link.
    public func normalize(_ path: String, relativeTo base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        // standardizingPath strips a leading /var/automount where what follows exists.
        if !absolute.hasPrefix("/var/automount"), let plain = plainPath(absolute) { return plain }
        return Discovery.normalize(absolute, relativeTo: base)
    }

    /// `NSString.resolvingSymlinksInPath` of a file that is not a symbolic link itself.
    func resolvingSymlinks(ofFile path: String) -> String {
        guard let slash = Self.lastSlash(in: path), Self.isPlain(path),
              folders.isCanonical(String(path[..<slash]), fileSystem: self) else { return (path as NSString).resolvingSymlinksInPath }
        return path
    }

    /// The path itself when resolving it changes nothing: Foundation resolves component by
    /// component, dropping `.` and empty ones, going up for `..` and following each link,
    /// then strips a leading `/private` where what follows exists. A plain path (none of
    /// those components, no `/private`) in a folder without links, naming no link, stays.
    func plainPath(_ path: String) -> String? {
        guard let slash = Self.lastSlash(in: path), Self.isPlain(path),
              folders.isCanonical(String(path[..<slash]), fileSystem: self), !isSymbolicLink(path) else { return nil }
        return path
    }

    /// A path's last `/`, found among its bytes: searching its Characters cost 14,000
    /// instructions a path (grapheme breaking from the end), for every file read.
    static func lastSlash(in path: String) -> String.Index? {
        path.utf8.lastIndex(of: UInt8(ascii: "/"))
    }

    static func isPlain(_ path: String) -> Bool {
        asciiBytes(of: path, isPlainASCII) ?? isPlainText(path)
    }

    /// `body` of the path's bytes when they are ASCII, else nil. The bytes are read through
    /// a buffer pointer: `utf8.allSatisfy` walked the view at 45 instructions a byte.
    static func asciiBytes<Result>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result?) -> Result? {
        let result = path.utf8.withContiguousStorageIfAvailable { bytes -> Result? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return body(bytes)
        }
        return result ?? nil
    }

    /// `isPlainText` of an ASCII path, on its bytes: there a byte is a character, and
    /// splitting into substrings to compare them as text cost 40,000 instructions a path.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        guard bytes.count > 1, bytes.first == slash, bytes.last != slash, !bytes.starts(with: "/private".utf8) else { return false }
        var componentStart = 1
        for index in 1...bytes.count where index == bytes.count || bytes[index] == slash {
            let length = index - componentStart
            if length == 0 || (length <= 2 && bytes[componentStart..<index].allSatisfy { $0 == dot }) { return false }
            componentStart = index + 1
        }
        return true
    }

    static func isPlainText(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path.count > 1, !path.hasSuffix("/"), !path.hasPrefix("/private") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// `NSString.deletingLastPathComponent`. An absolute ASCII path without a doubled or
    /// trailing slash (every path discovery makes) needs no bridging: its folder is all
    /// before the last slash. Anything else is left to Foundation.
    public static func parentFolder(of path: String) -> String {
        asciiBytes(of: path, plainParentFolder) ?? (path as NSString).deletingLastPathComponent
    }

    /// The folder of an ASCII path, or nil when Foundation would first fix its slashes.
    static func plainParentFolder(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/")
        guard bytes.count > 1, bytes.first == slash, bytes.last != slash,
              !zip(bytes, bytes.dropFirst()).contains(where: { $0 == slash && $1 == slash }),
              let last = bytes.lastIndex(of: slash) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<max(last, 1)]), as: UTF8.self)
    }

    /// A missing path is no link: Foundation leaves it as it is.
    func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The entries directly inside a folder (overlay included), as absolute paths.
    public func list(_ directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var paths = Set(names.map { (directory as NSString).appendingPathComponent($0) })
        for path in overlay.keys where (path as NSString).deletingLastPathComponent == directory { paths.insert(path) }
        return paths.sorted()
    }

    /// Regular files under `directory`, sorted, skipping hidden and build folders
    /// and never following a symbolic link to a folder (no loops).
    public func walk(_ directory: String) -> [String] {
        var ignored: [PathProblem] = []
        return walk(directory, problems: &ignored)
    }

    /// The same walk, recording every folder that cannot be listed and every link
    /// that leads nowhere instead of skipping it silently: `check`, the editor and
    /// the audit report them as findings. FIFOs, sockets and devices are skipped
    /// (reading a FIFO would block).
    public func walk(_ directory: String, problems: inout [PathProblem]) -> [String] {
        var files: [String] = []
        var pending = [directory]
        // A folder reached through folders that are no links is as plain as the one walked.
        let plain = Self.isPlain(directory) && folders.isCanonical(directory, fileSystem: self)
        while let folder = pending.popLast() {
            guard let entries = Self.entries(of: folder) else {
                if overlay.keys.contains(where: { $0.hasPrefix(folder + "/") }) { continue }
                problems.append(PathProblem(path: folder, message: "folder cannot be read: \(Self.openFolderError(folder)); nothing in it was checked"))
                continue
            }
            for entry in entries where !Self.skippedNames.contains(entry.name) && !entry.name.hasPrefix(".") {
                let path = folder == "/" ? "/" + entry.name : folder + "/" + entry.name
                switch entry.type ?? Self.entryType(path) {
                case .directory:
                    pending.append(path)
                    if plain { folders.learn(path, isCanonical: true) }
                case .file: files.append(path)
                case .unreadable(let reason): problems.append(PathProblem(path: path, message: reason))
                case .skipped: break
                }
            }
        }
        for path in overlay.keys where path.hasPrefix(directory + "/") && !files.contains(path) { files.append(path) }
        return files.sorted()
    }

    enum EntryType {
        case file, directory, skipped
        case unreadable(String)
    }

    /// A folder's entries sorted by name, each with its type when the folder listing says
    /// it (a folder or a regular file; links and the rest are nil, for `entryType`); nil
    /// when the folder cannot be listed. `readdir` reports the type, so most entries need
    /// no `lstat` of their own (FileManager's listing had one per entry, and the walk another).
    static func entries(of folder: String) -> [(name: String, type: EntryType?)]? {
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var entries: [(name: String, type: EntryType?)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            // A name that is no UTF-8 has no path that reads it back: FileManager's listing decides.
            guard let name else { return foundationEntries(of: folder) }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append((name, .directory))
            case Int32(DT_REG): entries.append((name, .file))
            default: entries.append((name, nil))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    private static func foundationEntries(of folder: String) -> [(name: String, type: EntryType?)]? {
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted().map { ($0, nil) }
    }

    /// What a directory entry is, from `lstat` and, for a link, `stat`. Links to
    /// folders are not followed (that is what makes loops impossible).
    static func entryType(_ path: String) -> EntryType {
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
            return target.st_mode & S_IFMT == S_IFREG ? .file : .skipped
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

    static let skippedNames: Set<String> = ["node_modules", "Package.resolved"]
}

/// POSIX read(2), named apart from `FileSystem.read`, which shadows it inside the type.
private func readFromFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Which folders have no symbolic link on their way from `/`, learnt once per folder
/// (one `lstat` each) and shared by every thread reading files.
final class CanonicalFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Bool] = [:]

    func isCanonical(_ folder: String, fileSystem: FileSystem) -> Bool {
        if folder.isEmpty || folder == "/" { return true }
        if let answer = lock.withLock({ known[folder] }) { return answer }
        guard let slash = FileSystem.lastSlash(in: folder) else { return false }
        let answer = isCanonical(String(folder[..<slash]), fileSystem: fileSystem) && !fileSystem.isSymbolicLink(folder)
        learn(folder, isCanonical: answer)
        return answer
    }

    func learn(_ folder: String, isCanonical: Bool) {
        lock.withLock { known[folder] = isCanonical }
    }
}
