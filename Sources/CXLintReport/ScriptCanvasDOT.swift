/// A canvas in Graphviz's DOT language, for people who lay out and style
/// graphs themselves. Each node keeps the export's position as `pos` (in
/// points, y up, pinned with `!`, which `neato -n` honours); `dot` lays the
/// graph out afresh. The path is drawn red and numbered (`xlabel`).
public enum ScriptCanvasDOT {
    public static func render(_ canvas: ScriptCanvas, path: [ScriptCanvas.Step] = []) -> String {
        let numbers = canvas.stepNumbers(path)
        let taken = canvas.pathArrows(path)
        var out = "digraph \(quoted(canvas.name ?? canvas.file)) {\n"
        out += "  graph [rankdir=TB, fontname=\"Helvetica\", label=\(quoted(canvas.file)), labelloc=t];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5b6576\", fontname=\"Helvetica\", fontsize=11];\n"
        out += "  edge [color=\"#8a94a6\", fontname=\"Helvetica\", fontsize=10, fontcolor=\"#5b6576\"];\n"
        for box in canvas.boxes {
            let caption = box.caption.flatMap { $0.isEmpty || $0.uppercased() == box.action ? nil : $0 }
            var attributes = ["label=\(quoted(box.action + (caption.map { "\n" + $0 } ?? "")))"]
            if canvas.layout == .exported {
                attributes.append("pos=\"\(ScriptCanvasSVG.n(box.x)),\(ScriptCanvasSVG.n(-box.y))!\"")
            }
            if let steps = numbers[box.actionId] {
                attributes += ["color=\"#c62828\"", "fillcolor=\"#ffe9e9\"", "penwidth=2.5",
                               "xlabel=\(quoted(steps.map(String.init).joined(separator: ",")))", "fontcolor=\"#1d2430\""]
            }
            out += "  a\(box.actionId) [\(attributes.joined(separator: ", "))];\n"
        }
        for (index, arrow) in canvas.arrows.enumerated() {
            var attributes: [String] = []
            if !arrow.label.isEmpty { attributes.append("label=\(quoted(arrow.label))") }
            if taken.contains(index) { attributes += ["color=\"#c62828\"", "penwidth=2.5", "fontcolor=\"#c62828\""] }
            out += "  a\(arrow.from) -> a\(arrow.to)\(attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]");\n"
        }
        return out + "}\n"
    }

    /// A DOT string: quotes and backslashes escaped, a line break as DOT's
    /// centred `\n`, other control characters dropped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
