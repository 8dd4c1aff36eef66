extension CompiledCatalog {
    /// Partners scored per block: small enough for the block's buffers (4 KB each) to
    /// stay in L1, large enough that a catalog of 1,000 is one block, so each pass's
    /// set-up is paid once per need.
    static let blockSize = 1024

    /// Scores partners `start ..< start + m` for one need into `out`: the score in
    /// [0, 100], or -1 for an excluded partner.
    ///
    /// Branch-free passes over flat columns through unchecked pointers: the sector rows
    /// are summed into `sector`, the log distance to the nearest compatible ticket range
    /// into `distance`, then one pass combines the stated features and one more applies
    /// the geography fit, the clamp and the filters. Each feature value comes from its
    /// function in `FeatureFormulas`.
    ///
    /// Each pass writes one buffer and reads at most seven other streams: the vectoriser
    /// guards a loop over plain pointers with one runtime overlap check per stream it
    /// reads, and gives up past eight, leaving the loop scalar.
    @inline(__always)
    func scoreBlock(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        let c = columns
        let n = c.count
        // Sector fit: the need's shares of the fused rows.
        CompiledCatalog.sumRows(need.rowPointers, need.shares, start: start, count: m, into: sector)
        // Distance to the nearest compatible ticket interval.
        let sought = need.sought
        CompiledCatalog.nearestDistance(low: c.ticketLow[sought] + start, high: c.ticketHigh[sought] + start, slots: c.ticketSlots[sought], stride: n, logBudget: need.logBudget, count: m, into: distance)
        // The high theme words are read only for a need that has a theme past the 32nd
        // (the test is per block, and each call below is specialised for its constant).
        if need.themeHigh == 0 {
            addStatedFeatures(need, start: start, count: m, out: out, sector: sector, distance: distance, highThemes: false)
        } else {
            addStatedFeatures(need, start: start, count: m, out: out, sector: sector, distance: distance, highThemes: true)
        }
        addEvidence(need, start: start, count: m, out: out, distance: distance, evidence: ev)
        // Geography, the sector gate, the clamp and the filters.
        let eligibility = c.eligibility + start
        let geography = c.geography + need.geographyRow * n + start
        let sectorEvidence = ev.sector
        let statusFactor = c.statusFactor[need.sought] + start
        let (wGeography, logTolerance) = (weights.geography, weights.logTolerance)
        let (wSector, wSectorEvidence) = (weights.sector, weights.sectorEvidence)
        let (noOverlap, floor, slope) = (weights.gateNoOverlap, weights.gateFloor, weights.gateSlope)
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

    /// Writes the weighted sum of the stated features but sector and geography (scale,
    /// instrument, theme, co-financing, presence) of partners `start ..< start + m`
    /// into `out`, in one pass: the points the sector gate applies to.
    @inline(__always)
    func addStatedFeatures(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, highThemes: Bool) {
        let c = columns
        let n = c.count
        let sought = need.sought
        let instrument = c.instrumentFit[sought] + start
        let lowThemes = c.themes + start
        let highThemeWords = c.themes + n + start
        let inverseMinShare = c.inverseMinShare + start
        let presence = c.presence + start
        let w = weights
        let (wScale, wInstrument, wTheme) = (w.scale, w.instrument, w.theme)
        let (wCofinancing, wPresence, inverseWidth) = (w.cofinancing, w.presence, w.inverseWidth)
        let (notRequired, unknown) = (w.cofinancingNotRequired, w.cofinancingUnknown)
        let (themeLow, themeHigh, themeInverse, themeBase) = (need.themeLow, need.themeHigh, need.themeInverseCount, need.themeBase)
        let (ratio, ratioKnown) = (need.counterpartRatio, need.counterpartKnown)
        for i in 0..<m {
            let scale = FeatureFormulas.scaleFit(logDistance: distance[i], inverseWidth: inverseWidth)
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
            out[i] = first + second
        }
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

    /// Adds the ticket and province evidence of partners `start ..< start + m` to `out`
    /// (before the gate, the clamp and the filters) and writes the sector evidence into
    /// `ev.sector` (0 where the rule does not weigh it), which is not gated. Each is
    /// computed only when the rule weighs it: the test is per block, not per partner.
    @inline(__always)
    func addEvidence(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        let w = weights
        guard let e = columns.evidence, w.sectorEvidence > 0 else {
            ev.sector.update(repeating: 0, count: m)
            if let e = columns.evidence { addTicketAndProvinceEvidence(need, e, start: start, count: m, out: out, distance: distance, evidence: ev) }
            return
        }
        CompiledCatalog.sumRows(need.evidenceRowPointers, need.shares, start: start, count: m, into: ev.sector)
        addTicketAndProvinceEvidence(need, e, start: start, count: m, out: out, distance: distance, evidence: ev)
    }

    @inline(__always)
    func addTicketAndProvinceEvidence(_ need: CompiledNeed, _ e: _EvidenceColumns, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        let n = columns.count
        let w = weights
        if let province = e.province, w.provinceEvidence > 0 {
            let column = province + need.geographyRow * n + start
            let wProvince = w.provinceEvidence
            for i in 0..<m { out[i] += wProvince * column[i] }
        }
        if w.ticketEvidence > 0 {
            let s = need.sought
            CompiledCatalog.nearestDistance(low: e.ticketLow[s] + start, high: e.ticketHigh[s] + start, slots: e.ticketSlots[s], stride: n, logBudget: need.logBudget, count: m, into: ev.distance)
            let known = e.ticketKnown[s] + start
            let (wTicket, inverseWidth, scaleWidth, factor) = (w.ticketEvidence, w.ticketEvidenceInverseWidth, w.inverseWidth, w.ticketEvidenceFallback)
            for i in 0..<m {
                let stated = FeatureFormulas.evidenceFallback(stated: FeatureFormulas.scaleFit(logDistance: distance[i], inverseWidth: scaleWidth), factor: factor)
                out[i] += wTicket * FeatureFormulas.ticketEvidence(logDistance: ev.distance[i], inverseWidth: inverseWidth, known: known[i], fallback: stated)
            }
        }
    }
}
