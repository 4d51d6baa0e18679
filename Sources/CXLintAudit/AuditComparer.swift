import CXLintDriver
/// `--compare PREVIOUS.json`: marks each finding new or unchanged and lists
/// the fixed ones, per bundle. Findings match by fingerprint (rule, file,
/// subject and which repeat of it, as a baseline matches), so a finding that
/// only moved is unchanged (`CountedMatching`).
public enum AuditComparer {
    public struct Result: Sendable {
        public var bundles: [AuditBundle]
        public var removed: [RemovedBundle]
    }

    /// - Parameter owns: whether a bundle ID is this run's to report (its shard),
    ///   so a bundle removed since the previous audit is reported by exactly one shard.
    public static func compare(_ bundles: [AuditBundle], with previous: AuditReport, owns: (String) -> Bool) -> Result {
        let before = Dictionary(previous.bundles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let compared = bundles.map { compare($0, with: before[$0.id]) }
        let present = Set(bundles.map(\.id))
        let removed = previous.bundles
            .filter { !present.contains($0.id) && owns($0.id) && !$0.findings.isEmpty }
            .map { RemovedBundle(id: $0.id, path: $0.path, fixed: $0.findings.map(markedFixed)) }
        return Result(bundles: compared, removed: removed)
    }

    static func compare(_ bundle: AuditBundle, with previous: AuditBundle?) -> AuditBundle {
        let before = previous?.findings ?? []
        let (matched, left) = CountedMatching.match(bundle.findings.map(\.fingerprint), against: before.map(\.fingerprint))
        var result = bundle
        var counts = ChangeCounts.zero
        for i in result.findings.indices {
            result.findings[i].change = matched[i] ? .unchanged : .new
            if matched[i] { counts.unchanged += 1 } else { counts.new += 1 }
        }
        let fixed = left.map { markedFixed(before[$0]) }
        counts.fixed = fixed.count
        result.fixed = fixed
        result.changes = counts
        return result
    }

    static func markedFixed(_ finding: AuditFinding) -> AuditFinding {
        var copy = finding
        copy.change = .fixed
        return copy
    }

    /// The history the next report carries: the previous audit's own trend,
    /// then the previous audit itself (capped, oldest dropped first).
    public static func trend(after previous: AuditReport, limit: Int = 24) -> [TrendPoint] {
        Array(((previous.comparison?.trend ?? []) + [previous.trendPoint]).suffix(limit))
    }
}

/// `cxlint audit merge`: shard reports back into the report an unsharded
/// run would have written.
public enum AuditMerger {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAShard(Int)
        case shardCountMismatch(expected: Int, found: Int)
        case duplicateShard(Int)
        case missingShards([Int])
        case differentRuns(String)
        case duplicateBundle(String)

        public var description: String {
            switch self {
            case .notAShard(let position): "report \(position) is not a shard (written without --shard)"
            case .shardCountMismatch(let expected, let found): "the shards disagree on their count (\(expected) and \(found))"
            case .duplicateShard(let index): "shard \(index) is given twice"
            case .missingShards(let missing): "shard(s) \(missing.map(String.init).joined(separator: ", ")) missing"
            case .differentRuns(let what): "the shards come from different audits: their \(what) differ"
            case .duplicateBundle(let id): "bundle \(id) appears in two shards"
            }
        }
    }

    public static func merge(_ reports: [AuditReport]) throws(Failure) -> AuditReport {
        try checkShards(reports)
        let first = reports[0]
        for report in reports.dropFirst() {
            if report.roots != first.roots { throw .differentRuns("roots") }
            if report.label != first.label { throw .differentRuns("labels") }
            if report.comparison?.trend != first.comparison?.trend { throw .differentRuns("previous audits (--compare)") }
        }
        var seen = Set<String>()
        for bundle in reports.flatMap(\.bundles) where !seen.insert(bundle.id).inserted {
            throw .duplicateBundle(bundle.id)
        }
        return AuditReport.assemble(
            roots: first.roots, label: first.label, shard: nil, bundles: reports.flatMap(\.bundles),
            removedBundles: first.comparison == nil ? nil : reports.flatMap { $0.comparison?.removedBundles ?? [] },
            trend: first.comparison?.trend, skipped: reports.flatMap { $0.skipped ?? [] })
    }

    /// Every shard 1...N exactly once, all with the same N.
    static func checkShards(_ reports: [AuditReport]) throws(Failure) {
        var shards: [Shard] = []
        for (position, report) in reports.enumerated() {
            guard let shard = report.shard else { throw .notAShard(position + 1) }
            shards.append(shard)
        }
        guard let count = shards.first?.count else { throw .missingShards([1]) }
        if let other = shards.first(where: { $0.count != count }) { throw .shardCountMismatch(expected: count, found: other.count) }
        var indices = Set<Int>()
        for shard in shards where !indices.insert(shard.index).inserted { throw .duplicateShard(shard.index) }
        let missing = (1...count).filter { !indices.contains($0) }
        if !missing.isEmpty { throw .missingShards(missing) }
    }
}
