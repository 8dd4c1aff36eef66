extension MeetingBrief {
    /// One colour per feature, for the bars and the legend.
    public static func colour(_ f: Feature) -> String {
        switch f {
        case .sectorFit: return "#1b6ca8"
        case .scaleFit: return "#e08a1e"
        case .instrumentFit: return "#7a4fa3"
        case .themeFit: return "#3a9a5b"
        case .geographyFit: return "#c0392b"
        case .cofinancing: return "#8c8c2a"
        case .presence: return "#6b7b8c"
        case .sectorEvidence: return "#5fa2d6"
        case .ticketEvidence: return "#f2b866"
        case .provinceEvidence: return "#e07b70"
        }
    }

    /// A stacked bar: one segment per feature, as wide as its contribution (0-100 of
    /// the bar's width), so the bar's length is the score.
    public static func bar(_ e: Explanation, _ l: Language) -> String {
        var x = 0.0
        var rects = ""
        for f in e.features where f.contribution > 0 {
            let w = f.contribution
            rects += "<rect x=\"\(Int((x * 10).rounded()))\" y=\"0\" width=\"\(Int((w * 10).rounded()))\" height=\"10\" fill=\"\(colour(f.feature))\"><title>\(BriefText.escapeHTML(f.feature.name(l))): \(BriefText.score(f.contribution, l))</title></rect>"
            x += w
        }
        return "<svg class=\"bar\" viewBox=\"0 0 1000 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(BriefText.escapeHTML(BriefText.label(.score, l))) \(BriefText.score(e.score, l))\"><rect x=\"0\" y=\"0\" width=\"1000\" height=\"10\" fill=\"#eeeeee\"/>\(rects)</svg>"
    }

    /// The brief as one self-contained HTML page (no external assets) that prints on one
    /// A4 page for up to ten partners.
    public func html() -> String {
        let l = language
        let h = BriefText.escapeHTML
        var out = """
        <!DOCTYPE html>
        <html lang="\(l.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(h(BriefText.label(.title, l))): \(h(need.title.text(l)))</title>
        <style>
        @page { size: A4; margin: 10mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 6.9pt; line-height: 1.17; margin: 0; color: #111; }
        h1 { font-size: 12pt; margin: 0 0 3pt; }
        dl.need { display: grid; grid-template-columns: auto 1fr; gap: 0 6pt; margin: 0 0 4pt; }
        dl.need dt { font-weight: bold; }
        dl.need dd { margin: 0; }
        .legend { margin: 2pt 0 4pt; }
        .legend span { display: inline-block; margin-right: 8pt; }
        .legend i { display: inline-block; width: 8pt; height: 6pt; margin-right: 2pt; vertical-align: middle; }
        .partners { display: grid; grid-template-columns: 1fr 1fr; gap: 4pt 10pt; }
        .partner { break-inside: avoid; page-break-inside: avoid; border-top: 0.5pt solid #999; padding-top: 2pt; }
        .partner h2 { font-size: 8.6pt; margin: 0; display: flex; justify-content: space-between; }
        .bar { display: block; width: 100%; height: 6pt; margin: 1pt 0; }
        .partner p { margin: 0.5pt 0; overflow-wrap: anywhere; }
        .partner b { font-weight: 600; }
        .sources { color: #555; }
        footer { margin-top: 4pt; border-top: 0.5pt solid #999; padding-top: 2pt; color: #333; }
        </style>
        </head>
        <body>
        <h1>\(h(BriefText.label(.title, l))): \(h(need.title.text(l)))</h1>
        <dl class="need">

        """
        for f in needFacts { out += "<dt>\(h(f.label))</dt><dd>\(h(f.text))</dd>\n" }
        out += "</dl>\n<div class=\"legend\">"
        for f in catalog.rule.features.used { out += "<span><i style=\"background:\(MeetingBrief.colour(f))\"></i>\(h(f.name(l)))</span>" }
        out += "</div>\n"
        let shown = entries
        if shown.isEmpty { out += "<p>\(h(BriefText.label(.noPartner, l)))</p>\n" }
        if !shown.isEmpty, let v = verdict { out += "<p class=\"verdict\"><strong>\(h(v))</strong></p>\n" }
        out += "<div class=\"partners\">\n"
        for (entry, partner, e) in shown {
            out += "<section class=\"partner\">\n"
            out += "<h2><span>\(entry.rank). \(h(partner.name.text(l)))</span><span>\(h(BriefText.score(entry.score, l)))</span></h2>\n"
            out += MeetingBrief.bar(e, l) + "\n"
            out += "<p><b>\(h(BriefText.label(.why, l))):</b> \(h(MeetingBrief.clip(MeetingBrief.reasons(e, l).joined(separator: "; "), 230)))</p>\n"
            if let past = pastProjectsText(partner.id) { out += "<p><b>\(h(BriefText.label(.pastProjects, l))):</b> \(h(past))</p>\n" }
            // The page holds up to ten partners: terms, window notes, contacts and sources
            // are cut to a line or two here (the Markdown brief and `partners show` keep all).
            let offers = partner.instruments.map { BriefText.offer($0, l, rates: catalog.reference.rates, compact: true) }
            out += "<p><b>\(h(BriefText.label(.instruments, l))):</b> \(h(offers.joined(separator: "; ")))</p>\n"
            let windows = partner.applicationWindows.isEmpty ? BriefText.label(.none, l) : partner.applicationWindows.map { BriefText.window($0, l) }.joined(separator: "; ")
            out += "<p><b>\(h(BriefText.label(.windows, l))):</b> \(h(MeetingBrief.clip(windows, 110)))</p>\n"
            let contacts = partner.contacts.first.map(BriefText.contact) ?? BriefText.label(.none, l)
            out += "<p><b>\(h(BriefText.label(.contacts, l))):</b> \(h(MeetingBrief.clip(contacts, 110)))</p>\n"
            let asOf = CatalogText.factsAsOf(partner, l, longDates: true).map { "<b>\(h($0)).</b> " } ?? ""
            out += "<p class=\"sources\">\(asOf)<b>\(h(BriefText.label(.sources, l))):</b> \(h(MeetingBrief.clip(MeetingBrief.sourcesLine(partner, l, limit: 1), 150)))</p>\n"
            out += "</section>\n"
        }
        out += "</div>\n<footer>" + (comparison.map { "\(h($0))<br>" } ?? "") + "\(h(stamp))</footer>\n</body>\n</html>\n"
        return out
    }

    /// Cuts a text to `n` characters with an ellipsis.
    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
