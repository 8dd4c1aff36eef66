/// Which training needs tuning holds out to stop on: a seeded share of each funder's needs.
///
/// Each funder's needs are put in an order drawn from the seed and their ids, then the
/// funders' lists, by funder name, are read as one sequence of which every
/// `1 / fraction`-th need is held out (counting on from one funder to the next), so the
/// held-out part has about `fraction` of every funder's needs and of all of them. The
/// split depends only on the seed, the ids and the funders, not on input order.
public enum ValidationSplit {
    /// A flag per need: true when it is held out for validation.
    public static func heldOut(ids: [String], funders: [String], fraction: Double, seed: UInt64) -> [Bool] {
        precondition(ids.count == funders.count, "one funder per need")
        precondition(fraction >= 0 && fraction < 1, "fraction in [0, 1)")
        var out = [Bool](repeating: false, count: ids.count)
        guard fraction > 0 else { return out }
        var byFunder: [String: [Int]] = [:]
        for (i, f) in funders.enumerated() { byFunder[f, default: []].append(i) }
        var k = 0
        for funder in byFunder.keys.sorted() {
            let ordered = byFunder[funder]!.sorted {
                let (a, b) = (KnownFunderCases.mix(seed, ids[$0]), KnownFunderCases.mix(seed, ids[$1]))
                return a != b ? a < b : ids[$0] < ids[$1]
            }
            for i in ordered {
                // Held out when the k-th need carries k x fraction past a whole number.
                if (Double(k + 1) * fraction).rounded(.down) > (Double(k) * fraction).rounded(.down) { out[i] = true }
                k += 1
            }
        }
        return out
    }
}
