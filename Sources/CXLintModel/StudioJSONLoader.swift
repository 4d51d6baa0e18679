import CXLintSyntax

/// Loads a web Studio script: `{header, actions, properties, branches}`,
/// bare or under `scriptContent`.
public enum StudioJSONLoader {
    /// The script object inside a document, if the document is a web Studio script.
    public static func scriptObject(_ root: Node) -> Node? {
        if let wrapped = root["scriptContent"], wrapped.mappingEntries != nil { return scriptObject(wrapped) }
        guard root["actions"]?.mappingEntries != nil else { return nil }
        return root["branches"] != nil || root["properties"] != nil || root["header"] != nil ? root : nil
    }

    public static func recognizes(_ root: Node) -> Bool { scriptObject(root) != nil }

    public static func load(_ root: Node, file: SourceID, catalog: StudioActionCatalog = .standard) -> (StudioScript, [Diagnostic]) {
        var problems = StructureReport(file: file)
        guard let script = scriptObject(root) else {
            problems.add("not a web Studio script: expected \"actions\" with \"branches\" or \"properties\"", at: root.range)
            return (StudioScript(file: file, format: .webJSON, name: nil, actions: []), problems.diagnostics)
        }
        let header = script["header"]
        let name = header?["scriptName"]?.stringValue
        let path = header?["scriptPath"]?.stringValue
        let mediaType = (header?["mediaType"] ?? header?["mediaTypeName"])?.scalar?.text
        // One index per section instead of a search of the section for every action (quadratic in the script).
        let properties = lastEntries(script["properties"])
        let branches = lastEntries(script["branches"])
        var actions: [StudioAction] = []
        for entry in script["actions"]?.mappingEntries ?? [] {
            let key = entry.keyText
            if let action = loadAction(entry, properties: properties[key], branches: branches[key], catalog: catalog, problems: &problems) {
                actions.append(action)
            }
        }
        return (StudioScript(file: file, format: .webJSON, name: name, actions: actions, path: path, mediaType: mediaType), problems.diagnostics)
    }

    /// A mapping's entries by key, the last one where a key repeats (as `Node.entry` answers); empty for other nodes.
    static func lastEntries(_ node: Node?) -> [String: MappingEntry] {
        guard let entries = node?.mappingEntries else { return [:] }
        return Dictionary(entries.map { ($0.keyText, $0) }, uniquingKeysWith: { _, last in last })
    }

    static func loadAction(
        _ entry: MappingEntry, properties: MappingEntry?, branches: MappingEntry?, catalog: StudioActionCatalog,
        problems: inout StructureReport
    ) -> StudioAction? {
        let node = entry.value
        let id = node["actionId"]?.scalar.flatMap { Int($0.text) } ?? Int(entry.keyText)
        guard let id else {
            problems.add("action \"\(entry.keyText)\" has no numeric actionId", at: entry.key.range)
            return nil
        }
        guard let typeNode = node["name"] ?? node["type"], let type = typeNode.stringValue else {
            problems.add("action \(id) has no \"name\" giving its type", at: node.range)
            return nil
        }
        return StudioAction(
            id: id, type: type.uppercased(), caption: node["label"]?.stringValue ?? node["caption"]?.stringValue,
            range: node.range, typeRange: typeNode.range,
            properties: loadProperties(properties?.value, type: type.uppercased(), catalog: catalog),
            branches: loadBranches(branches?.value, problems: &problems), position: position(node))
    }

    /// The action's `x` and `y` when both are numbers.
    static func position(_ node: Node) -> CanvasPosition? {
        guard let x = node["x"]?.scalar.flatMap({ CanvasPosition.coordinate($0.text) }), let y = node["y"]?.scalar.flatMap({ CanvasPosition.coordinate($0.text) }) else { return nil }
        return CanvasPosition(x: x, y: y)
    }

    /// Properties keyed by index: `{"0": {"name": "HeaderName", "value": "X-ContactID"}}`,
    /// or a list in index order. The catalog names a property the file leaves unnamed.
    static func loadProperties(_ node: Node?, type: String, catalog: StudioActionCatalog) -> [StudioProperty] {
        let items: [(Int, Node)]
        if let entries = node?.mappingEntries {
            items = entries.compactMap { entry in Int(entry.keyText).map { ($0, entry.value) } }
        } else if let list = node?.sequenceItems {
            items = Array(list.enumerated())
        } else {
            return []
        }
        return items.sorted { $0.0 < $1.0 }.map { index, property in
            let valueNode = property["value"] ?? property
            let name = property["name"]?.stringValue ?? catalog.propertyName(action: type, index: index) ?? String(index)
            return StudioProperty(name: name, index: index, value: valueNode.scalar?.text ?? "", range: valueNode.range)
        }
    }

    static func loadBranches(_ node: Node?, problems: inout StructureReport) -> [StudioBranch] {
        (node?.sequenceItems ?? []).map { item in
            let kind: StudioBranch.Kind = switch item["type"]?.stringValue?.lowercased() {
            case "branch": .named
            case "case": .case
            default: .default
            }
            let targetNode = item["to"]
            let target = targetNode?.scalar.flatMap { Int($0.text) }.flatMap { $0 == 0 ? nil : $0 }
            return StudioBranch(kind: kind, label: item["label"]?.scalar?.text ?? "", target: target, range: targetNode?.range ?? item.range)
        }
    }
}
