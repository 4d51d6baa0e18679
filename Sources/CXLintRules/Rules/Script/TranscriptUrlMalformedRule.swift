import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// The transcript URL popped on Onanswer must carry the saved session key.
public struct TranscriptUrlMalformedRule: Rule {
    public init() {}

    static let transcriptURL = "https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key="
    /// The assistant's agent app page, which shows the transcript for a session history key.
    static let agentAppPage = "loadAgentAppFrame.html"

    public static let description = RuleDescription(
        id: "transcript-url-malformed", severity: .warning, scope: .script,
        summary: "The PopURL on the ONANSWER path opens something other than https://{host}/loadAgentAppFrame.html?session_history_key={the variable that holds p1}.",
        rationale: """
            IBM's guide builds the transcript link with ASSIGN watson_url = \
            https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={sessionKey} \
            and pops it with PopURL {watson_url} when the agent answers. The key is p1 of the transfer signal (SP1 \
            in NICE's Onsignal help), saved on the ONSIGNAL path; a URL without it, or with another variable, opens \
            an empty transcript, and the agent has to ask the caller to repeat everything. The page must be the \
            assistant's agent app page (loadAgentAppFrame.html) over https: an intranet page or plain http shows \
            no transcript (and sends the session key in the clear). A private deployment serves the page from its \
            own host: set `transcript_host` in .cxlint.yml. The URL is checked after resolving variables that \
            ASSIGN actions and Snippets set on the way; the key may be any variable holding a copy of p1 (through \
            ASSIGN and Snippet assignments, plain variables and dynamic-data members alike); variable names \
            compare ignoring case.
            """,
        triggeringExamples: [
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "↓https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={p1}"], next: 22),
            ])),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                22: ExampleFixtures.action(22, "POPURL", parameters: ["↓https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html"]),
            ])),
            // An intranet page over http, with the right key.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "↓http://intranet.example.com/transcript?session_history_key={sessionKey}"], next: 22),
            ])).with(note: "not https, not the assistant's agent app page"),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "↓http://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={sessionKey}"], next: 22),
            ])).with(note: "http"),
        ],
        nonTriggeringExamples: [
            ExampleFixtures.bundle(),
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                22: ExampleFixtures.action(22, "POPURL", parameters: ["\(transcriptURL){SESSIONKEY}"]),
            ])),
            // The key through a second variable: Snippet hist = "{p1}", then ASSIGN sessionKey = {hist}.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", caption: "Save session key", parameters: ["ASSIGN hist = \"{p1}\"", ""], next: 40),
                40: ExampleFixtures.action(40, "ASSIGN", parameters: ["sessionKey", "{hist}"], next: 14),
            ])).with(note: "p1 copied twice"),
            // A dynamic-data member holding the key.
            ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
                13: ExampleFixtures.action(13, "SNIPPET", caption: "Save session key", parameters: ["ASSIGN call.key = \"{p1}\"", ""], next: 14),
                22: ExampleFixtures.action(22, "POPURL", parameters: ["\(transcriptURL){call.key}"]),
            ])).with(note: "a dynamic-data member"),
        ]
    )

    public func check(_ context: LintContext) -> [Diagnostic] {
        let host = context.options.transcriptHost
        return context.analysis.scripts.flatMap { script -> [Diagnostic] in
            let saved = script.sessionKeyCopies
            return script.entries(ofType: "ONANSWER").flatMap { entry -> [Diagnostic] in
                let seen = script.graph.reachable(from: [entry])
                return script.graph.indices(ofType: "POPURL").filter { seen[$0] }.flatMap { check(script, popurl: $0, saved: saved, host: host) }
            }
        }
    }

    func check(_ script: ScriptAnalysis, popurl index: Int, saved: [String], host: String) -> [Diagnostic] {
        guard let property = script.actions[index].property("URL"),
              let position = script.actions[index].properties.firstIndex(where: { $0.name == "URL" }) else { return [] }
        let env = script.constants[index] ?? ConstantEnvironment()
        let urls = env.resolve(property.value, origin: ConstantValue.Origin(action: index, property: position, utf8Range: 0..<property.value.utf8.count))
        let key = saved.first ?? "sessionKey"
        let expected = "https://\(host)/\(Self.agentAppPage)?session_history_key={\(key)}"
        return urls.constants.sorted { $0.text < $1.text }.compactMap { url -> Diagnostic? in
            // A URL that is still one unresolved variable is not known: nothing to check.
            if VariableName.wholeReference(url.text) != nil { return nil }
            let problems = pageProblems(url.text, host: host) + (carriesKey(url.text, saved: saved) ? [] : [keyProblem(saved: saved, key: key)])
            guard !problems.isEmpty else { return nil }
            let byAssign = url.origin.map { $0.action != index } ?? false
            let range = byAssign ? (url.origin.map(script.range(of:)) ?? property.range) : property.range
            return finding(
                "\(script.actions[index].displayName) opens \(url.text), which \(problems.joined(separator: ", ")); build the URL as \(expected)",
                file: script.script.file, range: range,
                related: byAssign ? [RelatedLocation(file: script.script.file, range: property.range, message: "the PopURL that opens it")] : [])
        }
    }

    func keyProblem(saved: [String], key: String) -> String {
        saved.isEmpty ? "lacks session_history_key={…}" : "lacks session_history_key={\(key)} (the script copies p1 into \(saved.joined(separator: ", ")))"
    }

    /// What is wrong with the page a URL opens: its scheme, host and page, read
    /// from the text (a `{variable}` in the host is not judged).
    func pageProblems(_ url: String, host expected: String) -> [String] {
        let parts = URLParts(url)
        var problems: [String] = []
        if parts.scheme?.lowercased() != "https" { problems.append(parts.scheme.map { "uses \($0)://, not https" } ?? "is not an absolute https URL") }
        if let host = parts.host, !host.utf8.contains(UInt8(ascii: "{")), host.lowercased() != expected.lowercased() {
            problems.append("is not on \(expected)")
        }
        let page = parts.path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(Substring($0)) } ?? ""
        if page.lowercased() != Self.agentAppPage.lowercased() { problems.append("does not open the assistant's agent app page \(Self.agentAppPage)") }
        return problems
    }

    /// `scheme://host/path?query`, split by hand: the URL holds `{variables}`, which URL parsers reject.
    struct URLParts {
        var scheme: String?
        var host: String?
        var path: Substring

        /// The delimiters are ASCII, so they are found among the bytes (Character by
        /// Character cost 50,000 instructions a URL); a delimiter carrying a combining
        /// mark still delimits.
        init(_ text: String) {
            var rest = Substring(text.trimmingWhitespace())
            let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
            if let separator = rest.firstRange(ofASCII: "://") {
                scheme = String(rest[..<separator.lowerBound])
                rest = rest[separator.upperBound...]
                let end = rest.utf8.firstIndex { $0 == slash || $0 == question || $0 == hash } ?? rest.endIndex
                host = String(rest[..<end])
                rest = rest[end...]
            }
            path = rest[..<(rest.utf8.firstIndex { $0 == question || $0 == hash } ?? rest.endIndex)]
        }
    }

    func carriesKey(_ url: String, saved: [String]) -> Bool {
        guard let found = url.firstRange(ofASCII: "session_history_key={") else { return false }
        let rest = url[found.upperBound...]
        guard let close = rest.firstIndex(of: "}") else { return false }
        let name = String(rest[..<close])
        return saved.isEmpty ? !name.isEmpty : saved.contains { VariableName.same($0, name) }
    }
}
