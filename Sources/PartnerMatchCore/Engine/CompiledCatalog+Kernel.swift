extension CompiledCatalog {
    /// Partners scored per block: small enough for the block's buffers (4 KB each) to
    /// stay in L1, large enough that a catalog of 1,000 is one block, so each pass's
    /// set-up is paid once per need.
    static let blockSize = 1024

    /// Scores partners `start ..< start + m` for one need into `out`: the score in
    /// [0, 100], or -1 for an excluded partner.
    ///
    /// Branch-free passes over flat columns through unchecked pointers: the sector rows
    /// are summed into `sector` (and the sector evidence into `ev.sector`), the log
    /// distance to the nearest compatible ticket range into `distance`, then one pass
    /// combines the stated features and the evidence, and one more applies the geography
    /// fit, the clamp and the filters. Each feature value comes from its function in
    /// `FeatureFormulas`.
    ///
    /// Evidence is folded into its stated twin: a partner without evidence has, in every
    /// evidence column, its stated feature times the fallback factor, so the passes
    /// compute that product from the stated value they already hold (no evidence column
    /// is read, and scale fit's exponential serves ticket evidence too). The few partners
    /// with evidence (`evidencePartners`) are then recomputed one by one from their
    /// evidence columns, in the same order of operations: the scores are the same, bit
    /// for bit, as computing every partner from the columns.
    ///
    /// Each pass writes one or two buffers and reads at most seven other streams: the
    /// vectoriser guards a loop over plain pointers with one runtime overlap check per
    /// pair of streams written and read, and gives up past eight, leaving the loop scalar.
    @inline(__always)
    func scoreBlock(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        let c = columns
        let n = c.count
        let w = weights
        let e = c.evidence
        let folds = _Folds(weights: w, evidence: e)
        let patch = blockEvidencePartners(start: start, count: m)
        // Sector fit, and the sector evidence it stands for without evidence.
        if folds.sector {
            CompiledCatalog.sumRows(need.rowPointers, need.shares, factor: w.sectorEvidenceFallback, start: start, count: m, into: sector, folded: ev.sector)
            for p in patch {
                ev.sector[p - start] = CompiledCatalog.sumRow(need.evidenceRowPointers, need.shares, at: p)
            }
        } else {
            CompiledCatalog.sumRows(need.rowPointers, need.shares, start: start, count: m, into: sector)
            ev.sector.update(repeating: 0, count: m)
        }
        // Distance to the nearest compatible ticket interval.
        let sought = need.sought
        CompiledCatalog.nearestDistance(low: c.ticketLow[sought] + start, high: c.ticketHigh[sought] + start, slots: c.ticketSlots[sought], stride: n, logBudget: need.logBudget, count: m, into: distance)
        // The stated features and the folded evidence, each combination of flags its own
        // loop (the flags are per rule or per need, tested once per block). The high
        // theme words are read only for a need that has a theme past the 32nd.
        switch (need.themeHigh != 0, folds.province, folds.ticket) {
        case (false, false, false): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: false, province: false, ticket: false)
        case (false, false, true): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: false, province: false, ticket: true)
        case (false, true, false): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: false, province: true, ticket: false)
        case (false, true, true): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: false, province: true, ticket: true)
        case (true, false, false): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: true, province: false, ticket: false)
        case (true, false, true): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: true, province: false, ticket: true)
        case (true, true, false): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: true, province: true, ticket: false)
        case (true, true, true): addStatedFeatures(need, start: start, count: m, out: out, distance: distance, highThemes: true, province: true, ticket: true)
        }
        if let e, folds.province || folds.ticket {
            for p in patch { out[p - start] = statedAndEvidencePoints(need, e, folds, partner: p, distance: distance[p - start]) }
        }
        // Geography, the sector gate, the clamp and the filters.
        let eligibility = c.eligibility + start
        let geography = c.geography + need.geographyRow * n + start
        let sectorEvidence = ev.sector
        let statusFactor = c.statusFactor[need.sought] + start
        let (wGeography, logTolerance) = (w.geography, w.logTolerance)
        let (wSector, wSectorEvidence) = (w.sector, w.sectorEvidence)
        let (noOverlap, floor, slope) = (w.gateNoOverlap, w.gateFloor, w.gateSlope)
        let (instrumentMask, applicantMask) = (need.instrumentMask, need.applicantMask)
        for i in 0..<m {
            let g = geography[i]
            let e = eligibility[i]
            let s = sector[i]
            let gate = FeatureFormulas.sectorGate(sectorFit: s, noOverlap: noOverlap, floor: floor, slope: slope)
            let others = FeatureFormulas.multiplyAdd(out[i], wGeography, max(g, 0))
            let sectorPoints = FeatureFormulas.multiplyAdd(wSector * s, wSectorEvidence, sectorEvidence[i])
            let score = min(max(FeatureFormulas.multiplyAdd(sectorPoints, gate, others), 0), 100) * statusFactor[i]
            // Bitwise, not `&&`: no branch in the loop.
            let offered = min(e & instrumentMask, 1) & min(e & applicantMask, 1)
            let inRange: UInt32 = distance[i] <= logTolerance ? 1 : 0
            let placed: UInt32 = g >= 0 ? 1 : 0
            out[i] = (offered & inRange & placed) != 0 ? score : -1
        }
    }

    /// The partners with evidence among `start ..< start + m` (ascending).
    @inline(__always)
    func blockEvidencePartners(start: Int, count m: Int) -> ArraySlice<Int> {
        let all = evidencePartners
        guard !all.isEmpty else { return all[0..<0] }
        var lo = 0, hi = all.count
        while lo < hi { let mid = (lo + hi) / 2; if all[mid] < start { lo = mid + 1 } else { hi = mid } }
        var end = lo
        while end < all.count && all[end] < start + m { end += 1 }
        return all[lo..<end]
    }

    /// Writes the weighted sum of the stated features but sector and geography (scale,
    /// instrument, theme, co-financing, presence) of partners `start ..< start + m`
    /// into `out`, in one pass, plus the province and ticket evidence as a partner
    /// without evidence has them (its geography fit and scale fit times the fallback
    /// factors): the points the sector gate applies to.
    @inline(__always)
    func addStatedFeatures(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, highThemes: Bool, province: Bool, ticket: Bool) {
        let c = columns
        let n = c.count
        let sought = need.sought
        let instrument = c.instrumentFit[sought] + start
        let lowThemes = c.themes + start
        let highThemeWords = c.themes + n + start
        let inverseMinShare = c.inverseMinShare + start
        let presence = c.presence + start
        let geography = c.geography + need.geographyRow * n + start
        let w = weights
        let (wScale, wInstrument, wTheme) = (w.scale, w.instrument, w.theme)
        let (wCofinancing, wPresence, inverseWidth) = (w.cofinancing, w.presence, w.inverseWidth)
        let (notRequired, unknown) = (w.cofinancingNotRequired, w.cofinancingUnknown)
        let (wProvince, provinceFactor, wTicket, ticketFactor) = (w.provinceEvidence, w.provinceEvidenceFallback, w.ticketEvidence, w.ticketEvidenceFallback)
        let cap = w.logTolerance
        let (themeLow, themeHigh, themeInverse, themeBase) = (need.themeLow, need.themeHigh, need.themeInverseCount, need.themeBase)
        let (ratio, ratioKnown) = (need.counterpartRatio, need.counterpartKnown)
        for i in 0..<m {
            // Capped at the budget tolerance: a partner farther away is excluded, and the
            // cap keeps the far sentinel of a partner with no compatible ticket from
            // making subnormal floats (which cost a hundred cycles an operation).
            let scale = FeatureFormulas.scaleFit(logDistance: min(distance[i], cap), inverseWidth: inverseWidth)
            var shared = FeatureFormulas.sharedThemes(need: themeLow, partner: lowThemes[i])
            if highThemes { shared += FeatureFormulas.sharedThemes(need: themeHigh, partner: highThemeWords[i]) }
            let theme = FeatureFormulas.themeFit(shared: shared, inverseNeedCount: themeInverse, base: themeBase)
            let cofinancing = FeatureFormulas.cofinancing(ratio: ratio, ratioKnown: ratioKnown, inverseMinShare: inverseMinShare[i], notRequired: notRequired, unknown: unknown)
            // Summed in Float: (scale + instrument) + (theme + co-financing + presence),
            // then evidence, then geography, then gated and added to the sector points.
            // The explanation adds the same values in Double, in report order, so the two
            // can differ in the last bits (the property tests allow 1e-3 points); the
            // ranking is the kernel's.
            let first = FeatureFormulas.multiplyAdd(wScale * scale, wInstrument, instrument[i])
            let second = FeatureFormulas.multiplyAdd(FeatureFormulas.multiplyAdd(wTheme * theme, wCofinancing, cofinancing), wPresence, presence[i])
            var points = first + second
            // A strict-geography exclusion's -1 gives a negative value here, but that
            // partner's score is -1 whatever this adds.
            if province { points += wProvince * FeatureFormulas.evidenceFallback(stated: geography[i], factor: provinceFactor) }
            if ticket { points += wTicket * FeatureFormulas.ticketEvidence(fallback: FeatureFormulas.evidenceFallback(stated: scale, factor: ticketFactor)) }
            out[i] = points
        }
    }

    /// The points `addStatedFeatures` gives partner `p`, with its own evidence columns:
    /// the same operations in the same order, one partner at a time.
    func statedAndEvidencePoints(_ need: CompiledNeed, _ e: _EvidenceColumns, _ folds: _Folds, partner p: Int, distance: Float) -> Float {
        let c = columns
        let n = c.count
        let w = weights
        let s = need.sought
        let scale = FeatureFormulas.scaleFit(logDistance: min(distance, w.logTolerance), inverseWidth: w.inverseWidth)
        let shared = FeatureFormulas.sharedThemes(need: need.themeLow, partner: c.themes[p]) + (need.themeHigh != 0 ? FeatureFormulas.sharedThemes(need: need.themeHigh, partner: c.themes[n + p]) : 0)
        let theme = FeatureFormulas.themeFit(shared: shared, inverseNeedCount: need.themeInverseCount, base: need.themeBase)
        let cofinancing = FeatureFormulas.cofinancing(ratio: need.counterpartRatio, ratioKnown: need.counterpartKnown, inverseMinShare: c.inverseMinShare[p], notRequired: w.cofinancingNotRequired, unknown: w.cofinancingUnknown)
        let first = FeatureFormulas.multiplyAdd(w.scale * scale, w.instrument, c.instrumentFit[s][p])
        let second = FeatureFormulas.multiplyAdd(FeatureFormulas.multiplyAdd(w.theme * theme, w.cofinancing, cofinancing), w.presence, c.presence[p])
        var points = first + second
        if folds.province, let province = e.province {
            points += w.provinceEvidence * province[need.geographyRow * n + p]
        }
        if folds.ticket {
            var d = FeatureFormulas.logDistance(logBudget: need.logBudget, logMin: e.ticketLow[s][p], logMax: e.ticketHigh[s][p])
            for k in 1..<max(e.ticketSlots[s], 1) {
                d = min(d, FeatureFormulas.logDistance(logBudget: need.logBudget, logMin: e.ticketLow[s][k * n + p], logMax: e.ticketHigh[s][k * n + p]))
            }
            let fallback = FeatureFormulas.evidenceFallback(stated: scale, factor: w.ticketEvidenceFallback)
            points += w.ticketEvidence * FeatureFormulas.ticketEvidence(logDistance: d, inverseWidth: w.ticketEvidenceInverseWidth, known: e.ticketKnown[s][p], fallback: fallback)
        }
        return points
    }

    /// Sums the need's shares of sector rows (sector fit or sector evidence) into `out`:
    /// up to three rows (the most a need usually has) in one pass, more in a pass each.
    @inline(__always)
    static func sumRows(_ rows: [UnsafeMutablePointer<Float>], _ shares: [Float], start: Int, count m: Int, into out: UnsafeMutablePointer<Float>) {
        @inline(__always) func fit(_ accumulated: Float, _ share: Float, _ row: UnsafeMutablePointer<Float>, _ i: Int) -> Float {
            FeatureFormulas.sectorFit(accumulated: accumulated, share: share, rowValue: row[i])
        }
        switch rows.count {
        case 0:
            out.update(repeating: 0, count: m)
        case 1:
            let (r0, s0) = (rows[0] + start, shares[0])
            for i in 0..<m { out[i] = fit(0, s0, r0, i) }
        case 2:
            let (r0, s0, r1, s1) = (rows[0] + start, shares[0], rows[1] + start, shares[1])
            for i in 0..<m { out[i] = fit(fit(0, s0, r0, i), s1, r1, i) }
        default:
            let (r0, s0, r1, s1, r2, s2) = (rows[0] + start, shares[0], rows[1] + start, shares[1], rows[2] + start, shares[2])
            for i in 0..<m { out[i] = fit(fit(fit(0, s0, r0, i), s1, r1, i), s2, r2, i) }
            for j in 3..<rows.count {
                let (r, s) = (rows[j] + start, shares[j])
                for i in 0..<m { out[i] = fit(out[i], s, r, i) }
            }
        }
    }

    /// `sumRows` into `out`, and the same sum over each row times `factor` into
    /// `folded`: the sector evidence of partners without evidence (their evidence rows
    /// hold the stated rows times the fallback factor), from the same reads.
    @inline(__always)
    static func sumRows(_ rows: [UnsafeMutablePointer<Float>], _ shares: [Float], factor f: Float, start: Int, count m: Int, into out: UnsafeMutablePointer<Float>, folded: UnsafeMutablePointer<Float>) {
        @inline(__always) func fit(_ accumulated: Float, _ share: Float, _ value: Float) -> Float {
            FeatureFormulas.sectorFit(accumulated: accumulated, share: share, rowValue: value)
        }
        @inline(__always) func fold(_ value: Float) -> Float { FeatureFormulas.evidenceFallback(stated: value, factor: f) }
        switch rows.count {
        case 0:
            out.update(repeating: 0, count: m)
            folded.update(repeating: 0, count: m)
        case 1:
            let (r0, s0) = (rows[0] + start, shares[0])
            for i in 0..<m {
                let v0 = r0[i]
                out[i] = fit(0, s0, v0)
                folded[i] = fit(0, s0, fold(v0))
            }
        case 2:
            let (r0, s0, r1, s1) = (rows[0] + start, shares[0], rows[1] + start, shares[1])
            for i in 0..<m {
                let (v0, v1) = (r0[i], r1[i])
                out[i] = fit(fit(0, s0, v0), s1, v1)
                folded[i] = fit(fit(0, s0, fold(v0)), s1, fold(v1))
            }
        default:
            let (r0, s0, r1, s1, r2, s2) = (rows[0] + start, shares[0], rows[1] + start, shares[1], rows[2] + start, shares[2])
            for i in 0..<m {
                let (v0, v1, v2) = (r0[i], r1[i], r2[i])
                out[i] = fit(fit(fit(0, s0, v0), s1, v1), s2, v2)
                folded[i] = fit(fit(fit(0, s0, fold(v0)), s1, fold(v1)), s2, fold(v2))
            }
            for j in 3..<rows.count {
                let (r, s) = (rows[j] + start, shares[j])
                for i in 0..<m {
                    let v = r[i]
                    out[i] = fit(out[i], s, v)
                    folded[i] = fit(folded[i], s, fold(v))
                }
            }
        }
    }

    /// `sumRows` of one partner, in the same order.
    @inline(__always)
    static func sumRow(_ rows: [UnsafeMutablePointer<Float>], _ shares: [Float], at p: Int) -> Float {
        var sum: Float = 0
        for j in rows.indices { sum = FeatureFormulas.sectorFit(accumulated: sum, share: shares[j], rowValue: rows[j][p]) }
        return sum
    }

    /// The log distance from the budget to the nearest of `slots` intervals per partner.
    @inline(__always)
    static func nearestDistance(low: UnsafeMutablePointer<Float>, high: UnsafeMutablePointer<Float>, slots: Int, stride n: Int, logBudget b: Float, count m: Int, into distance: UnsafeMutablePointer<Float>) {
        for i in 0..<m { distance[i] = FeatureFormulas.logDistance(logBudget: b, logMin: low[i], logMax: high[i]) }
        for k in 1..<max(slots, 1) {
            let l = low + k * n
            let h = high + k * n
            for i in 0..<m { distance[i] = min(distance[i], FeatureFormulas.logDistance(logBudget: b, logMin: l[i], logMax: h[i])) }
        }
    }
}

/// Which evidence features a rule weighs, as the kernel folds them (see `scoreBlock`).
struct _Folds {
    var sector: Bool
    var province: Bool
    var ticket: Bool

    @inline(__always)
    init(weights w: _Weights, evidence e: _EvidenceColumns?) {
        sector = e?.sectorRows != nil && w.sectorEvidence > 0
        province = e?.province != nil && w.provinceEvidence > 0
        ticket = e != nil && w.ticketEvidence > 0
    }
}
