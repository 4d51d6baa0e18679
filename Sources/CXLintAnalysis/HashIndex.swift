/// An open-addressing hash table from 64-bit keys to 32-bit numbers, with
/// a multiplicative hash. The propagation's `ConstantTable` looks numbers up
/// at nearly every join; through `Dictionary`, whose every lookup runs
/// SipHash, the lookups cost more than the joins they saved.
///
/// A key may be a whole identity (a pair of numbers) or a hash of something
/// longer; then several entries can share it, and `first(_:where:)` tells
/// them apart by what their numbers stand for.
struct HashIndex: Sendable {
    private struct Slot {
        var key: UInt64
        /// `HashIndex.free` marks a free slot.
        var value: UInt32
    }

    private var slots: [Slot] = []
    private var count = 0

    private static let free = UInt32.max

    /// The value of the first entry under `key` that `matches`.
    func first(_ key: UInt64, where matches: (UInt32) -> Bool) -> UInt32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var index = Self.slot(of: key, mask: mask)
        while slots[index].value != Self.free {
            if slots[index].key == key, matches(slots[index].value) { return slots[index].value }
            index = (index + 1) & mask
        }
        return nil
    }

    /// The value under `key`, when keys are whole identities (one entry each).
    subscript(key: UInt64) -> UInt32? { first(key) { _ in true } }

    /// Adds an entry (the caller knows no equal one is there); at most half the slots fill.
    mutating func insert(_ key: UInt64, _ value: UInt32) {
        precondition(value != Self.free, "HashIndex: value reserved for free slots")
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.slot(of: key, mask: mask)
        while slots[index].value != Self.free { index = (index + 1) & mask }
        slots[index] = Slot(key: key, value: value)
        count += 1
    }

    /// Starts at 64 slots: most scripts' tables stay below 32 entries, and
    /// every doubling on the way there re-inserts every entry.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, value: Self.free), count: max(64, slots.count * 2))
        count = 0
        for slot in old where slot.value != Self.free { insert(slot.key, slot.value) }
    }

    /// Fibonacci hashing: the key times 2^64/φ, its top bits (the well-mixed ones) as the slot.
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// A 64-bit hash of words fed one at a time, for keys of things longer than 64 bits.
    struct Words {
        private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func combine(_ word: UInt64) { value = ((value ^ word) &* 0x0000_0100_0000_01B3) ^ (value >> 29) }
    }
}
