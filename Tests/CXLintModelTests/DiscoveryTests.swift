@testable import CXLintModel
import CXLintSyntax
import Foundation
import XCTest

final class DiscoveryTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder(name: "cxlint-discovery")
    }

    override func tearDown() {
        folder.remove()
    }

    static let configNamingNone = """
        phone_integration:
          phone_number: "+1 958 555 0123"
          contact_center:
            type: nice_cxone
        """

    /// outer/ (config naming nothing, an export, a script, a README) holding inner/ (its own config and script).
    func makeNestedBundles() throws {
        try folder.write("outer/phone-integration.yaml", Self.configNamingNone)
        try folder.copy("Samples/good/exports/action-skill.json", to: "outer/exports/action-skill.json")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "outer/studio/WatsonPhone.xml")
        try folder.write("outer/README.md", "# Outer line\n")
        try folder.write("outer/inner/phone-integration.yaml", Self.configNamingNone)
        try folder.copy("Samples/good-web/studio/WatsonPhone.json", to: "outer/inner/studio/WatsonPhone.json")
    }

    func discover(_ paths: [String], workingDirectory: String? = nil, overlay: [String: [UInt8]] = [:]) -> Discovery.Result {
        Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: workingDirectory ?? folder.path).discover(paths)
    }

    // MARK: - Configs naming their parts

    func testGoodSampleNamesItsParts() throws {
        let result = discover(["Samples/good"], workingDirectory: Fixtures.packageRoot)
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let found = try XCTUnwrap(result.bundles.first)
        XCTAssertNil(found.reportedFiles)
        XCTAssertEqual(found.bundle.shownRoot, "Samples/good")
        XCTAssertEqual(found.bundle.config?.path, "Samples/good/phone-integration.yaml")
        XCTAssertEqual(found.bundle.assistants.map(\.path), ["Samples/good/exports/action-skill.json"])
        XCTAssertEqual(found.bundle.scripts.map(\.path), ["Samples/good/studio/WatsonPhone.xml"])
        XCTAssertEqual(found.bundle.others.count, 0)
        XCTAssertEqual(found.bundle.diagnostics, [])
        XCTAssertEqual(found.bundle.studioScripts.first?.file.shown, "Samples/good/studio/WatsonPhone.xml")
        XCTAssertEqual(found.bundle.integration?.file.shown, "Samples/good/phone-integration.yaml")
    }

    func testEverySampleFolderIsOneBundle() throws {
        let result = discover(["Samples"], workingDirectory: Fixtures.packageRoot)
        XCTAssertEqual(result.inputErrors, [])
        let broken = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples + "/broken").filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(result.bundles.count, broken.count + 3, result.bundles.map(\.bundle.shownRoot).description)
        // config-schema/ gives `scripts` as a string: the config names only its assistant, so its
        // script is linted on its own and the bundle warns that it has no script.
        let schemaScript = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "Samples/broken/config-schema/studio" })
        XCTAssertNil(schemaScript.bundle.config)
        XCTAssertEqual(schemaScript.bundle.scripts.map(\.path), ["Samples/broken/config-schema/studio/WatsonPhone.xml"])
        let schemaBundle = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "Samples/broken/config-schema" }?.bundle)
        XCTAssertEqual(schemaBundle.diagnostics, [], "a part simply absent is the bundle-incomplete rule's finding, not discovery's")
        XCTAssertEqual(schemaBundle.assistants.count, 1)
        // bundle-incomplete/ names a script that does not exist: its real script is linted on its own.
        let incomplete = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "Samples/broken/bundle-incomplete" }?.bundle)
        XCTAssertEqual(incomplete.diagnostics.withRule(ModelRuleID.bundleIncomplete).map(\.severity), [.error])
        XCTAssertNotNil(result.bundles.first { $0.bundle.shownRoot == "Samples/broken/bundle-incomplete/studio" && $0.bundle.config == nil })
        // unknown-document/ holds no input at all: found by walking, it is skipped.
        XCTAssertFalse(result.bundles.contains { $0.bundle.shownRoot.hasPrefix("Samples/broken/unknown-document") })
        let special = ["Samples/broken/config-schema", "Samples/broken/bundle-incomplete"]
        for found in result.bundles where !special.contains(where: { found.bundle.shownRoot.hasPrefix($0) }) {
            XCTAssertNotNil(found.bundle.config, found.bundle.shownRoot)
            XCTAssertEqual(found.bundle.assistants.count + found.bundle.scripts.count + found.bundle.others.count, 2, found.bundle.shownRoot)
            XCTAssertEqual(found.bundle.diagnostics.withRule(ModelRuleID.bundleIncomplete), [], found.bundle.shownRoot)
        }
    }

    func testNamedPartsAreExactlyThose() throws {
        try folder.write("line/phone-integration.yaml", Self.configNamingNone + "\nassistant: exports/action-skill.json\nscripts:\n  - studio/WatsonPhone.xml\n")
        try folder.copy("Samples/good/exports/action-skill.json", to: "line/exports/action-skill.json")
        try folder.copy("Samples/good-web/exports/dialog-skill.json", to: "line/exports/dialog-skill.json")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/studio/WatsonPhone.xml")
        try folder.copy("Samples/good-web/studio/WatsonPhone.json", to: "line/studio/old/WatsonPhone.json")
        let result = discover(["line"])
        let configured = try XCTUnwrap(result.bundles.first { $0.bundle.config != nil })
        XCTAssertEqual(configured.bundle.assistants.map(\.path), ["line/exports/action-skill.json"])
        XCTAssertEqual(configured.bundle.scripts.map(\.path), ["line/studio/WatsonPhone.xml"])
        XCTAssertEqual(configured.bundle.diagnostics, [])
        // Files the config does not name are linted on their own.
        let lonely = result.bundles.filter { $0.bundle.config == nil }.flatMap { $0.bundle.documents.map(\.path) }
        XCTAssertEqual(lonely.sorted(), ["line/exports/dialog-skill.json", "line/studio/old/WatsonPhone.json"])
    }

    func testNamedFileThatDoesNotExist() throws {
        try folder.write("line/phone-integration.yaml", Self.configNamingNone + "\nassistant: exports/missing.json\nscripts:\n  - studio/WatsonPhone.xml\n  - studio/Gone.xml\n")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/studio/WatsonPhone.xml")
        let result = discover(["line"])
        XCTAssertEqual(result.inputErrors, [], "a named part is not a usage error")
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        let problems = bundle.diagnostics.withRule(ModelRuleID.bundleIncomplete)
        XCTAssertEqual(problems.count, 2, problems.map(\.message).description)
        XCTAssertTrue(problems.allSatisfy { $0.severity == .error && $0.file.shown == "line/phone-integration.yaml" })
        XCTAssertEqual(problems.map(\.range.startText), ["5:12", "8:5"])
        XCTAssertTrue(problems[0].message.contains("exports/missing.json"))
        XCTAssertTrue(problems[1].message.contains("studio/Gone.xml"))
        XCTAssertEqual(bundle.scripts.map(\.path), ["line/studio/WatsonPhone.xml"])
        XCTAssertEqual(bundle.assistants.count, 0)
    }

    func testNamedFileOfTheWrongKind() throws {
        try folder.write("line/phone-integration.yaml", Self.configNamingNone + "\nassistant: studio/WatsonPhone.xml\n")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/studio/WatsonPhone.xml")
        let bundle = try XCTUnwrap(discover(["line"]).bundles.first?.bundle)
        let problems = bundle.diagnostics.withRule(ModelRuleID.bundleIncomplete)
        XCTAssertEqual(problems.filter { $0.severity == .error }.map(\.range.startText), ["5:12"])
        XCTAssertEqual(problems.first { $0.severity == .error }?.message.hasPrefix(
            "\"studio/WatsonPhone.xml\" is a desktop Studio XML script, not an assistant export: cxlint reads a dialog skill (\"dialog_nodes\")"), true,
            problems.map(\.message).description)
    }

    /// The guide's connect_to_agent response saved alone and named as the
    /// assistant: the finding says what shape is expected and that a transfer
    /// was seen (so it is part of an export, not a whole one).
    func testNamedJSONThatIsNotAnExportSaysWhatIsExpected() throws {
        let snippet = """
            {"output": {"generic": [{"response_type": "connect_to_agent",
              "transfer_info": {"target": {"nice_cxone": {"custom_data": {"p2": "test"}}}},
              "agent_available": {"message": "Ok, I'm transferring you to an agent."}}]}}
            """
        try folder.write("line/phone-integration.yaml", Self.configNamingNone + "\nassistant: exports/transfer.json\n")
        try folder.write("line/exports/transfer.json", snippet)
        let message = try XCTUnwrap(discover(["line"]).bundles.first?.bundle.diagnostics.withRule(ModelRuleID.bundleIncomplete).first { $0.severity == .error }?.message)
        XCTAssertEqual(message, """
            "exports/transfer.json" is not an assistant export: cxlint reads a dialog skill ("dialog_nodes"), an actions skill ("workspace"), \
            a whole-assistant export ("assistant_skills") or the assistant UI's .zip download; it holds a connect_to_agent response, \
            so it looks like part of an export saved alone: download the whole skill or assistant
            """)
        try folder.write("line/exports/transfer.json", #"{"output": {"generic": [{"response_type": "text"}]}}"#)
        let other = try XCTUnwrap(discover(["line"]).bundles.first?.bundle.diagnostics.withRule(ModelRuleID.bundleIncomplete).first { $0.severity == .error }?.message)
        XCTAssertTrue(other.hasSuffix("; no connect_to_agent response was seen in it"), other)
    }

    // MARK: - Configs naming nothing

    func testNestedBundlesWhenWalking() throws {
        try makeNestedBundles()
        let result = discover(["outer"])
        XCTAssertEqual(result.bundles.count, 2)
        let outer = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "outer" }?.bundle)
        XCTAssertEqual(outer.config?.path, "outer/phone-integration.yaml")
        XCTAssertEqual(outer.assistants.map(\.path), ["outer/exports/action-skill.json"])
        XCTAssertEqual(outer.scripts.map(\.path), ["outer/studio/WatsonPhone.xml"])
        XCTAssertEqual(outer.others.count, 0, "the README is not part of the bundle")
        XCTAssertEqual(outer.diagnostics, [])
        let inner = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "outer/inner" }?.bundle)
        XCTAssertEqual(inner.scripts.map(\.path), ["outer/inner/studio/WatsonPhone.json"])
        XCTAssertEqual(inner.assistants.count, 0)
        XCTAssertEqual(inner.diagnostics, [], "no assistant export: the bundle-incomplete rule says so, not discovery")
    }

    func testNestedBundlesWhenTheOuterConfigIsNamed() throws {
        try makeNestedBundles()
        let result = discover(["outer/phone-integration.yaml"])
        XCTAssertEqual(result.bundles.count, 1)
        let outer = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertEqual(outer.scripts.map(\.path), ["outer/studio/WatsonPhone.xml"], "the inner line's script is not the outer line's")
        XCTAssertEqual(outer.assistants.map(\.path), ["outer/exports/action-skill.json"])
    }

    func testScriptNamedAloneJoinsItsConfigsBundle() throws {
        let result = discover(["Samples/good/studio/WatsonPhone.xml"], workingDirectory: Fixtures.packageRoot)
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let found = try XCTUnwrap(result.bundles.first)
        XCTAssertEqual(found.reportedFiles?.shown, ["Samples/good/studio/WatsonPhone.xml"])
        XCTAssertEqual(found.bundle.config?.path, "Samples/good/phone-integration.yaml")
        XCTAssertEqual(found.bundle.assistants.map(\.path), ["Samples/good/exports/action-skill.json"])
        XCTAssertEqual(found.bundle.scripts.map(\.path), ["Samples/good/studio/WatsonPhone.xml"])
    }

    func testScriptNamedAloneInANestedBundle() throws {
        try makeNestedBundles()
        let outerScript = discover(["outer/studio/WatsonPhone.xml"])
        XCTAssertEqual(outerScript.bundles.count, 1)
        let outer = try XCTUnwrap(outerScript.bundles.first)
        XCTAssertEqual(outer.reportedFiles?.shown, ["outer/studio/WatsonPhone.xml"])
        XCTAssertEqual(outer.bundle.scripts.map(\.path), ["outer/studio/WatsonPhone.xml"], "the inner line's script stays out")

        let innerScript = discover(["outer/inner/studio/WatsonPhone.json"])
        XCTAssertEqual(innerScript.bundles.count, 1)
        XCTAssertEqual(innerScript.bundles.first?.bundle.config?.path, "outer/inner/phone-integration.yaml")
        XCTAssertEqual(innerScript.bundles.first?.reportedFiles?.shown, ["outer/inner/studio/WatsonPhone.json"])
    }

    func testFileWithoutAnyConfigAbove() throws {
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "scripts/WatsonPhone.xml")
        let result = discover(["scripts/WatsonPhone.xml"])
        XCTAssertEqual(result.bundles.count, 1)
        XCTAssertNil(result.bundles.first?.bundle.config)
        XCTAssertNil(result.bundles.first?.reportedFiles)
        XCTAssertEqual(result.bundles.first?.bundle.scripts.map(\.path), ["scripts/WatsonPhone.xml"])
    }

    // MARK: - Paths

    func testNonexistentPathIsAnInputError() {
        let result = discover(["no/such/folder", "missing.yaml"])
        XCTAssertEqual(result.bundles.count, 0)
        XCTAssertEqual(result.inputErrors, ["no/such/folder: no such file or folder", "missing.yaml: no such file or folder"])
    }

    func testPathsAreRelativeToTheWorkingDirectory() throws {
        try makeNestedBundles()
        // Named absolutely, shown relatively.
        let absolute = discover([folder.subpath("outer")])
        XCTAssertEqual(Set(absolute.bundles.map(\.bundle.shownRoot)), ["outer", "outer/inner"])
        // From inside, the folder itself is ".".
        let innerFolder = folder.subpath("outer/inner")
        let inside = try XCTUnwrap(discover(["."], workingDirectory: innerFolder).bundles.first?.bundle)
        XCTAssertEqual(SourceID(path: inside.root).shown(relativeTo: innerFolder), ".")
        XCTAssertEqual(inside.documents.map { $0.id.shown(relativeTo: innerFolder) }, ["phone-integration.yaml", "studio/WatsonPhone.json"])
        // Outside the working directory, paths stay absolute.
        let exportsFolder = folder.subpath("outer/exports")
        let outside = discover([innerFolder], workingDirectory: exportsFolder)
        XCTAssertEqual(outside.bundles.first?.bundle.config?.id.shown(relativeTo: exportsFolder), folder.subpath("outer/inner/phone-integration.yaml"))
        // `..` and `.` components are normalised.
        let dotted = discover(["outer/exports/../inner/./studio/WatsonPhone.json"])
        XCTAssertEqual(dotted.bundles.first?.reportedFiles?.shown, ["outer/inner/studio/WatsonPhone.json"])
        XCTAssertEqual(SourceID(path: folder.path).shown(relativeTo: folder.path), ".")
        XCTAssertEqual(SourceID(path: folder.path + "x/y").shown(relativeTo: folder.path), folder.path + "x/y", "a sibling with a common prefix is not inside")
        XCTAssertEqual(SourceID(path: folder.subpath("a.zip"), member: "skill.json").shown(relativeTo: folder.path), "a.zip!/skill.json")
    }

    func testSymlinkLoopTerminates() throws {
        try makeNestedBundles()
        let outer = folder.subpath("outer")
        try FileManager.default.createSymbolicLink(atPath: outer + "/loop", withDestinationPath: outer)
        try FileManager.default.createSymbolicLink(atPath: outer + "/studio/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: outer + "/exports/linked.json", withDestinationPath: outer + "/exports/action-skill.json")
        try FileManager.default.createSymbolicLink(atPath: outer + "/dangling.json", withDestinationPath: outer + "/nowhere.json")
        let result = discover(["outer"])
        let outerBundle = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "outer" }?.bundle)
        XCTAssertEqual(outerBundle.assistants.map(\.path), ["outer/exports/action-skill.json", "outer/exports/linked.json"])
        XCTAssertEqual(outerBundle.scripts.map(\.path), ["outer/studio/WatsonPhone.xml"])
        // The dangling link is reported (a finding at its 1:1), never a silent pass.
        XCTAssertEqual(result.bundles.count, 3)
        let dangling = try XCTUnwrap(result.bundles.first { $0.bundle.shownRoot == "outer" && $0.bundle.config == nil }?.bundle)
        XCTAssertEqual(dangling.documents.map(\.path), ["outer/dangling.json"])
        XCTAssertTrue(dangling.documents[0].diagnostics.contains { $0.message.contains("broken symbolic link") })
        XCTAssertEqual(FileSystem().walk(outer).filter { $0.contains("loop") || $0.contains("/up/") }, [])
    }

    /// The folder listing the walk reads (`readdir`) names what FileManager names, and the
    /// types it reports are the ones `lstat` gives; links are left to `entryType`.
    func testFolderEntriesAnswerAsFileManagerAndLstat() throws {
        try makeNestedBundles()
        let outer = folder.subpath("outer")
        try FileManager.default.createSymbolicLink(atPath: outer + "/to-file.json", withDestinationPath: "exports/action-skill.json")
        try FileManager.default.createSymbolicLink(atPath: outer + "/to-folder", withDestinationPath: "studio")
        try FileManager.default.createSymbolicLink(atPath: outer + "/broken", withDestinationPath: "missing")
        try Data("x".utf8).write(to: URL(fileURLWithPath: outer + "/.hidden"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: outer + "/ünïcode.json"))
        for path in [outer, outer + "/exports", outer + "/studio"] {
            let entries = try XCTUnwrap(FileSystem.entries(of: path))
            XCTAssertEqual(entries.map(\.name), try FileManager.default.contentsOfDirectory(atPath: path).sorted(), path)
            for entry in entries {
                let expected = FileSystem.entryType(path + "/" + entry.name)
                switch (entry.type, expected) {
                case (nil, _), (.directory?, .directory), (.file?, .file): break
                default: XCTFail("\(entry.name): listed as \(String(describing: entry.type)), lstat says \(expected)")
                }
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + entry.name)) != nil
                XCTAssertEqual(entry.type == nil, isLink, "\(entry.name): only links are left to entryType here")
            }
        }
        XCTAssertNil(FileSystem.entries(of: outer + "/missing"))
        XCTAssertNil(FileSystem.entries(of: outer + "/to-file.json"))
    }

    /// FileSystem.normalize skips Foundation's per-component symlink resolution for plain
    /// paths in folders without links: it must answer what Foundation answers, links or not.
    func testFastNormalizeAgreesWithFoundation() throws {
        try makeNestedBundles()
        let outer = folder.subpath("outer")
        try FileManager.default.createSymbolicLink(atPath: folder.subpath("linked-outer"), withDestinationPath: outer)
        try FileManager.default.createSymbolicLink(atPath: outer + "/exports/linked.json", withDestinationPath: "action-skill.json")
        try FileManager.default.createSymbolicLink(atPath: outer + "/relative", withDestinationPath: "studio")
        let fileSystem = FileSystem()
        let paths = [
            "outer/exports/action-skill.json", "outer/exports/linked.json", "outer/exports/missing.json",
            "linked-outer/exports/action-skill.json", "linked-outer/studio/../exports/action-skill.json",
            "outer/relative/WatsonPhone.xml", "outer/./studio//WatsonPhone.xml", "outer/studio/", "outer", "/",
        ]
        for path in paths {
            XCTAssertEqual(fileSystem.normalize(path, relativeTo: folder.path), Discovery.normalize(path, relativeTo: folder.path), path)
        }
        // Asked twice (the second answer comes from what the first learnt about the folders).
        for path in paths {
            XCTAssertEqual(fileSystem.normalize(path, relativeTo: folder.path), Discovery.normalize(path, relativeTo: folder.path), path)
        }
        XCTAssertEqual(fileSystem.normalize("linked-outer/exports/action-skill.json", relativeTo: folder.path),
                       outer + "/exports/action-skill.json")
        // The check before every read resolves the file's own path the same way.
        for file in ["outer/exports/action-skill.json", "linked-outer/exports/action-skill.json", "outer/relative/WatsonPhone.xml"] {
            let path = folder.subpath(file)
            XCTAssertEqual(fileSystem.resolvingSymlinks(ofFile: path), (path as NSString).resolvingSymlinksInPath, file)
        }
    }

    func testSpacesAndNonASCIIInPaths() throws {
        let root = "Lignes téléphoniques/Zürich 24×7"
        try folder.write("\(root)/phone-integration.yaml", Self.configNamingNone + "\nassistant: exports/compétences d'action.json\nscripts:\n  - \"studio/Script Téléphone.xml\"\n")
        try folder.copy("Samples/good/exports/action-skill.json", to: "\(root)/exports/compétences d'action.json")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "\(root)/studio/Script Téléphone.xml")
        let result = discover([root])
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertEqual(bundle.shownRoot, root)
        XCTAssertEqual(bundle.diagnostics, [])
        XCTAssertEqual(bundle.assistants.map(\.path), ["\(root)/exports/compétences d'action.json"])
        XCTAssertEqual(bundle.scripts.map(\.path), ["\(root)/studio/Script Téléphone.xml"])
        // Named alone, the script still finds its config.
        let alone = discover(["\(root)/studio/Script Téléphone.xml"])
        XCTAssertEqual(alone.bundles.first?.reportedFiles?.shown, ["\(root)/studio/Script Téléphone.xml"])
        XCTAssertEqual(alone.bundles.first?.bundle.config?.path, "\(root)/phone-integration.yaml")
    }

    // MARK: - Where the search for a file's config stops

    /// A config in a shared top-level folder (`/tmp`, `/home`) or above the
    /// working directory must not claim a file named alone: it would pull in
    /// a whole unrelated tree.
    func testAncestorSearchStaysInsideTheProject() throws {
        let script = Array(try Fixtures.bytes(Fixtures.samples + "/good/studio/WatsonPhone.xml"))
        let config = Array(Self.configNamingNone.utf8)
        let topLevel = discover(["/cxlint-shared/line/studio/WatsonPhone.xml"], workingDirectory: "/elsewhere", overlay: [
            "/cxlint-shared/phone-integration.yaml": config,
            "/cxlint-shared/line/studio/WatsonPhone.xml": script,
        ])
        XCTAssertEqual(topLevel.bundles.count, 1)
        XCTAssertNil(topLevel.bundles.first?.bundle.config, "a config in a top-level folder is not searched")

        let aboveWorkingDirectory = discover(["studio/WatsonPhone.xml"], workingDirectory: "/cxlint-project/line", overlay: [
            "/cxlint-project/phone-integration.yaml": config,
            "/cxlint-project/line/studio/WatsonPhone.xml": script,
        ])
        XCTAssertNil(aboveWorkingDirectory.bundles.first?.bundle.config, "the search stops at the working directory")

        let atWorkingDirectory = discover(["studio/WatsonPhone.xml"], workingDirectory: "/cxlint-project/line", overlay: [
            "/cxlint-project/line/phone-integration.yaml": config,
            "/cxlint-project/line/studio/WatsonPhone.xml": script,
        ])
        XCTAssertNotNil(atWorkingDirectory.bundles.first?.bundle.config, "a config in the working directory is found")
        XCTAssertEqual(atWorkingDirectory.bundles.first?.reportedFiles, [SourceID(path: "/cxlint-project/line/studio/WatsonPhone.xml")])
    }

    // MARK: - In-memory overlay

    func testOverlayOnlyFolder() throws {
        let base = "/virtual-\(UUID().uuidString)/line"
        let overlay: [String: [UInt8]] = [
            "\(base)/phone-integration.yaml": Array(Self.configNamingNone.utf8),
            "\(base)/exports/skill.json": try Fixtures.bytes(Fixtures.path("Samples/good/exports/action-skill.json")),
            "\(base)/studio/WatsonPhone.json": try Fixtures.bytes(Fixtures.path("Samples/good-web/studio/WatsonPhone.json")),
        ]
        let result = discover([base], workingDirectory: (base as NSString).deletingLastPathComponent, overlay: overlay)
        XCTAssertEqual(result.inputErrors, [])
        XCTAssertEqual(result.bundles.count, 1)
        let bundle = try XCTUnwrap(result.bundles.first?.bundle)
        XCTAssertEqual(bundle.root, base)
        XCTAssertEqual(bundle.assistants.map(\.id), [SourceID(path: "\(base)/exports/skill.json")])
        XCTAssertEqual(bundle.scripts.map(\.id), [SourceID(path: "\(base)/studio/WatsonPhone.json")])
        XCTAssertEqual(bundle.diagnostics, [])
        // A script named alone finds its config in the overlay.
        let alone = discover(["\(base)/studio/WatsonPhone.json"], workingDirectory: base, overlay: overlay)
        XCTAssertEqual(alone.bundles.first?.bundle.config?.id, SourceID(path: "\(base)/phone-integration.yaml"))
        XCTAssertEqual(alone.bundles.first?.reportedFiles, [SourceID(path: "\(base)/studio/WatsonPhone.json")])
    }

    func testOverlayWinsOverTheDisk() throws {
        try makeNestedBundles()
        let unsaved = Self.configNamingNone.replacingOccurrences(of: "nice_cxone", with: "nice_cxon")
        let result = discover(["outer/inner"], overlay: [folder.subpath("outer/inner/phone-integration.yaml"): Array(unsaved.utf8)])
        let config = try XCTUnwrap(result.bundles.first?.bundle.integration)
        XCTAssertEqual(config.contactCenterType?.value, "nice_cxon", "the editor buffer, not the saved file")
        let unsavedScript = discover(
            ["outer/inner"], overlay: [folder.subpath("outer/inner/studio/New.xml"): try Fixtures.bytes(Fixtures.path("Samples/good/studio/WatsonPhone.xml"))])
        XCTAssertEqual(
            unsavedScript.bundles.first?.bundle.scripts.map(\.path), ["outer/inner/studio/New.xml", "outer/inner/studio/WatsonPhone.json"])
    }

    // MARK: - Two phases

    func configNaming(assistant: String, script: String) -> String {
        Self.configNamingNone + "\nassistant: \(assistant)\nscripts:\n  - \(script)\n"
    }

    /// Phase 1 parses configs (and files that mention one) but no export or
    /// script; each job takes what phase 1 parsed, so nothing is parsed twice
    /// and nothing is left held once every job ran.
    func testPlanParsesOnlyConfigCandidatesAndJobsTakeThem() throws {
        for line in 0..<3 {
            try folder.write("fleet/line-\(line)/phone-integration.yaml", configNaming(assistant: "exports/action-skill.json", script: "studio/WatsonPhone.xml"))
            try folder.copy("Samples/good/exports/action-skill.json", to: "fleet/line-\(line)/exports/action-skill.json")
            try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "fleet/line-\(line)/studio/WatsonPhone.xml")
        }
        try folder.write("fleet/line-0/NOTES.md", "# How to edit phone_integration\n")
        let discovery = Discovery(workingDirectory: folder.path)
        let plan = discovery.plan(["fleet"])
        XCTAssertEqual(plan.jobs.count, 4, "three configs, and the notes no config claims")
        XCTAssertEqual(plan.store.count, 4, "the three configs and the notes, which mention the root key")
        let found = plan.jobs.flatMap { discovery.bundles(of: $0, in: plan) }
        XCTAssertEqual(plan.store.count, 0, "every file phase 1 parsed was handed to its job")
        XCTAssertEqual(found.map(\.bundle.shownRoot), ["fleet/line-0", "fleet/line-1", "fleet/line-2"], "the notes are no input")
        XCTAssertTrue(found.allSatisfy { $0.bundle.assistants.count == 1 && $0.bundle.scripts.count == 1 })
    }

    /// Two configs in one folder both claim its script: it is parsed once, in
    /// phase 1, and both bundles get the same document.
    func testAFileSeveralBundlesReadIsParsedOnceAndShared() throws {
        try folder.write("line/a/phone-integration.yaml", Self.configNamingNone)
        try folder.write("line/a/second.yaml", Self.configNamingNone)
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/a/studio/WatsonPhone.xml")
        let discovery = Discovery(workingDirectory: folder.path)
        let plan = discovery.plan(["line"])
        XCTAssertEqual(plan.jobs.count, 2)
        XCTAssertEqual(plan.store.count, 3, "both configs and the shared script")
        let found = plan.jobs.flatMap { discovery.bundles(of: $0, in: plan) }
        XCTAssertEqual(plan.store.count, 0)
        XCTAssertEqual(found.map { $0.bundle.scripts.map(\.path) }, [["line/a/studio/WatsonPhone.xml"], ["line/a/studio/WatsonPhone.xml"]])
    }

    /// The look for configs reads whole files: a root key far from the start still counts.
    func testConfigWhoseKeyComesLateIsFound() throws {
        let preamble = String(repeating: "# a long comment line kept from an old template\n", count: 2_000)
        try folder.write("line/phone-integration.yaml", preamble + configNaming(assistant: "exports/action-skill.json", script: "studio/WatsonPhone.xml"))
        try folder.copy("Samples/good/exports/action-skill.json", to: "line/exports/action-skill.json")
        try folder.copy("Samples/good/studio/WatsonPhone.xml", to: "line/studio/WatsonPhone.xml")
        let result = discover(["line"])
        XCTAssertEqual(result.bundles.count, 1)
        XCTAssertEqual(result.bundles.first?.bundle.config?.path, "line/phone-integration.yaml")
    }
}

/// Discovery names files by absolute path; these assertions read them as `check`
/// shows them: relative to the package (for the samples) or to the test's own
/// temporary folder, whichever holds the file.
private func shownInTests(_ path: String) -> String {
    if path.hasPrefix(Fixtures.packageRoot + "/") { return String(path.dropFirst(Fixtures.packageRoot.count + 1)) }
    let temporary = (NSTemporaryDirectory() as NSString).standardizingPath + "/cxlint-discovery-"
    guard path.hasPrefix(temporary), let slash = path.dropFirst(temporary.count).firstIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
}

private extension SourceID {
    var shown: String { isArchiveMember ? "\(shownInTests(path))!/\(member!)" : shownInTests(path) }
}

private extension Set<SourceID> {
    var shown: Set<String> { Set<String>(map { (id: SourceID) in id.shown }) }
}

private extension LoadedDocument {
    var path: String { id.shown }
}

private extension LintBundle {
    var shownRoot: String { SourceID(path: root).shown }
}
