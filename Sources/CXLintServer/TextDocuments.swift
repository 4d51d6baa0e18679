import Foundation

/// A buffer the editor has open: its text wins over the disk (the FileSystem overlay).
public struct OpenDocument: Sendable {
    public var uri: String
    public var version: Int?
    public var bytes: [UInt8]
}

/// One `contentChanges` entry of didChange: a whole new text, or a range replaced.
public struct ContentChange: Sendable {
    public var range: LSPRange?
    public var text: String

    public init(range: LSPRange?, text: String) {
        self.range = range
        self.text = text
    }

    public init?(_ json: JSONValue) {
        guard let text = json["text"]?.stringValue else { return nil }
        self.init(range: LSPRange(json["range"]), text: text)
    }

    /// Applies the change; ranges are resolved against the text as it is after the previous change.
    public func applied(to bytes: [UInt8], encoding: PositionEncoding) -> [UInt8] {
        guard let range else { return Array(text.utf8) }
        let converter = PositionConverter(bytes: bytes, encoding: encoding)
        let lo = converter.offset(of: range.start)
        let hi = max(lo, converter.offset(of: range.end))
        var result = bytes
        result.replaceSubrange(lo..<hi, with: Array(text.utf8))
        return result
    }
}

/// `file:` URIs ↔ absolute paths, the keys the linter's FileSystem uses.
public enum DocumentURI {
    public static func path(_ uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        let path = url.standardizedFileURL.path
        return path.isEmpty ? nil : path
    }

    public static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
