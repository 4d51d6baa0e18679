import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

public struct DuplicateEventHandlerRule: Rule {
    public init() {}

    /// Events a script may handle only once (DOMAIN.md: one ONSIGNAL and one ONRELEASE).
    static let singleHandlerEvents = ["ONSIGNAL", "ONRELEASE"]

    public static let description = RuleDescription(
        id: "duplicate-event-handler", severity: .error, scope: .script,
        summary: "The script has more than one ONSIGNAL or more than one ONRELEASE.",
        rationale: """
            A Studio script can hold only one handler per event: Studio refuses to save or run a second Onsignal \
            or Onrelease, and which copy would run is undefined. The guide's transfer (Onsignal → save p1 → \
            Reqagent) and error recovery (Onrelease) then depend on which copy Studio picks; keep one and delete \
            the other.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "↓ONSIGNAL", caption: "copy", next: 11),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "↓ONRELEASE", next: 31),
                41: ExampleFixtures.action(41, "↓ONRELEASE", next: 31),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                40: ExampleFixtures.action(40, "ONANSWER", next: 22),
            ])).with(note: "a second ONANSWER is not checked here"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.graphs.flatMap { graph in
            Self.singleHandlerEvents.flatMap { type in
                let handlers = graph.indices(ofType: type)
                guard let first = handlers.first else { return [Diagnostic]() }
                return handlers.dropFirst().map { extra in
                    finding(
                        "\(graph.actions[extra].displayName) (ActionID \(graph.actions[extra].id)) is a second \(type); the first is on line \(graph.line(of: first)). Keep one handler and delete this one",
                        file: graph.script.file, range: graph.actions[extra].typeRange,
                        related: [RelatedLocation(file: graph.script.file, range: graph.actions[first].typeRange, message: "the first \(type)")])
                }
            }
        }
    }
}
