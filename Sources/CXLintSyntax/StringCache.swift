/// Strings already read, by their bytes in the file. JSON repeats most of its keys and
/// many values, and a Studio script its element values (`0`, `False`, `String`);
/// handing out the `String` made for an earlier identical spelling skips validating
/// and copying (and, past 15 bytes, allocating) it again.
/// Direct-mapped: a slot holds the last string whose bytes hashed to it.
final class StringCache {
    struct Slot {
        /// -1: empty.
        var length = -1
        /// Where the bytes are in the file, to compare strings longer than 16 bytes in full.
        var start = 0
        /// The first eight bytes and the last eight (zero-padded below eight): all of them up to 16 bytes.
        var head: UInt64 = 0
        var tail: UInt64 = 0
        var text = ""
    }

    private let slots: UnsafeMutablePointer<Slot>
    private let mask: Int

    init(fileSize: Int) {
        var count = 16
        while count < 1_024, count * 256 < fileSize { count *= 2 }
        slots = .allocate(capacity: count)
        slots.initialize(repeating: Slot(), count: count)
        mask = count - 1
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    /// The text of the unescaped string whose bytes are `bytes[start..<start + length]`.
    @inline(__always) func text(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> String {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        @inline(__always) func load(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let head: UInt64
        let tail: UInt64
        if length >= 8 {
            head = load(start)
            tail = load(start + length - 8)
        } else if start + 8 <= bytes.count {
            head = length == 0 ? 0 : load(start) & (~0 &>> UInt64(64 - 8 * length))
            tail = head
        } else {
            var word: UInt64 = 0
            for k in 0..<length { word |= UInt64(bytes[start + k]) << UInt64(8 * k) }
            head = word
            tail = word
        }
        let hash = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        let index = Int(truncatingIfNeeded: hash ^ hash &>> 29) & mask
        let slot = slots + index
        if slot.pointee.length == length, slot.pointee.head == head, slot.pointee.tail == tail,
            length <= 16 || Self.equal(raw + slot.pointee.start, raw + start, count: length)
        {
            return slot.pointee.text
        }
        let text = String(decoding: UnsafeBufferPointer(start: bytes.baseAddress! + start, count: length), as: UTF8.self)
        slot.pointee = Slot(length: length, start: start, head: head, tail: tail, text: text)
        return text
    }

    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var k = 0
        while k &+ 8 <= count {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k &+= 8
        }
        while k < count {
            if a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) { return false }
            k &+= 1
        }
        return true
    }
}
