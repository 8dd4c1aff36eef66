/// A meeting dossier: a cover page that ranks needs by their best match (which are
/// fundable, by whom, with the match-strength verdict), then each need's brief on a page
/// of its own (CSS page breaks).
///
/// Pure, like `MeetingBrief`: it renders needs already ranked. The CLI (`brief --needs
/// A,B | --all --out dossier.html`) and a web desk build it the same way:
///
/// ```swift
/// let ranked = needs.map { (need: $0, ranking: catalog.rank($0, top: 8, explain: true, showExcluded: true)) }
/// let html = MeetingDossier(ranked: ranked, catalog: catalog, language: .vi, prepared: "2026-12-08").html()
/// ```
public struct MeetingDossier: Sendable {
    /// One brief per need, in the order given; each prints on one page.
    public var briefs: [MeetingBrief]
    public var language: Language
    /// The day the dossier is prepared, `YYYY-MM-DD`; nil prints no date.
    public var prepared: String?

    public init(briefs: [MeetingBrief], language: Language, prepared: String? = nil) {
        self.briefs = briefs.map { b in
            var one = b
            one.pages = 1
            one.language = language
            one.prepared = prepared
            return one
        }
        self.language = language
        self.prepared = prepared
    }

    /// A dossier of needs already ranked against one compiled catalog.
    /// - Parameters:
    ///   - ranked: each need with its ranking (`catalog.rank(need, top: n, explain: true)`;
    ///     with `showExcluded: true` the excluded line needs no second ranking).
    ///   - pastProjects: per need id, the past projects by partner (see `MeetingBrief`).
    public init(ranked: [(need: Need, ranking: Ranking)], catalog: CompiledCatalog, language: Language, prepared: String? = nil,
                pastProjects: [String: [String: [PastProject]]] = [:]) {
        self.init(briefs: ranked.map { MeetingBrief(need: $0.need, ranking: $0.ranking, catalog: catalog, language: language, pastProjects: pastProjects[$0.need.id] ?? [:]) },
                  language: language, prepared: prepared)
    }

    /// The cover's order: by best score, highest first; needs without an eligible
    /// partner last; ties by need id.
    public var coverOrder: [MeetingBrief] {
        briefs.sorted { a, b in
            let sa = a.ranking.entries.first?.score ?? -1, sb = b.ranking.entries.first?.score ?? -1
            return sa != sb ? sa > sb : a.need.id < b.need.id
        }
    }

    /// The cover's rows, one short row per need (its page has the rest): rank, need,
    /// budget and instrument, verdict, the best partner with its score, and how many other
    /// partners are strong matches.
    var coverRows: [(rank: Int, need: String, budget: String, verdict: String, best: String, others: String)] {
        let l = language
        return coverOrder.enumerated().map { i, b in
            let name = { (id: String) in b.catalog.partner(id: id)?.name.text(l) ?? id }
            let need = BriefText.clipAtWord(b.need.title.text(l), 70)
            let budget = _Money.amount(b.need.budgetUSD, l) + ", " + b.need.instrument.name(l)
            guard let best = b.ranking.entries.first else {
                return (i + 1, need, budget, l == .vi ? "không có đối tác đủ điều kiện" : "no eligible partner", "—", "—")
            }
            let verdict: String
            switch best.strength {
            case .strong: verdict = l == .vi ? "có thể tài trợ (mạnh)" : "fundable (strong)"
            case .fair: verdict = l == .vi ? "tốt nhất chỉ khá" : "fair at best"
            case .weak: verdict = l == .vi ? "tốt nhất chỉ yếu" : "weak at best"
            }
            let others = b.ranking.entries.dropFirst().filter { $0.strength == .strong }.count
            return (i + 1, need, budget, verdict, "\(BriefText.clipAtWord(name(best.partnerID), 60)) (\(BriefText.score(best.score, l)))", others == 0 ? "—" : String(others))
        }
    }

    /// "12 needs: 4 fundable (a strong match, score 60 or more under rule default 1.2), ...".
    var coverSummary: String {
        let l = language
        let strong = briefs.filter { $0.ranking.hasStrongMatch }.count
        let none = briefs.filter { $0.ranking.entries.isEmpty }.count
        let threshold = briefs.first.map { BriefText.score($0.catalog.rule.strength.strong, l) } ?? "60"
        let rule = briefs.first.map { "\($0.ranking.ruleName) \($0.ranking.ruleVersion)" } ?? ""
        return l == .vi
            ? "\(briefs.count) nhu cầu: \(strong) có thể tài trợ (có đối tác phù hợp mạnh, điểm từ \(threshold) theo quy tắc \(rule)), \(briefs.count - strong - none) chỉ có phù hợp khá hoặc yếu, \(none) không có đối tác đủ điều kiện. Mỗi nhu cầu có một trang riêng sau trang bìa, theo thứ tự này."
            : "\(briefs.count) needs: \(strong) fundable (a strong match, score \(threshold) or more under rule \(rule)), \(briefs.count - strong - none) with a fair or weak match at best, \(none) with no eligible partner. Each need has a page of its own after the cover, in this order."
    }

    var title: String { language == .vi ? "Hồ sơ cuộc họp: các nhu cầu và đối tác phù hợp nhất" : "Meeting dossier: the needs and their best partners" }

    var headers: [String] {
        language == .vi
            ? ["#", "Nhu cầu", "Ngân sách", "Đánh giá", "Đối tác phù hợp nhất (điểm)", "Đối tác mạnh khác"]
            : ["#", "Need", "Budget", "Verdict", "Best partner (score)", "Other strong matches"]
    }

    /// The dossier as one self-contained HTML document: the cover, then one page per need.
    public func html() -> String {
        let h = BriefText.escapeHTML
        let l = language
        var out = """
            <!DOCTYPE html>
            <html lang="\(l.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(h(title))</title>
            <style>
            \(MeetingBrief.style)
            table.cover { width: 100%; border-collapse: collapse; margin-top: 4pt; table-layout: fixed; }
            table.cover th, table.cover td { text-align: left; vertical-align: top; padding: 1.5pt 3pt; border-bottom: 0.5pt solid #000; }
            table.cover th { border-bottom: 1pt solid #000; }
            table.cover td.num { text-align: right; white-space: nowrap; }
            table.cover tr { break-inside: avoid; page-break-inside: avoid; }
            </style>
            </head>
            <body>
            \(MeetingBrief.patternDefinitions)
            """
        out += "<section class=\"page cover\">\n<h1>\(h(title))</h1>\n"
        var facts: [String] = []
        if let prepared { facts.append((l == .vi ? "Lập ngày " : "Prepared ") + BriefText.date(prepared, l)) }
        if let b = briefs.first { facts.append(b.stamp.components(separatedBy: " · ").prefix(2).joined(separator: " · ")) }
        if !facts.isEmpty { out += "<p class=\"prepared\">\(h(facts.joined(separator: " · ")))</p>\n" }
        out += "<p>\(h(coverSummary))</p>\n<table class=\"cover\">\n<thead><tr>"
        let widths = [4, 28, 15, 13, 28, 12]
        for (i, head) in headers.enumerated() { out += "<th style=\"width:\(widths[i])%\"\(i == 0 || i == 5 ? " class=\"num\"" : "")>\(h(head))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for r in coverRows {
            out += "<tr><td class=\"num\">\(r.rank)</td><td>\(h(r.need))</td><td>\(h(r.budget))</td><td>\(h(r.verdict))</td><td>\(h(r.best))</td><td class=\"num\">\(h(r.others))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        for b in coverOrder { out += b.htmlPages() }
        return out + "</body>\n</html>\n"
    }

    /// The dossier as Markdown: the cover's table, then each need's brief.
    public func markdown() -> String {
        var out = "# \(title)\n\n"
        if let prepared { out += (language == .vi ? "Lập ngày " : "Prepared ") + BriefText.date(prepared, language) + "\n\n" }
        out += coverSummary + "\n\n"
        out += "| " + headers.map(BriefText.cell).joined(separator: " | ") + " |\n"
        out += "|---:|---|---|---|---|---:|\n"
        for r in coverRows {
            out += "| \(r.rank) | " + [r.need, r.budget, r.verdict, r.best, r.others].map(BriefText.cell).joined(separator: " | ") + " |\n"
        }
        for b in coverOrder {
            var one = b
            one.prepared = nil
            out += "\n---\n\n" + one.markdown()
        }
        return out
    }
}
