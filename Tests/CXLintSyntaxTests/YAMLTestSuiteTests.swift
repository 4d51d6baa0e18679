import CXLintTestSupport
import Foundation
import XCTest

@testable import CXLintSyntax

/// Runs the shared yaml-test-suite against `YAMLReader`.
final class YAMLTestSuiteTests: XCTestCase {
    /// Cases where libyaml 0.2.5 itself disagrees with the suite. Each was checked by
    /// dumping libyaml's raw events (a small C program on `yaml_parser_parse`) and
    /// comparing them with the case's `test.event`: libyaml accepts the invalid input,
    /// rejects the valid input with the error quoted, or emits different events.
    /// Cases with neither `in.json` nor `error` are valid YAML without a JSON form
    /// (complex keys, etc.); they are checked to parse without a syntax error.
    static let libyamlDisagreements: [String: String] = [
        "2JQS": "libyaml rejects this valid YAML: did not find expected key (Block Mapping with Missing Keys)",
        "2LFX": "libyaml rejects this valid YAML: found unknown directive name (Spec Example 6.13. Reserved Directives [1.3])",
        "2SXE": "libyaml rejects this valid YAML: mapping values are not allowed in this context (Anchors With Colon in Name)",
        "4ABK": "libyaml rejects this valid YAML: found unexpected ':' (Flow Mapping Separate Values)",
        "4MUZ/00": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Flow mapping colon on line after key)",
        "4MUZ/01": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Flow mapping colon on line after key)",
        "4MUZ/02": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Flow mapping colon on line after key)",
        "58MP": "libyaml rejects this valid YAML: did not find expected node content (Flow mapping edge cases)",
        "5MUD": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Colon and adjacent value on next line)",
        "5T43": "libyaml rejects this valid YAML: did not find expected node content (Colon at the beginning of adjacent flow scalar)",
        "652Z": "libyaml reads `?foo` in a flow mapping as an explicit key indicator (Question mark at start of flow key)",
        "6BCT": "libyaml rejects this valid YAML: found character that cannot start any token (Spec Example 6.3. Separation Spaces)",
        "6CA3": "libyaml rejects this valid YAML: found character that cannot start any token (Tab indented top flow)",
        "6LVF": "libyaml rejects this valid YAML: found unknown directive name (Spec Example 6.13. Reserved Directives)",
        "6M2F": "libyaml rejects this valid YAML: did not find expected key (Aliases in Explicit Block Mapping)",
        "7Z25": "libyaml rejects this valid YAML: did not find expected <document start> (Bare document after document end marker)",
        "8XYN": "libyaml rejects this valid YAML: did not find expected alphabetic or numeric character (Anchor with unicode character)",
        "96NN/00": "libyaml rejects this valid YAML: found a tab character where an indentation space is expected (Leading tab content in literals)",
        "96NN/01": "libyaml rejects this valid YAML: found a tab character where an indentation space is expected (Leading tab content in literals)",
        "9C9N": "libyaml accepts this invalid YAML (Wrong indented flow sequence)",
        "9HCY": "libyaml accepts this invalid YAML (Need document footer before directives)",
        "9JBA": "libyaml accepts this invalid YAML (Invalid comment after end of flow sequence)",
        "9SA2": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Multiline double quoted flow mapping key)",
        "A2M4": "libyaml rejects this valid YAML: found character that cannot start any token (Spec Example 6.2. Indentation Indicators)",
        "BEC7": "libyaml rejects this valid YAML: found incompatible YAML document (Spec Example 6.14. “YAML” directive)",
        "CFD4": "libyaml rejects this valid YAML: did not find expected node content (Empty implicit key in single pair flow sequences)",
        "CVW2": "libyaml accepts this invalid YAML (Invalid comment after comma)",
        "DBG4": "libyaml rejects this valid YAML: did not find expected node content (Spec Example 7.10. Plain Characters)",
        "DK3J": "libyaml rejects this valid YAML: did not find expected <document start> (Zero indented block scalar with line that looks like a comment)",
        "DK95/00": "libyaml rejects this valid YAML: found character that cannot start any token (Tabs that look like indentation)",
        "DK95/01": "libyaml accepts this invalid YAML (Tabs that look like indentation)",
        "DK95/03": "libyaml rejects this valid YAML: found character that cannot start any token (Tabs that look like indentation)",
        "DK95/04": "libyaml rejects this valid YAML: found a tab character that violates indentation (Tabs that look like indentation)",
        "EB22": "libyaml accepts this invalid YAML (Missing document-end marker before directive)",
        "FP8R": "libyaml rejects this valid YAML: did not find expected <document start> (Zero indented block scalar)",
        "FRK4": "libyaml rejects this valid YAML: found unexpected ':' (Spec Example 7.3. Completely Empty Flow Nodes)",
        "G5U8": "libyaml accepts this invalid YAML (Plain dashes in flow sequence)",
        "HM87/00": "libyaml rejects this valid YAML: did not find expected node content (Scalars in flow start with syntax char)",
        "HM87/01": "libyaml reads `[?x]` as a flow pair instead of the scalar `?x` (Scalars in flow start with syntax char)",
        "HWV9": "libyaml rejects this valid YAML: did not find expected node content (Document-end marker)",
        "JEF9/02": "libyaml drops the kept trailing line break of `|+` at end of stream (Trailing whitespace in streams)",
        "K3WX": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Colon and adjacent value after comment on next line)",
        "L24T/01": "libyaml drops the last kept line break of `|+` before a line of spaces (Trailing line of spaces)",
        "M2N8/00": "libyaml rejects this valid YAML: did not find expected key (Question mark edge cases)",
        "M7A3": "libyaml rejects this valid YAML: did not find expected <document start> (Spec Example 9.3. Bare Documents)",
        "MUS6/00": "libyaml accepts this invalid YAML (Directive variants)",
        "MUS6/01": "libyaml accepts this invalid YAML (Directive variants)",
        "MUS6/05": "libyaml rejects this valid YAML: found unknown directive name (Directive variants)",
        "MUS6/06": "libyaml rejects this valid YAML: found unknown directive name (Directive variants)",
        "NHX8": "libyaml rejects this valid YAML: did not find expected key (Empty Lines at End of Document)",
        "NJ66": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Multiline plain flow mapping key)",
        "NKF9": "libyaml rejects this valid YAML: did not find expected key (Empty keys in block and flow mapping)",
        "Q5MG": "libyaml rejects this valid YAML: found character that cannot start any token (Tab at beginning of line followed by a flow mapping)",
        "QB6E": "libyaml accepts this invalid YAML (Wrong indented multiline quoted scalar)",
        "QT73": "libyaml rejects this valid YAML: did not find expected node content (Comment and document-end marker)",
        "R4YG": "libyaml rejects this valid YAML: found a tab character where an indentation space is expected (Spec Example 8.2. Block Indentation Indicator)",
        "RHX7": "libyaml accepts this invalid YAML (YAML directive without document end marker)",
        "S3PD": "libyaml rejects this valid YAML: did not find expected key (Spec Example 8.18. Implicit Block Mapping Entries)",
        "S98Z": "libyaml accepts this invalid YAML (Block scalar with more spaces than first content line)",
        "SM9W/01": "libyaml rejects this valid YAML: did not find expected key (Single character streams)",
        "SU5Z": "libyaml accepts this invalid YAML (Comment without whitespace after doublequoted scalar)",
        "UKK6/00": "libyaml rejects this valid YAML: did not find expected key (Syntax character edge cases)",
        "UT92": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Spec Example 9.4. Explicit Documents)",
        "VJP3/01": "libyaml rejects this valid YAML: did not find expected ',' or '}' (Flow collections over many lines)",
        "W4TN": "libyaml rejects this valid YAML: could not find expected directive name (Spec Example 9.5. Directives Documents)",
        "W5VH": "libyaml rejects this valid YAML: did not find expected alphabetic or numeric character (Allowed characters in alias)",
        "X4QW": "libyaml accepts this invalid YAML (Comment without whitespace after block scalar indicator)",
        "Y2GN": "libyaml ends anchor names at `:` (only alphanumerics allowed) (Anchor with colon in the middle)",
        "Y79Y/001": "libyaml rejects this valid YAML: found a tab character where an indentation space is expected (Tabs in various contexts)",
        "Y79Y/003": "libyaml accepts this invalid YAML (Tabs in various contexts)",
        "Y79Y/010": "libyaml rejects this valid YAML: found character that cannot start any token (Tabs in various contexts)",
        "YJV2": "libyaml accepts this invalid YAML (Dash in flow sequence)",
    ]

    static var suiteRoot: URL { SharedData.yamlTestSuite.url }

    /// Case folders holding `in.yaml`, named like `2G84/02`.
    static func caseIDs() throws -> [String] {
        let fm = FileManager.default
        var ids: [String] = []
        for name in try fm.contentsOfDirectory(atPath: suiteRoot.path).sorted() {
            let dir = suiteRoot.appendingPathComponent(name)
            if fm.fileExists(atPath: dir.appendingPathComponent("in.yaml").path) {
                ids.append(name)
                continue
            }
            for sub in (try? fm.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
            where fm.fileExists(atPath: dir.appendingPathComponent(sub).appendingPathComponent("in.yaml").path) {
                ids.append("\(name)/\(sub)")
            }
        }
        return ids
    }

    func testYAMLTestSuite() throws {
        let fm = FileManager.default
        _ = try SharedData.yamlTestSuite.require()
        var passed = 0, skipped = 0, failed: [String] = [], skippedButPassing: [String] = []
        for id in try Self.caseIDs() {
            let dir = Self.suiteRoot.appendingPathComponent(id)
            let yaml = try Data(contentsOf: dir.appendingPathComponent("in.yaml"))
            let result = YAMLReader.parse(SourceFile(id: SourceID(path: "\(id)/in.yaml"), bytes: Array(yaml)))
            let outcome = Self.check(result, dir: dir)
            let ok = outcome == nil
            if Self.libyamlDisagreements[id] != nil {
                skipped += 1
                if ok { skippedButPassing.append(id) }
                continue
            }
            if ok {
                passed += 1
            } else {
                failed.append("\(id): \(outcome!)")
            }
        }
        print("yaml-test-suite: \(passed) passed, \(skipped) skipped (libyaml disagrees), \(failed.count) failed")
        XCTAssert(failed.isEmpty, "failing cases:\n" + failed.joined(separator: "\n"))
        XCTAssert(skippedButPassing.isEmpty, "skip list entries that now pass: \(skippedButPassing)")
    }

    /// nil when the case passes, else why not.
    static func check(_ result: ParseResult, dir: URL) -> String? {
        let fm = FileManager.default
        let syntaxErrors = result.diagnostics.filter { $0.rule == SyntaxRuleID.syntaxError }
        if fm.fileExists(atPath: dir.appendingPathComponent("error").path) {
            return syntaxErrors.isEmpty ? "expected a syntax error" : nil
        }
        guard let expectedData = try? Data(contentsOf: dir.appendingPathComponent("in.json")) else {
            return syntaxErrors.isEmpty ? nil : "unexpected error: \(syntaxErrors[0].message)"
        }
        if let first = syntaxErrors.first {
            return "unexpected error at \(first.range.start.line):\(first.range.start.column): \(first.message)"
        }
        let expected: [JSONValue]
        do { expected = try JSONValue.parseConcatenated(expectedData) } catch { return "bad in.json: \(error)" }
        let actual = result.documents.map(JSONValue.init(node:))
        return actual == expected ? nil : "got \(actual), expected \(expected)"
    }
}

/// A comparable JSON value; numbers compare numerically.
enum JSONValue: Equatable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(node: Node) {
        switch node.value {
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key.scalar?.text ?? "\(JSONValue(node: entry.key))"] = JSONValue(node: entry.value) }
            self = .object(object)
        case .sequence(let items):
            self = .array(items.map(JSONValue.init(node:)))
        case .scalar(let s):
            switch s.kind {
            case .null: self = .null
            case .bool: self = .bool(s.text.lowercased() == "true")
            case .number: self = JSONValue.number(s.text).map { .number($0) } ?? .string(s.text)
            case .string: self = .string(s.text)
            }
        case .element, .text, .unread:
            self = .null
        }
    }

    static func number(_ text: String) -> Double? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8).map(Double.init) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16).map(Double.init) }
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return Double(text)
        }
    }

    init(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let s as String: self = .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" {
                self = .bool(n.boolValue)
            } else {
                self = .number(n.doubleValue)
            }
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let d as [String: Any]: self = .object(d.mapValues(JSONValue.init(foundation:)))
        default: self = .string("\(value)")
        }
    }

    /// The suite concatenates one JSON text per document for multi-document streams.
    static func parseConcatenated(_ data: Data) throws -> [JSONValue] {
        let bytes = [UInt8](data)
        var values: [JSONValue] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            i = endOfJSONValue(bytes, from: i)
            let chunk = Data(bytes[start..<i])
            values.append(JSONValue(foundation: try JSONSerialization.jsonObject(with: chunk, options: .fragmentsAllowed)))
        }
        return values
    }

    private static func endOfJSONValue(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        let isSpace = { (c: UInt8) in c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        var depth = 0, inString = false
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if inString {
                if c == 0x5C { i += 1 } else if c == 0x22 { inString = false; if depth == 0 { return i } }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x5B || c == 0x7B {
                depth += 1
            } else if c == 0x5D || c == 0x7D {
                depth -= 1
                if depth == 0 { return i }
            } else if depth == 0, i < bytes.count, isSpace(bytes[i]) {
                return i
            }
        }
        return i
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): "\(n)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[\(a.map(\.description).joined(separator: ", "))]"
        case .object(let o): "{\(o.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", "))}"
        }
    }
}

extension YAMLTestSuiteTests {
    /// Cases where a `#` after whitespace legitimately falls inside a scalar range from libyaml.
    static let commentCrossCheckExceptions: [String: String] = [
        "P2AD": "comments on block scalar header lines: libyaml's scalar range starts at `|`/`>`",
        "RZP5": "comment after a `>` block scalar header",
        "XW4D": "comment after a `>` block scalar header",
    ]

    /// Cross-checks the lexical comment pass: on every case libyaml accepts, a `#` after
    /// whitespace outside all scalar ranges is a comment, and nothing else is.
    func testCommentsAgreeWithScalarRanges() throws {
        _ = try SharedData.yamlTestSuite.require()
        for id in try YAMLTestSuiteTests.caseIDs() where Self.commentCrossCheckExceptions[id] == nil {
            let dir = YAMLTestSuiteTests.suiteRoot.appendingPathComponent(id)
            let bytes = Array(try Data(contentsOf: dir.appendingPathComponent("in.yaml")))
            let result = YAMLReader.parse(SourceFile(id: SourceID(path: "in.yaml"), bytes: bytes))
            if result.hasErrors || FileManager.default.fileExists(atPath: dir.appendingPathComponent("error").path) { continue }
            var scalarRanges: [SourceRange] = []
            var stack = result.documents
            while let node = stack.popLast() {
                switch node.value {
                case .scalar: scalarRanges.append(node.range)
                case .sequence(let items): stack += items
                case .mapping(let entries): for e in entries { stack += [e.key, e.value] }
                default: break
                }
            }
            var expected: [Int] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x23, i == 0 || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i - 1]),
                    !scalarRanges.contains(where: { $0.start.offset < i && i < $0.end.offset }) {
                    expected.append(i)
                    while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                }
                i += 1
            }
            let actual = result.comments.map(\.range.start.offset)
            XCTAssertEqual(actual, expected, "comment offsets in \(id)")
        }
    }
}

extension YAMLTestSuiteTests {
    /// Every prefix of every case (cut anywhere, even inside a UTF-8 sequence) must read
    /// without crashing and give ranges inside the file.
    func testEveryPrefixReadsSafely() throws {
        _ = try SharedData.yamlTestSuite.require()
        var parses = 0
        for id in try Self.caseIDs() {
            let bytes = Array(try Data(contentsOf: Self.suiteRoot.appendingPathComponent(id).appendingPathComponent("in.yaml")))
            for cut in 0...bytes.count {
                let file = SourceFile(id: SourceID(path: "in.yaml"), bytes: Array(bytes[..<cut]))
                let result = YAMLReader.parse(file)
                parses += 1
                let ranges = result.diagnostics.map(\.range) + result.comments.map(\.range) + result.documents.map(\.range)
                for range in ranges {
                    XCTAssertLessThanOrEqual(range.start.offset, range.end.offset, "\(id) cut at \(cut)")
                    XCTAssertLessThanOrEqual(range.end.offset, cut, "\(id) cut at \(cut)")
                }
            }
        }
        print("prefix reads: \(parses)")
    }
}
