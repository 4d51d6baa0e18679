import CXLintSyntax

/// Documents parsed in an earlier run, by file, with the bytes they were
/// parsed from. The language server lints a whole bundle on every keystroke;
/// handing the last round's documents to the next one means only the files
/// whose bytes changed are parsed again (a 4 MB export stays parsed while its
/// config is edited). Every file is still read: a match needs equal bytes.
public struct ParsedFiles: Sendable {
    struct Entry: Sendable {
        var bytes: [UInt8]
        var documents: [LoadedDocument]
    }

    var entries: [SourceID: Entry] = [:]

    public init() {}

    /// Remembers what a bundle's files parsed to. Members of an archive are
    /// skipped: they are keyed by the archive's path, not their own.
    public init(bundles: [LintBundle]) {
        self.init(documents: bundles.flatMap(\.documents))
    }

    public init(documents: [LoadedDocument]) {
        for document in documents where !document.id.isArchiveMember {
            entries[document.id] = Entry(bytes: document.source.bytes, documents: [document])
        }
    }

    /// The documents of `id` when it held exactly `bytes`.
    func documents(_ id: SourceID, bytes: [UInt8]) -> [LoadedDocument]? {
        guard let entry = entries[id], entry.bytes == bytes else { return nil }
        return entry.documents
    }

    public var files: Set<SourceID> { Set(entries.keys) }

    /// Entries of `newer` replace these; only `keeping` files stay.
    public func updated(with newer: ParsedFiles, keeping: Set<SourceID>) -> ParsedFiles {
        var result = ParsedFiles()
        result.entries = entries.merging(newer.entries) { _, new in new }.filter { keeping.contains($0.key) }
        return result
    }
}
