/// What the ranking engine needs to know about one partner's past projects: value
/// shares per sector, ticket percentiles per instrument, and activities per province.
///
/// Pure and small: computed once from the partner's activities (each project once) up
/// to an optional last year, then compiled into the catalog's evidence columns
/// (`CompiledCatalog(partners:reference:rule:evidence:)`). The statistics are
/// `EvidenceProfile`'s, so `partners profile --until Y` shows the figures a ranking
/// with `--evidence-until Y` used.
///
/// ```swift
/// let summary = EvidenceSummary.compute(activities, until: 2003)
/// let catalog = CompiledCatalog(partners: partners, reference: reference, rule: rule,
///                               evidence: ["adb": summary])
/// ```
public struct EvidenceSummary: Sendable, Hashable, Codable {
    /// Past tickets of one instrument: the spread of its activity values.
    public struct Tickets: Sendable, Hashable, Codable {
        /// Nil when the source did not say which instrument.
        public var instrument: Instrument?
        public var count: Int
        public var p10: Double
        public var p50: Double
        public var p90: Double

        public init(instrument: Instrument?, count: Int, p10: Double, p50: Double, p90: Double) {
            self.instrument = instrument
            self.count = count
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
        }
    }

    /// The last year counted; nil for all evidence.
    public var until: Int?
    public var activities: Int
    /// Total value in USD of the activities that have one.
    public var valueUSD: Double
    /// Share of the sector-coded value per 5-digit code and per 3-digit category, in
    /// [0, 1] (value without sectors is left out of the denominator).
    public var sectorShares: [String: Double]
    /// The value placed in sectors: the denominator of `sectorShares`.
    public var sectorValueUSD: Double
    public var tickets: [Tickets]
    /// Activities per province (gazetteer unit id).
    public var provinces: [String: Int]

    public init(until: Int? = nil, activities: Int, valueUSD: Double, sectorShares: [String: Double] = [:], sectorValueUSD: Double = 0, tickets: [Tickets] = [], provinces: [String: Int] = [:]) {
        self.until = until
        self.activities = activities
        self.valueUSD = valueUSD
        self.sectorShares = sectorShares
        self.sectorValueUSD = sectorValueUSD
        self.tickets = tickets
        self.provinces = provinces
    }

    /// The summary of activities that started in or before `until` (all when nil).
    public static func compute(_ activities: [EvidenceActivity], until: Int? = nil) -> EvidenceSummary {
        EvidenceSummary(EvidenceProfile.compute(activities, until: until, latest: 0))
    }

    /// The summary of a profile's figures.
    public init(_ profile: EvidenceProfile) {
        // Shares of the value placed in a sector, not of all value: a source that gives
        // no sectors (ADB's IATI file) says nothing about where the money went, so
        // the coded part speaks for the whole.
        let coded = max(profile.sectors.reduce(0) { $0 + $1.valueUSD }, profile.categories.reduce(0) { $0 + $1.valueUSD })
        var shares: [String: Double] = [:]
        for r in profile.sectors + profile.categories where r.valueUSD > 0 && coded > 0 { shares[r.code] = min(r.valueUSD / coded, 1) }
        self.init(
            until: profile.until, activities: profile.activities, valueUSD: profile.valueUSD, sectorShares: shares, sectorValueUSD: coded,
            tickets: profile.tickets.map { Tickets(instrument: Instrument(rawValue: $0.instrument), count: $0.count, p10: $0.p10, p50: $0.p50, p90: $0.p90) },
            provinces: Dictionary(profile.provinces.map { ($0.province, $0.activities) }, uniquingKeysWith: +))
    }

    /// True when some value is placed in a sector: the sector evidence can speak.
    public var hasSectorEvidence: Bool { sectorValueUSD > 0 && !sectorShares.isEmpty }

    /// True when some activity is placed in a province.
    public var hasProvinceEvidence: Bool { !provinces.isEmpty }

    /// Past tickets that tell about a need seeking `sought`: those of compatible
    /// instruments and those whose instrument the source did not state.
    public func tickets(compatibleWith sought: SoughtInstrument) -> [Tickets] {
        let compatible = sought.compatibleInstruments
        return tickets.filter { t in t.count > 0 && t.instrument.map(compatible.contains) ?? true }
    }

    /// Share of value per sector group: the sum of its categories' shares.
    func groupShares(_ taxonomy: SectorTaxonomy) -> [String: Double] {
        var out: [String: Double] = [:]
        for (code, share) in sectorShares where code.utf8.count == 3 { out[taxonomy.groupCode(ofCategory: code), default: 0] += share }
        return out
    }

    /// The shares of value at the three levels at which a sector string can match:
    /// its own code, its category, its group (`groups` from `groupShares`).
    func levelShares(_ key: SectorTaxonomy.Resolved, groups: [String: Double]) -> (exact: Double, category: Double, group: Double) {
        let group = groups[key.group] ?? 0
        switch key.level {
        case .code: return (sectorShares[key.code] ?? 0, key.category.flatMap { sectorShares[$0] } ?? 0, group)
        case .category: let c = sectorShares[key.code] ?? 0; return (c, c, group)
        case .group: return (group, 0, group)
        }
    }
}
