/// Something that ranks partners for needs and can be compared with other rankers: a rule
/// (from a file or built in) or the seeded random baseline.
///
/// ```swift
/// let rankers = [EvalRanker.rule(defaultRule), try EvalRanker(builtin: "builtin:sector-only", seed: 7)!]
/// let rankings = rankers[1].rank(needs, partners: partners, reference: reference, top: 100)
/// ```
public enum EvalRanker: Sendable {
    /// Ranks with the engine under a rule.
    case rule(Rule)
    /// `builtin:random`: every partner (no filter) gets a uniform score in [0, 100) from a
    /// SplitMix64 generator seeded with the seed and the need id; ties by partner id.
    case random(seed: UInt64)

    /// The built-in baselines, by the name used where a rule is expected.
    public static let builtinNames = ["builtin:random", "builtin:popularity", "builtin:sector-only"]

    /// A built-in baseline by name (`builtin:popularity`); nil for another name.
    ///
    /// - `builtin:random`: see `random(seed:)`.
    /// - `builtin:popularity`: the presence feature alone (recent yearly volume in Viet Nam,
    ///   log scale, default parameters), no filter: the best-known funders first.
    /// - `builtin:sector-only`: the sector-fit feature alone (default credits), no filter.
    public init?(builtin name: String, seed: UInt64) {
        switch name {
        case "builtin:random":
            self = .random(seed: seed)
        case "builtin:popularity":
            self = .rule(Rule(unchecked: name, version: "1",
                              description: "Baseline: presence in Viet Nam (recent yearly volume) alone, no filter.",
                              filters: .none, features: FeatureSettings(presence: PresenceParameters(weight: 1))))
        case "builtin:sector-only":
            self = .rule(Rule(unchecked: name, version: "1",
                              description: "Baseline: sector fit alone, no filter.",
                              filters: .none, features: FeatureSettings(sectorFit: SectorFitParameters(weight: 1))))
        default:
            return nil
        }
    }

    /// The name shown in reports and used as the run tag.
    public var name: String {
        switch self {
        case .rule(let rule): rule.name
        case .random: "builtin:random"
        }
    }

    /// The top `k` partners for each need, in input order.
    ///
    /// With `evidence`, a rule that weighs evidence features sees, for each need, only the
    /// evidence `EvidenceHistory` allows it (before its year, or outside its fold): one
    /// compiled catalog per distinct allowance.
    public func rank(_ needs: [Need], partners: [Partner], reference: ReferenceData, top k: Int,
                     threads: Int, evidence: EvidenceHistory? = nil) -> [Ranking] {
        switch self {
        case .rule(let rule) where rule.filters.status != nil && needs.contains(where: { $0.date != nil }):
            // Past needs are ranked with each window's status as it stood in their year:
            // one ranking pass per year (undated needs: today's states).
            var out = [Ranking?](repeating: nil, count: needs.count)
            let latest = CompiledCatalog.latestStatusYear(partners)
            let byYear = Dictionary(grouping: needs.indices) { CompiledCatalog.statusYear(of: needs[$0], rule: rule, latestJudged: latest) }
            for (year, members) in byYear.sorted(by: { ($0.key ?? .max) < ($1.key ?? .max) }) {
                let ranked = EvalRanker.rankRule(rule, members.map { needs[$0] }, partners: partners, reference: reference, top: k, threads: threads, evidence: evidence, statusAsOf: year)
                for (i, r) in zip(members, ranked) { out[i] = r }
            }
            return out.map { $0! }
        case .rule(let rule):
            return EvalRanker.rankRule(rule, needs, partners: partners, reference: reference, top: k, threads: threads, evidence: evidence, statusAsOf: nil)
        case .random(let seed):
            return EvalRanker.randomRankings(needs.map(\.id), partners: partners, top: k, seed: seed)
        }
    }

    /// The top `k` partners for each need under a rule, with each need's evidence
    /// allowance and the instruments' status as of `statusAsOf`.
    static func rankRule(_ rule: Rule, _ needs: [Need], partners: [Partner], reference: ReferenceData, top k: Int,
                         threads: Int, evidence: EvidenceHistory?, statusAsOf: Int?) -> [Ranking] {
        guard let evidence, rule.features.used.contains(where: \.isEvidence) else {
            return CompiledCatalog(partners: partners, reference: reference, rule: rule, statusAsOf: statusAsOf)
                .rank(needs, top: k, threads: threads)
        }
        var out = [Ranking?](repeating: nil, count: needs.count)
        for (key, members) in evidence.groups(needs) {
            let catalog = CompiledCatalog(partners: partners, reference: reference, rule: rule, evidence: evidence.summaries(for: key), statusAsOf: statusAsOf)
            for (i, r) in zip(members, catalog.rank(members.map { needs[$0] }, top: k, threads: threads)) { out[i] = r }
        }
        return out.map { $0! }
    }

    /// Rankings by seeded uniform scores.
    ///
    /// Each need draws from its own generator, seeded with `seed` mixed with a hash of the
    /// need id, so a need's ranking does not depend on the other needs or their order.
    /// Scores are drawn for the partners in id order, so the catalog's load order does not
    /// matter either.
    static func randomRankings(_ needIDs: [String], partners: [Partner], top k: Int, seed: UInt64) -> [Ranking] {
        var seen = Set<String>()
        let sorted = partners.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        let rule = Rule(unchecked: "builtin:random", version: "seed-\(seed)",
                        description: "Baseline: seeded uniform scores, no filter.",
                        filters: .none, features: FeatureSettings())
        let hash = CatalogHash.hash(partners: sorted, rule: rule)
        return needIDs.map { id in
            var generator = EvalSplitMix64(seed: seed ^ fnv1a(id))
            var scored = sorted.map { p in (id: p.id, score: 100 * Double(generator.next() >> 11) * 0x1p-53) }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            let entries = scored.prefix(max(0, k)).enumerated().map {
                RankedPartner(rank: $0 + 1, partnerID: $1.id, score: $1.score)
            }
            return Ranking(needID: id, ruleName: rule.name, ruleVersion: rule.version, catalogHash: hash,
                           partnerCount: sorted.count, excludedCount: 0, entries: entries)
        }
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and machines, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
