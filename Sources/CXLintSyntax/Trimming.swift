import Foundation

extension StringProtocol {
    /// Where `pattern` (ASCII) first occurs, compared byte for byte (`ByteSearch`). The
    /// range's bounds fall on scalar boundaries: an ASCII byte in UTF-8 is always a
    /// whole scalar.
    public func firstRange(ofASCII pattern: String) -> Range<Index>? {
        let needle = Array(pattern.utf8)
        let found = utf8.withContiguousStorageIfAvailable { ByteSearch.firstOffset(of: needle, in: UnsafeRawBufferPointer($0)) }
        guard let found else { return range(of: pattern) }
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.count)
    }

    /// Trims the scalars of `set` from both ends. Foundation's
    /// `trimmingCharacters(in: CharacterSet)` costs some 25,000 instructions a call
    /// (bridging to NSString and back), more than most checks it serves.
    public func trimmingCharacters(in set: String) -> String {
        if let ascii = trimmingASCII(set) { return ascii }
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars[...]
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }

    /// The trim for a set of ASCII scalars, on bytes: an ASCII byte in UTF-8 is
    /// always a whole scalar, so this removes exactly the scalars the loop above does.
    private func trimmingASCII(_ set: String) -> String? {
        guard set.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let members = Array(set.utf8)
        return utf8.withContiguousStorageIfAvailable { bytes in
            Self.trimmed(bytes, whole: self) { members.contains($0) }
        }
    }

    /// `trimmingCharacters(in: .whitespaces)` with the same result. Of ASCII, that set
    /// holds only space and tab; its other members (U+00A0, U+3000 and the rest of
    /// Unicode's space separators) are not ASCII, so an end that stops at a non-ASCII
    /// byte is left to Foundation.
    public func trimmingWhitespace() -> String {
        let fast = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let (start, end) = Self.keptBounds(bytes) { $0 == 0x20 || $0 == 0x09 }
            guard start == end || (bytes[start] < 0x80 && bytes[end - 1] < 0x80) else { return nil }
            return Self.trimmed(bytes, whole: self) { $0 == 0x20 || $0 == 0x09 }
        }
        return (fast ?? nil) ?? trimmingCharacters(in: CharacterSet.whitespaces)
    }

    /// The text between the first and last bytes not `isTrimmed`.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, whole: Self, _ isTrimmed: (UInt8) -> Bool) -> String {
        let (start, end) = keptBounds(bytes, isTrimmed)
        if start == 0, end == bytes.count { return String(whole) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private static func keptBounds(_ bytes: UnsafeBufferPointer<UInt8>, _ isTrimmed: (UInt8) -> Bool) -> (Int, Int) {
        var start = 0, end = bytes.count
        while start < end, isTrimmed(bytes[start]) { start += 1 }
        while end > start, isTrimmed(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }
}

extension Unicode.Scalar {
    /// `properties.isAlphabetic`, answered for ASCII without the property tables (a
    /// lookup costs some 300 instructions, and names are nearly always ASCII).
    public var isAlphabetic: Bool {
        isASCII ? (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) : properties.isAlphabetic
    }
}
