/// Every rule cxlint has, in the order `cxlint rules` lists them. Adding a
/// rule is adding its type here; its examples then run in the test suite.
import CXLintSyntax

public enum RuleCatalog {
    public static let all: [any Rule.Type] = [
        // Loading
        SyntaxErrorRule.self,
        DuplicateKeyRule.self,
        UnknownDocumentRule.self,
        UnreadableFileRule.self,
        ConfigSchemaRule.self,
        DocumentStructureRule.self,
        BundleIncompleteRule.self,
        UnusedSuppressionRule.self,
        SuppressionWithoutReasonRule.self,

        // Config
        PhoneNumberFormatRule.self,
        ContactCenterTypeRule.self,
        AuthUrlRule.self,
        ApiUrlRule.self,
        ContactIdHeaderSyntaxRule.self,
        PlaintextSecretRule.self,

        // Assistant
        CustomDataReservedP1Rule.self,
        CustomDataUnsupportedKeyRule.self,
        CustomDataValueTypeRule.self,
        TransferTargetMissingRule.self,
        TransferMessagesMissingRule.self,
        NoAgentTransferRule.self,

        // Script: the call setup (header and number, dataflow)
        ContactIdHeaderMismatchRule.self,
        ContactIdHeaderValueRule.self,
        PhoneNumberMismatchRule.self,
        SipputheaderBeforePlacecallRule.self,

        // Script: structure and event handlers
        PlacecallMissingRule.self,
        OnsignalMissingRule.self,
        ReqagentMissingRule.self,
        AgentTranscriptMissingRule.self,
        OnreleaseMissingRule.self,
        DuplicateEventHandlerRule.self,
        DanglingBranchRule.self,
        UnreachableActionRule.self,

        // Script: signal, transcript and release handling (dataflow)
        SignalHangupUnhandledRule.self,
        SessionKeyNotSavedRule.self,
        TranscriptUrlMalformedRule.self,
        OnreleaseUnguardedRule.self,
        OnreleaseAfterHangupRule.self,
        MediaAfterOnreleaseRule.self,

        // Bundle (cross-file)
        CustomDataUnusedRule.self,
        SubscriptNotInBundleRule.self,
    ]

    /// The ID of each of `all`, in order.
    public static let ids: [RuleID] = all.map { $0.description.id }

    public static func description(of id: RuleID) -> RuleDescription? {
        descriptions[id]
    }

    /// Every rule's description by ID, made once: the engine asks for each running
    /// rule's causes on every bundle, and a scan of `all` copied a description per rule passed.
    static let descriptions: [RuleID: RuleDescription] = Dictionary(
        all.map { ($0.description.id, $0.description) }, uniquingKeysWith: { first, _ in first })
}
