import Foundation

/// A canvas as one self-contained SVG: no stylesheet, font or script loaded
/// from anywhere, colours as attributes so it looks the same inline in a page
/// or opened on its own. Drawn at its natural size (one canvas pixel, one CSS
/// pixel) with a matching viewBox, so a 200-action script stays readable and
/// a page scrolls it, or scales it down by setting a width.
public enum ScriptCanvasSVG {
    static let ink = "#1d2430", muted = "#5b6576", line = "#8a94a6", highlight = "#c62828", highlightFill = "#ffe9e9"

    /// Arrowheads are drawn as shapes, not markers, so the SVG holds no ID and
    /// no `url()`: any number of canvases can share a page.
    public static func render(_ canvas: ScriptCanvas, path: [ScriptCanvas.Step] = []) -> String {
        let margin = 30.0
        let (arrowsSVG, bends) = arrows(canvas, taken: canvas.pathArrows(path))
        // Boxes and the control points of bent arrows (a curve stays within them) bound the picture.
        let xs = canvas.boxes.flatMap { [$0.x, $0.x + ScriptCanvas.boxWidth] } + bends.map(\.x)
        let ys = canvas.boxes.flatMap { [$0.y, $0.y + ScriptCanvas.boxHeight] } + bends.map(\.y)
        let minX = (xs.min() ?? 0) - margin, minY = (ys.min() ?? 0) - margin
        let maxX = (xs.max() ?? 0) + margin, maxY = (ys.max() ?? 0) + margin
        let width = Int((maxX - minX).rounded(.up)), height = Int((maxY - minY).rounded(.up))
        let title = "Studio canvas of \(canvas.name ?? canvas.file)" + (path.isEmpty ? "" : ", the finding's path in \(path.count) steps")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cxlint-canvas\" viewBox=\"\(n(minX)) \(n(minY)) \(width) \(height)\" "
        out += "width=\"\(width)\" height=\"\(height)\" style=\"max-width:none;width:\(width)px;height:\(height)px\" "
        out += "font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"\(title.xmlEscaped)\">"
        out += "<title>\(title.xmlEscaped)</title>"
        out += arrowsSVG
        out += boxes(canvas, numbers: canvas.stepNumbers(path))
        return out + "</svg>"
    }

    // MARK: Arrows

    /// The arrows, and the points their curves bend toward (for the picture's bounds).
    static func arrows(_ canvas: ScriptCanvas, taken: Set<Int>) -> (String, [Point]) {
        let boxes = Dictionary(canvas.boxes.map { ($0.actionId, $0) }, uniquingKeysWith: { first, _ in first })
        // Branches between the same two actions bend apart so their labels do not overlap.
        var siblings: [String: [Int]] = [:]
        for (index, arrow) in canvas.arrows.enumerated() { siblings["\(arrow.from)>\(arrow.to)", default: []].append(index) }
        var lines = "", labels = ""
        var bends: [Point] = []
        // Highlighted arrows last, so they are drawn on top.
        let order = canvas.arrows.indices.filter { !taken.contains($0) } + canvas.arrows.indices.filter { taken.contains($0) }
        for index in order {
            let arrow = canvas.arrows[index]
            guard let from = boxes[arrow.from], let to = boxes[arrow.to] else { continue }
            let group = siblings["\(arrow.from)>\(arrow.to)"]!
            let spread = (Double(group.firstIndex(of: index)!) - Double(group.count - 1) / 2) * 26
            let on = taken.contains(index)
            let shape = arrow.from == arrow.to
                ? loop(from, bend: spread)
                : curve(from, to, bend: clearBend(from, to, spread: spread, obstacles: canvas.boxes))
            bends.append(shape.control)
            let color = on ? highlight : line
            lines += "<path class=\"arrow\(on ? " on-path" : "")\" data-from=\"\(arrow.from)\" data-to=\"\(arrow.to)\" d=\"\(shape.d)\" fill=\"none\" stroke=\"\(color)\" "
            lines += "stroke-width=\"\(on ? "2.5" : "1.2")\"><title>\(arrowTitle(arrow).xmlEscaped)</title></path>"
            lines += head(at: shape.end, from: shape.approach, size: on ? 12 : 9, color: color)
            if !arrow.label.isEmpty {
                labels += "<text class=\"branch\" x=\"\(n(shape.label.x))\" y=\"\(n(shape.label.y + 4))\" text-anchor=\"middle\" font-size=\"10.5\" "
                labels += "fill=\"\(on ? highlight : muted)\"\(on ? " font-weight=\"600\"" : "") stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(truncated(arrow.label, 18).xmlEscaped)</text>"
            }
        }
        return ("<g class=\"arrows\">\(lines)\(labels)</g>", bends)
    }

    static func arrowTitle(_ arrow: ScriptCanvas.Arrow) -> String {
        "\(arrow.from) → \(arrow.to)" + (arrow.label.isEmpty ? "" : " (\(arrow.label))")
    }

    typealias Point = (x: Double, y: Double)

    /// An arrow's line: its SVG path, where its label goes, the point it
    /// bends toward, where it ends and the direction it arrives from.
    struct Shape {
        var d: String
        var label: Point
        var control: Point
        var end: Point
        var approach: Point
    }

    /// A filled arrowhead with its tip at `end`, pointing away from `from`.
    static func head(at end: Point, from: Point, size: Double, color: String) -> String {
        let length = max(0.001, hypot(end.x - from.x, end.y - from.y))
        let ux = (end.x - from.x) / length, uy = (end.y - from.y) / length
        let baseX = end.x - ux * size, baseY = end.y - uy * size
        let half = size * 0.45
        return "<path class=\"head\" d=\"M\(n(end.x)),\(n(end.y))L\(n(baseX - uy * half)),\(n(baseY + ux * half))L\(n(baseX + uy * half)),\(n(baseY - ux * half))z\" fill=\"\(color)\"/>"
    }

    /// A quadratic curve between the two boxes' edges, bent sideways by `bend`;
    /// its label halfway along it.
    static func curve(_ a: ScriptCanvas.Box, _ b: ScriptCanvas.Box, bend: Double) -> Shape {
        let ca = center(a), cb = center(b)
        let length = max(1, hypot(cb.x - ca.x, cb.y - ca.y))
        let normal = (x: -(cb.y - ca.y) / length, y: (cb.x - ca.x) / length)
        let control = (x: (ca.x + cb.x) / 2 + normal.x * bend, y: (ca.y + cb.y) / 2 + normal.y * bend)
        let start = edgePoint(a, toward: control), end = edgePoint(b, toward: control)
        let mid = (x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y)
        return Shape(
            d: "M\(n(start.x)),\(n(start.y))Q\(n(control.x)),\(n(control.y)) \(n(end.x)),\(n(end.y))", label: mid, control: control, end: end, approach: control)
    }

    /// How far to bend an arrow so that it passes no other box (a branch that
    /// skips the action between two others in a column would otherwise seem
    /// to leave that action): the first of a few bends, either side, that
    /// clears them all. Large canvases keep straight arrows: checking every
    /// arrow against every box would cost more than it shows.
    static func clearBend(_ a: ScriptCanvas.Box, _ b: ScriptCanvas.Box, spread: Double, obstacles: [ScriptCanvas.Box]) -> Double {
        guard obstacles.count <= 400 else { return spread }
        let ca = center(a), cb = center(b)
        let near = obstacles.filter { box in
            box.actionId != a.actionId && box.actionId != b.actionId
                && box.x + ScriptCanvas.boxWidth >= min(ca.x, cb.x) - 200 && box.x <= max(ca.x, cb.x) + 200
                && box.y + ScriptCanvas.boxHeight >= min(ca.y, cb.y) - 200 && box.y <= max(ca.y, cb.y) + 200
        }
        let candidates = [spread] + [70.0, 140, 210, 280, 350].flatMap { [spread + $0, spread - $0] }
        return candidates.first { bend in !near.contains { crosses(a, b, bend: bend, box: $0) } } ?? spread
    }

    /// Whether the bent arrow from `a` to `b` runs through `box`, sampled along the curve.
    static func crosses(_ a: ScriptCanvas.Box, _ b: ScriptCanvas.Box, bend: Double, box: ScriptCanvas.Box) -> Bool {
        let ca = center(a), cb = center(b)
        let length = max(1, hypot(cb.x - ca.x, cb.y - ca.y))
        let control = (x: (ca.x + cb.x) / 2 - (cb.y - ca.y) / length * bend, y: (ca.y + cb.y) / 2 + (cb.x - ca.x) / length * bend)
        return (1..<16).contains { i in
            let t = Double(i) / 16, u = 1 - t
            let x = u * u * ca.x + 2 * u * t * control.x + t * t * cb.x, y = u * u * ca.y + 2 * u * t * control.y + t * t * cb.y
            return x > box.x - 4 && x < box.x + ScriptCanvas.boxWidth + 4 && y > box.y - 4 && y < box.y + ScriptCanvas.boxHeight + 4
        }
    }

    /// A branch back to its own action: a loop off the right edge.
    static func loop(_ box: ScriptCanvas.Box, bend: Double) -> Shape {
        let right = box.x + ScriptCanvas.boxWidth, top = box.y + 10, bottom = box.y + ScriptCanvas.boxHeight - 10
        let reach = right + 40 + abs(bend), middle = box.y + ScriptCanvas.boxHeight / 2
        return Shape(
            d: "M\(n(right)),\(n(top))C\(n(reach)),\(n(top - 20)) \(n(reach)),\(n(bottom + 20)) \(n(right)),\(n(bottom))",
            label: (reach - 6, middle), control: (reach, middle), end: (right, bottom), approach: (reach, bottom + 20))
    }

    static func center(_ box: ScriptCanvas.Box) -> (x: Double, y: Double) {
        (box.x + ScriptCanvas.boxWidth / 2, box.y + ScriptCanvas.boxHeight / 2)
    }

    /// Where the line from the box's centre toward `point` leaves the box.
    static func edgePoint(_ box: ScriptCanvas.Box, toward point: (x: Double, y: Double)) -> (x: Double, y: Double) {
        let c = center(box)
        let dx = point.x - c.x, dy = point.y - c.y
        guard dx != 0 || dy != 0 else { return c }
        let t = min(dx == 0 ? .infinity : ScriptCanvas.boxWidth / 2 / abs(dx), dy == 0 ? .infinity : ScriptCanvas.boxHeight / 2 / abs(dy))
        return (c.x + dx * t, c.y + dy * t)
    }

    // MARK: Boxes

    static func boxes(_ canvas: ScriptCanvas, numbers: [Int: [Int]]) -> String {
        var out = "<g class=\"boxes\">"
        for box in canvas.boxes {
            let steps = numbers[box.actionId] ?? []
            let on = !steps.isEmpty
            let caption = box.caption.flatMap { $0.isEmpty || $0.uppercased() == box.action ? nil : $0 }
            out += "<g class=\"box\(on ? " on-path" : "")\" data-action-id=\"\(box.actionId)\"\(on ? " data-step=\"\(steps.map(String.init).joined(separator: " "))\"" : "")>"
            out += "<title>\(("\(box.actionId) \(box.action)" + (caption.map { " \"\($0)\"" } ?? "")).xmlEscaped)</title>"
            out += "<rect x=\"\(n(box.x))\" y=\"\(n(box.y))\" width=\"\(n(ScriptCanvas.boxWidth))\" height=\"\(n(ScriptCanvas.boxHeight))\" rx=\"6\" "
            out += "fill=\"\(on ? highlightFill : "#ffffff")\" stroke=\"\(on ? highlight : muted)\" stroke-width=\"\(on ? "2.5" : "1")\"/>"
            let textX = n(box.x + ScriptCanvas.boxWidth / 2)
            out += "<text x=\"\(textX)\" y=\"\(n(box.y + (caption == nil ? 27 : 19)))\" text-anchor=\"middle\" font-weight=\"600\" fill=\"\(ink)\">\(truncated(box.action, 20).xmlEscaped)</text>"
            if let caption {
                out += "<text x=\"\(textX)\" y=\"\(n(box.y + 35))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(muted)\">\(truncated(caption, 24).xmlEscaped)</text>"
            }
            if on {
                let label = steps.map(String.init).joined(separator: ",")
                let radius = 10.0 + Double(max(0, label.count - 1)) * 3
                out += "<circle class=\"step\" cx=\"\(n(box.x))\" cy=\"\(n(box.y))\" r=\"\(n(radius))\" fill=\"\(highlight)\"/>"
                out += "<text x=\"\(n(box.x))\" y=\"\(n(box.y + 4))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#ffffff\">\(label)</text>"
            }
            out += "</g>"
        }
        return out + "</g>"
    }

    // MARK: Text

    /// Coordinates with at most one decimal, without a trailing `.0`.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
