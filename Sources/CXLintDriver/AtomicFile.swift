import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so a reader sees the old content or the whole new one,
/// never a half-written report or config: a temporary file in the same folder
/// (same file system, so rename is atomic), flushed, then renamed over the
/// target. `check --output`, `--write-baseline`, `--fix` and the audit's
/// reports all write through it.
///
/// A target that is no regular file (`/dev/null`, `/dev/stdout`, a named pipe)
/// is written in place: renaming over it would replace the device with a
/// file. A symbolic link is followed, so the file it names is replaced and the
/// link stays.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        var text = text
        // Writes the string's own UTF-8 storage: no copy of a report that may be tens of megabytes.
        let failure = text.withUTF8 { bytes in catching { () throws(Failure) in try write(UnsafeRawBufferPointer(bytes), to: path, mode: 0o644) } }
        if let failure { throw failure }
    }

    /// Replaces `path` with `bytes`, keeping `mode` (a fixed file keeps its permissions).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(Failure) {
        let failure = bytes.withUnsafeBytes { buffer in catching { () throws(Failure) in try write(buffer, to: path, mode: mode) } }
        if let failure { throw failure }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, mode: mode_t) throws(Failure) {
        switch target(path) {
        case .folder:
            throw Failure(path: path, reason: "it is a folder")
        case .special:
            try writeInPlace(bytes, to: path)
        case .file(let resolved):
            try replace(resolved, with: bytes, mode: mode, shownAs: path)
        }
    }

    enum Target: Equatable {
        /// A regular file (the path a symbolic link leads to) or nothing yet.
        case file(String)
        case folder
        case special
    }

    static func target(_ path: String) -> Target {
        var info = stat()
        guard stat(path, &info) == 0 else { return .file(path) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file(linkTarget(path) ?? path)
        default: return .special
        }
    }

    /// The file a symbolic link finally names; nil when `path` is no link.
    static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func replace(_ path: String, with bytes: UnsafeRawBufferPointer, mode: mode_t, shownAs shown: String) throws(Failure) {
        let (folder, name) = split(path)
        let temporary = folder + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path: shown, reason: String(cString: strerror(errno))) }
        var code = writeAll(bytes, to: fd)
        // open() applies the umask; the target's own permissions are what a fix must keep.
        if code == 0, fchmod(fd, mode) != 0 { code = errno }
        if code == 0, fsync(fd) != 0 { code = errno }
        close(fd)
        if code == 0, rename(temporary, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw Failure(path: shown, reason: String(cString: strerror(code)))
        }
    }

    static func writeInPlace(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        let code = writeAll(bytes, to: fd)
        close(fd)
        if code != 0 { throw Failure(path: path, reason: String(cString: strerror(code))) }
    }

    /// Writes every byte, retrying interrupted writes: 0, or the errno that stopped it.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return n < 0 ? errno : EIO }
            written += n
        }
        return 0
    }

    /// The closures of `withUTF8` and `withUnsafeBytes` rethrow untyped errors: the failure comes out as a value.
    static func catching(_ body: () throws(Failure) -> Void) -> Failure? {
        do { try body() } catch { return error }
        return nil
    }

    /// Folder and name, without NSString (whose path methods trap on some
    /// short relative paths in swift-corelibs-foundation).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// Creates the folder a report goes to, as `mkdir -p` would.
    public static func createFolder(for path: String) throws(Failure) {
        let folder = split(path).folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, reason: "its folder cannot be created")
        }
    }
}

/// The C `write`, which `AtomicFile.write` would otherwise shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
