import CXLintModel
import CXLintSyntax

/// Maps a range inside a property's decoded value back to the file, through
/// the escapes it was written with: XML entities (`&quot;`, `&#xD;`) in
/// desktop scripts, JSON escapes (`\"`, `\u00e9`) in web scripts. The mapping
/// is built from the model's range and the file's bytes, never by searching.
public enum ValueLocation {
    /// The source range of `utf8Range` of the property's value, or nil when
    /// the written text does not decode to exactly the value (then callers
    /// point at the whole property).
    public static func range(of utf8Range: Range<Int>, in property: StudioProperty, source: SourceFile) -> SourceRange? {
        guard let map = offsetMap(property: property, source: source),
              utf8Range.lowerBound >= 0, utf8Range.upperBound < map.count else { return nil }
        return SourceRange(start: source.location(atOffset: map[utf8Range.lowerBound]),
                           end: source.location(atOffset: map[utf8Range.upperBound]))
    }

    /// Whether the property's range holds the value verbatim (no escapes, no quotes),
    /// so a fix may replace the range with new text as is.
    public static func coversExactly(_ property: StudioProperty, source: SourceFile) -> Bool {
        let (start, end) = (property.range.start.offset, property.range.end.offset)
        guard start >= 0, end <= source.bytes.count, start <= end else { return false }
        return Array(source.bytes[start..<end]) == Array(property.value.utf8)
    }

    /// For each UTF-8 offset of the decoded value (and one past the end), the file offset it was written at.
    static func offsetMap(property: StudioProperty, source: SourceFile) -> [Int]? {
        let (start, end) = (property.range.start.offset, property.range.end.offset)
        guard start >= 0, end <= source.bytes.count, start <= end else { return nil }
        let raw = Array(source.bytes[start..<end])
        let decoded: (bytes: [UInt8], map: [Int])
        if raw.count >= 2, raw.first == UInt8(ascii: "\""), raw.last == UInt8(ascii: "\"") {
            decoded = decodeJSON(raw, base: start)
        } else {
            decoded = decodeXML(raw, base: start)
        }
        return decoded.bytes == Array(property.value.utf8) ? decoded.map : nil
    }

    static func decodeXML(_ raw: [UInt8], base: Int) -> ([UInt8], [Int]) {
        var out: [UInt8] = [], map: [Int] = []
        var i = 0
        let named: [String: UInt8] = ["lt": 0x3C, "gt": 0x3E, "amp": 0x26, "quot": 0x22, "apos": 0x27]
        while i < raw.count {
            if raw[i] == UInt8(ascii: "&"), let semi = raw[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
                var scalar: Unicode.Scalar?
                if let byte = named[name] { scalar = Unicode.Scalar(byte) }
                else if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
                if let scalar {
                    for byte in String(scalar).utf8 { out.append(byte); map.append(base + i) }
                    i = semi + 1
                    continue
                }
            }
            out.append(raw[i]); map.append(base + i); i += 1
        }
        map.append(base + raw.count)
        return (out, map)
    }

    static func decodeJSON(_ raw: [UInt8], base: Int) -> ([UInt8], [Int]) {
        var out: [UInt8] = [], map: [Int] = []
        var i = 1
        let end = raw.count - 1
        var pendingHigh: UInt32?
        while i < end {
            if raw[i] == UInt8(ascii: "\\"), i + 1 < end {
                let e = raw[i + 1]
                let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
                if let byte = simple[e] { out.append(byte); map.append(base + i); i += 2; continue }
                if e == UInt8(ascii: "u"), i + 6 <= end, let unit = UInt32(String(decoding: raw[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16) {
                    let escapeStart = base + i
                    i += 6
                    if (0xD800..<0xDC00).contains(unit) { pendingHigh = unit; continue }
                    var code = unit
                    if (0xDC00..<0xE000).contains(unit), let high = pendingHigh { code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00) }
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(code) { for byte in String(scalar).utf8 { out.append(byte); map.append(escapeStart) } }
                    continue
                }
            }
            out.append(raw[i]); map.append(base + i); i += 1
        }
        map.append(base + end)
        return (out, map)
    }
}
