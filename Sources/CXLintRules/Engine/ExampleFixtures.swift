/// Small correct files that rule examples start from, so each example shows
/// only the one line that matters. `studioXML` builds a desktop script from
/// action snippets; `config` a config with one setting replaced.
public enum ExampleFixtures {
    public static func config(
        phoneNumber: String = "\"+1 958 555 0123\"",
        type: String = "nice_cxone",
        authURL: String = "https://na1.nice-incontact.com/authentication/v1/token/access-key",
        apiURL: String = "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/",
        header: String? = "X-ContactID",
        accessKeyID: String = "${CXONE_ACCESS_KEY_ID}",
        accessKeySecret: String = "${CXONE_ACCESS_KEY_SECRET}",
        extra: String = ""
    ) -> String {
        """
        phone_integration:
          phone_number: \(phoneNumber)
          contact_center:
            type: \(type)
            authentication_url: \(authURL)
            api_url: \(apiURL)
        \(header.map { "    contact_id_header: \($0)\n" } ?? "")    access_key_id: \(accessKeyID)
            access_key_secret: \(accessKeySecret)
        \(extra)
        """
    }

    /// A desktop Studio action. `next` is the default next action; `branches` are named results.
    public static func action(
        _ id: Int, _ type: String, caption: String = "", parameters: [String] = [], next: Int? = nil,
        branches: [(String, Int)] = [], cases: [(String, Int)] = []
    ) -> String {
        let params = parameters.map { "<string>\($0)</string>" }.joined()
        let nextXML = next.map { "<DefaultNextAction><Text /><ActionID>\($0)</ActionID><Index>0</Index><Segments /></DefaultNextAction>" } ?? ""
        let branchXML = branches.map { "<BranchStruct><Text>\($0.0)</Text><ActionID>\($0.1)</ActionID><Index>0</Index><Segments /></BranchStruct>" }.joined()
        let caseXML = cases.map { "<CaseStruct><Text>\($0.0)</Text><ActionID>\($0.1)</ActionID><Index>0</Index><Segments /></CaseStruct>" }.joined()
        return """
            <ActionStruct><ActionID>\(id)</ActionID><Action>\(type)</Action><Caption>\(caption)</Caption><Parameters>\(params)</Parameters>\(nextXML)<Branches>\(branchXML)</Branches><Cases>\(caseXML)</Cases></ActionStruct>
        """
    }

    public static func studioXML(_ actions: [String], name: String = "WatsonPhone") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <Actions>
        \(actions.joined(separator: "\n"))
          </Actions>
          <LibraryItem Name="\(name)" />
        </ScriptContainer>
        """
    }

    /// The guide's flow: header, call, signal handling (the hangup marked for
    /// ONRELEASE), transcript pop, release guard.
    public static let goodActions: [String] = [
        action(1, "BEGIN", next: 2),
        action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{ContactId}"], next: 3),
        action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4),
        action(4, "WAIT", parameters: ["3600"], next: 5),
        action(5, "END"),
        action(10, "ONSIGNAL", next: 11),
        action(11, "IF", caption: "Hang up?", parameters: ["p1 = \"hangup\""], branches: [("True", 16), ("False", 13)]),
        // Marks the hangup, so the ONRELEASE that CXone runs after the HANGUP does not transfer.
        action(16, "ASSIGN", parameters: ["released", "hangup"], next: 12),
        action(12, "HANGUP"),
        action(13, "SNIPPET", caption: "Save session key", parameters: ["ASSIGN sessionKey = \"{p1}\"&#xD;&#xA;ASSIGN topic = \"{p2}\"", ""], next: 14),
        action(14, "ASSIGN", parameters: ["transferred", "true"], next: 15),
        action(15, "REQAGENT", parameters: ["Support"]),
        action(20, "ONANSWER", next: 21),
        action(21, "ASSIGN", parameters: ["watson_url", "https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={sessionKey}"], next: 22),
        action(22, "POPURL", parameters: ["{watson_url}"]),
        action(30, "ONRELEASE", next: 31),
        action(31, "IF", caption: "Transferred or hung up?", parameters: ["transferred = \"true\" OR released = \"hangup\""], branches: [("True", 34), ("False", 32)]),
        action(32, "ASSIGN", parameters: ["transferred", "true"], next: 33),
        action(33, "REQAGENT", parameters: ["Support"]),
        action(34, "END"),
    ]

    public static var goodScript: String { studioXML(goodActions) }

    /// The guide's flow with actions replaced by ID (and others added).
    public static func script(replacing replacements: [Int: String]) -> String {
        var actions = goodActions
        var added: [String] = []
        for (id, xml) in replacements.sorted(by: { $0.key < $1.key }) {
            if let index = actions.firstIndex(where: { $0.contains("<ActionID>\(id)</ActionID><Action>") }) {
                actions[index] = xml
            } else {
                added.append(xml)
            }
        }
        return studioXML(actions.filter { !$0.isEmpty } + added)
    }

    /// The guide's flow without its Onsignal chain (10 to 16, the hangup mark included, so
    /// nothing is left orphaned): a cause (`onsignal-missing`) whose consequences the
    /// Onsignal-path rules must not report again.
    public static var bundleWithoutOnsignal: RuleExample {
        bundle(script: script(replacing: Dictionary(uniqueKeysWithValues: (10...16).map { ($0, "") })))
            .with(note: "no Onsignal at all: only onsignal-missing reports")
    }

    /// The guide's line split in two, as Studio authors do: BEGIN runs the subscript
    /// `WatsonCall` (Sipputheader and Placecall), and the Onsignal chain runs the routing
    /// subscript `WatsonRouting` (Reqagent). `call` names the first call's ScriptName.
    public static func splitBundle(call: String = "WatsonCall", withSubscripts: Bool = true) -> RuleExample {
        let main = script(replacing: [
            2: action(2, "RUNSUB", caption: "Place the call", parameters: [call, "", ""], next: 4),
            3: "",
            15: action(15, "RUNSUB", caption: "Route to an agent", parameters: ["Watson\\WatsonRouting", "", ""]),
        ])
        let callScript = studioXML([
            action(1, "BEGIN", next: 2),
            action(2, "SIPPUTHEADER", caption: "Set Contact ID", parameters: ["X-ContactID", "{ContactId}"], next: 3),
            action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4),
            action(4, "RETURN", parameters: [""]),
        ], name: "WatsonCall")
        let routing = studioXML([
            action(1, "BEGIN", next: 2),
            action(2, "REQAGENT", parameters: ["Support"], next: 3),
            action(3, "RETURN", parameters: [""]),
        ], name: "WatsonRouting").replacingOccurrences(of: "<LibraryItem Name=\"WatsonRouting\"", with: "<LibraryItem Name=\"WatsonRouting\" Path=\"\\Watson\\WatsonRouting\"")
        var files: [(path: String, content: String)] = [
            ("phone-integration.yaml", config()),
            ("studio/WatsonPhone.xml", main),
            ("exports/action-skill.json", actionsSkill()),
        ]
        if withSubscripts { files += [("studio/WatsonCall.xml", callScript), ("studio/WatsonRouting.xml", routing)] }
        return RuleExample(files)
    }

    /// An actions skill whose one action transfers with the given `transfer_info` and messages.
    public static func actionsSkill(transferInfo: String = #"{"target": {"nice_cxone": {"custom_data": {"p2": "billing"}}}}"#,
                                    messages: String = #""agent_available": {"message": "Transferring you now."}, "agent_unavailable": {"message": "No agent is free."}"#) -> String {
        """
        {
          "name": "Phone line",
          "type": "action",
          "workspace": {
            "actions": [
              {
                "title": "Connect to agent",
                "action": "action_1",
                "steps": [
                  {
                    "step": "step_1",
                    "resolver": {
                      "type": "connect_to_agent",
                      "response": {
                        "transfer_info": \(transferInfo),
                        \(messages)
                      }
                    }
                  }
                ]
              }
            ],
            "intents": [],
            "variables": []
          }
        }
        """
    }

    /// A correct bundle with one file replaced.
    public static func bundle(config: String? = nil, script: String? = nil, assistant: String? = nil) -> RuleExample {
        RuleExample([
            ("phone-integration.yaml", config ?? self.config()),
            ("studio/WatsonPhone.xml", script ?? goodScript),
            ("exports/action-skill.json", assistant ?? actionsSkill()),
        ])
    }
}
