import CXLintModel

/// A constant a variable can hold, and where it was written.
public struct ConstantValue: Sendable, Hashable {
    /// Where a constant is written: a property of an action, and the UTF-8
    /// range inside the property's decoded value (a Snippet string's content,
    /// or the whole ASSIGN Value).
    public struct Origin: Sendable, Hashable {
        public var action: Int
        public var property: Int
        public var utf8Range: Range<Int>

        public init(action: Int, property: Int, utf8Range: Range<Int>) {
            self.action = action
            self.property = property
            self.utf8Range = utf8Range
        }

        /// Orders origins field by field (-1, 0, 1).
        static func compare(_ a: Origin?, _ b: Origin?) -> Int {
            guard let a else { return b == nil ? 0 : -1 }
            guard let b else { return 1 }
            if a.action != b.action { return a.action < b.action ? -1 : 1 }
            if a.property != b.property { return a.property < b.property ? -1 : 1 }
            if a.utf8Range.lowerBound != b.utf8Range.lowerBound { return a.utf8Range.lowerBound < b.utf8Range.lowerBound ? -1 : 1 }
            if a.utf8Range.upperBound != b.utf8Range.upperBound { return a.utf8Range.upperBound < b.utf8Range.upperBound ? -1 : 1 }
            return 0
        }
    }

    public var text: String
    public var origin: Origin?

    public init(_ text: String, origin: Origin?) {
        self.text = text
        self.origin = origin
    }

    /// The same equality as the synthesised one, with the cheap integer fields first.
    public static func == (lhs: ConstantValue, rhs: ConstantValue) -> Bool {
        lhs.origin == rhs.origin && lhs.text == rhs.text
    }

    /// A total order agreeing with `==` (String's `<` and `==` agree), so a
    /// set of constants has one sorted spelling (-1, 0, 1).
    static func compare(_ a: ConstantValue, _ b: ConstantValue) -> Int {
        let byOrigin = Origin.compare(a.origin, b.origin)
        if byOrigin != 0 { return byOrigin }
        if a.text == b.text { return 0 }
        return a.text < b.text ? -1 : 1
    }
}

/// What one variable can hold where a path arrives: the constants of the
/// assignments that can reach, and whether some path leaves it unassigned
/// or assigns something cxlint cannot evaluate.
public struct VariableFacts: Sendable, Hashable {
    /// Past this many constants the set widens to "unknown", which keeps the lattice finite (loops terminate).
    static let limit = 16

    /// The constants, sorted by `ConstantValue.compare` without repeats. Equal
    /// sets are equal arrays, so the joins and comparisons the dataflow repeats
    /// at every meeting point are merges and element compares, not hashing.
    var sortedConstants: [ConstantValue]
    public var mayBeUnset: Bool
    public var mayBeUnknown: Bool

    public static let unset = VariableFacts(sorted: [], mayBeUnset: true, mayBeUnknown: false)
    public static let unknown = VariableFacts(sorted: [], mayBeUnset: false, mayBeUnknown: true)

    public init(constants: Set<ConstantValue> = [], mayBeUnset: Bool = false, mayBeUnknown: Bool = false) {
        self.init(sorted: Self.sorted(constants), mayBeUnset: mayBeUnset, mayBeUnknown: mayBeUnknown)
    }

    init(sorted: [ConstantValue], mayBeUnset: Bool = false, mayBeUnknown: Bool = false) {
        self.sortedConstants = sorted
        self.mayBeUnset = mayBeUnset
        self.mayBeUnknown = mayBeUnknown
    }

    public var constants: Set<ConstantValue> {
        get { Set(sortedConstants) }
        set { sortedConstants = Self.sorted(newValue) }
    }

    /// Only constants arrive (at least one).
    public var isConstant: Bool { !sortedConstants.isEmpty && !mayBeUnset && !mayBeUnknown }

    public static func == (lhs: VariableFacts, rhs: VariableFacts) -> Bool {
        lhs.mayBeUnset == rhs.mayBeUnset && lhs.mayBeUnknown == rhs.mayBeUnknown && lhs.sortedConstants == rhs.sortedConstants
    }

    func joined(with other: VariableFacts) -> VariableFacts {
        // Paths that met with the same facts (the common case in a loop) need no new set.
        if self == other { return self }
        // Nor do facts that already hold the other side's: the union would be these constants again.
        if mayBeUnset || !other.mayBeUnset, mayBeUnknown || !other.mayBeUnknown, sortedConstants.count <= Self.limit,
           Self.includes(sortedConstants, other.sortedConstants) {
            return self
        }
        return VariableFacts(sorted: Self.union(sortedConstants, other.sortedConstants), mayBeUnset: mayBeUnset || other.mayBeUnset,
                             mayBeUnknown: mayBeUnknown || other.mayBeUnknown).widened()
    }

    func widened() -> VariableFacts {
        sortedConstants.count > Self.limit ? VariableFacts(sorted: [], mayBeUnset: mayBeUnset, mayBeUnknown: true) : self
    }

    static func sorted(_ constants: some Sequence<ConstantValue>) -> [ConstantValue] {
        constants.sorted { ConstantValue.compare($0, $1) < 0 }
    }

    /// Whether every constant of `b` is in `a` (both sorted).
    static func includes(_ a: [ConstantValue], _ b: [ConstantValue]) -> Bool {
        guard b.count <= a.count else { return false }
        var i = 0
        for constant in b {
            while i < a.count, ConstantValue.compare(a[i], constant) < 0 { i += 1 }
            guard i < a.count, a[i] == constant else { return false }
            i += 1
        }
        return true
    }

    /// The sorted union; where both hold equal constants, `a`'s is kept (as `Set.union` keeps its own members).
    static func union(_ a: [ConstantValue], _ b: [ConstantValue]) -> [ConstantValue] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var result: [ConstantValue] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            let order = ConstantValue.compare(a[i], b[j])
            if order <= 0 { result.append(a[i]); i += 1 } else { result.append(b[j]); j += 1 }
            if order == 0 { j += 1 }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }
}

/// Variables (by `VariableName.key`) → facts, before an action runs. A
/// variable absent from the map is unassigned on every path.
public struct ConstantEnvironment: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var key: String
        var facts: VariableFacts
    }

    /// Sorted by key, one entry per key: joining two environments is one merge
    /// of two short sorted lists, and comparing them is element by element.
    var entries: [Entry] = []

    public init() {}

    public var variables: [String: VariableFacts] {
        get { Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.facts) }) }
        set { entries = newValue.map { Entry(key: $0.key, facts: $0.value) }.sorted { $0.key < $1.key } }
    }

    public func facts(of name: String) -> VariableFacts { facts(key: VariableName.key(name)) }

    func facts(key: String) -> VariableFacts {
        let (index, found) = position(of: key)
        return found ? entries[index].facts : .unset
    }

    mutating func set(_ name: String, _ facts: VariableFacts) { set(key: VariableName.key(name), facts) }

    mutating func set(key: String, _ facts: VariableFacts) {
        let (index, found) = position(of: key)
        if found { entries[index].facts = facts } else { entries.insert(Entry(key: key, facts: facts), at: index) }
    }

    /// Where `key` is, or where it would go (binary search).
    func position(of key: String) -> (index: Int, found: Bool) {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            let other = entries[middle].key
            if other == key { return (middle, true) }
            if other < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// Every variable of either side, each joined with the other side's facts
    /// (`.unset` where that side lacks it).
    func joined(with other: ConstantEnvironment) -> ConstantEnvironment {
        var result = self
        _ = result.formJoin(other)
        return result
    }

    /// Joins `other` into this environment; false when that changes nothing.
    /// The dataflow asks this at every edge, and most edges change nothing:
    /// then no entry is copied and no second environment is compared.
    mutating func formJoin(_ other: ConstantEnvironment) -> Bool {
        let (mine, theirs) = (entries, other.entries)
        // The same storage on both sides (one action's facts reaching a node twice) joins to itself.
        if mine.count == theirs.count, mine.withUnsafeBufferPointer({ $0.baseAddress }) == theirs.withUnsafeBufferPointer({ $0.baseAddress }) {
            return false
        }
        // nil until the first entry that changes; from then on, every entry of the result.
        var merged: [Entry]?
        let capacity = mine.count + theirs.count
        var (i, j) = (0, 0)
        while i < mine.count || j < theirs.count {
            let order: Int
            if j == theirs.count { order = -1 } else if i == mine.count { order = 1 } else {
                let (a, b) = (mine[i].key, theirs[j].key)
                order = a == b ? 0 : (a < b ? -1 : 1)
            }
            if order < 0 {
                let facts = mine[i].facts
                // Joining with "unset" changes nothing that may already be unset (and within the limit).
                let joined = facts.mayBeUnset && facts.sortedConstants.count <= VariableFacts.limit ? facts : facts.joined(with: .unset)
                if merged != nil || joined != facts { Self.append(Entry(key: mine[i].key, facts: joined), to: &merged, after: mine[..<i], total: capacity) }
                i += 1
            } else if order > 0 {
                Self.append(Entry(key: theirs[j].key, facts: VariableFacts.unset.joined(with: theirs[j].facts)), to: &merged, after: mine[..<i], total: capacity)
                j += 1
            } else {
                let facts = mine[i].facts
                let joined = facts == theirs[j].facts ? facts : facts.joined(with: theirs[j].facts)
                if merged != nil || joined != facts { Self.append(Entry(key: mine[i].key, facts: joined), to: &merged, after: mine[..<i], total: capacity) }
                i += 1
                j += 1
            }
        }
        guard let merged else { return false }
        entries = merged
        return true
    }

    /// Appends to the joined entries, starting them (with this side's unchanged entries so far) at the first change.
    private static func append(_ entry: Entry, to merged: inout [Entry]?, after unchanged: ArraySlice<Entry>, total: Int) {
        if merged == nil {
            var started: [Entry] = []
            started.reserveCapacity(total)
            started.append(contentsOf: unchanged)
            merged = started
        }
        merged!.append(entry)
    }

    /// The values a written value can take: `{name}` references replaced by the
    /// referenced constants when only constants can arrive, kept as written
    /// otherwise (a system variable such as `{ContactId}`, or one set in another
    /// event chain, stays symbolic).
    public func resolve(_ text: String, origin: ConstantValue.Origin?) -> VariableFacts {
        resolve(ValueTemplate(text), origin: origin)
    }

    func resolve(_ value: ValueTemplate, origin: ConstantValue.Origin?) -> VariableFacts {
        let text = value.text
        if let key = value.wholeReferenceKey {
            let facts = facts(key: key)
            if facts.sortedConstants.isEmpty { return facts.mayBeUnknown && !facts.mayBeUnset ? .unknown : VariableFacts(sorted: [ConstantValue(text, origin: origin)]) }
            // A copy keeps the constants' own origins, so findings point where they were written.
            return VariableFacts(sorted: facts.sortedConstants, mayBeUnset: false, mayBeUnknown: facts.mayBeUnset || facts.mayBeUnknown)
        }
        var texts: Set<String> = [text]
        var replaced = false
        for reference in value.references {
            let facts = facts(key: reference.key)
            guard facts.isConstant else { continue }
            texts = Set(texts.flatMap { t in facts.sortedConstants.map { t.replacing(reference.pattern, with: $0.text) } })
            replaced = true
            if texts.count > VariableFacts.limit { return .unknown }
        }
        if !replaced { return VariableFacts(sorted: [ConstantValue(text, origin: origin)]) }
        return VariableFacts(sorted: VariableFacts.sorted(texts.map { ConstantValue($0, origin: origin) }))
    }
}

/// A written value as `resolve` reads it, parsed once: the propagation
/// resolves the same value at every visit of its action.
struct ValueTemplate: Sendable {
    let text: String
    /// The key of the variable when the value is exactly one `{name}`.
    let wholeReferenceKey: String?
    /// Each `{name}` in the value (none when it is a whole reference): the name's key and the text to replace.
    let references: [(key: String, pattern: String)]

    init(_ text: String) {
        self.text = text
        if let name = VariableName.wholeReference(text) {
            wholeReferenceKey = VariableName.key(name)
            references = []
        } else {
            wholeReferenceKey = nil
            references = VariableName.references(in: text).map { (VariableName.key($0.name), "{\($0.name)}") }
        }
    }
}

/// Constant propagation through ASSIGN actions and Snippet assignments: a
/// may-analysis of the constants each variable can hold before each action.
/// Every entry starts with nothing assigned; where chains meet, facts join.
public enum ConstantPropagation {
    public static func run(_ graph: ScriptGraph, snippets: [Int: SnippetProgram]) -> [ConstantEnvironment?] {
        // The worklist visits an action several times; what it does is worked out once.
        let steps = graph.actions.indices.map { Step(graph.actions[$0], index: $0, snippet: snippets[$0]) }
        return Dataflow.forward(
            graph, entries: graph.entries, initial: ConstantEnvironment(),
            merge: { $0.formJoin($1) },
            transfer: { index, env in steps[index].apply(to: env) })
    }

    /// What one action does to the environment: an ASSIGN, a Snippet's
    /// statements, or nothing, with names already turned into keys and
    /// values parsed.
    enum Step: Sendable {
        case nothing
        case assign(key: String, value: ValueTemplate, origin: ConstantValue.Origin)
        case snippet([Statement])

        init(_ action: StudioAction, index: Int, snippet: SnippetProgram?) {
            switch action.type {
            case "ASSIGN":
                guard let variable = action.property("Variable"), let value = action.property("Value"),
                      let position = action.properties.firstIndex(where: { $0.name == "Value" }) else { self = .nothing; return }
                // The key is trimmed already: no second trim of the name.
                let key = VariableName.key(variable.value)
                guard !key.isEmpty else { self = .nothing; return }
                let origin = ConstantValue.Origin(action: index, property: position, utf8Range: 0..<value.value.utf8.count)
                self = .assign(key: key, value: ValueTemplate(value.value), origin: origin)
            case "SNIPPET":
                guard let snippet, let position = action.properties.firstIndex(where: { $0.name == "Data" }) else { self = .nothing; return }
                self = .snippet(Statement.compile(snippet.statements, action: index, property: position))
            default:
                self = .nothing
            }
        }

        func apply(to env: ConstantEnvironment) -> ConstantEnvironment {
            switch self {
            case .nothing:
                return env
            case .assign(let key, let value, let origin):
                var env = env
                env.set(key: key, env.resolve(value, origin: origin))
                return env
            case .snippet(let statements):
                return Statement.execute(statements, env)
            }
        }
    }

    /// A Snippet statement as the propagation replays it.
    indirect enum Statement: Sendable {
        case assign(key: String, Value)
        case ifBlock(then: [Statement], else: [Statement])
        /// `hasDefault`: some path runs one of the cases; else the subject may match none.
        case switchBlock(hasDefault: Bool, cases: [[Statement]])
        case block([Statement])

        enum Value: Sendable {
            case resolved(ValueTemplate, origin: ConstantValue.Origin?)
            case facts(VariableFacts)
        }

        static func compile(_ statements: [SnippetStatement], action: Int, property: Int) -> [Statement] {
            statements.compactMap { statement -> Statement? in
                switch statement {
                case .assign(let a):
                    return .assign(key: VariableName.key(a.name), value(of: a, action: action, property: property))
                case .ifBlock(_, let then, let otherwise):
                    return .ifBlock(then: compile(then, action: action, property: property), else: compile(otherwise, action: action, property: property))
                case .switchBlock(_, let cases):
                    return .switchBlock(hasDefault: cases.contains { $0.value == nil }, cases: cases.map { compile($0.body, action: action, property: property) })
                case .block(let body):
                    return .block(compile(body, action: action, property: property))
                case .other:
                    return nil
                }
            }
        }

        static func value(of a: SnippetAssignment, action: Int, property: Int) -> Value {
            switch a.value {
            case .string(let text, let offset, let length):
                return .resolved(ValueTemplate(text), origin: ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + length)))
            case .number(let text, let offset):
                let origin = ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + text.utf8.count))
                return .facts(VariableFacts(sorted: [ConstantValue(text, origin: origin)]))
            case .variable(let name):
                return .resolved(ValueTemplate("{\(name)}"), origin: nil)
            case .expression:
                return .facts(.unknown)
            }
        }

        static func execute(_ statements: [Statement], _ start: ConstantEnvironment) -> ConstantEnvironment {
            var env = start
            for statement in statements {
                switch statement {
                case .assign(let key, .resolved(let template, let origin)):
                    env.set(key: key, env.resolve(template, origin: origin))
                case .assign(let key, .facts(let facts)):
                    env.set(key: key, facts)
                case .ifBlock(let then, let otherwise):
                    env = execute(then, env).joined(with: execute(otherwise, env))
                case .switchBlock(let hasDefault, let cases):
                    var merged = hasDefault ? nil : env
                    for body in cases {
                        let after = execute(body, env)
                        merged = merged.map { $0.joined(with: after) } ?? after
                    }
                    env = merged ?? env
                case .block(let body):
                    env = env.joined(with: execute(body, env))
                }
            }
            return env
        }
    }
}
