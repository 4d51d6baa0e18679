import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum AuditFormat: String, Sendable, CaseIterable {
    case html, md, json, csv

    /// The format a report path asks for by its extension.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": self = .html
        case "md", "markdown": self = .md
        case "json": self = .json
        case "csv": self = .csv
        default: return nil
        }
    }

    /// Where each format goes: one format writes to the path as given;
    /// several share its name with each format's extension.
    public static func destinations(report path: String, formats: [AuditFormat]) -> [(AuditFormat, String)] {
        var unique: [AuditFormat] = []
        for format in formats where !unique.contains(format) { unique.append(format) }
        guard unique.count > 1 else { return unique.map { ($0, path) } }
        let base = AuditFormat(path: path) == nil ? path : (path as NSString).deletingPathExtension
        return unique.map { ($0, base + "." + $0.rawValue) }
    }
}

/// Everything a renderer needs besides the report.
public struct RenderOptions: Sendable {
    /// Prepended to a finding's file path to make a link that works from the
    /// report's folder (paths in findings are relative to where the audit ran).
    public var linkPrefix: String

    public init(linkPrefix: String = "") {
        self.linkPrefix = linkPrefix
    }

    /// The prefix for a report written to `reportPath`, audited from `workingDirectory`.
    public static func forReport(at reportPath: String, workingDirectory: String) -> RenderOptions {
        let reportFolder = ((reportPath.hasPrefix("/") ? reportPath : workingDirectory + "/" + reportPath) as NSString)
            .standardizingPath
        let from = (reportFolder as NSString).deletingLastPathComponent.split(separator: "/")
        let to = (workingDirectory as NSString).standardizingPath.split(separator: "/")
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let downs = to[common...].map(String.init)
        let relative = (ups + downs).joined(separator: "/")
        return RenderOptions(linkPrefix: relative.isEmpty ? "" : relative + "/")
    }
}

public enum AuditRenderer {
    public static func render(_ report: AuditReport, as format: AuditFormat, options: RenderOptions = RenderOptions()) -> String {
        switch format {
        case .json: AuditJSON.render(report)
        case .md: AuditMarkdown.render(report)
        case .csv: AuditCSV.render(report)
        case .html: AuditHTML.render(report, options: options)
        }
    }
}

public enum AuditJSON {
    /// The same text as encoding the whole report at once, but built one
    /// bundle at a time: the encoder's intermediate tree for a whole fleet
    /// would be the audit's largest allocation.
    public static func render(_ report: AuditReport) -> String {
        var skeleton = report
        skeleton.bundles = []
        let text = encode(skeleton)
        guard !report.bundles.isEmpty, let key = text.range(of: "\n  \"bundles\" : ["),
              let close = text.range(of: "]", range: key.upperBound..<text.endIndex) else { return text }
        var out = String(text[..<key.upperBound])
        for (index, bundle) in report.bundles.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            // Pretty-printed JSON never has a raw line break inside a string, so indenting by line is exact.
            for (n, line) in encode(bundle).dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { out += "\n" }
                if !line.isEmpty { out += "    " + line }
            }
        }
        out += "\n  ]"
        out += text[close.upperBound...]
        return out
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case notAnAudit(String, String)
        case unsupportedVersion(String, Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
            case .notAnAudit(let path, let reason): "\(path): not a cxlint audit JSON report (\(reason))"
            case .unsupportedVersion(let path, let version): "\(path): audit report version \(version) is not supported (this cxlint writes \(AuditReport.formatVersion))"
            }
        }
    }

    public static func load(_ path: String) throws(Failure) -> AuditReport {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw .unreadable(path, error.localizedDescription) }
        let report: AuditReport
        do { report = try JSONDecoder().decode(AuditReport.self, from: data) } catch { throw .notAnAudit(path, Self.describe(error)) }
        guard report.version == AuditReport.formatVersion else { throw .unsupportedVersion(path, report.version) }
        return report
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\(key.stringValue)\" at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}

/// Writes a file so a reader sees the old content or the whole new one,
/// never a half-written report: a temporary file in the same folder (same
/// file system, so rename is atomic), flushed, then renamed over the target.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write the report: \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        let (folder, name) = split(path)
        let temporary = folder + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var text = text
        // Writes the string's own UTF-8 storage: no copy of a report that may be tens of megabytes.
        var (ok, code) = text.withUTF8 { bytes -> (Bool, Int32) in
            var written = 0
            while written < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + written, bytes.count - written)
                if n <= 0 { return (false, errno) }
                written += n
            }
            return (true, 0)
        }
        if ok, fsync(fd) != 0 { ok = false; code = errno }
        close(fd)
        if ok, rename(temporary, path) != 0 { ok = false; code = errno }
        if !ok {
            unlink(temporary)
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
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
