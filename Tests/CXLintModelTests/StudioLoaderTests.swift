import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

final class StudioLoaderTests: XCTestCase {
    static let expectedTypes: [Int: String] = [
        1: "BEGIN", 2: "ASSIGN", 3: "SIPPUTHEADER", 4: "PLACECALL", 5: "WAIT", 6: "END", 7: "ONSIGNAL", 8: "IF",
        9: "ASSIGN", 10: "HANGUP", 11: "SNIPPET", 12: "ASSIGN", 13: "REQAGENT", 14: "ONANSWER", 15: "ASSIGN",
        16: "POPURL", 17: "ONRELEASE", 18: "IF",
    ]

    func script(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> (StudioScript, LoadedDocument) {
        let document = try Fixtures.document(relative, file: file, line: line)
        XCTAssertEqual(document.diagnostics, [], file: file, line: line)
        return (try XCTUnwrap(document.script, "\(relative) is not a script", file: file, line: line), document)
    }

    func script(text: String, path: String) throws -> (StudioScript?, [Diagnostic]) {
        let document = try Fixtures.document(text: text, path: path)
        return (document.script, document.diagnostics)
    }

    /// Branches that lead somewhere, as comparable text: `default->4`, `named:OnError->12`.
    func connected(_ action: StudioAction) -> [String] {
        action.branches.compactMap { branch in
            branch.target.map { "\(branch.kind == .default ? "default" : "\(branch.kind.rawValue):\(branch.label)")->\($0)" }
        }.sorted()
    }

    // MARK: - Desktop XML

    func testDesktopXMLSample() throws {
        let (script, document) = try script("Samples/good/studio/WatsonPhone.xml")
        let source = document.source
        XCTAssertEqual(script.format, .desktopXML)
        XCTAssertEqual(script.name, "WatsonPhone")
        XCTAssertEqual(script.actions.count, 18)
        XCTAssertEqual(script.actions.map(\.id), Array(1...18))
        for (id, type) in Self.expectedTypes { XCTAssertEqual(script.action(id: id)?.type, type, "action \(id)") }
        XCTAssertEqual(script.actions(ofType: "ASSIGN").map(\.id), [2, 9, 12, 15])

        let header = try XCTUnwrap(script.action(id: 3))
        XCTAssertEqual(header.caption, "Set Contact ID header")
        XCTAssertEqual(header.displayName, #"SIPPUTHEADER "Set Contact ID header""#)
        XCTAssertEqual(source.text(of: header.typeRange), "SIPPUTHEADER")
        XCTAssertEqual(header.typeRange.startText, "50:15")
        XCTAssertEqual(header.range.startText, "48:5")
        XCTAssertEqual(header.properties.map(\.name), ["HeaderName", "HeaderValue"])
        let name = try XCTUnwrap(header.property("HeaderName"))
        XCTAssertEqual(name.value, "X-ContactID")
        XCTAssertEqual(name.index, 0)
        XCTAssertEqual(name.range.startText, "53:17")
        XCTAssertEqual(name.range.end.column, 28)
        XCTAssertEqual(source.text(of: name.range), "X-ContactID")
        let value = try XCTUnwrap(header.property("HeaderValue"))
        XCTAssertEqual(value.value, "{ContactId}")
        XCTAssertEqual(value.range.startText, "54:17")
        XCTAssertEqual(source.text(of: value.range), "{ContactId}")

        XCTAssertEqual(header.branches.map(\.kind), [.default, .named])
        XCTAssertEqual(header.branches.map(\.target), [4, 12])
        XCTAssertEqual(header.branches.map(\.label), ["", "OnError"])
        XCTAssertEqual(header.branches[0].range.startText, "58:19")
        XCTAssertEqual(source.text(of: header.branches[1].range), "12")

        let placecall = try XCTUnwrap(script.action(id: 4))
        XCTAssertEqual(placecall.property("PhoneNumber")?.value, "+19585550123")
        XCTAssertEqual(placecall.property("PhoneNumber")?.range.startText, "79:17")
        XCTAssertEqual(placecall.properties.map(\.name), ["PhoneNumber", "CallerID", "Timeout", "DetectionType"])
        XCTAssertEqual(connected(placecall), ["default->5", "named:OnBusy->12", "named:OnError->12", "named:OnNoAnswer->12"])

        // An ActionID of 0 means "not connected".
        let end = try XCTUnwrap(script.action(id: 6))
        XCTAssertEqual(end.branches.count, 1)
        XCTAssertEqual(end.branches.first?.kind, .default)
        XCTAssertNil(end.branches.first?.target)
        XCTAssertEqual(end.branches.first.map { source.text(of: $0.range) }, "0")
        let ifHangup = try XCTUnwrap(script.action(id: 8))
        XCTAssertEqual(ifHangup.property("Expression")?.value, #"p1 = "hangup""#)
        XCTAssertEqual(source.text(of: ifHangup.property("Expression")!.range), "p1 = &quot;hangup&quot;")
        XCTAssertNil(ifHangup.branches.first { $0.kind == .default }?.target)
        XCTAssertEqual(connected(ifHangup), ["named:False->11", "named:True->9"])

        // Empty parameters have an empty value at the point after the start tag.
        let begin = try XCTUnwrap(script.action(id: 1))
        XCTAssertEqual(begin.properties.map(\.value), ["", "", "0"])
        XCTAssertEqual(begin.properties.map(\.name), ["RootFolder", "Application", "ParamCount"])
        // Snippet text with character references is decoded.
        XCTAssertEqual(
            script.action(id: 11)?.property("Data")?.value,
            "// p1 carries the watsonx Assistant session history key\r\nASSIGN sessionKey = \"{p1}\"\r\nASSIGN topic = \"{p2}\"\r\nASSIGN channel = \"{p3}\"")
    }

    func testDesktopXMLCasesAndUnknownActions() throws {
        let xml = """
            <ScriptContainer>
              <Actions>
                <ActionStruct>
                  <ActionID>5</ActionID>
                  <Action>case</Action>
                  <Parameters><string>DNIS</string><string>extra</string></Parameters>
                  <DefaultNextAction><Text /><ActionID>0</ActionID></DefaultNextAction>
                  <Branches />
                  <Cases>
                    <CaseStruct><Text>8005550199</Text><ActionID>6</ActionID></CaseStruct>
                    <CaseStruct><Text>8005550100</Text><ActionID> 7 </ActionID></CaseStruct>
                    <CaseStruct><Text>other</Text></CaseStruct>
                  </Cases>
                </ActionStruct>
                <ActionStruct>
                  <ActionID>6</ActionID>
                  <Action>FANCYNEW</Action>
                  <Parameters><string>a</string></Parameters>
                </ActionStruct>
              </Actions>
            </ScriptContainer>
            """
        let (loaded, diagnostics) = try script(text: xml, path: "notes.txt")
        let script = try XCTUnwrap(loaded)
        XCTAssertEqual(diagnostics, [])
        XCTAssertNil(script.name)
        let caseAction = try XCTUnwrap(script.action(id: 5))
        XCTAssertEqual(caseAction.type, "CASE", "types are upper-cased")
        XCTAssertEqual(caseAction.properties.map(\.name), ["Variable", "1"], "an index beyond the catalog is named by its number")
        XCTAssertEqual(caseAction.branches.map(\.kind), [.default, .case, .case, .case])
        XCTAssertEqual(caseAction.branches.map(\.label), ["", "8005550199", "8005550100", "other"])
        XCTAssertEqual(caseAction.branches.map(\.target), [nil, 6, 7, nil])
        XCTAssertEqual(caseAction.branches[1].range.startText, "10:54")
        XCTAssertEqual(script.action(id: 6)?.properties.map(\.name), ["0"])
        XCTAssertEqual(script.action(id: 6)?.branches.count, 0)
    }

    func testDesktopXMLMalformedStructure() throws {
        let xml = """
            <ScriptContainer>
              <Actions>
                <ActionStruct>
                  <Action>PLACECALL</Action>
                </ActionStruct>
                <ActionStruct>
                  <ActionID>x</ActionID>
                  <Action>PLACECALL</Action>
                </ActionStruct>
                <ActionStruct>
                  <ActionID>3</ActionID>
                </ActionStruct>
                <ActionStruct>
                  <ActionID>4</ActionID>
                  <Action>HANGUP</Action>
                </ActionStruct>
              </Actions>
            </ScriptContainer>
            """
        let (loaded, diagnostics) = try script(text: xml, path: "WatsonPhone.xml")
        let script = try XCTUnwrap(loaded)
        XCTAssertEqual(script.actions.map(\.id), [4], "broken actions are left out, the rest still load")
        XCTAssertEqual(diagnostics.map(\.rule), Array(repeating: ModelRuleID.documentStructure, count: 3))
        XCTAssertEqual(diagnostics.map(\.range.startText), ["3:5", "6:5", "10:5"])
        XCTAssertTrue(diagnostics[0].message.contains("<ActionID>"))
        XCTAssertTrue(diagnostics[2].message.contains("action 3"))
        XCTAssertTrue(diagnostics.allSatisfy { $0.file == SourceID(path: "WatsonPhone.xml") && $0.severity == .error })

        let (noActions, noActionsDiagnostics) = try self.script(text: "<ScriptContainer>\n  <LibraryItem Name=\"X\"/>\n</ScriptContainer>\n", path: "s.xml")
        XCTAssertEqual(noActions?.actions.count, 0)
        XCTAssertEqual(noActions?.name, "X")
        XCTAssertEqual(noActionsDiagnostics.map(\.rule), [ModelRuleID.documentStructure])
        XCTAssertEqual(noActionsDiagnostics.first?.range.startText, "1:1")
    }

    // MARK: - Web JSON

    func testWebJSONSample() throws {
        let (script, document) = try script("Samples/good-web/studio/WatsonPhone.json")
        let source = document.source
        XCTAssertEqual(script.format, .webJSON)
        XCTAssertEqual(script.name, "WatsonPhone")
        XCTAssertEqual(script.actions.count, 18)
        for (id, type) in Self.expectedTypes { XCTAssertEqual(script.action(id: id)?.type, type, "action \(id)") }

        let header = try XCTUnwrap(script.action(id: 3))
        XCTAssertEqual(header.caption, "Set Contact ID header")
        XCTAssertEqual(header.range.startText, "20:12")
        XCTAssertEqual(source.text(of: header.typeRange), #""SIPPUTHEADER""#)
        let name = try XCTUnwrap(header.property("HeaderName"))
        XCTAssertEqual(name.value, "X-ContactID")
        XCTAssertEqual(name.range.startText, "149:20")
        XCTAssertEqual(source.text(of: name.range), #""X-ContactID""#)
        let value = try XCTUnwrap(header.property("HeaderValue"))
        XCTAssertEqual(value.value, "{ContactId}")
        XCTAssertEqual(value.index, 1)
        XCTAssertEqual(value.range.startText, "153:20")
        XCTAssertEqual(source.text(of: value.range), #""{ContactId}""#)
        XCTAssertEqual(header.branches.map(\.kind), [.default, .named])
        XCTAssertEqual(header.branches.map(\.target), [4, 12])
        XCTAssertEqual(header.branches.map(\.label), ["", "OnError"])

        let placecall = try XCTUnwrap(script.action(id: 4))
        XCTAssertEqual(connected(placecall), ["default->5", "named:OnBusy->12", "named:OnError->12", "named:OnNoAnswer->12"])
        XCTAssertEqual(placecall.branches.first?.range.startText, "356:17")
        XCTAssertEqual(script.action(id: 6)?.branches.count, 0)
        XCTAssertEqual(connected(try XCTUnwrap(script.action(id: 8))), ["named:False->11", "named:True->9"])
    }

    /// The canvas positions Studio exported: desktop `<X>`/`<Y>`, web `x`/`y`; none when absent or not numbers.
    func testCanvasPositions() throws {
        let (desktop, _) = try script("Samples/good/studio/WatsonPhone.xml")
        XCTAssertEqual(desktop.action(id: 1)?.position, CanvasPosition(x: 80, y: 80))
        XCTAssertEqual(desktop.action(id: 3)?.position, CanvasPosition(x: 80, y: 320))
        XCTAssertEqual(desktop.actions.filter { $0.position == nil }.map(\.id), [])

        let (web, _) = try script(text: """
            {"actions": {"1": {"actionId": 1, "name": "BEGIN", "x": 40, "y": 60.5},
                         "2": {"actionId": 2, "name": "END", "x": "left", "y": 10},
                         "3": {"actionId": 3, "name": "END"}},
             "branches": {"1": [{"to": 2, "type": "default"}]}}
            """, path: "web.json")
        XCTAssertEqual(web?.actions.map(\.position), [CanvasPosition(x: 40, y: 60.5), nil, nil])
        let (bareXML, _) = try script(text: """
            <ScriptContainer><Actions><ActionStruct><ActionID>1</ActionID><Action>BEGIN</Action><X>7</X></ActionStruct></Actions></ScriptContainer>
            """, path: "s.xml")
        XCTAssertEqual(bareXML?.actions.map(\.position), [nil])
    }

    func testBareWebJSONWithoutScriptContent() throws {
        let (script, _) = try script("Samples/broken/web-studio-header-mismatch/studio/WatsonPhone.json")
        XCTAssertEqual(script.format, .webJSON)
        XCTAssertEqual(script.action(id: 3)?.property("HeaderName")?.value, "X-Contact-ID")
        XCTAssertEqual(script.action(id: 3)?.property("HeaderName")?.range.startText, "148:18")
    }

    func testWebJSONCasesZeroTargetsAndPropertyLists() throws {
        let json = """
            {"actions": {
               "5": {"actionId": 5, "name": "case", "label": "Route"},
               "6": {"name": "Hangup"}
             },
             "properties": {"5": [{"value": "DNIS"}, {"name": "Custom", "value": 7}], "6": {"x": {"value": "ignored"}}},
             "branches": {"5": [{"to": 0, "label": "", "type": "default", "index": 0},
                                {"to": 6, "label": "8005550199", "type": "case", "index": 0},
                                {"label": "other", "type": "case", "index": 1},
                                {"to": 6, "label": "OnError", "type": "BRANCH", "index": 0}]}}
            """
        let (loaded, diagnostics) = try script(text: json, path: "script.txt")
        let script = try XCTUnwrap(loaded)
        XCTAssertEqual(diagnostics, [])
        let route = try XCTUnwrap(script.action(id: 5))
        XCTAssertEqual(route.type, "CASE")
        XCTAssertEqual(route.properties.map(\.name), ["Variable", "Custom"])
        XCTAssertEqual(route.properties.map(\.value), ["DNIS", "7"])
        XCTAssertEqual(route.branches.map(\.kind), [.default, .case, .case, .named])
        XCTAssertEqual(route.branches.map(\.target), [nil, 6, nil, 6])
        XCTAssertEqual(route.branches.map(\.label), ["", "8005550199", "other", "OnError"])
        XCTAssertEqual(route.branches[0].range.startText, "6:28")
        let hangup = try XCTUnwrap(script.action(id: 6), "the key gives the ID when actionId is missing")
        XCTAssertEqual(hangup.type, "HANGUP")
        XCTAssertEqual(hangup.properties.count, 0)
        XCTAssertEqual(hangup.branches.count, 0)
    }

    func testWebJSONMalformedStructure() throws {
        let json = """
            {"scriptContent": {"header": {"scriptName": "Broken"},
              "actions": {
                "2": {"actionId": 2, "label": "no type"},
                "x": {"name": "WAIT"},
                "3": {"actionId": 3, "name": 42},
                "4": {"actionId": 4, "name": "END"}
              },
              "branches": {}}}
            """
        let (loaded, diagnostics) = try script(text: json, path: "WatsonPhone.json")
        let script = try XCTUnwrap(loaded)
        XCTAssertEqual(script.name, "Broken")
        XCTAssertEqual(script.actions.map(\.id), [4])
        XCTAssertEqual(diagnostics.map(\.rule), Array(repeating: ModelRuleID.documentStructure, count: 3))
        XCTAssertEqual(diagnostics.map(\.range.startText), ["3:10", "4:5", "5:10"])
        XCTAssertTrue(diagnostics[0].message.contains("action 2 has no \"name\""), diagnostics[0].message)
        XCTAssertTrue(diagnostics[1].message.contains("\"x\""), diagnostics[1].message)
    }

    // MARK: - Both formats

    func testBothFormatsGiveTheSameGraph() throws {
        let (desktop, _) = try script("Samples/good/studio/WatsonPhone.xml")
        let (web, _) = try script("Samples/good-web/studio/WatsonPhone.json")
        XCTAssertEqual(desktop.actions.map(\.id).sorted(), web.actions.map(\.id).sorted())
        for action in desktop.actions {
            let other = try XCTUnwrap(web.action(id: action.id), "web script lacks action \(action.id)")
            XCTAssertEqual(action.type, other.type, "type of action \(action.id)")
            XCTAssertEqual(action.caption, other.caption, "caption of action \(action.id)")
            XCTAssertEqual(connected(action), connected(other), "branches of action \(action.id)")
            XCTAssertEqual(action.properties.map(\.name), other.properties.map(\.name), "property names of action \(action.id)")
        }
        XCTAssertEqual(desktop.action(id: 3)?.properties.map(\.value), web.action(id: 3)?.properties.map(\.value))
    }

    func testEveryBrokenSampleScriptLoads() throws {
        let broken = Fixtures.samples + "/broken"
        for folder in try FileManager.default.contentsOfDirectory(atPath: broken).sorted() {
            let studio = "\(broken)/\(folder)/studio"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: studio)) ?? [] {
                let documents = DocumentLoader.load(SourceFile(id: SourceID(path: name), bytes: try Fixtures.bytes("\(studio)/\(name)")))
                XCTAssertEqual(documents.count, 1)
                if folder == "syntax-errors" {
                    XCTAssertEqual(documents.first?.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError])
                    XCTAssertEqual(documents.first?.diagnostics.first?.range.startText, "77:38")
                    XCTAssertEqual(documents.first?.isRecognized, true, "a broken script is still reported")
                } else if folder == "document-structure" {
                    XCTAssertEqual(documents.first?.diagnostics.map(\.rule), [ModelRuleID.documentStructure])
                    XCTAssertEqual(documents.first?.diagnostics.first?.range.startText, "114:5")
                } else {
                    XCTAssertNotNil(documents.first?.script, "\(folder)/\(name)")
                    XCTAssertEqual(documents.first?.diagnostics, [], "\(folder)/\(name)")
                }
            }
        }
    }
}
