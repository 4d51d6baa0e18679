import CXLintBytes
import Foundation

/// Finds byte ranges that hold credentials, on the raw bytes of any file,
/// whether it parses or not: a config with a syntax error must not print its
/// access key secret in a source excerpt either.
///
/// Two detectors:
/// - **Credential keys**: the value after `access_key_secret` or `access_key_id`
///   (any case, `accessKeySecret` spelling too) and `:` or `=`, quoted or not,
///   up to the end of the value on that line. A whole `${VAR}` reference is
///   not a secret and stays visible.
/// - **Secret-looking tokens**: a run of at least `minTokenLength` characters
///   from the base64/base64url alphabet (`A-Z a-z 0-9 + / = _ -`) that mixes
///   upper case, lower case and digits and carries at least `minBitsPerChar`
///   bits of Shannon entropy per character. CXone access key secrets and IDs,
///   AWS/IBM Cloud keys, JWTs and bearer tokens all pass; words, identifiers,
///   UUIDs (no upper case), phone numbers, camelCase identifiers (mostly
///   words: `maxWordCoverage`) and host/path runs after a dot do not.
///   Measured on Samples/ and ../shared/real-exports: no false positive.
public enum SecretScanner {
    public static let minTokenLength = 24
    public static let minBitsPerChar = 4.0

    public static func ranges(in bytes: [UInt8]) -> [Range<Int>] {
        // Both detectors only look inside runs of token bytes (a credential key is one,
        // and so is a secret): one pass finds the runs long enough for either.
        let runs = tokenRuns(in: bytes, minLength: shortestKeyLength)
        return merged(credentialValues(in: bytes, runs: runs) + secretLookingTokens(in: bytes, runs: runs))
    }

    /// The same as `ranges(in:)`, as source ranges of `file`.
    public static func sourceRanges(in file: SourceFile) -> [SourceRange] {
        ranges(in: file.bytes).map { file.range(fromOffset: $0.lowerBound, toOffset: $0.upperBound) }
    }

    // MARK: - Credential keys

    static let credentialKeys: [[UInt8]] = ["access_key_secret", "access_key_id", "accesskeysecret", "accesskeyid"].map { Array($0.utf8) }
    /// The length of `accesskeyid`, the shortest of `credentialKeys` (a test checks it): a
    /// constant, so that `tokenRuns` is compiled for it.
    static var shortestKeyLength: Int { 11 }

    /// Every key is made of token bytes, so it lies inside one of `runs`, and starts
    /// with "access": each place that spells it is tried in file order, and a value
    /// found resumes the search after it.
    static func credentialValues(in bytes: [UInt8], runs: [Range<Int>]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var resume = 0
        for run in runs {
            // A key starting at `i` needs `i + shortestKeyLength <= run.upperBound`.
            let searchEnd = run.upperBound - (shortestKeyLength - keyPrefix.count)
            var from = max(run.lowerBound, resume)
            while let i = firstKeyPrefix(in: bytes, from: from, to: searchEnd) {
                guard let key = credentialKeys.first(where: { matchesIgnoringCase($0, in: bytes, at: i) }),
                      let value = valueRange(in: bytes, afterKeyEndingAt: i + key.count) else {
                    from = i + 1
                    continue
                }
                found.append(value)
                resume = value.upperBound
                from = resume
            }
        }
        return found
    }

    /// What every credential key starts with.
    static let keyPrefix = Array("access".utf8)

    /// The first offset at or after `start` where `keyPrefix` is spelled (any case)
    /// and ends by `end`. Horspool's search: runs cover most of a file, and testing
    /// every offset in them cost more than the rest of the scanner.
    static func firstKeyPrefix(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let last = keyPrefix.count - 1
        let lastLetter = keyPrefix[last]
        return keyPrefixShifts.withUnsafeBufferPointer { shifts in
            bytes.withUnsafeBufferPointer { buffer in
                var i = start
                while i + last < end {
                    let byte = buffer[i + last]
                    if lowercased(byte) == lastLetter, matchesIgnoringCase(keyPrefix, in: bytes, at: i) { return i }
                    i += Int(shifts[Int(byte)])
                }
                return nil
            }
        }
    }

    /// Horspool's shift for the byte under the window's last position, in either case:
    /// how far the window may move before that byte can line up with the same letter of `keyPrefix`.
    static let keyPrefixShifts: [UInt8] = {
        var shifts = [UInt8](repeating: UInt8(keyPrefix.count), count: 256)
        for (j, letter) in keyPrefix.dropLast().enumerated() {
            let shift = UInt8(keyPrefix.count - 1 - j)
            shifts[Int(letter)] = shift
            shifts[Int(letter) - 0x20] = shift
        }
        return shifts
    }()

    static func matchesIgnoringCase(_ key: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + key.count <= bytes.count else { return false }
        for (k, expected) in key.enumerated() where lowercased(bytes[start + k]) != expected { return false }
        return true
    }

    static func lowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// `key": "value"`, `key: value`, `key = 'value'`, `key="value"` (XML attribute): the value's bytes.
    static func valueRange(in bytes: [UInt8], afterKeyEndingAt keyEnd: Int) -> Range<Int>? {
        var i = keyEnd
        if i < bytes.count, bytes[i] == 0x22 || bytes[i] == 0x27 { i += 1 }  // the key's closing quote
        i = skipBlanks(bytes, from: i)
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: "=") else { return nil }
        i = skipBlanks(bytes, from: i + 1)
        guard i < bytes.count else { return nil }
        let start: Int
        var end: Int
        if bytes[i] == 0x22 || bytes[i] == 0x27 {
            let quote = bytes[i]
            start = i + 1
            end = start
            while end < bytes.count, bytes[end] != quote, !isLineEnd(bytes[end]) {
                end += bytes[end] == 0x5C && end + 1 < bytes.count && !isLineEnd(bytes[end + 1]) ? 2 : 1
            }
            end = min(end, bytes.count)
        } else {
            start = i
            end = start
            if bytes[start...].starts(with: "${".utf8) {
                // `${NAME}` then maybe a `# comment`: the reference ends at its brace.
                while end < bytes.count, !isLineEnd(bytes[end]), bytes[end] != UInt8(ascii: "}") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "}") { end += 1 }
            } else {
                while end < bytes.count, !isLineEnd(bytes[end]), !",}]<".utf8.contains(bytes[end]),
                      !(bytes[end] == UInt8(ascii: "#") && end > start && bytes[end - 1] == 0x20) { end += 1 }
            }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        }
        guard end > start, !isReference(bytes[start..<end]) else { return nil }
        return start..<end
    }

    static func skipBlanks(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    static func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

    /// A whole `${NAME}` reference: what the README asks for, safe to show.
    static func isReference(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count > 3, value.starts(with: "${".utf8), value.last == UInt8(ascii: "}") else { return false }
        return value.dropFirst(2).dropLast().allSatisfy { $0 == 0x5F || isAlphanumeric($0) }
    }

    // MARK: - Secret-looking tokens

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || b == 0x2B || b == 0x2F || b == 0x3D || b == 0x5F || b == 0x2D
    }

    static func secretLookingTokens(in bytes: [UInt8], runs: [Range<Int>]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for run in runs where run.count >= minTokenLength && !isHostAndPath(bytes, run) && runLooksSecret(bytes[run]) {
            found.append(run)
        }
        return found
    }

    /// Maximal runs of token bytes at least `minLength` long. Runs over every byte of
    /// every file, so it classifies 64 bytes at a time (`cxl_token64`) into a mask and
    /// looks at a window's runs only when the mask holds one long enough, or one that
    /// reaches the window's end and may go on in the next.
    @inline(__always) static func tokenRuns(in bytes: [UInt8], minLength: Int) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            let n = buffer.count
            var runs: [Range<Int>] = []
            // Where the run reaching the end of the windows so far starts, or -1.
            var carried = -1
            var window = 0
            while window < n {
                let length = min(64, n - window)
                var mask: UInt64
                if length == 64 {
                    mask = cxl_token64(base + window)
                    if mask == ~0 {
                        if carried < 0 { carried = window }
                        window &+= 64
                        continue
                    }
                } else {
                    mask = 0
                    for k in 0..<length where isTokenByte(base[window + k]) { mask |= 1 &<< UInt64(k) }
                }
                if carried >= 0 {
                    let ones = (~mask).trailingZeroBitCount
                    if window + ones - carried >= minLength { runs.append(carried..<(window + ones)) }
                    carried = -1
                    mask &= ~((1 &<< UInt64(ones)) &- 1)
                }
                // Bit k of `long`: bytes k..<k + minLength of the window all token bytes. The
                // first such bit of a run is where it starts.
                var long = minLength <= 64 ? mask : 0
                var covered = 1
                while covered &* 2 <= minLength {
                    long &= long &>> UInt64(covered)
                    covered &*= 2
                }
                if covered < minLength { long &= long &>> UInt64(minLength - covered) }
                while long != 0 {
                    let start = long.trailingZeroBitCount
                    let end = start &+ (~(mask &>> UInt64(start))).trailingZeroBitCount
                    if end == 64 { break }
                    runs.append((window + start)..<(window + end))
                    long &= ~((1 &<< UInt64(end)) &- 1)
                }
                // A run reaching the window's end may go on in the next window.
                if length == 64, mask >> 63 == 1 { carried = window + 64 - (~mask).leadingZeroBitCount }
                window &+= length
            }
            if carried >= 0, n - carried >= minLength { runs.append(carried..<n) }
            return runs
        }
    }

    /// `example.com/inContactAPI/services/v30`, `w3.org/2001/XMLSchema-instance`: the
    /// rest of a URL after a dot, not a token.
    static func isHostAndPath(_ bytes: [UInt8], _ run: Range<Int>) -> Bool {
        run.lowerBound > 0 && bytes[run.lowerBound - 1] == UInt8(ascii: ".") && bytes[run].contains(UInt8(ascii: "/"))
    }

    /// How much of a token is made of words (`Capitalised` or `lower` runs of three
    /// letters or more): camelCase identifiers such as `setContactIDHeader2Value`
    /// are mostly words, random keys hardly any.
    static func wordCoverage(_ token: ArraySlice<UInt8>) -> Double {
        var covered = 0, i = token.startIndex
        while i < token.endIndex {
            var j = i
            if token[j] >= 0x41 && token[j] <= 0x5A { j += 1 }
            let lowerStart = j
            while j < token.endIndex, token[j] >= 0x61 && token[j] <= 0x7A { j += 1 }
            if j - lowerStart >= 2, j - i >= 3 {
                covered += j - i
                i = j
            } else {
                i += 1
            }
        }
        return Double(covered) / Double(max(1, token.count))
    }

    static let maxWordCoverage = 0.6
    static let minSegmentLength = 16

    /// A run with a `/` may be a URL path (`/api/v1/web/<uuid>/default/Start`) or a
    /// base64 key that happens to hold one: each segment is judged alone, against
    /// the entropy its length allows, and one secret-looking segment masks the run.
    static func runLooksSecret(_ run: ArraySlice<UInt8>) -> Bool {
        guard run.contains(UInt8(ascii: "/")) else { return looksSecret(run, minBits: minBits(length: run.count)) }
        return run.split(separator: UInt8(ascii: "/")).contains { segment in
            segment.count >= minSegmentLength && looksSecret(segment, minBits: minBits(length: segment.count))
        }
    }

    /// A short random string cannot reach 4 bits per character (24 distinct
    /// characters give log2(24) = 4.58 at best): ask for 85% of what its length allows.
    static func minBits(length: Int) -> Double {
        min(minBitsPerChar, 0.85 * Foundation.log2(Double(length)))
    }

    /// The tests cheapest first: most long runs are identifiers with no digit or no upper case.
    static func looksSecret(_ token: ArraySlice<UInt8>, minBits: Double) -> Bool {
        mixesCasesAndDigits(token) && wordCoverage(token) < maxWordCoverage && entropy(of: token) >= minBits
    }

    static func mixesCasesAndDigits(_ token: ArraySlice<UInt8>) -> Bool {
        var upper = false, lower = false, digit = false
        for b in token {
            if b >= 0x41 && b <= 0x5A { upper = true } else if b >= 0x61 && b <= 0x7A { lower = true } else if b >= 0x30 && b <= 0x39 { digit = true }
        }
        return upper && lower && digit
    }

    /// Shannon entropy of the token's bytes, in bits per byte.
    static func entropy(of token: ArraySlice<UInt8>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for b in token { counts[Int(b)] += 1 }
        let n = Double(token.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / n
            bits -= p * Foundation.log2(p)
        }
        return bits
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
