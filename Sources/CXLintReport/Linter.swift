import CXLintModel
import CXLintRules
import CXLintSyntax

/// Paths in, report out: discovery, then the engine on every bundle in
/// parallel. The front ends (CLI, audit, language server) call this.
public struct Linter: Sendable {
    public var discovery: Discovery
    public var engine: Engine

    public init(discovery: Discovery = Discovery(), engine: Engine = Engine()) {
        self.discovery = discovery
        self.engine = engine
    }

    public struct Outcome: Sendable {
        public var report: LintReport
        /// Named paths that do not exist or cannot be read.
        public var inputErrors: [String]
    }

    public func check(_ paths: [String]) -> Outcome {
        let found = discovery.discover(paths)
        let engine = self.engine
        let perBundleResults = found.bundles.concurrentMap { item -> Suppressions.Result in
            var result = engine.lintAndSuppress(item.bundle)
            guard let reported = item.reportedFiles else { return result }
            result.kept.removeAll { !reported.contains($0.file) }
            result.suppressed.removeAll { !reported.contains($0.diagnostic.file) }
            return result
        }
        var perBundle = perBundleResults.map(\.kept)
        let configuration = engine.configuration
        var sources: [String: SourceFile] = [:]
        var sensitive: [String: [SourceRange]] = [:]
        for item in found.bundles {
            for document in item.bundle.documents {
                sources[document.path] = document.source
                if !document.sensitiveRanges.isEmpty { sensitive[document.path] = document.sensitiveRanges }
            }
        }
        let checkedFiles = Array(sources.keys)
        let usedConfig = perBundleResults.reduce(into: Set<Int>()) { $0.formUnion($1.usedConfigSuppressions) }
        perBundle.append(Suppressions.unusedConfigSuppressions(
            configuration, used: usedConfig, checkedRules: engine.checkedRules, checkedFiles: checkedFiles))
        if let config = configuration.source { sources[config.path] = config }
        let diagnostics = Array(Set(perBundle.joined())).sorted(by: Diagnostic.reportingOrder)
        var report = LintReport(
            diagnostics: diagnostics, sources: sources, sensitiveRanges: sensitive,
            filesChecked: checkedFiles.count, bundlesChecked: found.bundles.count)
        report.suppressed = Array(Set(perBundleResults.flatMap(\.suppressed)))
        return Outcome(report: report.redactingSecrets(), inputErrors: found.inputErrors)
    }
}
