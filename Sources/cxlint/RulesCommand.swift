import ArgumentParser
import CXLintRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule: ID, default severity, summary.")

    @Flag(help: "Print the rule reference as Markdown (docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            print(RuleDocs.markdown(), terminator: "")
            return
        }
        let descriptions = RuleCatalog.all.map { $0.description }
        let width = descriptions.map(\.id.count).max() ?? 0
        for d in descriptions {
            let id = d.id + String(repeating: " ", count: width - d.id.count)
            let severity = d.severity.rawValue + String(repeating: " ", count: 7 - d.severity.rawValue.count)
            print("\(id)  \(severity)  \(d.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: why it matters, with examples.")

    @Argument(help: "A rule ID, as printed in brackets after each finding.")
    var rule: String

    func run() throws {
        guard let d = RuleCatalog.description(of: rule) else {
            let hint = DidYouMeanRuleID.hint(rule)
            throw ValidationError("unknown rule \"\(rule)\"\(hint); `cxlint rules` lists them")
        }
        print("\(d.id) (\(d.severity.rawValue), \(d.scope.rawValue))\n")
        print(d.summary + "\n")
        print(d.rationale + "\n")
        for (title, examples) in [("Reports", d.triggeringExamples), ("Does not report", d.nonTriggeringExamples)] where !examples.isEmpty {
            print("\(title):")
            for example in examples.prefix(2) {
                for file in example.files {
                    print("  --- \(file.path)")
                    for line in file.content.split(separator: "\n", omittingEmptySubsequences: false).prefix(30) { print("  \(line)") }
                }
                print("")
            }
        }
    }
}
