import CXLintDriver
import CXLintModel
import CXLintRules
import CXLintSyntax
import Foundation

/// Where the server's messages go; the real one frames them on stdout.
public protocol MessageSink: Sendable {
    func send(_ message: JSONValue) async
}

public struct ServerOptions: Sendable {
    public var version: String
    /// Quiet time after the last change before a lint starts, so typing does not queue lints.
    public var debounce: Duration
    public var maxFileSize: Int

    public init(version: String, debounce: Duration = .milliseconds(150), maxFileSize: Int = DocumentLoader.defaultMaxFileSize) {
        self.version = version
        self.debounce = debounce
        self.maxFileSize = maxFileSize
    }
}

/// JSON-RPC error codes used here (JSON-RPC 2.0 and LSP).
enum ErrorCode {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let serverNotInitialized = -32002
    static let requestCancelled = -32800
}

/// The server's state, one actor so every handler sees it consistently. Lints
/// run in detached tasks on a snapshot (buffers are values), never inside the
/// actor, so a big export never holds up hover, code actions or the protocol.
public actor LanguageServer {
    enum Phase { case starting, running, shutDown }

    struct Published {
        var diagnostics: [Diagnostic]
        var source: SourceFile
    }

    let options: ServerOptions
    /// Never used directly: `send` masks every message on its way out.
    private let sink: any MessageSink
    let cancelled: CancelledRequests
    let exitProcess: @Sendable (Int32) -> Void
    var phase = Phase.starting
    var encoding = PositionEncoding.utf16
    var debounce: Duration
    var watchFilesDynamically = false
    var documents: [String: OpenDocument] = [:]
    var published: [String: Published] = [:]
    /// The text of every file last linted, to convert positions of related locations and edits.
    var sources: [String: SourceFile] = [:]
    /// Bundle key → member files, from the last round that linted it.
    var bundles: [String: Set<String>] = [:]
    /// The documents of those bundles' files, so the next round parses only what changed.
    var parsed = ParsedFiles()
    /// The credential texts of every file linted: no message the server sends quotes one.
    var secrets: [String: Set<String>] = [:]
    var redactor = Redactor.none
    /// File → the `docs_url` of its `.cxlint.yml`.
    var docsURLs: [String: String] = [:]
    var pending: Set<String> = []
    var linting = false
    var debounceGeneration = 0
    var debouncing = false
    var debounceTask: Task<Void, Never>?

    public init(options: ServerOptions, sink: any MessageSink, cancelled: CancelledRequests = CancelledRequests(),
                exitProcess: @escaping @Sendable (Int32) -> Void = { Foundation.exit($0) }) {
        self.options = options
        self.sink = sink
        self.cancelled = cancelled
        self.exitProcess = exitProcess
        self.debounce = options.debounce
    }

    // MARK: - Dispatch

    public func receive(_ frame: FrameReader.Frame) async {
        switch frame {
        case .malformed(let why):
            await sendError(id: .null, code: ErrorCode.parseError, message: why)
        case .message(let data):
            guard let message = JSONValue.parse(data) else {
                await sendError(id: .null, code: ErrorCode.parseError, message: "the message is not valid JSON")
                return
            }
            await receive(message)
        }
    }

    func receive(_ message: JSONValue) async {
        guard case .object = message else {
            await sendError(id: .null, code: ErrorCode.invalidRequest, message: "a JSON-RPC message must be an object")
            return
        }
        let id = message["id"]
        guard let method = message["method"]?.stringValue else {
            // A response to one of our requests (client/registerCapability): nothing to do.
            if id != nil, message["result"] != nil || message["error"] != nil { return }
            await sendError(id: id ?? .null, code: ErrorCode.invalidRequest, message: "the message has no method")
            return
        }
        let params = message["params"] ?? .null
        if let id {
            await request(method, id: id, params: params)
        } else {
            await notification(method, params: params)
        }
    }

    func request(_ method: String, id: JSONValue, params: JSONValue) async {
        if cancelled.take(id) {
            await sendError(id: id, code: ErrorCode.requestCancelled, message: "cancelled")
            return
        }
        if phase == .starting, method != "initialize" {
            await sendError(id: id, code: ErrorCode.serverNotInitialized, message: "initialize first")
            return
        }
        if phase == .shutDown {
            await sendError(id: id, code: ErrorCode.invalidRequest, message: "the server is shut down")
            return
        }
        switch method {
        case "initialize": await respond(id, initialize(params))
        case "shutdown":
            phase = .shutDown
            debounceTask?.cancel()
            await respond(id, .null)
        case "textDocument/codeAction":
            guard let result = codeActions(params) else { return await invalidParams(id) }
            await respond(id, result)
        case "textDocument/hover":
            guard let result = hover(params) else { return await invalidParams(id) }
            await respond(id, result)
        default:
            await sendError(id: id, code: ErrorCode.methodNotFound, message: "unsupported method \(method)")
        }
    }

    func notification(_ method: String, params: JSONValue) async {
        if method == "exit" {
            exitProcess(phase == .shutDown ? 0 : 1)
            return
        }
        guard phase == .running else { return }
        switch method {
        case "initialized": await registerFileWatchers()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": didSave(params)
        case "textDocument/didClose": didClose(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        default: break  // $/cancelRequest is taken by the reader; other notifications need nothing.
        }
    }

    /// Called when input ends without `exit`.
    public func inputEnded() {
        exitProcess(phase == .shutDown ? 0 : 1)
    }

    // MARK: - Lifecycle

    func initialize(_ params: JSONValue) -> JSONValue {
        let capabilities = params["capabilities"]
        encoding = PositionEncoding.negotiate(capabilities?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue))
        watchFilesDynamically = capabilities?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
        if let milliseconds = params["initializationOptions"]?["debounceMilliseconds"]?.intValue, milliseconds >= 0 {
            debounce = .milliseconds(milliseconds)
        }
        phase = .running
        return [
            "capabilities": [
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": true]],
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
                "hoverProvider": true,
            ],
            "serverInfo": ["name": "cxlint", "version": .string(options.version)],
        ]
    }

    /// Files an editor does not have open still belong to bundles: ask to hear when they change.
    func registerFileWatchers() async {
        guard watchFilesDynamically else { return }
        let watchers: [JSONValue] = ["**/*.yaml", "**/*.yml", "**/*.json", "**/*.xml", "**/*.zip"].map { ["globPattern": .string($0)] }
        await send([
            "jsonrpc": "2.0", "id": "cxlint-watch-files", "method": "client/registerCapability",
            "params": ["registrations": [["id": "cxlint-watch-files", "method": "workspace/didChangeWatchedFiles",
                                          "registerOptions": ["watchers": .array(watchers)]]]],
        ])
    }

    // MARK: - Documents

    func didOpen(_ params: JSONValue) {
        let item = params["textDocument"]
        guard let uri = item?["uri"]?.stringValue, let path = DocumentURI.path(uri), let text = item?["text"]?.stringValue else { return }
        documents[path] = OpenDocument(uri: uri, version: item?["version"]?.intValue, bytes: Array(text.utf8))
        schedule([path])
    }

    func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(uri),
              var document = documents[path], let changes = params["contentChanges"]?.arrayValue else { return }
        for change in changes.compactMap(ContentChange.init) {
            document.bytes = change.applied(to: document.bytes, encoding: encoding)
        }
        document.version = params["textDocument"]?["version"]?.intValue ?? document.version
        documents[path] = document
        schedule([path])
    }

    func didSave(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(uri) else { return }
        if let text = params["text"]?.stringValue { documents[path]?.bytes = Array(text.utf8) }
        schedule([path])
    }

    /// The disk wins again; re-lint so the bundle sees what was saved (or not).
    func didClose(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(uri) else { return }
        documents[path] = nil
        schedule([path])
    }

    func didChangeWatchedFiles(_ params: JSONValue) {
        let paths = (params["changes"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue.flatMap(DocumentURI.path) }
        // An open buffer wins over the disk: its own changes arrive through didChange.
        schedule(paths.filter { documents[$0] == nil })
    }

    func uri(for path: String) -> String {
        documents[path]?.uri ?? DocumentURI.uri(path)
    }

    // MARK: - Linting

    /// Collects changed files and (re)starts the quiet period.
    func schedule(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        pending.formUnion(paths)
        debounceGeneration += 1
        debouncing = true
        debounceTask?.cancel()
        let generation = debounceGeneration
        let delay = debounce
        debounceTask = Task { [weak self] in
            if delay > .zero {
                do { try await Task.sleep(for: delay) } catch { return }
            }
            await self?.debounceElapsed(generation)
        }
    }

    func debounceElapsed(_ generation: Int) {
        guard generation == debounceGeneration else { return }
        debouncing = false
        startRoundIfIdle()
    }

    /// One round at a time; changes that arrive meanwhile wait for the next.
    func startRoundIfIdle() {
        guard !linting, !pending.isEmpty, phase == .running else { return }
        linting = true
        let changed = pending
        pending = []
        // A file changes every bundle it was part of, even one whose config is not above it.
        let targets = changed.union(bundles.filter { !$0.value.isDisjoint(with: changed) }.map(\.key))
        let overlay = documents.mapValues(\.bytes)
        let linter = BundleLinter(maxFileSize: options.maxFileSize)
        let parsedBefore = parsed
        Task.detached(priority: .userInitiated) { [weak self] in
            let round = linter.lint(targets.sorted(), overlay: overlay, parsedBefore: parsedBefore)
            await self?.finishRound(round, targets: targets)
        }
    }

    /// Publishes a round. `linting` stays set until every publish is sent: the awaits let other
    /// messages in, and a newer round must not overtake this one's older diagnostics.
    func finishRound(_ round: LintRound, targets: Set<String>) async {
        for (path, source) in round.sources { sources[path] = source }
        docsURLs.merge(round.docsURLs) { $1 }
        if !round.secrets.isEmpty {
            secrets.merge(round.secrets) { $1 }
            redactor = Redactor(secrets: secrets.values.reduce(into: Set<String>()) { $0.formUnion($1) })
        }
        var cleared = Set<String>()
        for (key, members) in bundles where targets.contains(key) || !members.isDisjoint(with: targets) {
            if round.bundles[key] == nil {
                bundles[key] = nil
                cleared.formUnion(members)
            } else {
                cleared.formUnion(members.subtracting(round.bundles[key] ?? []))
            }
        }
        for (key, members) in round.bundles { bundles[key] = members }
        cleared.formUnion(targets)
        let stillMember = Set(bundles.values.joined())
        parsed = parsed.updated(with: round.parsed, keeping: Set(stillMember.map { SourceID(path: $0) }))
        for path in cleared where round.diagnostics[path] == nil && !stillMember.contains(path) {
            published[path] = nil
            await publish(path, [])
        }
        for (path, diagnostics) in round.diagnostics.sorted(by: { $0.key < $1.key }) {
            if let source = round.sources[path] { published[path] = Published(diagnostics: diagnostics, source: source) }
            await publish(path, diagnostics)
        }
        linting = false
        if !debouncing { startRoundIfIdle() }
    }

    func publish(_ path: String, _ diagnostics: [Diagnostic]) async {
        let conversion = conversion()
        var params: [String: JSONValue] = ["uri": .string(uri(for: path)), "diagnostics": .array(diagnostics.map(conversion.diagnostic))]
        if let version = documents[path]?.version { params["version"] = .int(version) }
        await send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)])
    }

    func conversion() -> LSPConversion {
        let uris = documents.mapValues(\.uri)
        let docs = docsURLs
        return LSPConversion(encoding: encoding, sources: sources, uriForPath: { path in uris[path] ?? DocumentURI.uri(path) },
                             docsURL: { docs[$0] })
    }

    // MARK: - Code actions and hover

    /// The findings published for a file that touch a range, when the buffer is still the linted text.
    func findings(_ params: JSONValue, in range: LSPRange) -> (path: String, [Diagnostic])? {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(uri) else { return nil }
        guard let current = published[path], isCurrent(SourceID(path: path)) else { return (path, []) }
        let converter = PositionConverter(current.source, encoding: encoding)
        return (path, current.diagnostics.filter { converter.range($0.range).touches(range) })
    }

    /// Whether what was linted is what the editor holds: positions from an older text would edit the wrong bytes.
    /// Whether an edit's file is as it was linted (a member of an archive never is editable).
    func isCurrent(_ file: SourceID) -> Bool {
        guard !file.isArchiveMember else { return false }
        guard let document = documents[file.path] else { return true }
        return sources[file.path]?.bytes == document.bytes
    }

    func codeActions(_ params: JSONValue) -> JSONValue? {
        guard let range = LSPRange(params["range"]), let (_, found) = findings(params, in: range) else { return nil }
        if let only = params["context"]?["only"]?.arrayValue?.compactMap(\.stringValue),
           !only.contains(where: { $0 == "quickfix" || "quickfix".hasPrefix($0 + ".") || $0.isEmpty }) {
            return []
        }
        let conversion = conversion()
        let usable = found.filter { d in d.fixes.allSatisfy { $0.edits.allSatisfy { isCurrent($0.file) } } }
        return .array(usable.flatMap(conversion.codeActions))
    }

    func hover(_ params: JSONValue) -> JSONValue? {
        guard let position = LSPPosition(params["position"]),
              let (path, found) = findings(params, in: LSPRange(start: position, end: position)) else { return nil }
        guard !found.isEmpty else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(LSPConversion.hoverMarkdown(found, docsURL: docsURLs[path]))]]
    }

    // MARK: - Replies

    /// The output boundary: diagnostics, hover, code actions and errors alike.
    func send(_ message: JSONValue) async {
        await sink.send(message.masked(by: redactor))
    }

    func respond(_ id: JSONValue, _ result: JSONValue) async {
        await send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    func invalidParams(_ id: JSONValue) async {
        await sendError(id: id, code: ErrorCode.invalidParams, message: "missing or malformed params")
    }

    func sendError(id: JSONValue, code: Int, message: String) async {
        await send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)]])
    }
}

/// Request IDs the client cancelled. The reader thread records them as they arrive,
/// ahead of the queue, so a request still waiting is answered RequestCancelled.
/// A lock, not an actor: the reader thread cannot await.
public final class CancelledRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<JSONValue> = []

    public init() {}

    public func insert(_ id: JSONValue) {
        lock.withLock {
            // Cancels of requests already answered are never taken; keep the set from growing without end.
            if ids.count > 1024 { ids.removeAll() }
            ids.insert(id)
        }
    }

    /// Whether the request was cancelled; forgets it either way.
    public func take(_ id: JSONValue) -> Bool {
        lock.withLock { ids.remove(id) != nil }
    }
}
