/// A partner's past project as the meeting brief shows it: what, when, how much, and how
/// much of it lies in the need's sectors.
public struct PastProject: Sendable, Hashable {
    public var identifier: String
    public var title: String?
    public var year: Int?
    public var valueUSD: Double?
    /// How much of the need's sectors the project covers, in [0, 1]: per need sector,
    /// the project's sector shares in the same code (x 1), category (x 0.6) or group
    /// (x 0.25), summed and capped at 1, weighted by the need's shares.
    public var overlap: Double

    public init(identifier: String, title: String?, year: Int?, valueUSD: Double?, overlap: Double) {
        self.identifier = identifier
        self.title = title
        self.year = year
        self.valueUSD = valueUSD
        self.overlap = overlap
    }

    /// The projects most relevant to a need: those that overlap its sectors, by overlap,
    /// then value, then the latest first; only those started in or before `until`.
    ///
    /// ```swift
    /// let shown = PastProject.mostRelevant(activities, to: need, taxonomy: reference.sectors, limit: 3)
    /// ```
    public static func mostRelevant(_ activities: [EvidenceActivity], to need: Need, taxonomy: SectorTaxonomy, until: Int? = nil, limit: Int = 3) -> [PastProject] {
        let total = need.sectors.reduce(0) { $0 + max($1.share, 0) }
        guard total > 0 else { return [] }
        let needKeys = need.sectors.filter { $0.share > 0 }.map { (CompiledCatalog.resolveLoose($0.code, taxonomy), $0.share / total) }
        var out: [PastProject] = []
        for a in activities {
            if let until { guard let y = a.year, y <= until else { continue } }
            let fives = a.sectors.filter { $0.vocabulary == "1" }
            let used = fives.isEmpty ? a.sectors.filter { $0.vocabulary == "2" } : fives
            let weights = EvidenceProfile.shares(used.map(\.percentage))
            let keys = used.map { CompiledCatalog.resolveLoose($0.vocabulary == "1" ? $0.code : ($0.category ?? $0.code), taxonomy) }
            var overlap = 0.0
            for (need, share) in needKeys {
                var covered = 0.0
                for (key, w) in zip(keys, weights) {
                    if key.code == need.code { covered += w }
                    else if let c = need.category, key.category == c { covered += 0.6 * w }
                    else if key.group == need.group { covered += 0.25 * w }
                }
                overlap += share * min(covered, 1)
            }
            guard overlap > 0 else { continue }
            out.append(PastProject(identifier: a.identifier, title: a.title, year: a.year, valueUSD: a.value?.usd, overlap: overlap))
        }
        out.sort { a, b in
            if abs(a.overlap - b.overlap) > 1e-9 { return a.overlap > b.overlap }
            if (a.valueUSD ?? -1) != (b.valueUSD ?? -1) { return (a.valueUSD ?? -1) > (b.valueUSD ?? -1) }
            if (a.year ?? 0) != (b.year ?? 0) { return (a.year ?? 0) > (b.year ?? 0) }
            return a.identifier < b.identifier
        }
        return Array(out.prefix(limit))
    }

    /// `mostRelevant` for each partner that has a project on record up to `until`
    /// (partners without are left out, so the brief shows no line for them).
    public static func byPartner(_ activities: [String: [EvidenceActivity]], to need: Need, taxonomy: SectorTaxonomy, until: Int? = nil, limit: Int = 3) -> [String: [PastProject]] {
        var out: [String: [PastProject]] = [:]
        for (id, acts) in activities {
            let onRecord = until.map { u in acts.contains { $0.year.map { $0 <= u } ?? false } } ?? !acts.isEmpty
            if onRecord { out[id] = mostRelevant(acts, to: need, taxonomy: taxonomy, until: until, limit: limit) }
        }
        return out
    }
}
