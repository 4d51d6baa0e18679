@testable import CXLintModel
import CXLintSyntax
import CXLintTestSupport
import Foundation
import XCTest

final class AssistantExportLoaderTests: XCTestCase {
    static let commentedExport = "webchat__contributing__template__actions.json"
    static let phoneExport = "phone__examples__common-interactions__action.json"

    func realExportNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Fixtures.realExports()).filter { $0.hasSuffix(".json") }.sorted()
    }

    func loadRealExport(_ name: String) throws -> [LoadedDocument] {
        DocumentLoader.load(SourceFile(id: SourceID(path: name), bytes: try Fixtures.bytes(Fixtures.realExports() + "/\(name)")))
    }

    func testEveryRealExportLoads() throws {
        let names = try realExportNames()
        XCTAssertEqual(names.count, 62)
        var kinds: [AssistantExport.Kind: Int] = [:]
        var transfers = 0
        for name in names {
            let documents = try loadRealExport(name)
            XCTAssertEqual(documents.count, 1, name)
            let document = try XCTUnwrap(documents.first)
            if name == Self.commentedExport {
                XCTAssertNil(document.assistant, name)
                XCTAssertEqual(document.diagnostics.map(\.rule), [SyntaxRuleID.syntaxError], "\(name): \(document.diagnostics)")
                XCTAssertEqual(document.diagnostics.first?.range.startText, "1:1")
                continue
            }
            let export = try XCTUnwrap(document.assistant, "\(name) is \(document.kindDescription)")
            XCTAssertEqual(document.diagnostics, [], name)
            XCTAssertTrue(export.kind == .actionsSkill || export.kind == .dialogSkill, name)
            XCTAssertEqual(export.file, SourceID(path: name))
            kinds[export.kind, default: 0] += 1
            transfers += export.transfers.count
            for transfer in export.transfers {
                XCTAssertEqual(document.source.text(of: transfer.typeRange), #""connect_to_agent""#, "\(name) \(transfer.pointer)")
                XCTAssertNotNil(transfer.body.mappingEntries, "\(name) \(transfer.pointer)")
            }
        }
        XCTAssertEqual(kinds[.actionsSkill], 58)
        XCTAssertEqual(kinds[.dialogSkill], 3)
        XCTAssertEqual(transfers, 219, "as counted by an independent walk with Python's json module")
    }

    func testPhoneExampleTransfersFromResolvers() throws {
        // Loaded outside XCTUnwrap, which would record a missing ../shared as a failure, not a skip.
        let documents = try loadRealExport(Self.phoneExport)
        let document = try XCTUnwrap(documents.first)
        let export = try XCTUnwrap(document.assistant)
        XCTAssertEqual(export.kind, .actionsSkill)
        XCTAssertEqual(export.name, "Phone Starter Kit-action")
        XCTAssertEqual(export.range.startText, "1:1")
        XCTAssertEqual(
            export.transfers.map(\.pointer),
            ["/workspace/actions/1/steps/0/resolver/response"] + (0...5).map { "/workspace/actions/7/steps/\($0)/resolver/response" })
        XCTAssertTrue(export.transfers.allSatisfy { $0.origin == .resolver })
        let first = try XCTUnwrap(export.transfers.first)
        XCTAssertEqual(first.ownerTitle, "Connect To Agent")
        XCTAssertEqual(first.displayName, "\"Connect To Agent\"")
        XCTAssertEqual(export.transfers.last?.ownerTitle, "Fallback")
        XCTAssertNotNil(first.transferInfo)
        XCTAssertNotNil(first.target?.value.entry("service_desk"))
        XCTAssertNil(first.niceCXone)
        XCTAssertEqual(first.body["agent_available"]?["message"]?.stringValue, "Let's send you to an available agent.")
        // The pointer resolves to the body.
        let pointed = try XCTUnwrap(resolve(first.pointer, in: try XCTUnwrap(document.syntax.root)))
        XCTAssertEqual(pointed.range, first.body.range)
    }

    func testDialogSkillTransferInOutputGeneric() throws {
        let document = try Fixtures.document("Samples/good-web/exports/dialog-skill.json")
        let export = try XCTUnwrap(document.assistant)
        XCTAssertEqual(export.kind, .dialogSkill)
        XCTAssertEqual(export.name, "Northwind Billing Phone Dialog")
        XCTAssertEqual(export.transfers.map(\.pointer), ["/dialog_nodes/0/output/generic/1", "/dialog_nodes/1/output/generic/0"])
        XCTAssertTrue(export.transfers.allSatisfy { $0.origin == .outputGeneric })
        XCTAssertEqual(export.transfers.map(\.ownerTitle), ["Anything else", "Connect to agent"])
        XCTAssertEqual(export.transfers.map(\.typeRange.start.line), [57, 89])
        let transfer = try XCTUnwrap(export.transfers.last)
        XCTAssertEqual(transfer.customData?.value.mappingEntries?.map(\.keyText), ["p2", "p3"])
        XCTAssertEqual(transfer.customData?.value["p2"]?.stringValue, "billing")
        XCTAssertNotNil(transfer.niceCXone)
        XCTAssertEqual(transfer.body["response_type"]?.stringValue, "connect_to_agent")
    }

    func testActionSkillSampleTransfers() throws {
        let document = try Fixtures.document("Samples/good/exports/action-skill.json")
        let export = try XCTUnwrap(document.assistant)
        XCTAssertEqual(export.kind, .actionsSkill)
        XCTAssertEqual(
            export.transfers.map(\.pointer),
            ["/workspace/actions/3/steps/0/resolver/response"] + (0...2).map { "/workspace/actions/5/steps/\($0)/resolver/response" })
        XCTAssertEqual(export.transfers.first?.ownerTitle, "Connect to agent")
        XCTAssertNotNil(export.transfers.first?.customData)
    }

    /// A whole-assistant export wrapping a real skill export, built as text so positions stay real.
    func testWholeAssistantExport() throws {
        let skill = String(decoding: try Fixtures.bytes(Fixtures.realExports() + "/" + Self.phoneExport), as: UTF8.self)
        let dialog = String(decoding: try Fixtures.bytes(Fixtures.path("Samples/good-web/exports/dialog-skill.json")), as: UTF8.self)
        let text = "{\"assistant_skills\": [\n\(skill),\n\(dialog)\n],\n\"assistant_state\": {}}\n"
        let document = try Fixtures.document(text: text, path: "assistant.json")
        let export = try XCTUnwrap(document.assistant)
        XCTAssertEqual(document.diagnostics, [])
        XCTAssertEqual(export.kind, .assistant)
        XCTAssertEqual(
            export.transfers.map(\.pointer),
            ["/assistant_skills/0/workspace/actions/1/steps/0/resolver/response"]
                + (0...5).map { "/assistant_skills/0/workspace/actions/7/steps/\($0)/resolver/response" }
                + ["/assistant_skills/1/dialog_nodes/0/output/generic/1", "/assistant_skills/1/dialog_nodes/1/output/generic/0"])
        XCTAssertEqual(export.transfers.map(\.origin), Array(repeating: .resolver, count: 7) + [.outputGeneric, .outputGeneric])
        // Line numbers are those of the wrapped text: the skill starts on line 2.
        let root = try XCTUnwrap(document.syntax.root)
        for transfer in export.transfers {
            XCTAssertEqual(resolve(transfer.pointer, in: root)?.range, transfer.body.range, transfer.pointer)
        }
    }

    func testDetectionOfExportShapes() throws {
        let shapes: [(String, AssistantExport.Kind?)] = [
            (#"{"workspace": {"actions": []}}"#, .actionsSkill),
            (#"{"workspace": {"dialog_nodes": []}}"#, .dialogSkill),
            (#"{"dialog_nodes": [], "intents": []}"#, .dialogSkill),
            (#"{"actions": [], "intents": []}"#, .actionsSkill),
            (#"{"assistant_skills": []}"#, .assistant),
            (#"{"actions": []}"#, nil),
            (#"{"name": "package", "version": "1.0.0"}"#, nil),
        ]
        for (text, kind) in shapes {
            let document = try Fixtures.document(text: text, path: "x.json")
            XCTAssertEqual(document.assistant?.kind, kind, text)
            if kind == nil { XCTAssertFalse(document.isRecognized, text) }
        }
    }

    func testTransfersAnywhereAndWithoutResponse() throws {
        let text = """
            {"workspace": {"actions": [
              {"title": "A", "steps": [
                {"resolver": {"type": "connect_to_agent"},
                 "output": {"generic": [{"response_type": "connect_to_agent", "transfer_info": {"target": {}}}]}}
              ]},
              {"title": "B", "steps": [{"resolver": {"type": "end_action"}, "handlers": [{"resolver": {"type": "connect_to_agent", "response": {}}}]}]}
            ]}, "metadata": {}}
            """
        let document = try Fixtures.document(text: text, path: "x.json")
        let export = try XCTUnwrap(document.assistant)
        XCTAssertEqual(
            export.transfers.map(\.pointer),
            ["/workspace/actions/0/steps/0/resolver", "/workspace/actions/0/steps/0/output/generic/0",
             "/workspace/actions/1/steps/0/handlers/0/resolver/response"])
        XCTAssertEqual(export.transfers.map(\.origin), [.resolver, .outputGeneric, .resolver])
        XCTAssertEqual(export.transfers.map(\.ownerTitle), ["A", "A", "B"])
        XCTAssertEqual(export.transfers[1].target?.value.mappingEntries?.count, 0)
        XCTAssertNil(export.transfers[1].niceCXone)
    }

    /// The sparse read leaves containers without a transfer site unread; the walk over it must
    /// find what a walk over the whole tree finds, a value spelt with `\u` escapes included.
    func testTransferSitesSkipOnlyWhatHoldsNoTransfer() throws {
        let text = #"""
            {"workspace": {"actions": [
              {"title": "A", "steps": [{"resolver": {"type": "connect\u005fto_agent"}}, {"resolver": {"type": "end_action"}}]},
              {"title": "B", "steps": [{"output": {"generic": [{"response_type": "connect_to_agent"}]}}, {"output": {"text": "\\u"}}]}
            ]}, "metadata": {}}
            """#
        let document = try Fixtures.document(text: text, path: "x.json")
        XCTAssertEqual(
            document.assistant?.transfers.map(\.pointer),
            ["/workspace/actions/0/steps/0/resolver", "/workspace/actions/1/steps/0/output/generic/0"])
        for name in try realExportNames() where name != Self.commentedExport {
            let document = try XCTUnwrap(loadRealExport(name).first)
            let whole = AssistantExportLoader.findTransfers(in: try XCTUnwrap(JSONReader.parse(document.source).root))
            XCTAssertEqual(document.assistant?.transfers.map(\.pointer), whole.map(\.pointer), name)
            for (kept, read) in zip(document.assistant?.transfers ?? [], whole) { XCTAssertSameTree(kept.body, read.body, name) }
        }
    }

    /// On every real export the sparse read reports what the whole read reports, keeps
    /// the nodes it makes, and leaves most containers unread.
    func testSparseReadsOfRealExportsAgreeWithWholeReads() throws {
        var unread = 0
        for name in try realExportNames() {
            let source = SourceFile(id: SourceID(path: name), bytes: try Fixtures.bytes(Fixtures.realExports() + "/\(name)"))
            let sparse = XCTAssertSparseReadAgrees(source, AssistantExportLoader.sparseReading(of: source.bytes), name)
            if let root = sparse.root, name != Self.commentedExport { unread += unreadCount(root) }
        }
        XCTAssertGreaterThan(unread, 1_000)
    }

    /// A transfer's members written before its `connect_to_agent` are kept; a duplicate
    /// key in a step no rule reads is still reported, its subject found through the
    /// unread step.
    func testSparseExportKeepsTheWholeTransferAndFindsSubjectsInUnreadParts() throws {
        let text = #"""
            {"workspace": {"actions": [
              {"title": "A", "steps": [
                {"step": "s1", "output": {"text": "hi", "text": "again"}},
                {"step": "s2", "output": {"generic": [{"transfer_info": {"target": {"nice_cxone": {"custom_data": {"p2": "x"}}}},
                                                       "response_type": "connect_to_agent"}]}}]}
            ]}, "intents": []}
            """#
        let document = try Fixtures.document(text: text, path: "x.json")
        let transfer = try XCTUnwrap(document.assistant?.transfers.first)
        XCTAssertEqual(transfer.customData?.value["p2"]?.stringValue, "x")
        XCTAssertEqual(transfer.ownerTitle, "A")
        let steps = try XCTUnwrap(document.syntax.root?["workspace"]?["actions"]?.sequenceItems?[0]["steps"]?.sequenceItems)
        guard case .unread = steps[0].value else { return XCTFail("the first step holds no transfer and was kept") }
        let duplicate = try XCTUnwrap(document.diagnostics.first { $0.rule == SyntaxRuleID.duplicateKey })
        XCTAssertEqual(duplicate.range.startText, "3:45")
        XCTAssertEqual(Subject.derived(for: duplicate, in: document), "pointer:/workspace/actions/0/steps/0/output/text")
    }

    func testTransferSiteOffsets() {
        let text = "connect_to_agentconnect_to_agent xconnect_to_agen connect_to_agent\\u\\\\u\\"
        let sites = AssistantExportLoader.TransferSites(Array(text.utf8))
        XCTAssertEqual(sites.offsets, [0, 16, 50, 66, 69])
    }

    /// Follows an RFC 6901 pointer through a parsed tree.
    func resolve(_ pointer: String, in root: Node) -> Node? {
        var node = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let items = node.sequenceItems {
                guard let index = Int(key), index < items.count else { return nil }
                node = items[index]
            } else if let next = node[key] {
                node = next
            } else {
                return nil
            }
        }
        return node
    }
}
