import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Hostile input through the built binary, as CI runs it on an attacker's pull
/// request: every case must end (a timeout is a failure), with a finding that
/// has a position, the documented exit code, and nothing fetched or leaked.
final class HostileInputTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-hostile-\(UUID().uuidString)")
        // A file named alone makes cxlint look for a config in the folders above it, up to a
        // repository root: mark one here so the shared /tmp is never part of a test.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // chmod 000 folders would make the removal fail.
        _ = try? Hostile.run(["chmod", "-R", "u+rwx", folder.path], executable: "/usr/bin/env")
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func write(_ name: String, _ text: String) throws -> URL { try write(name, Array(text.utf8)) }

    /// Runs `cxlint check` on one file and expects one syntax-error (or `rule`) at `position`.
    func expectFinding(_ name: String, _ bytes: [UInt8], at position: String, rule: String = "syntax-error",
                       message: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try write(name, bytes)
        let result = try Hostile.check([url.lastPathComponent], in: folder)
        XCTAssertEqual(result.status, 1, "\(name): \(result.stdout)\(result.stderr)", file: file, line: line)
        let expected = "\(name):\(position): error: "
        let finding = result.stdout.split(separator: "\n").first { $0.hasPrefix(expected) && $0.hasSuffix("[\(rule)]") }
        XCTAssertNotNil(finding, "\(name): expected \(expected)…[\(rule)], got\n\(result.stdout.prefix(2000))", file: file, line: line)
        if let message, let finding { XCTAssertTrue(finding.contains(message), String(finding), file: file, line: line) }
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr, file: file, line: line)
    }

    // MARK: - Nesting and expansion limits

    func testHundredThousandNestedJSONArrays() throws {
        try expectFinding("deep.json", Array(repeating: UInt8(ascii: "["), count: 100_000), at: "1:1001",
                          message: "nesting deeper than 1000 levels")
        let closed = Array("{\"dialog_nodes\": ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000)
            + Array(repeating: UInt8(ascii: "]"), count: 100_000) + Array("}".utf8)
        try expectFinding("deep-closed.json", closed, at: "1:1017")
    }

    func testDeepYAMLFlowAndBlockNesting() throws {
        try expectFinding("flow.yaml", Array("phone_integration: ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000),
                          at: "1:1019", message: "nesting is deeper than 1000 levels")
        var block = "phone_integration:\n"
        for depth in 1..<3_000 { block += String(repeating: " ", count: depth) + "k:\n" }
        try expectFinding("block.yaml", Array(block.utf8), at: "1001:1001", message: "nesting is deeper than 1000 levels")
    }

    func testDeepXML() throws {
        let deep = Array("<ScriptContainer>".utf8) + Array(String(repeating: "<a>", count: 100_000).utf8)
        try expectFinding("deep.xml", deep, at: "1:783", message: "nested more than 256 levels")
    }

    func testYAMLBillionLaughs() throws {
        var yaml = "phone_integration:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for letter in "bcdefghij" {
            yaml += "  \(letter): &\(letter) [\(Array(repeating: "*\(previous)", count: 9).joined(separator: ","))]\n"
            previous = String(letter)
        }
        try expectFinding("laughs.yaml", Array(yaml.utf8), at: "7:10", message: "alias expansion exceeds 100000 nodes")
    }

    func testXMLEntityExpansion() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<ScriptContainer>&lol9;</ScriptContainer>\n"
        try expectFinding("laughs.xml", Array(xml.utf8), at: "3:24", message: "entity expansion")
    }

    /// XXE: a general entity, a parameter entity and an external DTD that name a
    /// planted local file must never bring its text into any output.
    func testXMLExternalEntitiesNeverReadLocalFiles() throws {
        let marker = "HOSTILE-XXE-MARKER-7731"
        let planted = try write("planted.txt", "\(marker)\n")
        let dtd = try write("planted.dtd", "<!ENTITY leak \"\(marker)\">\n")
        let cases = [
            "<!DOCTYPE ScriptContainer [<!ENTITY xxe SYSTEM \"file://\(planted.path)\">]>\n<ScriptContainer><Name>&xxe;</Name></ScriptContainer>\n",
            "<!DOCTYPE ScriptContainer [<!ENTITY xxe SYSTEM \"\(planted.path)\">]>\n<ScriptContainer a=\"&xxe;\"><Actions/></ScriptContainer>\n",
            "<!DOCTYPE ScriptContainer [<!ENTITY % p SYSTEM \"file://\(dtd.path)\"> %p;]>\n<ScriptContainer>&leak;</ScriptContainer>\n",
            "<!DOCTYPE ScriptContainer SYSTEM \"file://\(dtd.path)\">\n<ScriptContainer><Name>&leak;</Name></ScriptContainer>\n",
        ]
        for (index, xml) in cases.enumerated() {
            let name = "xxe-\(index).xml"
            try write(name, "<?xml version=\"1.0\"?>\n" + xml)
            for format in ["text", "json", "sarif"] {
                let result = try Hostile.check(["--format", format, "--color", "always", name], in: folder)
                XCTAssertTrue([0, 1].contains(result.status), "\(name) \(format): \(result.stderr)")
                XCTAssertFalse(result.stdout.contains(marker), "\(name) \(format) read the planted file:\n\(result.stdout)")
                XCTAssertFalse(result.stderr.contains(marker), "\(name) \(format) read the planted file")
            }
        }
    }

    /// An external DTD or entity on the network is never fetched: a listening
    /// socket sees no connection.
    func testXMLExternalEntitiesNeverFetchTheNetwork() throws {
        let listener = try LocalListener()
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.port)"
        try write("net.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE ScriptContainer SYSTEM "\(url)/script.dtd" [<!ENTITY e SYSTEM "\(url)/entity"><!ENTITY % p SYSTEM "\(url)/p"> %p;]>
            <ScriptContainer><Name>&e;</Name></ScriptContainer>

            """)
        let result = try Hostile.check(["net.xml"], in: folder)
        XCTAssertTrue([0, 1].contains(result.status), result.stderr)
        XCTAssertFalse(listener.hadConnection(), "cxlint connected to \(url)")
    }

    /// Crashes found by fuzzing (scripts/fuzz.sh), kept in Tests/Fixtures/hostile/fuzz-TARGET/.
    func testFuzzCrashRegressions() throws {
        // libxml2 crashed (SEGV in xmlParseChunk) when the declaration named encoding="utf-7".
        let crash = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/hostile/fuzz-studio-xml/utf7-declaration.xml")
        try expectFinding("utf7.xml", Array(try Data(contentsOf: crash)), at: "1:31", message: "names encoding \"utf-7\"")
        // FoundationXML crashed (strlen of NULL) on a processing instruction without data.
        let pi = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/hostile/fuzz-studio-xml/empty-processing-instruction.xml")
        try expectFinding("pi.xml", Array(try Data(contentsOf: pi)), at: "1:1", message: "processing instruction without data")
        try expectFinding("pi2.xml", Array("<ScriptContainer><?target   ?></ScriptContainer>".utf8), at: "1:18")
        // libxml2 crashed on leading NUL bytes (read as UCS-4); the CLI routes such a file to YAML, the reader refuses it.
        let nul = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/hostile/fuzz-studio-xml/leading-nul-bytes.xml")
        try expectFinding("nul-lead.xml", Array(try Data(contentsOf: nul)), at: "1:1")
        for encoding in ["UTF-16", "ISO-2022-JP", "EBCDIC-US", "x-unknown"] {
            try expectFinding("declared-\(encoding).xml", Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n<ScriptContainer/>".utf8),
                              at: "1:31")
        }
    }

    // MARK: - Size, lines and bytes

    func testMaxFileSizeIsAFindingAtTheFileStart() throws {
        let config = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/good/phone-integration.yaml"), encoding: .utf8)
        try write("line/phone-integration.yaml", config)
        try write("line/notes.txt", String(repeating: "not an input ", count: 100))
        let named = try Hostile.check(["--max-file-size", "100", "line/phone-integration.yaml"], in: folder)
        XCTAssertEqual(named.status, 1, named.stdout + named.stderr)
        XCTAssertTrue(named.stdout.hasPrefix(
            "line/phone-integration.yaml:1:1: error: the file is larger than the 100-byte limit (--max-file-size); it was not checked [unreadable-file]"),
            named.stdout)
        // Found while walking: still reported when it is meant as an input, in every format.
        let walked = try Hostile.check(["--max-file-size", "100", "--format", "json", "line"], in: folder)
        XCTAssertEqual(walked.status, 1, walked.stdout)
        let findings = try Hostile.findings(walked.stdout)
        XCTAssertEqual(findings.map(\.key), ["line/phone-integration.yaml:1:1:unreadable-file"], walked.stdout)
        // A large file that is none of cxlint's inputs is skipped, as any unknown file is.
        let raised = try Hostile.check(["--max-file-size", "100000", "line"], in: folder)
        XCTAssertFalse(raised.stdout.contains("unreadable-file"), raised.stdout)
        XCTAssertEqual(try Hostile.check(["--max-file-size", "0", "line"], in: folder).status, 2)
        // Positions are 32-bit: a limit past 2 GiB could not be honoured exactly, so it is refused.
        let huge = try Hostile.check(["--max-file-size", "4294967296", "line"], in: folder)
        XCTAssertEqual(huge.status, 2)
        XCTAssertTrue(huge.stderr.contains("--max-file-size must be at most 2147483647 bytes"), huge.stderr)
        XCTAssertNotEqual(try Hostile.check(["--max-file-size", "2147483647", "line"], in: folder).status, 2)
    }

    func testTenMegabyteSingleLines() throws {
        let long = Array(repeating: UInt8(ascii: "a"), count: 10_000_000)
        try expectFinding("long.json", Array("{\"dialog_nodes\": [\"".utf8) + long + Array("\"], x}".utf8),
                          at: "1:10000024", message: "expected a string key")
        try expectFinding("long.xml", Array("<ScriptContainer><Name>".utf8) + long + Array("</Nam></ScriptContainer>".utf8),
                          at: "1:10000024", message: "mismatched end tag")
        try expectFinding("long.yaml", Array("phone_integration: [\"".utf8) + long + Array("\", ]]".utf8),
                          at: "1:10000026")
    }

    func testNULBytes() throws {
        try expectFinding("nul.json", Array("{\"dialog_nodes\": [\0]}".utf8), at: "1:19", message: "U+0000")
        try expectFinding("nul.yaml", Array("phone_integration:\n  phone_number: \"+1\0\"\n".utf8), at: "2:20",
                          message: "control characters are not allowed")
        try expectFinding("nul.xml", Array("<ScriptContainer>\0</ScriptContainer>".utf8), at: "1:18")
    }

    func testInvalidUTF8() throws {
        try expectFinding("bad.json", Array("{\"dialog_nodes\": [\"".utf8) + [0xFF, 0xFE] + Array("\"]}".utf8), at: "1:20",
                          message: "invalid UTF-8")
        try expectFinding("bad.yaml", Array("phone_integration:\n  phone_number: \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8),
                          at: "2:19", message: "invalid trailing UTF-8 octet")
        try expectFinding("bad.xml", Array("<ScriptContainer>".utf8) + [0xFF] + Array("</ScriptContainer>".utf8), at: "1:18",
                          message: "invalid UTF-8 byte 0xFF")
    }

    /// A UTF-8 BOM is no column: positions match the same file without it.
    func testUTF8ByteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        try expectFinding("bom.json", bom + Array("{\"dialog_nodes\": [,]}".utf8), at: "1:19")
        try expectFinding("bom.yaml", bom + Array("phone_integration: [a, b\n".utf8), at: "2:1")
        try expectFinding("bom.xml", bom + Array("<ScriptContainer><a></b></ScriptContainer>".utf8), at: "1:21", message: "mismatched end tag")
    }

    func testUTF16Files() throws {
        for (name, text) in [("wide.json", "{\"dialog_nodes\": []}"), ("wide.yaml", "phone_integration:\n  x: 1\n"), ("wide.xml", "<ScriptContainer/>")] {
            for (suffix, encoding) in [("le", String.Encoding.utf16LittleEndian), ("be", .utf16BigEndian), ("bom", .utf16)] {
                let bytes = Array(try XCTUnwrap(text.data(using: encoding)))
                try expectFinding("\(suffix)-\(name)", bytes, at: "1:1", message: "UTF-16")
            }
        }
    }

    /// The broken samples with CRLF line ends report every finding at the same
    /// line and column (and with the same message) as with LF.
    func testCRLFLineEndsKeepPositions() throws {
        let crlf = folder.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/broken"), to: crlf)
        let files = FileManager.default.enumerator(atPath: crlf.path)?.compactMap { $0 as? String } ?? []
        var converted = 0
        for file in files where ["yaml", "json", "xml"].contains((file as NSString).pathExtension) {
            let url = crlf.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            XCTAssertFalse(text.contains("\r"), file)
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: url)
            converted += 1
        }
        XCTAssertGreaterThan(converted, 50)
        let lf = try Hostile.check(["--format", "json", "."], in: CLI.packageRoot.appendingPathComponent("Samples/broken"))
        let crlfResult = try Hostile.check(["--format", "json", "."], in: crlf)
        XCTAssertEqual(lf.status, 1)
        XCTAssertEqual(crlfResult.status, 1)
        let expected = try Hostile.findings(lf.stdout)
        let actual = try Hostile.findings(crlfResult.stdout)
        XCTAssertGreaterThan(expected.count, 30)
        XCTAssertEqual(actual.map(\.detailed), expected.map(\.detailed))
    }

    // MARK: - Secrets

    /// The formats `cxlint check --help` offers, so a format added later is covered without editing this test.
    func formats() throws -> [String] {
        let help = try Hostile.check(["--help"], in: folder).stdout
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let pattern = try NSRegularExpression(pattern: #"--format <format>.*?\(values: ([^;)]+)"#)
        let match = try XCTUnwrap(pattern.firstMatch(in: flat, range: NSRange(flat.startIndex..., in: flat)), help)
        let list = flat[try XCTUnwrap(Range(match.range(at: 1), in: flat))]
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Secrets planted in the config (both keys, one on a line with a syntax
    /// error), in an assistant webhook header and in a Studio snippet never
    /// appear, whole or in part, in any format, with or without excerpts.
    func testPlantedSecretsNeverAppearInAnyFormat() throws {
        let keySecret = "Qm7vT2xR9pLk4WcZ8nYb3HsJ6dFa1GeUq"
        let keyID = "AKID9f3Lx7QpR2mZt6VwB8cN4"
        let webhookToken = "Bearer eyJhbGciOiJIUzI1NiJ9Xk3P9qLmZ7tR2vW8yB4nC6"
        let snippetKey = "sk9Tz4Lq7Wm2Rx8Vp3Nc6Bh1Yd5Fg0JkQ"
        try write("line/phone-integration.yaml", """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
                authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key
                api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
                access_key_id: \(keyID)
                access_key_secret: "\(keySecret)" ]
            """)
        let export = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/good/exports/action-skill.json"), encoding: .utf8)
        try write("line/exports/action-skill.json", export.replacingOccurrences(
            of: "\"dialog_nodes\"", with: "\"webhook_headers\": {\"Authorization\": \"\(webhookToken)\"}, \"dialog_nodes\"",
            options: [], range: export.range(of: "\"dialog_nodes\"")))
        let script = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/good/studio/WatsonPhone.xml"), encoding: .utf8)
        try write("line/studio/WatsonPhone.xml", script.replacingOccurrences(of: "</ScriptContainer>", with: "<Note key=\"\(snippetKey)\"></Bad></ScriptContainer>"))
        // The same config without the syntax error, so rules run over the literal values too.
        try write("parsed/phone-integration.yaml", """
            phone_integration:
              phone_number: "+1 958 555 0123"
              contact_center:
                type: nice_cxone
                authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key?key=\(snippetKey)
                api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
                contact_id_header: "X-\(webhookToken)"
                access_key_id: \(keyID)
                access_key_secret: \(keySecret)
            """)
        let formats = try formats()
        XCTAssertTrue(Set(["text", "json", "sarif"]).isSubset(of: Set(formats)), "\(formats)")
        let secrets = [keySecret, keyID, webhookToken.replacingOccurrences(of: "Bearer ", with: ""), snippetKey]
        for format in formats {
            for color in ["always", "never"] {
                let result = try Hostile.check(["--format", format, "--color", color, "line", "parsed"], in: folder)
                XCTAssertEqual(result.status, 1, "\(format): \(result.stderr)")
                XCTAssertFalse(result.stdout.isEmpty, format)
                for secret in secrets {
                    for piece in [secret, String(secret.prefix(10)), String(secret.suffix(10))] {
                        XCTAssertFalse(result.stdout.contains(piece), "--format \(format) --color \(color) printed \(piece):\n\(result.stdout)")
                        XCTAssertFalse(result.stderr.contains(piece), "--format \(format) printed \(piece) on stderr")
                    }
                }
            }
        }
        // The text format does show the masked excerpt, so the masking is what kept the secret out.
        let text = try Hostile.check(["--color", "always", "line"], in: folder).stdout
        XCTAssertTrue(text.contains(String(repeating: "*", count: keySecret.count)), text)
    }

    // MARK: - File system

    func testSymbolicLinkLoopsEnd() throws {
        try write("loop/phone-integration.yaml", Hostile.configWithoutParts)
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("loop/self").path, withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("loop/up").path, withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("loop/a.json").path, withDestinationPath: "b.json")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("loop/b.json").path, withDestinationPath: "a.json")
        let result = try Hostile.check(["loop"], in: folder)
        // The links that never reach a file are findings, as in the audit; the folder links are not followed.
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("bundle-incomplete"), result.stdout)
        XCTAssertTrue(result.stdout.contains("loop/a.json:1:1: error: symbolic link loop"), result.stdout)
        XCTAssertFalse(result.stdout.contains("loop/self") || result.stdout.contains("loop/up"), result.stdout)
        XCTAssertEqual(try Hostile.check(["loop/a.json"], in: folder).status, 2)
    }

    /// A symbolic link to the kernel's pseudo-files, a FIFO and a device are never
    /// read: /proc/self/environ would print the CI runner's variables in an excerpt.
    func testSpecialFilesAreNeverRead() throws {
        let marker = "HOSTILE-ENV-MARKER-5521"
        try write("special/phone-integration.yaml", "phone_integration: [\n")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("special/environ.yaml").path, withDestinationPath: "/proc/self/environ")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("special/zero.json").path, withDestinationPath: "/dev/zero")
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("special/pipe.json").path, 0o644), 0)
        let result = try Hostile.check(["--color", "always", "special"], in: folder, environment: ["CXLINT_PLANTED": marker])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertFalse(result.stdout.contains(marker), result.stdout)
        let environ = result.stdout.split(separator: "\n").first { $0.hasPrefix("special/environ.yaml:1:1: ") }
        XCTAssertTrue(environ?.contains("the file cannot be read (a system pseudo-file") ?? false, result.stdout)
        for named in ["special/pipe.json", "special/zero.json", "special/environ.yaml"] {
            let direct = try Hostile.check([named], in: folder, environment: ["CXLINT_PLANTED": marker])
            XCTAssertEqual(direct.status, 2, "\(named): \(direct.stdout)")
            XCTAssertFalse(direct.stdout.contains(marker) || direct.stderr.contains(marker))
        }
    }

    /// Tests run as root in CI, and root reads a chmod 000 file anyway: the
    /// expectation follows what `access()` says this process can do.
    func testUnreadableFiles() throws {
        let url = try write("locked/phone-integration.yaml", Hostile.configWithoutParts)
        XCTAssertEqual(chmod(url.path, 0o000), 0)
        let readable = access(url.path, R_OK) == 0
        let walked = try Hostile.check(["locked"], in: folder)
        let named = try Hostile.check(["locked/phone-integration.yaml"], in: folder)
        if readable {
            XCTAssertEqual(walked.status, 0, walked.stdout)
            XCTAssertEqual(named.status, 0, named.stdout)
        } else {
            XCTAssertEqual(walked.status, 1, walked.stdout)
            XCTAssertTrue(walked.stdout.contains("locked/phone-integration.yaml:1:1: error: the file cannot be read (permission denied)"), walked.stdout)
            XCTAssertEqual(named.status, 2, named.stdout)
            XCTAssertTrue(named.stderr.contains("permission denied"), named.stderr)
        }
    }

    func testHundredThousandFilesFinish() throws {
        let big = folder.appendingPathComponent("many")
        let manager = FileManager.default
        for group in 0..<100 {
            let sub = big.appendingPathComponent("g\(group)")
            try manager.createDirectory(at: sub, withIntermediateDirectories: true)
            for index in 0..<1_000 {
                XCTAssertTrue(manager.createFile(atPath: sub.appendingPathComponent("note-\(index).txt").path, contents: Data("note \(index)\n".utf8)))
            }
        }
        let config = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/broken/syntax-errors/phone-integration.yaml"), encoding: .utf8)
        try write("many/g7/phone-integration.yaml", config)
        let started = Date()
        let result = try Hostile.check(["--format", "json", "many"], in: folder, timeout: 240, measureMemory: true)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("\"file\" : \"many/g7/phone-integration.yaml\""), String(result.stdout.prefix(1000)))
        XCTAssertLessThan(seconds, 240)
        print("100,000 files checked in \(String(format: "%.1f", seconds)) s, peak RSS \(result.peakKilobytes.map { "\($0 / 1024) MB" } ?? "not measured")")
        if let peak = result.peakKilobytes { XCTAssertLessThan(peak, 1_024 * 1_024, "more than 1 GB for 100,000 small files") }
    }

    func testPathsWithSpacesAndNonASCIINames() throws {
        let odd = folder.appendingPathComponent("line with spaces/Ünïcødé ☎ 電話")
        try FileManager.default.createDirectory(at: odd.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/broken/syntax-errors"), to: odd)
        let text = try Hostile.check(["line with spaces"], in: folder)
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains("line with spaces/Ünïcødé ☎ 電話/exports/action-skill.json:9:3: error:"), text.stdout)
        let named = try Hostile.check(["line with spaces/Ünïcødé ☎ 電話/studio/WatsonPhone.xml"], in: folder)
        XCTAssertTrue(named.stdout.contains("line with spaces/Ünïcødé ☎ 電話/studio/WatsonPhone.xml:77:38: error: mismatched end tag"), named.stdout)
        let sarif = try Hostile.check(["--format", "sarif", "line with spaces"], in: folder)
        XCTAssertTrue(sarif.stdout.contains("line%20with%20spaces/%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E2%98%8E%20"), String(sarif.stdout.suffix(3000)))
    }
}

/// Running the binary with a deadline and a peak-memory reading.
enum Hostile {
    /// A correct config that names no parts: alone it gives warnings only (exit 0).
    static let configWithoutParts = """
        phone_integration:
          phone_number: "+1 958 555 0123"
          contact_center:
            type: nice_cxone
            authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key
            api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/
            access_key_id: ${CXONE_ACCESS_KEY_ID}
            access_key_secret: ${CXONE_ACCESS_KEY_SECRET}

        """

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var peakKilobytes: Int?
    }

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String { "cxlint \(arguments.joined(separator: " ")) did not finish in time (a hang)" }
    }

    static func check(_ arguments: [String], in directory: URL, environment: [String: String] = [:], timeout: TimeInterval = 120,
                      measureMemory: Bool = false) throws -> Result {
        // GNU time reports this one child's peak RSS (getrusage would give the largest child of the whole test run).
        let time = "/usr/bin/time"
        guard measureMemory, FileManager.default.isExecutableFile(atPath: time) else {
            return try run(["check"] + arguments, in: directory, environment: environment, timeout: timeout)
        }
        var result = try run(["-f", "cxlint-peak-kb=%M", CLI.binary.path, "check"] + arguments, executable: time,
                             in: directory, environment: environment, timeout: timeout)
        let marker = result.stderr.components(separatedBy: "\n").last { $0.hasPrefix("cxlint-peak-kb=") }
        result.peakKilobytes = marker.flatMap { Int($0.dropFirst("cxlint-peak-kb=".count)) }
        return result
    }

    /// Output goes to files, not pipes, so a 10 MB report cannot dead-lock the wait.
    static func run(_ arguments: [String], executable: String? = nil, in directory: URL = CLI.packageRoot,
                    environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxlint-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TimedOut(arguments: arguments)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            peakKilobytes: nil)
    }

    struct Finding: Decodable {
        var rule: String
        var message: String
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int

        var key: String { "\(file):\(line):\(column):\(rule)" }
        var detailed: String { "\(file):\(line):\(column)-\(endLine):\(endColumn) \(rule) \(message)" }
    }

    static func findings(_ json: String) throws -> [Finding] {
        struct Report: Decodable { var findings: [Finding] }
        return try JSONDecoder().decode(Report.self, from: Data(json.utf8)).findings
    }
}

/// A TCP socket on 127.0.0.1 that only records whether anyone connected.
final class LocalListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
    }

    func hadConnection() -> Bool {
        let client = accept(descriptor, nil, nil)
        if client >= 0 { Glibc.close(client); return true }
        return false
    }

    func close() { Glibc.close(descriptor) }
}
