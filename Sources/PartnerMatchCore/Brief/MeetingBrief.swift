/// A shortlist for a meeting: the need in brief, the date prepared, who is excluded and
/// why, then the top partners, each with a bar of its score by feature, reasons, its
/// eligibility, the counterpart funds the province must raise, what to ask it for
/// (instrument, amount, window), contacts and sources with their as-of date; and the rule
/// and catalog hash it came from.
///
/// Pure: it renders what it is given. Get the ranking with
/// `catalog.rank(need, top: 10, explain: true, showExcluded: true)` (without the
/// exclusions, the brief asks the catalog for them).
public struct MeetingBrief: Sendable {
    public var need: Need
    public var ranking: Ranking
    public var catalog: CompiledCatalog
    public var language: Language
    /// The most relevant past projects of partners with evidence, by partner id (see
    /// `PastProject.mostRelevant`). A partner missing here shows no past-projects line;
    /// one with an empty list shows that none lies in the need's sectors.
    public var pastProjects: [String: [PastProject]]
    /// A small line comparing this shortlist with another rule's (`brief --compare-rule`),
    /// printed above the stamp.
    public var comparison: String?
    /// The day the brief is prepared, `YYYY-MM-DD`; nil prints no date (tests, goldens).
    public var prepared: String?
    /// How many A4 pages the HTML may take, 1 or 2 (`pages` in `MeetingBrief.pageRange`):
    /// the partners that do not fit at the body size (9 pt) are named in a line, not
    /// printed smaller. The Markdown brief has no pages and shows every partner.
    public var pages: Int

    /// At most this many partners in a brief.
    public static let maxPartners = 10
    /// The page counts a brief may take.
    public static let pageRange = 1...2

    public init(need: Need, ranking: Ranking, catalog: CompiledCatalog, language: Language, pastProjects: [String: [PastProject]] = [:],
                prepared: String? = nil, pages: Int = 1) {
        self.need = need
        self.ranking = ranking
        self.catalog = catalog
        self.language = language
        self.pastProjects = pastProjects
        self.prepared = prepared
        self.pages = min(max(pages, Self.pageRange.lowerBound), Self.pageRange.upperBound)
    }

    /// The comparison line: the other rule's first `count` partners, each with its rank
    /// in this shortlist: "Under rule sector-heavy 1.0: 1. KOICA grants (here 2); 2. ...".
    public static func comparisonLine(_ other: Ranking, shown: Ranking, count: Int = 3, catalog: CompiledCatalog, language l: Language) -> String {
        let here = Dictionary(shown.entries.map { ($0.partnerID, $0.rank) }, uniquingKeysWith: { a, _ in a })
        let items = other.entries.prefix(count).map { e -> String in
            let name = catalog.partner(id: e.partnerID)?.name.text(l) ?? e.partnerID
            let place = here[e.partnerID].map { l == .en ? "here \($0)" : "ở đây \($0)" } ?? (l == .en ? "not in this list" : "không có trong danh sách này")
            return "\(e.rank). \(name) (\(place))"
        }
        let head = l == .en ? "Under rule \(other.ruleName) \(other.ruleVersion)" : "Theo quy tắc \(other.ruleName) \(other.ruleVersion)"
        return head + ": " + (items.isEmpty ? (l == .en ? "no partner is eligible" : "không có đối tác nào đủ điều kiện") : items.joined(separator: "; "))
    }

    /// The past-projects line of a partner, or nil when it has no evidence:
    /// "2003 Rural roads (USD 12,000,000); ...".
    func pastProjectsText(_ partnerID: String) -> String? {
        guard let projects = pastProjects[partnerID] else { return nil }
        let l = language
        if projects.isEmpty { return BriefText.label(.noPastProject, l) }
        return projects.map { p in
            var title = p.title ?? p.identifier
            if title.count > 70 { title = String(title.prefix(69)) + "…" }
            let amount = p.valueUSD.map { " (\(BriefText.usd($0, l)))" } ?? ""
            return (p.year.map { "\($0) " } ?? "") + title + amount
        }.joined(separator: "; ")
    }

    /// "No strong match; the closest are ..." when no shown partner is strong, else nil.
    var verdict: String? {
        Ranking.verdict(ranking.entries.prefix(Self.maxPartners), names: { catalog.partner(id: $0)?.name.text(language) ?? $0 }, language)
    }

    /// The entries shown: the first ten, with their explanations (computed when the
    /// ranking came without).
    var entries: [(entry: RankedPartner, partner: Partner, explanation: Explanation)] {
        ranking.entries.prefix(Self.maxPartners).compactMap { e in
            guard let p = catalog.partner(id: e.partnerID) else { return nil }
            return (e, p, e.explanation ?? catalog.explain(need, partnerID: e.partnerID)!)
        }
    }

    /// The need's facts, one line each, as label and text.
    var needFacts: [(label: String, text: String)] {
        let l = language
        let ref = catalog.reference
        let place = [need.commune, ref.provinces.unit(id: need.province)?.name ?? ref.provinces.resolve(need.province)?.name ?? need.province]
            .compactMap { $0 }.joined(separator: ", ")
        let sectors = need.sectors.map { s in
            let name = ref.sectors.name(of: s.code, language: l).map { " \($0)" } ?? ""
            return "\(s.code)\(name) \(BriefText.number(s.share, l, decimals: 1))%"
        }.joined(separator: "; ")
        var budget = BriefText.usd(need.budgetUSD, l)
        if let c = need.counterpartUSD { budget += " (\(BriefText.label(.counterpart, l)) \(BriefText.usd(c, l)))" }
        if let input = need.budgetInput { budget += " [\(BriefText.conversionNote(input, need: need, rates: ref.rates, l))]" }
        var facts: [(String, String)] = [
            (BriefText.label(.need, l), "\(need.id), \(place)"),
            (BriefText.label(.applicant, l), need.applicant.name(l)),
            (BriefText.label(.sectors, l), sectors),
            (BriefText.label(.budget, l), budget),
            (BriefText.label(.sought, l), need.instrument.name(l)),
        ]
        let themes = need.themes.map { id in ref.themes.theme(id).map { l == .vi ? $0.vi : $0.en } ?? id }
        if !themes.isEmpty { facts.append((BriefText.label(.themes, l), themes.joined(separator: ", "))) }
        return facts
    }

    /// The stamp line: rule, version, catalog hash, counts.
    var stamp: String {
        let l = language
        return "\(BriefText.label(.rule, l)) \(ranking.ruleName) \(ranking.ruleVersion) · \(BriefText.label(.catalog, l)) sha256:\(ranking.shortHash) · \(ranking.partnerCount) \(BriefText.label(.considered, l)), \(ranking.excludedCount) \(BriefText.label(.excluded, l))"
    }

    /// The reasons worth reading: features by contribution, largest first.
    /// The sources of the figures the brief shows (ticket ranges, recent volume), at
    /// most three, so that a partner's entry fits the page; the rest are counted and
    /// left to `partners show`.
    static func sourcesLine(_ p: Partner, _ l: Language, limit: Int = 3, hostsOnly: Bool = false) -> String {
        var ids: [String] = []
        for id in p.instruments.compactMap(\.provenance.source) + [p.recentVolume?.provenance.source].compactMap({ $0 }) where !ids.contains(id) { ids.append(id) }
        var cited = ids.compactMap { id in p.sources.first { $0.id == id } }
        if cited.isEmpty { cited = Array(p.sources.prefix(1)) }
        let shown = cited.prefix(limit)
        var line = shown.map { BriefText.source($0, l, hostOnly: hostsOnly) }.joined(separator: "; ")
        let more = p.sources.count - shown.count
        if more > 0 {
            line += l == .vi ? " (và \(more) nguồn khác: partnermatch partners show \(p.id))" : " (and \(more) more: partnermatch partners show \(p.id))"
        }
        return line
    }

    /// Why a partner is on the list: the reasons of its best features, or for a partner
    /// with no points (no sector in common, under the sector gate) its largest shortfall.
    static func why(_ e: Explanation, _ l: Language, limit: Int = 3) -> String {
        let reasons = reasons(e, l, limit: limit)
        if !reasons.isEmpty { return reasons.joined(separator: "; ") }
        if let d = e.dormancy { return d.reason.text(l) }
        return e.shortfall.map { (l == .vi ? "thiếu: " : "short: ") + "\($0.feature.name(l).lowercased()) \(_Money.percent($0.value, l)): \($0.reason.text(l))" } ?? ""
    }

    /// The reasons of the features that gave the most points, largest first.
    public static func reasons(_ e: Explanation, _ l: Language, limit: Int = 3) -> [String] {
        e.features.filter { $0.contribution > 0 }.sorted { $0.contribution > $1.contribution }.prefix(limit).map { $0.reason.text(l) }
    }
}

extension MeetingBrief {
    /// The brief as Markdown.
    public func markdown() -> String {
        let l = language
        var out = "# \(BriefText.label(.title, l)): \(need.title.text(l))\n\n"
        if let line = preparedLine { out += "\(line)\n\n" }
        for f in needFacts { out += "- **\(f.label)**: \(f.text)\n" }
        if let x = excludedLine { out += "- **\(x.label)**: \(x.text)\n" }
        out += "\n"
        let shown = entries
        if shown.isEmpty { out += BriefText.label(.noPartner, l) + "\n\n" }
        if !shown.isEmpty, let v = verdict { out += "> **\(v)**\n\n" }
        if !shown.isEmpty {
            out += "| # | \(BriefText.label(.partner, l)) | \(BriefText.label(.score, l)) | " + catalog.rule.features.used.map { $0.name(l) }.joined(separator: " | ") + " |\n"
            out += "|---|---|---:|" + catalog.rule.features.used.map { _ in "---:|" }.joined() + "\n"
            for (entry, partner, e) in shown {
                let parts = catalog.rule.features.used.map { f in BriefText.score(e.features.first { $0.feature == f }?.contribution ?? 0, l) }
                out += "| \(entry.rank) | \(BriefText.cell(partner.name.text(l))) | \(BriefText.score(entry.score, l)) | " + parts.joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        for (entry, partner, e) in shown {
            out += "## \(entry.rank). \(partner.name.text(l)) — \(BriefText.score(entry.score, l))\n\n"
            out += "- **\(BriefText.label(.why, l))**: " + MeetingBrief.why(e, l) + "\n"
            if let past = pastProjectsText(partner.id) { out += "- **\(BriefText.label(.pastProjects, l))**: \(BriefText.cell(past))\n" }
            out += "- **\(BriefText.label(.eligibility, l))**: \(eligibility(partner))\n"
            out += "- **\(BriefText.label(.counterpartToRaise, l))**: \(counterpartToRaise(partner))\n"
            out += "- **\(BriefText.label(.askFor, l))**: \(ask(partner).text)\n"
            out += "- **\(BriefText.label(.instruments, l))**: " + partner.instruments.map { BriefText.offer($0, l, rates: catalog.reference.rates) }.joined(separator: "; ") + "\n"
            out += "- **\(BriefText.label(.windows, l))**: " + (partner.applicationWindows.isEmpty ? BriefText.label(.none, l) : partner.applicationWindows.map { BriefText.window($0, l) }.joined(separator: "; ")) + "\n"
            out += "- **\(BriefText.label(.contacts, l))**: " + (partner.contacts.isEmpty ? BriefText.label(.none, l) : partner.contacts.map(BriefText.contact).joined(separator: "; ")) + "\n"
            out += "- **\(BriefText.label(.sources, l))**: " + MeetingBrief.sourcesLine(partner, l) + "\n"
            if let asOf = CatalogText.factsAsOf(partner, l, longDates: true) { out += "- \(asOf)\n" }
            out += "\n"
        }
        out += "---\n\n" + (comparison.map { "\($0)\n\n" } ?? "") + "\(stamp)\n"
        return out
    }
}
