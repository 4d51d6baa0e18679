/// The audit's bundles grouped by the folders they were found in, so a fleet
/// kept as `brand/environment/line-NNNNN/` reads as brands and environments
/// with their counts and worst status, not as one table of 3,000 rows.
///
/// A folder holding a single bundle (a line's own folder) is not a group: the
/// bundle is a row of the folder above. A folder with no bundle of its own and
/// a single subfolder is merged with it (`Samples/broken`), so every level
/// shown is a real choice between several groups.
public struct FolderGroup: Sendable, Equatable {
    /// The folder path, relative like the bundles' paths (merged levels joined by `/`).
    public var path: String
    /// The last segment(s) of `path` that this level adds to its parent's.
    public var name: String
    /// Bundles directly in this group, worst first.
    public var bundles: [AuditBundle]
    public var subgroups: [FolderGroup]
    /// Over every bundle in the group and its subgroups.
    public var summary: AuditSummary

    /// The worst status of any bundle in the group.
    public var worst: AuditBundle.Status {
        AuditBundle.Status.allCases.first { summary[$0] > 0 } ?? .clean
    }

    /// The groups of a report: one top-level group per root folder that holds
    /// more than one bundle; bundles alone at the top are rows of the first level.
    public static func groups(_ bundles: [AuditBundle]) -> FolderGroup {
        var tree = Tree()
        for bundle in bundles {
            tree.insert(bundle, at: bundle.path.split(separator: "/").map(String.init)[...])
        }
        let prefix = bundles.first?.path.hasPrefix("/") == true ? "/" : ""
        return tree.group(name: prefix, path: prefix)
    }

    /// Folder → subfolders, built once from the bundles' paths.
    struct Tree {
        var children: [String: Tree] = [:]
        var bundles: [AuditBundle] = []
        var count = 0

        mutating func insert(_ bundle: AuditBundle, at components: ArraySlice<String>) {
            count += 1
            guard let first = components.first else {
                bundles.append(bundle)
                return
            }
            children[first, default: Tree()].insert(bundle, at: components.dropFirst())
        }

        var allBundles: [AuditBundle] {
            bundles + children.values.flatMap(\.allBundles)
        }

        func group(name: String, path: String) -> FolderGroup {
            var rows = bundles
            var subgroups: [FolderGroup] = []
            for (childName, child) in children.sorted(by: { $0.key < $1.key }) {
                if child.count == 1 {
                    rows += child.allBundles
                } else {
                    let childPath = path.isEmpty || path == "/" ? path + childName : path + "/" + childName
                    subgroups.append(child.group(name: childName, path: childPath))
                }
            }
            if rows.isEmpty, subgroups.count == 1 {
                var only = subgroups[0]
                only.name = name.isEmpty || name == "/" ? name + only.name : name + "/" + only.name
                return only
            }
            return FolderGroup(
                path: path, name: name, bundles: rows.sorted(by: FolderGroup.worstFirst), subgroups: subgroups,
                summary: AuditReport.summarize(allBundles))
        }
    }

    /// By status (failing first), then most errors and warnings, then ID.
    static func worstFirst(_ a: AuditBundle, _ b: AuditBundle) -> Bool {
        let rank = { (s: AuditBundle.Status) in AuditBundle.Status.allCases.firstIndex(of: s) ?? 0 }
        return (rank(a.status), -a.errors, -a.warnings, a.id) < (rank(b.status), -b.errors, -b.warnings, b.id)
    }
}

extension AuditHTML {
    /// The "By folder" section: nested `<details>`, the first level open, each
    /// summary line giving the group's worst status and counts.
    static func folderSection(_ bundles: [AuditBundle], anchors: [String: String]) -> String {
        let root = FolderGroup.groups(bundles)
        // A report of one flat folder has nothing to group.
        guard !root.subgroups.isEmpty else { return "" }
        return "<section class=\"folders\"><h2>By folder</h2>\n" + folderHTML(root, depth: 0, anchors: anchors) + "</section>\n"
    }

    static func folderHTML(_ group: FolderGroup, depth: Int, anchors: [String: String]) -> String {
        let s = group.summary
        let statuses = AuditBundle.Status.allCases.filter { s[$0] > 0 }.map { "\(s[$0]) \($0.label)" }.joined(separator: " · ")
        let findings = "\(s.errors) error\(s.errors == 1 ? "" : "s") · \(s.warnings) warning\(s.warnings == 1 ? "" : "s") · \(s.notes) note\(s.notes == 1 ? "" : "s")"
        var out = "<details class=\"folder\" data-status=\"\(group.worst.rawValue)\"\(depth == 0 ? " open" : "")><summary>"
        out += "<span class=\"pill \(group.worst.rawValue)\">\(group.worst.label)</span> <code>\(escape(group.name.isEmpty ? "." : group.name))</code> "
        out += "<span class=\"counts\">\(s.bundles) bundles: \(statuses) · \(findings)</span></summary>\n"
        for subgroup in group.subgroups {
            out += folderHTML(subgroup, depth: depth + 1, anchors: anchors)
        }
        if !group.bundles.isEmpty {
            out += "<table class=\"rows\"><thead><tr><th>Bundle</th><th>Status</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr></thead><tbody>\n"
            for b in group.bundles {
                out += "<tr><td>\(bundleName(b, anchors: anchors))</td><td><span class=\"pill \(b.status.rawValue)\">\(b.status.label)</span></td>"
                out += "<td>\(b.errors)</td><td>\(b.warnings)</td><td>\(b.notes)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</details>\n"
    }
}
