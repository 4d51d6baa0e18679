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
        // Rules compare names at every action they visit: ASCII names compare in place, without building keys.
        if let equal = withASCII(a, { a in withASCII(b) { b in ASCIIName.same(a, b) } }) { return equal }
        return key(a) == key(b)
    }

    /// `same` for two Strings: callers in other modules get this compiled
    /// code rather than the unspecialised generic one.
    public static func same(_ a: String, _ b: String) -> Bool {
        if let equal = withASCII(a, { a in withASCII(b) { b in ASCIIName.same(a, b) } }) { return equal }
        return key(a) == key(b)
    }

    /// `key` for a String (see `same(_:_:)` for why a second overload).
    public static func key(_ name: String) -> String {
        if let ascii = withASCII(name, { ASCIIName.key($0, of: name) }) { return ascii }
        return name.trimmingCharacters(in: " \t").lowercased()
    }

    /// The spelling-independent key of a name, for dictionaries and sets.
    public static func key(_ name: some StringProtocol) -> String {
        if let ascii = withASCII(name, { ASCIIName.key($0, of: name) }) { return ascii }
        return name.trimmingCharacters(in: " \t").lowercased()
    }

    /// The name of a value that is exactly one `{name}` reference (spaces around allowed), else nil.
    public static func wholeReference(_ value: String) -> String? {
        if let ascii = withASCII(value, ASCIIName.wholeReference) { return ascii }
        let trimmed = value.trimmingCharacters(in: " \t\r\n")
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.count > 2 else { return nil }
        let inner = trimmed.dropFirst().dropLast()
        return isIdentifier(inner) ? String(inner) : nil
    }

    /// Whether text is a Studio identifier: a letter first, then letters, digits, `_`, `$`, `.`, `:`
    /// (`Global:name` and dynamic members `obj.member` are referenced the same way).
    public static func isIdentifier(_ text: some StringProtocol) -> Bool {
        if let ascii = withASCII(text, { Optional(ASCIIName.isIdentifier($0)) }) { return ascii }
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_$.:".unicodeScalars.contains($0) }
    }

    /// Every `{name}` reference in a value, with the UTF-8 offset of its `{`.
    public static func references(in value: String) -> [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        let bytes = Array(value.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{") {
                // No `}` after this `{` means none after any later one either: stop (keeps hostile values linear).
                guard let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) else { break }
                let inner = bytes[(i + 1)..<close]
                let isName = inner.allSatisfy { $0 < 0x80 } ? inner.withUnsafeBufferPointer(ASCIIName.isIdentifier)
                    : isIdentifier(String(decoding: inner, as: UTF8.self))
                if isName { found.append((String(decoding: inner, as: UTF8.self), i)); i = close + 1; continue }
            }
            i += 1
        }
        return found
    }

    /// Runs `body` on the text's UTF-8 bytes when they are all ASCII (then a
    /// byte is a scalar and a Character, so byte tests answer exactly what the
    /// Unicode-aware code answers); nil otherwise, or when `body` says nil.
    static func withASCII<T>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        let result: T?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? body(bytes) : nil
        }
        return result ?? nil
    }
}

/// `VariableName` on ASCII bytes: the answers of its Unicode code for ASCII text.
enum ASCIIName {
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The range left after trimming spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let (ra, rb) = (trimmed(a), trimmed(b))
        guard ra.count == rb.count else { return false }
        for k in 0..<ra.count where lowercased(a[ra.lowerBound + k]) != lowercased(b[rb.lowerBound + k]) { return false }
        return true
    }

    /// Trimmed and lower-cased; `name` itself when that changes nothing (no copy for most names).
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, of name: some StringProtocol) -> String {
        let range = trimmed(bytes)
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if range.count == bytes.count, !slice.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return String(name) }
        return String(unsafeUninitializedCapacity: slice.count) { buffer in
            for (k, byte) in slice.enumerated() { buffer[k] = lowercased(byte) }
            return slice.count
        }
    }

    static func isIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// `.some(name)`, `.some(nil)` when the value is not one reference.
    static func wholeReference(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        var start = 0, end = bytes.count
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start > 2, bytes[start] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") else { return .some(nil) }
        let inner = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)])
        return .some(isIdentifier(inner) ? String(decoding: inner, as: UTF8.self) : nil)
    }
}
