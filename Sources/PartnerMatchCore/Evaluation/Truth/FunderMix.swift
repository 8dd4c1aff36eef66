/// Which funders a set of judged needs is about: needs per funder and the share of the
/// largest.
///
/// Truth drawn from past projects takes the mix of whoever publishes the most: the shared
/// evidence is mostly KOICA's. A rule tuned on such truth learns to find that funder, and
/// a figure measured on it says how well a rule finds that funder. The mix is printed
/// wherever truth is built or used, `tune` refuses an unbalanced one (`problem`), and
/// `truth` caps each funder (`capped`).
///
/// ```swift
/// let mix = FunderMix(funders: ["koica-grants", "koica-grants", "sfd-loans"])
/// mix.largestShare   // 0.667
/// mix.problem()      // "2 funders (expected at least 5) ..."
/// ```
public struct FunderMix: Sendable, Hashable {
    /// Funders by needs, most first, then by name.
    public var counts: [(funder: String, needs: Int)] {
        byFunder.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
    public let byFunder: [String: Int]

    /// At least this many funders for tuning.
    public static let minimumFunders = 5
    /// At most this share of the needs for any one funder, for tuning.
    public static let maximumShare = 0.5

    /// The mix of needs whose funders are `funders` (one entry per need; "" for a need
    /// with no relevant partner counts as a funder of its own).
    public init<S: Sequence>(funders: S) where S.Element == String {
        var out: [String: Int] = [:]
        for f in funders { out[f, default: 0] += 1 }
        byFunder = out
    }

    public var needs: Int { byFunder.values.reduce(0, +) }
    public var funderCount: Int { byFunder.count }
    public var largest: (funder: String, needs: Int)? { counts.first }
    /// The largest funder's share of the needs (0 when there are none).
    public var largestShare: Double { needs == 0 ? 0 : Double(largest!.needs) / Double(needs) }

    /// The median funder's needs (the lower of the middle two for an even count).
    public var medianNeeds: Int {
        let sorted = byFunder.values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    /// Why this mix should not be tuned on, or nil: fewer than `minimumFunders` funders,
    /// or one funder holding more than `maximumShare` of the needs.
    public func problem() -> String? {
        var reasons: [String] = []
        if funderCount < FunderMix.minimumFunders {
            reasons.append("\(funderCount) funder\(funderCount == 1 ? "" : "s") (expected at least \(FunderMix.minimumFunders))")
        }
        if largestShare > FunderMix.maximumShare, let l = largest {
            reasons.append("\(l.funder) holds \(FunderMix.percent(largestShare)) of the needs (expected at most \(FunderMix.percent(FunderMix.maximumShare)))")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: " and ")
    }

    /// One line: "120 needs, 7 funders, the largest koica-grants 45% (54 needs)".
    public var summary: String {
        guard let l = largest else { return "no judged needs" }
        return "\(needs) need\(needs == 1 ? "" : "s"), \(funderCount) funder\(funderCount == 1 ? "" : "s"), the largest \(l.funder.isEmpty ? "(no relevant partner)" : l.funder) \(FunderMix.percent(largestShare)) (\(l.needs) need\(l.needs == 1 ? "" : "s"))"
    }

    /// Funders and their needs, at most `limit` rows, then one row for the rest.
    public func table(limit: Int = 12) -> Table {
        var t = Table(columns: [.init("funder", "Funder"), .init("needs", "Needs", alignRight: true), .init("share", "Share", alignRight: true)])
        let all = counts
        for c in all.prefix(limit) {
            let share = needs == 0 ? 0 : Double(c.needs) / Double(needs)
            t.rows.append([.text(c.funder.isEmpty ? "(no relevant partner)" : c.funder), .number(Double(c.needs), String(c.needs)), .number(share, FunderMix.percent(share))])
        }
        if all.count > limit {
            let rest = all.dropFirst(limit).reduce(0) { $0 + $1.needs }
            let share = Double(rest) / Double(max(needs, 1))
            t.rows.append([.text("\(all.count - limit) other funders"), .number(Double(rest), String(rest)), .number(share, FunderMix.percent(share))])
        }
        return t
    }

    static func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() || p >= 10 ? "\(Int(p.rounded()))%" : String(format: "%.1f%%", p)
    }

    /// Which of `funders` (one per need) to keep so that no funder has more than `cap`
    /// needs: each funder over the cap keeps `cap` of its needs, drawn with `seed` (the
    /// same needs for a seed, whatever the order of other funders). Returns a flag per need.
    public static func keep(funders: [String], ids: [String], cap: Int, seed: UInt64) -> [Bool] {
        precondition(funders.count == ids.count, "one id per need")
        var keep = [Bool](repeating: true, count: funders.count)
        guard cap > 0 else { return keep }
        var byFunder: [String: [Int]] = [:]
        for (i, f) in funders.enumerated() { byFunder[f, default: []].append(i) }
        for (funder, members) in byFunder where members.count > cap {
            // Ordered by a hash of the seed, the funder and the need id, so that the
            // choice does not depend on file order.
            let ordered = members.sorted {
                let (a, b) = (KnownFunderCases.mix(seed, funder + "\u{1F}" + ids[$0]), KnownFunderCases.mix(seed, funder + "\u{1F}" + ids[$1]))
                return a != b ? a < b : ids[$0] < ids[$1]
            }
            for i in ordered.dropFirst(cap) { keep[i] = false }
        }
        return keep
    }
}
