/// The partners of a catalog, its reference data and one rule compiled into flat
/// per-feature columns, ready to score any number of needs.
///
/// Compiling does once, per partner, everything that does not depend on the need:
/// resolving sectors, provinces and themes, fusing sector priorities into one row per
/// taxonomy code, putting ticket ranges in log space. Scoring a need is then one pass
/// over the columns (see `CompiledCatalog+Kernel.swift`), like Lucene's
/// `Similarity.scorer` computed once and its cheap `SimScorer.score` per document.
///
/// ```swift
/// let catalog = CompiledCatalog(partners: partners, reference: reference, rule: rule)
/// let ranking = catalog.rank(need, top: 10, explain: true)
/// ```
public struct CompiledCatalog: Sendable {
    /// The partners, sorted by id: partner index i is `partners[i]`. Sorting makes a
    /// ranking independent of the order partners were loaded in, and ties break by id.
    public let partners: [Partner]
    public let reference: ReferenceData
    public let rule: Rule
    /// SHA-256 (hex) of the canonical partners, the rule and the evidence summaries:
    /// the same hash means the same catalog, rule and evidence, so a shortlist can be
    /// traced.
    public let catalogHash: String
    /// The evidence summaries of the partners that have one, by partner id.
    public let evidence: [String: EvidenceSummary]
    /// The year the status filter judges instruments as of (nil: their states today).
    public let statusAsOf: Int?
    /// The latest year a window's status was judged in (`CompiledCatalog.latestStatusYear`).
    public let latestStatusYear: Int?
    /// The partners as the scoring loop sees them: without closed instruments when the
    /// rule's status filter is on (`CompiledCatalog+Status.swift`), else as they are.
    let openPartners: [Partner]

    let columns: _Columns
    let weights: _Weights
    let sectorRowIndex: [String: Int]
    let sectorRowKeys: [SectorTaxonomy.Resolved]
    let excludedByRow: [[Int32]]
    let partnerIndex: [String: Int]
    let resolvedPriorities: [[_ResolvedPriority]]
    let resolvedExclusions: [[SectorTaxonomy.Resolved]]
    let focusProvinces: [Set<String>]
    let unitIndex: [String: Int]
    /// Per sought instrument (`SoughtInstrument.allCases` order): the bits of the offered
    /// instruments the rule finds compatible, computed once rather than per need.
    let compatibleBits: [UInt32]
    /// Indices (ascending) of the partners with an evidence summary: the kernel scores
    /// the others with their evidence folded into the stated features and recomputes
    /// these from the evidence columns (`CompiledCatalog+Kernel.swift`).
    let evidencePartners: [Int]

    /// Compiles a catalog. Partners with the same id after the first are ignored.
    ///
    /// - Parameter evidence: past-project summaries by partner id (see
    ///   `EvidenceSummary`); the evidence features fall back to the stated catalog entry
    ///   for partners without one. Summaries of partners not in the catalog are ignored.
    ///   - statusAsOf: judge each instrument's status as it stood in this year (a past
    ///     project's year); nil for today's states.
    public init(partners: [Partner], reference: ReferenceData, rule: Rule, evidence: [String: EvidenceSummary] = [:], statusAsOf: Int? = nil) {
        self.init(partners: partners, reference: reference, rule: rule, evidence: evidence, hashed: true, statusAsOf: statusAsOf)
    }

    /// Compiles a catalog whose partners were sorted and hashed before (kept by the store),
    /// so that only the rule and the evidence are hashed now; the same catalog as
    /// `init(partners: hashed.partners, ...)`.
    public init(hashed: HashedPartners, reference: ReferenceData, rule: Rule, evidence: [String: EvidenceSummary] = [:], statusAsOf: Int? = nil) {
        self.init(sorted: hashed.partners, reference: reference, rule: rule, evidence: evidence, hashState: hashed.state, statusAsOf: statusAsOf)
    }

    /// - Parameter hashed: compute `catalogHash`; catalogs that never stamp an output
    ///   (tuning's one-feature catalogs) leave it empty.
    init(partners: [Partner], reference: ReferenceData, rule: Rule, evidence: [String: EvidenceSummary] = [:], hashed: Bool, statusAsOf: Int? = nil) {
        var seen = Set<String>()
        let sorted = partners.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        self.init(sorted: sorted, reference: reference, rule: rule, evidence: evidence, hashState: hashed ? CatalogHash.stopping { try CatalogHash.partnersState(sorted) } : nil, statusAsOf: statusAsOf)
    }

    /// - Parameter hashState: the hasher after the partners; nil leaves `catalogHash` empty.
    private init(sorted: [Partner], reference: ReferenceData, rule: Rule, evidence: [String: EvidenceSummary], hashState: SHA256?, statusAsOf: Int?) {
        self.partners = sorted
        self.reference = reference
        self.rule = rule
        let known = Set(sorted.map(\.id))
        let evidence = evidence.filter { known.contains($0.key) }
        self.evidence = evidence
        evidencePartners = sorted.indices.filter { evidence[sorted[$0].id] != nil }
        self.catalogHash = hashState.map { CatalogHash.finish($0, rule: rule, evidence: evidence) } ?? ""
        self.statusAsOf = statusAsOf
        latestStatusYear = CompiledCatalog.latestStatusYear(sorted)
        let open = rule.filters.status == nil ? sorted : sorted.map { CompiledCatalog.openView($0, asOf: statusAsOf) }
        openPartners = open
        let n = sorted.count
        let taxonomy = reference.sectors
        let gazetteer = reference.provinces
        let defaults = _Defaults(rule: rule)
        weights = _Weights(rule: rule)

        partnerIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.id, $0) })
        unitIndex = Dictionary(gazetteer.units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        compatibleBits = SoughtInstrument.allCases.map { CompiledCatalog.instrumentBits(rule.compatible($0)) }

        // Sector rows: every code, category and group of the taxonomy.
        var keys: [SectorTaxonomy.Resolved] = []
        var rowIndex: [String: Int] = [:]
        for s in taxonomy.codes.map(\.code) + taxonomy.categories.map(\.code) + taxonomy.groups.map(\.code) where rowIndex[s] == nil {
            guard let r = taxonomy.resolve(s) else { continue }
            rowIndex[s] = keys.count
            keys.append(r)
        }
        var rowsByGroup: [String: [Int]] = [:]
        for (i, k) in keys.enumerated() { rowsByGroup[k.group, default: []].append(i) }
        sectorRowIndex = rowIndex
        sectorRowKeys = keys

        let soughtKinds = SoughtInstrument.allCases
        let priorities = sorted.map { p in p.sectorPriorities.map { _ResolvedPriority(priority: $0, resolved: CompiledCatalog.resolveLoose($0.sector, taxonomy)) } }
        let exclusions = sorted.map { p in p.excludedSectors.map { CompiledCatalog.resolveLoose($0, taxonomy) } }
        let focus = sorted.map { p in Set(p.geography.provinces.map { CompiledCatalog.unitID(of: $0, gazetteer) }) }
        resolvedPriorities = priorities
        resolvedExclusions = exclusions
        focusProvinces = focus

        let intervals = open.map { p in soughtKinds.map { CompiledCatalog.ticketIntervals(p, compatible: rule.compatible($0)) } }
        let slots = soughtKinds.indices.map { s in max(1, intervals.map { $0[s].count }.max() ?? 1) }
        let summaries = sorted.map { evidence[$0.id] }
        let evidenceIntervals = sorted.indices.map { p in soughtKinds.map { CompiledCatalog.evidenceTicketIntervals(summaries[p], $0) } }
        let evidenceSlots = soughtKinds.indices.map { s in max(1, evidenceIntervals.map { $0[s].count }.max() ?? 1) }
        let uses = rule.features
        let c = _Columns(
            count: n, rowCount: keys.count, ticketSlots: slots, geographyRows: gazetteer.units.count + 1,
            evidence: .init(sector: uses.sectorEvidence != nil, tickets: uses.ticketEvidence != nil ? evidenceSlots : nil, province: uses.provinceEvidence != nil))

        var excluded = [[Int32]](repeating: [], count: keys.count)
        for p in 0..<n {
            let partner = sorted[p]
            for rp in priorities[p] {
                for row in rowsByGroup[rp.resolved.group] ?? [] {
                    guard let m = FeatureFormulas.sectorMatch(need: keys[row], priority: rp.resolved) else { continue }
                    let v = FeatureFormulas.sectorCredit(weight: rp.priority.weight, match: m, defaults.sector)
                    let cell = c.sectorRows + row * n + p
                    cell.pointee = max(cell.pointee, v)
                }
            }
            for e in exclusions[p] {
                for row in rowsByGroup[e.group] ?? [] where CompiledCatalog.excludes(need: keys[row], excluded: e) {
                    if excluded[row].last != Int32(p) { excluded[row].append(Int32(p)) }
                }
            }
            let offered = open[p].instruments.map(\.instrument)
            for (s, kind) in soughtKinds.enumerated() {
                for (k, iv) in intervals[p][s].enumerated() {
                    c.ticketLow[s][k * n + p] = iv.low
                    c.ticketHigh[s][k * n + p] = iv.high
                }
                c.instrumentFit[s][p] = FeatureFormulas.instrumentFit(offered: offered, sought: kind, defaults.instrument, rule.compatibility).value
                if let dormant = rule.filters.status {
                    c.statusFactor[s][p] = CompiledCatalog.statusFactor(open[p], compatible: rule.compatible(kind), asOf: statusAsOf, dormant: dormant)
                        * CompiledCatalog.requirementFactor(open[p], unmet: rule.filters.unmetRequirement)
                }
            }
            c.eligibility[p] = CompiledCatalog.eligibilityBits(open[p])
            let themes = CompiledCatalog.themeBits(partner.themes, reference.themes)
            c.themes[p] = UInt32(truncatingIfNeeded: themes)
            c.themes[n + p] = UInt32(truncatingIfNeeded: themes >> 32)
            for u in 0...gazetteer.units.count {
                let unit = u < gazetteer.units.count ? gazetteer.units[u] : nil
                var g = FeatureFormulas.geographyFit(unit: unit, provinces: focus[p], regions: partner.geography.regions, flags: partner.geography.areaFlags, defaults.geography).value
                if rule.filters.province && !FeatureFormulas.provinceEligible(unit: unit, provinces: focus[p], regions: partner.geography.regions) { g = -1 }
                c.geography[u * n + p] = g
            }
            c.inverseMinShare[p] = FeatureFormulas.inverseMinShare(partner.eligibility.minCounterpartShare)
            c.presence[p] = FeatureFormulas.presence(usdPerYear: partner.recentVolume?.usdPerYear, defaults.presence)
            if let e = c.evidence { CompiledCatalog.compileEvidence(e, p, n: n, summary: summaries[p], intervals: evidenceIntervals[p], sectorRows: c.sectorRows, keys: keys, partner: partner, focus: focus[p], reference: reference, defaults: defaults) }
        }
        excludedByRow = excluded
        columns = c
    }

    /// The partner with an id, if the catalog has it.
    public func partner(id: String) -> Partner? { partnerIndex[id].map { partners[$0] } }
}

/// A partner's sector priority with its sector resolved.
struct _ResolvedPriority: Sendable {
    var priority: SectorPriority
    var resolved: SectorTaxonomy.Resolved
}

/// Feature weights scaled so that they sum to 100, and the parameters the loop needs,
/// as `Float`.
struct _Weights: Sendable {
    var sector: Float = 0, scale: Float = 0, instrument: Float = 0, theme: Float = 0
    var geography: Float = 0, cofinancing: Float = 0, presence: Float = 0
    var sectorEvidence: Float = 0, ticketEvidence: Float = 0, provinceEvidence: Float = 0
    var inverseWidth: Float
    /// The sector gate's parameters (`FeatureFormulas.sectorGate`).
    var gateNoOverlap: Float
    var gateFloor: Float
    var gateSlope: Float
    var ticketEvidenceInverseWidth: Float
    var ticketEvidenceFallback: Float
    /// The fallback factors of sector and province evidence, which the kernel applies
    /// to the stated values of a partner without evidence (`CompiledCatalog+Kernel`).
    var sectorEvidenceFallback: Float
    var provinceEvidenceFallback: Float
    var themeNeutral: Float
    var cofinancingNotRequired: Float
    var cofinancingUnknown: Float
    /// log(tolerance factor); infinity when the budget filter is off.
    var logTolerance: Float

    init(rule: Rule) {
        let f = rule.features
        let total = Feature.allCases.reduce(0) { $0 + f.weight($1) }
        func w(_ x: Feature) -> Float { total > 0 ? Float(100 * f.weight(x) / total) : 0 }
        sector = w(.sectorFit); scale = w(.scaleFit); instrument = w(.instrumentFit); theme = w(.themeFit)
        geography = w(.geographyFit); cofinancing = w(.cofinancing); presence = w(.presence)
        sectorEvidence = w(.sectorEvidence); ticketEvidence = w(.ticketEvidence); provinceEvidence = w(.provinceEvidence)
        let d = _Defaults(rule: rule)
        inverseWidth = FeatureFormulas.inverseWidth(d.scale)
        gateNoOverlap = Float(d.sector.noOverlap)
        gateFloor = Float(d.sector.floor)
        gateSlope = FeatureFormulas.gateSlope(d.sector)
        ticketEvidenceInverseWidth = FeatureFormulas.inverseWidth(d.ticketEvidence)
        ticketEvidenceFallback = Float(d.ticketEvidence.fallback)
        sectorEvidenceFallback = Float(d.sectorEvidence.fallback)
        provinceEvidenceFallback = Float(d.provinceEvidence.fallback)
        themeNeutral = Float(d.theme.neutral)
        cofinancingNotRequired = Float(d.cofinancing.notRequired)
        cofinancingUnknown = Float(d.cofinancing.unknown)
        // The tolerance compares as written: a budget exactly `tolerance` times outside
        // passes. Float logs of amounts up to USD 1e13 (about 30) carry ~4e-6 of rounding,
        // so the bound is padded by 1e-5 (a factor of 1.00001) and a budget 1.0001x past
        // the tolerance is still excluded.
        logTolerance = rule.filters.budgetTolerance.map { Float(_log($0)) + 1e-5 } ?? .infinity
    }

    /// The scaled weight of a feature.
    func weight(_ feature: Feature) -> Float {
        switch feature {
        case .sectorFit: return sector
        case .scaleFit: return scale
        case .instrumentFit: return instrument
        case .themeFit: return theme
        case .geographyFit: return geography
        case .cofinancing: return cofinancing
        case .presence: return presence
        case .sectorEvidence: return sectorEvidence
        case .ticketEvidence: return ticketEvidence
        case .provinceEvidence: return provinceEvidence
        }
    }
}

/// The rule's parameters, with defaults for the features it leaves out (their values
/// are still computed, with weight 0, so that the loop has no branch per feature).
struct _Defaults {
    var sector: SectorFitParameters
    var scale: ScaleFitParameters
    var instrument: InstrumentFitParameters
    var theme: ThemeFitParameters
    var geography: GeographyFitParameters
    var cofinancing: CofinancingParameters
    var presence: PresenceParameters
    var sectorEvidence: SectorEvidenceParameters
    var ticketEvidence: TicketEvidenceParameters
    var provinceEvidence: ProvinceEvidenceParameters

    init(rule: Rule) {
        let f = rule.features
        sector = f.sectorFit ?? SectorFitParameters(weight: 0)
        scale = f.scaleFit ?? ScaleFitParameters(weight: 0)
        instrument = f.instrumentFit ?? InstrumentFitParameters(weight: 0)
        theme = f.themeFit ?? ThemeFitParameters(weight: 0)
        geography = f.geographyFit ?? GeographyFitParameters(weight: 0)
        cofinancing = f.cofinancing ?? CofinancingParameters(weight: 0)
        presence = f.presence ?? PresenceParameters(weight: 0)
        sectorEvidence = f.sectorEvidence ?? SectorEvidenceParameters(weight: 0)
        ticketEvidence = f.ticketEvidence ?? TicketEvidenceParameters(weight: 0)
        provinceEvidence = f.provinceEvidence ?? ProvinceEvidenceParameters(weight: 0)
    }
}
