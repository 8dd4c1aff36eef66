extension CompiledCatalog {
    /// Every enabled filter of the rule for one pair, in checking order, with the same
    /// tests the scoring loop makes through its masks.
    func filterOutcomes(_ need: Need, partnerAt p: Int) -> [FilterOutcome] {
        let partner = partners[p]
        let f = rule.filters
        var out: [FilterOutcome] = []
        func pass(_ k: FilterKind) { out.append(FilterOutcome(filter: k, passed: true, code: "ok", reason: LocalizedText(en: "ok", vi: "đạt"))) }
        func fail(_ k: FilterKind, _ code: String, _ en: String, _ vi: String) {
            out.append(FilterOutcome(filter: k, passed: false, code: code, reason: LocalizedText(en: en, vi: vi)))
        }
        let offered = partner.instruments.map(\.instrument)
        if f.status != nil {
            if let failure = statusFailure(need, partnerAt: p) { out.append(failure) } else { pass(.status) }
        }
        if f.instrument {
            if offered.contains(where: rule.compatible(need.instrument).contains) {
                pass(.instrument)
            } else {
                let list = (en: offered.map { $0.name(.en) }.joined(separator: ", "), vi: offered.map { $0.name(.vi) }.joined(separator: ", "))
                fail(.instrument, "instrument-incompatible",
                     "offers nothing compatible with \(need.instrument.name(.en)) (offers: \(list.en))",
                     "không có hình thức phù hợp với \(need.instrument.name(.vi)) (có: \(list.vi))")
            }
        }
        if let tolerance = f.budgetTolerance {
            let (d, offer) = nearestOffer(need, openPartners[p])
            if d <= weights.logTolerance {
                pass(.budget)
            } else if let o = offer {
                let factor = (en: _Money.factor(Double(_exp(d)), .en), vi: _Money.factor(Double(_exp(d)), .vi))
                let tol = (en: _Money.factor(tolerance, .en), vi: _Money.factor(tolerance, .vi))
                fail(.budget, "budget-out-of-range",
                     "budget \(_Money.amount(need.budgetUSD, .en)) is \(factor.en)x outside \(o.instrument.name(.en)) of \(_Money.range(o.ticket.min, o.ticket.max, .en)) (tolerance \(tol.en)x)",
                     "ngân sách \(_Money.amount(need.budgetUSD, .vi)) lệch \(factor.vi) lần so với \(o.instrument.name(.vi)) \(_Money.range(o.ticket.min, o.ticket.max, .vi)) (dung sai \(tol.vi) lần)")
            } else {
                fail(.budget, "budget-out-of-range", "no ticket range for \(need.instrument.name(.en))", "không có mức tài trợ cho \(need.instrument.name(.vi))")
            }
        }
        if f.applicant {
            let kinds = partner.eligibility.applicantKinds
            if kinds.isEmpty || kinds.contains(need.applicant) {
                pass(.applicant)
            } else {
                fail(.applicant, "applicant-not-eligible",
                     "does not accept applications from \(need.applicant.name(.en)) (accepts: \(kinds.map { $0.name(.en) }.joined(separator: ", ")))",
                     "không nhận hồ sơ từ \(need.applicant.name(.vi)) (nhận: \(kinds.map { $0.name(.vi) }.joined(separator: ", ")))")
            }
        }
        if f.province {
            let g = reference.provinces
            let row = unitRow(need.province)
            let unit = row < g.units.count ? g.units[row] : nil
            if FeatureFormulas.provinceEligible(unit: unit, provinces: focusProvinces[p], regions: partner.geography.regions) {
                pass(.province)
            } else {
                let names = focusProvinces[p].sorted().map { g.unit(id: $0)?.name ?? $0 }
                let en = (names + partner.geography.regions.map { $0.name(.en) }).joined(separator: ", ")
                let vi = (names + partner.geography.regions.map { $0.name(.vi) }).joined(separator: ", ")
                let place = unit?.name ?? need.province
                fail(.province, "province-not-eligible", "works only in \(en); not in \(place)", "chỉ hoạt động tại \(vi); không tại \(place)")
            }
        }
        if f.excludedSector {
            let taxonomy = reference.sectors
            if let main = need.mainSector,
               let e = partner.excludedSectors.first(where: { CompiledCatalog.excludes(need: CompiledCatalog.resolveLoose(main, taxonomy), excluded: CompiledCatalog.resolveLoose($0, taxonomy)) }) {
                let en = taxonomy.name(of: e, language: .en).map { "\($0) (\(e))" } ?? e
                let vi = taxonomy.name(of: e, language: .vi).map { "\($0) (\(e))" } ?? e
                fail(.excludedSector, "sector-excluded", "excludes \(en), which covers the need's main sector \(main)", "loại trừ ngành \(vi), bao gồm ngành chính \(main) của nhu cầu")
            } else {
                pass(.excludedSector)
            }
        }
        return out
    }
}
