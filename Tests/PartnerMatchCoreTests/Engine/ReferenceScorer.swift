import Foundation
@testable import PartnerMatchCore

/// A plain, per-partner scorer in Double, written straight from the rule's definitions
/// without the compiled columns: the fast path must agree with it.
struct ReferenceScorer {
    let rule: Rule
    let reference: ReferenceData
    var evidence: [String: EvidenceSummary] = [:]

    struct Result {
        var score: Double?   // nil when excluded
        var values: [Feature: Double]
        /// How close a filter decision was to its threshold (skip knife-edge pairs).
        var budgetMargin: Double
    }

    func resolve(_ s: String) -> (code: String, category: String?, group: String, level: Int) {
        if let r = reference.sectors.resolve(s) { return (r.code, r.category, r.group, r.level.rawValue) }
        let g = String(s.prefix(1)) + "00"
        if s.count == 5 { return (s, String(s.prefix(3)), g, 3) }
        if s.count == 3 && s.hasSuffix("00") { return (s, nil, s, 1) }
        return (s, s, g, 2)
    }

    func score(_ need: Need, _ partner: Partner) -> Result {
        let f = rule.features
        let sp = f.sectorFit ?? SectorFitParameters(weight: 0)
        // Sector fit
        var sector = 0.0
        let total = need.sectors.reduce(0) { $0 + max($1.share, 0) }
        for s in need.sectors where s.share > 0 {
            let n = resolve(s.code)
            var best = 0.0
            for p in partner.sectorPriorities {
                let r = resolve(p.sector)
                var credit = -1.0
                // A whole category or group covers the codes inside it as if listed.
                let covers = (r.level == 1 && r.group == n.group) || (r.level == 2 && n.level != 1 && n.category == r.code)
                if r.code == n.code || covers { credit = max(sp.exact, sp.category, sp.group) }
                else if n.category != nil && r.category == n.category { credit = max(sp.category, sp.group) }
                // Education, level unspecified (111) and Health, general (121) serve every
                // level of their field (11x, 12x): category credit with its categories.
                else if let a = n.category, let b = r.category, a.prefix(2) == b.prefix(2), ["111", "121"].contains(a) || ["111", "121"].contains(b) { credit = max(sp.category, sp.group) }
                else if r.group == n.group { credit = sp.group }
                if credit >= 0 { best = max(best, min(max(p.weight, 0), 1) * credit) }
            }
            sector += s.share / total * best
        }
        // Scale fit: nearest compatible offer, in decades
        let credits = rule.compatibility.credits[need.instrument] ?? [:]
        // With the status filter, closed instruments do not count; a dormant best window
        // discounts the score.
        let statusOn = rule.filters.status != nil
        let offered = partner.instruments.filter { !statusOn || $0.status?.state != .closed }
        let compatible = offered.filter { (credits[$0.instrument] ?? 0) > 0 }
        let allClosed = statusOn && !partner.instruments.filter { (credits[$0.instrument] ?? 0) > 0 }.isEmpty && compatible.isEmpty
        let dormantFactor = (statusOn && !compatible.isEmpty && !compatible.contains { ($0.status?.state ?? .active) == .active } ? rule.filters.status! : 1)
            * (statusOn && !(partner.eligibility.alongsideLoanFrom ?? []).isEmpty ? rule.filters.unmetRequirement ?? 1 : 1)
        let b = log(max(need.budgetUSD, 1))
        var distance = 1000.0 - b
        for o in compatible {
            let lo = log(max(o.ticket.min, 1)), hi = max(lo, log(max(o.ticket.max, 1)))
            distance = min(distance, max(lo - b, b - hi, 0))
        }
        let width = (f.scaleFit ?? ScaleFitParameters(weight: 0)).width
        let scale = exp(-distance / (width * log(10)))
        // Instrument fit
        let ip = f.instrumentFit ?? InstrumentFitParameters(weight: 0)
        let instrument = compatible.map { ip.value($0.instrument) * credits[$0.instrument]! }.max() ?? 0
        // Theme fit
        let needThemes = Set(need.themes.filter { reference.themes.theme($0) != nil })
        let theme = needThemes.isEmpty ? (f.themeFit ?? ThemeFitParameters(weight: 0)).neutral
            : Double(needThemes.intersection(partner.themes).count) / Double(needThemes.count)
        // Geography fit
        let gp = f.geographyFit ?? GeographyFitParameters(weight: 0)
        let unit = reference.provinces.unit(id: need.province) ?? reference.provinces.resolve(need.province)
        let focus = Set(partner.geography.provinces.map { reference.provinces.unit(id: $0)?.id ?? reference.provinces.resolve($0)?.id ?? $0 })
        // A focus is a preference: nothing below the nationwide value.
        var geo = gp.nationwide
        if !partner.geography.isNationwide, let u = unit {
            if focus.contains(u.id) { geo = max(gp.province, gp.nationwide) }
            else if partner.geography.regions.contains(u.region) { geo = max(gp.region, gp.nationwide) }
            else if partner.geography.areaFlags.contains(where: u.flags.contains) { geo = max(gp.areaFlag, gp.nationwide) }
        }
        // Co-financing
        let cp = f.cofinancing ?? CofinancingParameters(weight: 0)
        let minShare = partner.eligibility.minCounterpartShare
        let cof: Double
        if minShare <= 0 { cof = cp.notRequired }
        else if let c = need.counterpartUSD { cof = min(1, (need.budgetUSD > 0 ? c / need.budgetUSD : 0) / min(minShare, 1)) }
        else { cof = cp.unknown }
        // Presence
        let pp = f.presence ?? PresenceParameters(weight: 0)
        let presence: Double
        if let v = partner.recentVolume?.usdPerYear {
            presence = v <= 0 ? 0 : min(max((log(v) - log(pp.low)) / (log(pp.high) - log(pp.low)), 0), 1)
        } else { presence = pp.unknown }

        // Evidence features, from the summary's definitions, else the stated feature
        // times the fallback factor.
        let summary = evidence[partner.id]
        let sep = f.sectorEvidence ?? SectorEvidenceParameters(weight: 0)
        func saturated(_ x: Double, _ s: Double) -> Double { min(max(x, 0) / s, 1) }
        var sectorEvidence = 0.0
        if let e = summary, e.sectorValueUSD > 0, !e.sectorShares.isEmpty {
            for s in need.sectors where s.share > 0 {
                let n = resolve(s.code)
                let exact = e.sectorShares[n.code] ?? 0
                let category = n.category.flatMap { e.sectorShares[$0] } ?? 0
                let group = e.sectorShares.filter { $0.key.count == 3 && resolve($0.key).group == n.group }.values.reduce(0, +)
                let credit = max(sep.exact * saturated(exact, sep.saturation), sep.category * saturated(category, sep.saturation), sep.group * saturated(group, sep.saturation))
                sectorEvidence += s.share / total * credit
            }
        } else {
            sectorEvidence = sep.fallback * sector
        }
        let tep = f.ticketEvidence ?? TicketEvidenceParameters(weight: 0)
        let pastTickets = (summary?.tickets ?? []).filter { t in t.count > 0 && (t.instrument.map(need.instrument.compatibleInstruments.contains) ?? true) }
        let ticketEvidence: Double
        if pastTickets.isEmpty {
            ticketEvidence = tep.fallback * scale
        } else {
            let d = pastTickets.map { t in max(log(max(t.p10, 1)) - b, b - max(log(max(t.p90, 1)), log(max(t.p10, 1))), 0) }.min()!
            ticketEvidence = exp(-d / (tep.width * log(10)))
        }
        let pep = f.provinceEvidence ?? ProvinceEvidenceParameters(weight: 0)
        let provinceEvidence: Double
        if let e = summary, !e.provinces.isEmpty {
            if let u = unit {
                let here = Double(e.provinces[u.id] ?? 0)
                let region = Double(e.provinces.filter { reference.provinces.unit(id: $0.key)?.region == u.region }.values.reduce(0, +))
                provinceEvidence = min(1, max(saturated(here, pep.saturation), pep.region * saturated(region, pep.saturation)))
            } else {
                provinceEvidence = 0
            }
        } else {
            provinceEvidence = pep.fallback * geo
        }

        let values: [Feature: Double] = [
            .sectorFit: sector, .scaleFit: scale, .instrumentFit: instrument, .themeFit: theme, .geographyFit: geo, .cofinancing: cof, .presence: presence,
            .sectorEvidence: sectorEvidence, .ticketEvidence: ticketEvidence, .provinceEvidence: provinceEvidence,
        ]
        let wsum = Feature.allCases.reduce(0) { $0 + f.weight($1) }
        // The sector gate on every feature but sector fit and sector evidence.
        let gate = sector > 0 ? min(1, sp.floor + (1 - sp.floor) * sector / sp.full) : sp.noOverlap
        var score = 0.0
        for feature in Feature.allCases {
            let ungated = feature == .sectorFit || feature == .sectorEvidence
            score += f.weight(feature) * values[feature]! * (ungated ? 1 : gate)
        }
        score = min(max(100 * score / wsum, 0), 100) * dormantFactor

        // Filters
        let filters = rule.filters
        var excluded = false
        if allClosed { excluded = true }
        if filters.instrument && compatible.isEmpty { excluded = true }
        var margin = Double.infinity
        if let t = filters.budgetTolerance {
            margin = abs(distance - log(t))
            if distance > log(t) { excluded = true }
        }
        if filters.applicant && !partner.eligibility.applicantKinds.isEmpty && !partner.eligibility.applicantKinds.contains(need.applicant) { excluded = true }
        if filters.province && !(partner.geography.provinces.isEmpty && partner.geography.regions.isEmpty) {
            if let u = unit { if !focus.contains(u.id) && !partner.geography.regions.contains(u.region) { excluded = true } }
            else { excluded = true }
        }
        if filters.excludedSector, let main = need.mainSector {
            let n = resolve(main)
            for e in partner.excludedSectors {
                let r = resolve(e)
                let hit = r.level == 3 ? r.code == n.code : r.level == 2 ? n.category == r.code : n.group == r.group
                if hit { excluded = true }
            }
        }
        return Result(score: excluded ? nil : score, values: values, budgetMargin: margin)
    }
}
