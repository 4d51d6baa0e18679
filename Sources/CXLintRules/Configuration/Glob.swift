/// A path pattern as in .gitignore: `*` and `?` stay within one path segment,
/// `**` crosses segments, `[abc]` is a set. A pattern without `/` matches a
/// name at any depth; a pattern matching a folder matches everything in it.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        if text.hasPrefix("/") { text.removeFirst() } else if !text.contains("/") { text = "**/" + text }
        if text.hasSuffix("/") { text += "**" }
        segments = text.split(separator: "/", omittingEmptySubsequences: true)
    }

    public var description: String { pattern }

    /// Whether a `/`-separated relative path, or a folder above it, matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return (1...max(1, parts.count)).contains { Self.match(segments[...], parts.prefix($0)) }
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            return (path.startIndex...path.endIndex).contains { match(rest, path[$0...]) }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// One segment: `*`, `?` and `[...]` sets (`[!...]` negates).
    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let p = pattern.first else { return name.isEmpty }
        switch p {
        case "*":
            return (name.startIndex...name.endIndex).contains { matchSegment(pattern.dropFirst(), name[$0...]) }
        case "?":
            return !name.isEmpty && matchSegment(pattern.dropFirst(), name.dropFirst())
        case "[":
            guard let close = pattern.dropFirst().firstIndex(of: "]"), let c = name.first else {
                return name.first == "[" && matchSegment(pattern.dropFirst(), name.dropFirst())
            }
            var set = pattern[(pattern.startIndex + 1)..<close]
            let negated = set.first == "!"
            if negated { set = set.dropFirst() }
            guard set.contains(c) != negated else { return false }
            return matchSegment(pattern[(close + 1)...], name.dropFirst())
        default:
            return name.first == p && matchSegment(pattern.dropFirst(), name.dropFirst())
        }
    }
}
