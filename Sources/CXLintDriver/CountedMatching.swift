/// Pairs this run's findings with earlier ones by key, counting repeats: each
/// earlier finding matches at most one current one, first ones first. A
/// baseline and the audit's `--compare` both match this way, so equal keys in
/// a hand-made or older file still pair off one to one.
public enum CountedMatching {
    /// `matched[i]`: whether `current[i]` (nil: no key) consumed an earlier finding;
    /// `left`: the indices of earlier findings nothing matched, in order.
    public static func match(_ current: [String?], against earlier: [String]) -> (matched: [Bool], left: [Int]) {
        var remaining: [String: Int] = [:]
        for key in earlier { remaining[key, default: 0] += 1 }
        var consumed: [String: Int] = [:]
        let matched = current.map { key -> Bool in
            guard let key, let count = remaining[key], count > 0 else { return false }
            remaining[key] = count - 1
            consumed[key, default: 0] += 1
            return true
        }
        // The earliest earlier findings are the ones that matched; the rest are left.
        var left: [Int] = []
        for (index, key) in earlier.enumerated() {
            if let skip = consumed[key], skip > 0 {
                consumed[key] = skip - 1
            } else {
                left.append(index)
            }
        }
        return (matched, left)
    }
}
