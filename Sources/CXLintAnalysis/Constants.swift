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

    /// The constants, sorted by `ConstantValue.compare` without repeats, so
    /// equal sets are equal arrays. (The propagation itself works on
    /// `InternedFacts`; these are what rules read.)
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

    static func sorted(_ constants: some Sequence<ConstantValue>) -> [ConstantValue] {
        constants.sorted { ConstantValue.compare($0, $1) < 0 }
    }
}

/// Variables (by `VariableName.key`) → facts, before an action runs. A
/// variable absent from the map is unassigned on every path.
///
/// Holds the propagation's interned facts and its script's table, shared by
/// every environment of the script: a rule's question turns only the facts
/// it asks about back into `ConstantValue`s.
public struct ConstantEnvironment: Sendable, Hashable {
    let table: SharedConstantTable
    let facts: InternedEnvironment

    init(table: SharedConstantTable, facts: InternedEnvironment) {
        self.table = table
        self.facts = facts
    }

    public init() { self.init(table: .empty, facts: InternedEnvironment()) }

    public var variables: [String: VariableFacts] {
        get { Dictionary(uniqueKeysWithValues: facts.entries.map { (table.table.keys[Int($0.key)], table.table.values(of: $0.facts)) }) }
        set { self = Self(newValue) }
    }

    /// An environment holding `variables`, with a table of its own.
    init(_ variables: [String: VariableFacts]) {
        var table = ConstantTable()
        var facts = InternedEnvironment()
        for (key, value) in variables { facts.set(table.id(ofKey: key), table.id(of: value)) }
        self.init(table: SharedConstantTable(table), facts: facts)
    }

    public func facts(of name: String) -> VariableFacts { facts(key: VariableName.key(name)) }

    func facts(key: String) -> VariableFacts {
        guard let id = table.table.existingID(ofKey: key) else { return .unset }
        return table.table.values(of: facts.facts(of: id))
    }

    /// The same variables with the same facts, whichever tables number them.
    public static func == (lhs: ConstantEnvironment, rhs: ConstantEnvironment) -> Bool {
        lhs.table === rhs.table ? lhs.facts == rhs.facts : lhs.variables == rhs.variables
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(variables) }

    /// The values a written value can take: `{name}` references replaced by the
    /// referenced constants when only constants can arrive, kept as written
    /// otherwise (a system variable such as `{ContactId}`, or one set in another
    /// event chain, stays symbolic).
    public func resolve(_ text: String, origin: ConstantValue.Origin?) -> VariableFacts {
        let value = ValueTemplate(text)
        let asWritten = VariableFacts(sorted: [ConstantValue(text, origin: origin)])
        if let key = value.wholeReferenceKey {
            let facts = facts(key: key)
            if facts.sortedConstants.isEmpty { return facts.mayBeUnknown && !facts.mayBeUnset ? .unknown : asWritten }
            // A copy keeps the constants' own origins, so findings point where they were written.
            return VariableFacts(sorted: facts.sortedConstants, mayBeUnset: false, mayBeUnknown: facts.mayBeUnset || facts.mayBeUnknown)
        }
        let substituted = value.substituted { reference in
            let facts = facts(key: value.references[reference].key)
            return facts.isConstant ? facts.sortedConstants.map(\.text) : nil
        }
        guard let substituted else { return .unknown }
        if !substituted.replaced { return asWritten }
        return VariableFacts(sorted: VariableFacts.sorted(substituted.texts.map { ConstantValue($0, origin: origin) }))
    }
}

/// A script's finished `ConstantTable`, one instance shared by all its environments.
final class SharedConstantTable: Sendable {
    let table: ConstantTable

    init(_ table: ConstantTable) { self.table = table }

    static let empty = SharedConstantTable(ConstantTable())
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

    /// The texts the value can take when each reference whose variable holds
    /// only constants (`constantTexts(index)` not nil) is replaced by each of
    /// them, in every combination; `replaced` is false when none was. Nil
    /// past `VariableFacts.limit` texts: the value is unknown. Both spellings
    /// of the facts share this, so they cannot disagree.
    func substituted(_ constantTexts: (Int) -> [String]?) -> (texts: Set<String>, replaced: Bool)? {
        var texts: Set<String> = [text]
        var replaced = false
        for (index, reference) in references.enumerated() {
            guard let values = constantTexts(index) else { continue }
            texts = Set(texts.flatMap { t in values.map { t.replacing(reference.pattern, with: $0) } })
            replaced = true
            if texts.count > VariableFacts.limit { return nil }
        }
        return (texts, replaced)
    }
}

/// Constant propagation through ASSIGN actions and Snippet assignments: a
/// may-analysis of the constants each variable can hold before each action.
/// Every entry starts with nothing assigned; where chains meet, facts join.
public enum ConstantPropagation {
    public static func run(_ graph: ScriptGraph, snippets: [Int: SnippetProgram]) -> [ConstantEnvironment?] {
        var table = ConstantTable()
        // The worklist visits an action several times; what it does is worked out once.
        let steps = graph.actions.indices.map { Step(graph.actions[$0], index: $0, snippet: snippets[$0], table: &table) }
        let facts = Dataflow.forward(
            graph, entries: graph.entries, initial: InternedEnvironment(),
            merge: { $0.formJoin($1, table: &table) },
            transfer: { index, env in steps[index].apply(to: env, table: &table) })
        let shared = SharedConstantTable(table)
        return facts.map { $0.map { ConstantEnvironment(table: shared, facts: $0) } }
    }

    /// A value an assignment writes, compiled against the script's table:
    /// names are numbers, and the facts of the value as written are ready.
    struct Value: Sendable {
        let template: ValueTemplate
        let origin: ConstantValue.Origin?
        /// The value itself as the one constant: what most values resolve to.
        let asWritten: FactsID
        let wholeReference: VariableID?
        /// Parallel to `template.references`.
        let references: [VariableID]

        init(_ text: String, origin: ConstantValue.Origin?, table: inout ConstantTable) {
            template = ValueTemplate(text)
            self.origin = origin
            asWritten = table.id(ofOnly: ConstantValue(text, origin: origin))
            wholeReference = template.wholeReferenceKey.map { table.id(ofKey: $0) }
            references = template.references.map { table.id(ofKey: $0.key) }
        }

        /// `ConstantEnvironment.resolve` on interned facts; new constants (references replaced) join the table.
        func resolve(in env: InternedEnvironment, table: inout ConstantTable) -> FactsID {
            if let key = wholeReference {
                let id = env.facts(of: key)
                let facts = table.facts[Int(id)]
                if facts.ids.isEmpty { return facts.mayBeUnknown && !facts.mayBeUnset ? ConstantTable.unknown : asWritten }
                // A copy keeps the constants' own origins, so findings point where they were written.
                return table.copied(id)
            }
            if references.isEmpty { return asWritten }
            // Reads the table in place: a copy of its array held while `id(of:)` appends would copy it whole.
            let substituted = template.substituted { reference in
                let facts = table.facts[Int(env.facts(of: references[reference]))]
                return facts.isConstant ? facts.ids.map { table.constants[Int($0)].text } : nil
            }
            guard let substituted else { return ConstantTable.unknown }
            if !substituted.replaced { return asWritten }
            let ids = substituted.texts.map { table.id(of: ConstantValue($0, origin: origin)) }
            return table.id(of: InternedFacts(ids: ids.sorted(), mayBeUnset: false, mayBeUnknown: false))
        }
    }

    /// What one action does to the environment: an ASSIGN, a Snippet's
    /// statements, or nothing, with names already turned into numbers and
    /// values parsed.
    enum Step: Sendable {
        case nothing
        case assign(key: VariableID, value: Value)
        case snippet([Statement])

        init(_ action: StudioAction, index: Int, snippet: SnippetProgram?, table: inout ConstantTable) {
            switch action.type {
            case "ASSIGN":
                guard let variable = action.property("Variable"), let value = action.property("Value"),
                      let position = action.properties.firstIndex(where: { $0.name == "Value" }) else { self = .nothing; return }
                // The key is trimmed already: no second trim of the name.
                let key = VariableName.key(variable.value)
                guard !key.isEmpty else { self = .nothing; return }
                let origin = ConstantValue.Origin(action: index, property: position, utf8Range: 0..<value.value.utf8.count)
                self = .assign(key: table.id(ofKey: key), value: Value(value.value, origin: origin, table: &table))
            case "SNIPPET":
                guard let snippet, let position = action.properties.firstIndex(where: { $0.name == "Data" }) else { self = .nothing; return }
                self = .snippet(Statement.compile(snippet.statements, action: index, property: position, table: &table))
            default:
                self = .nothing
            }
        }

        func apply(to env: InternedEnvironment, table: inout ConstantTable) -> InternedEnvironment {
            switch self {
            case .nothing:
                return env
            case .assign(let key, let value):
                var env = env
                env.set(key, value.resolve(in: env, table: &table))
                return env
            case .snippet(let statements):
                return Statement.execute(statements, env, table: &table)
            }
        }
    }

    /// A Snippet statement as the propagation replays it.
    indirect enum Statement: Sendable {
        case assign(key: VariableID, Assigned)
        case ifBlock(then: [Statement], else: [Statement])
        /// `hasDefault`: some path runs one of the cases; else the subject may match none.
        case switchBlock(hasDefault: Bool, cases: [[Statement]])
        case block([Statement])

        enum Assigned: Sendable {
            case resolved(Value)
            case facts(FactsID)
        }

        static func compile(_ statements: [SnippetStatement], action: Int, property: Int, table: inout ConstantTable) -> [Statement] {
            statements.compactMap { statement -> Statement? in
                switch statement {
                case .assign(let a):
                    let key = table.id(ofKey: VariableName.key(a.name))
                    return .assign(key: key, value(of: a, action: action, property: property, table: &table))
                case .ifBlock(_, let then, let otherwise):
                    return .ifBlock(then: compile(then, action: action, property: property, table: &table),
                                    else: compile(otherwise, action: action, property: property, table: &table))
                case .switchBlock(_, let cases):
                    return .switchBlock(hasDefault: cases.contains { $0.value == nil },
                                        cases: cases.map { compile($0.body, action: action, property: property, table: &table) })
                case .block(let body):
                    return .block(compile(body, action: action, property: property, table: &table))
                case .other:
                    return nil
                }
            }
        }

        static func value(of a: SnippetAssignment, action: Int, property: Int, table: inout ConstantTable) -> Assigned {
            switch a.value {
            case .string(let text, let offset, let length):
                return .resolved(Value(text, origin: ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + length)), table: &table))
            case .number(let text, let offset):
                let origin = ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + text.utf8.count))
                return .facts(table.id(ofOnly: ConstantValue(text, origin: origin)))
            case .variable(let name):
                return .resolved(Value("{\(name)}", origin: nil, table: &table))
            case .expression:
                return .facts(ConstantTable.unknown)
            }
        }

        static func execute(_ statements: [Statement], _ start: InternedEnvironment, table: inout ConstantTable) -> InternedEnvironment {
            var env = start
            for statement in statements {
                switch statement {
                case .assign(let key, .resolved(let value)):
                    env.set(key, value.resolve(in: env, table: &table))
                case .assign(let key, .facts(let facts)):
                    env.set(key, facts)
                case .ifBlock(let then, let otherwise):
                    let then = execute(then, env, table: &table)
                    env = then.joined(with: execute(otherwise, env, table: &table), table: &table)
                case .switchBlock(let hasDefault, let cases):
                    var merged = hasDefault ? nil : env
                    for body in cases {
                        let after = execute(body, env, table: &table)
                        merged = merged.map { $0.joined(with: after, table: &table) } ?? after
                    }
                    env = merged ?? env
                case .block(let body):
                    let after = execute(body, env, table: &table)
                    env = env.joined(with: after, table: &table)
                }
            }
            return env
        }
    }
}
