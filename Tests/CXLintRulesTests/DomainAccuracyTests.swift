import CXLintAnalysis
import CXLintModel
import CXLintRules
import CXLintSyntax
import XCTest

/// Issue 14's behaviours that a rule example cannot show: severities that
/// differ within one rule, options from .cxlint.yml, and the analysis
/// questions the rules share.
final class DomainAccuracyTests: XCTestCase {
    /// The findings of one rule on an example bundle, with the given options.
    func findings(_ example: RuleExample, _ rule: any Rule, options: LintOptions = LintOptions()) -> [Diagnostic] {
        let (files, _) = ExampleRunner.prepare(example)
        let discovery = Discovery(fileSystem: FileSystem(overlay: files), workingDirectory: ExampleRunner.folder)
        let engine = Engine(rules: [rule], options: options)
        return discovery.discover(["."]).bundles.flatMap { engine.lint($0.bundle) }
    }

    func testPlaintextKeyIDIsAWarningAndTheSecretAnError() {
        let both = ExampleFixtures.bundle(config: ExampleFixtures.config(accessKeyID: "ABCDEF0123456789FAKE", accessKeySecret: "\"fake-0000-secret-not-real\""))
        let found = findings(both, PlaintextSecretRule())
        XCTAssertEqual(found.map { "\($0.range.start.line) \($0.severity)" }.sorted(), ["8 warning", "9 error"])
        XCTAssertFalse(found.first { $0.severity == .warning }?.message.contains("rotate") ?? true, "the ID alone needs no rotation")
    }

    func testAbsentEndpointsAreNotesAndPresentOnesAreCheckedAsBefore() {
        let absent = ExampleFixtures.bundle(config: """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
                access_key_id: ${CXONE_ACCESS_KEY_ID}
                access_key_secret: ${CXONE_ACCESS_KEY_SECRET}

            """)
        XCTAssertEqual(findings(absent, AuthUrlRule()).map(\.severity), [.note])
        XCTAssertEqual(findings(absent, ApiUrlRule()).map(\.severity), [.note])
        let http = ExampleFixtures.bundle(config: ExampleFixtures.config(
            authURL: "http://na1.nice-incontact.com/authentication/v1/token/access-key",
            apiURL: "http://api-na1.niceincontact.com/inContactAPI/services/v30.0/"))
        XCTAssertEqual(findings(http, AuthUrlRule()).map(\.severity), [.error])
        XCTAssertEqual(findings(http, ApiUrlRule()).map(\.severity), [.error])
    }

    func testAgentTranscriptMissingIsANote() {
        XCTAssertEqual(AgentTranscriptMissingRule.description.severity, .note)
        XCTAssertEqual(OnreleaseAfterHangupRule.description.severity, .warning)
        XCTAssertEqual(MediaAfterOnreleaseRule.description.severity, .error)
    }

    func testParenthesesInTheConfigNumberAreFixedToE164() throws {
        let example = ExampleFixtures.bundle(config: ExampleFixtures.config(phoneNumber: "\"+1 (958) 555-0123\""))
        let finding = try XCTUnwrap(findings(example, PhoneNumberFormatRule()).first)
        XCTAssertEqual(finding.severity, .error)
        XCTAssertTrue(finding.message.contains("parentheses"), finding.message)
        XCTAssertEqual(finding.fixes.first?.edits.map(\.replacement), ["\"+19585550123\""])
    }

    func testHeaderWithoutXPrefixSuggestsTheXName() throws {
        let example = ExampleFixtures.bundle(config: ExampleFixtures.config(header: "P-Contact-ID"))
        let finding = try XCTUnwrap(findings(example, ContactIdHeaderSyntaxRule()).first)
        XCTAssertTrue(finding.message.contains("name it X-Contact-ID"), finding.message)
    }

    // MARK: - The transcript page and its host

    static let privateURL = "https://web-chat.example.com/loadAgentAppFrame.html?session_history_key={sessionKey}"

    func privateDeployment() -> RuleExample {
        ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", Self.privateURL], next: 22),
        ]))
    }

    func testAPrivateHostPassesOnlyWhenConfigured() throws {
        let byDefault = findings(privateDeployment(), TranscriptUrlMalformedRule())
        XCTAssertEqual(byDefault.count, 1)
        XCTAssertTrue(byDefault[0].message.contains("is not on web-chat.global.assistant.watson.appdomain.cloud"), byDefault[0].message)
        XCTAssertEqual(findings(privateDeployment(), TranscriptUrlMalformedRule(), options: LintOptions(transcriptHost: "web-chat.example.com")).count, 0)
        // The configured host replaces the default one.
        XCTAssertEqual(findings(ExampleFixtures.bundle(), TranscriptUrlMalformedRule(), options: LintOptions(transcriptHost: "web-chat.example.com")).count, 1)
    }

    func testIntranetPageOverHTTPSaysEverythingThatIsWrong() throws {
        let example = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            21: ExampleFixtures.action(21, "ASSIGN", parameters: ["watson_url", "http://intranet.example.com/transcript?session_history_key={sessionKey}"], next: 22),
        ]))
        let finding = try XCTUnwrap(findings(example, TranscriptUrlMalformedRule()).first)
        for part in ["uses http://, not https", "is not on web-chat.global", "does not open the assistant's agent app page loadAgentAppFrame.html"] {
            XCTAssertTrue(finding.message.contains(part), finding.message)
        }
        XCTAssertFalse(finding.message.contains("lacks"), "the key is right")
    }

    func testTranscriptHostIsReadFromTheConfigFile() {
        let (configuration, problems) = ConfigurationLoader.load(
            SourceFile(id: SourceID(path: ".cxlint.yml"), text: "transcript_host: web-chat.example.com\n"), directory: "/")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(configuration.options.transcriptHost, "web-chat.example.com")
        XCTAssertEqual(LintConfiguration.none.options.transcriptHost, LintOptions.defaultTranscriptHost)
        let (_, wrong) = ConfigurationLoader.load(
            SourceFile(id: SourceID(path: ".cxlint.yml"), text: "transcript_host: https://web-chat.example.com/\n"), directory: "/")
        XCTAssertEqual(wrong.map { "\($0.range.start.line):\($0.range.start.column)" }, ["1:18"])
        XCTAssertTrue(wrong.first?.message.contains("without scheme or path") ?? false)
    }

    // MARK: - Analysis

    func testCopiesOfP1FormASetOfNames() {
        typealias T = AnalysisTestSupport
        let analysis = T.analysis([
            T.a(1, "ONSIGNAL", next: 2),
            T.a(2, "SNIPPET", ["ASSIGN hist = \"{SP1}\"&#xA;data.key = hist", ""], next: 3),
            T.a(3, "ASSIGN", ["sessionKey", "{data.key}"], next: 4),
            T.a(4, "ASSIGN", ["other", "{topic}"]),
        ])
        XCTAssertEqual(analysis.copies(of: ScriptAnalysis.signalParameterOne), ["hist", "data.key", "sessionKey"])
        XCTAssertEqual(analysis.sessionKeyNames, ["p1", "SP1", "hist", "data.key", "sessionKey"])
        // Worked out once per script; the per-action answers are the same as asked one by one.
        XCTAssertEqual(analysis.sessionKeyCopies, ["hist", "data.key", "sessionKey"])
        XCTAssertEqual(analysis.copies(of: ["topic"]), ["other"])
        XCTAssertEqual(analysis.copies(at: 1).map { "\($0.target)=\($0.source)" }, ["hist=SP1", "data.key=hist"])
        XCTAssertEqual(analysis.copies(at: 2).map { "\($0.target)=\($0.source)" }, ["sessionKey=data.key"])
        XCTAssertEqual(analysis.assignedVariables(at: 1), ["hist", "data.key"])
        XCTAssertEqual(analysis.assignedVariables(at: 3), ["other"])
        XCTAssertEqual(analysis.assignedVariables(at: 0), [])
    }

    func testOnlyThePlacecallsAfterTheContactIDHeaderCallTheAssistant() {
        let example = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550123", "", "60", ""], next: 4, branches: [("OnBusy", 40)]),
            40: ExampleFixtures.action(40, "PLACECALL", caption: "Overflow IVR", parameters: ["+18005550100", "", "60", ""], next: 4),
        ]))
        XCTAssertEqual(findings(example, PhoneNumberMismatchRule()), [])
        // Without the Contact ID header, two Placecalls leave no way to tell which calls the assistant.
        let noHeader = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            1: ExampleFixtures.action(1, "BEGIN", next: 3),
            2: "",
            3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550199", "", "60", ""], next: 4, branches: [("OnBusy", 40)]),
            40: ExampleFixtures.action(40, "PLACECALL", caption: "Overflow IVR", parameters: ["+18005550100", "", "60", ""], next: 4),
        ]))
        XCTAssertEqual(findings(noHeader, PhoneNumberMismatchRule()), [])
        // With only one Placecall, that one is the assistant's.
        let single = ExampleFixtures.bundle(script: ExampleFixtures.script(replacing: [
            1: ExampleFixtures.action(1, "BEGIN", next: 3),
            2: "",
            3: ExampleFixtures.action(3, "PLACECALL", caption: "Call assistant", parameters: ["+19585550199", "", "60", ""], next: 4),
        ]))
        XCTAssertEqual(findings(single, PhoneNumberMismatchRule()).count, 1)
    }

    func testEventActionsFromCXoneHelpStartChains() {
        typealias T = AnalysisTestSupport
        let analysis = T.analysis([
            T.a(1, "BEGIN", next: 2),
            T.a(2, "END"),
            T.a(3, "ONHOLD", next: 4),
            T.a(4, "ASSIGN", ["held", "true"]),
            T.a(5, "ONABANDON"),
            T.a(6, "ONDATA"),
        ])
        XCTAssertEqual(analysis.graph.entries.map { analysis.actions[$0].id }, [1, 3, 5, 6])
    }
}
