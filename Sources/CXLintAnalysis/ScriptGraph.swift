import CXLintModel
import CXLintSyntax

/// A Studio script as a graph over action indices: entry points (BEGIN and
/// event actions), successor edges labelled by branch, predecessors, and
/// path queries. Built once per script; every query is linear.
public struct ScriptGraph: Sendable {
    public struct Edge: Sendable, Hashable {
        /// Index of the branch in the source action's `branches`.
        public var branch: Int
        /// Index of the target action in `script.actions`.
        public var target: Int
    }

    public let script: StudioScript
    public let catalog: StudioActionCatalog
    /// Indices of BEGIN and event actions (ONSIGNAL, ONANSWER, ONRELEASE).
    public let entries: [Int]
    public let successors: [[Edge]]
    public let predecessors: [[Int]]
    /// (action index, branch index) of branches to an ActionID that does not exist.
    public let danglingBranches: [(action: Int, branch: Int)]

    public init(_ script: StudioScript, catalog: StudioActionCatalog = .standard) {
        self.script = script
        self.catalog = catalog
        var successors = [[Edge]](repeating: [], count: script.actions.count)
        var predecessors = [[Int]](repeating: [], count: script.actions.count)
        var dangling: [(Int, Int)] = []
        for index in script.actions.indices {
            for (branchIndex, branch) in script.actions[index].branches.enumerated() {
                guard let id = branch.target else { continue }
                guard let target = script.indexByID[id] else {
                    dangling.append((index, branchIndex))
                    continue
                }
                successors[index].append(Edge(branch: branchIndex, target: target))
                predecessors[target].append(index)
            }
        }
        self.successors = successors
        self.predecessors = predecessors
        self.danglingBranches = dangling
        self.entries = script.actions.indices.filter { catalog.isEntryPoint(script.actions[$0].type) }
    }

    public var actions: [StudioAction] { script.actions }

    /// Indices of actions of a type, in source order.
    public func indices(ofType type: String) -> [Int] {
        script.actions.indices.filter { script.actions[$0].type == type }
    }

    /// The actions reachable from `starts` in reverse postorder of a depth-first walk:
    /// each comes before its successors, except along edges that close a loop.
    public func reversePostorder(from starts: [Int]) -> [Int] {
        var visited = [Bool](repeating: false, count: actions.count)
        var postorder: [Int] = []
        postorder.reserveCapacity(actions.count)
        // (action, index of the next successor to look at)
        var stack: [(node: Int, next: Int)] = []
        for start in starts where !visited[start] {
            visited[start] = true
            stack.append((start, 0))
            while let top = stack.last {
                let edges = successors[top.node]
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let target = edges[top.next].target
                    if !visited[target] {
                        visited[target] = true
                        stack.append((target, 0))
                    }
                } else {
                    postorder.append(top.node)
                    stack.removeLast()
                }
            }
        }
        return postorder.reversed()
    }

    /// Which actions can run after starting at `starts` (the starts included).
    public func reachable(from starts: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: script.actions.count)
        var stack = starts
        for start in starts { seen[start] = true }
        while let node = stack.popLast() {
            for edge in successors[node] where !seen[edge.target] {
                seen[edge.target] = true
                stack.append(edge.target)
            }
        }
        return seen
    }

    /// Which actions can run after `starts` when the walk goes no further than
    /// an action for which `stop` holds (that action included, its successors not,
    /// unless another path reaches them).
    public func reachable(from starts: [Int], stoppingAt stop: (Int) -> Bool) -> [Bool] {
        var seen = [Bool](repeating: false, count: script.actions.count)
        var stack = starts
        for start in starts { seen[start] = true }
        while let node = stack.popLast() {
            if stop(node) { continue }
            for edge in successors[node] where !seen[edge.target] {
                seen[edge.target] = true
                stack.append(edge.target)
            }
        }
        return seen
    }

    /// A shortest path of edges from `start` to `goal` that never passes through
    /// an action for which `blocked` holds (start and goal excepted), or nil.
    public func path(from start: Int, to goal: Int, avoiding blocked: (Int) -> Bool = { _ in false }) -> [Step]? {
        steps(to: goal, from: start, in: shortestPaths(from: start, until: goal, avoiding: blocked))
    }

    /// The last step of a shortest path from `start` to every action (nil where
    /// none leads, and at `start`), never passing through an action for which
    /// `blocked` holds (start and the reached action excepted). One walk serves
    /// every goal; `until` stops it early once that goal is reached.
    public func shortestPaths(from start: Int, until goal: Int? = nil, avoiding blocked: (Int) -> Bool) -> [Step?] {
        var previous = [Step?](repeating: nil, count: script.actions.count)
        var seen = [Bool](repeating: false, count: script.actions.count)
        var queue = [start]
        var head = 0
        seen[start] = true
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == goal { break }
            if node != start, blocked(node) { continue }
            for edge in successors[node] where !seen[edge.target] {
                seen[edge.target] = true
                previous[edge.target] = Step(from: node, edge: edge)
                queue.append(edge.target)
            }
        }
        return previous
    }

    /// The path to `goal` in a `shortestPaths` result, or nil when none leads there.
    public func steps(to goal: Int, from start: Int, in previous: [Step?]) -> [Step]? {
        if goal == start { return [] }
        guard previous[goal] != nil else { return nil }
        var steps: [Step] = []
        var node = goal
        while node != start, let step = previous[node] {
            steps.append(step)
            node = step.from
        }
        return steps.reversed()
    }

    public struct Step: Sendable, Hashable {
        public var from: Int
        public var edge: Edge
    }

    /// `BEGIN → IF "Check DNIS" (False) → PLACECALL`: named results and case
    /// values in parentheses, the default branch unlabelled.
    public func describe(_ steps: [Step], start: Int) -> String {
        var parts = [script.actions[start].displayName]
        for step in steps {
            let branch = script.actions[step.from].branches[step.edge.branch]
            if branch.kind != .default, !branch.label.isEmpty { parts[parts.count - 1] += " (\(branch.label))" }
            parts.append(script.actions[step.edge.target].displayName)
        }
        return parts.joined(separator: " → ")
    }

    /// The same path as data, one step per action from `start` to the path's
    /// end, each with the branch it takes: what a finding carries so that
    /// SARIF, editors and the canvas can show it.
    public func pathSteps(_ steps: [Step], start: Int) -> [PathStep] {
        let taken = steps.map { (action: $0.from, branch: Optional(script.actions[$0.from].branches[$0.edge.branch])) }
        return (taken + [(action: steps.last?.edge.target ?? start, branch: nil)]).map { pathStep(at: $0.action, taking: $0.branch) }
    }

    /// `IF "Support line?" takes False`; an action left by its default branch, or the last one, is just named.
    func pathStep(at index: Int, taking branch: StudioBranch?) -> PathStep {
        let action = script.actions[index]
        let label = branch.map { $0.kind == .default ? "" : $0.label }
        var message = action.displayName
        if let label, !label.isEmpty { message += " takes \(label)" }
        return PathStep(
            file: script.file, range: action.typeRange, actionID: action.id, actionType: action.type,
            caption: action.caption, branch: label, message: message)
    }

    /// A shortest path from `start` to the action farthest from it (the last
    /// one a breadth-first walk meets): where a chain that never reaches what
    /// it should ends up.
    public func pathToFarthest(from start: Int) -> [Step] {
        var seen = [Bool](repeating: false, count: script.actions.count)
        var queue = [start]
        var head = 0
        seen[start] = true
        while head < queue.count {
            for edge in successors[queue[head]] where !seen[edge.target] {
                seen[edge.target] = true
                queue.append(edge.target)
            }
            head += 1
        }
        return path(from: start, to: queue[queue.count - 1]) ?? []
    }
}
