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
        let (folder, name) = split(path)
        let temporary = folder + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        var code: Int32 = 0
        var written = 0
        while written < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { ok = false; code = errno; break }
            written += n
        }
        // open() applies the umask; the target's own permissions are what a fix must keep.
        if ok, fchmod(fd, mode) != 0 { ok = false; code = errno }
        if ok, fsync(fd) != 0 { ok = false; code = errno }
        close(fd)
        if ok, rename(temporary, path) != 0 { ok = false; code = errno }
        if !ok {
            unlink(temporary)
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
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
