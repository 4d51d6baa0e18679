import CXLintSyntax

/// IDs of the findings that loading and bundling produce, before any rule runs.
public enum ModelRuleID {
    public static let unknownDocument: RuleID = "unknown-document"
    public static let configSchema: RuleID = "config-schema"
    public static let documentStructure: RuleID = "document-structure"
    public static let bundleIncomplete: RuleID = "bundle-incomplete"
    public static let unreadableFile: RuleID = "unreadable-file"
}
