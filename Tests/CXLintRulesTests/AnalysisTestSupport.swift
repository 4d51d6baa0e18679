import CXLintAnalysis
import CXLintModel
import CXLintRules
import CXLintSyntax

/// Builds a script analysis from desktop action snippets, in memory.
enum AnalysisTestSupport {
    static func analysis(_ actions: [String]) -> ScriptAnalysis {
        let example = RuleExample([("studio/WatsonPhone.xml", ExampleFixtures.studioXML(actions))])
        let (files, _) = ExampleRunner.prepare(example)
        let discovery = Discovery(fileSystem: FileSystem(overlay: files), workingDirectory: ExampleRunner.folder)
        // Named, as a lone script with no Placecall found by walking is left out.
        let bundle = discovery.discover(["studio/WatsonPhone.xml"]).bundles[0].bundle
        return LintContext(bundle: bundle).analysis.scripts[0]
    }

    static func index(_ analysis: ScriptAnalysis, id: Int) -> Int { analysis.script.indexByID[id]! }

    static func a(_ id: Int, _ type: String, _ parameters: [String] = [], next: Int? = nil, branches: [(String, Int)] = []) -> String {
        ExampleFixtures.action(id, type, parameters: parameters, next: next, branches: branches)
    }

    static let header = ["X-ContactID", "{ContactId}"]
}
