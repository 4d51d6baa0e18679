@testable import CXLintSyntax
@testable import CXLintAnalysis
@testable import CXLintModel
@testable import CXLintRules
import Foundation
import XCTest

/// The byte-level fast paths must answer exactly as the Unicode-aware code
/// they stand in for. These pin the cases where the two could part: non-ASCII
/// text falls back to the Unicode path, and ASCII text keeps its meaning.
final class TextFastPathTests: XCTestCase {
    func testVariableNameKeysAndComparisons() {
        XCTAssertEqual(VariableName.key(" ContactId\t"), "contactid")
        XCTAssertEqual(VariableName.key(" Straße\t"), "straße")
        // The Kelvin sign lower-cases to an ASCII k: a mixed pair must not be compared on bytes.
        XCTAssertEqual(VariableName.key("\u{212A}"), "k")
        XCTAssertTrue(VariableName.same("k", "\u{212A}"))
        XCTAssertTrue(VariableName.same(" ContactId", "contactid\t"))
        XCTAssertTrue(VariableName.same(Substring("ContactID"), Substring("contactid")))
        XCTAssertFalse(VariableName.same("p1", "p10"))
        XCTAssertTrue(VariableName.same(" \t", ""))
    }

    func testWholeReference() {
        XCTAssertEqual(VariableName.wholeReference(" {p1}\r\n"), "p1")
        XCTAssertEqual(VariableName.wholeReference("{Global:x.y$1}"), "Global:x.y$1")
        XCTAssertEqual(VariableName.wholeReference(" {é}\r\n"), "é")
        XCTAssertNil(VariableName.wholeReference("{}"))
        XCTAssertNil(VariableName.wholeReference("{a b}"))
        XCTAssertNil(VariableName.wholeReference("{1a}"))
        XCTAssertNil(VariableName.wholeReference("x{a}"))
        // A combining mark joins the brace into one Character, so the value does not start with "{".
        XCTAssertNil(VariableName.wholeReference("{\u{05B0}}"))
    }

    func testReferences() {
        XCTAssertEqual(VariableName.references(in: "a{b}{c d}{é}").map { "\($0.name)@\($0.offset)" }, ["b@1", "é@9"])
        XCTAssertEqual(VariableName.references(in: "{x{y}").map { "\($0.name)@\($0.offset)" }, ["y@2"])
        XCTAssertTrue(VariableName.references(in: "{x {y").isEmpty)
    }

    func testTrimmingRemovesScalarsNotCharacters() {
        XCTAssertEqual(Array(" \u{301}x ".trimmingCharacters(in: " ").unicodeScalars), ["\u{301}", "x"])
        XCTAssertEqual("  a b \t".trimmingCharacters(in: " \t"), "a b")
        XCTAssertEqual(" \t ".trimmingCharacters(in: " \t"), "")
        XCTAssertEqual("{topic}".trimmingCharacters(in: " {}"), "topic")
    }

    func testTrimmingWhitespaceAnswersAsFoundation() {
        let samples = [
            "", " ", "\t", " \t a b \t ", "x", "  https://x.example/a  ", "\u{A0}x\u{A0}", " \u{3000}x\u{2009} ",
            "\u{301}x ", " é ", "\r\nx\n", "\u{B}x\u{C}", "\u{85}x", "\u{200B}x\u{200B}",
        ] + (0..<128).map { " \(Character(Unicode.Scalar(UInt8($0))))x\(Character(Unicode.Scalar(UInt8($0)))) " }
        for sample in samples {
            XCTAssertEqual(Array(sample.trimmingWhitespace().utf8), Array(sample.trimmingCharacters(in: .whitespaces).utf8), sample.debugDescription)
            XCTAssertEqual(Array(Substring(sample).trimmingWhitespace().utf8), Array(sample.trimmingCharacters(in: .whitespaces).utf8))
        }
    }

    func testParentFolderAnswersAsFoundation() {
        let samples = [
            "/", "/a", "/a/b", "/a/b.json", "/tmp/x/y/z.yaml", "ab", "a/b", "", "/a/", "//a", "/a//b", "/a/b/", "/a/./b", "/a/../b",
            "/é/b", "/a/é", "~/a", "/a/\u{301}", "/a/b/\u{301}/c",
        ]
        for sample in samples {
            XCTAssertEqual(FileSystem.parentFolder(of: sample), (sample as NSString).deletingLastPathComponent, sample.debugDescription)
        }
    }

    func testPlainPathsAnswerAsTheTextCheck() {
        let samples = [
            "/", "/a", "/a/b", "a/b", "/a/", "//a", "/a//b", "/a/./b", "/a/../b", "/a/...", "/a/.b", "/a/b..", "/.", "/..",
            "/private", "/private/x", "/privatex", "/é/b", "/a/\u{301}", "/tmp/cxlint-perf-bench/real-exports/b-1/x.json",
        ]
        for sample in samples {
            XCTAssertEqual(FileSystem.isPlain(sample), FileSystem.isPlainText(sample), sample.debugDescription)
        }
    }

    /// `Unicode.Scalar.isAlphabetic` answers ASCII without Unicode properties, as the
    /// properties do; so does a credential's `${NAME}` check built on it.
    func testReferenceNameScalarsAnswerAsTheUnicodeCheck() {
        for value in 0..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let unicode = scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            XCTAssertEqual(Credential.isNameScalar(scalar), unicode, "U+\(String(value, radix: 16))")
            XCTAssertEqual(scalar.isAlphabetic, scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
        }
        XCTAssertEqual(Credential.referenceName("${CXONE_KEY_1}"), "CXONE_KEY_1")
        XCTAssertEqual(Credential.referenceName("${é}"), "é")
        XCTAssertNil(Credential.referenceName("${}"))
        XCTAssertNil(Credential.referenceName("${a-b}"))
        XCTAssertNil(Credential.referenceName("${a}\u{301}"))
        XCTAssertNil(Credential.referenceName("${\u{301}a}"), "a combining mark joins the brace into another Character")
    }

    /// Sorting on (file rank, start) keys gives `sorted(by: reportingOrder)`'s order, ties
    /// on rule and message included, for files with shared prefixes, members and non-ASCII names.
    func testReportingSortIsTheComparatorSort() {
        let files = [
            SourceID(path: "/b/x.json"), SourceID(path: "/a/x.json"), SourceID(path: "/a/x.json", member: "m/1.json"),
            SourceID(path: "/a/x.json", member: "m/0.json"), SourceID(path: "/a/é.xml"), SourceID(path: "/a/e\u{301}.yaml"),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let diagnostics = (0..<Int.random(in: 0...80, using: &generator)).map { _ in
                let line = Int.random(in: 1...4, using: &generator), column = Int.random(in: 1...3, using: &generator)
                let start = SourceLocation(offset: line * 10 + column, line: line, column: column)
                return Diagnostic(rule: RuleID(["b-rule", "a-rule", "c-rule"].randomElement(using: &generator)!), severity: .warning,
                                  message: ["one", "two", "Two"].randomElement(using: &generator)!, file: files.randomElement(using: &generator)!,
                                  range: SourceRange(start: start, end: start))
            }
            XCTAssertEqual(diagnostics.sortedForReporting(), diagnostics.sorted(by: Diagnostic.reportingOrder))
        }
    }

    /// Pointer escaping, scalar by scalar (`~` then `/`, RFC 6901 §3).
    func plainEscape(_ token: String) -> String {
        var escaped = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    func testPointerEscapingAnswersAsTheTextEscape() {
        let samples = ["", "a", "~", "/", "a~b/c", "~1", "//~~", "é/~", "~\u{301}", "/\u{301}x", "intents", "0"]
        for sample in samples {
            XCTAssertEqual(JSONPointer.escape(sample), plainEscape(sample), sample.debugDescription)
        }
        let components = samples.map(JSONPointer.Component.key) + [.index(0), .index(17), .index(-3), .index(1_234_567)]
        XCTAssertEqual(JSONPointer(components).string, components.map { "/" + plainEscape($0.token) }.joined())
    }

    func testConditionLexer() {
        XCTAssertEqual(
            ConditionLexer.tokens(#"ıf = 1 AND {p1} <> "a\"b" || x>=2"#),
            [.identifier("ıf"), .op("="), .number("1"), .op("&&"), .identifier("p1"), .op("<>"), .string("a\"b"),
             .op("||"), .identifier("x"), .op(">="), .number("2")])
        // ASCII text is read byte by byte; it must lex as the scalar reading lexes it.
        let ascii = [#"p1 = "hangup" AND NOT ({x} <> 'a\'b\\' || y != -1.5)"#, #""{p1}" == "x\"#, #"a = "unterminated"#,
                     #"{ spaced } = "\"q\"" or z>=2 & $ ?"#, #"{open = 1"#, "", #""\""#, #"x = "a\\" AND y = 'b'"#]
        for text in ascii {
            let bytes = Array(text.utf8)
            XCTAssertEqual(ConditionLexer.tokens(in: ASCIIText(bytes: bytes)), ConditionLexer.tokens(in: ScalarText(text, bytes: bytes)), text)
        }
        XCTAssertEqual(ConditionLexer.tokens(#"x = "é\"" AND y = "a\b""#), [.identifier("x"), .op("="), .string("é\""), .op("&&"), .identifier("y"), .op("="), .string("ab")])
    }

    func testQuotesAreEscapedAsTheGenericReplace() {
        XCTAssertEqual("plain".replacingQuotes(), "plain")
        XCTAssertEqual(#"a"b""#.replacingQuotes(), #"a\"b\""#)
        // A quote followed by a combining mark is one Character, not a quote: it stays.
        XCTAssertEqual("\"\u{301}x\"".replacingQuotes(), "\"\u{301}x\\\"")
        guard case .ifBlock(let condition, _, _)? = SnippetProgram(parsing: #"IF p1 = "a\"b" { x = 1 }"#).statements.first else { return XCTFail() }
        XCTAssertEqual(condition.outcome(when: "p1", equals: #"a"b"#), true)
    }

    /// The hangup marks are sorted lists standing in for sets of keys: union,
    /// intersection and the meet must answer what the Set operations answer.
    func testHangupMarksAreSetsOfKeys() {
        typealias Marks = OnreleaseAfterHangupRule.HangupMarks
        let lists: [[String]] = [[], ["a"], ["b"], ["a", "b"], ["a", "c", "d"], ["b", "d", "é"], ["released", "transferred"]]
        for a in lists {
            for b in lists {
                XCTAssertEqual(SortedLists.union(a, b), Set(a).union(b).sorted(), "\(a) ∪ \(b)")
                XCTAssertEqual(SortedLists.intersection(a, b), Set(a).intersection(b).sorted(), "\(a) ∩ \(b)")
                var marks = Marks(keys: a, blocked: false)
                XCTAssertEqual(marks.meet(Marks(keys: b, blocked: false)), !Set(a).isSubset(of: b), "\(a) meets \(b)")
                XCTAssertEqual(marks.keys, Set(a).intersection(b).sorted())
            }
        }
        XCTAssertEqual(Marks.keys(of: ["Released", " released", "Transferred\t", "A"]), ["a", "released", "transferred"])
        XCTAssertEqual(Marks.keys(of: ["X"]), ["x"])
        var blocked = Marks(keys: [], blocked: true)
        XCTAssertTrue(blocked.meet(Marks(keys: ["a"], blocked: false)))
        XCTAssertEqual(blocked, Marks(keys: ["a"], blocked: false))
        XCTAssertFalse(blocked.meet(Marks(keys: [], blocked: true)))
    }

    func testSnippetKeywordsUpperCaseTheUnicodeWay() {
        // "ıf" upper-cases to "IF": Snippet keywords have always been compared that way.
        let program = SnippetProgram(parsing: "ıf x = 1 {\n y = 2\n}")
        guard case .ifBlock? = program.statements.first else { return XCTFail("\(program.statements)") }
    }

    func testParametersReadInOnePass() {
        func read(_ value: String, bare: Bool) -> Set<String> {
            CustomDataUnusedRule.parametersRead(in: value, bareNamesCount: bare).names
        }
        XCTAssertEqual(read(#"x = "{P2}" + p3"#, bare: false), ["p2"])
        XCTAssertEqual(read(#"x = "{P2}" + p3"#, bare: true), ["p2", "p3"])
        XCTAssertEqual(read("p20 top2 p9_ {p4x P1", bare: true), [])
        XCTAssertEqual(read("{p4 P1", bare: true), ["p4"])
        XCTAssertEqual(read("é {p4} p5", bare: true), ["p4", "p5"])
        XCTAssertEqual(read("é {p4} p5", bare: false), ["p4"])
        // Foundation finds "p9" inside the Character U+0600 prepends to; this used to trap.
        XCTAssertEqual(read("\u{600}P9İ", bare: true), [])
        XCTAssertEqual(read("\u{600}P9 İ", bare: true), ["p9"])
    }

    func testAdminAPIPath() {
        XCTAssertTrue(ApiUrlRule.isAdminAPIBase("https://api-na1.niceincontact.com/inContactAPI/services/v30.0/"))
        XCTAssertTrue(ApiUrlRule.isAdminAPIBase("https://api-c7.nice-incontact.com/INCONTACTAPI/services/v31"))
        for path in ["v31.", "v.1", "v1/x", "v", "latest/", "v30.0//"] {
            XCTAssertFalse(ApiUrlRule.isAdminAPIBase("https://api-na1.niceincontact.com/inContactAPI/services/\(path)"), path)
        }
        // Other scripts' digits are left to the regex.
        XCTAssertNil(ApiUrlRule.isASCIIAdminAPIPath("/inContactAPI/services/v\u{0663}"))
    }

    func testFactsAndEnvironmentsKeepTheirSetAndDictionaryMeaning() {
        let origin = ConstantValue.Origin(action: 1, property: 0, utf8Range: 0..<3)
        let facts = VariableFacts(constants: [ConstantValue("b", origin: origin), ConstantValue("a", origin: nil), ConstantValue("a", origin: origin)])
        XCTAssertEqual(facts.constants.count, 3)
        XCTAssertEqual(facts, VariableFacts(constants: [ConstantValue("a", origin: origin), ConstantValue("b", origin: origin), ConstantValue("a", origin: nil)]))

        var env = ConstantEnvironment()
        env.variables = ["x": facts, "a": .unknown]
        XCTAssertEqual(env.variables, ["x": facts, "a": .unknown])
        XCTAssertEqual(env.facts(of: " X "), facts)
        XCTAssertEqual(env.facts(of: "missing"), .unset)
        // Environments numbered by different tables compare by what they hold.
        var same = ConstantEnvironment()
        same.variables = ["a": .unknown, "x": facts]
        XCTAssertEqual(env, same)
        XCTAssertEqual(env.hashValue, same.hashValue)
        same.variables = ["a": .unknown]
        XCTAssertNotEqual(env, same)
    }

    func testPhoneNumbersReadByteByByte() {
        let plain = PhoneNumber(" +1 (958) 555-0123\t")
        XCTAssertEqual(plain?.digits, "19585550123")
        XCTAssertEqual(plain?.hasPlus, true)
        XCTAssertEqual(PhoneNumber("1.958.555.0123")?.digits, "19585550123")
        XCTAssertEqual(PhoneNumber("1.958.555.0123")?.hasPlus, false)
        XCTAssertNil(PhoneNumber("1+958"), "a + only leads")
        XCTAssertNil(PhoneNumber("+ -()"), "no digit")
        XCTAssertNil(PhoneNumber("+1 958 555 O123"), "a letter")
        XCTAssertNil(PhoneNumber("+1 958 ٥٥٥ 0123"), "digits of another script are not dialled")
        XCTAssertNil(PhoneNumber("+1 958 555 0123\u{301}"), "a combining mark")
        XCTAssertNil(PhoneNumber("+1\u{00A0}958"), "a no-break space is no separator")
    }

    func testFileNameIsTheLastComponent() {
        XCTAssertEqual(SourceID(path: "/a/b/WatsonPhone.xml").fileName, "WatsonPhone.xml")
        XCTAssertEqual(SourceID(path: "/a/b/").fileName, "b")
        XCTAssertEqual(SourceID(path: "plain.json").fileName, "plain.json")
        XCTAssertEqual(SourceID(path: "/").fileName, "")
        XCTAssertEqual(SourceID(path: "/a/exports.zip", member: "skills/é actions.json").fileName, "é actions.json")
    }

    func testASCIIPatternSearchAnswersAsFoundation() {
        let texts = ["https://host/page?session_history_key={k}", "no scheme here", "é://x://y", "://", ":/", "", "a:/b://c"]
        for text in texts {
            for pattern in ["://", "session_history_key={", "x", ":"] {
                let expected = text.range(of: pattern).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
                let found = text.firstRange(ofASCII: pattern)
                XCTAssertEqual(found.map { text.distance(from: text.startIndex, to: $0.lowerBound) }, expected, "\(pattern) in \(text)")
                if let found { XCTAssertEqual(String(text[found]), pattern) }
            }
        }
        // In a substring, bounds are the base string's indices.
        let url = "xx https://h/p"
        let rest = url.dropFirst(3)
        XCTAssertEqual(rest.firstRange(ofASCII: "://").map { String(url[$0.upperBound...]) }, "h/p")
    }

    /// A plain scalar's first byte settles most of them as strings; every spelling of the
    /// core schema must still resolve, and every other word stay a string.
    func testPlainScalarsResolveByTheCoreSchema() {
        let expected: [String: Scalar.Kind] = [
            "": .null, "~": .null, "null": .null, "Null": .null, "NULL": .null, "nULL": .string,
            "true": .bool, "True": .bool, "FALSE": .bool, "yes": .string, "on": .string, "tRUE": .string,
            "0": .number, "-12": .number, "+7": .number, ".5": .number, "1e5": .number, "0x1F": .number, "0o17": .number,
            ".inf": .number, "-.INF": .number, "+.Inf": .number, ".NaN": .number, "NaN": .string, "nan": .string,
            "+1 958 555 0123": .string, "-": .string, ".": .string, "x": .string, "é": .string, "Transfer": .string, "#": .string,
        ]
        for (text, kind) in expected { XCTAssertEqual(YAMLScalarResolver.resolvePlain(text), kind, text) }
        for byte in UInt8(0x20)..<0x7F where !"~nNtTfF.+-0123456789".utf8.contains(byte) {
            let text = String(decoding: [byte, 0x31], as: UTF8.self)
            XCTAssertEqual(YAMLScalarResolver.resolvePlain(text), .string, text)
        }
    }

    /// Whole numbers are read as integers, anything else by `Double(String)`: the answer is its answer.
    func testCanvasCoordinatesReadAsDoubleDoes() {
        let texts = ["0", "240", "007", "123456789012345", "1234567890123456", "99999999999999999999", "-5", "+5", "1.5", "1e3",
                     "", " 1", "1 ", "٣", "inf", "-0", "0x10", "12a"]
        for text in texts {
            XCTAssertEqual(CanvasPosition.coordinate(text), Double(text), text)
        }
        XCTAssertEqual(CanvasPosition.coordinate("nan")?.isNaN, true)
    }
}
