import CXLintSyntax
import CXLintRules
import XCTest

/// What `cxlint explain` shows of an example: the lines around the marker,
/// long lines cut around it, and the same place in the non-triggering example.
final class ExampleExcerptTests: XCTestCase {
    func testLinesAroundTheMarkerWithLongLinesCut() throws {
        let long = String(repeating: "x", count: 300)
        let example = RuleExample([
            ("a.yaml", "one\n"),
            ("b.xml", "1\n2\n3\n\(long)<Action>↓PLACECALL</Action>\(long)\n5\n6\n7\n"),
        ])
        let excerpt = try XCTUnwrap(ExampleExcerpt.around(markerOf: example))
        XCTAssertEqual(excerpt.path, "b.xml")
        XCTAssertEqual(excerpt.lines.map(\.number), [2, 3, 4, 5, 6])
        let marked = excerpt.lines[2].text
        XCTAssertTrue(marked.contains("↓PLACECALL"), marked)
        XCTAssertTrue(marked.hasPrefix("…") && marked.hasSuffix("…"), marked)
        XCTAssertLessThanOrEqual(marked.count, 102)
        XCTAssertEqual(excerpt.rendered.split(separator: "\n").first, "  b.xml")
    }

    func testCounterpartShowsWhereTheNonTriggeringExampleDiffers() throws {
        let triggering = RuleExample([("c.yaml", "a: 1\nb: 2\ntype: ↓nice_cxon\nd: 4\n")])
        let right = RuleExample([("c.yaml", "a: 1\nb: 2\ntype: nice_cxone\nd: 4\n")])
        let excerpt = try XCTUnwrap(ExampleExcerpt.counterpart(in: right, of: triggering))
        XCTAssertEqual(excerpt.lines.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(excerpt.lines.map(\.text)[2], "type: nice_cxone")
        // Every catalog rule with a marked example gets both sides in a few lines.
        for rule in RuleCatalog.all {
            let d = rule.description
            guard let first = d.triggeringExamples.first, let marked = ExampleExcerpt.around(markerOf: first) else { continue }
            XCTAssertLessThanOrEqual(marked.lines.count, 5, "\(d.id)")
            if let other = d.nonTriggeringExamples.first {
                XCTAssertNotNil(ExampleExcerpt.counterpart(in: other, of: first), "\(d.id)")
            }
        }
    }
}
