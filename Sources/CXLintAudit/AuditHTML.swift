import CXLintModel
import CXLintSyntax
import Foundation

/// One self-contained page that works offline: inline CSS, charts as inline
/// SVG, a few lines of inline script to sort and filter the bundle table. No
/// external script, font or stylesheet, so it opens from a CI artifact or a
/// mail attachment. Excerpts come from the report, where credentials are
/// already masked; every text is escaped.
public enum AuditHTML {
    public static func render(_ report: AuditReport, options: RenderOptions = RenderOptions()) -> String {
        let ordered = report.bundles.sorted(by: FolderGroup.worstFirst)
        let anchors = Dictionary(uniqueKeysWithValues: report.bundles.enumerated().map { ($1.id, "b\($0 + 1)") })
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>cxlint audit\(report.label.map { " · " + escape($0) } ?? "")</title>
            <style>\(style)</style>
            </head>
            <body>

            """
        out += header(report)
        out += cards(report)
        out += charts(report)
        out += folderSection(ordered, anchors: anchors)
        out += bundleTable(ordered, anchors: anchors, compared: report.comparison != nil)
        out += findingSections(ordered, removed: report.comparison?.removedBundles ?? [], anchors: anchors, options: options)
        out += skippedSection(report.skipped ?? [])
        out += "<footer>cxlint \(escape(report.tool.version)) · audit report format \(report.version)</footer>\n"
        out += "<script>\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Sections

    static func header(_ report: AuditReport) -> String {
        var meta = "roots " + report.roots.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")
        if let label = report.label { meta += " · " + escape(label) }
        if let shard = report.shard { meta += " · shard \(shard.index)/\(shard.count)" }
        return "<header><h1>cxlint audit</h1><p>\(meta)</p></header>\n"
    }

    static func cards(_ report: AuditReport) -> String {
        let s = report.summary
        // The status cards sum to the bundle card: each bundle has exactly one status.
        var items = [("Bundles", s.bundles, "neutral")]
        items += AuditBundle.Status.allCases.map { (capitalized($0.label), s[$0], $0.rawValue) }
        items += [("Errors", s.errors, "failing"), ("Warnings", s.warnings, "warning"), ("Notes", s.notes, "note")]
        if let c = report.comparison {
            items += [("New", c.new, "failing"), ("Fixed", c.fixed, "clean"), ("Unchanged", c.unchanged, "neutral")]
        }
        let body = items.map { "<div class=\"card \($0.2)\"><span>\($0.0)</span><strong>\($0.1)</strong></div>" }.joined()
        return "<section class=\"cards\">\(body)</section>\n"
    }

    static func charts(_ report: AuditReport) -> String {
        // The fix-first order of `rules` (severity, then findings), as in the Markdown table.
        let rules = report.rules.prefix(12).map { SVGChart.Bar(label: $0.rule, value: $0.findings, color: color($0.worst)) }
        let severities = AuditBundle.Status.allCases.map { SVGChart.Bar(label: $0.label, value: report.summary[$0], color: color($0)) }
        var out = "<section class=\"charts\">\n"
        let more = report.rules.count > 12 ? "<p class=\"more\">Top 12 of \(report.rules.count) rules.</p>" : ""
        out += figure("Findings by rule", rules.isEmpty ? "<p class=\"empty\">No findings.</p>" : SVGChart.bars(Array(rules), title: "Findings by rule") + more)
        out += figure("Bundles by status", SVGChart.bars(severities, title: "Bundles by status"))
        if let comparison = report.comparison {
            out += figure("Trend", SVGChart.trend(comparison.trend + [report.trendPoint]))
        }
        return out + "</section>\n"
    }

    static func figure(_ title: String, _ body: String) -> String {
        "<figure><figcaption>\(escape(title))</figcaption>\(body)</figure>\n"
    }

    /// Scripts that are no part of a phone integration: listed with why, neither failing nor clean.
    static func skippedSection(_ skipped: [SkippedFile]) -> String {
        guard !skipped.isEmpty else { return "" }
        var out = "<section><h2>Not part of a phone integration</h2>\n<table><thead><tr><th>script</th><th>reason</th></tr></thead><tbody>\n"
        for s in skipped { out += "<tr><td><code>\(escape(s.path))</code></td><td>\(escape(s.reason))</td></tr>\n" }
        return out + "</tbody></table></section>\n"
    }

    /// Every bundle in one table to sort and filter; folded away on a large
    /// fleet, where the folder groups above are the way in.
    static func bundleTable(_ bundles: [AuditBundle], anchors: [String: String], compared: Bool) -> String {
        let options = AuditBundle.Status.allCases.map { "<option value=\"\($0.rawValue)\">\($0.label)</option>" }.joined()
        var out = """
            <section><details id="all"\(bundles.count <= 100 ? " open" : "")><summary><h2>All \(bundles.count) bundles</h2></summary>
            <div class="filters"><input id="q" type="search" placeholder="Filter bundles" aria-label="Filter bundles">
            <select id="status" aria-label="Status"><option value="">all statuses</option>\(options)</select></div>
            <table id="bundles"><thead><tr><th>Bundle</th><th>Status</th><th>Files</th><th>Errors</th><th>Warnings</th><th>Notes</th>
            """
        if compared { out += "<th>New</th><th>Fixed</th>" }
        out += "</tr></thead><tbody>\n"
        for b in bundles {
            let rank = AuditBundle.Status.allCases.firstIndex(of: b.status) ?? 0
            out += "<tr data-status=\"\(b.status.rawValue)\"><td>\(bundleName(b, anchors: anchors))</td><td data-v=\"\(rank)\"><span class=\"pill \(b.status.rawValue)\">\(b.status.label)</span></td>"
            out += "<td>\(b.files)</td><td>\(b.errors)</td><td>\(b.warnings)</td><td>\(b.notes)</td>"
            if compared { out += "<td>\(b.changes?.new ?? 0)</td><td>\(b.changes?.fixed ?? 0)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></details></section>\n"
    }

    /// The bundle's ID, linked to its findings when it has any.
    static func bundleName(_ b: AuditBundle, anchors: [String: String]) -> String {
        guard !b.findings.isEmpty || !(b.fixed ?? []).isEmpty, let anchor = anchors[b.id] else { return escape(b.id) }
        return "<a href=\"#\(anchor)\">\(escape(b.id))</a>"
    }

    static func findingSections(_ bundles: [AuditBundle], removed: [RemovedBundle], anchors: [String: String], options: RenderOptions) -> String {
        let shown = bundles.filter { !$0.findings.isEmpty || !($0.fixed ?? []).isEmpty }
        guard !shown.isEmpty || !removed.isEmpty else { return "" }
        var out = "<section><h2>Findings</h2>\n"
        for b in shown {
            out += "<article class=\"bundle\" id=\"\(anchors[b.id]!)\"><h3>\(escape(b.id)) <span class=\"pill \(b.status.rawValue)\">\(b.status.label)</span></h3><ol>\n"
            for f in b.findings + (b.fixed ?? []) { out += finding(f, options: options) }
            out += "</ol>\(AuditCanvas.figures(b))</article>\n"
        }
        for r in removed {
            out += "<article class=\"bundle\"><h3>\(escape(r.id)) <span class=\"pill clean\">gone</span></h3><ol>\n"
            for f in r.fixed { out += finding(f, options: options) }
            out += "</ol></article>\n"
        }
        return out + "</section>\n"
    }

    static func finding(_ f: AuditFinding, options: RenderOptions) -> String {
        let location = "\(f.file):\(f.line):\(f.column)"
        var out = "<li class=\"finding \(f.severity.rawValue)\(f.change == .fixed ? " fixed" : "")\">"
        out += "<div class=\"head\"><span class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</span> "
        out += "<a class=\"loc\" href=\"\(escape(link(f, options: options)))\">\(escape(location))</a> <code>\(escape(f.rule))</code>"
        if let change = f.change, change != .unchanged { out += " <span class=\"chg \(change.rawValue)\">\(change.rawValue)</span>" }
        out += "</div><p>\(escape(f.message))</p>"
        if let excerpt = f.excerpt, f.change != .fixed { out += excerptHTML(excerpt, line: f.line) }
        return out + "</li>\n"
    }

    static func excerptHTML(_ e: Excerpt, line: Int) -> String {
        let scalars = Array(e.text.unicodeScalars)
        let start = max(0, min(e.column - 1, scalars.count))
        let end = max(start, min(start + e.width, scalars.count))
        func text(_ range: Range<Int>) -> String { escape(String(String.UnicodeScalarView(scalars[range]))) }
        return "<pre class=\"excerpt\"><span class=\"ln\">\(line)</span>\(text(0..<start))<mark>\(text(start..<end))</mark>\(text(end..<scalars.count))</pre>"
    }

    /// A link from the report's folder to the file, at its line; a member of
    /// a .zip links to the archive.
    static func link(_ f: AuditFinding, options: RenderOptions) -> String {
        let file = f.file.components(separatedBy: "!/").first ?? f.file
        let encoded = file.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? String(segment)
        }.joined(separator: "/")
        let base = file.hasPrefix("/") ? "file://" + encoded : options.linkPrefix + encoded
        return base + "#L\(f.line)"
    }

    static func color(_ status: AuditBundle.Status) -> String {
        switch status {
        case .failing: SVGChart.red
        case .warning: SVGChart.amber
        case .note: SVGChart.blue
        case .unconfigured: SVGChart.grey
        case .clean: SVGChart.green
        }
    }

    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    static func color(_ severity: Severity) -> String {
        switch severity {
        case .error: SVGChart.red
        case .warning: SVGChart.amber
        case .note: SVGChart.blue
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: Assets

    static let style = """
        :root{--red:#c62828;--amber:#b26a00;--blue:#1565c0;--green:#2e7d32;--grey:#78808c;--ink:#1d2430;--muted:#5b6576;--line:#e3e7ee;--bg:#f6f8fb}
        *{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header h1{margin:0;font-size:24px}header p{margin:4px 0 16px;color:var(--muted)}
        h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:0 0 8px;font-family:ui-monospace,Menlo,Consolas,monospace}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:10px}
        .card{background:#fff;border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 12px}
        .card span{display:block;color:var(--muted);font-size:12px}.card strong{font-size:22px}
        .card.failing{border-left-color:var(--red)}.card.warning{border-left-color:var(--amber)}.card.note{border-left-color:var(--blue)}.card.clean{border-left-color:var(--green)}.card.unconfigured{border-left-color:var(--grey)}
        .charts{display:flex;flex-wrap:wrap;gap:16px;margin-top:16px;align-items:flex-start}
        figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;flex:1 1 360px;max-width:560px}
        figcaption{font-weight:600;margin-bottom:6px}svg{width:100%;height:auto;font:12px system-ui,sans-serif}.more,.empty{color:var(--muted)}
        .filters{display:flex;gap:8px;margin-bottom:8px}input,select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:4px}input{flex:0 1 320px}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}
        th,td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:right}th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
        th{cursor:pointer;user-select:none;background:#eef1f6;position:sticky;top:0}th[data-dir=asc]::after{content:" ▲"}th[data-dir=desc]::after{content:" ▼"}
        td:first-child{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
        .pill{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;color:#fff;font-family:system-ui,sans-serif;font-weight:500}
        .pill.failing{background:var(--red)}.pill.warning{background:var(--amber)}.pill.note{background:var(--blue)}.pill.unconfigured{background:var(--grey)}.pill.clean{background:var(--green)}
        details.folder{background:#fff;border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;margin:6px 0;padding:4px 10px}
        details.folder details.folder{margin-left:8px}details.folder[data-status=failing]{border-left-color:var(--red)}details.folder[data-status=warning]{border-left-color:var(--amber)}
        details.folder[data-status=note]{border-left-color:var(--blue)}details.folder[data-status=clean]{border-left-color:var(--green)}
        details.folder>summary{cursor:pointer;padding:4px 0}.counts{color:var(--muted);margin-left:6px}table.rows{margin:6px 0 8px;border:0}
        #all>summary{cursor:pointer}#all>summary h2{display:inline-block}
        .bundle{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin-bottom:12px}
        .bundle ol{list-style:none;margin:0;padding:0}.finding{padding:8px 0;border-top:1px solid var(--line)}.finding p{margin:4px 0}
        .sev{font-weight:600;text-transform:uppercase;font-size:11px}.sev.error{color:var(--red)}.sev.warning{color:var(--amber)}.sev.note{color:var(--blue)}
        .loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}code{background:#eef1f6;padding:0 4px;border-radius:3px}
        .chg{font-size:11px;padding:0 6px;border-radius:8px;border:1px solid}.chg.new{color:var(--red)}.chg.fixed{color:var(--green)}
        .finding.fixed p,.finding.fixed .loc{text-decoration:line-through;color:var(--muted)}
        pre.excerpt{margin:4px 0 0;padding:6px 10px;background:#f3f5f9;border-radius:4px;overflow-x:auto;font-size:12.5px}
        .ln{color:var(--muted);display:inline-block;min-width:3em;margin-right:8px;text-align:right;user-select:none}
        mark{background:#ffe0e0;border-bottom:2px solid var(--red);color:inherit}
        .finding.warning mark{background:#fff0d0;border-bottom-color:var(--amber)}.finding.note mark{background:#e3f0ff;border-bottom-color:var(--blue)}
        footer{margin-top:24px;color:var(--muted);font-size:12px}
        """

    /// Sorts by a clicked column (numbers as numbers; `data-v` overrides the
    /// text) and filters rows by name and status.
    static let script = """
        (()=>{const t=document.getElementById('bundles');if(!t)return;const q=document.getElementById('q'),s=document.getElementById('status'),b=t.tBodies[0];
        const f=()=>{const w=q.value.toLowerCase(),st=s.value;for(const r of b.rows)r.hidden=!(r.cells[0].textContent.toLowerCase().includes(w)&&(!st||r.dataset.status===st));};
        q.addEventListener('input',f);s.addEventListener('change',f);
        t.tHead.addEventListener('click',e=>{const h=e.target.closest('th');if(!h)return;const i=h.cellIndex,d=h.dataset.dir==='asc'?'desc':'asc';
        for(const c of t.tHead.rows[0].cells)delete c.dataset.dir;h.dataset.dir=d;
        const v=r=>{const c=r.cells[i],x=c.dataset.v??c.textContent;return x!==''&&!isNaN(x)?+x:x.toLowerCase();};
        const rows=[...b.rows].sort((x,y)=>{const a=v(x),c=v(y);return(a<c?-1:a>c?1:0)*(d==='asc'?1:-1);});b.append(...rows);});})();
        """
}

/// Charts as inline SVG: no library, nothing fetched.
enum SVGChart {
    static let red = "#c62828", amber = "#ef8f00", blue = "#1e88e5", green = "#2e7d32", grey = "#78808c"

    struct Bar {
        var label: String
        var value: Int
        var color: String
    }

    /// Horizontal bars, one row per item, the value printed after the bar.
    static func bars(_ bars: [Bar], title: String) -> String {
        let labelWidth = 230, barWidth = 230, row = 24, width = labelWidth + barWidth + 50
        let height = bars.count * row + 8
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(AuditHTML.escape(title))\">"
        for (i, bar) in bars.enumerated() {
            let y = i * row + 4
            let w = bar.value == 0 ? 0 : max(2, bar.value * barWidth / maxValue)
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#1d2430\">\(AuditHTML.escape(truncated(bar.label, 34)))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(row - 8)\" rx=\"3\" fill=\"\(bar.color)\"><title>\(AuditHTML.escape(bar.label)): \(bar.value)</title></rect>"
            out += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 15)\" fill=\"#5b6576\">\(bar.value)</text>"
        }
        return out + "</svg>"
    }

    /// Errors, warnings and notes across audits, oldest first, the current one last.
    static func trend(_ points: [TrendPoint]) -> String {
        let width = 490, height = 210, left = 44, right = 16, top = 26, bottom = 40
        let series: [(String, String, KeyPath<TrendPoint, Int>)] = [("errors", red, \.errors), ("warnings", amber, \.warnings), ("notes", blue, \.notes)]
        let maxValue = max(1, points.flatMap { p in series.map { p[keyPath: $0.2] } }.max() ?? 1)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Int { points.count < 2 ? left + plotW / 2 : left + i * plotW / (points.count - 1) }
        func y(_ v: Int) -> Int { top + plotH - v * plotH / maxValue }
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Trend\">"
        out += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\" stroke=\"#c9d0db\"/>"
        out += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\" fill=\"#5b6576\">\(maxValue)</text><text x=\"\(left - 6)\" y=\"\(top + plotH + 4)\" text-anchor=\"end\" fill=\"#5b6576\">0</text>"
        for (name, color, key) in series {
            let coords = points.enumerated().map { "\(x($0.offset)),\(y($0.element[keyPath: key]))" }
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" points=\"\(coords.joined(separator: " "))\"/>"
            for (i, p) in points.enumerated() {
                out += "<circle cx=\"\(x(i))\" cy=\"\(y(p[keyPath: key]))\" r=\"3.5\" fill=\"\(color)\"><title>\(name): \(p[keyPath: key])</title></circle>"
            }
        }
        for (i, p) in points.enumerated() {
            let label = p.label.map { truncated($0, 14) } ?? (i == points.count - 1 ? "now" : "#\(i + 1)")
            out += "<text x=\"\(x(i))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" fill=\"#5b6576\">\(AuditHTML.escape(label))</text>"
        }
        for (i, s) in series.enumerated() {
            let lx = left + i * 110
            out += "<rect x=\"\(lx)\" y=\"4\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(s.1)\"/><text x=\"\(lx + 17)\" y=\"14\" fill=\"#1d2430\">\(s.0)</text>"
        }
        return out + "</svg>"
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
