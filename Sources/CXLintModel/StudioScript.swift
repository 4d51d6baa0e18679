import CXLintSyntax

/// A CXone Studio script, from desktop XML or web JSON, as one graph model.
public struct StudioScript: Sendable {
    public enum Format: String, Sendable {
        case desktopXML = "desktop Studio XML"
        case webJSON = "web Studio JSON"
    }

    public var file: SourceID
    public var format: Format
    public var name: String?
    /// The script's path in the Studio folder tree (`Watson\\WatsonPhone`), when the export gives it.
    public var path: String?
    /// The media type as the export writes it (`Phone`, `4`, `call`, `Chat`, `3`); nil when it gives none.
    public var mediaType: String?
    /// Actions in source order.
    public var actions: [StudioAction]
    /// ActionID → index into `actions` (the first action when an ID repeats).
    public var indexByID: [Int: Int]

    public init(file: SourceID, format: Format, name: String?, actions: [StudioAction], path: String? = nil, mediaType: String? = nil) {
        self.file = file
        self.format = format
        self.name = name
        self.path = path
        self.mediaType = mediaType
        self.actions = actions
        var index: [Int: Int] = [:]
        // By index: only the ID is read, so no action is copied.
        for i in actions.indices where index[actions[i].id] == nil { index[actions[i].id] = i }
        self.indexByID = index
    }

    public func action(id: Int) -> StudioAction? {
        indexByID[id].map { actions[$0] }
    }

    public func actions(ofType type: String) -> [StudioAction] {
        actions.filter { $0.type == type }
    }
}

public struct StudioAction: Sendable {
    public var id: Int
    /// Upper-cased action type, e.g. `SIPPUTHEADER`.
    public var type: String
    public var caption: String?
    /// The whole action.
    public var range: SourceRange
    /// Where the action's type is written (the `<Action>` text or `"name"` value).
    public var typeRange: SourceRange
    public var properties: [StudioProperty]
    public var branches: [StudioBranch]
    /// Where Studio draws the action on its canvas (desktop `<X>`/`<Y>`, web `x`/`y`); nil when the export has none.
    public var position: CanvasPosition?

    public init(
        id: Int, type: String, caption: String?, range: SourceRange, typeRange: SourceRange,
        properties: [StudioProperty], branches: [StudioBranch], position: CanvasPosition? = nil
    ) {
        self.id = id
        self.type = type
        self.caption = caption
        self.range = range
        self.typeRange = typeRange
        self.properties = properties
        self.branches = branches
        self.position = position
    }

    public func property(_ name: String) -> StudioProperty? {
        properties.first { $0.name == name }
    }

    /// `IF "Check DNIS"` or `PLACECALL` when it has no caption: how messages name an action.
    public var displayName: String {
        if let caption, !caption.isEmpty, caption.uppercased() != type { return "\(type) \"\(caption)\"" }
        return type
    }
}

/// A point on Studio's canvas, in its pixels (y grows downwards).
public struct CanvasPosition: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A coordinate as a script writes it. Studio writes whole numbers: up to 15 digits
    /// are read as an integer (exact as a `Double`), anything else by `Double(String)`,
    /// whose `strtod` cost about a tenth of loading an action for its two coordinates.
    public static func coordinate(_ text: String) -> Double? {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 else { return Double(text) }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? Double(value) : nil
    }
}

public struct StudioProperty: Sendable {
    /// The catalog name (`HeaderName`), or the index as text when the catalog has none.
    public var name: String
    public var index: Int
    public var value: String
    /// The value's range (its text content in XML, the JSON string in web scripts).
    public var range: SourceRange

    public init(name: String, index: Int, value: String, range: SourceRange) {
        self.name = name
        self.index = index
        self.value = value
        self.range = range
    }
}

public struct StudioBranch: Sendable {
    public enum Kind: String, Sendable {
        /// The default next action.
        case `default`
        /// A named result such as True, False, OnError, OnTimeout.
        case named
        /// A CASE or MENU value.
        case `case`
    }

    public var kind: Kind
    public var label: String
    /// The target ActionID; nil when not connected (0 or missing).
    public var target: Int?
    /// Where the target is written.
    public var range: SourceRange

    public init(kind: Kind, label: String, target: Int?, range: SourceRange) {
        self.kind = kind
        self.label = label
        self.target = target
        self.range = range
    }
}
