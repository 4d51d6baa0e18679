import Dispatch

extension Array where Element: Sendable {
    /// Maps on all cores, keeping order. Each slot is written by exactly one
    /// iteration, which is what makes the unchecked buffer safe.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeResultBuffer<T>(count: count)
        let input = self
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, transform(input[i]))
        }
        return results.finish()
    }
}

private final class UnsafeResultBuffer<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    func set(_ i: Int, _ value: T) { storage[i] = value }

    func finish() -> [T] {
        let values = (0..<count).map { storage[$0]! }
        storage.deinitialize(count: count)
        storage.deallocate()
        return values
    }
}
