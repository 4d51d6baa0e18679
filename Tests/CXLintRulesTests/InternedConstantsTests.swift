@testable import CXLintAnalysis
import CXLintTestSupport
import XCTest

/// The propagation's numbered facts must mean what the `ConstantValue` sets
/// they stand for mean. Each test replays random operations on both spellings:
/// the numbered one, and a model built from `Set` and `Dictionary` with the
/// join as the analysis defines it (union, either side's flags, "unknown"
/// past `VariableFacts.limit` constants).
final class InternedConstantsTests: XCTestCase {
    /// Facts as sets: the meaning the numbers must keep.
    struct ModelFacts: Hashable {
        var constants: Set<ConstantValue>
        var mayBeUnset: Bool
        var mayBeUnknown: Bool

        static let unset = ModelFacts(constants: [], mayBeUnset: true, mayBeUnknown: false)

        func joined(with other: ModelFacts) -> ModelFacts {
            let union = constants.union(other.constants)
            let unset = mayBeUnset || other.mayBeUnset
            if union.count > VariableFacts.limit { return ModelFacts(constants: [], mayBeUnset: unset, mayBeUnknown: true) }
            return ModelFacts(constants: union, mayBeUnset: unset, mayBeUnknown: mayBeUnknown || other.mayBeUnknown)
        }

        init(constants: Set<ConstantValue>, mayBeUnset: Bool, mayBeUnknown: Bool) {
            self.constants = constants
            self.mayBeUnset = mayBeUnset
            self.mayBeUnknown = mayBeUnknown
        }

        init(_ facts: VariableFacts) { self.init(constants: facts.constants, mayBeUnset: facts.mayBeUnset, mayBeUnknown: facts.mayBeUnknown) }

        var spelled: VariableFacts { VariableFacts(constants: constants, mayBeUnset: mayBeUnset, mayBeUnknown: mayBeUnknown) }
    }

    /// A small pool, so random facts overlap, meet equal constants with other
    /// origins, and now and then pass the limit.
    static let pool: [ConstantValue] = (0..<24).map { n in
        let origin = n % 5 == 0 ? nil : ConstantValue.Origin(action: n % 7, property: n % 2, utf8Range: (n % 3)..<(n % 3 + 4))
        return ConstantValue("c\(n % 11)", origin: origin)
    }

    static func randomFacts(_ random: inout SplitMix) -> ModelFacts {
        let count = random.next(20) < 2 ? 10 + random.next(8) : random.next(5)
        var constants = Set<ConstantValue>()
        for _ in 0..<count { constants.insert(pool[random.next(pool.count)]) }
        let facts = ModelFacts(constants: constants, mayBeUnset: random.next(3) == 0, mayBeUnknown: random.next(4) == 0)
        return facts.constants.count > VariableFacts.limit ? facts.joined(with: facts) : facts
    }

    func testNumbersAreEqualExactlyWhenFactsAre() {
        var random = SplitMix(seed: 1)
        var table = ConstantTable()
        var seen: [ModelFacts: FactsID] = [:]
        for _ in 0..<500 {
            let facts = Self.randomFacts(&random)
            let id = table.id(of: facts.spelled)
            if let earlier = seen[facts] { XCTAssertEqual(id, earlier) } else { XCTAssertFalse(seen.values.contains(id)); seen[facts] = id }
            XCTAssertEqual(ModelFacts(table.values(of: id)), facts)
        }
        XCTAssertEqual(table.id(of: VariableFacts.unset), ConstantTable.unset)
        XCTAssertEqual(table.id(of: VariableFacts.unknown), ConstantTable.unknown)
    }

    func testJoinsAnswerAsTheSetJoin() {
        var random = SplitMix(seed: 2)
        var table = ConstantTable()
        for _ in 0..<2000 {
            let (a, b) = (Self.randomFacts(&random), Self.randomFacts(&random))
            let (x, y) = (table.id(of: a.spelled), table.id(of: b.spelled))
            // Twice each way: the second answers come from the memo.
            // (Each number is taken before the table is read: the read would see the table before the join.)
            for _ in 0..<2 {
                let (joined, reversed, withUnset) = (table.join(x, y), table.join(y, x), table.join(x, ConstantTable.unset))
                XCTAssertEqual(ModelFacts(table.values(of: joined)), a.joined(with: b))
                XCTAssertEqual(joined, reversed)
                XCTAssertEqual(ModelFacts(table.values(of: withUnset)), a.joined(with: .unset))
            }
            let copy = table.copied(x)
            XCTAssertEqual(ModelFacts(table.values(of: copy)), ModelFacts(constants: a.constants, mayBeUnset: false, mayBeUnknown: a.mayBeUnset || a.mayBeUnknown))
        }
    }

    func testEnvironmentJoinsAnswerAsTheDictionaryJoin() {
        var random = SplitMix(seed: 3)
        var table = ConstantTable()
        let keys = (0..<8).map { "v\($0)" }
        func randomEnvironment() -> [String: ModelFacts] {
            var env: [String: ModelFacts] = [:]
            for key in keys where random.next(2) == 0 { env[key] = Self.randomFacts(&random) }
            return env
        }
        func numbered(_ env: [String: ModelFacts]) -> InternedEnvironment {
            var result = InternedEnvironment()
            for (key, facts) in env { result.set(table.id(ofKey: key), table.id(of: facts.spelled)) }
            return result
        }
        func model(_ env: InternedEnvironment) -> [String: ModelFacts] {
            Dictionary(uniqueKeysWithValues: env.entries.map { (table.keys[Int($0.key)], ModelFacts(table.values(of: $0.facts))) })
        }
        for round in 0..<1000 {
            let (a, b) = (randomEnvironment(), round % 10 == 0 ? [:] : randomEnvironment())
            var expected = a
            for key in Set(a.keys).union(b.keys) { expected[key] = (a[key] ?? .unset).joined(with: b[key] ?? .unset) }
            var joined = numbered(a)
            let changed = joined.formJoin(numbered(b), table: &table)
            XCTAssertEqual(model(joined), expected)
            XCTAssertEqual(changed, expected != a)
            XCTAssertEqual(joined.entries.map(\.key), joined.entries.map(\.key).sorted())
            XCTAssertEqual(numbered(a).joined(with: numbered(b), table: &table), joined)
            // Joining `b` again need not change nothing: a variable widened to "unknown"
            // takes `b`'s constants back. It answers as the model all the same.
            var again = expected
            for key in b.keys { again[key] = again[key]!.joined(with: b[key]!) }
            for key in Set(again.keys).subtracting(b.keys) { again[key] = again[key]!.joined(with: .unset) }
            XCTAssertEqual(joined.formJoin(numbered(b), table: &table), again != expected)
            XCTAssertEqual(model(joined), again)
        }
    }

    func testHashIndexKeepsEntriesUnderOneKeyApart() {
        var index = HashIndex()
        XCTAssertNil(index[7])
        for value in 0..<1000 as Range<UInt32> { index.insert(UInt64(value % 37), value) }
        for value in 0..<1000 as Range<UInt32> {
            XCTAssertEqual(index.first(UInt64(value % 37)) { $0 == value }, value)
        }
        XCTAssertNil(index.first(36) { $0 == 37 })
        XCTAssertNil(index[1000])
    }
}
