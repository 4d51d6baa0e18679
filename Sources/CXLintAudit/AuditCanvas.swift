import CXLintDriver
import CXLintReport
import CXLintSyntax

/// The audit's Studio canvases: kept in the record for each script with a
/// path finding, drawn in the HTML report under the bundle's findings with
/// that finding's path highlighted.
enum AuditCanvas {
    /// The canvas of every script a path finding is about, in file order; nil when there is none.
    static func canvases(_ report: LintReport) -> [ScriptCanvas]? {
        let files = Set(report.diagnostics.filter { !$0.path.isEmpty }.map(\.file)).sorted()
        let canvases = files.compactMap { file in report.sources[file].flatMap { ScriptCanvas.load($0, file: report.shown(file)) } }
        return canvases.isEmpty ? nil : canvases
    }

    /// One figure per path finding of the bundle (not the fixed ones: their
    /// path is gone), each in a box that scrolls so the canvas keeps its size.
    static func figures(_ bundle: AuditBundle) -> String {
        guard let canvases = bundle.canvases else { return "" }
        var out = ""
        for finding in bundle.findings {
            guard let path = finding.path, let canvas = canvases.first(where: { $0.file == finding.file }) else { continue }
            let caption = "\(finding.rule): the path in \(canvas.name ?? canvas.file), \(path.count) steps"
            out += "<figure class=\"canvas\" style=\"max-width:none;margin-top:10px\"><figcaption>\(AuditHTML.escape(caption))</figcaption>"
            out += "<div style=\"overflow:auto;max-height:80vh\">"
            out += ScriptCanvasSVG.render(canvas, path: path.map(ScriptCanvas.Step.init))
            out += "</div></figure>"
        }
        return out
    }
}
