import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// Small shared questions of the dataflow script rules.
enum ScriptRuleSupport {
    /// The last path component, as messages name config files.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `phone-integration.yaml:6`, or why the default applies.
    static func expectedHeaderSource(_ context: LintContext) -> String {
        guard let config = context.config else { return "the default; the bundle has no phone integration config" }
        guard let header = config.contactIDHeader else { return "the default; \(fileName(config.file)) has no contact_id_header" }
        return "\(fileName(config.file)):\(header.range.start.line)"
    }

    /// Where a related location for the expected header points: the setting, or the `phone_integration` key.
    static func expectedHeaderRelated(_ context: LintContext) -> [RelatedLocation] {
        guard let config = context.config else { return [] }
        if let header = config.contactIDHeader {
            return [RelatedLocation(file: config.file, range: header.range, message: "the integration's Contact ID header")]
        }
        return [RelatedLocation(file: config.file, range: config.rootKeyRange, message: "no contact_id_header: the integration uses \(context.expectedContactIDHeader)")]
    }

    /// Whether a Sipputheader's value sends the Contact ID variable (`{ContactId}`, names compared per `VariableName`).
    static func sendsContactID(_ action: StudioAction) -> Bool {
        guard let value = action.property("HeaderValue")?.value, let name = VariableName.wholeReference(value) else { return false }
        return VariableName.same(name, "ContactId")
    }

    static func headerName(_ action: StudioAction) -> String? {
        action.property("HeaderName")?.value.trimmingCharacters(in: .whitespaces)
    }

    /// Whether an action is a Sipputheader for the expected header (SIP header names compare ignoring case).
    static func setsHeader(_ action: StudioAction, _ expected: String) -> Bool {
        action.type == "SIPPUTHEADER" && headerName(action)?.lowercased() == expected.lowercased()
    }

    /// Variables the ONSIGNAL chains save p1 into, and the actions that save it.
    static func savedSessionKeyVariables(_ script: ScriptAnalysis) -> [String] {
        var names: [String] = []
        // Keys seen so far, so each name is checked for a repeat in constant time.
        var keys = Set<String>()
        for entry in script.entries(ofType: "ONSIGNAL") {
            let seen = script.graph.reachable(from: [entry])
            for index in seen.indices where seen[index] {
                for name in script.variablesSaving("p1", at: index) where keys.insert(VariableName.key(name)).inserted {
                    names.append(name)
                }
            }
        }
        return names
    }
}
