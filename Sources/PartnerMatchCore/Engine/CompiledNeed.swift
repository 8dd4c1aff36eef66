/// A need compiled against one catalog: its sector rows, log budget, masks and bitsets.
///
/// Compile needs once (`CompiledCatalog.compile(_:)`) to score them many times, or to
/// measure the scoring loop alone. Only the catalog that compiled a need can score it:
/// `topMatches` and `scoreAll` stop the program (a precondition) when given a need of
/// another catalog, whose rows would be read out of bounds.
///
/// Public (the benchmarks compile needs once and time `topMatches` alone) but opaque: its
/// pointers are internal. It retains what they point into, so a need may outlive the
/// `CompiledCatalog` value that made it.
///
/// `@unchecked Sendable`: every stored pointer points into memory that `columns` or
/// `adHoc` own and that nobody writes after compilation, so sharing it between threads
/// only ever reads.
public struct CompiledNeed: @unchecked Sendable {
    public let id: String
    /// The columns of the catalog that compiled this need: kept alive by this reference
    /// (`rowPointers` and `evidenceRowPointers` point into them) and compared by identity
    /// before scoring.
    let columns: _Columns
    /// Rows of `columns.sectorRows` (or of `columns.evidence`), or of an `adHoc` row.
    let rowPointers: [UnsafeMutablePointer<Float>]
    let adHoc: [_AdHocRow]
    let shares: [Float]
    /// Sector evidence rows, one per share; empty when the rule does not use it.
    let evidenceRowPointers: [UnsafeMutablePointer<Float>]
    let sought: Int
    let logBudget: Float
    let instrumentMask: UInt32
    let applicantMask: UInt32
    /// The need's theme bitset as the low and high 32-bit words of `_Columns.themes`.
    let themeLow: UInt32
    let themeHigh: UInt32
    let themeInverseCount: Float
    let themeBase: Float
    let geographyRow: Int
    let counterpartRatio: Float
    let counterpartKnown: Bool
    /// Partner indices (ascending) excluding the main sector; empty when the filter is off.
    let excluded: [Int32]
}

extension CompiledCatalog {
    /// Compiles a need for this catalog.
    public func compile(_ need: Need) -> CompiledNeed {
        let c = columns
        let n = c.count
        let taxonomy = reference.sectors
        var rows: [UnsafeMutablePointer<Float>] = []
        var adHoc: [_AdHocRow] = []
        var shares: [Float] = []
        var evidenceRows: [UnsafeMutablePointer<Float>] = []
        let total = need.sectors.reduce(0) { $0 + max($1.share, 0) }
        for s in need.sectors where s.share > 0 {
            if let r = sectorRowIndex[s.code] {
                rows.append(c.sectorRows + r * n)
                if let e = c.evidence?.sectorRows { evidenceRows.append(e + r * n) }
            } else {
                let key = CompiledCatalog.resolveLoose(s.code, taxonomy)
                let stated = adHocRow(key)
                let row = _AdHocRow(stated)
                adHoc.append(row)
                rows.append(row.values)
                if c.evidence?.sectorRows != nil {
                    let e = _AdHocRow(adHocEvidenceRow(key, stated: stated))
                    adHoc.append(e)
                    evidenceRows.append(e.values)
                }
            }
            shares.append(Float(s.share / total))
        }
        let sought = SoughtInstrument.allCases.firstIndex(of: need.instrument)!
        let filters = rule.filters
        let themeBits = CompiledCatalog.themeBits(need.themes, reference.themes)
        let count = themeBits.nonzeroBitCount
        let ratio = need.counterpartUSD.map { need.budgetUSD > 0 ? $0 / need.budgetUSD : 0 }
        var excluded: [Int32] = []
        if filters.excludedSector, let main = need.mainSector {
            if let r = sectorRowIndex[main] {
                excluded = excludedByRow[r]
            } else {
                let key = CompiledCatalog.resolveLoose(main, taxonomy)
                excluded = (0..<n).filter { p in resolvedExclusions[p].contains { CompiledCatalog.excludes(need: key, excluded: $0) } }.map(Int32.init)
            }
        }
        return CompiledNeed(
            id: need.id, columns: c, rowPointers: rows, adHoc: adHoc, shares: shares, evidenceRowPointers: evidenceRows, sought: sought,
            logBudget: FeatureFormulas.logAmount(need.budgetUSD),
            instrumentMask: filters.instrument ? compatibleBits[sought] : 0xFF,
            applicantMask: filters.applicant ? CompiledCatalog.applicantBit(need.applicant) : 0xFF00,
            themeLow: UInt32(truncatingIfNeeded: themeBits), themeHigh: UInt32(truncatingIfNeeded: themeBits >> 32),
            themeInverseCount: count > 0 ? 1 / Float(count) : 0,
            themeBase: count > 0 ? 0 : weights.themeNeutral,
            geographyRow: unitRow(need.province),
            counterpartRatio: Float(ratio ?? 0), counterpartKnown: ratio != nil,
            excluded: excluded)
    }

    /// The geography row of a province as written in a need: its unit, or the last row
    /// (unknown province, or `Need.national`).
    func unitRow(_ province: String) -> Int {
        let g = reference.provinces
        if let i = unitIndex[province] { return i }
        if let u = g.resolve(province), let i = unitIndex[u.id] { return i }
        return g.units.count
    }

    /// A sector row for a sector string the taxonomy does not list.
    func adHocRow(_ key: SectorTaxonomy.Resolved) -> [Float] {
        let p = _Defaults(rule: rule).sector
        return resolvedPriorities.map { priorities in
            priorities.reduce(Float(0)) { best, rp in
                guard let m = FeatureFormulas.sectorMatch(need: key, priority: rp.resolved) else { return best }
                return max(best, FeatureFormulas.sectorCredit(weight: rp.priority.weight, match: m, p))
            }
        }
    }
}
