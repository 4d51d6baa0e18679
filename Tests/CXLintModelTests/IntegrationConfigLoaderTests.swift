import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

final class IntegrationConfigLoaderTests: XCTestCase {
    func config(_ text: String, path: String = "phone-integration.yaml", file: StaticString = #filePath, line: UInt = #line) throws
        -> (IntegrationConfig, [Diagnostic], LoadedDocument)
    {
        let document = try Fixtures.document(text: text, path: path, file: file, line: line)
        let config = try XCTUnwrap(document.config, "not loaded as a config", file: file, line: line)
        // The small configs below leave out the access keys to keep positions short;
        // their absence is tested on its own in testMissingAccessKeys.
        let diagnostics = document.diagnostics.filter { !$0.message.contains("has no \"access_key_") }
        return (config, diagnostics, document)
    }

    func testMissingAccessKeys() throws {
        let document = try Fixtures.document(text: """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
                access_key_secret: ${CXONE_ACCESS_KEY_SECRET}
            """, path: "phone-integration.yaml")
        XCTAssertEqual(document.diagnostics.map(\.rule), ["config-schema"])
        XCTAssertEqual(document.diagnostics.first?.message, #""contact_center" has no "access_key_id"; add it as a ${VARIABLE} reference to the CXone access key"#)
        XCTAssertEqual(document.diagnostics.first?.range.startText, "3:3")
    }

    // MARK: - Good samples, every field with its position

    func testGoodYAMLSample() throws {
        let document = try Fixtures.document("Samples/good/phone-integration.yaml")
        let source = document.source
        let config = try XCTUnwrap(document.config)
        XCTAssertEqual(document.diagnostics, [])
        XCTAssertEqual(config.file.path, "Samples/good/phone-integration.yaml")
        XCTAssertEqual(config.rootKeyRange.startText, "4:1")
        XCTAssertEqual(source.text(of: config.rootKeyRange), "phone_integration")
        XCTAssertEqual(config.phoneNumbers.count, 1)
        assertLocated(config.phoneNumbers.first, "+1 958 555 0123", at: "6:17", in: source, text: #""+1 958 555 0123""#)
        XCTAssertEqual(config.contactCenterKeyRange?.startText, "7:3")
        assertLocated(config.contactCenterType, "nice_cxone", at: "8:11", in: source, text: "nice_cxone")
        let auth = "https://na1.nice-incontact.com/authentication/v1/token/access-key"
        assertLocated(config.authenticationURL, auth, at: "9:25", in: source, text: auth)
        let api = "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/"
        assertLocated(config.apiURL, api, at: "10:14", in: source, text: api)
        assertLocated(config.contactIDHeader, "X-ContactID", at: "11:24", in: source, text: "X-ContactID")
        assertLocated(config.accessKeyID, .reference("CXONE_ACCESS_KEY_ID"), at: "12:20", in: source, text: "${CXONE_ACCESS_KEY_ID}")
        assertLocated(config.accessKeySecret, .reference("CXONE_ACCESS_KEY_SECRET"), at: "13:24", in: source, text: "${CXONE_ACCESS_KEY_SECRET}")
        assertLocated(config.assistantPath, "exports/action-skill.json", at: "15:12", in: source, text: "exports/action-skill.json")
        XCTAssertEqual(config.scriptPaths.count, 1)
        assertLocated(config.scriptPaths.first, "studio/WatsonPhone.xml", at: "17:5", in: source, text: "studio/WatsonPhone.xml")
        XCTAssertEqual(config.effectiveContactIDHeader, "X-ContactID")
        XCTAssertTrue(config.namesParts)
        // Both credential values are sensitive, even when they are references.
        XCTAssertEqual(document.sensitiveRanges.map(\.startText), ["12:20", "13:24"])
    }

    func testGoodJSONSample() throws {
        let document = try Fixtures.document("Samples/good-web/phone-integration.json")
        let source = document.source
        let config = try XCTUnwrap(document.config)
        XCTAssertEqual(document.diagnostics, [], "$schema is an allowed top-level key")
        XCTAssertEqual(config.rootKeyRange.startText, "3:3")
        XCTAssertEqual(config.phoneNumbers.count, 2)
        assertLocated(config.phoneNumbers.first, "+1 958 555 0123", at: "5:7", in: source, text: #""+1 958 555 0123""#)
        assertLocated(config.phoneNumbers.last, "+1 958 555 0124", at: "6:7", in: source, text: #""+1 958 555 0124""#)
        XCTAssertEqual(config.contactCenterKeyRange?.startText, "8:5")
        assertLocated(config.contactCenterType, "nice_cxone", at: "9:15", in: source, text: #""nice_cxone""#)
        assertLocated(config.authenticationURL, "https://na1.nice-incontact.com/authentication/v1/token/access-key", at: "10:29")
        assertLocated(config.apiURL, "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/", at: "11:18")
        assertLocated(config.contactIDHeader, "X-ContactID", at: "12:28", in: source, text: #""X-ContactID""#)
        assertLocated(config.accessKeyID, .reference("CXONE_ACCESS_KEY_ID"), at: "13:24")
        assertLocated(config.accessKeySecret, .reference("CXONE_ACCESS_KEY_SECRET"), at: "14:28")
        assertLocated(config.assistantPath, "exports/dialog-skill.json", at: "17:16")
        XCTAssertEqual(config.scriptPaths.map(\.value), ["studio/WatsonPhone.json"])
        XCTAssertEqual(config.scriptPaths.first?.range.startText, "19:5")
    }

    // MARK: - Credentials

    func testPlaintextSecretIsNeverKept() throws {
        let secret = "Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6"
        let document = try Fixtures.document("Samples/broken/plaintext-secret/phone-integration.json")
        let config = try XCTUnwrap(document.config)
        XCTAssertEqual(document.diagnostics, [])
        assertLocated(config.accessKeySecret, .literal(length: secret.count), at: "10:28")
        assertLocated(config.accessKeyID, .reference("CXONE_ACCESS_KEY_ID"), at: "9:24")
        // The model never holds the literal.
        XCTAssertFalse(String(describing: config).contains(secret))
        XCTAssertFalse(String(reflecting: config).contains(secret))
        XCTAssertFalse(String(describing: document.model).contains(secret))
        // The file does, and its range is marked sensitive for reporters.
        let secretRange = try XCTUnwrap(config.accessKeySecret?.range)
        XCTAssertTrue(document.source.text(of: secretRange).contains(secret))
        XCTAssertTrue(
            document.sensitiveRanges.contains { $0.start.offset <= secretRange.start.offset && $0.end.offset >= secretRange.end.offset })
        let secretOffset = try XCTUnwrap(String(decoding: document.source.bytes, as: UTF8.self).range(of: secret)).lowerBound
        let byteOffset = String(decoding: document.source.bytes, as: UTF8.self).utf8.distance(
            from: String(decoding: document.source.bytes, as: UTF8.self).startIndex, to: secretOffset)
        XCTAssertTrue(
            document.sensitiveRanges.contains { $0.start.offset <= byteOffset && $0.end.offset >= byteOffset + secret.utf8.count },
            "the secret's bytes lie inside a sensitive range")
    }

    func testCredentialShapes() throws {
        let (config, diagnostics, document) = try config("""
            phone_integration:
              phone_number: "+19585550123"
              contact_center:
                type: nice_cxone
                authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key
                api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
                access_key_id: 12345678
                access_key_secret: ""
            """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(config.accessKeyID?.value, .literal(length: 8), "an unquoted number is still a literal credential")
        XCTAssertEqual(config.accessKeySecret?.value, .empty)
        XCTAssertFalse(String(describing: config).contains("12345678"))
        XCTAssertEqual(document.sensitiveRanges.count, 2)
        XCTAssertNil(config.contactIDHeader)
        XCTAssertEqual(config.effectiveContactIDHeader, IntegrationConfig.defaultContactIDHeader)
        XCTAssertFalse(config.namesParts)
    }

    func testReferenceNames() {
        XCTAssertEqual(Credential.referenceName("${CXONE_SECRET}"), "CXONE_SECRET")
        XCTAssertEqual(Credential.referenceName("${a1}"), "a1")
        XCTAssertNil(Credential.referenceName("${}"))
        XCTAssertNil(Credential.referenceName("$CXONE_SECRET"))
        XCTAssertNil(Credential.referenceName("${CXONE SECRET}"))
        XCTAssertNil(Credential.referenceName("prefix${X}"))
    }

    // MARK: - config-schema findings

    func testConfigSchemaSample() throws {
        let document = try Fixtures.document("Samples/broken/config-schema/phone-integration.yaml")
        let config = try XCTUnwrap(document.config)
        let findings = document.diagnostics.withRule(ModelRuleID.configSchema)
        XCTAssertEqual(findings.count, document.diagnostics.count, "only config-schema findings")
        let unknown = try XCTUnwrap(findings.first { $0.message.contains("phone_numbr") })
        XCTAssertEqual(unknown.range.startText, "2:3")
        XCTAssertEqual(unknown.severity, .error)
        XCTAssertEqual(unknown.file.path, "Samples/broken/config-schema/phone-integration.yaml")
        XCTAssertTrue(unknown.message.contains(#"did you mean "phone_number"?"#), unknown.message)
        let wrongType = try XCTUnwrap(findings.first { $0.message.contains("\"scripts\"") })
        XCTAssertEqual(wrongType.range.startText, "11:10")
        XCTAssertTrue(wrongType.message.contains("list"), wrongType.message)
        XCTAssertTrue(wrongType.message.contains("a string"), wrongType.message)
        // The misspelt key leaves the config without a number: reported at the root key.
        let missing = try XCTUnwrap(findings.first { $0.message.contains("no \"phone_number\"") })
        XCTAssertEqual(missing.range.startText, "1:1")
        XCTAssertEqual(findings.count, 3, findings.map(\.message).description)
        XCTAssertEqual(config.phoneNumbers, [])
        XCTAssertEqual(config.scriptPaths, [])
        XCTAssertEqual(config.assistantPath?.value, "exports/action-skill.json")
        XCTAssertEqual(config.contactCenterType?.value, "nice_cxone")
    }

    func testMissingContactCenter() throws {
        let (config, diagnostics, _) = try config("""
            phone_integration:
              phone_number: "+1 958 555 0123"
            """)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics.first?.rule, ModelRuleID.configSchema)
        XCTAssertEqual(diagnostics.first?.range.startText, "1:1")
        XCTAssertTrue(diagnostics.first?.message.contains("contact_center") ?? false)
        XCTAssertEqual(config.phoneNumbers.map(\.value), ["+1 958 555 0123"])
        XCTAssertNil(config.contactCenterKeyRange)
        XCTAssertNil(config.contactCenterType)
    }

    func testContactCenterWithoutTypeAndWrongKinds() throws {
        let (config, diagnostics, _) = try config("""
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                api_url: [a, b]
                access_key_secret: {nested: x}
                typ: nice_cxone
            """)
        let messages = diagnostics.map(\.message)
        XCTAssertTrue(diagnostics.allSatisfy { $0.rule == ModelRuleID.configSchema })
        XCTAssertTrue(messages.contains { $0.contains("no \"type\"") }, messages.description)
        XCTAssertTrue(messages.contains { $0.contains("unknown key \"typ\"") && $0.contains("did you mean \"type\"") }, messages.description)
        XCTAssertEqual(diagnostics.first { $0.message.contains("\"api_url\" must be a string") }?.range.startText, "4:14")
        XCTAssertEqual(diagnostics.first { $0.message.contains("access_key_secret") }?.range.startText, "5:24")
        XCTAssertNil(config.apiURL)
        XCTAssertNil(config.accessKeySecret)
    }

    func testBothPhoneNumberAndPhoneNumbers() throws {
        let (config, diagnostics, _) = try config("""
            phone_integration:
              phone_number: "+1 958 555 0123"
              phone_numbers:
                - "+1 958 555 0124"
              contact_center:
                type: nice_cxone
            """)
        let both = diagnostics.filter { $0.message.contains("not both") }
        XCTAssertEqual(both.count, 1)
        XCTAssertEqual(both.first?.rule, ModelRuleID.configSchema)
        XCTAssertEqual(both.first?.range.startText, "3:3", "points at the phone_numbers key")
        XCTAssertEqual(config.phoneNumbers.map(\.value), ["+1 958 555 0123", "+1 958 555 0124"])
        XCTAssertEqual(config.phoneNumbers.map(\.range.startText), ["2:17", "4:7"])
    }

    func testUnquotedYAMLNumberIsAPhoneNumber() throws {
        let (config, diagnostics, document) = try config("""
            phone_integration:
              phone_number: +19585550123
              contact_center:
                type: nice_cxone
            """)
        XCTAssertEqual(diagnostics, [])
        assertLocated(config.phoneNumbers.first, "+19585550123", at: "2:17", in: document.source, text: "+19585550123")
        // A number in a list too.
        let (listed, listDiagnostics, _) = try self.config("""
            phone_integration:
              phone_numbers: [+19585550123, "+1 958 555 0124"]
              contact_center: {type: nice_cxone}
            """)
        XCTAssertEqual(listDiagnostics, [])
        XCTAssertEqual(listed.phoneNumbers.map(\.value), ["+19585550123", "+1 958 555 0124"])
    }

    func testPhoneNumberOfWrongKindAndEmptyList() throws {
        let (config, diagnostics, _) = try config("""
            phone_integration:
              phone_numbers: []
              contact_center:
                type: nice_cxone
            """)
        XCTAssertEqual(config.phoneNumbers, [])
        XCTAssertEqual(diagnostics.map(\.range.startText), ["2:18"])
        XCTAssertTrue(diagnostics.first?.message.contains("empty") ?? false)
        let (other, otherDiagnostics, _) = try self.config("""
            phone_integration:
              phone_number: true
              contact_center:
                type: nice_cxone
            """)
        XCTAssertEqual(other.phoneNumbers, [])
        XCTAssertEqual(otherDiagnostics.map(\.range.startText), ["2:17"])
        XCTAssertTrue(otherDiagnostics.first?.message.contains("a boolean") ?? false)
    }

    func testSchemaKeyAccepted() throws {
        let (config, diagnostics, _) = try config("""
            $schema: ../../Schemas/phone-integration.schema.json
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
            """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(config.rootKeyRange.startText, "2:1")
    }

    func testUnknownTopLevelKeyAndNonMappingRoot() throws {
        let (_, diagnostics, _) = try config("""
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
            asistant: exports/a.json
            """)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics.first?.range.startText, "5:1")
        XCTAssertTrue(diagnostics.first?.message.contains(#"did you mean "assistant"?"#) ?? false)

        let (_, scalarRoot, _) = try config("phone_integration: yes\n")
        XCTAssertEqual(scalarRoot.count, 1)
        XCTAssertEqual(scalarRoot.first?.range.startText, "1:20")
        XCTAssertTrue(scalarRoot.first?.message.contains("must be a mapping") ?? false)
    }

    func testDidYouMean() {
        XCTAssertEqual(DidYouMean.suggestion(for: "phone_numbr", among: ["phone_number", "phone_numbers"]), "phone_number")
        XCTAssertEqual(DidYouMean.suggestion(for: "API_URL", among: ["api_url"]), "api_url")
        XCTAssertNil(DidYouMean.suggestion(for: "completely_else", among: ["api_url", "type"]))
        XCTAssertEqual(DidYouMean.hint(for: "zzz", among: ["type"]), "")
    }
}
