/// Forward dataflow over a `ScriptGraph` with a worklist, terminating on
/// loops. Each analysis runs from chosen entry points: BEGIN's chain is the
/// main flow, and each event action (ONSIGNAL, ONANSWER, ONRELEASE) starts a
/// chain of its own, so rules pass the entries whose chain they ask about.
/// Facts are "before the action runs" (in-facts); nil marks actions the
/// entries never reach.
public enum Dataflow {
    /// Must analysis: for each action X, whether on **every** path from the
    /// entries to X some action satisfying `holds` ran before X (X itself
    /// excluded). A bit per action; starts optimistic (true) and only ever
    /// lowers bits, so it reaches the greatest fixed point in at most
    /// (actions × edges) steps.
    public static func mustPrecede(_ graph: ScriptGraph, entries: [Int], where holds: (Int) -> Bool) -> [Bool?] {
        let reachable = graph.reachable(from: entries)
        // A flag per action rather than a Set: it is asked at every edge.
        var isEntry = [Bool](repeating: false, count: graph.actions.count)
        for entry in entries { isEntry[entry] = true }
        var fact = [Bool?](repeating: nil, count: graph.actions.count)
        for i in fact.indices where reachable[i] { fact[i] = !isEntry[i] }
        var worklist = Array(fact.indices.filter { reachable[$0] })
        var queued = reachable
        while let node = worklist.popLast() {
            queued[node] = false
            guard let current = fact[node] else { continue }
            let out = current || holds(node)
            for edge in graph.successors[node] where !isEntry[edge.target] {
                // Meet is AND: one path without the action is enough to lower the bit.
                if fact[edge.target] == true, !out {
                    fact[edge.target] = false
                    if !queued[edge.target] { queued[edge.target] = true; worklist.append(edge.target) }
                }
            }
        }
        return fact
    }

    /// May analysis: for each action X, whether on **some** path from the
    /// entries to X an action satisfying `holds` ran before X.
    public static func mayPrecede(_ graph: ScriptGraph, entries: [Int], where holds: (Int) -> Bool) -> [Bool?] {
        let result = forward(graph, entries: entries, initial: false, join: { $0 || $1 }, transfer: { node, fact in fact || holds(node) })
        return result
    }

    /// The general worklist solver. `initial` is the fact at every entry;
    /// `transfer` maps an action's in-fact to its out-fact; `edge` may refine
    /// the out-fact per branch (e.g. knowledge from an IF's True branch);
    /// `join` merges facts where paths meet. Terminates when the facts form a
    /// lattice of finite height under `join` and `transfer` is monotone;
    /// `limit` (visits per action) guards against analyses that are not.
    /// Inlinable, as the other solver, so that rules in other modules get it
    /// specialised for their facts rather than the generic code.
    @inlinable
    public static func forward<Fact: Equatable>(
        _ graph: ScriptGraph, entries: [Int], initial: Fact,
        join: (Fact, Fact) -> Fact,
        transfer: (Int, Fact) -> Fact,
        edge: (Int, ScriptGraph.Edge, Fact) -> Fact = { _, _, fact in fact },
        limit: Int = 64
    ) -> [Fact?] {
        forward(
            graph, entries: entries, initial: initial,
            merge: { current, incoming in
                let merged = join(current, incoming)
                if merged == current { return false }
                current = merged
                return true
            },
            transfer: transfer, edge: edge, limit: limit)
    }

    /// The same solver with the join done in place: `merge` joins the
    /// incoming fact into the current one and says whether that changed it,
    /// so a fact whose join is costly is neither copied nor compared whole
    /// at every edge.
    @inlinable
    public static func forward<Fact>(
        _ graph: ScriptGraph, entries: [Int], initial: Fact,
        merge: (inout Fact, Fact) -> Bool,
        transfer: (Int, Fact) -> Fact,
        edge: (Int, ScriptGraph.Edge, Fact) -> Fact = { _, _, fact in fact },
        limit: Int = 64
    ) -> [Fact?] {
        var fact = [Fact?](repeating: nil, count: graph.actions.count)
        var visits = [Int](repeating: 0, count: graph.actions.count)
        var pending = [Bool](repeating: false, count: graph.actions.count)
        for entry in entries {
            if fact[entry] == nil { fact[entry] = initial } else { _ = merge(&fact[entry]!, initial) }
            pending[entry] = true
        }
        // Sweeps in reverse postorder: an action is visited after the actions before it
        // on every path but loops, so most are visited once per sweep that changes them
        // (a FIFO queue visited each action of a long script two to three times).
        let order = graph.reversePostorder(from: entries)
        var changedAny = true
        while changedAny {
            changedAny = false
            for node in order where pending[node] {
                pending[node] = false
                guard let incoming = fact[node] else { continue }
                visits[node] += 1
                if visits[node] > limit { continue }
                let out = transfer(node, incoming)
                for e in graph.successors[node] {
                    let flowing = edge(node, e, out)
                    let changed: Bool
                    if fact[e.target] == nil { fact[e.target] = flowing; changed = true } else { changed = merge(&fact[e.target]!, flowing) }
                    if changed, !pending[e.target] {
                        pending[e.target] = true
                        changedAny = true
                    }
                }
            }
        }
        return fact
    }

    /// One path from one of the entries to `goal` that avoids every action
    /// satisfying `blocked`: the witness a must-analysis failure is reported with.
    public static func witness(_ graph: ScriptGraph, entries: [Int], to goal: Int, avoiding blocked: (Int) -> Bool) -> (start: Int, steps: [ScriptGraph.Step])? {
        for entry in entries {
            if let steps = graph.path(from: entry, to: goal, avoiding: blocked) { return (entry, steps) }
        }
        return nil
    }
}
