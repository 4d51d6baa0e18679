import CXLintModel
import CXLintSyntax

/// Which scripts of a bundle run which (Runsub, Runscript, Spawn), matched by the
/// script name or path the action names, so path rules can see through a call.
public struct ScriptCalls: Sendable {
    public struct Call: Sendable {
        /// The calling action's index in its script.
        public var action: Int
        public var name: String
        public var range: SourceRange
        /// The called script's index in the bundle's analyses; nil when the bundle does not hold it.
        public var target: Int?
    }

    /// Per script (parallel to `BundleAnalysis.scripts`), the calls it makes.
    public let calls: [[Call]]
    /// Per script, whether another script of the bundle runs it: then it is a subscript,
    /// and its caller, not it, answers for the line's Onsignal, Placecall and events.
    public let isSubscript: [Bool]

    public init(_ scripts: [StudioScript]) {
        var calls: [[Call]] = []
        var isSubscript = [Bool](repeating: false, count: scripts.count)
        for (index, script) in scripts.enumerated() {
            calls.append(script.subscriptCalls.map { call in
                let target = scripts.indices.first { $0 != index && scripts[$0].isNamed(by: call.name) }
                if let target { isSubscript[target] = true }
                return Call(action: call.action, name: call.name, range: call.range, target: target)
            })
        }
        self.calls = calls
        self.isSubscript = isSubscript
    }

    /// What the calls made by `actions` of script `caller` lead to: the scripts they run,
    /// directly or through their own calls, and whether one of them is not in the bundle.
    public func reached(from caller: Int, actions: (Int) -> Bool) -> (scripts: [Int], unresolved: Bool) {
        var found: [Int] = []
        var seen: Set<Int> = [caller]
        var unresolved = false
        var pending = calls[caller].filter { actions($0.action) }
        while let call = pending.popLast() {
            guard let target = call.target else { unresolved = true; continue }
            guard seen.insert(target).inserted else { continue }
            found.append(target)
            pending += calls[target]
        }
        return (found, unresolved)
    }
}
