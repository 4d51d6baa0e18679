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
