import CXLintSyntax
import XCTest

/// The secret detector's documented behaviour (docs/hostile-input.md, "Secrets").
final class SecretScannerTests: XCTestCase {
    func masked(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SecretScanner.ranges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func testCredentialKeyValuesInEverySyntax() {
        XCTAssertEqual(masked("access_key_secret: abc123\n"), ["abc123"])
        XCTAssertEqual(masked("  access_key_id: 'short' # comment\n"), ["short"])
        XCTAssertEqual(masked("{\"access_key_secret\": \"x\\\"y\", \"a\": 1}"), ["x\\\"y"])
        XCTAssertEqual(masked("<Key AccessKeySecret=\"v4lue\"/>"), ["v4lue"])
        XCTAssertEqual(masked("ACCESS_KEY_ID = plain value  \r\nnext: 1"), ["plain value"])
    }

    func testReferencesStayVisible() {
        XCTAssertEqual(masked("access_key_secret: ${CXONE_ACCESS_KEY_SECRET}   # a reference\n"), [])
        XCTAssertEqual(masked("{\"access_key_id\": \"${CXONE_ACCESS_KEY_ID}\"}"), [])
    }

    func testHighEntropyTokensAnywhere() {
        let key = "Qm7vT2xR9pLk4WcZ8nYb3HsJ6dFa1GeUq"
        XCTAssertEqual(masked("\"headers\": {\"Authorization\": \"Bearer \(key)\"}"), [key])
        XCTAssertEqual(masked("url: https://maps.example.com/api?key=AIzaSyBQ22ruiQc8z8siUpOzcb4fDtvakV9aZnE"),
                       ["key=AIzaSyBQ22ruiQc8z8siUpOzcb4fDtvakV9aZnE"])
        XCTAssertEqual(masked("secret: 4j3QcioArtATl2lhF8DzuVejaGp/J5B4fPcl+Xy"), ["4j3QcioArtATl2lhF8DzuVejaGp/J5B4fPcl+Xy"])
    }

    func testOrdinaryTextIsNotASecret() {
        XCTAssertEqual(masked("api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/"), [])
        XCTAssertEqual(masked("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""), [])
        XCTAssertEqual(masked("\"url\": \"/api/v1/web/2ada559b-42cf-4862-904a-2ee51dd62af0/default/ETECFStatus\""), [])
        XCTAssertEqual(masked("func testUTF16FileIsRejectedWithoutParsing() {}"), [])
        XCTAssertEqual(masked("id: 2ada559b-42cf-4862-904a-2ee51dd62af0, phone: +19585550123"), [])
    }

    func testSamplesHaveNoFalsePositive() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let samples = root.appendingPathComponent("Samples")
        let files = FileManager.default.enumerator(atPath: samples.path)?.compactMap { $0 as? String } ?? []
        for file in files where ["yaml", "json", "xml"].contains((file as NSString).pathExtension) {
            let bytes = Array(try Data(contentsOf: samples.appendingPathComponent(file)))
            let found = SecretScanner.ranges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
            let expected = file.hasPrefix("broken/plaintext-secret/phone-integration") ? ["Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6"] : []
            XCTAssertEqual(found, expected, file)
        }
    }

    func testTenMegabyteRunIsLinear() {
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 10_000_000)
        let started = Date()
        XCTAssertEqual(SecretScanner.ranges(in: bytes), [])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }
}

/// Inputs that crashed FoundationXML/libxml2 under the fuzzer, given to the reader directly.
final class XMLReaderFuzzRegressionTests: XCTestCase {
    func fixture(_ name: String) throws -> SourceFile {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return SourceFile(id: SourceID(path: name), bytes: Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/hostile/fuzz-studio-xml/\(name)"))))
    }

    func testCrashInputsAreSyntaxErrors() throws {
        let expected = [
            "utf7-declaration.xml": "1:31",
            "empty-processing-instruction.xml": "1:1",
            "leading-nul-bytes.xml": "1:1",
        ]
        for (name, position) in expected {
            let result = XMLReader.parse(try fixture(name))
            XCTAssertEqual(result.diagnostics.count, 1, name)
            let start = try XCTUnwrap(result.diagnostics.first?.range.start, name)
            XCTAssertEqual("\(start.line):\(start.column)", position, name)
        }
    }
}
