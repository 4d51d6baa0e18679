import Foundation
import CXLintModel
import CXLintSyntax

/// The `pN` parameters of the CXone signal API, as the custom_data rules see them.
enum SignalParameter {
    /// `p1` carries the session history key; the integration sets it itself.
    static let reserved = "p1"
    /// The keys custom_data may use: `p2` … `p9`.
    static let allowed = (2...9).map { "p\($0)" }

    /// Every transfer of the bundle's assistant exports whose custom_data is a mapping, with its entries
    /// (worked out once per bundle, by `LintContext`).
    static func customDataEntries(in context: LintContext) -> [(export: AssistantExport, transfer: Transfer, entries: [MappingEntry])] {
        context.customDataEntries
    }

    static func customDataEntries(in bundle: LintBundle) -> [(export: AssistantExport, transfer: Transfer, entries: [MappingEntry])] {
        bundle.assistantExports.flatMap { export in
            export.transfers.compactMap { transfer in
                transfer.customData?.value.mappingEntries.map { (export, transfer, $0) }
            }
        }
    }

    /// The allowed keys not yet used in a custom_data mapping, in order.
    static func freeKeys(in entries: [MappingEntry]) -> [String] {
        let used = Set(entries.map(\.keyText))
        return allowed.filter { !used.contains($0) }
    }

    /// A fix renaming a JSON key (its range includes the quotes).
    static func renameFix(_ entry: MappingEntry, to key: String, file: SourceID) -> Fix {
        Fix(title: "Rename to \(key)", edits: [TextEdit(file: file, range: entry.key.range, replacement: "\"\(key)\"")])
    }
}

extension Transfer {
    /// `connect_to_agent in action "Connect to agent"`, for messages.
    var subject: String { "connect_to_agent in \(ownerTitle.map { "\"\($0)\"" } ?? pointer)" }
}
