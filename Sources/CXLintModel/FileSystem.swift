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
        if let refusal = Self.refusal(path) { throw ReadError(message: refusal) }
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
    static func refusal(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // open() reports the precise error
        guard info.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
        let resolved = (path as NSString).resolvingSymlinksInPath
        if pseudoFileSystems.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) {
            return "a system pseudo-file (\(resolved)); cxlint reads only ordinary files"
        }
        return nil
    }

    /// Kernel file systems whose "regular files" are live process and device state.
    static let pseudoFileSystems = ["/proc", "/sys", "/dev"]

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
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                if overlay.keys.contains(where: { $0.hasPrefix(folder + "/") }) { continue }
                problems.append(PathProblem(path: folder, message: "folder cannot be read: \(Self.openFolderError(folder)); nothing in it was checked"))
                continue
            }
            for name in names.sorted() where !Self.skippedNames.contains(name) && !name.hasPrefix(".") {
                let path = folder == "/" ? "/" + name : folder + "/" + name
                switch Self.entryType(path) {
                case .directory: pending.append(path)
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
