import Foundation

/// Finding bytes in bytes: `memchr` for the needle's first byte, then `memcmp`.
/// The standard library's generic `firstRange(of:)` allocates per comparison and
/// Foundation's `range(of:)` bridges to NSString; both cost tens of thousands of
/// instructions a call, and some searches here run over every byte of a corpus.
public enum ByteSearch {
    /// The offset in `haystack` of the first occurrence of `needle`; nil when there is
    /// none or `needle` is empty.
    public static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else { return nil }
        return needle.withUnsafeBytes { needleBytes in
            let last = base + (haystack.count - needle.count)
            var start = base
            while start <= last {
                guard let hit = memchr(start, Int32(first), last - start + 1) else { return nil }
                if memcmp(hit, needleBytes.baseAddress!, needle.count) == 0 { return base.distance(to: UnsafeRawPointer(hit)) }
                start = UnsafeRawPointer(hit) + 1
            }
            return nil
        }
    }
}
