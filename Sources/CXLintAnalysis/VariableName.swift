/// How Studio variable names compare, and how values refer to variables.
///
/// Decision: names compare **case-insensitively**. Source: CXone Studio's
/// Variables help page (https://help.nice-incontact.com/content/studio/guide/variables.htm,
/// "applies to both CXone Studio and Desktop Studio", and the Snippet
/// reference https://help.nice-incontact.com/content/studio/scripting/reference/variables.htm)
/// defines a name by its characters only (letters, digits, `_`, `$`; a letter
/// first) and distinguishes names by nothing else; Snippet "is built upon the
/// .NET framework" in the BASIC tradition, where identifiers ignore case. The
/// pages cxlint could consult do not state case sensitivity in so many words,
/// so the choice errs towards silence: a linter that flagged `{contactid}`
/// against `{ContactId}` would report scripts that may well work, while the
/// opposite mistake only costs a missed warning. Every comparison goes through
/// `same(_:_:)`, so the decision lives in one place (and is tested).
public enum VariableName {
    /// Whether two spellings name the same Studio variable.
    public static func same(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        key(a) == key(b)
    }

    /// The spelling-independent key of a name, for dictionaries and sets.
    public static func key(_ name: some StringProtocol) -> String {
        asciiKey(name.utf8) ?? name.trimmingCharacters(in: " \t").lowercased()
    }

    /// The key of an ASCII name straight from its bytes (constant propagation asks
    /// for keys at every assignment it replays); nil for other names.
    static func asciiKey(_ utf8: some Collection<UInt8>) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The name of a value that is exactly one `{name}` reference (spaces around allowed), else nil.
    public static func wholeReference(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: " \t\r\n")
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.count > 2 else { return nil }
        let inner = trimmed.dropFirst().dropLast()
        return isIdentifier(inner) ? String(inner) : nil
    }

    /// Whether text is a Studio identifier: a letter first, then letters, digits, `_`, `$`, `.`, `:`
    /// (`Global:name` and dynamic members `obj.member` are referenced the same way).
    public static func isIdentifier(_ text: some StringProtocol) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_$.:".unicodeScalars.contains($0) }
    }

    /// Every `{name}` reference in a value, with the UTF-8 offset of its `{`.
    public static func references(in value: String) -> [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        let bytes = Array(value.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{"), let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) {
                let inner = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                if isIdentifier(inner) { found.append((inner, i)); i = close + 1; continue }
            }
            i += 1
        }
        return found
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars[...]
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }
}
