/// The formula of every feature, each in one function.
///
/// The compiled scoring loop and the explanation path both call these, so a score and
/// its explanation cannot disagree. The per-pair ones are `@inline(__always)` and free
/// of branches and of libm, so the loop that calls them vectorises.
enum FeatureFormulas {
    // MARK: Sector fit

    /// How a partner priority relates to a need sector.
    enum SectorMatch: Int, Sendable, Hashable, Comparable {
        /// The priority is a code in the same group (another category).
        case group = 1
        /// The priority is a sibling code in the need's category, or a code inside the
        /// need's (broader) category.
        case category = 2
        /// The priority is a whole category or group that includes the need's code: it
        /// covers the code as if it were listed.
        case covers = 3
        /// The priority is the need's own code.
        case exact = 4
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// The closest level at which `priority` covers `need`, or nil when it does not.
    ///
    /// A priority on a category (`210`) or a group (`200`) covers every code inside it at
    /// full credit, as if each were listed: a partner that funds all transport funds road
    /// transport (`21020`). Partial credit is for the relatives of a listed code only: a
    /// sibling code in the same category, or a code elsewhere in the group.
    static func sectorMatch(need: SectorTaxonomy.Resolved, priority: SectorTaxonomy.Resolved) -> SectorMatch? {
        if priority.code == need.code { return .exact }
        switch priority.level {
        case .group:
            return priority.group == need.group ? .covers : nil
        case .category:
            if need.category == priority.code && need.level != .group { return .covers }
        case .code:
            break
        }
        if let c = need.category, priority.category == c { return .category }
        if let a = need.category, let b = priority.category, a.prefix(2) == b.prefix(2), spansLevels(a) || spansLevels(b) { return .category }
        if priority.group == need.group { return .group }
        return nil
    }

    /// DAC categories whose purposes serve every level of their field: "Education, level
    /// unspecified" (111: facilities, teacher training, policy) beside basic, secondary and
    /// post-secondary education (112-114), and "Health, general" (121: policy, medical
    /// services, facilities) beside basic health and non-communicable diseases (122-123).
    /// A code in one of them and a code in a sibling category of the same field (school
    /// facilities and a lower-secondary school, health facilities and basic health care)
    /// are as close as two codes of one category, so they earn category credit rather than
    /// group credit. Fields are the categories' first two digits (11x education, 12x
    /// health); the taxonomy's group (100, social infrastructure) is wider.
    static let levelSpanningCategories: Set<String> = ["111", "121"]

    @inline(__always)
    static func spansLevels(_ category: String?) -> Bool {
        category.map(levelSpanningCategories.contains) ?? false
    }

    /// The credit a priority of `weight` earns for a need sector: weight times the best
    /// credit of the levels at which it matches. The compiled rows hold the maximum of
    /// this over a partner's priorities, one row per sector code.
    static func sectorCredit(weight: Double, match: SectorMatch, _ p: SectorFitParameters) -> Float {
        let w = min(max(weight, 0), 1)
        let credit: Double
        switch match {
        case .exact, .covers: credit = max(p.exact, p.category, p.group)
        case .category: credit = max(p.category, p.group)
        case .group: credit = p.group
        }
        return Float(w * credit)
    }

    /// Adds one need sector's share of its fused row value to the sector fit.
    @inline(__always)
    static func sectorFit(accumulated: Float, share: Float, rowValue: Float) -> Float {
        multiplyAdd(accumulated, share, rowValue)
    }

    /// The sector gate: the factor on every feature but sector fit and sector evidence.
    /// `noOverlap` when the sector fit is 0, else `min(1, floor + slope x fit)` with
    /// `slope` = (1 - floor) / full. A select, not a branch: the loop stays vectorised.
    @inline(__always)
    static func sectorGate(sectorFit s: Float, noOverlap: Float, floor: Float, slope: Float) -> Float {
        let open = min(multiplyAdd(floor, slope, s), 1)
        return s > 0 ? open : noOverlap
    }

    /// The slope of the gate: (1 - floor) / full.
    static func gateSlope(_ p: SectorFitParameters) -> Float { Float((1 - p.floor) / p.full) }

    // MARK: Scale fit

    /// Distance, in natural log units, from a budget to a ticket range (0 inside it).
    @inline(__always)
    static func logDistance(logBudget: Float, logMin: Float, logMax: Float) -> Float {
        max(max(logMin - logBudget, logBudget - logMax), 0)
    }

    /// 1 inside the range, `exp(-distance / width)` outside; `inverseWidth` is
    /// 1 / (width in decades x ln 10).
    @inline(__always)
    static func scaleFit(logDistance d: Float, inverseWidth: Float) -> Float {
        fastExp(-d * inverseWidth)
    }

    /// `scaleFit` of a budget and a range, both in natural log.
    @inline(__always)
    static func scaleFit(logBudget: Float, logMin: Float, logMax: Float, inverseWidth: Float) -> Float {
        scaleFit(logDistance: logDistance(logBudget: logBudget, logMin: logMin, logMax: logMax), inverseWidth: inverseWidth)
    }

    /// The inverse width the scoring loop uses.
    static func inverseWidth(_ p: ScaleFitParameters) -> Float { Float(1 / (p.width * 2.302585092994046)) }

    /// A budget or ticket bound in log space; amounts below 1 USD count as 1.
    static func logAmount(_ usd: Double) -> Float { Float(_log(max(usd, 1))) }

    /// e^x for x <= 0 with a relative error below 1e-6 on [-10, 0] (1e-5 down to -87),
    /// without libm and without
    /// branches: 2^(x log2 e) split into an integer (added to the exponent bits) and a
    /// fraction in [-0.5, 0.5] (a degree-6 polynomial). Arguments below -87 give ~1e-38.
    @inline(__always)
    static func fastExp(_ x: Float) -> Float {
        let t = min(max(x, -87), 0) * 1.4426950408889634
        let magic: Float = 12_582_912  // 1.5 x 2^23: adding it rounds to an integer
        let shifted = t + magic
        let n = shifted - magic
        let f = t - n
        var p: Float = 1.5403530e-4
        p = multiplyAdd(1.3333558e-3, p, f)
        p = multiplyAdd(9.6181291e-3, p, f)
        p = multiplyAdd(5.5504109e-2, p, f)
        p = multiplyAdd(2.4022651e-1, p, f)
        p = multiplyAdd(6.9314718e-1, p, f)
        p = multiplyAdd(1, p, f)
        let exponent = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: magic.bitPattern)
        return Float(bitPattern: UInt32(bitPattern: Int32(bitPattern: p.bitPattern) &+ (exponent &<< 23)))
    }

    /// `a + b * c`, as one fused multiply-add in the fast build.
    ///
    /// Swift never contracts `a + b * c` into an FMA by itself, and `addingProduct`
    /// becomes a call to libm's `fmaf` (which stops vectorisation) on a CPU without FMA,
    /// such as the default x86-64 target. So the fused form is used only when the build
    /// says the target has FMA: `-Xswiftc -DPARTNERMATCH_FMA` together with a target CPU
    /// that has it (see the fast build in README.md). Scores then differ from the plain
    /// build's in the last bits only.
    @inline(__always)
    static func multiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        #if PARTNERMATCH_FMA
        return a.addingProduct(b, c)
        #else
        return a + b * c
        #endif
    }

    // MARK: Instrument fit

    /// The best value, under the rule's table, among the offered instruments compatible
    /// with the one sought, each times its compatibility credit; 0 when none is.
    static func instrumentFit(offered: [Instrument], sought: SoughtInstrument, _ p: InstrumentFitParameters, _ compatibility: InstrumentCompatibility) -> (value: Float, best: Instrument?) {
        var best: Instrument?
        var value = 0.0
        for i in compatibility.compatible(sought) where offered.contains(i) {
            let v = p.value(i) * compatibility.credit(sought, i)
            if best == nil || v > value { best = i; value = v }
        }
        return (Float(value), best)
    }

    // MARK: Theme fit

    /// The share of the need's themes the partner shares, plus `base`. With
    /// `inverseNeedCount` = 1 / |need themes| and `base` = 0 this is
    /// |need ∩ partner| / |need|; a need with no theme has `inverseNeedCount` = 0 and
    /// `base` = the neutral value. `shared` is |need ∩ partner| (`sharedThemes`).
    @inline(__always)
    static func themeFit(shared: Float, inverseNeedCount: Float, base: Float) -> Float {
        base + shared * inverseNeedCount
    }

    /// The number of themes in both of two 32-bit words of theme bits.
    ///
    /// 32-bit words, not 64: AVX2 has no conversion of 64-bit integers to floats, so a
    /// 64-bit count kept the scoring loop from vectorising; 32-bit counts convert eight
    /// at a time.
    @inline(__always)
    static func sharedThemes(need: UInt32, partner: UInt32) -> Float {
        Float(Int32(truncatingIfNeeded: (need & partner).nonzeroBitCount))
    }

    /// `themeFit` of two 64-bit theme bitsets (low word, then high word, as the scoring
    /// loop counts them).
    static func themeFit(need: UInt64, partner: UInt64, inverseNeedCount: Float, base: Float) -> Float {
        let low = sharedThemes(need: UInt32(truncatingIfNeeded: need), partner: UInt32(truncatingIfNeeded: partner))
        let high = sharedThemes(need: UInt32(truncatingIfNeeded: need >> 32), partner: UInt32(truncatingIfNeeded: partner >> 32))
        return themeFit(shared: low + high, inverseNeedCount: inverseNeedCount, base: base)
    }

    // MARK: Geography fit

    /// How a partner's focus meets the need's province.
    enum GeographyMatch: Sendable, Hashable {
        case province, region, areaFlag(AreaFlag), nationwide, none
    }

    /// The geography fit of a focus (provinces as unit ids) for the need's unit: the
    /// province, else its region, else one of its area flags; `nationwide` for a partner
    /// with no focus at all.
    ///
    /// A stated focus is a preference, never a penalty: a partner whose focus is elsewhere
    /// (or a nationwide need, `unit` nil) gets the `nationwide` value, and no level of
    /// match earns less than it. Only the strict province filter excludes.
    static func geographyFit(unit: Gazetteer.Unit?, provinces: Set<String>, regions: [Region], flags: [AreaFlag], _ p: GeographyFitParameters) -> (value: Float, match: GeographyMatch) {
        let neutral = Float(p.nationwide)
        if provinces.isEmpty && regions.isEmpty && flags.isEmpty { return (neutral, .nationwide) }
        guard let u = unit else { return (neutral, .none) }
        if provinces.contains(u.id) { return (max(Float(p.province), neutral), .province) }
        if regions.contains(u.region) { return (max(Float(p.region), neutral), .region) }
        if let f = flags.first(where: { u.flags.contains($0) }) { return (max(Float(p.areaFlag), neutral), .areaFlag(f)) }
        return (neutral, .none)
    }

    /// Strict geography: a partner listing provinces or regions works only there; one
    /// listing area flags alone, or nothing, works anywhere.
    static func provinceEligible(unit: Gazetteer.Unit?, provinces: Set<String>, regions: [Region]) -> Bool {
        if provinces.isEmpty && regions.isEmpty { return true }
        guard let u = unit else { return false }
        return provinces.contains(u.id) || regions.contains(u.region)
    }

    // MARK: Co-financing

    /// The need's counterpart share over the partner's minimum share, capped at 1;
    /// `notRequired` when `inverseMinShare` is 0 (no minimum), `unknown` when the need
    /// does not say what it brings.
    ///
    /// `ratioKnown` picks by arithmetic (1 x covered + 0 x unknown, or the reverse: exact),
    /// not by a select: the vectoriser turned the select on a per-need flag into a chain
    /// of mask packing in the scoring loop.
    @inline(__always)
    static func cofinancing(ratio: Float, ratioKnown: Bool, inverseMinShare: Float, notRequired: Float, unknown: Float) -> Float {
        let covered = min(ratio * inverseMinShare, 1)
        let known: Float = ratioKnown ? 1 : 0
        let required = known * covered + (1 - known) * unknown
        return inverseMinShare > 0 ? required : notRequired
    }

    /// 1 / minimum share, or 0 when the partner requires none.
    static func inverseMinShare(_ share: Double) -> Float { share > 0 ? Float(1 / min(share, 1)) : 0 }

    // MARK: Presence

    /// Recent yearly volume on a log scale between `low` (0) and `high` (1).
    static func presence(usdPerYear: Double?, _ p: PresenceParameters) -> Float {
        guard let v = usdPerYear else { return Float(p.unknown) }
        guard v > 0 else { return 0 }
        let x = (_log(v) - _log(p.low)) / (_log(p.high) - _log(p.low))
        return Float(min(max(x, 0), 1))
    }

    // MARK: Evidence

    /// A share of value (or count) over its saturation point, in [0, 1].
    static func saturated(_ x: Double, _ saturation: Double) -> Double { min(max(x, 0) / saturation, 1) }

    /// The sector evidence credit of one need sector: the best of its code's, its
    /// category's and its group's share of the partner's past value, each saturated and
    /// weighed by the level's credit. The compiled rows hold this, one row per code.
    static func sectorEvidenceCredit(exact: Double, category: Double, group: Double, _ p: SectorEvidenceParameters) -> Float {
        Float(max(p.exact * saturated(exact, p.saturation), p.category * saturated(category, p.saturation), p.group * saturated(group, p.saturation)))
    }

    /// The value an evidence feature takes for a partner without evidence: the stated
    /// feature's value times the rule's fallback factor.
    @inline(__always)
    static func evidenceFallback(stated: Float, factor: Float) -> Float { stated * factor }

    /// Ticket evidence: 1 inside the nearest past p10-p90 interval, `exp(-d / width)`
    /// outside (`inverseWidth` as for scale fit), where `known` is 1; the fallback where
    /// `known` is 0 (no compatible past ticket). Branch-free for the loop.
    @inline(__always)
    static func ticketEvidence(logDistance d: Float, inverseWidth: Float, known: Float, fallback: Float) -> Float {
        known * fastExp(-d * inverseWidth) + (1 - known) * fallback
    }

    /// Ticket evidence of a partner with no compatible past ticket: `ticketEvidence` with
    /// `known` 0 is `0 x e + 1 x fallback`, which is `fallback` exactly (e is finite and
    /// not negative), so the loop skips the exponential for such partners.
    @inline(__always)
    static func ticketEvidence(fallback: Float) -> Float { fallback }

    /// The inverse width the scoring loop uses for ticket evidence.
    static func inverseWidth(_ p: TicketEvidenceParameters) -> Float { Float(1 / (p.width * 2.302585092994046)) }

    /// Province evidence: past activities in the province over the saturation, or
    /// `region` times those in its region, capped at 1.
    static func provinceEvidence(province: Int, region: Int, _ p: ProvinceEvidenceParameters) -> Float {
        Float(max(saturated(Double(province), p.saturation), p.region * saturated(Double(region), p.saturation)))
    }
}

import Foundation

/// Natural log for compile time (not the hot loop).
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
