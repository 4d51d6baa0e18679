import CXLintModel

/// Analyses built once per bundle and shared by every rule.
public struct BundleAnalysis: Sendable {
    /// One graph per loaded Studio script, in the bundle's order.
    public let graphs: [ScriptGraph]
    /// Dataflow facts per script (Snippets, conditions, constants), parallel to `graphs`.
    public let scripts: [ScriptAnalysis]
    /// Which scripts run which, parallel to `scripts`.
    public let calls: ScriptCalls

    public init(_ bundle: LintBundle) {
        let loaded = bundle.scripts.compactMap { document in document.script.map { (script: $0, source: document.source) } }
        graphs = loaded.map { ScriptGraph($0.script) }
        scripts = zip(graphs, loaded).map { ScriptAnalysis($0, source: $1.source) }
        calls = ScriptCalls(loaded.map(\.script))
    }
}
