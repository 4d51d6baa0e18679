import CXLintSyntax

/// Documents parsed in an earlier run, by shown path, with the bytes they were
/// parsed from. The language server lints a whole bundle on every keystroke;
/// handing the last round's documents to the next one means only the files
/// whose bytes changed are parsed again (a 4 MB export stays parsed while its
/// config is edited). Every file is still read: a match needs equal bytes.
public struct ParsedFiles: Sendable {
    struct Entry: Sendable {
        var bytes: [UInt8]
        var documents: [LoadedDocument]
    }

    var entries: [String: Entry] = [:]

    public init() {}

    /// Remembers what a bundle's files parsed to. Members of an archive are
    /// skipped: they are keyed by the archive's path, not their own.
    public init(bundles: [LintBundle]) {
        self.init(documents: bundles.flatMap(\.documents))
    }

    public init(documents: [LoadedDocument]) {
        for document in documents where !document.path.contains("!/") {
            entries[document.path] = Entry(bytes: document.source.bytes, documents: [document])
        }
    }

    /// The documents of `path` when it held exactly `bytes`.
    func documents(_ path: String, bytes: [UInt8]) -> [LoadedDocument]? {
        guard let entry = entries[path], entry.bytes == bytes else { return nil }
        return entry.documents
    }

    public var paths: Set<String> { Set(entries.keys) }

    /// Entries of `newer` replace these; only `keeping` paths stay.
    public func updated(with newer: ParsedFiles, keeping: Set<String>) -> ParsedFiles {
        var result = ParsedFiles()
        result.entries = entries.merging(newer.entries) { _, new in new }.filter { keeping.contains($0.key) }
        return result
    }
}
