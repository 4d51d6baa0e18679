import CXLintSyntax
import Foundation
import ZIPFoundation

/// The assistant UI's download: a .zip holding `action-skill.json` and maybe
/// `dialog-skill.json`. Each member is loaded like a file of its own, named
/// `archive.zip!/member.json` in findings.
enum ZipExportReader {
    struct TooLarge: Error {}

    static func documents(in source: SourceFile, maxFileSize: Int) -> [LoadedDocument] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(source.bytes), accessMode: .read)
        } catch {
            return [unreadable(source, "the file starts like a zip archive but cannot be opened as one (\(error)); download the export again")]
        }
        var documents: [LoadedDocument] = []
        for entry in archive where entry.type == .file {
            let member = source.id.member(entry.path)
            guard entry.uncompressedSize <= UInt64(maxFileSize) else {
                documents.append(unreadable(source, "\(entry.path) in the archive is larger than \(maxFileSize) bytes; it was not read"))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try extract(entry, from: archive, maxFileSize: maxFileSize)
            } catch {
                documents.append(unreadable(source, "\(entry.path) in the archive cannot be extracted (\(error))"))
                continue
            }
            // An archive inside the archive is never opened: the UI's download holds
            // only JSON, and a self-containing zip ("zip quine") would recurse forever.
            if DocumentLoader.syntax(of: bytes) == .zip { continue }
            documents += DocumentLoader.load(SourceFile(id: member, bytes: bytes), maxFileSize: maxFileSize).filter(\.isRecognized)
        }
        return documents
    }

    static func extract(_ entry: Entry, from archive: Archive, maxFileSize: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            bytes.append(contentsOf: chunk)
            if bytes.count > maxFileSize { throw TooLarge() }
        }
        return bytes
    }

    /// Whether any member that `documents(in:)` would read satisfies `test`; an
    /// archive that does not open has none.
    static func anyMember(of bytes: [UInt8], maxFileSize: Int, _ test: ([UInt8]) -> Bool) -> Bool {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return false
        }
        for entry in archive where entry.type == .file && entry.uncompressedSize <= UInt64(maxFileSize) {
            if let member = try? extract(entry, from: archive, maxFileSize: maxFileSize), test(member) { return true }
        }
        return false
    }

    static func unreadable(_ source: SourceFile, _ message: String) -> LoadedDocument {
        DocumentLoader.unreadable(source, message)
    }
}
