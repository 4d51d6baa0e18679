import ArgumentParser
import CXLintDriver
import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a Studio script's canvas, a finding's path highlighted and numbered.",
        discussion: """
            Actions are boxes at the positions the export gives them (desktop <X>/<Y>, web x/y; a layered layout \
            when it gives none), branches are labelled arrows. The script is linted in its bundle as `check` does, \
            and the first finding with a path (of --rule, when given) is highlighted. SVG is self-contained; DOT is \
            for Graphviz (`dot -Tsvg`).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case svg, dot }

    @Argument(help: "A Studio script (desktop XML or web JSON).")
    var script: String

    @Option(help: "Highlight the path of this rule's finding (default: the first finding with a path).")
    var rule: String?

    @Option(help: "svg or dot.")
    var format: Format = .svg

    @Option(name: [.customLong("output"), .customShort("o")], help: "Write to FILE instead of standard output.")
    var output: String?

    @Option(help: "The config file (default: .cxlint.yml in the working directory or the nearest folder above).")
    var config: String?

    func validate() throws {
        if let rule, RuleCatalog.description(of: RuleID(rule)) == nil {
            throw ValidationError("unknown rule \"\(rule)\"\(DidYouMeanRuleID.hint(rule)); `cxlint rules` lists them")
        }
    }

    func run() throws {
        let discovery = Discovery(workingDirectory: Discovery.normalize(FileManager.default.currentDirectoryPath, relativeTo: "/"))
        let session = LintSession(discovery: discovery, configuration: try configurationChoice(config, discovery))
        let drawing: ScriptDrawing
        do { drawing = try ScriptDrawing(script: script, rule: rule, session: session) } catch {
            FileHandleOutput.standardError("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
        if drawing.finding == nil {
            FileHandleOutput.standardError("cxlint: no finding \(rule.map { "of \($0) " } ?? "")with a path in \(script); drawing the canvas alone\n")
        }
        let text = format == .svg ? drawing.svg() : drawing.dot()
        guard let output else { return FileHandleOutput.standardOutput(text) }
        do { try AtomicFile.write(text, to: output) } catch {
            FileHandleOutput.standardError("cxlint: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
