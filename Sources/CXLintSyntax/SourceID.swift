/// Which file a finding, an edit or a path step is in: the file's absolute path and,
/// for an assistant export inside a downloaded .zip, the member's path in the archive.
///
/// It is identity only. Rules, the session, baselines and the editor compare and key
/// by it; reporters alone turn it into text: relative to the working directory on the
/// command line (`shown(relativeTo:)`), a `file:` URI in the editor. Text that has no
/// file (a rule example, a test) may carry a bare name instead of an absolute path.
public struct SourceID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Absolute and standardized (no `.`, `..` or doubled `/`) for a file on disk.
    public let path: String
    /// The member's path inside the archive at `path`; nil for a plain file.
    public let member: String?

    public init(path: String, member: String? = nil) {
        self.path = path
        self.member = member
    }

    /// The member `name` of the archive this identity names.
    public func member(_ name: String) -> SourceID { SourceID(path: path, member: name) }

    public var isArchiveMember: Bool { member != nil }

    /// The last component, the member's for an archive member: how a message names a file.
    /// Found among the bytes: splitting the path into Characters cost 30,000 instructions.
    public var fileName: String {
        let whole = member ?? path
        let bytes = whole.utf8
        let slash = UInt8(ascii: "/")
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        let start = bytes[..<end].lastIndex(of: slash).map(bytes.index(after:)) ?? bytes.startIndex
        return String(whole[start..<end])
    }

    /// How the command line shows it: relative to `workingDirectory` when under it,
    /// absolute otherwise; a member as `archive.zip!/member.json`.
    public func shown(relativeTo workingDirectory: String) -> String {
        let file: String
        if path == workingDirectory {
            file = "."
        } else if path.hasPrefix(workingDirectory + "/") {
            file = String(path.dropFirst(workingDirectory.count + 1))
        } else {
            file = path
        }
        return member.map { "\(file)!/\($0)" } ?? file
    }

    /// The absolute spelling, for logs and test failures; reporters use `shown(relativeTo:)`.
    public var description: String { shown(relativeTo: "/") }

    public static func < (a: SourceID, b: SourceID) -> Bool {
        if a.path != b.path { return a.path < b.path }
        return (a.member ?? "") < (b.member ?? "")
    }
}
