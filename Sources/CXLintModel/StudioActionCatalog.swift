import CXLintSyntax

/// The property catalog of Studio actions (Schemas/studio-actions.json): the
/// names of positional parameters, which actions are entry points, which
/// transfer the contact and which play to or record the caller.
public struct StudioActionCatalog: Sendable {
    public struct Entry: Sendable {
        public var properties: [String]
        public var isEvent: Bool
        public var isEntry: Bool
        public var isTerminal: Bool
        public var isTransfer: Bool = false
        public var isMedia: Bool = false
    }

    public var entries: [String: Entry]

    /// The catalog shipped with cxlint. `StudioActionCatalogData.json` is a
    /// verbatim copy of Schemas/studio-actions.json (a test keeps them equal),
    /// embedded so the binary needs no resource files next to it.
    public static let standard: StudioActionCatalog = {
        let file = SourceFile(id: SourceID(path: "Schemas/studio-actions.json"), text: StudioActionCatalogData.json)
        guard let catalog = StudioActionCatalog(parsing: file) else {
            preconditionFailure("the embedded Studio action catalog does not parse")
        }
        return catalog
    }()

    public init?(parsing file: SourceFile) {
        guard let root = JSONReader.parse(file).root, let actions = root["actions"]?.mappingEntries else { return nil }
        var entries: [String: Entry] = [:]
        for action in actions {
            let names = action.value["properties"]?.sequenceItems?.compactMap(\.stringValue) ?? []
            func flag(_ key: String) -> Bool { action.value[key]?.scalar?.text == "true" }
            entries[action.keyText] = Entry(
                properties: names, isEvent: flag("event"), isEntry: flag("entry"), isTerminal: flag("terminal"),
                isTransfer: flag("transfer"), isMedia: flag("media"))
        }
        self.entries = entries
    }

    /// The name of the property at `index` of an action type, if the catalog knows it.
    public func propertyName(action type: String, index: Int) -> String? {
        guard let names = entries[type]?.properties, index < names.count else { return nil }
        return names[index]
    }

    public func isEvent(_ type: String) -> Bool { entries[type]?.isEvent ?? false }
    public func isEntryPoint(_ type: String) -> Bool { entries[type].map { $0.isEntry || $0.isEvent } ?? false }
    /// Whether the action hands the contact on (Reqagent, Signal).
    public func isTransfer(_ type: String) -> Bool { entries[type]?.isTransfer ?? false }
    /// Whether the action plays to or records the caller (Play, Menu, Record).
    public func isMedia(_ type: String) -> Bool { entries[type]?.isMedia ?? false }
}
