@testable import CXLintDriver
@testable import CXLintReport
import CXLintSyntax
import XCTest

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 test vectors, including the two-block message.
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

final class CIReporterTests: XCTestCase {
    func report(_ message: String, text: String = "key: value\n") -> LintReport {
        let source = SourceFile(id: SourceID(path: "a,b:c.yaml"), text: text)
        let d = Diagnostic(rule: "some-rule", severity: .warning, message: message, file: source.id,
                           range: SourceRange(start: source.location(atOffset: 5), end: source.location(atOffset: 10)))
        return LintReport(diagnostics: [d], sources: [source.id: source], filesChecked: 1, bundlesChecked: 1)
    }

    func testGitHubEscapesPropertiesAndData() {
        let out = GitHubReporter().render(report("50% done\r\nnext line"))
        XCTAssertEqual(out, "::warning file=a%2Cb%3Ac.yaml,line=1,col=6,endLine=1,endColumn=11,title=some-rule::50%25 done%0D%0Anext line\n")
    }

    func testXMLFormatsEscapeMarkupAndControlCharacters() {
        let out = CheckstyleReporter().render(report("<b> & \"q\" \u{1}"))
        XCTAssertTrue(out.contains("message=\"&lt;b&gt; &amp; &quot;q&quot; \u{FFFD}\""), out)
    }

    func testMarkdownCellsKeepOneRowPerFinding() {
        let out = MarkdownReporter().render(report("a | b\nc <tag>"))
        XCTAssertTrue(out.contains("| a \\| b c &lt;tag&gt; |"), out)
    }

    /// The fingerprint hashes the offending text and never contains it.
    func testIdentityHashesTextAndIgnoresTheLine() {
        let one = FindingIdentity.identities(of: report("m", text: "key: value\n"))[0]
        let moved = report("m", text: "\n\nkey: value\n")
        var shifted = moved
        let source = moved.sources[SourceID(path: "a,b:c.yaml")]!
        shifted.diagnostics[0].range = SourceRange(start: source.location(atOffset: 7), end: source.location(atOffset: 12))
        XCTAssertEqual(FindingIdentity.identities(of: shifted)[0], one)
        XCTAssertEqual(one.textHash, SHA256.hex("value"))
        XCTAssertFalse(one.fingerprint.contains("value"))
    }
}
