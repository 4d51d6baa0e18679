import CXLintSyntax
import CXLintAnalysis
import XCTest

final class SnippetParserTests: XCTestCase {
    func testAssignmentsWithAndWithoutKeyword() {
        let text = "ASSIGN sessionKey = \"{p1}\"\nother = sessionKey\nn = 42\nsessionKey2 = '{p1}'"
        let program = SnippetProgram(parsing: text)
        let assignments = program.allAssignments
        XCTAssertEqual(assignments.map(\.name), ["sessionKey", "other", "n", "sessionKey2"])
        guard case .string(let value, let offset, let length) = assignments[0].value else { return XCTFail("\(assignments[0].value)") }
        XCTAssertEqual(value, "{p1}")
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self), "{p1}")
        XCTAssertEqual(assignments[1].value, .variable("sessionKey"))
        guard case .number("42", _) = assignments[2].value else { return XCTFail("\(assignments[2].value)") }
    }

    func testNestedIfElseAndSwitch() {
        let text = """
            IF p1 = "hangup" {
              action = "hangup"
            } ELSE {
              IF p2 == "vip" { skill = "VIP" } ELSE { skill = "Support" }
            }
            SWITCH p3 {
              CASE "a" { x = 1 }
              DEFAULT { x = 2 }
            }
            """
        let program = SnippetProgram(parsing: text)
        XCTAssertEqual(program.statements.count, 2)
        guard case .ifBlock(let condition, let then, let otherwise) = program.statements[0] else { return XCTFail() }
        XCTAssertEqual(condition.outcome(when: "p1", equals: "hangup"), true)
        XCTAssertEqual(then.count, 1)
        guard case .ifBlock(_, let innerThen, let innerElse) = otherwise.first else { return XCTFail("\(otherwise)") }
        XCTAssertEqual(innerThen.count + innerElse.count, 2)
        guard case .switchBlock(let subject, let cases) = program.statements[1] else { return XCTFail() }
        XCTAssertEqual(subject, "p3")
        XCTAssertEqual(cases.map(\.value), ["a", nil])
        XCTAssertEqual(program.allAssignments.map(\.name), ["action", "skill", "skill", "x", "x"])
    }

    func testCommentsAreSkipped() {
        let program = SnippetProgram(parsing: "// x = \"no\"\n/* y = \"no\"\n z = 1 */ a = \"yes\" // trailing\n")
        XCTAssertEqual(program.allAssignments.map(\.name), ["a"])
    }

    func testEscapesInStrings() {
        let program = SnippetProgram(parsing: #"a = "say \"hi\"\n""#)
        guard case .string(let value, _, _) = program.allAssignments.first?.value else { return XCTFail() }
        XCTAssertEqual(value, "say \"hi\"\n")
    }

    func testGarbageNeverCrashesAndLaterLinesStillParse() {
        for text in ["}}}{{", "IF (", "ASSIGN = = =", "\"unterminated\nb = 1", "FOR i = 1 TO 3 {\n c = 2\n}\nd = 3", "SWITCH {", "IF x {", "@#$%^&*", ""] {
            _ = SnippetProgram(parsing: text)
        }
        XCTAssertEqual(SnippetProgram(parsing: "\"unterminated\nb = 1").allAssignments.map(\.name), ["b"])
        XCTAssertEqual(SnippetProgram(parsing: "FOR i = 1 TO 3 {\n c = 2\n}\nd = 3").allAssignments.map(\.name), ["c", "d"])
        XCTAssertEqual(SnippetProgram(parsing: "$$ weird line\nok = \"1\"").allAssignments.map(\.name), ["ok"])
    }
}

final class ConditionParserTests: XCTestCase {
    func testComparisonForms() {
        for text in [#"p1 = "hangup""#, #"{p1} = "hangup""#, #"p1 == "hangup""#, #""hangup" = p1"#, #"(P1 = 'hangup')"#,
                     #""{p1}" = "hangup""#, #""hangup" == "{p1}""#, #"'{p1}' = 'hangup'"#] {
            let c = Condition(parsing: text)
            XCTAssertEqual(c.outcome(when: "p1", equals: "hangup"), true, text)
            XCTAssertEqual(c.outcome(when: "p1", equals: "key-123"), false, text)
            XCTAssertTrue(c.compares("p1", with: "hangup"), text)
        }
        for text in [#"p1 <> "hangup""#, #"p1 != "hangup""#, #"NOT p1 = "hangup""#, #"!(p1 = "hangup")"#] {
            XCTAssertEqual(Condition(parsing: text).outcome(when: "p1", equals: "hangup"), false, text)
        }
    }

    /// A quoted substitution is the variable; a quoted text with more than one reference stays a constant.
    func testQuotedSubstitutionIsTheVariable() {
        XCTAssertEqual(Condition(parsing: #""{p1}" = "hangup""#).variables, ["p1"])
        XCTAssertEqual(Condition(parsing: #""{p1}{p2}" = "hangup""#).variables, [])
        XCTAssertEqual(Condition(parsing: #""x{p1}" = "hangup""#).outcome(when: "p1", equals: "hangup"), nil)
    }

    func testLogicalOperators() {
        XCTAssertEqual(Condition(parsing: #"p1 = "hangup" OR x = 1"#).outcome(when: "p1", equals: "hangup"), true)
        XCTAssertNil(Condition(parsing: #"p1 = "hangup" AND x = 1"#).outcome(when: "p1", equals: "hangup"))
        XCTAssertEqual(Condition(parsing: #"p1 = "hangup" && x = 1"#).outcome(when: "p1", equals: "other"), false)
        XCTAssertEqual(Condition(parsing: #"(a = 1 || p1 == "hangup") and (p1 <> "x")"#).outcome(when: "p1", equals: "hangup"), true)
        XCTAssertEqual(Condition(parsing: #"transferred = "true" OR done = 1"#).variables, ["transferred", "done"])
    }

    func testUnknownSyntaxIsUnknownNotAFailure() {
        XCTAssertNil(Condition(parsing: "x > 3").outcome(when: "x", equals: "3"))
        XCTAssertNil(Condition(parsing: "@@@").outcome(when: "p1", equals: "hangup"))
        XCTAssertNil(Condition(parsing: #"p1 = "hangup"#).outcome(when: "p1", equals: "hangup"))
        XCTAssertFalse(Condition(parsing: "").tests("p1"))
    }
}
