import CXLintSyntax

/// Loads a desktop Studio export (`<ScriptContainer>`): positional
/// `<Parameters>` named through the catalog, `<DefaultNextAction>`,
/// `<Branches>` and `<Cases>`.
public enum StudioXMLLoader {
    public static func recognizes(_ root: Node) -> Bool {
        root.element?.name == "ScriptContainer"
    }

    public static func load(_ root: Node, file: SourceID, catalog: StudioActionCatalog = .standard) -> (StudioScript, [Diagnostic]) {
        var problems = StructureReport(file: file)
        let item = root.child(named: "LibraryItem")?.element
        func attribute(_ key: String) -> String? { item?.attributes.first { $0.name == key }?.value }
        let name = attribute("Name")
        // The media type is written as <MediaType> under the container or as the LibraryItem's attribute.
        let mediaType = root.child(named: "MediaType").map { $0.fastTextContent.trimmedASCII } ?? attribute("MediaType")
        let path = attribute("Path")
        guard let actionsNode = root.child(named: "Actions") else {
            problems.add("<ScriptContainer> has no <Actions>; export the script again from Studio", at: root.element?.startTagRange ?? root.range)
            return (StudioScript(file: file, format: .desktopXML, name: name, actions: [], path: path, mediaType: mediaType), problems.diagnostics)
        }
        var actions: [StudioAction] = []
        for node in actionsNode.childElementNodes where node.element?.name == "ActionStruct" {
            if let action = loadAction(node, catalog: catalog, problems: &problems) { actions.append(action) }
        }
        return (StudioScript(file: file, format: .desktopXML, name: name, actions: actions, path: path, mediaType: mediaType), problems.diagnostics)
    }

    static func loadAction(_ node: Node, catalog: StudioActionCatalog, problems: inout StructureReport) -> StudioAction? {
        let startTag = node.element?.startTagRange ?? node.range
        let parts = ActionParts(node)
        guard let idNode = parts.actionID, let id = Int(idNode.fastTextContent.trimmedASCII) else {
            let type = parts.action.map { " (\($0.fastTextContent.trimmedASCII))" } ?? ""
            problems.add("<ActionStruct>\(type) has no numeric <ActionID>, so no branch can reach it; restore its ActionID or export the script again from Studio", at: startTag)
            return nil
        }
        guard let typeNode = parts.action else {
            problems.add("action \(id) has no <Action> type", at: startTag)
            return nil
        }
        let type = typeNode.fastTextContent.trimmedASCII.uppercased()
        let caption = parts.caption?.fastTextContent
        let parameters = parts.parameters?.childElementNodes ?? []
        // The type's names once, not a catalog lookup per parameter (what `propertyName(action:index:)` answers).
        let names = catalog.entries[type]?.properties ?? []
        let properties = parameters.enumerated().map { index, parameter in
            StudioProperty(
                name: index < names.count ? names[index] : String(index), index: index,
                value: parameter.fastTextContent, range: parameter.fastTextContentRange)
        }
        var branches: [StudioBranch] = []
        if let next = parts.defaultNextAction {
            branches.append(branch(next, kind: .default))
        }
        for child in parts.branches?.childElementNodes ?? [] {
            branches.append(branch(child, kind: .named))
        }
        for child in parts.cases?.childElementNodes ?? [] {
            branches.append(branch(child, kind: .case))
        }
        return StudioAction(
            id: id, type: type, caption: caption, range: node.range, typeRange: typeNode.fastTextContentRange,
            properties: properties, branches: branches, position: parts.position)
    }

    static func branch(_ node: Node, kind: StudioBranch.Kind) -> StudioBranch {
        var (textNode, targetNode): (Node?, Node?)
        if case .element(let element) = node.value {
            // The first <Text> and the first <ActionID>, found in one pass.
            for child in element.children {
                guard case .element(let e) = child.value else { continue }
                if textNode == nil, e.name == "Text" { textNode = child }
                if targetNode == nil, e.name == "ActionID" { targetNode = child }
            }
        }
        let label = textNode?.fastTextContent ?? ""
        let target = targetNode.flatMap { Int($0.fastTextContent.trimmedASCII) }.flatMap { $0 == 0 ? nil : $0 }
        return StudioBranch(kind: kind, label: label, target: target, range: targetNode?.fastTextContentRange ?? node.range)
    }

    /// The child elements of an `<ActionStruct>` the loader reads, each the
    /// first of its name (as `Node.child(named:)` answers), from one pass
    /// over the children instead of one search per name.
    struct ActionParts {
        var actionID, action, caption, parameters, defaultNextAction, branches, cases, x, y: Node?

        /// `<X>` and `<Y>` when both are numbers.
        var position: CanvasPosition? {
            guard let x = x.flatMap({ CanvasPosition.coordinate($0.fastTextContent.trimmedASCII) }),
                  let y = y.flatMap({ CanvasPosition.coordinate($0.fastTextContent.trimmedASCII) }) else { return nil }
            return CanvasPosition(x: x, y: y)
        }

        init(_ node: Node) {
            guard case .element(let element) = node.value else { return }
            for child in element.children {
                guard case .element(let e) = child.value else { continue }
                // The name's length picks the one candidate to compare with.
                let name = e.name
                switch name.utf8.count {
                case 1:
                    if x == nil, name == "X" { x = child }
                    else if y == nil, name == "Y" { y = child }
                case 5: if cases == nil, name == "Cases" { cases = child }
                case 6: if action == nil, name == "Action" { action = child }
                case 7: if caption == nil, name == "Caption" { caption = child }
                case 8:
                    if actionID == nil, name == "ActionID" { actionID = child }
                    else if branches == nil, name == "Branches" { branches = child }
                case 10: if parameters == nil, name == "Parameters" { parameters = child }
                case 17: if defaultNextAction == nil, name == "DefaultNextAction" { defaultNextAction = child }
                default: break
                }
            }
        }
    }
}

extension Node {
    /// `textContent` without building and joining a list for the usual
    /// element of one text child (every value of a Studio export).
    var fastTextContent: String {
        if case .element(let e) = value {
            if e.children.isEmpty { return "" }
            if e.children.count == 1, case .text(let text) = e.children[0].value { return text }
        }
        return textContent
    }

    /// `textContentRange`, likewise without filtering the children when there is at most one.
    var fastTextContentRange: SourceRange {
        if case .element(let e) = value {
            if e.children.isEmpty { return .point(e.startTagRange.end) }
            if e.children.count == 1, case .text = e.children[0].value {
                return SourceRange(start: e.children[0].range.start, end: e.children[0].range.end)
            }
        }
        return textContentRange
    }
}

/// Collects `document-structure` findings for assistant exports and scripts.
struct StructureReport {
    let file: SourceID
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
