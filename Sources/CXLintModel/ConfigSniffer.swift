import CXLintSyntax

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

    /// Whether `needle` occurs in `haystack` (`ByteSearch`: this runs over every byte of a corpus).
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        ByteSearch.firstOffset(of: needle, in: haystack) != nil
    }
}
