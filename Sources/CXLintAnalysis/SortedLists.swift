/// Small sets the dataflow keeps as ascending lists without repeats (constant numbers,
/// variable keys): their union and intersection are one merge pass each, with no
/// hashing and no new set per visit.
public enum SortedLists {
    /// The ascending union of two ascending lists without repeats.
    @inlinable
    public static func union<Element: Comparable>(_ a: [Element], _ b: [Element]) -> [Element] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var result: [Element] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if a[i] < b[j] {
                result.append(a[i])
                i += 1
            } else if b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }

    /// The ascending intersection of two ascending lists without repeats.
    @inlinable
    public static func intersection<Element: Comparable>(_ a: [Element], _ b: [Element]) -> [Element] {
        var result: [Element] = []
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if b[j] < a[i] {
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }
}
