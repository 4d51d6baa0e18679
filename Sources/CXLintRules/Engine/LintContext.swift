import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// Everything a rule may look at for one bundle.
public struct LintContext: Sendable {
    public var bundle: LintBundle
    public var options: LintOptions
    /// Script graphs and other analyses, computed once for all rules.
    public var analysis: BundleAnalysis
    /// Every transfer's custom_data entries, found once for the four rules that read them.
    let customDataEntries: [(export: AssistantExport, transfer: Transfer, entries: [MappingEntry])]
    /// Findings produced while reading the bundle's files, by rule ID, gathered once for
    /// the loading rules (one rule ID each).
    let loadingDiagnosticsByRule: [RuleID: [Diagnostic]]

    public init(bundle: LintBundle, options: LintOptions = LintOptions()) {
        self.bundle = bundle
        self.options = options
        self.analysis = BundleAnalysis(bundle)
        self.customDataEntries = SignalParameter.customDataEntries(in: bundle)
        self.loadingDiagnosticsByRule = Dictionary(grouping: bundle.documents.flatMap(\.diagnostics) + bundle.diagnostics, by: \.rule)
    }

    public var config: IntegrationConfig? { bundle.integration }

    /// The header the integration expects: the config's, else the configured default.
    public var expectedContactIDHeader: String {
        config?.contactIDHeader?.value ?? options.defaultContactIDHeader
    }
}

/// Settings that change what rules conclude, not how findings are shown.
public struct LintOptions: Sendable {
    /// The host of the assistant's agent app page in IBM's guide (`…/loadAgentAppFrame.html`).
    public static let defaultTranscriptHost = "web-chat.global.assistant.watson.appdomain.cloud"

    public var defaultContactIDHeader: String
    /// The host the transcript URL must open (`transcript_host`): a private deployment serves the page elsewhere.
    public var transcriptHost: String

    public init(defaultContactIDHeader: String = IntegrationConfig.defaultContactIDHeader, transcriptHost: String = Self.defaultTranscriptHost) {
        self.defaultContactIDHeader = defaultContactIDHeader
        self.transcriptHost = transcriptHost
    }
}
