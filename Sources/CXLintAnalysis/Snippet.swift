/// The subset of CXone's Snippet language that decides how a call is routed:
/// assignments, IF/ELSE and SWITCH/CASE blocks. Other statements are kept as
/// `.other` (lines) or `.block` (loops and unknown blocks, which may or may
/// not run). Offsets are UTF-8 offsets into the Data text, so findings can
/// point at the exact constant. Parsing never fails: unknown syntax is
/// skipped to the end of its line.
public struct SnippetProgram: Sendable, Hashable {
    public var statements: [SnippetStatement]

    public init(parsing text: String) {
        var parser = SnippetParser(tokens: SnippetLexer(text).tokens())
        statements = parser.parseStatements(untilBrace: false)
    }

    /// Every assignment, in blocks too, in source order.
    public var allAssignments: [SnippetAssignment] { Self.assignments(in: statements) }

    /// Every IF and CASE condition, in blocks too.
    public var allConditions: [Condition] { Self.conditions(in: statements) }

    static func assignments(in statements: [SnippetStatement]) -> [SnippetAssignment] {
        statements.flatMap { statement -> [SnippetAssignment] in
            switch statement {
            case .assign(let a): [a]
            case .ifBlock(_, let then, let otherwise): assignments(in: then) + assignments(in: otherwise)
            case .switchBlock(_, let cases): cases.flatMap { assignments(in: $0.body) }
            case .block(let body): assignments(in: body)
            case .other: []
            }
        }
    }

    static func conditions(in statements: [SnippetStatement]) -> [Condition] {
        statements.flatMap { statement -> [Condition] in
            switch statement {
            case .assign, .other: []
            case .ifBlock(let condition, let then, let otherwise): [condition] + conditions(in: then) + conditions(in: otherwise)
            case .switchBlock(let subject, let cases):
                cases.compactMap { c in c.value.map { Condition.compare(.variable(subject), equal: true, .constant($0)) } }
                    + cases.flatMap { conditions(in: $0.body) }
            case .block(let body): conditions(in: body)
            }
        }
    }
}

public indirect enum SnippetStatement: Sendable, Hashable {
    case assign(SnippetAssignment)
    case ifBlock(Condition, then: [SnippetStatement], else: [SnippetStatement])
    /// `SWITCH subject { CASE value { … } DEFAULT { … } }`; a nil value is DEFAULT.
    case switchBlock(subject: String, cases: [SnippetCase])
    /// A block that may run any number of times (FOR, WHILE, unknown).
    case block([SnippetStatement])
    case other
}

public struct SnippetCase: Sendable, Hashable {
    public var value: String?
    public var body: [SnippetStatement]
}

public struct SnippetAssignment: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// A string literal: its decoded text and the UTF-8 range of its content (inside the quotes) in the Data.
        case string(String, contentOffset: Int, contentLength: Int)
        case number(String, offset: Int)
        /// Another variable: `x = y`.
        case variable(String)
        /// Anything cxlint does not evaluate.
        case expression
    }

    public var name: String
    public var nameOffset: Int
    public var value: Value
}

struct SnippetToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case word, string, number, symbol, newline }
    var kind: Kind
    /// The word, symbol or number text; a string's decoded value.
    var text: String
    var offset: Int
    /// For strings, the content's UTF-8 range (without the quotes).
    var contentOffset = 0
    var contentLength = 0
}

/// Tokens of Snippet text; comments vanish, line breaks are kept (statements end at them).
struct SnippetLexer {
    let bytes: [UInt8]
    init(_ text: String) { bytes = Array(text.utf8) }

    func tokens() -> [SnippetToken] {
        var tokens: [SnippetToken] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "\n"), UInt8(ascii: ";"):
                tokens.append(SnippetToken(kind: .newline, text: "\n", offset: i)); i += 1
            case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "/"):
                while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i < n, !(bytes[i] == UInt8(ascii: "*") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")) {
                    // A line break inside a comment still ends the statement before it.
                    if bytes[i] == UInt8(ascii: "\n") { tokens.append(SnippetToken(kind: .newline, text: "\n", offset: i)) }
                    i += 1
                }
                i = min(n, i + 2)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let (token, end) = string(at: i, quote: b)
                tokens.append(token); i = end
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i
                while j < n, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]) || bytes[j] == UInt8(ascii: ".") { j += 1 }
                tokens.append(SnippetToken(kind: .number, text: text(i, j), offset: i)); i = j
            default:
                if isWordStart(b) {
                    var j = i + 1
                    while j < n, isWordByte(bytes[j]) { j += 1 }
                    tokens.append(SnippetToken(kind: .word, text: text(i, j), offset: i)); i = j
                } else {
                    let width = i + 1 < n && Self.isTwoByteOperator(b, bytes[i + 1]) ? 2 : 1
                    tokens.append(SnippetToken(kind: .symbol, text: text(i, i + width), offset: i)); i += width
                }
            }
        }
        return tokens
    }

    /// `==`, `<>`, `!=`, `&&`, `||`, `<=`, `>=`, `+=` (ASCII, so two bytes decide).
    static func isTwoByteOperator(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (a, b) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
             (UInt8(ascii: "&"), UInt8(ascii: "&")), (UInt8(ascii: "|"), UInt8(ascii: "|")), (UInt8(ascii: "<"), UInt8(ascii: "=")),
             (UInt8(ascii: ">"), UInt8(ascii: "=")), (UInt8(ascii: "+"), UInt8(ascii: "=")): true
        default: false
        }
    }

    func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<min(to, bytes.count)], as: UTF8.self) }
    func isWordStart(_ b: UInt8) -> Bool { b == UInt8(ascii: "_") || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || b >= 0x80 }
    func isWordByte(_ b: UInt8) -> Bool { isWordStart(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "$") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") }

    /// A string literal with `\"`, `\\`, `\n`, `\t` escapes (and a doubled quote). An unterminated string ends at the line.
    func string(at start: Int, quote: UInt8) -> (SnippetToken, Int) {
        var value: [UInt8] = []
        var i = start + 1
        let n = bytes.count
        while i < n, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < n {
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                default: value.append(e)
                }
                i += 2
            } else if b == quote {
                if i + 1 < n, bytes[i + 1] == quote { value.append(quote); i += 2; continue }
                break
            } else {
                value.append(b); i += 1
            }
        }
        let contentEnd = i
        let end = i < n && bytes[i] == quote ? i + 1 : i
        let token = SnippetToken(kind: .string, text: String(decoding: value, as: UTF8.self), offset: start,
                                 contentOffset: start + 1, contentLength: contentEnd - start - 1)
        return (token, end)
    }
}

/// Statement parser over tokens; every loop advances, so garbage cannot hang it.
struct SnippetParser {
    var tokens: [SnippetToken]
    var position = 0

    var next: SnippetToken? { position < tokens.count ? tokens[position] : nil }

    func isKeyword(_ token: SnippetToken?, _ word: StaticString) -> Bool {
        guard let token, token.kind == .word else { return false }
        return KeywordText.equalsUppercased(token.text, word)
    }
    func isSymbol(_ token: SnippetToken?, _ symbol: String) -> Bool { token?.kind == .symbol && token?.text == symbol }

    mutating func skipNewlines() { while next?.kind == .newline { position += 1 } }

    mutating func skipLine() {
        while let token = next, token.kind != .newline {
            if isSymbol(token, "}") { return }
            position += 1
        }
    }

    mutating func parseStatements(untilBrace: Bool) -> [SnippetStatement] {
        var statements: [SnippetStatement] = []
        while true {
            skipNewlines()
            guard let token = next else { return statements }
            if isSymbol(token, "}") {
                if untilBrace { position += 1; return statements }
                position += 1  // a stray closing brace at the top level
                continue
            }
            let before = position
            statements.append(parseStatement())
            if position == before { position += 1 }
        }
    }

    mutating func parseStatement() -> SnippetStatement {
        guard let token = next else { return .other }
        if isKeyword(token, "IF") { return parseIf() }
        if isKeyword(token, "SWITCH") { return parseSwitch() }
        if isKeyword(token, "ASSIGN") {
            position += 1
            return parseAssignment() ?? skipUnknown()
        }
        if token.kind == .word, isSymbol(lookahead(1), "=") { return parseAssignment() ?? skipUnknown() }
        return skipUnknown()
    }

    func lookahead(_ k: Int) -> SnippetToken? { position + k < tokens.count ? tokens[position + k] : nil }

    /// `name = value` up to the end of the line.
    mutating func parseAssignment() -> SnippetStatement? {
        guard let name = next, name.kind == .word, isSymbol(lookahead(1), "=") else { return nil }
        position += 2
        let start = position
        while let t = next, t.kind != .newline, !isSymbol(t, "}") { position += 1 }
        let valueTokens = Array(tokens[start..<position])
        let value: SnippetAssignment.Value
        if valueTokens.count == 1 {
            let v = valueTokens[0]
            switch v.kind {
            case .string: value = .string(v.text, contentOffset: v.contentOffset, contentLength: v.contentLength)
            case .number: value = .number(v.text, offset: v.offset)
            case .word: value = .variable(v.text)
            default: value = .expression
            }
        } else {
            value = .expression
        }
        return .assign(SnippetAssignment(name: name.text, nameOffset: name.offset, value: value))
    }

    /// Unknown syntax: skip the line; a block it opens is kept as a maybe-run block.
    mutating func skipUnknown() -> SnippetStatement {
        while let t = next, t.kind != .newline, !isSymbol(t, "}") {
            position += 1
            if isSymbol(t, "{") { return .block(parseStatements(untilBrace: true)) }
        }
        return .other
    }

    /// The condition tokens up to `{` (possibly on a later line), as text for `Condition`.
    mutating func conditionText() -> String {
        var parts: [String] = []
        while let t = next, !isSymbol(t, "{") {
            if t.kind == .newline { position += 1; continue }
            if isSymbol(t, "}") { break }
            parts.append(t.kind == .string ? "\"" + t.text.replacingQuotes() + "\"" : t.text)
            position += 1
        }
        return parts.joined(separator: " ")
    }

    /// `{ statements }`, or nothing when no brace follows.
    mutating func parseBlock() -> [SnippetStatement] {
        skipNewlines()
        guard isSymbol(next, "{") else { return [] }
        position += 1
        return parseStatements(untilBrace: true)
    }

    mutating func parseIf() -> SnippetStatement {
        position += 1
        let condition = Condition(parsing: conditionText())
        let then = parseBlock()
        var otherwise: [SnippetStatement] = []
        let save = position
        skipNewlines()
        if isKeyword(next, "ELSE") {
            position += 1
            otherwise = isKeyword(next, "IF") ? [parseIf()] : parseBlock()
        } else {
            position = save
        }
        return .ifBlock(condition, then: then, else: otherwise)
    }

    mutating func parseSwitch() -> SnippetStatement {
        position += 1
        let subject = conditionText().trimmingCharacters(in: " {}")
        skipNewlines()
        guard isSymbol(next, "{") else { return .other }
        position += 1
        var cases: [SnippetCase] = []
        while true {
            skipNewlines()
            guard let token = next else { break }
            if isSymbol(token, "}") { position += 1; break }
            if isKeyword(token, "CASE") {
                position += 1
                var value = ""
                while let t = next, !isSymbol(t, "{"), t.kind != .newline { value += t.text; position += 1 }
                cases.append(SnippetCase(value: value, body: parseBlock()))
            } else if isKeyword(token, "DEFAULT") {
                position += 1
                cases.append(SnippetCase(value: nil, body: parseBlock()))
            } else {
                position += 1
            }
        }
        return .switchBlock(subject: subject, cases: cases)
    }
}

extension String {
    /// `"` escaped as `\"`. Most strings hold no quote, and the generic
    /// `replacing(_:with:)` costs some 9,000 instructions even then: look first.
    func replacingQuotes() -> String {
        guard utf8.contains(UInt8(ascii: "\"")) else { return self }
        return replacing("\"", with: "\\\"")
    }
}

/// Keyword tests of the Snippet and condition parsers.
enum KeywordText {
    /// `text.uppercased() == word` for an upper-case ASCII `word`. ASCII text
    /// is compared byte by byte without building the upper-cased copy; other
    /// text is upper-cased as before (`ı` upper-cases to `I`, `ﬀ` to `FF`).
    static func equalsUppercased(_ text: String, _ word: StaticString) -> Bool {
        let answer: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            return zip(bytes, expected).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
        }
        if let answer = answer ?? nil { return answer }
        return text.uppercased() == word.description
    }
}
