import Foundation

/// LSP's base protocol: a header block (`Content-Length: N`, CRLF-separated,
/// ended by an empty line) then N bytes of JSON.
public struct FrameReader {
    public enum Frame: Sendable, Equatable {
        case message(Data)
        /// A header block the reader could not use; the body (if any) was skipped.
        case malformed(String)
    }

    /// Returns up to the given number of bytes, or an empty array at end of input.
    let readChunk: () -> [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    public init(readChunk: @escaping () -> [UInt8]) {
        self.readChunk = readChunk
    }

    /// Reads standard input with plain `read(2)`: blocking is what the reader thread is for.
    public static func standardInput() -> FrameReader {
        FrameReader {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            return count > 0 ? Array(chunk[0..<count]) : []
        }
    }

    /// The next frame, or nil at end of input.
    public mutating func next() -> Frame? {
        guard let header = readHeaderBlock() else { return nil }
        var length: Int?
        for line in header.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else {
            return .malformed("missing or invalid Content-Length header")
        }
        guard let body = readBytes(length) else { return nil }
        return .message(Data(body))
    }

    /// The text before the next empty line, tolerating bare LF line ends.
    private mutating func readHeaderBlock() -> String? {
        while true {
            if let end = findHeaderEnd() {
                let header = String(decoding: buffer[position..<end.headerEnd], as: UTF8.self)
                position = end.bodyStart
                return header
            }
            guard fill() else { return nil }
        }
    }

    private func findHeaderEnd() -> (headerEnd: Int, bodyStart: Int)? {
        var i = position
        while i < buffer.count {
            if buffer[i] == 0x0A {
                if i + 1 < buffer.count, buffer[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    private mutating func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count - position < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[position..<position + count])
        position += count
        return bytes
    }

    /// Appends the next chunk, dropping consumed bytes first so the buffer stays small.
    private mutating func fill() -> Bool {
        if atEnd { return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let chunk = readChunk()
        if chunk.isEmpty {
            atEnd = true
            return false
        }
        buffer += chunk
        return true
    }

    /// A message as it goes on the wire.
    public static func frame(_ body: Data) -> Data {
        Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
