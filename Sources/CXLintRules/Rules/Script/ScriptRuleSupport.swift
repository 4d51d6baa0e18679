import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// Small shared questions of the dataflow script rules.
enum ScriptRuleSupport {
    /// `phone-integration.yaml:6`, or why the default applies.
    static func expectedHeaderSource(_ context: LintContext) -> String {
        guard let config = context.config else { return "the default; the bundle has no phone integration config" }
        guard let header = config.contactIDHeader else { return "the default; \(config.file.fileName) has no contact_id_header" }
        return "\(config.file.fileName):\(header.range.start.line)"
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
        action.property("HeaderName")?.value.trimmingWhitespace()
    }

    /// Whether an action is a Sipputheader for the expected header (SIP header names compare ignoring case).
    static func setsHeader(_ action: StudioAction, _ expected: String) -> Bool {
        action.type == "SIPPUTHEADER" && headerName(action)?.lowercased() == expected.lowercased()
    }

    /// The Placecalls that call the assistant: those reached from a Sipputheader
    /// that sends {ContactId} with no other Placecall in between; with no such
    /// Sipputheader, the script's only Placecall. Other Placecalls (an overflow
    /// to an IVR on OnBusy) are not the integration's business.
    static func assistantPlacecalls(_ script: ScriptAnalysis) -> [Int] {
        let graph = script.graph
        let headers = graph.indices(ofType: "SIPPUTHEADER").filter { sendsContactID(script.actions[$0]) }
        let placecalls = graph.indices(ofType: "PLACECALL")
        guard !headers.isEmpty else { return placecalls.count == 1 ? placecalls : [] }
        let starts = headers.flatMap { graph.successors[$0].map(\.target) }
        let seen = graph.reachable(from: starts, stoppingAt: { graph.actions[$0].type == "PLACECALL" })
        return placecalls.filter { seen[$0] }
    }
}
