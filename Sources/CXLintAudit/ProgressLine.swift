/// The text of the audit's progress report: a bar redrawn in place on a
/// terminal, plain lines (at most one per tenth of the work) otherwise.
/// The work is counted in configs and unclaimed files checked; the bundles
/// found are counted apart, since a file checked may be no bundle (a README),
/// and that count ends where the report's summary starts.
public struct ProgressLine: Sendable {
    public var done: Int
    public var total: Int
    /// Bundles found so far.
    public var bundles: Int
    /// Seconds since linting started.
    public var elapsed: Double

    public init(done: Int, total: Int, bundles: Int, elapsed: Double) {
        self.done = done
        self.total = total
        self.bundles = bundles
        self.elapsed = elapsed
    }

    public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the current rate; nil until there is a rate.
    public var eta: Double? {
        guard rate > 0 else { return nil }
        return Double(total - done) / rate
    }

    /// `[██████······] checked 512/1000, 498 bundles  85.3/s  ETA 0:06`
    public func bar(width: Int = 24) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        return "[\(bar)] checked \(done)/\(total), \(bundlesText)  \(Self.format(rate))/s  ETA \(eta.map(Self.clock) ?? "--:--")"
    }

    /// `cxlint audit: checked 512/1000, 498 bundles (85.3/s, ETA 0:06)`
    public var plain: String {
        "cxlint audit: checked \(done)/\(total), \(bundlesText) (\(Self.format(rate))/s, ETA \(eta.map(Self.clock) ?? "--:--"))"
    }

    var bundlesText: String { "\(bundles) bundle\(bundles == 1 ? "" : "s")" }

    /// Whether a plain line is due: the first, the last, and each tenth.
    public static func plainLineDue(done: Int, total: Int) -> Bool {
        guard total > 0 else { return true }
        if done == 1 || done == total { return true }
        return done * 10 / total != (done - 1) * 10 / total
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let tail = "\(s % 60 < 10 ? "0" : "")\(s % 60)"
        return s >= 3600 ? "\(s / 3600):\((s / 60) % 60 < 10 ? "0" : "")\((s / 60) % 60):\(tail)" : "\(s / 60):\(tail)"
    }
}
