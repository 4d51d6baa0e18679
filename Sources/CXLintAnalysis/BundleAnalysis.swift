import CXLintModel

/// Analyses built once per bundle and shared by every rule.
public struct BundleAnalysis: Sendable {
    /// One graph per loaded Studio script, in the bundle's order.
    public let graphs: [ScriptGraph]

    public init(_ bundle: LintBundle) {
        graphs = bundle.studioScripts.map { ScriptGraph($0) }
    }
}
