import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// A Studio script as Studio authors see it: actions as labelled boxes where
/// the export places them (desktop `<X>`/`<Y>`, web `x`/`y`), branches as
/// labelled arrows. Scripts without positions get a layered layout. Kept as
/// plain data so the audit record can hold it and draw it again; the drawing
/// (`ScriptCanvasSVG`, `ScriptCanvasDOT`) is pure functions of it.
public struct ScriptCanvas: Codable, Sendable, Hashable {
    public enum Layout: String, Codable, Sendable {
        /// Positions from the export.
        case exported
        /// Computed: one row per step from the nearest entry point.
        case layered
    }

    public struct Box: Codable, Sendable, Hashable {
        public var actionId: Int
        public var action: String
        public var caption: String?
        /// Top-left corner in canvas pixels, y growing downwards.
        public var x: Double
        public var y: Double
    }

    public struct Arrow: Codable, Sendable, Hashable {
        /// ActionIDs.
        public var from: Int
        public var to: Int
        /// The branch's label; "" for the default branch.
        public var label: String
    }

    /// One action of a path to highlight, and the branch it takes out of it
    /// ("" the default one, nil on the last step).
    public struct Step: Sendable, Hashable {
        public var actionId: Int
        public var branch: String?

        public init(actionId: Int, branch: String?) {
            self.actionId = actionId
            self.branch = branch
        }

        public init(_ step: PathStep) { self.init(actionId: step.actionID, branch: step.branch) }
        public init(_ step: JSONReporter.Step) { self.init(actionId: step.actionId, branch: step.branch) }
    }

    public static let boxWidth = 150.0, boxHeight = 46.0

    /// The script's file as the report names it.
    public var file: String
    public var name: String?
    public var layout: Layout
    /// In source order.
    public var boxes: [Box]
    /// Branches that lead to an existing action, in source order.
    public var arrows: [Arrow]

    public init(_ script: StudioScript, file: String) {
        self.file = file
        name = script.name
        let exported = !script.actions.isEmpty && script.actions.allSatisfy { $0.position != nil }
        layout = exported ? .exported : .layered
        let corners = exported ? Self.spread(script.actions.map { $0.position! }) : Self.layered(script)
        boxes = zip(script.actions, corners).map { action, corner in
            Box(actionId: action.id, action: action.type, caption: action.caption, x: corner.x, y: corner.y)
        }
        arrows = script.actions.flatMap { action in
            action.branches.compactMap { branch in
                guard let target = branch.target, script.indexByID[target] != nil else { return nil }
                return Arrow(from: action.id, to: target, label: branch.kind == .default ? "" : branch.label)
            }
        }
    }

    /// The script's canvas, or nil when the file is not a Studio script; `file` names it.
    public static func load(_ source: SourceFile, file: String) -> ScriptCanvas? {
        DocumentLoader.load(source).lazy.compactMap(\.script).first.map { ScriptCanvas($0, file: file) }
    }

    // MARK: Layout

    /// Exported positions, pulled apart evenly where Studio's icons (smaller
    /// than these labelled boxes) sit closer than a box: one scale for the
    /// whole canvas keeps its shape. Large scripts keep their positions
    /// (comparing every pair would cost more than the drawing is worth).
    static func spread(_ positions: [CanvasPosition]) -> [CanvasPosition] {
        let gapX = boxWidth + 24, gapY = boxHeight + 24
        var scale = 1.0
        if positions.count <= 2000 {
            for i in positions.indices {
                for j in positions.indices where j > i {
                    let dx = abs(positions[i].x - positions[j].x), dy = abs(positions[i].y - positions[j].y)
                    guard dx < gapX, dy < gapY else { continue }
                    // The smaller scale that separates the pair along one axis.
                    let needed = min(dx > 0 ? gapX / dx : .infinity, dy > 0 ? gapY / dy : .infinity)
                    scale = max(scale, needed)
                }
            }
        }
        scale = min(scale, 3)
        return positions.map { CanvasPosition(x: $0.x * scale, y: $0.y * scale) }
    }

    /// Rows by breadth-first distance from the entry points (BEGIN and events,
    /// side by side in row 0), actions within a row in the order the walk met
    /// them; actions no entry reaches start walks of their own.
    static func layered(_ script: StudioScript) -> [CanvasPosition] {
        let graph = ScriptGraph(script)
        var depth = [Int?](repeating: nil, count: script.actions.count)
        var order: [Int] = []
        func walk(from starts: [Int]) {
            var queue = starts.filter { depth[$0] == nil }
            for start in queue { depth[start] = 0 }
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                order.append(node)
                for edge in graph.successors[node] where depth[edge.target] == nil {
                    depth[edge.target] = depth[node]! + 1
                    queue.append(edge.target)
                }
            }
        }
        walk(from: graph.entries)
        for index in script.actions.indices where depth[index] == nil { walk(from: [index]) }
        var column = [Int](repeating: 0, count: script.actions.count)
        var used: [Int: Int] = [:]
        for index in order {
            column[index] = used[depth[index]!, default: 0]
            used[depth[index]!, default: 0] += 1
        }
        return script.actions.indices.map { i in
            CanvasPosition(x: 20 + Double(column[i]) * (boxWidth + 50), y: 20 + Double(depth[i]!) * (boxHeight + 60))
        }
    }

    // MARK: Path

    /// Which steps of a path each action is (1-based; an action a loop passes twice has two).
    func stepNumbers(_ path: [Step]) -> [Int: [Int]] {
        var numbers: [Int: [Int]] = [:]
        for (index, step) in path.enumerated() { numbers[step.actionId, default: []].append(index + 1) }
        return numbers
    }

    /// Indices into `arrows` of the branches the path takes.
    func pathArrows(_ path: [Step]) -> Set<Int> {
        var taken = Set<Int>()
        for (step, next) in zip(path, path.dropFirst()) {
            if let index = arrows.indices.first(where: { arrows[$0].from == step.actionId && arrows[$0].to == next.actionId && arrows[$0].label == (step.branch ?? "") })
                ?? arrows.indices.first(where: { arrows[$0].from == step.actionId && arrows[$0].to == next.actionId }) {
                taken.insert(index)
            }
        }
        return taken
    }
}
