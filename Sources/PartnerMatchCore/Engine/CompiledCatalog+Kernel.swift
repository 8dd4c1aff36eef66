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
    func scoreBlock(_ need: CompiledNeed, start: Int, count m: Int, out: UnsafeMutablePointer<Float>, sector: UnsafeMutablePointer<Float>, distance: UnsafeMutablePointer<Float>) {
        let c = columns
        let n = c.count
        // Sector fit: the need's shares of the fused rows.
        if need.rowPointers.isEmpty {
            sector.update(repeating: 0, count: m)
        } else {
            let r0 = need.rowPointers[0] + start
            let s0 = need.shares[0]
            for i in 0..<m { sector[i] = FeatureFormulas.sectorFit(accumulated: 0, share: s0, rowValue: r0[i]) }
            for j in 1..<need.rowPointers.count {
                let r = need.rowPointers[j] + start
                let s = need.shares[j]
                for i in 0..<m { sector[i] = FeatureFormulas.sectorFit(accumulated: sector[i], share: s, rowValue: r[i]) }
            }
        }
        // Distance to the nearest compatible ticket interval.
        let sought = need.sought
        let b = need.logBudget
        let low = c.ticketLow[sought] + start
        let high = c.ticketHigh[sought] + start
        for i in 0..<m { distance[i] = FeatureFormulas.logDistance(logBudget: b, logMin: low[i], logMax: high[i]) }
        for k in 1..<c.ticketSlots[sought] {
            let l = low + k * n
            let h = high + k * n
            for i in 0..<m { distance[i] = min(distance[i], FeatureFormulas.logDistance(logBudget: b, logMin: l[i], logMax: h[i])) }
        }
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
}
