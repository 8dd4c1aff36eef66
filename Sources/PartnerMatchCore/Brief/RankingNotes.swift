/// What a ranking's reader must know besides the ranking itself: the defaults that were
/// assumed in stating the need, and a warning when every partner is excluded. Printed on
/// stderr under a table, and as members of the JSON outputs (`rank --format json`,
/// `score`'s JSONL records, `serve`'s rank answers).
public struct RankingNotes: Sendable, Hashable {
    public var assumed: [AssumedDefault]
    public var allExcluded: AllExcludedWarning?

    public init(assumed: [AssumedDefault] = [], allExcluded: AllExcludedWarning? = nil) {
        self.assumed = assumed
        self.allExcluded = allExcluded
    }

    /// The notes of a ranking: `assumed`, and the warning when it has no entry although
    /// the catalog has partners.
    public init(assumed: [AssumedDefault] = [], ranking: Ranking, need: Need, catalog: CompiledCatalog) {
        self.init(assumed: assumed, allExcluded: AllExcludedWarning(ranking, need: need, catalog: catalog))
    }

    public var isEmpty: Bool { assumed.isEmpty && allExcluded == nil }

    /// The lines for stderr, without the program's prefix: "assumed: province national
    /// (not given; ...); applicant province (...)", "warning: every partner is excluded...".
    public func lines(_ language: Language = .en) -> [String] {
        var out: [String] = []
        if let a = AssumedDefault.line(assumed, language) { out.append(a) }
        if let w = allExcluded { out.append((language == .vi ? "cảnh báo: " : "warning: ") + w.message.text(language)) }
        return out
    }

    /// The JSON members, key and compact value (keys sorted inside), in key order; none
    /// when nothing is to be said, so that the outputs of needs stated in full with a
    /// partner left do not change.
    public var jsonMembers: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        if !assumed.isEmpty { out.append(("assumed", AssumedDefault.json(assumed))) }
        if let w = allExcluded { out.append(("warning", w.json)) }
        return out
    }
}

/// Said when a filter excludes every partner for a need: how many, and the partners
/// whose compatible ticket range is nearest to the budget, so that the reader sees
/// whether the budget (or its currency) is the problem.
public struct AllExcludedWarning: Sendable, Hashable {
    public var needID: String
    public var budgetUSD: Double
    public var instrument: SoughtInstrument
    public var partnerCount: Int
    public var nearest: [NearestTicket]

    public static let code = "all-excluded"

    /// The warning for a ranking with no entry; nil when it has one, or when the catalog
    /// is empty.
    public init?(_ ranking: Ranking, need: Need, catalog: CompiledCatalog, count: Int = 3) {
        guard ranking.entries.isEmpty, ranking.partnerCount > 0 else { return nil }
        needID = need.id
        budgetUSD = need.budgetUSD
        instrument = need.instrument
        partnerCount = ranking.partnerCount
        nearest = catalog.nearestTickets(need, count: count)
    }

    /// "every partner is excluded (50 of 50) for need ad-hoc (USD 2M); the nearest ticket
    /// ranges: jica-grant-aid: grants USD 2.5-25M, budget 1.3x below the minimum; ...".
    public var message: LocalizedText {
        func text(_ l: Language) -> String {
            let budget = _Money.amount(budgetUSD, l)
            let head = l == .en
                ? "every partner is excluded (\(partnerCount) of \(partnerCount)) for need \(needID) (\(budget))"
                : "mọi đối tác đều bị loại (\(partnerCount)/\(partnerCount)) cho nhu cầu \(needID) (\(budget))"
            guard !nearest.isEmpty else {
                return head + (l == .en ? "; no partner offers an instrument compatible with \(instrument.name(.en))"
                                        : "; không đối tác nào có hình thức phù hợp với \(instrument.name(.vi))")
            }
            let tickets = nearest.map { t -> String in
                var s = "\(t.partnerID): \(t.instrument.name(l)) \(_Money.range(t.min, t.max, l)), "
                let factor = _Money.factor(t.factor, l)
                if t.factor <= 1 { s += l == .en ? "budget inside the range" : "ngân sách trong khoảng" }
                else if budgetUSD > t.max { s += l == .en ? "budget \(factor)x above the maximum" : "ngân sách gấp \(factor) lần mức tối đa" }
                else { s += l == .en ? "budget \(factor)x below the minimum" : "ngân sách thấp hơn mức tối thiểu \(factor) lần" }
                if let x = t.exclusion, x.filter != .budget {
                    s += l == .en ? " (excluded by the \(x.filter.rawValue) filter: \(x.reason.text(.en)))" : " (bị loại bởi bộ lọc \(x.filter.rawValue): \(x.reason.text(.vi)))"
                }
                return s
            }
            return head + (l == .en ? "; the nearest ticket ranges: " : "; các mức tài trợ gần nhất: ") + tickets.joined(separator: "; ")
        }
        return LocalizedText(en: text(.en), vi: text(.vi))
    }

    /// `{"code":"all-excluded","message":{"en":...,"vi":...},"nearestTickets":[...]}`,
    /// keys sorted as the service's encoder sorts them.
    public var json: String {
        let q = JSONText.quote
        let m = message
        let tickets = nearest.map { t -> String in
            var s = "{"
            if let x = t.exclusion { s += "\"excludedBy\":\(q(x.filter.rawValue)),\"excludedReason\":{\"en\":\(q(x.reason.text(.en))),\"vi\":\(q(x.reason.text(.vi)))}," }
            s += "\"factor\":\(Rule.number((t.factor * 100).rounded() / 100)),\"instrument\":\(q(t.instrument.rawValue)),"
            s += "\"max\":\(Rule.number(t.max)),\"min\":\(Rule.number(t.min)),\"partner\":\(q(t.partnerID))}"
            return s
        }
        return "{\"code\":\(q(AllExcludedWarning.code)),\"message\":{\"en\":\(q(m.text(.en))),\"vi\":\(q(m.text(.vi)))},\"nearestTickets\":[" + tickets.joined(separator: ",") + "]}"
    }
}
