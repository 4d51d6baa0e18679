import CXLintSyntax

/// A value read from a file together with the range it came from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Node {
    /// The source text of a string or number scalar (phone numbers written
    /// unquoted in YAML, like `+19585550123`, read as numbers).
    public var scalarText: String? {
        guard let s = scalar, s.kind == .string || s.kind == .number else { return nil }
        return s.text
    }

    public var locatedString: Located<String>? {
        stringValue.map { Located($0, range) }
    }
}
