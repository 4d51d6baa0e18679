/// A parsed IF Expression (IF action) or Snippet IF condition:
/// `p1 = "hangup"`, `{p1} == "hangup"`, `"{p1}" = "hangup"`, `"hangup" = p1`, `p1 <> "hangup"`,
/// `AND`/`OR`/`&&`/`||`, `NOT`/`!`, parentheses. Anything else parses as
/// `.unknown`, so callers never see a failure, only less knowledge.
public indirect enum Condition: Sendable, Hashable {
    public enum Operand: Sendable, Hashable {
        case variable(String)
        case constant(String)
    }

    case compare(Operand, equal: Bool, Operand)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    /// A test cxlint does not model (`x > 3`, a function call, garbage).
    case unknown

    public init(parsing text: String) {
        var parser = ConditionParser(tokens: ConditionLexer.tokens(text))
        let parsed = parser.parseOr()
        self = parser.atEnd ? parsed : .unknown
    }

    /// Whether the condition compares `variable` with `constant` (in either order, by `=` or `<>`).
    public func compares(_ variable: String, with constant: String) -> Bool {
        switch self {
        case .compare(let a, _, let b):
            return Self.matches(a, b, variable, constant) || Self.matches(b, a, variable, constant)
        case .and(let l, let r), .or(let l, let r): return l.compares(variable, with: constant) || r.compares(variable, with: constant)
        case .not(let c): return c.compares(variable, with: constant)
        case .unknown: return false
        }
    }

    /// Whether the condition tests `variable` at all.
    public func tests(_ variable: String) -> Bool {
        switch self {
        case .compare(let a, _, let b): return [a, b].contains { if case .variable(let v) = $0 { VariableName.same(v, variable) } else { false } }
        case .and(let l, let r), .or(let l, let r): return l.tests(variable) || r.tests(variable)
        case .not(let c): return c.tests(variable)
        case .unknown: return false
        }
    }

    /// The variables the condition tests.
    public var variables: [String] {
        switch self {
        case .compare(let a, _, let b): return [a, b].compactMap { if case .variable(let v) = $0 { v } else { nil } }
        case .and(let l, let r), .or(let l, let r): return l.variables + r.variables
        case .not(let c): return c.variables
        case .unknown: return []
        }
    }

    /// The branch taken when `variable` holds `constant`: true (True branch),
    /// false (False branch), or nil when that depends on something else.
    /// Three-valued (Kleene) logic, so `p1 = "hangup" OR x = 1` is still true.
    public func outcome(when variable: String, equals constant: String) -> Bool? {
        switch self {
        case .compare(let a, let equal, let b):
            let value: (Operand) -> String? = { operand in
                switch operand {
                case .constant(let c): c
                case .variable(let v): VariableName.same(v, variable) ? constant : nil
                }
            }
            guard Self.involves(a, b, variable), let l = value(a), let r = value(b) else { return nil }
            return (l == r) == equal
        case .and(let l, let r):
            let (x, y) = (l.outcome(when: variable, equals: constant), r.outcome(when: variable, equals: constant))
            if x == false || y == false { return false }
            return x == true && y == true ? true : nil
        case .or(let l, let r):
            let (x, y) = (l.outcome(when: variable, equals: constant), r.outcome(when: variable, equals: constant))
            if x == true || y == true { return true }
            return x == false && y == false ? false : nil
        case .not(let c): return c.outcome(when: variable, equals: constant).map(!)
        case .unknown: return nil
        }
    }

    private static func involves(_ a: Operand, _ b: Operand, _ variable: String) -> Bool {
        [a, b].contains { if case .variable(let v) = $0 { VariableName.same(v, variable) } else { false } }
    }

    private static func matches(_ a: Operand, _ b: Operand, _ variable: String, _ constant: String) -> Bool {
        guard case .variable(let v) = a, case .constant(let c) = b else { return false }
        return VariableName.same(v, variable) && c == constant
    }
}

enum ConditionToken: Sendable, Hashable {
    case identifier(String)
    case string(String)
    case number(String)
    case op(String)
    case invalid
}

/// Splits a condition into tokens; `{name}` reads as the identifier `name`.
enum ConditionLexer {
    static func tokens(_ text: String) -> [ConditionToken] {
        let bytes = Array(text.utf8)
        // ASCII text (nearly every condition): each byte is a scalar, so the
        // lexer reads the bytes as they are, with no scalar array or offset table.
        if !bytes.contains(where: { $0 >= 0x80 }) { return tokens(in: ASCIIText(bytes: bytes)) }
        return tokens(in: ScalarText(text, bytes: bytes))
    }

    static func tokens(in source: some LexedText) -> [ConditionToken] {
        let count = source.count
        var tokens: [ConditionToken] = []
        var i = 0
        while i < count {
            let c = source[i]
            if c == " " || c == "\t" || c == "\r" || c == "\n" { i += 1; continue }
            if c == "\"" || c == "'" {
                let start = i + 1
                var escaped = false
                i = start
                while i < count, source[i] != c {
                    if source[i] == "\\", i + 1 < count { escaped = true; i += 1 }
                    i += 1
                }
                if i >= count { return tokens + [.invalid] }
                let text = escaped ? unescaped(source, start..<i) : source.string(start..<i)
                i += 1
                // `"{p1}"` substitutes p1 into a string, so it compares as p1 itself
                // (CXone's expression help quotes substitutions in string comparisons).
                if let name = VariableName.wholeReference(text) { tokens.append(.identifier(name)) } else { tokens.append(.string(text)) }
            } else if c == "{" {
                guard let close = (i..<count).first(where: { source[$0] == "}" }) else { return tokens + [.invalid] }
                tokens.append(.identifier(source.string((i + 1)..<close).trimmingCharacters(in: " ")))
                i = close + 1
            } else if isDigit(c) || (c == "-" && i + 1 < count && isDigit(source[i + 1])) {
                var j = i + 1
                while j < count, isDigit(source[j]) || source[j] == "." { j += 1 }
                tokens.append(.number(source.string(i..<j))); i = j
            } else if c.isAlphabetic || c == "_" {
                var j = i + 1
                while j < count, isIdentChar(source[j]) { j += 1 }
                let word = source.string(i..<j)
                if KeywordText.equalsUppercased(word, "AND") { tokens.append(.op("&&")) }
                else if KeywordText.equalsUppercased(word, "OR") { tokens.append(.op("||")) }
                else if KeywordText.equalsUppercased(word, "NOT") { tokens.append(.op("!")) }
                else { tokens.append(.identifier(word)) }
                i = j
            } else if i + 1 < count, let two = twoCharacterOperator(c, source[i + 1]) {
                tokens.append(.op(two)); i += 2
            } else if "=!()<>".unicodeScalars.contains(c) {
                tokens.append(.op(String(c))); i += 1
            } else {
                tokens.append(.invalid); i += 1
            }
        }
        return tokens
    }

    /// A quoted string's content with each escaping backslash dropped and the scalar after it kept as is.
    static func unescaped(_ source: some LexedText, _ content: Range<Int>) -> String {
        var value: [UInt8] = []
        var i = content.lowerBound
        while i < content.upperBound {
            if source[i] == "\\", i + 1 < content.upperBound { i += 1 }
            value.append(contentsOf: source.utf8(i..<(i + 1))); i += 1
        }
        return String(decoding: value, as: UTF8.self)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static func isIdentChar(_ c: Unicode.Scalar) -> Bool { c.isAlphabetic || isDigit(c) || c == "_" || c == "$" || c == "." || c == ":" }

    /// `==`, `<>`, `!=`, `&&`, `||`, `<=`, `>=` (no other pair of scalars is canonically equivalent to one of these).
    static func twoCharacterOperator(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> String? {
        switch (a, b) {
        case ("=", "="): "=="
        case ("<", ">"): "<>"
        case ("!", "="): "!="
        case ("&", "&"): "&&"
        case ("|", "|"): "||"
        case ("<", "="): "<="
        case (">", "="): ">="
        default: nil
        }
    }
}

/// A text as the condition lexer reads it: scalars by position, and a run of
/// scalars as UTF-8 bytes or as a String (copied from the bytes, not
/// appended scalar by scalar).
protocol LexedText {
    var count: Int { get }
    subscript(_ position: Int) -> Unicode.Scalar { get }
    func utf8(_ scalars: Range<Int>) -> ArraySlice<UInt8>
}

extension LexedText {
    func string(_ scalars: Range<Int>) -> String { String(decoding: utf8(scalars), as: UTF8.self) }
}

/// ASCII text: scalar positions are byte offsets.
struct ASCIIText: LexedText {
    let bytes: [UInt8]

    var count: Int { bytes.count }
    subscript(_ position: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[position]) }
    func utf8(_ scalars: Range<Int>) -> ArraySlice<UInt8> { bytes[scalars] }
}

/// Any text: its scalars, with the UTF-8 offset of each.
struct ScalarText: LexedText {
    let scalars: [Unicode.Scalar]
    let bytes: [UInt8]
    /// The UTF-8 offset of each scalar, and the end.
    let offsets: [Int]

    init(_ text: String, bytes: [UInt8]) {
        scalars = Array(text.unicodeScalars)
        self.bytes = bytes
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    var count: Int { scalars.count }
    subscript(_ position: Int) -> Unicode.Scalar { scalars[position] }
    func utf8(_ scalars: Range<Int>) -> ArraySlice<UInt8> { bytes[offsets[scalars.lowerBound]..<offsets[scalars.upperBound]] }
}

/// Recursive descent: or := and (|| and)*; and := unary (&& unary)*;
/// unary := ! unary | ( or ) | comparison.
struct ConditionParser {
    var tokens: [ConditionToken]
    var position = 0

    var atEnd: Bool { position >= tokens.count }
    var next: ConditionToken? { atEnd ? nil : tokens[position] }

    mutating func parseOr() -> Condition {
        var left = parseAnd()
        while next == .op("||") { position += 1; left = .or(left, parseAnd()) }
        return left
    }

    mutating func parseAnd() -> Condition {
        var left = parseUnary()
        while next == .op("&&") { position += 1; left = .and(left, parseUnary()) }
        return left
    }

    mutating func parseUnary() -> Condition {
        if next == .op("!") { position += 1; return .not(parseUnary()) }
        if next == .op("(") {
            position += 1
            let inner = parseOr()
            guard next == .op(")") else { position = tokens.count + 1; return .unknown }
            position += 1
            return inner
        }
        return parseComparison()
    }

    mutating func parseComparison() -> Condition {
        guard let left = parseOperand() else { skipTerm(); return .unknown }
        guard case .op(let op)? = next, ["=", "==", "<>", "!="].contains(op) else {
            if case .op(let other)? = next, ["<", ">", "<=", ">="].contains(other) { skipTerm(); return .unknown }
            // A bare operand (`IF flag`) tests truthiness, which cxlint does not model.
            return .unknown
        }
        position += 1
        guard let right = parseOperand() else { skipTerm(); return .unknown }
        return .compare(left, equal: op == "=" || op == "==", right)
    }

    mutating func parseOperand() -> Condition.Operand? {
        switch next {
        case .identifier(let name)?:
            position += 1
            let lower = name.lowercased()
            return lower == "true" || lower == "false" ? .constant(lower) : .variable(name)
        case .string(let s)?: position += 1; return .constant(s)
        case .number(let n)?: position += 1; return .constant(n)
        default: return nil
        }
    }

    /// Skips to the next `&&`, `||` or `)` so one unknown term leaves the rest usable.
    mutating func skipTerm() {
        while let token = next, token != .op("&&"), token != .op("||"), token != .op(")") {
            if token == .invalid { position = tokens.count + 1; return }
            position += 1
        }
    }
}
