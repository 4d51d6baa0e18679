import CXLintAnalysis
import CXLintModel

/// Seeing through Runsub, Runscript and Spawn: what a script's calls lead to in the bundle.
enum Subscripts {
    /// Whether another script of the bundle runs script `index`: its caller answers for the events.
    static func isSubscript(_ index: Int, _ context: LintContext) -> Bool {
        context.analysis.calls.isSubscript[index]
    }

    /// Whether an action of `type` runs in a script that the actions of script `index` for which
    /// `from` holds call (directly or through further calls); nil when a call leaves the bundle,
    /// so nothing can be said and the rule asking stays silent.
    static func reach(_ type: String, from index: Int, actions from: (Int) -> Bool, _ context: LintContext) -> Bool? {
        let reached = context.analysis.calls.reached(from: index, actions: from)
        if reached.scripts.contains(where: { !context.analysis.graphs[$0].indices(ofType: type).isEmpty }) { return true }
        return reached.unresolved ? nil : false
    }
}
