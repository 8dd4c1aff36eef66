/// The filters of `partners list`: sector, instrument, kind, origin, theme, province.
/// Every filter given must match.
public struct PartnerFilter: Sendable {
    public var sector: String?
    public var instrument: Instrument?
    public var kind: PartnerKind?
    public var origin: String?
    public var theme: String?
    /// A province id (resolved from any spelling by the caller).
    public var province: String?

    public init(sector: String? = nil, instrument: Instrument? = nil, kind: PartnerKind? = nil, origin: String? = nil, theme: String? = nil, province: String? = nil) {
        self.sector = sector
        self.instrument = instrument
        self.kind = kind
        self.origin = origin
        self.theme = theme
        self.province = province
    }

    /// How strongly a partner funds `sector`: the largest priority weight on the code,
    /// its category or its group, or on a code or category below a category or group
    /// asked for. Nil when it does not fund it at all (or excludes it).
    public static func sectorWeight(_ p: Partner, sector: String, taxonomy: SectorTaxonomy) -> Double? {
        guard let want = taxonomy.resolve(sector) else { return nil }
        func covers(_ a: SectorTaxonomy.Resolved, _ b: SectorTaxonomy.Resolved) -> Bool {
            // a is b, an ancestor of b, or a descendant of b.
            if a.code == b.code { return true }
            if a.level == .group { return b.group == a.code }
            if b.level == .group { return a.group == b.code }
            if a.level == .category { return b.category == a.code }
            if b.level == .category { return a.category == b.code }
            return false
        }
        for ex in p.excludedSectors {
            if let r = taxonomy.resolve(ex), covers(r, want), r.level <= want.level { return nil }
        }
        var best: Double?
        for sp in p.sectorPriorities where sp.weight > 0 {
            guard let r = taxonomy.resolve(sp.sector), covers(r, want) else { continue }
            best = max(best ?? 0, sp.weight)
        }
        return best
    }

    /// Does the partner work in this province (nationwide partners do)?
    public static func worksIn(_ p: Partner, province: String, gazetteer: Gazetteer) -> Bool {
        let g = p.geography
        if g.isNationwide { return true }
        if g.provinces.contains(province) { return true }
        guard let unit = gazetteer.unit(id: province) else { return false }
        if g.regions.contains(unit.region) { return true }
        return g.areaFlags.contains { unit.flags.contains($0) }
    }

    public func matches(_ p: Partner, reference: ReferenceData) -> Bool {
        if let sector, PartnerFilter.sectorWeight(p, sector: sector, taxonomy: reference.sectors) == nil { return false }
        if let instrument, !p.instruments.contains(where: { $0.instrument == instrument }) { return false }
        if let kind, p.kind != kind { return false }
        if let origin, p.origin.lowercased() != origin.lowercased() { return false }
        if let theme, !p.themes.contains(theme) { return false }
        if let province, !PartnerFilter.worksIn(p, province: province, gazetteer: reference.provinces) { return false }
        return true
    }

    /// Partners passing the filter; with a sector filter, strongest funders first.
    public func apply(_ partners: [Partner], reference: ReferenceData) -> [Partner] {
        let kept = partners.filter { matches($0, reference: reference) }
        guard let sector else { return kept }
        return kept.map { ($0, PartnerFilter.sectorWeight($0, sector: sector, taxonomy: reference.sectors) ?? 0) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
            .map(\.0)
    }

    /// Partners whose names, aliases, abbreviations or IATI refs match the text.
    public static func search(_ text: String, in partners: [Partner]) -> [Partner] {
        let q = TextFolding.fold(text)
        return partners.filter { TextFolding.matches(foldedQuery: q, in: SearchText.of($0)) }
    }
}
