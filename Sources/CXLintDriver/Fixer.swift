import CXLintModel
import CXLintSyntax
import Foundation

/// Applies fixes in place: `cxlint check --fix`, with the same edits the
/// language server offers as quick fixes.
///
/// Edits are byte-exact replacements at the parsers' offsets, so the rest of a
/// file (comments, formatting, line endings) stays as it was. Files are written
/// atomically (a temporary file in the same folder, then a rename), so an
/// interrupted run never leaves half a config behind.
public struct Fixer: Sendable {
    public init() {}

    public struct Summary: Sendable, Equatable {
        /// Findings whose fix was applied.
        public var fixed: Int = 0
        /// Fixes left out because they overlap an edit already chosen; a second run applies them.
        public var skippedOverlapping: Int = 0
        /// Files rewritten, as the report shows them.
        public var files: [String] = []
        /// Files that could not be written (or changed on disk since they were linted), with why.
        public var failures: [String] = []
    }

    /// Applies the first fix of every finding in `report`, then writes each changed file once.
    public func apply(_ report: LintReport) -> Summary {
        var summary = Summary()
        let plan = Self.plan(report.diagnostics, summary: &summary)
        for (file, edits) in plan.sorted(by: { $0.key < $1.key }) {
            guard let source = report.sources[file] else {
                summary.failures.append("\(report.shown(file)): not read in this run")
                continue
            }
            do {
                try write(Self.applying(edits, to: source.bytes), to: file.path, expecting: source.bytes)
                summary.files.append(report.shown(file))
            } catch {
                summary.failures.append("\(report.shown(file)): \(error.message)")
            }
        }
        return summary
    }

    /// Fixes what `session` finds under `paths`, then lints again: the outcome is what remains.
    /// The edits applied are the rules' own, never masked ones.
    public func fixAndRecheck(_ paths: [String], with session: LintSession) -> (LintSession.CheckOutcome, Summary) {
        let summary = apply(session.check(paths).report)
        return (session.check(paths), summary)
    }

    /// Chooses edits per file: a fix is taken whole or not at all, and one that overlaps an
    /// edit already chosen is skipped. An edit identical to a chosen one (two findings
    /// offering the same change) counts as already made.
    static func plan(_ diagnostics: [Diagnostic], summary: inout Summary) -> [SourceID: [TextEdit]] {
        var chosen: [SourceID: [TextEdit]] = [:]
        for diagnostic in diagnostics {
            guard let fix = diagnostic.fixes.first, !fix.edits.isEmpty else { continue }
            // Members of a .zip export cannot be rewritten in place.
            guard !fix.edits.contains(where: \.file.isArchiveMember) else { continue }
            let fresh = fix.edits.filter { edit in !(chosen[edit.file] ?? []).contains(edit) }
            if fresh.isEmpty {
                summary.fixed += 1
                continue
            }
            let clashes = fresh.contains { edit in
                (chosen[edit.file] ?? []).contains { overlaps($0.range, edit.range) }
                    || fresh.contains { $0 != edit && $0.file == edit.file && overlaps($0.range, edit.range) }
            }
            if clashes {
                summary.skippedOverlapping += 1
                continue
            }
            for edit in fresh { chosen[edit.file, default: []].append(edit) }
            summary.fixed += 1
        }
        return chosen
    }

    /// Two ranges overlap when they share a byte, or when both are insertions at the same point
    /// (their order would be arbitrary).
    static func overlaps(_ a: SourceRange, _ b: SourceRange) -> Bool {
        if a.start.offset == b.start.offset { return true }
        return a.start.offset < b.end.offset && b.start.offset < a.end.offset
    }

    /// The bytes with non-overlapping edits applied, last first so earlier offsets stay valid.
    public static func applying(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.range.start.offset > $1.range.start.offset }) {
            let lo = max(0, min(edit.range.start.offset, result.count))
            let hi = max(lo, min(edit.range.end.offset, result.count))
            result.replaceSubrange(lo..<hi, with: Array(edit.replacement.utf8))
        }
        return result
    }

    struct WriteError: Error {
        var message: String
    }

    /// Writes atomically, keeping the file's permissions; refuses when the file on disk is
    /// no longer what was linted (an editor saved it meanwhile).
    func write(_ bytes: [UInt8], to file: String, expecting original: [UInt8]) throws(WriteError) {
        // Through a symbolic link to its target, so the rename replaces the file, not the link.
        let path = (file as NSString).resolvingSymlinksInPath
        var info = stat()
        guard let current = FileManager.default.contents(atPath: path), [UInt8](current) == original, stat(path, &info) == 0 else {
            throw WriteError(message: "changed on disk since it was read; not fixed")
        }
        do {
            try AtomicFile.write(bytes, to: path, mode: info.st_mode & 0o7777)
        } catch {
            throw WriteError(message: "cannot replace the file (\(error.reason))")
        }
    }
}
