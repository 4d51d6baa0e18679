import CXLintSyntax

/// Turns a parsed config document into an `IntegrationConfig`, reporting
/// `config-schema` findings (unknown keys with a did-you-mean, wrong types,
/// missing required settings) at the offending node. Mirrors
/// Schemas/phone-integration.schema.json.
public enum IntegrationConfigLoader {
    public static let rootKey = "phone_integration"
    static let topLevelKeys = [rootKey, "assistant", "scripts", "$schema"]
    static let integrationKeys = ["phone_number", "phone_numbers", "contact_center"]
    static let contactCenterKeys = [
        "type", "authentication_url", "api_url", "contact_id_header", "access_key_id", "access_key_secret",
    ]

    /// Whether a document is a phone integration config (detection by content).
    public static func recognizes(_ root: Node) -> Bool {
        root.entry(rootKey) != nil
    }

    public static func load(_ root: Node, file: SourceID) -> (IntegrationConfig, [Diagnostic]) {
        var report = SchemaReport(file: file)
        guard let rootEntry = root.entry(rootKey) else {
            report.add("the file has no \"\(rootKey)\" key", at: root.range)
            return (IntegrationConfig(file: file, rootKeyRange: root.range), report.diagnostics)
        }
        var config = IntegrationConfig(file: file, rootKeyRange: rootEntry.key.range)
        report.checkKeys(of: root, allowed: topLevelKeys, context: "the top level")

        if let assistant = root.entry("assistant") {
            config.assistantPath = report.string(assistant)
        }
        if let scripts = root.entry("scripts") {
            config.scriptPaths = report.stringList(scripts)
        }

        let integration = rootEntry.value
        guard integration.mappingEntries != nil else {
            report.add("\"\(rootKey)\" must be a mapping of settings, found \(integration.kindDescription)", at: integration.range)
            return (config, report.diagnostics)
        }
        report.checkKeys(of: integration, allowed: integrationKeys, context: "\"\(rootKey)\"")
        config.phoneNumbers = loadPhoneNumbers(integration, rootEntry: rootEntry, report: &report)

        guard let centerEntry = integration.entry("contact_center") else {
            report.add("\"\(rootKey)\" has no \"contact_center\" settings; add them with type: nice_cxone", at: rootEntry.key.range)
            return (config, report.diagnostics)
        }
        config.contactCenterKeyRange = centerEntry.key.range
        let center = centerEntry.value
        guard center.mappingEntries != nil else {
            report.add("\"contact_center\" must be a mapping of settings, found \(center.kindDescription)", at: center.range)
            return (config, report.diagnostics)
        }
        report.checkKeys(of: center, allowed: contactCenterKeys, context: "\"contact_center\"")
        config.contactCenterType = center.entry("type").flatMap { report.string($0) }
        if config.contactCenterType == nil, center.entry("type") == nil {
            report.add("\"contact_center\" has no \"type\"; set it to nice_cxone", at: centerEntry.key.range)
        }
        config.authenticationURL = center.entry("authentication_url").flatMap { report.string($0) }
        config.apiURL = center.entry("api_url").flatMap { report.string($0) }
        config.contactIDHeader = center.entry("contact_id_header").flatMap { report.string($0) }
        config.accessKeyID = center.entry("access_key_id").flatMap { report.credential($0) }
        config.accessKeySecret = center.entry("access_key_secret").flatMap { report.credential($0) }
        for key in ["access_key_id", "access_key_secret"] where center.entry(key) == nil {
            report.add("\"contact_center\" has no \"\(key)\"; add it as a ${VARIABLE} reference to the CXone access key", at: centerEntry.key.range)
        }
        return (config, report.diagnostics)
    }

    static func loadPhoneNumbers(_ integration: Node, rootEntry: MappingEntry, report: inout SchemaReport) -> [Located<String>] {
        let single = integration.entry("phone_number")
        let list = integration.entry("phone_numbers")
        switch (single, list) {
        case (nil, nil):
            report.add("\"\(rootKey)\" has no \"phone_number\"; add the number allocated for the integration", at: rootEntry.key.range)
            return []
        case (let single?, let list?):
            report.add("use either \"phone_number\" or \"phone_numbers\", not both", at: list.key.range)
            return (report.phoneNumber(single).map { [$0] } ?? []) + report.phoneNumberList(list)
        case (let single?, nil):
            return report.phoneNumber(single).map { [$0] } ?? []
        case (nil, let list?):
            return report.phoneNumberList(list)
        }
    }
}

/// Collects `config-schema` findings while reading typed values.
struct SchemaReport {
    let file: SourceID
    var diagnostics: [Diagnostic] = []

    mutating func add(_ message: String, at range: SourceRange, fixes: [Fix] = []) {
        diagnostics.append(Diagnostic(rule: ModelRuleID.configSchema, severity: .error, message: message, file: file, range: range, fixes: fixes))
    }

    mutating func checkKeys(of mapping: Node, allowed: [String], context: String) {
        for entry in mapping.mappingEntries ?? [] where !allowed.contains(entry.keyText) {
            guard let suggestion = DidYouMean.suggestion(for: entry.keyText, among: allowed) else {
                add("unknown key \"\(entry.keyText)\" in \(context)", at: entry.key.range)
                continue
            }
            // A misspelt key is renamed in place, its quoting kept; a key already there is not duplicated.
            let taken = mapping.mappingEntries?.contains { $0.keyText == suggestion } ?? false
            let fixes = taken ? [] : [Fix(title: "Rename to \(suggestion)", edits: [
                TextEdit.replacingScalar(entry.keyText, at: entry.key.range, with: suggestion, file: file),
            ])]
            add("unknown key \"\(entry.keyText)\" in \(context); did you mean \"\(suggestion)\"?", at: entry.key.range, fixes: fixes)
        }
    }

    mutating func string(_ entry: MappingEntry) -> Located<String>? {
        if let text = entry.value.stringValue { return Located(text, entry.value.range) }
        add("\"\(entry.keyText)\" must be a string, found \(entry.value.kindDescription)", at: entry.value.range)
        return nil
    }

    mutating func credential(_ entry: MappingEntry) -> Located<Credential>? {
        // A number or boolean is still a literal credential: classify its text, never keep it.
        if let text = entry.value.scalarText ?? (entry.value.scalar?.kind == .bool ? entry.value.scalar?.text : nil) {
            return Located(Credential.classify(text), entry.value.range)
        }
        add("\"\(entry.keyText)\" must be a ${VARIABLE} reference, found \(entry.value.kindDescription)", at: entry.value.range)
        return nil
    }

    mutating func stringList(_ entry: MappingEntry) -> [Located<String>] {
        guard let items = entry.value.sequenceItems else {
            add("\"\(entry.keyText)\" must be a list of paths, found \(entry.value.kindDescription)", at: entry.value.range)
            return []
        }
        return items.compactMap { item in
            if let text = item.stringValue { return Located(text, item.range) }
            add("each entry of \"\(entry.keyText)\" must be a string, found \(item.kindDescription)", at: item.range)
            return nil
        }
    }

    mutating func phoneNumber(_ entry: MappingEntry) -> Located<String>? {
        phoneNumber(entry.value, key: entry.keyText)
    }

    mutating func phoneNumber(_ node: Node, key: String) -> Located<String>? {
        if let text = node.scalarText { return Located(text, node.range) }
        add("\"\(key)\" must be a phone number string, found \(node.kindDescription)", at: node.range)
        return nil
    }

    mutating func phoneNumberList(_ entry: MappingEntry) -> [Located<String>] {
        guard let items = entry.value.sequenceItems else {
            add("\"phone_numbers\" must be a list of phone numbers, found \(entry.value.kindDescription)", at: entry.value.range)
            return []
        }
        if items.isEmpty { add("\"phone_numbers\" is empty; list the numbers allocated for the integration", at: entry.value.range) }
        return items.compactMap { phoneNumber($0, key: "phone_numbers") }
    }
}
