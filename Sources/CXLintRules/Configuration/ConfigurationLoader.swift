import CXLintModel
import CXLintSyntax

/// Finds and reads `.cxlint.yml` with the project's YAML reader, so a mistake
/// in it is reported at its line and column like any input. Mirrors
/// Schemas/cxlint-config.schema.json.
public enum ConfigurationLoader {
    public static let fileNames = [".cxlint.yml", ".cxlint.yaml"]
    /// The ID config problems are reported under; they stop the run (exit 2).
    public static let ruleID: RuleID = "config-file"
    static let topLevelKeys = ["$schema", "rules", "ignore", "overrides", "default_contact_id_header", "transcript_host", "docs_url", "fail_on", "suppress"]
    static let overrideKeys = ["files", "rules"]
    static let suppressKeys = ["file", "pointer", "rule", "reason"]

    /// The nearest config in `directory` or a folder above it, stopping at a repository root.
    public static func find(from directory: String, fileSystem: FileSystem = FileSystem()) -> String? {
        var known: [String: String?] = [:]
        return find(from: directory, fileSystem: fileSystem, known: &known)
    }

    /// `find(from:fileSystem:)` that remembers the answer for every folder it walked
    /// through (each has the same one): bundles side by side share their parents, and
    /// asking again cost three system calls per bundle and folder up to the root.
    public static func find(from directory: String, fileSystem: FileSystem, known: inout [String: String?]) -> String? {
        var folder = directory
        var walked: [String] = []
        for _ in 0..<64 {
            if let answer = known[folder] {
                remember(answer, for: walked, in: &known)
                return answer
            }
            walked.append(folder)
            for name in fileNames {
                let path = folder == "/" ? "/" + name : folder + "/" + name
                if fileSystem.kind(of: path) == .file {
                    remember(path, for: walked, in: &known)
                    return path
                }
            }
            if fileSystem.kind(of: folder + "/.git") != .missing || folder == "/" {
                remember(nil, for: walked, in: &known)
                return nil
            }
            folder = parent(folder)
        }
        return nil
    }

    private static func remember(_ answer: String?, for folders: [String], in known: inout [String: String?]) {
        for folder in folders { known[folder] = .some(answer) }
    }

    static func parent(_ folder: String) -> String {
        guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return "/" }
        return String(folder[..<slash])
    }

    /// Reads a config; the diagnostics are its problems, each at its position.
    public static func load(_ source: SourceFile, directory: String) -> (LintConfiguration, [Diagnostic]) {
        var configuration = LintConfiguration(directory: directory, source: source)
        let parsed = YAMLReader.parse(source)
        var report = Problems(file: source.id)
        report.diagnostics += parsed.diagnostics.map { var d = $0; d.rule = ruleID; d.severity = .error; return d }
        guard let root = parsed.root else { return (configuration, report.diagnostics) }
        if root.scalar?.kind == .null { return (configuration, report.diagnostics) }
        guard root.mappingEntries != nil else {
            report.add("the config must be a mapping of settings, found \(root.kindDescription)", at: root.range)
            return (configuration, report.diagnostics)
        }
        report.checkKeys(of: root, allowed: topLevelKeys, context: "the config")
        if let entry = root.entry("rules") { configuration.rules = report.ruleSettings(entry) }
        if let entry = root.entry("ignore") { configuration.ignore = report.globs(entry) }
        if let entry = root.entry("overrides") { configuration.overrides = report.overrides(entry) }
        if let entry = root.entry("default_contact_id_header") {
            configuration.defaultContactIDHeader = report.string(entry)
        }
        if let entry = root.entry("transcript_host") {
            configuration.transcriptHost = report.host(entry)
        }
        if let entry = root.entry("docs_url") {
            configuration.docsURL = report.string(entry)
        }
        if let entry = root.entry("fail_on") {
            configuration.failOn = report.choice(entry, LintConfiguration.FailOn.self)
        }
        if let entry = root.entry("suppress") { configuration.suppress = report.suppressions(entry) }
        return (configuration, report.diagnostics)
    }

    struct Problems {
        let file: SourceID
        var diagnostics: [Diagnostic] = []

        mutating func add(_ message: String, at range: SourceRange) {
            diagnostics.append(Diagnostic(rule: ruleID, severity: .error, message: message, file: file, range: range))
        }

        mutating func checkKeys(of mapping: Node, allowed: [String], context: String) {
            for entry in mapping.mappingEntries ?? [] where !allowed.contains(entry.keyText) {
                add("unknown key \"\(entry.keyText)\" in \(context)\(DidYouMean.hint(for: entry.keyText, among: allowed))", at: entry.key.range)
            }
        }

        mutating func string(_ entry: MappingEntry) -> String? {
            if let text = entry.value.stringValue, !text.isEmpty { return text }
            add("\"\(entry.keyText)\" must be a non-empty string, found \(entry.value.kindDescription)", at: entry.value.range)
            return nil
        }

        /// A bare host name (`web-chat.example.com`, a port allowed): no scheme, no path.
        mutating func host(_ entry: MappingEntry) -> String? {
            guard let text = string(entry) else { return nil }
            guard !text.contains("/"), !text.contains(" ") else {
                add("\"\(entry.keyText)\" must be a host name such as web-chat.example.com, without scheme or path; found \"\(text)\"", at: entry.value.range)
                return nil
            }
            return text
        }

        mutating func choice<Choice: RawRepresentable & CaseIterable>(_ entry: MappingEntry, _: Choice.Type) -> Choice? where Choice.RawValue == String {
            let names = Choice.allCases.map(\.rawValue)
            // YAML 1.1 readers turn a bare `off` into false; accept it as meant.
            let text = entry.value.scalar.map { $0.kind == .bool && $0.text.lowercased() == "false" ? "off" : $0.text }
            if let text, let value = Choice(rawValue: text) { return value }
            let found = text.map { "\"\($0)\"" } ?? entry.value.kindDescription
            add("\"\(entry.keyText)\" must be one of \(names.joined(separator: ", ")), found \(found)\(DidYouMean.hint(for: text ?? "", among: names))", at: entry.value.range)
            return nil
        }

        mutating func ruleSettings(_ entry: MappingEntry) -> [RuleID: LintConfiguration.RuleSetting] {
            guard let entries = entry.value.mappingEntries else {
                add("\"\(entry.keyText)\" must map rule IDs to off, note, warning or error, found \(entry.value.kindDescription)", at: entry.value.range)
                return [:]
            }
            var settings: [RuleID: LintConfiguration.RuleSetting] = [:]
            for rule in entries where knownRule(rule.keyText, at: rule.key.range) {
                if let setting = choice(rule, LintConfiguration.RuleSetting.self) { settings[RuleID(rule.keyText)] = setting }
            }
            return settings
        }

        mutating func knownRule(_ id: String, at range: SourceRange) -> Bool {
            if RuleCatalog.description(of: RuleID(id)) != nil { return true }
            add("unknown rule \"\(id)\"\(DidYouMeanRuleID.hint(id)); `cxlint rules` lists them", at: range)
            return false
        }

        mutating func globs(_ entry: MappingEntry) -> [Glob] {
            let items = entry.value.sequenceItems ?? (entry.value.stringValue != nil ? [entry.value] : nil)
            guard let items else {
                add("\"\(entry.keyText)\" must be a list of path patterns, found \(entry.value.kindDescription)", at: entry.value.range)
                return []
            }
            return items.compactMap { item in
                if let text = item.stringValue, !text.isEmpty { return Glob(text) }
                add("each entry of \"\(entry.keyText)\" must be a path pattern, found \(item.kindDescription)", at: item.range)
                return nil
            }
        }

        mutating func overrides(_ entry: MappingEntry) -> [LintConfiguration.PathOverride] {
            guard let items = entry.value.sequenceItems else {
                add("\"overrides\" must be a list of {files, rules}, found \(entry.value.kindDescription)", at: entry.value.range)
                return []
            }
            return items.compactMap { item in
                guard item.mappingEntries != nil else {
                    add("each override must be a mapping with \"files\" and \"rules\", found \(item.kindDescription)", at: item.range)
                    return nil
                }
                checkKeys(of: item, allowed: overrideKeys, context: "an override")
                guard let files = item.entry("files"), let rules = item.entry("rules") else {
                    add("an override needs both \"files\" and \"rules\"", at: item.range)
                    return nil
                }
                return LintConfiguration.PathOverride(files: globs(files), rules: ruleSettings(rules))
            }
        }

        mutating func suppressions(_ entry: MappingEntry) -> [LintConfiguration.PointerSuppression] {
            guard let items = entry.value.sequenceItems else {
                add("\"suppress\" must be a list of {file, pointer, rule, reason}, found \(entry.value.kindDescription)", at: entry.value.range)
                return []
            }
            return items.compactMap { item in
                guard item.mappingEntries != nil else {
                    add("each suppression must be a mapping with file, pointer, rule and reason, found \(item.kindDescription)", at: item.range)
                    return nil
                }
                checkKeys(of: item, allowed: suppressKeys, context: "a suppression")
                let missing = suppressKeys.filter { item.entry($0) == nil }
                guard missing.isEmpty else {
                    add("a suppression needs \(missing.map { "\"\($0)\"" }.joined(separator: " and ")); every suppression says why", at: item.range)
                    return nil
                }
                let file = string(item.entry("file")!)
                let rule = string(item.entry("rule")!)
                let reason = string(item.entry("reason")!)
                let pointerEntry = item.entry("pointer")!
                var pointer: JSONPointer?
                if let text = pointerEntry.value.scalar?.text {
                    pointer = JSONPointer(parsing: text)
                    if pointer == nil {
                        add("\"\(text)\" is not a JSON Pointer: it starts with / and escapes ~ and / as ~0 and ~1", at: pointerEntry.value.range)
                    }
                } else {
                    add("\"pointer\" must be a JSON Pointer string, found \(pointerEntry.value.kindDescription)", at: pointerEntry.value.range)
                }
                guard let file, let rule, let reason, let pointer, knownRule(rule, at: item.entry("rule")!.value.range) else { return nil }
                return LintConfiguration.PointerSuppression(file: Glob(file), pointer: pointer, rule: RuleID(rule), reason: reason, range: item.range)
            }
        }
    }
}

/// "did you mean" among the catalog's rule IDs.
public enum DidYouMeanRuleID {
    public static func hint(_ id: RuleID) -> String {
        hint(id.rawValue)
    }

    public static func hint(_ id: String) -> String {
        suggestion(id).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    public static func suggestion(_ id: String) -> String? {
        DidYouMean.suggestion(forID: id, among: RuleCatalog.all.map { $0.description.id.rawValue })
    }
}
