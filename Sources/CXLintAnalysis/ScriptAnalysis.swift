import CXLintModel
import CXLintSyntax

/// Everything the dataflow rules ask about one script, computed once:
/// parsed Snippets and IF Expressions, constant facts, and small syntactic
/// questions (what an action assigns, tests, saves).
public struct ScriptAnalysis: Sendable {
    public let graph: ScriptGraph
    /// The script's file, for mapping offsets inside values to positions; nil when not loaded from one.
    public let source: SourceFile?
    /// SNIPPET action index → its parsed Data.
    public let snippets: [Int: SnippetProgram]
    /// IF action index → its parsed Expression.
    public let conditions: [Int: Condition]
    /// Constants each variable can hold before each action (nil: unreachable).
    public let constants: [ConstantEnvironment?]
    /// Per action, the variables it assigns and the copies it makes, worked
    /// out once: rules ask at every visit of their dataflow walks.
    let assigned: [[String]]
    let copyLists: [[(target: String, source: String)]]
    /// The variables that hold a copy of p1 (or SP1) through any chain of ASSIGN and
    /// Snippet copies: `copies(of: signalParameterOne)`, which several rules ask for.
    public let sessionKeyCopies: [String]

    public init(_ graph: ScriptGraph, source: SourceFile?) {
        self.graph = graph
        self.source = source
        var snippets: [Int: SnippetProgram] = [:]
        var conditions: [Int: Condition] = [:]
        let actions = graph.actions
        var assigned = [[String]](repeating: [], count: actions.count)
        var copyLists = [[(target: String, source: String)]](repeating: [], count: actions.count)
        for index in actions.indices {
            let type = actions[index].type
            if type == "SNIPPET", let data = actions[index].property("Data") {
                let program = SnippetProgram(parsing: data.value)
                snippets[index] = program
                let assignments = program.allAssignments
                assigned[index] = assignments.map(\.name)
                copyLists[index] = Self.copies(in: assignments)
            }
            if type == "IF", let expression = actions[index].property("Expression") { conditions[index] = Condition(parsing: expression.value) }
            if type == "ASSIGN" {
                assigned[index] = Self.assignedVariable(actions[index]).map { [$0] } ?? []
                copyLists[index] = Self.copy(actions[index]).map { [$0] } ?? []
            }
        }
        self.snippets = snippets
        self.conditions = conditions
        self.assigned = assigned
        self.copyLists = copyLists
        self.sessionKeyCopies = Self.copies(of: Self.signalParameterOne, in: copyLists)
        self.constants = ConstantPropagation.run(graph, snippets: snippets)
    }

    public var script: StudioScript { graph.script }
    public var actions: [StudioAction] { graph.actions }

    /// Where a constant is written: the exact characters when the file holds
    /// the value in a way that maps back, else the whole property.
    public func range(of origin: ConstantValue.Origin) -> SourceRange {
        let property = actions[origin.action].properties[origin.property]
        if let source, let exact = ValueLocation.range(of: origin.utf8Range, in: property, source: source) { return exact }
        return property.range
    }

    /// Variables an action assigns (ASSIGN's Variable, Snippet assignments).
    public func assignedVariables(at index: Int) -> [String] { assigned[index] }

    /// ASSIGN's Variable, trimmed; nil when blank.
    static func assignedVariable(_ action: StudioAction) -> String? {
        guard let name = action.property("Variable")?.value.trimmingCharacters(in: " \t"), !name.isEmpty else { return nil }
        return name
    }

    /// Variables an action saves `variable` into: `ASSIGN x = {p1}` or Snippet `x = "{p1}"` / `x = p1`.
    public func variablesSaving(_ variable: String, at index: Int) -> [String] {
        copies(at: index).filter { VariableName.same($0.source, variable) }.map(\.target)
    }

    /// Variables an action saves any of `names` into.
    public func variablesSaving(anyOf names: [String], at index: Int) -> [String] {
        copies(at: index).filter { copy in names.contains { VariableName.same(copy.source, $0) } }.map(\.target)
    }

    /// The copies an action makes, `target = {source}`: an ASSIGN whose Value is one
    /// `{name}`, a Snippet assignment of `"{name}"` or of a bare name. Plain variables
    /// and dynamic-data members (`data.key`) alike.
    public func copies(at index: Int) -> [(target: String, source: String)] { copyLists[index] }

    /// An ASSIGN's copy, when its Value is one `{name}`.
    static func copy(_ action: StudioAction) -> (target: String, source: String)? {
        // The value first: most assignments copy nothing, and then the name is never trimmed.
        guard let value = action.property("Value")?.value, let reference = VariableName.wholeReference(value),
              let name = assignedVariable(action) else { return nil }
        return (name, reference)
    }

    /// A Snippet's copies, in source order.
    static func copies(in assignments: [SnippetAssignment]) -> [(target: String, source: String)] {
        assignments.compactMap { a in
            switch a.value {
            case .string(let text, _, _): VariableName.wholeReference(text).map { (a.name, $0) }
            case .variable(let name): (a.name, name)
            default: nil
            }
        }
    }

    /// Every variable that holds a copy of one of `roots`, through any chain of
    /// ASSIGN and Snippet copies anywhere in the script (`hist = "{p1}"`, then
    /// `sessionKey = {hist}`), in first-seen order, the roots excluded. Flow-insensitive:
    /// "the variable that holds p1" is a set of names, not one per action.
    public func copies(of roots: [String]) -> [String] { Self.copies(of: roots, in: copyLists) }

    static func copies(of roots: [String], in copyLists: [[(target: String, source: String)]]) -> [String] {
        let pairs = copyLists.joined().map { (target: $0.target, source: VariableName.key($0.source)) }
        var holding = Set(roots.map { VariableName.key($0) })
        var found: [String] = []
        var changed = true
        // Each round adds a name or stops, so at most one round per copy.
        while changed {
            changed = false
            for pair in pairs where holding.contains(pair.source) && holding.insert(VariableName.key(pair.target)).inserted {
                found.append(pair.target)
                changed = true
            }
        }
        return found
    }

    /// The names under which the integration's p1 reaches a script: `p1` (the
    /// Admin API signal, as IBM's guide reads it, `{p1}`) and `SP1` (NICE's Onsignal
    /// help: "Parameters that are passed from a Signal action will be received as SP1, SP2, ...").
    public static let signalParameterOne = ["p1", "SP1"]

    /// p1 and every variable that holds a copy of it.
    public var sessionKeyNames: [String] { Self.signalParameterOne + sessionKeyCopies }

    /// The conditions an action tests: an IF's Expression, a CASE's cases
    /// (as `variable = value`), a Snippet's IF and SWITCH conditions.
    public func testedConditions(at index: Int) -> [Condition] {
        let action = actions[index]
        switch action.type {
        case "IF": return conditions[index].map { [$0] } ?? []
        case "CASE":
            guard let variable = caseVariable(at: index) else { return [] }
            return action.branches.filter { $0.kind == .case }.map { .compare(.variable(variable), equal: true, .constant(Self.unquoted($0.label))) }
        case "SNIPPET": return snippets[index]?.allConditions ?? []
        default: return []
        }
    }

    /// The variable a CASE action switches on, without braces.
    public func caseVariable(at index: Int) -> String? {
        guard let raw = actions[index].property("Variable")?.value else { return nil }
        let name = VariableName.wholeReference(raw) ?? raw.trimmingCharacters(in: " \t")
        return name.isEmpty ? nil : name
    }

    /// Indices of entry actions of a type (`ONSIGNAL`, `BEGIN`).
    public func entries(ofType type: String) -> [Int] {
        graph.entries.filter { actions[$0].type == type }
    }

    /// Whether any action of one of `types` can run from `start`, and the first such action found.
    public func reaches(from start: Int, types: Set<String>) -> Int? {
        let seen = graph.reachable(from: [start])
        return seen.indices.first { seen[$0] && types.contains(actions[$0].type) }
    }

    /// Where a finding about an action goes: its type.
    public func location(of index: Int) -> SourceRange { actions[index].typeRange }

    static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: " \t")
        if trimmed.count >= 2, let first = trimmed.first, first == trimmed.last, first == "\"" || first == "'" {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
