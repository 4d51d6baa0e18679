import CXLintSyntax
import CXLintAnalysis
import CXLintModel
import CXLintRules
import XCTest

final class ConstantPropagationTests: XCTestCase {
    typealias S = AnalysisTestSupport

    func testTwoBranchesAssigningDifferentNumbersBothReachTheCall() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "IF", ["DNIS = \"1\""], branches: [("True", 3), ("False", 4)]),
            S.a(3, "ASSIGN", ["num", "+19585550123"], next: 5),
            S.a(4, "SNIPPET", ["// other line\nASSIGN num = \"+19585550142\"", ""], next: 5),
            S.a(5, "PLACECALL", ["{num}"]),
        ])
        let env = a.constants[S.index(a, id: 5)]!
        let facts = env.facts(of: "NUM")
        XCTAssertEqual(Set(facts.constants.map(\.text)), ["+19585550123", "+19585550142"])
        XCTAssertFalse(facts.mayBeUnset)
        // The Snippet constant points at its own characters in the file.
        let snippetConstant = facts.constants.first { $0.text == "+19585550142" }!
        let range = a.range(of: snippetConstant.origin!)
        XCTAssertEqual(a.source.map { String(decoding: $0.bytes[range.start.offset..<range.end.offset], as: UTF8.self) }, "+19585550142")
    }

    func testReferencesResolveAndUnknownStaysSymbolic() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "ASSIGN", ["host", "example.com"], next: 3),
            S.a(3, "ASSIGN", ["url", "https://{host}/x?k={sessionKey}"], next: 4),
            S.a(4, "SNIPPET", ["copy = url\nweird = a + b", ""], next: 5),
            S.a(5, "POPURL", ["{copy}"]),
        ])
        let env = a.constants[S.index(a, id: 5)]!
        XCTAssertEqual(env.resolve("{copy}", origin: nil).constants.map(\.text), ["https://example.com/x?k={sessionKey}"])
        XCTAssertTrue(env.facts(of: "weird").mayBeUnknown)
        XCTAssertTrue(env.facts(of: "never").mayBeUnset)
    }

    func testSnippetBranchesJoin() {
        let a = S.analysis([
            S.a(1, "BEGIN", next: 2),
            S.a(2, "SNIPPET", ["IF DNIS = \"1\" { n = \"111\" } ELSE { n = \"222\" }", ""], next: 3),
            S.a(3, "PLACECALL", ["{n}"]),
        ])
        XCTAssertEqual(Set(a.constants[S.index(a, id: 3)]!.facts(of: "n").constants.map(\.text)), ["111", "222"])
    }
}

/// The variable-name decision: Studio names compare ignoring case (see `VariableName`).
final class VariableNameTests: XCTestCase {
    func testNamesCompareIgnoringCase() {
        XCTAssertTrue(VariableName.same("ContactId", "CONTACTID"))
        XCTAssertTrue(VariableName.same("sessionKey", "SessionKey"))
        XCTAssertFalse(VariableName.same("sessionKey", "session_key"))
    }

    func testReferences() {
        XCTAssertEqual(VariableName.wholeReference(" {ContactId} "), "ContactId")
        XCTAssertNil(VariableName.wholeReference("ContactId"))
        XCTAssertNil(VariableName.wholeReference("{a}{b}"))
        XCTAssertEqual(VariableName.references(in: "x={a}&y={b.c}").map(\.name), ["a", "b.c"])
    }

    func testContactIdValueRuleFollowsTheDecision() {
        let lower = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            2: ExampleFixtures.action(2, "SIPPUTHEADER", parameters: ["X-ContactID", "{contactid}"], next: 3),
        ]))
        XCTAssertEqual(ExampleRunner.run(lower, rules: [ContactIdHeaderValueRule()]).filter { $0.rule == "contact-id-header-value" }.count, 0)
    }
}
