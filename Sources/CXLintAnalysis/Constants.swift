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
    }

    public var text: String
    public var origin: Origin?

    public init(_ text: String, origin: Origin?) {
        self.text = text
        self.origin = origin
    }
}

/// What one variable can hold where a path arrives: the constants of the
/// assignments that can reach, and whether some path leaves it unassigned
/// or assigns something cxlint cannot evaluate.
public struct VariableFacts: Sendable, Hashable {
    /// Past this many constants the set widens to "unknown", which keeps the lattice finite (loops terminate).
    static let limit = 16

    public var constants: Set<ConstantValue> = []
    public var mayBeUnset = false
    public var mayBeUnknown = false

    public static let unset = VariableFacts(constants: [], mayBeUnset: true, mayBeUnknown: false)
    public static let unknown = VariableFacts(constants: [], mayBeUnset: false, mayBeUnknown: true)

    /// Only constants arrive (at least one).
    public var isConstant: Bool { !constants.isEmpty && !mayBeUnset && !mayBeUnknown }

    func joined(with other: VariableFacts) -> VariableFacts {
        // Paths that met with the same facts (the common case in a loop) need no new set.
        if self == other { return self }
        return VariableFacts(constants: constants.union(other.constants), mayBeUnset: mayBeUnset || other.mayBeUnset,
                      mayBeUnknown: mayBeUnknown || other.mayBeUnknown).widened()
    }

    func widened() -> VariableFacts {
        constants.count > Self.limit ? VariableFacts(constants: [], mayBeUnset: mayBeUnset, mayBeUnknown: true) : self
    }
}

/// Variables (by `VariableName.key`) → facts, before an action runs. A
/// variable absent from the map is unassigned on every path.
public struct ConstantEnvironment: Sendable, Hashable {
    public var variables: [String: VariableFacts] = [:]

    public init() {}

    public func facts(of name: String) -> VariableFacts { variables[VariableName.key(name)] ?? .unset }

    mutating func set(_ name: String, _ facts: VariableFacts) { variables[VariableName.key(name)] = facts }

    /// Every variable of either side, each joined with the other side's facts
    /// (`.unset` where that side lacks it). Starts from this side's dictionary
    /// and only rewrites what changes, instead of building a third one.
    func joined(with other: ConstantEnvironment) -> ConstantEnvironment {
        var result = self
        for (key, facts) in variables where other.variables[key] == nil {
            result.variables[key] = facts.joined(with: .unset)
        }
        for (key, facts) in other.variables {
            guard let mine = variables[key] else {
                result.variables[key] = VariableFacts.unset.joined(with: facts)
                continue
            }
            if mine != facts { result.variables[key] = mine.joined(with: facts) }
        }
        return result
    }

    /// The values a written value can take: `{name}` references replaced by the
    /// referenced constants when only constants can arrive, kept as written
    /// otherwise (a system variable such as `{ContactId}`, or one set in another
    /// event chain, stays symbolic).
    public func resolve(_ text: String, origin: ConstantValue.Origin?) -> VariableFacts {
        if let name = VariableName.wholeReference(text) {
            let facts = facts(of: name)
            if facts.constants.isEmpty { return facts.mayBeUnknown && !facts.mayBeUnset ? .unknown : VariableFacts(constants: [ConstantValue(text, origin: origin)]) }
            // A copy keeps the constants' own origins, so findings point where they were written.
            return VariableFacts(constants: facts.constants, mayBeUnset: false, mayBeUnknown: facts.mayBeUnset || facts.mayBeUnknown)
        }
        var texts: Set<String> = [text]
        for reference in VariableName.references(in: text) {
            let facts = facts(of: reference.name)
            guard facts.isConstant else { continue }
            let pattern = "{\(reference.name)}"
            texts = Set(texts.flatMap { t in facts.constants.map { t.replacing(pattern, with: $0.text) } })
            if texts.count > VariableFacts.limit { return .unknown }
        }
        return VariableFacts(constants: Set(texts.map { ConstantValue($0, origin: origin) }))
    }
}

/// Constant propagation through ASSIGN actions and Snippet assignments: a
/// may-analysis of the constants each variable can hold before each action.
/// Every entry starts with nothing assigned; where chains meet, facts join.
public enum ConstantPropagation {
    public static func run(_ graph: ScriptGraph, snippets: [Int: SnippetProgram]) -> [ConstantEnvironment?] {
        Dataflow.forward(
            graph, entries: graph.entries, initial: ConstantEnvironment(),
            join: { $0.joined(with: $1) },
            transfer: { index, env in transfer(graph.actions[index], index: index, env, snippet: snippets[index]) })
    }

    static func transfer(_ action: StudioAction, index: Int, _ env: ConstantEnvironment, snippet: SnippetProgram?) -> ConstantEnvironment {
        var env = env
        switch action.type {
        case "ASSIGN":
            guard let variable = action.property("Variable"), let value = action.property("Value"),
                  let position = action.properties.firstIndex(where: { $0.name == "Value" }) else { return env }
            let name = variable.value.trimmingCharacters(in: " \t")
            guard !name.isEmpty else { return env }
            let origin = ConstantValue.Origin(action: index, property: position, utf8Range: 0..<value.value.utf8.count)
            env.set(name, env.resolve(value.value, origin: origin))
        case "SNIPPET":
            guard let snippet, let position = action.properties.firstIndex(where: { $0.name == "Data" }) else { return env }
            env = execute(snippet.statements, env, action: index, property: position)
        default:
            break
        }
        return env
    }

    static func execute(_ statements: [SnippetStatement], _ start: ConstantEnvironment, action: Int, property: Int) -> ConstantEnvironment {
        var env = start
        for statement in statements {
            switch statement {
            case .assign(let a):
                env.set(a.name, value(of: a, env, action: action, property: property))
            case .ifBlock(_, let then, let otherwise):
                env = execute(then, env, action: action, property: property).joined(with: execute(otherwise, env, action: action, property: property))
            case .switchBlock(_, let cases):
                var merged = cases.contains { $0.value == nil } ? nil : env
                for c in cases {
                    let after = execute(c.body, env, action: action, property: property)
                    merged = merged.map { $0.joined(with: after) } ?? after
                }
                env = merged ?? env
            case .block(let body):
                env = env.joined(with: execute(body, env, action: action, property: property))
            case .other:
                break
            }
        }
        return env
    }

    static func value(of a: SnippetAssignment, _ env: ConstantEnvironment, action: Int, property: Int) -> VariableFacts {
        switch a.value {
        case .string(let text, let offset, let length):
            return env.resolve(text, origin: ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + length)))
        case .number(let text, let offset):
            return VariableFacts(constants: [ConstantValue(text, origin: ConstantValue.Origin(action: action, property: property, utf8Range: offset..<(offset + text.utf8.count)))])
        case .variable(let name):
            return env.resolve("{\(name)}", origin: nil)
        case .expression:
            return .unknown
        }
    }
}
