import CXLintDriver
import CXLintModel
import CXLintSyntax

/// What `cxlint graph` draws: one script's canvas and the path finding whose
/// path it highlights, the script linted in its bundle as `check` lints it.
public struct ScriptDrawing: Sendable {
    public var canvas: ScriptCanvas
    /// The first path finding of the script (of the rule asked for); nil when there is none.
    public var finding: Diagnostic?
    /// Captions and messages may quote a credential: what is written goes through it.
    public var redactor = Redactor.none

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(String, String)
        case notAScript(String)

        public var description: String {
            switch self {
            case .unreadable(let path, let why): "\(path): \(why)"
            case .notAScript(let path): "\(path): not a Studio script (desktop XML or web JSON)"
            }
        }
    }

    public init(canvas: ScriptCanvas, finding: Diagnostic?) {
        self.canvas = canvas
        self.finding = finding
    }

    public init(script path: String, rule: String?, session: LintSession) throws(Failure) {
        let discovery = session.discovery
        let absolute = Discovery.normalize(path, relativeTo: discovery.workingDirectory)
        let id = SourceID(path: absolute)
        let display = id.shown(relativeTo: discovery.workingDirectory)
        let bytes: [UInt8]
        do throws(FileSystem.ReadError) {
            bytes = try discovery.fileSystem.read(absolute, maxSize: discovery.maxFileSize)
        } catch {
            throw .unreadable(display, error.message)
        }
        guard let canvas = ScriptCanvas.load(SourceFile(id: id, bytes: bytes), file: display) else { throw .notAScript(display) }
        let report = session.check([absolute]).report
        self.init(canvas: canvas, finding: report.diagnostics.first { $0.file == id && !$0.path.isEmpty && (rule == nil || $0.rule.rawValue == rule) })
        redactor = report.redactor
    }

    public var path: [ScriptCanvas.Step] { finding?.path.map(ScriptCanvas.Step.init) ?? [] }

    public func svg() -> String { redactor.mask(ScriptCanvasSVG.render(canvas, path: path) + "\n") }
    public func dot() -> String { redactor.mask(ScriptCanvasDOT.render(canvas, path: path)) }
}
