import ArgumentParser
import CXLintRules
import CXLintSyntax

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
        let width = descriptions.map(\.id.rawValue.count).max() ?? 0
        for d in descriptions {
            let id = d.id.rawValue + String(repeating: " ", count: width - d.id.rawValue.count)
            let severity = d.severity.rawValue + String(repeating: " ", count: 7 - d.severity.rawValue.count)
            print("\(id)  \(severity)  \(d.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: what it finds, why it matters, and an example of each side.",
        discussion: "Exit codes: 0 explained; 2 no such rule (with the closest rule ID, when there is one).")

    @Argument(help: "A rule ID, as printed in brackets after each finding.")
    var rule: String

    @Flag(help: "Print every example bundle in full instead of the lines around each finding.")
    var examples = false

    func run() throws {
        guard let d = RuleCatalog.description(of: RuleID(rule)) else {
            let hint = DidYouMeanRuleID.suggestion(rule).map { "; did you mean \"\($0)\"?" } ?? ""
            FileHandleOutput.standardError("cxlint: unknown rule \"\(rule)\"\(hint) (`cxlint rules` lists them)\n")
            throw ExitCode(ExitStatus.usage)
        }
        print("\(d.id) (\(d.severity.rawValue), \(d.scope.rawValue))\n")
        print(d.summary + "\n")
        print(d.rationale + "\n")
        if examples { printAllExamples(d) } else { printCompactExamples(d) }
    }

    /// One example per side, only the lines around the `↓` marker (and the same place in the non-triggering one).
    func printCompactExamples(_ d: RuleDescription) {
        let triggering = d.triggeringExamples, nonTriggering = d.nonTriggeringExamples
        if let first = triggering.first, let excerpt = ExampleExcerpt.around(markerOf: first) {
            print("Reports (↓ marks where the finding starts):")
            print(excerpt.rendered)
        }
        if let first = nonTriggering.first, let excerpt = triggering.first.flatMap({ ExampleExcerpt.counterpart(in: first, of: $0) }) {
            print("Does not report:")
            print(excerpt.rendered)
        }
        let total = triggering.count + nonTriggering.count
        print("`cxlint explain \(d.id) --examples` prints all \(total) example bundles in full; docs/rules.md has them too.")
    }

    func printAllExamples(_ d: RuleDescription) {
        for (title, examples) in [("Reports", d.triggeringExamples), ("Does not report", d.nonTriggeringExamples)] where !examples.isEmpty {
            for (index, example) in examples.enumerated() {
                print("\(title), example \(index + 1) of \(examples.count)\(example.note.map { ": " + $0 } ?? ""):")
                for file in example.files {
                    print("  --- \(file.path)")
                    for line in file.content.split(separator: "\n", omittingEmptySubsequences: false) { print("  \(line)") }
                }
                print("")
            }
        }
    }
}
