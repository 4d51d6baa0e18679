/// A reader's stack of members of open containers (JSON's entries and items, XML's
/// children). Closing a container moves its members into an array of exactly their
/// count: unlike `Array(stack[base...])` followed by `removeLast(_:)`, that costs no
/// retain and release per member, and no array grows member by member.
final class MemberStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always) func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    @inline(never) private func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Removes the top element and returns it.
    @inline(__always) func removeLast() -> Element {
        count -= 1
        return (storage + count).move()
    }

    /// Removes the elements from `start` on and returns them, in order, moved (no
    /// retain or release per member) into an array reserved at exactly their count.
    /// Public API only: `Array(unsafeUninitializedCapacity:)` would be one block move,
    /// but its unspecialized initializer looks up generic metadata on every call and
    /// costs 7% more instructions on the real exports than these appends.
    func removeArray(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        var members: [Element] = []
        members.reserveCapacity(moved)
        for offset in start..<count { members.append((storage + offset).move()) }
        count = start
        return members
    }

    /// Drops the elements from `start` on that `isDropped`, keeping the others in order.
    func removeAll(from start: Int, where isDropped: (Element) -> Bool) {
        var kept = start
        for offset in start..<count {
            let element = (storage + offset).move()
            if isDropped(element) { continue }
            (storage + kept).initialize(to: element)
            kept += 1
        }
        count = kept
    }

    /// Drops the elements from `start` on.
    func truncate(to start: Int) {
        (storage + start).deinitialize(count: count - start)
        count = start
    }

    subscript(position: Int) -> Element {
        unsafeAddress { UnsafePointer(storage + position) }
        unsafeMutableAddress { storage + position }
    }
}
