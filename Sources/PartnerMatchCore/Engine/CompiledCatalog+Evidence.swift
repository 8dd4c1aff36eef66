/// The evidence features: compiling a partner's `EvidenceSummary` into its columns, and
/// explaining one pair with the same `FeatureFormulas`.
extension CompiledCatalog {
    /// The merged p10-p90 intervals (natural log) of a summary's past tickets that tell
    /// about `sought`; empty without a summary or such tickets.
    static func evidenceTicketIntervals(_ summary: EvidenceSummary?, _ sought: SoughtInstrument) -> [(low: Float, high: Float)] {
        guard let summary else { return [] }
        return mergedLogIntervals(summary.tickets(compatibleWith: sought).map { ($0.p10, $0.p90) })
    }

    /// Fills partner `p`'s slots of the evidence columns: its evidence where it has
    /// some, the stated feature times the fallback factor where not. Runs after the
    /// partner's sector rows are filled (the sector fallback reads them).
    static func compileEvidence(
        _ e: _EvidenceColumns, _ p: Int, n: Int, summary: EvidenceSummary?, intervals: [[(low: Float, high: Float)]],
        sectorRows: UnsafeMutablePointer<Float>, keys: [SectorTaxonomy.Resolved], partner: Partner, focus: Set<String>,
        reference: ReferenceData, defaults d: _Defaults
    ) {
        if let rows = e.sectorRows {
            let factor = Float(d.sectorEvidence.fallback)
            if let s = summary, s.hasSectorEvidence {
                let groups = s.groupShares(reference.sectors)
                for (r, key) in keys.enumerated() {
                    let l = s.levelShares(key, groups: groups)
                    rows[r * n + p] = FeatureFormulas.sectorEvidenceCredit(exact: l.exact, category: l.category, group: l.group, d.sectorEvidence)
                }
            } else {
                for r in keys.indices { rows[r * n + p] = FeatureFormulas.evidenceFallback(stated: sectorRows[r * n + p], factor: factor) }
            }
        }
        for s in e.ticketSlots.indices {
            for (k, iv) in intervals[s].enumerated() {
                e.ticketLow[s][k * n + p] = iv.low
                e.ticketHigh[s][k * n + p] = iv.high
            }
            e.ticketKnown[s][p] = intervals[s].isEmpty ? 0 : 1
        }
        if let column = e.province {
            let units = reference.provinces.units
            for u in 0...units.count {
                let unit = u < units.count ? units[u] : nil
                column[u * n + p] = provinceEvidence(unit: unit, summary: summary, partner: partner, focus: focus, reference: reference, defaults: d).value
            }
        }
    }

    /// Province evidence of one partner for a unit (nil: unknown province), and the
    /// activity counts behind it (nil when it fell back to the stated focus).
    static func provinceEvidence(unit: Gazetteer.Unit?, summary: EvidenceSummary?, partner: Partner, focus: Set<String>, reference: ReferenceData, defaults d: _Defaults) -> (value: Float, counts: (province: Int, region: Int)?) {
        guard let s = summary, s.hasProvinceEvidence else {
            let g = FeatureFormulas.geographyFit(unit: unit, provinces: focus, regions: partner.geography.regions, flags: partner.geography.areaFlags, d.geography).value
            return (FeatureFormulas.evidenceFallback(stated: g, factor: Float(d.provinceEvidence.fallback)), nil)
        }
        guard let unit else { return (0, (0, 0)) }
        let gazetteer = reference.provinces
        let province = s.provinces[unit.id] ?? 0
        let region = s.provinces.reduce(0) { sum, e in gazetteer.unit(id: e.key)?.region == unit.region ? sum + e.value : sum }
        return (FeatureFormulas.provinceEvidence(province: province, region: region, d.provinceEvidence), (province, region))
    }

    /// A sector evidence row for a need sector the taxonomy does not list.
    func adHocEvidenceRow(_ key: SectorTaxonomy.Resolved, stated: [Float]) -> [Float] {
        let d = _Defaults(rule: rule)
        return partners.indices.map { p in
            sectorEvidenceRowValue(key, p, stated: stated[p], d)
        }
    }

    /// The sector evidence credit of partner `p` for one need sector, as the compiled
    /// row holds it.
    func sectorEvidenceRowValue(_ key: SectorTaxonomy.Resolved, _ p: Int, stated: Float, _ d: _Defaults) -> Float {
        guard let s = evidence[partners[p].id], s.hasSectorEvidence else {
            return FeatureFormulas.evidenceFallback(stated: stated, factor: Float(d.sectorEvidence.fallback))
        }
        let l = s.levelShares(key, groups: s.groupShares(reference.sectors))
        return FeatureFormulas.sectorEvidenceCredit(exact: l.exact, category: l.category, group: l.group, d.sectorEvidence)
    }

    // MARK: Explanation

    /// "(evidence up to 2003)" when the evidence was cut at a year.
    func evidenceSpan(_ l: Language) -> String {
        guard let y = evidence.values.compactMap(\.until).first else { return "" }
        return l == .en ? " up to \(y)" : " đến năm \(y)"
    }

    /// The reason of an evidence feature that fell back to the stated one: no past
    /// project at all, or projects that do not tell (`lacking`: what they miss).
    func noEvidenceReason(_ partnerID: String, stated: Feature, factor: Double, lacking: LocalizedText) -> LocalizedText {
        let f = (en: _Money.factor(factor, .en), vi: _Money.factor(factor, .vi))
        let used = (en: "stated priority used (\(stated.name(.en).lowercasedFirst) x \(f.en))", vi: "dùng ưu tiên đã công bố (\(stated.name(.vi).lowercasedFirst) x \(f.vi))")
        guard let s = evidence[partnerID], s.activities > 0 else {
            return LocalizedText(
                en: "no past projects on record\(evidenceSpan(.en)); \(used.en)",
                vi: "chưa có dự án trước đây trong hồ sơ\(evidenceSpan(.vi)); \(used.vi)")
        }
        return LocalizedText(
            en: "\(s.activities) past projects\(evidenceSpan(.en)), \(lacking.en ?? ""); \(used.en)",
            vi: "\(s.activities) dự án trước đây\(evidenceSpan(.vi)), \(lacking.vi ?? ""); \(used.vi)")
    }

    func sectorEvidence(_ need: Need, _ p: Int, _ d: _Defaults) -> (value: Float, reason: LocalizedText) {
        let taxonomy = reference.sectors
        let total = need.sectors.reduce(0) { $0 + max($1.share, 0) }
        let summary = evidence[partners[p].id]
        let stated = sectorFit(need, p, d.sector).rows
        var value: Float = 0
        var best: (part: Float, key: SectorTaxonomy.Resolved, level: FeatureFormulas.SectorMatch, share: Double)?
        let groups = summary?.groupShares(taxonomy) ?? [:]
        for (j, s) in need.sectors.enumerated() where s.share > 0 {
            let key = sectorRowIndex[s.code].map { sectorRowKeys[$0] } ?? CompiledCatalog.resolveLoose(s.code, taxonomy)
            let rowValue = sectorEvidenceRowValue(key, p, stated: stated[j], d)
            let share = Float(s.share / total)
            value = FeatureFormulas.sectorFit(accumulated: value, share: share, rowValue: rowValue)
            if let summary, summary.hasSectorEvidence, share * rowValue > (best?.part ?? 0) {
                let l = summary.levelShares(key, groups: groups)
                let p = d.sectorEvidence
                let credits: [(FeatureFormulas.SectorMatch, Double, Double)] = [
                    (.exact, p.exact * FeatureFormulas.saturated(l.exact, p.saturation), l.exact),
                    (.category, p.category * FeatureFormulas.saturated(l.category, p.saturation), l.category),
                    (.group, p.group * FeatureFormulas.saturated(l.group, p.saturation), l.group),
                ]
                let top = credits.max { $0.1 < $1.1 }!
                best = (share * rowValue, key, top.0, top.2)
            }
        }
        guard let summary, summary.hasSectorEvidence else {
            return (value, noEvidenceReason(partners[p].id, stated: .sectorFit, factor: d.sectorEvidence.fallback,
                lacking: LocalizedText(en: "none with a value and a sector", vi: "không có dự án nào có giá trị và mã ngành")))
        }
        let worth = (en: _Money.amount(summary.valueUSD, .en), vi: _Money.amount(summary.valueUSD, .vi))
        guard let b = best else {
            return (value, LocalizedText(
                en: "no past value in the need's sectors (\(summary.activities) projects, \(worth.en)\(evidenceSpan(.en)))",
                vi: "chưa có giá trị tài trợ trong các ngành của nhu cầu (\(summary.activities) dự án, \(worth.vi)\(evidenceSpan(.vi)))"))
        }
        let code: String
        switch b.level {
        case .exact, .covers: code = b.key.code
        case .category: code = b.key.category ?? b.key.code
        case .group: code = b.key.group
        }
        let en = taxonomy.name(of: code, language: .en).map { "\($0.lowercasedFirst) (\(code))" } ?? code
        let vi = taxonomy.name(of: code, language: .vi).map { "\($0.lowercasedFirst) (\(code))" } ?? code
        let coded = (en: _Money.amount(summary.sectorValueUSD, .en), vi: _Money.amount(summary.sectorValueUSD, .vi))
        return (value, LocalizedText(
            en: "past projects: \(_Money.percent(b.share, .en)) of value in \(en), of \(coded.en) with sectors\(evidenceSpan(.en))",
            vi: "dự án trước đây: \(_Money.percent(b.share, .vi)) giá trị thuộc \(vi), trên \(coded.vi) có mã ngành\(evidenceSpan(.vi))"))
    }

    func ticketEvidence(_ need: Need, _ partner: Partner, _ d: _Defaults) -> (value: Float, reason: LocalizedText) {
        let summary = evidence[partner.id]
        let intervals = CompiledCatalog.evidenceTicketIntervals(summary, need.instrument)
        let b = FeatureFormulas.logAmount(need.budgetUSD)
        var distance = FeatureFormulas.logDistance(logBudget: b, logMin: _Columns.farSentinel, logMax: _Columns.farSentinel)
        for iv in intervals { distance = min(distance, FeatureFormulas.logDistance(logBudget: b, logMin: iv.low, logMax: iv.high)) }
        let scale = scaleFit(need, partner, d.scale).value
        let w = weights
        let value = FeatureFormulas.ticketEvidence(
            logDistance: distance, inverseWidth: w.ticketEvidenceInverseWidth, known: intervals.isEmpty ? 0 : 1,
            fallback: FeatureFormulas.evidenceFallback(stated: scale, factor: w.ticketEvidenceFallback))
        guard let summary, !intervals.isEmpty else {
            return (value, noEvidenceReason(partner.id, stated: .scaleFit, factor: d.ticketEvidence.fallback,
                lacking: LocalizedText(en: "none for \(need.instrument.name(.en)) with a value", vi: "không có dự án \(need.instrument.name(.vi)) nào có giá trị")))
        }
        let tickets = summary.tickets(compatibleWith: need.instrument)
        let count = tickets.reduce(0) { $0 + $1.count }
        let nearest = tickets.min { a, c in
            FeatureFormulas.logDistance(logBudget: b, logMin: FeatureFormulas.logAmount(a.p10), logMax: FeatureFormulas.logAmount(a.p90))
                < FeatureFormulas.logDistance(logBudget: b, logMin: FeatureFormulas.logAmount(c.p10), logMax: FeatureFormulas.logAmount(c.p90))
        }!
        func text(_ l: Language) -> String {
            let range = _Money.range(nearest.p10, nearest.p90, l)
            let budget = _Money.amount(need.budgetUSD, l)
            let head = l == .en
                ? "past tickets \(range) (p10-p90 of \(count) projects\(evidenceSpan(l))); need \(budget)"
                : "quy mô dự án trước đây \(range) (p10-p90 của \(count) dự án\(evidenceSpan(l))); nhu cầu \(budget)"
            if distance <= 0 { return head + (l == .en ? ": inside" : ": trong khoảng") }
            let factor = _Money.factor(Double(_exp(distance)), l)
            if need.budgetUSD > nearest.p90 { return head + (l == .en ? ": \(factor)x above" : ": gấp \(factor) lần") }
            return head + (l == .en ? ": \(factor)x below" : ": thấp hơn \(factor) lần")
        }
        return (value, LocalizedText(en: text(.en), vi: text(.vi)))
    }

    func provinceEvidence(_ need: Need, _ p: Int, _ d: _Defaults) -> (value: Float, reason: LocalizedText) {
        let partner = partners[p]
        let g = reference.provinces
        let row = unitRow(need.province)
        let unit = row < g.units.count ? g.units[row] : nil
        let (value, counts) = CompiledCatalog.provinceEvidence(unit: unit, summary: evidence[partner.id], partner: partner, focus: focusProvinces[p], reference: reference, defaults: d)
        guard let counts else {
            return (value, noEvidenceReason(partner.id, stated: .geographyFit, factor: d.provinceEvidence.fallback,
                lacking: LocalizedText(en: "none placed in a province", vi: "không rõ tỉnh của dự án nào")))
        }
        let place = unit?.name ?? need.province
        if counts.province > 0 {
            return (value, LocalizedText(
                en: "\(counts.province) past project\(counts.province == 1 ? "" : "s") in \(place)\(evidenceSpan(.en))",
                vi: "\(counts.province) dự án trước đây tại \(place)\(evidenceSpan(.vi))"))
        }
        if counts.region > 0, let u = unit {
            return (value, LocalizedText(
                en: "no past project in \(place); \(counts.region) in \(u.region.name(.en))\(evidenceSpan(.en))",
                vi: "chưa có dự án tại \(place); \(counts.region) dự án tại vùng \(u.region.name(.vi))\(evidenceSpan(.vi))"))
        }
        return (value, LocalizedText(en: "no past project in \(place) or its region\(evidenceSpan(.en))", vi: "chưa có dự án tại \(place) hay trong vùng\(evidenceSpan(.vi))"))
    }
}
