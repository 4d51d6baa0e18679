/// Suggests the closest known word for a misspelling, e.g. `phone_numbr` → `phone_number`.
public enum DidYouMean {
    public static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            let allowed = max(1, min(3, candidate.count / 3))
            if distance <= allowed, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Like `suggestion(for:among:)`, and when no candidate is that close,
    /// the shortest one holding every word of `word` in order: a rule ID
    /// remembered without one of its words (`contact-id-mismatch` for
    /// `contact-id-header-mismatch`) is too far apart letter by letter.
    public static func suggestion(forID word: String, among candidates: some Sequence<String>, separator: Character = "-") -> String? {
        let candidates = Array(candidates)
        if let close = suggestion(for: word, among: candidates) { return close }
        let words = word.lowercased().split(separator: separator)
        guard !words.isEmpty else { return nil }
        return candidates
            .filter { containsInOrder(words, $0.lowercased().split(separator: separator)) }
            .min { ($0.count, $0) < ($1.count, $1) }
    }

    static func containsInOrder(_ words: [Substring], _ candidate: [Substring]) -> Bool {
        var remaining = candidate[...]
        for word in words {
            guard let index = remaining.firstIndex(of: word) else { return false }
            remaining = remaining[(index + 1)...]
        }
        return true
    }

    /// " Did you mean "x"?" or the empty string.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
