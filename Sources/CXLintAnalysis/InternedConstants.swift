/// The propagation's own spelling of facts: constants, variable keys and
/// whole `InternedFacts` as numbers in a per-script `ConstantTable`. The
/// dataflow joins and compares environments at every edge and stores one per
/// action; with numbers an environment is a list of integer pairs, so a join
/// is a merge that looks most facts' joins up rather than working them out,
/// equality is a memory compare, and copying or freeing an environment
/// retains and releases nothing. `ConstantEnvironment` turns the numbers
/// back into `ConstantValue`s when a rule asks.

/// A constant's number in its script's `ConstantTable`.
typealias ConstantID = UInt32
/// A variable key's (`VariableName.key`) number in its script's `ConstantTable`.
typealias VariableID = UInt32
/// The number of one `InternedFacts` value in its script's `ConstantTable`.
typealias FactsID = UInt32

/// Every constant, variable key and set of facts a script's propagation
/// meets, numbered in the order met. Equal values get one number, so numbers
/// are equal exactly when what they stand for is.
struct ConstantTable: Sendable {
    private(set) var constants: [ConstantValue] = []
    private var constantIndex = HashIndex()
    private(set) var keys: [String] = []
    private var keyIndex = HashIndex()
    private(set) var facts: [InternedFacts] = []
    private var factsIndex = HashIndex()
    /// Joins already worked out, by both sides' numbers (smaller first: a join is symmetric).
    private var joins = HashIndex()
    /// Per facts number, its join with `.unset` and its `copied` facts, once worked
    /// out (`FactsID.max`: not yet). Most joins are of a variable one path assigns
    /// and the other does not: an array answers those.
    private var unsetJoins: [FactsID] = []
    private var copies: [FactsID] = []

    /// The numbers of `.unset` and `.unknown`, there from the start.
    static let unset: FactsID = 0
    static let unknown: FactsID = 1

    /// Numbers 0 and 1 without index entries: `id(of:)` answers them first, and a
    /// script that assigns nothing never builds an index.
    init() {
        facts = [.unset, .unknown]
        unsetJoins = [Self.unset, .max]
        copies = [.max, .max]
    }

    mutating func id(of constant: ConstantValue) -> ConstantID {
        Self.number(of: constant, hash: Self.hash(constant), in: &constants, index: &constantIndex)
    }

    /// The number of `value` among `values`, appended and indexed under `hash` when new.
    private static func number<Value: Equatable>(of value: Value, hash: UInt64, in values: inout [Value], index: inout HashIndex) -> UInt32 {
        if let id = index.first(hash, where: { values[Int($0)] == value }) { return id }
        let id = UInt32(values.count)
        values.append(value)
        index.insert(hash, id)
        return id
    }

    /// Where a constant is written nearly decides it (only a value's
    /// substitutions share an origin), so its text is hashed only without one.
    private static func hash(_ constant: ConstantValue) -> UInt64 {
        guard let origin = constant.origin else { return hash(constant.text) }
        var hash = HashIndex.Words()
        for part in [origin.action, origin.property, origin.utf8Range.lowerBound, origin.utf8Range.upperBound] { hash.combine(UInt64(truncatingIfNeeded: part)) }
        return hash.value
    }

    mutating func id(ofKey key: String) -> VariableID {
        Self.number(of: key, hash: Self.hash(key), in: &keys, index: &keyIndex)
    }

    private static func hash(_ text: String) -> UInt64 {
        // The bytes in place when the string has them so (the iterator costs several times more per byte).
        let hashed = text.utf8.withContiguousStorageIfAvailable { bytes in
            var hash = HashIndex.Words()
            for byte in bytes { hash.combine(UInt64(byte)) }
            return hash.value
        }
        if let hashed { return hashed }
        var hash = HashIndex.Words()
        for byte in text.utf8 { hash.combine(UInt64(byte)) }
        return hash.value
    }

    mutating func id(of facts: InternedFacts) -> FactsID {
        if facts == .unset { return Self.unset }
        if facts == .unknown { return Self.unknown }
        var hash = HashIndex.Words()
        hash.combine(facts.flagWord)
        for id in facts.ids { hash.combine(UInt64(id)) }
        let key = hash.value
        if let id = factsIndex.first(key, where: { self.facts[Int($0)] == facts }) { return id }
        let id = FactsID(self.facts.count)
        self.facts.append(facts)
        unsetJoins.append(.max)
        copies.append(.max)
        factsIndex.insert(key, id)
        return id
    }

    /// The facts of one constant.
    mutating func id(ofOnly constant: ConstantValue) -> FactsID {
        id(of: InternedFacts(ids: [id(of: constant)], mayBeUnset: false, mayBeUnknown: false))
    }

    /// The key's number, nil when the propagation never met the key (then no environment holds it).
    func existingID(ofKey key: String) -> VariableID? { keyIndex.first(Self.hash(key)) { keys[Int($0)] == key } }

    /// `InternedFacts.joined(with:)` by number; each pair is worked out once per script.
    mutating func join(_ a: FactsID, _ b: FactsID) -> FactsID {
        if a == b { return a }
        if a == Self.unset || b == Self.unset { return joinUnset(a == Self.unset ? b : a) }
        let pair = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
        if let joined = joins[pair] { return joined }
        let joined = id(of: facts[Int(a)].joined(with: facts[Int(b)]))
        joins.insert(pair, joined)
        return joined
    }

    /// `join(id, unset)`.
    mutating func joinUnset(_ id: FactsID) -> FactsID {
        let known = unsetJoins[Int(id)]
        if known != .max { return known }
        let joined = self.id(of: facts[Int(id)].joined(with: .unset))
        unsetJoins[Int(id)] = joined
        return joined
    }

    /// What a whole-reference copy (`x = {y}`) of facts holds: the same
    /// constants, never unset, and unknown where the source may be unset or unknown.
    mutating func copied(_ source: FactsID) -> FactsID {
        let known = copies[Int(source)]
        if known != .max { return known }
        let facts = self.facts[Int(source)]
        let copy = id(of: InternedFacts(ids: facts.ids, mayBeUnset: false, mayBeUnknown: facts.mayBeUnset || facts.mayBeUnknown))
        copies[Int(source)] = copy
        return copy
    }

    /// Facts by number in the public spelling, constants sorted by `ConstantValue.compare`.
    func values(of id: FactsID) -> VariableFacts {
        let facts = facts[Int(id)]
        return VariableFacts(sorted: VariableFacts.sorted(facts.ids.map { constants[Int($0)] }), mayBeUnset: facts.mayBeUnset, mayBeUnknown: facts.mayBeUnknown)
    }

    mutating func id(of facts: VariableFacts) -> FactsID {
        id(of: InternedFacts(ids: facts.sortedConstants.map { id(of: $0) }.sorted(), mayBeUnset: facts.mayBeUnset, mayBeUnknown: facts.mayBeUnknown))
    }
}

/// `VariableFacts` with constants as ascending, distinct `ConstantID`s.
struct InternedFacts: Sendable, Equatable {
    var ids: [ConstantID]
    var mayBeUnset: Bool
    var mayBeUnknown: Bool

    static let unset = InternedFacts(ids: [], mayBeUnset: true, mayBeUnknown: false)
    static let unknown = InternedFacts(ids: [], mayBeUnset: false, mayBeUnknown: true)

    /// Only constants arrive (at least one).
    var isConstant: Bool { !ids.isEmpty && !mayBeUnset && !mayBeUnknown }

    /// The flags as one word, for `ConstantTable`'s hash.
    var flagWord: UInt64 { (mayBeUnset ? 1 : 0) | (mayBeUnknown ? 2 : 0) }

    /// Paths meeting: the union of the constants, either side's flags, and
    /// "unknown" in place of more than `VariableFacts.limit` constants (which
    /// keeps the lattice finite, so loops terminate).
    func joined(with other: InternedFacts) -> InternedFacts {
        let ids = SortedLists.union(ids, other.ids)
        let unset = mayBeUnset || other.mayBeUnset
        if ids.count > VariableFacts.limit { return InternedFacts(ids: [], mayBeUnset: unset, mayBeUnknown: true) }
        return InternedFacts(ids: ids, mayBeUnset: unset, mayBeUnknown: mayBeUnknown || other.mayBeUnknown)
    }
}

/// Variables → facts (both by number) before an action runs, sorted by
/// variable, one entry per variable; a variable absent is unassigned on
/// every path. Plain integers throughout: copies are memory copies.
struct InternedEnvironment: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: VariableID
        var facts: FactsID
    }

    var entries: [Entry] = []

    func facts(of key: VariableID) -> FactsID {
        let (index, found) = position(of: key)
        return found ? entries[index].facts : ConstantTable.unset
    }

    mutating func set(_ key: VariableID, _ facts: FactsID) {
        let (index, found) = position(of: key)
        if !found {
            entries.insert(Entry(key: key, facts: facts), at: index)
        } else if entries[index].facts != facts {
            // Only a real change writes: an environment shared with the in-facts stays uncopied.
            entries[index].facts = facts
        }
    }

    /// Where `key` is, or where it would go (binary search).
    func position(of key: VariableID) -> (index: Int, found: Bool) {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            let other = entries[middle].key
            if other == key { return (middle, true) }
            if other < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// Every variable of either side, each joined with the other side's facts
    /// (`.unset` where that side lacks it).
    func joined(with other: InternedEnvironment, table: inout ConstantTable) -> InternedEnvironment {
        var result = self
        _ = result.formJoin(other, table: &table)
        return result
    }

    /// Joins `other` into this environment; false when that changes nothing.
    /// The dataflow asks this at every edge, and most edges change nothing:
    /// then nothing is allocated.
    mutating func formJoin(_ other: InternedEnvironment, table: inout ConstantTable) -> Bool {
        if entries == other.entries { return false }
        let (mine, theirs) = (entries, other.entries)
        // Empty until the first entry that differs from this side's; then this side's entries before it, and every entry after.
        var merged: [Entry] = []
        var changed = false
        var (i, j) = (0, 0)
        while i < mine.count || j < theirs.count {
            let unchangedBefore = i
            let entry: Entry
            let same: Bool
            if j == theirs.count || (i < mine.count && mine[i].key < theirs[j].key) {
                entry = Entry(key: mine[i].key, facts: table.joinUnset(mine[i].facts))
                same = entry.facts == mine[i].facts
                i += 1
            } else if i == mine.count || theirs[j].key < mine[i].key {
                entry = Entry(key: theirs[j].key, facts: table.joinUnset(theirs[j].facts))
                same = false
                j += 1
            } else {
                let (a, b) = (mine[i].facts, theirs[j].facts)
                entry = Entry(key: mine[i].key, facts: a == b ? a : table.join(a, b))
                same = entry.facts == mine[i].facts
                i += 1
                j += 1
            }
            if same, !changed { continue }
            if !changed {
                changed = true
                merged.reserveCapacity(mine.count + theirs.count)
                merged.append(contentsOf: mine[..<unchangedBefore])
            }
            merged.append(entry)
        }
        guard changed else { return false }
        entries = merged
        return true
    }
}
