extension CompiledCatalog {
    /// Partners scored per block: small enough for the block's buffers to stay in L1.
    static let blockSize = 512

    /// Scores partners `start ..< start + m` for one need into `out`: the score in
    /// [0, 100], or -1 for an excluded partner.
    ///
    /// Branch-free passes over flat columns through unchecked pointers: the sector rows
    /// are summed into `sector`, the log distance to the nearest compatible ticket range
    /// into `distance`, then one fused pass combines every feature and filter. Each
    /// feature value comes from its function in `FeatureFormulas`.
    @inline(__always)
    func scoreBlock(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        let c = columns
        let n = c.count
        // Sector fit: the need's shares of the fused rows.
        CompiledCatalog.sumRows(need.rowPointers, need.shares, start: start, count: m, into: sector)
        // Distance to the nearest compatible ticket interval.
        let sought = need.sought
        let b = need.logBudget
        CompiledCatalog.nearestDistance(low: c.ticketLow[sought] + start, high: c.ticketHigh[sought] + start, slots: c.ticketSlots[sought], stride: n, logBudget: b, count: m, into: distance)
        // The other features and the filters, a few columns per pass: each pass writes
        // one buffer and reads at most three other streams, so the vectoriser's runtime
        // alias checks stay within its budget and every pass vectorises.
        let instrument = c.instrumentFit[sought] + start
        let eligibility = c.eligibility + start
        let themes = c.themes + start
        let geography = c.geography + need.geographyRow * n + start
        let inverseMinShare = c.inverseMinShare + start
        let presence = c.presence + start
        let w = weights
        let (wSector, wScale, wInstrument, wTheme) = (w.sector, w.scale, w.instrument, w.theme)
        let (wGeography, wCofinancing, wPresence) = (w.geography, w.cofinancing, w.presence)
        let (inverseWidth, logTolerance) = (w.inverseWidth, w.logTolerance)
        let (notRequired, unknown) = (w.cofinancingNotRequired, w.cofinancingUnknown)
        let (instrumentMask, applicantMask) = (need.instrumentMask, need.applicantMask)
        let (themeBits, themeInverse, themeBase) = (need.themeBits, need.themeInverseCount, need.themeBase)
        let (ratio, ratioKnown) = (need.counterpartRatio, need.counterpartKnown)
        for i in 0..<m {
            let scale = FeatureFormulas.scaleFit(logDistance: distance[i], inverseWidth: inverseWidth)
            out[i] = wSector * sector[i] + wScale * scale + wInstrument * instrument[i]
        }
        for i in 0..<m {
            let theme = FeatureFormulas.themeFit(need: themeBits, partner: themes[i], inverseNeedCount: themeInverse, base: themeBase)
            let cofinancing = FeatureFormulas.cofinancing(ratio: ratio, ratioKnown: ratioKnown, inverseMinShare: inverseMinShare[i], notRequired: notRequired, unknown: unknown)
            out[i] += wTheme * theme + wCofinancing * cofinancing + wPresence * presence[i]
        }
        addEvidence(need, start: start, count: m, out: out, distance: distance, evidence: ev)
        for i in 0..<m {
            let g = geography[i]
            let e = eligibility[i]
            let score = min(max(out[i] + wGeography * max(g, 0), 0), 100)
            // Bitwise, not `&&`: no branch in the loop.
            let offered = min(e & instrumentMask, 1) & min(e & applicantMask, 1)
            let inRange: UInt32 = distance[i] <= logTolerance ? 1 : 0
            let placed: UInt32 = g >= 0 ? 1 : 0
            out[i] = (offered & inRange & placed) != 0 ? score : -1
        }
    }

    /// Sums the need's shares of sector rows (sector fit or sector evidence) into `out`.
    @inline(__always)
    static func sumRows(_ rows: [UnsafeMutablePointer<Float>], _ shares: [Float], start: Int, count m: Int, into out: UnsafeMutablePointer<Float>) {
        guard !rows.isEmpty else { out.update(repeating: 0, count: m); return }
        let r0 = rows[0] + start
        let s0 = shares[0]
        for i in 0..<m { out[i] = FeatureFormulas.sectorFit(accumulated: 0, share: s0, rowValue: r0[i]) }
        for j in 1..<rows.count {
            let r = rows[j] + start
            let s = shares[j]
            for i in 0..<m { out[i] = FeatureFormulas.sectorFit(accumulated: out[i], share: s, rowValue: r[i]) }
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

    /// Adds the evidence features of partners `start ..< start + m` to `out` (before
    /// the clamp and the filters). Each is computed only when the rule weighs it: the
    /// test is per block, not per partner.
    @inline(__always)
    func addEvidence(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>, evidence ev: (sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>)) {
        guard let e = columns.evidence else { return }
        let n = columns.count
        let w = weights
        if w.sectorEvidence > 0 {
            CompiledCatalog.sumRows(need.evidenceRowPointers, need.shares, start: start, count: m, into: ev.sector)
            let wSector = w.sectorEvidence
            for i in 0..<m { out[i] += wSector * ev.sector[i] }
        }
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
