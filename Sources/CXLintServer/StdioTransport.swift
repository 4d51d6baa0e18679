import Foundation

/// Writes framed messages to stdout. An actor, so two messages never interleave.
public actor StandardOutputSink: MessageSink {
    public init() {}

    public func send(_ message: JSONValue) {
        FileHandle.standardOutput.write(FrameReader.frame(message.serialized()))
    }
}

/// Runs the server on stdin/stdout until `exit` or the end of input.
public enum StdioServer {
    /// Blocks the calling thread: a reader thread feeds frames, in order, to the
    /// server actor; lints run on the concurrency pool.
    public static func run(options: ServerOptions) -> Never {
        // A closed pipe to the client must end the process quietly, not kill it mid-write with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let cancelled = CancelledRequests()
        let server = LanguageServer(options: options, sink: StandardOutputSink(), cancelled: cancelled)
        let (frames, continuation) = AsyncStream<FrameReader.Frame>.makeStream()
        let reader = Thread {
            var input = FrameReader.standardInput()
            while let frame = input.next() {
                noteCancellation(frame, in: cancelled)
                continuation.yield(frame)
            }
            continuation.finish()
        }
        reader.stackSize = 1 << 22
        reader.start()
        Task {
            for await frame in frames { await server.receive(frame) }
            await server.inputEnded()
        }
        dispatchMain()
    }

    /// `$/cancelRequest` is looked at as soon as it is read, so a request still queued behind it is skipped.
    static func noteCancellation(_ frame: FrameReader.Frame, in cancelled: CancelledRequests) {
        // Cancels are small; a big didOpen is not parsed twice.
        guard case .message(let data) = frame, data.count < 4096, let message = JSONValue.parse(data),
              message["method"]?.stringValue == "$/cancelRequest", let id = message["params"]?["id"] else { return }
        cancelled.insert(id)
    }
}
