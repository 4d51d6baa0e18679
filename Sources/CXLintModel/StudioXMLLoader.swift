import CXLintSyntax

/// Loads a desktop Studio export (`<ScriptContainer>`): positional
/// `<Parameters>` named through the catalog, `<DefaultNextAction>`,
/// `<Branches>` and `<Cases>`.
public enum StudioXMLLoader {
    public static func recognizes(_ root: Node) -> Bool {
        root.element?.name == "ScriptContainer"
    }

    public static func load(_ root: Node, file: String, catalog: StudioActionCatalog = .standard) -> (StudioScript, [Diagnostic]) {
        var problems = StructureReport(file: file)
        let name = root.child(named: "LibraryItem")?.element?.attributes.first { $0.name == "Name" }?.value
        guard let actionsNode = root.child(named: "Actions") else {
            problems.add("<ScriptContainer> has no <Actions>; export the script again from Studio", at: root.element?.startTagRange ?? root.range)
            return (StudioScript(file: file, format: .desktopXML, name: name, actions: []), problems.diagnostics)
        }
        var actions: [StudioAction] = []
        for node in actionsNode.childElementNodes where node.element?.name == "ActionStruct" {
            if let action = loadAction(node, catalog: catalog, problems: &problems) { actions.append(action) }
        }
        return (StudioScript(file: file, format: .desktopXML, name: name, actions: actions), problems.diagnostics)
    }

    static func loadAction(_ node: Node, catalog: StudioActionCatalog, problems: inout StructureReport) -> StudioAction? {
        let startTag = node.element?.startTagRange ?? node.range
        guard let idNode = node.child(named: "ActionID"), let id = Int(idNode.textContent.trimmedASCII) else {
            let type = node.child(named: "Action").map { " (\($0.textContent.trimmedASCII))" } ?? ""
            problems.add("<ActionStruct>\(type) has no numeric <ActionID>, so no branch can reach it; restore its ActionID or export the script again from Studio", at: startTag)
            return nil
        }
        guard let typeNode = node.child(named: "Action") else {
            problems.add("action \(id) has no <Action> type", at: startTag)
            return nil
        }
        let type = typeNode.textContent.trimmedASCII.uppercased()
        let caption = node.child(named: "Caption")?.textContent
        let parameters = node.child(named: "Parameters")?.childElementNodes ?? []
        let properties = parameters.enumerated().map { index, parameter in
            StudioProperty(
                name: catalog.propertyName(action: type, index: index) ?? String(index), index: index,
                value: parameter.textContent, range: parameter.textContentRange)
        }
        var branches: [StudioBranch] = []
        if let next = node.child(named: "DefaultNextAction") {
            branches.append(branch(next, kind: .default))
        }
        for child in node.child(named: "Branches")?.childElementNodes ?? [] {
            branches.append(branch(child, kind: .named))
        }
        for child in node.child(named: "Cases")?.childElementNodes ?? [] {
            branches.append(branch(child, kind: .case))
        }
        return StudioAction(
            id: id, type: type, caption: caption, range: node.range, typeRange: typeNode.textContentRange,
            properties: properties, branches: branches)
    }

    static func branch(_ node: Node, kind: StudioBranch.Kind) -> StudioBranch {
        let label = node.child(named: "Text")?.textContent ?? ""
        let targetNode = node.child(named: "ActionID")
        let target = targetNode.flatMap { Int($0.textContent.trimmedASCII) }.flatMap { $0 == 0 ? nil : $0 }
        return StudioBranch(kind: kind, label: label, target: target, range: targetNode?.textContentRange ?? node.range)
    }
}

/// Collects `document-structure` findings for assistant exports and scripts.
struct StructureReport {
    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func add(_ message: String, at range: SourceRange, severity: Severity = .error) {
        diagnostics.append(Diagnostic(rule: ModelRuleID.documentStructure, severity: severity, message: message, file: file, range: range))
    }
}

extension String {
    /// Trims ASCII whitespace, the only kind Studio pads values with.
    var trimmedASCII: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace })!
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    var isASCIIWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
}
