import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cheap look for configs before anything is parsed: a config names its
/// root key, so a file whose bytes do not hold it is none. A match is only a
/// candidate; parsing decides.
public enum ConfigSniffer {
    public static let marker = Array(IntegrationConfigLoader.rootKey.utf8)

    /// Whether a file's bytes may be a config, looking inside a zip archive's
    /// members (compressed, they never show the key in the archive's bytes).
    public static func mayHoldConfig(_ bytes: [UInt8], maxFileSize: Int) -> Bool {
        if bytes.withUnsafeBytes({ contains($0, marker) }) { return true }
        guard DocumentLoader.syntax(of: bytes) == .zip else { return false }
        return ZipExportReader.anyMember(of: bytes, maxFileSize: maxFileSize) { member in member.withUnsafeBytes { contains($0, marker) } }
    }

    /// A plain byte search (`memchr` for the first byte, then `memcmp`): the
    /// generic `firstRange(of:)` allocates per comparison, and this runs over
    /// every byte of a corpus.
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else { return false }
        return needle.withUnsafeBytes { needleBytes in
            let last = base + (haystack.count - needle.count)
            var start = base
            while start <= last {
                guard let hit = memchr(start, Int32(first), last - start + 1) else { return false }
                if memcmp(hit, needleBytes.baseAddress!, needle.count) == 0 { return true }
                start = UnsafeRawPointer(hit) + 1
            }
            return false
        }
    }
}
