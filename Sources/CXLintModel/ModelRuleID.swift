/// IDs of the findings that loading and bundling produce, before any rule runs.
public enum ModelRuleID {
    public static let unknownDocument = "unknown-document"
    public static let configSchema = "config-schema"
    public static let documentStructure = "document-structure"
    public static let bundleIncomplete = "bundle-incomplete"
    public static let unreadableFile = "unreadable-file"
}
