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
        let perBundle = found.bundles.concurrentMap { item -> [Diagnostic] in
            let findings = engine.lint(item.bundle)
            guard let reported = item.reportedFiles else { return findings }
            return findings.filter { reported.contains($0.file) }
        }
        var sources: [String: SourceFile] = [:]
        var sensitive: [String: [SourceRange]] = [:]
        for item in found.bundles {
            for document in item.bundle.documents {
                sources[document.path] = document.source
                if !document.sensitiveRanges.isEmpty { sensitive[document.path] = document.sensitiveRanges }
            }
        }
        let diagnostics = Array(Set(perBundle.joined())).sorted(by: Diagnostic.reportingOrder)
        let report = LintReport(
            diagnostics: diagnostics, sources: sources, sensitiveRanges: sensitive,
            filesChecked: sources.count, bundlesChecked: found.bundles.count)
        return Outcome(report: report.redactingSecrets(), inputErrors: found.inputErrors)
    }
}
