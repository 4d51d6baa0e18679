import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The transcript URL popped on Onanswer must carry the saved session key.
public struct TranscriptUrlMalformedRule: Rule {
    public init() {}

    static let transcriptURL = "https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key="

    public static let description = RuleDescription(
        id: "transcript-url-malformed", severity: .warning, scope: .script,
        summary: "The PopURL on the ONANSWER path opens a URL without session_history_key={the variable that saved p1}.",
        rationale: """
            The guide builds the transcript link with ASSIGN watson_url = …/loadAgentAppFrame.html?session_history_key={sessionKey} \
            and pops it with PopURL {watson_url} when the agent answers. The key is p1 of the transfer signal, saved \
            on the ONSIGNAL path; a URL without it, or with another variable, opens an empty transcript, and the \
            agent has to ask the caller to repeat everything. The URL is checked after resolving variables that \
            ASSIGN actions and Snippets set on the way; variable names compare ignoring case.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "↓https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={p1}"], next: 22),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                22: ExampleFixtures.action(22, "POPURL", parameters: ["↓https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html"]),
            ])),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                22: ExampleFixtures.action(22, "POPURL", parameters: ["\(transcriptURL){SESSIONKEY}"]),
            ])),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.analysis.scripts.flatMap { script -> [Diagnostic] in
            let saved = ScriptRuleSupport.savedSessionKeyVariables(script)
            return script.entries(ofType: "ONANSWER").flatMap { entry -> [Diagnostic] in
                let seen = script.graph.reachable(from: [entry])
                return script.graph.indices(ofType: "POPURL").filter { seen[$0] }.flatMap { check(script, popurl: $0, saved: saved) }
            }
        }
    }

    func check(_ script: ScriptAnalysis, popurl index: Int, saved: [String]) -> [Diagnostic] {
        guard let property = script.actions[index].property("URL"),
              let position = script.actions[index].properties.firstIndex(where: { $0.name == "URL" }) else { return [] }
        let env = script.constants[index] ?? ConstantEnvironment()
        let urls = env.resolve(property.value, origin: ConstantValue.Origin(action: index, property: position, utf8Range: 0..<property.value.utf8.count))
        return urls.constants.sorted { $0.text < $1.text }.compactMap { url -> Diagnostic? in
            // A URL that is still one unresolved variable is not known: nothing to check.
            if VariableName.wholeReference(url.text) != nil || carriesKey(url.text, saved: saved) { return nil }
            let key = saved.first ?? "sessionKey"
            let byAssign = url.origin.map { $0.action != index } ?? false
            let range = byAssign ? (url.origin.map(script.range(of:)) ?? property.range) : property.range
            let what = saved.isEmpty ? "session_history_key={…}" : "session_history_key={\(key)} (ONSIGNAL saves p1 into \(saved.joined(separator: ", ")))"
            return finding(
                "\(script.actions[index].displayName) opens \(url.text), which lacks \(what); build the URL as \(Self.transcriptURL){\(key)}",
                file: script.script.file, range: range,
                related: byAssign ? [RelatedLocation(file: script.script.file, range: property.range, message: "the PopURL that opens it")] : [])
        }
    }

    func carriesKey(_ url: String, saved: [String]) -> Bool {
        guard let found = url.range(of: "session_history_key={") else { return false }
        let rest = url[found.upperBound...]
        guard let close = rest.firstIndex(of: "}") else { return false }
        let name = String(rest[..<close])
        return saved.isEmpty ? !name.isEmpty : saved.contains { VariableName.same($0, name) }
    }
}
