import Foundation

/// Whether a partner's windows are open for Viet Nam: the status filter.
///
/// Each instrument states whether it is active, dormant or closed for Viet Nam, with the
/// date of its last known commitment here. A rule with the status filter on drops closed
/// instruments (a partner whose every compatible instrument is closed is excluded) and
/// multiplies a partner's score by the rule's `dormant` factor when its best compatible
/// instrument is dormant.
///
/// A catalog compiled `asOf` a past year judges each instrument as it stood then: one that
/// committed in Viet Nam in that year or later was active at the time, whatever its state
/// now. This is how a past project is ranked fairly (a 2018 USAID project was funded by a
/// live window). A window dormant today was also active in a year less than
/// `DataCheck.dormantYears` after its last commitment: dormancy is defined as that many
/// years without one, so it had not begun yet (KFAED, dormant with a last loan in 2018,
/// was active in 2020). A closed window with a known closing date (`closedSince`) was open
/// in the years before it closed: active then, or dormant in a year
/// `DataCheck.dormantYears` or more after its last commitment (Belgium's bilateral
/// window, last programme 2011, closed mid-2019, was dormant in 2018). A closed window
/// without one stays closed after its last commitment. A year in or after the one the
/// state was judged (`asOf`) sees the stored state. Without `asOf`, the states are
/// today's, as stored.
extension CompiledCatalog {
    /// The state of an instrument as of `year` (nil: as stored). An instrument without a
    /// status counts as active (`data check` refuses such a catalog).
    static func state(of offer: InstrumentOffer, asOf year: Int?) -> InstrumentStatus.State {
        guard let status = offer.status else { return .active }
        guard let year, yearOf(status.asOf).map({ year < $0 }) ?? true else { return status.state }
        var stored = status.state
        if stored == .closed, let closed = status.closedSince.flatMap(yearOf), year < closed {
            // Open at the time: judged as a window that may have gone dormant.
            guard status.lastCommitment != nil else { return .active }
            stored = .dormant
        }
        guard let last = status.lastCommitment.flatMap(yearOf) else { return stored }
        if last >= year { return .active }
        if stored == .dormant && year - last < DataCheck.dormantYears { return .active }
        return stored
    }

    /// The year of a partial date `YYYY[-MM[-DD]]`.
    static func yearOf(_ date: String) -> Int? {
        date.count >= 4 ? Int(date.prefix(4)) : nil
    }

    /// The partner with its closed instruments removed, as the scoring loop sees it when
    /// the status filter is on.
    static func openView(_ partner: Partner, asOf year: Int?) -> Partner {
        var p = partner
        p.instruments = partner.instruments.filter { state(of: $0, asOf: year) != .closed }
        return p
    }

    /// The factor on the score for a sought instrument: 1 when a compatible open
    /// instrument is active (or none is compatible), `dormant` when the best is dormant.
    static func statusFactor(_ open: Partner, compatible: [Instrument], asOf year: Int?, dormant: Double) -> Float {
        let states = open.instruments.filter { compatible.contains($0.instrument) }.map { state(of: $0, asOf: year) }
        guard !states.isEmpty, !states.contains(.active) else { return 1 }
        return Float(dormant)
    }

    /// "last commitment 2018-05; as of 2026-12-07; Kuwait Fund portfolio frozen since..."
    static func statusDetail(_ status: InstrumentStatus?, _ l: Language) -> String {
        guard let s = status else { return "" }
        var parts: [String] = []
        if let last = s.lastCommitment { parts.append(l == .en ? "last commitment in Viet Nam \(last)" : "cam kết gần nhất tại Việt Nam \(last)") }
        if let closed = s.closedSince, s.state == .closed { parts.append(l == .en ? "closed since \(closed)" : "đóng từ \(closed)") }
        parts.append(l == .en ? "as of \(s.asOf)" : "tính đến \(s.asOf)")
        return parts.joined(separator: "; ")
    }

    /// The status filter's outcome for a pair, or nil when it passes: the partner has
    /// instruments compatible with the need, and every one of them is closed.
    func statusFailure(_ need: Need, partnerAt p: Int) -> FilterOutcome? {
        let compatible = partners[p].instruments.filter { rule.compatible(need.instrument).contains($0.instrument) }
        guard !compatible.isEmpty, compatible.allSatisfy({ CompiledCatalog.state(of: $0, asOf: statusAsOf) == .closed }) else { return nil }
        let names = (en: compatible.map { $0.instrument.name(.en) }.joined(separator: ", "), vi: compatible.map { $0.instrument.name(.vi) }.joined(separator: ", "))
        let detail = (en: CompiledCatalog.statusDetail(compatible.first?.status, .en), vi: CompiledCatalog.statusDetail(compatible.first?.status, .vi))
        return FilterOutcome(filter: .status, passed: false, code: "window-closed", reason: LocalizedText(
            en: "\(names.en) closed for Viet Nam (\(detail.en))",
            vi: "\(names.vi) đã đóng đối với Việt Nam (\(detail.vi))"))
    }

    /// The factor of a partner requirement: `unmetRequirement` when the partner's money
    /// comes only beside another partner's loan (a need cannot state such a loan yet), else 1.
    static func requirementFactor(_ partner: Partner, unmet: Double?) -> Float {
        guard let unmet, !(partner.eligibility.alongsideLoanFrom ?? []).isEmpty else { return 1 }
        return Float(unmet)
    }

    /// The status filter's discount of a pair (a dormant best window, a requirement the
    /// need does not show it meets): the factor on its score and the reasons, or nil when
    /// the rule has no status filter or nothing discounts the partner.
    func dormancy(_ need: Need, partnerAt p: Int) -> (factor: Double, reason: LocalizedText)? {
        guard let dormant = rule.filters.status else { return nil }
        let open = openPartners[p]
        let statusFactor = CompiledCatalog.statusFactor(open, compatible: rule.compatible(need.instrument), asOf: statusAsOf, dormant: dormant)
        let required = CompiledCatalog.requirementFactor(open, unmet: rule.filters.unmetRequirement)
        var reasons: [LocalizedText] = []
        if required < 1 {
            let lenders = (open.eligibility.alongsideLoanFrom ?? []).joined(separator: ", ")
            let pct = (en: _Money.percent(Double(required), .en), vi: _Money.percent(Double(required), .vi))
            reasons.append(LocalizedText(
                en: "only beside a loan from \(lenders); the need names no such loan: score x \(pct.en)",
                vi: "chỉ đi kèm khoản vay của \(lenders); nhu cầu chưa nêu khoản vay như vậy: điểm x \(pct.vi)"))
        }
        guard statusFactor < 1 else {
            return reasons.isEmpty ? nil : (Double(required), reasons[0])
        }
        let factor = statusFactor * required
        let offer = open.instruments.first { rule.compatible(need.instrument).contains($0.instrument) && CompiledCatalog.state(of: $0, asOf: statusAsOf) == .dormant }
        let name = (en: offer?.instrument.name(.en) ?? "", vi: offer?.instrument.name(.vi) ?? "")
        let detail = (en: CompiledCatalog.statusDetail(offer?.status, .en), vi: CompiledCatalog.statusDetail(offer?.status, .vi))
        let pct = (en: _Money.percent(Double(factor), .en), vi: _Money.percent(Double(factor), .vi))
        let pctStatus = (en: _Money.percent(Double(statusFactor), .en), vi: _Money.percent(Double(statusFactor), .vi))
        let dormancy = LocalizedText(
            en: "\(name.en) dormant for Viet Nam (\(detail.en)): score x \(reasons.isEmpty ? pct.en : pctStatus.en)",
            vi: "\(name.vi) tạm ngừng đối với Việt Nam (\(detail.vi)): điểm x \(reasons.isEmpty ? pct.vi : pctStatus.vi)")
        let all = [dormancy] + reasons
        return (Double(factor), LocalizedText(en: all.compactMap(\.en).joined(separator: "; "), vi: all.compactMap { $0.vi ?? $0.en }.joined(separator: "; ")))
    }
}

// MARK: - The year a need is judged in

extension CompiledCatalog {
    /// The year whose window statuses rank `need`: its date's year when the rule has a
    /// status filter and some window's state was judged after that year (`latestJudged`,
    /// see `latestStatusYear`); nil (today's states, as stored) otherwise. `eval`, `rank`,
    /// `explain`, `brief`, `score` and `serve` all judge a need by this year, so a dated
    /// need ranks alike in each.
    public static func statusYear(of need: Need, rule: Rule, latestJudged: Int?) -> Int? {
        guard rule.filters.status != nil, let year = need.date.flatMap(yearOf), let latestJudged, year < latestJudged else { return nil }
        return year
    }

    /// The latest year any window's status was judged in (its `asOf`): what a need's date
    /// is compared with. A property of the partners, computed once per catalog, not per need.
    public static func latestStatusYear(_ partners: [Partner]) -> Int? {
        partners.lazy.flatMap(\.instruments).compactMap { $0.status.flatMap { yearOf($0.asOf) } }.max()
    }

    /// The year whose window statuses rank `need` in this catalog.
    public func statusYear(of need: Need) -> Int? {
        CompiledCatalog.statusYear(of: need, rule: rule, latestJudged: latestStatusYear)
    }

    /// This catalog as `need` is ranked: the same when it already judges the windows as of
    /// the need's status year, else compiled again for that year.
    public func judging(_ need: Need) -> CompiledCatalog {
        let year = statusYear(of: need)
        guard year != statusAsOf else { return self }
        return CompiledCatalog(partners: partners, reference: reference, rule: rule, evidence: evidence, statusAsOf: year)
    }
}

/// A compiled catalog and its recompilations for the status years of the needs it ranks,
/// each compiled once: what a batch of dated needs (`score`, `rank --all`, `serve`) ranks
/// with, on any thread.
///
/// ```swift
/// let catalogs = CatalogsByStatusYear(catalog)
/// let ranking = catalogs.catalog(for: need).rank(need, top: 10)
/// ```
public final class CatalogsByStatusYear: @unchecked Sendable {
    /// The catalog as compiled, for undated needs and today's states.
    public let base: CompiledCatalog
    private let lock = NSLock()
    private var byYear: [Int: CompiledCatalog] = [:]

    public init(_ base: CompiledCatalog) { self.base = base }

    /// The catalog that ranks `need` (see `CompiledCatalog.judging`).
    public func catalog(for need: Need) -> CompiledCatalog {
        guard let year = base.statusYear(of: need), year != base.statusAsOf else { return base }
        lock.lock()
        defer { lock.unlock() }
        if let c = byYear[year] { return c }
        let c = CompiledCatalog(partners: base.partners, reference: base.reference, rule: base.rule, evidence: base.evidence, statusAsOf: year)
        byYear[year] = c
        return c
    }
}
