extension CompiledCatalog {
    /// The full explanation of one pair, filters included; nil for an unknown partner.
    public func explain(_ need: Need, partnerID: String) -> Explanation? {
        partnerIndex[partnerID].map { explanation(need, partnerAt: $0) }
    }

    /// Recomputes one pair feature by feature with the functions of `FeatureFormulas`,
    /// the ones the scoring loop uses, and says why in both languages.
    func explanation(_ need: Need, partnerAt p: Int) -> Explanation {
        let partner = partners[p]
        let d = _Defaults(rule: rule)
        let w = weights
        var items: [FeatureContribution] = []
        let sector = sectorFit(need, p, d.sector)
        let gate = FeatureFormulas.sectorGate(sectorFit: sector.value, noOverlap: w.gateNoOverlap, floor: w.gateFloor, slope: w.gateSlope)
        func add(_ f: Feature, _ value: Float, _ reason: LocalizedText) {
            guard rule.features.weight(f) > 0 || rule.features.used.contains(f) else { return }
            let gated = f != .sectorFit && f != .sectorEvidence
            let contribution = Double(w.weight(f)) * Double(value) * (gated ? Double(gate) : 1)
            items.append(FeatureContribution(feature: f, value: Double(value), weight: rule.features.weight(f), contribution: contribution, reason: reason))
        }
        add(.sectorFit, sector.value, sector.reason)
        let scale = scaleFit(need, openPartners[p], d.scale)
        add(.scaleFit, scale.value, scale.reason)
        let instrument = FeatureFormulas.instrumentFit(offered: openPartners[p].instruments.map(\.instrument), sought: need.instrument, d.instrument, rule.compatibility)
        add(.instrumentFit, instrument.value, instrument.best.map {
            LocalizedText(en: "best compatible instrument: \($0.name(.en))", vi: "hình thức phù hợp nhất: \($0.name(.vi))")
        } ?? LocalizedText(en: "offers no \(need.instrument.name(.en))", vi: "không có \(need.instrument.name(.vi))"))
        let theme = themeFit(need, partner, d.theme)
        add(.themeFit, theme.value, theme.reason)
        let geography = geographyFit(need, p, d.geography)
        add(.geographyFit, geography.value, geography.reason)
        let cofinancing = cofinancingFit(need, partner)
        add(.cofinancing, cofinancing.value, cofinancing.reason)
        let presence = FeatureFormulas.presence(usdPerYear: partner.recentVolume?.usdPerYear, d.presence)
        add(.presence, presence, partner.recentVolume.map {
            LocalizedText(en: "\(_Money.amount($0.usdPerYear, .en)) a year in Viet Nam (\($0.year))", vi: "\(_Money.amount($0.usdPerYear, .vi)) mỗi năm tại Việt Nam (\($0.year))")
        } ?? LocalizedText(en: "no recent volume known", vi: "chưa rõ quy mô tài trợ gần đây"))

        if rule.features.sectorEvidence != nil {
            let x = sectorEvidence(need, p, d)
            add(.sectorEvidence, x.value, x.reason)
        }
        if rule.features.ticketEvidence != nil {
            let x = ticketEvidence(need, openPartners[p], d)
            add(.ticketEvidence, x.value, x.reason)
        }
        if rule.features.provinceEvidence != nil {
            let x = provinceEvidence(need, p, d)
            add(.provinceEvidence, x.value, x.reason)
        }

        let filters = filterOutcomes(need, partnerAt: p)
        let total = items.reduce(0) { $0 + $1.contribution }
        let dormant = dormancy(need, partnerAt: p)
        var score = filters.allSatisfy(\.passed) ? min(max(total, 0), 100) : -1
        if let d = dormant, score >= 0 {
            // The discount scales the clamped score, as the loop does; the contributions
            // are scaled with it so that they still add up to the score.
            score *= d.factor
            let scale = total > 0 ? score / total : 0
            for i in items.indices { items[i].contribution *= scale }
        }
        return Explanation(partnerID: partner.id, needID: need.id, score: score, features: items, filters: filters, sectorGate: Double(gate), dormancy: dormant.map { Dormancy(factor: $0.factor, reason: $0.reason) })
    }

    // MARK: Features

    /// The sector fit, its reason, and the fused row value of each need sector (0 for
    /// a sector without a share), which the sector evidence falls back to.
    func sectorFit(_ need: Need, _ p: Int, _ params: SectorFitParameters) -> (value: Float, reason: LocalizedText, rows: [Float]) {
        let taxonomy = reference.sectors
        let total = need.sectors.reduce(0) { $0 + max($1.share, 0) }
        var rows = [Float](repeating: 0, count: need.sectors.count)
        var value: Float = 0
        var best: (part: Float, code: String, priority: _ResolvedPriority, match: FeatureFormulas.SectorMatch)?
        for (j, s) in need.sectors.enumerated() where s.share > 0 {
            let key = sectorRowIndex[s.code].map { sectorRowKeys[$0] } ?? CompiledCatalog.resolveLoose(s.code, taxonomy)
            var rowValue: Float = 0
            var reason: (_ResolvedPriority, FeatureFormulas.SectorMatch)?
            for rp in resolvedPriorities[p] {
                guard let m = FeatureFormulas.sectorMatch(need: key, priority: rp.resolved) else { continue }
                let v = FeatureFormulas.sectorCredit(weight: rp.priority.weight, match: m, params)
                if reason == nil || v > rowValue { rowValue = max(rowValue, v); reason = (rp, m) }
            }
            rows[j] = rowValue
            let share = Float(s.share / total)
            value = FeatureFormulas.sectorFit(accumulated: value, share: share, rowValue: rowValue)
            if let (rp, m) = reason, best == nil || share * rowValue > best!.part {
                best = (share * rowValue, s.code, rp, m)
            }
        }
        guard let b = best else {
            let codes = need.sectors.map(\.code).joined(separator: ", ")
            return (value, LocalizedText(en: "no priority in the need's sectors (\(codes))", vi: "không ưu tiên các ngành của nhu cầu (\(codes))"), rows)
        }
        let sector = b.priority.priority.sector
        let en = taxonomy.name(of: sector, language: .en).map { "\($0.lowercasedFirst) (\(sector))" } ?? sector
        let vi = taxonomy.name(of: sector, language: .vi).map { "\($0.lowercasedFirst) (\(sector))" } ?? sector
        switch b.match {
        case .exact:
            return (value, LocalizedText(en: "funds \(en): exact sector match", vi: "tài trợ \(vi): khớp đúng mã ngành"), rows)
        case .covers:
            return (value, LocalizedText(en: "funds all \(en), which includes \(b.code)", vi: "tài trợ toàn bộ \(vi), bao gồm \(b.code)"), rows)
        case .category:
            return (value, LocalizedText(en: "funds \(en): same category as \(b.code)", vi: "tài trợ \(vi): cùng nhóm ngành với \(b.code)"), rows)
        case .group:
            return (value, LocalizedText(en: "funds \(en): same sector group as \(b.code)", vi: "tài trợ \(vi): cùng lĩnh vực với \(b.code)"), rows)
        }
    }

    /// The nearest compatible offer's distance, as the loop computes it from the merged
    /// intervals (the same minimum).
    func nearestOffer(_ need: Need, _ partner: Partner) -> (distance: Float, offer: InstrumentOffer?) {
        nearestOffer(need, partner.instruments, compatible: rule.compatible(need.instrument))
    }

    /// `nearestOffer`, with the instruments compatible with the need's computed once by
    /// the caller (`nearestTickets` asks for every partner).
    func nearestOffer(_ need: Need, _ instruments: [InstrumentOffer], compatible: [Instrument]) -> (distance: Float, offer: InstrumentOffer?) {
        let b = FeatureFormulas.logAmount(need.budgetUSD)
        var best: (Float, InstrumentOffer?) = (FeatureFormulas.logDistance(logBudget: b, logMin: _Columns.farSentinel, logMax: _Columns.farSentinel), nil)
        for o in instruments where compatible.contains(o.instrument) {
            let lo = FeatureFormulas.logAmount(o.ticket.min)
            let d = FeatureFormulas.logDistance(logBudget: b, logMin: lo, logMax: max(lo, FeatureFormulas.logAmount(o.ticket.max)))
            if best.1 == nil || d < best.0 { best = (d, o) }
        }
        return best
    }

    func scaleFit(_ need: Need, _ partner: Partner, _ params: ScaleFitParameters) -> (value: Float, reason: LocalizedText) {
        let (d, offer) = nearestOffer(need, partner)
        let value = FeatureFormulas.scaleFit(logDistance: d, inverseWidth: FeatureFormulas.inverseWidth(params))
        guard let o = offer else {
            return (value, LocalizedText(en: "offers no \(need.instrument.name(.en))", vi: "không có \(need.instrument.name(.vi))"))
        }
        func text(_ l: Language) -> String {
            let range = _Money.range(o.ticket.min, o.ticket.max, l)
            let budget = _Money.amount(need.budgetUSD, l)
            let head = l == .en ? "\(o.instrument.name(.en)) of \(range); need \(budget)" : "\(o.instrument.name(.vi)) \(range); nhu cầu \(budget)"
            if d <= 0 { return head + (l == .en ? ": inside the range" : ": trong khoảng") }
            let factor = _Money.factor(Double(_exp(d)), l)
            if need.budgetUSD > o.ticket.max {
                return head + (l == .en ? ": \(factor)x above the maximum" : ": gấp \(factor) lần mức tối đa")
            }
            return head + (l == .en ? ": \(factor)x below the minimum" : ": thấp hơn mức tối thiểu \(factor) lần")
        }
        return (value, LocalizedText(en: text(.en), vi: text(.vi)))
    }

    func themeFit(_ need: Need, _ partner: Partner, _ params: ThemeFitParameters) -> (value: Float, reason: LocalizedText) {
        let vocabulary = reference.themes
        let needBits = CompiledCatalog.themeBits(need.themes, vocabulary)
        let count = needBits.nonzeroBitCount
        let value = FeatureFormulas.themeFit(
            need: needBits, partner: CompiledCatalog.themeBits(partner.themes, vocabulary),
            inverseNeedCount: count > 0 ? 1 / Float(count) : 0, base: count > 0 ? 0 : Float(params.neutral))
        if count == 0 {
            return (value, LocalizedText(en: "the need names no theme: neutral", vi: "nhu cầu không nêu chủ đề: trung tính"))
        }
        let shared = need.themes.filter { partner.themes.contains($0) }.compactMap { vocabulary.theme($0) }
        let n = shared.count
        if n == 0 {
            return (value, LocalizedText(en: "shares none of the need's \(count) themes", vi: "không chung chủ đề nào trong \(count) chủ đề của nhu cầu"))
        }
        return (value, LocalizedText(
            en: "shares \(n) of \(count) themes: " + shared.map { $0.en.lowercasedFirst }.joined(separator: ", "),
            vi: "chung \(n)/\(count) chủ đề: " + shared.map { $0.vi.lowercasedFirst }.joined(separator: ", ")))
    }

    func geographyFit(_ need: Need, _ p: Int, _ params: GeographyFitParameters) -> (value: Float, reason: LocalizedText) {
        let partner = partners[p]
        let g = reference.provinces
        let row = unitRow(need.province)
        let unit = row < g.units.count ? g.units[row] : nil
        let (value, match) = FeatureFormulas.geographyFit(unit: unit, provinces: focusProvinces[p], regions: partner.geography.regions, flags: partner.geography.areaFlags, params)
        let place = unit?.name ?? need.province
        switch match {
        case .province:
            return (value, LocalizedText(en: "works in \(place)", vi: "hoạt động tại \(place)"))
        case .region:
            return (value, LocalizedText(en: "works in \(unit!.region.name(.en))", vi: "hoạt động tại vùng \(unit!.region.name(.vi))"))
        case .areaFlag(let f):
            return (value, LocalizedText(en: "focuses on \(f.name(.en)) areas", vi: "tập trung vào vùng \(f.name(.vi))"))
        case .nationwide:
            return (value, LocalizedText(en: "works nationwide: neutral", vi: "hoạt động toàn quốc: trung tính"))
        case .none:
            let focus = (focusProvinces[p].sorted().map { g.unit(id: $0)?.name ?? $0 }, partner.geography.regions, partner.geography.areaFlags)
            let en = (focus.0 + focus.1.map { $0.name(.en) } + focus.2.map { $0.name(.en) + " areas" }).joined(separator: ", ")
            let vi = (focus.0 + focus.1.map { "vùng " + $0.name(.vi) } + focus.2.map { "vùng " + $0.name(.vi) }).joined(separator: ", ")
            if unit == nil {
                return (value, LocalizedText(en: "focuses on \(en); the need is nationwide: neutral", vi: "tập trung vào \(vi); nhu cầu toàn quốc: trung tính"))
            }
            return (value, LocalizedText(en: "focuses on \(en), not \(place): neutral, as nationwide", vi: "tập trung vào \(vi), không phải \(place): trung tính như toàn quốc"))
        }
    }

    func cofinancingFit(_ need: Need, _ partner: Partner) -> (value: Float, reason: LocalizedText) {
        let w = weights
        let ratio = need.counterpartUSD.map { need.budgetUSD > 0 ? $0 / need.budgetUSD : 0 }
        let minShare = partner.eligibility.minCounterpartShare
        let value = FeatureFormulas.cofinancing(
            ratio: Float(ratio ?? 0), ratioKnown: ratio != nil, inverseMinShare: FeatureFormulas.inverseMinShare(minShare),
            notRequired: w.cofinancingNotRequired, unknown: w.cofinancingUnknown)
        guard minShare > 0 else {
            return (value, LocalizedText(en: "no counterpart required", vi: "không yêu cầu vốn đối ứng"))
        }
        let req = (en: _Money.percent(minShare, .en), vi: _Money.percent(minShare, .vi))
        guard let r = ratio else {
            return (value, LocalizedText(en: "requires \(req.en) counterpart; the need does not say", vi: "yêu cầu vốn đối ứng \(req.vi); nhu cầu chưa nêu"))
        }
        let enough = r >= minShare
        return (value, LocalizedText(
            en: "requires \(req.en) counterpart; the need brings \(_Money.percent(r, .en)): \(enough ? "feasible" : "short")",
            vi: "yêu cầu vốn đối ứng \(req.vi); nhu cầu có \(_Money.percent(r, .vi)): \(enough ? "khả thi" : "chưa đủ")"))
    }
}

import Foundation

@inline(__always) func _exp(_ x: Float) -> Float { Foundation.exp(x) }

extension String {
    /// "Road transport" -> "road transport", for names inside a sentence; acronyms stay.
    var lowercasedFirst: String {
        guard let f = first, f.isUppercase else { return self }
        let second = dropFirst().first
        if let s = second, s.isUppercase { return self }
        return f.lowercased() + dropFirst()
    }
}
