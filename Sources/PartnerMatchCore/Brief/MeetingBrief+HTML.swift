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

    /// The drawing laid over a feature's colour, so that segments stay apart on a
    /// black-and-white printer: white marks on dark colours, black on light ones, each
    /// feature a different mark (none for sector fit, the largest part of most bars).
    static func hatch(_ f: Feature) -> String {
        let w = "stroke=\"#fff\" stroke-width=\"3\"", k = "stroke=\"#000\" stroke-width=\"2.5\""
        switch f {
        case .sectorFit: return ""
        case .scaleFit: return "<path d=\"M0 16 L16 0 M-4 4 L4 -4 M12 20 L20 12\" \(k)/>"
        case .instrumentFit: return "<circle cx=\"8\" cy=\"8\" r=\"3\" fill=\"#fff\"/>"
        case .themeFit: return "<path d=\"M0 8 H16\" \(w)/>"
        case .geographyFit: return "<path d=\"M0 0 L16 16 M16 0 L0 16\" \(w)/>"
        case .cofinancing: return "<path d=\"M8 0 V16\" \(w)/>"
        case .presence: return "<path d=\"M0 0 L16 16 M-4 12 L4 20 M12 -4 L20 4\" \(w)/>"
        case .sectorEvidence: return "<circle cx=\"8\" cy=\"8\" r=\"2.5\" fill=\"#000\"/>"
        case .ticketEvidence: return "<path d=\"M0 0 L16 16 M16 0 L0 16\" \(k)/>"
        case .provinceEvidence: return "<path d=\"M0 8 H16\" \(k)/>"
        }
    }

    /// The fill patterns, defined once per page and used by every bar and legend swatch.
    public static var patternDefinitions: String {
        var out = "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>"
        for f in Feature.allCases {
            out += "<pattern id=\"pm-\(f.rawValue)\" patternUnits=\"userSpaceOnUse\" width=\"16\" height=\"16\"><rect width=\"16\" height=\"16\" fill=\"\(colour(f))\"/>\(hatch(f))</pattern>"
        }
        return out + "</defs></svg>\n"
    }

    /// A stacked bar: one patterned segment per feature, as wide as its contribution
    /// (0-100 of the bar's width), so that the bar's length is the score; each segment
    /// wide enough for it carries its points, black on a white halo.
    public static func bar(_ e: Explanation, _ l: Language) -> String {
        var x = 0.0
        var parts = ""
        for f in e.features where f.contribution > 0 {
            let w = f.contribution * 10
            let title = "\(BriefText.escapeHTML(f.feature.name(l))): \(BriefText.score(f.contribution, l))"
            parts += "<rect x=\"\(Int(x.rounded()))\" y=\"0\" width=\"\(Int(w.rounded()))\" height=\"60\" fill=\"url(#pm-\(f.feature.rawValue))\" stroke=\"#fff\" stroke-width=\"3\"><title>\(title)</title></rect>"
            let label = String(Int(f.contribution.rounded()))
            if w >= Double(label.count) * 20 + 14 {
                parts += "<text x=\"\(Int((x + w / 2).rounded()))\" y=\"41\">\(label)</text>"
            }
            x += w
        }
        return "<svg class=\"bar\" viewBox=\"0 0 1000 60\" role=\"img\" aria-label=\"\(BriefText.escapeHTML(BriefText.label(.score, l))) \(BriefText.score(e.score, l))\">"
            + "<rect x=\"0\" y=\"0\" width=\"1000\" height=\"60\" fill=\"#fff\" stroke=\"#777\" stroke-width=\"2\"/>\(parts)</svg>"
    }

    /// The legend: each feature of the rule with its swatch, in the bars' order.
    func legend() -> String {
        let l = language
        var out = "<div class=\"legend\"><b>\(BriefText.escapeHTML(BriefText.label(.legend, l))):</b> "
        for f in catalog.rule.features.used {
            out += "<span><svg class=\"swatch\" viewBox=\"0 0 48 32\" aria-hidden=\"true\"><rect width=\"48\" height=\"32\" fill=\"url(#pm-\(f.rawValue))\" stroke=\"#000\" stroke-width=\"2\"/></svg>\(BriefText.escapeHTML(f.name(l)))</span> "
        }
        return out + "</div>\n"
    }

    /// The page's style: A4, body text 9 pt, two columns of partners.
    static let style = """
        @page { size: A4; margin: \(Print.marginMM)mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: \(Print.bodyPt)pt; line-height: \(Print.lineHeight); margin: 0; color: #000; }
        .page { break-after: page; page-break-after: always; }
        .page:last-child { break-after: auto; page-break-after: auto; }
        p { margin: 0 0 2pt; }
        h1 { font-size: \(Print.titlePt)pt; line-height: 1.2; margin: 0 0 2pt; }
        .prepared { margin: 0 0 2pt; }
        dl.need { display: grid; grid-template-columns: auto 1fr; gap: 0 6pt; margin: 0 0 3pt; }
        dl.need dt { font-weight: bold; }
        dl.need dd { margin: 0; }
        .legend { margin: 2pt 0 3pt; }
        .legend span { white-space: nowrap; margin-right: 6pt; }
        .swatch { width: 12pt; height: 8pt; vertical-align: -1pt; margin-right: 2pt; }
        svg.defs { position: absolute; }
        .verdict { margin: 0 0 3pt; }
        .partners { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: \(Print.rowGapPt)pt \(Print.columnGapPt)pt; align-items: start; }
        .partner { break-inside: avoid; page-break-inside: avoid; border-top: 0.75pt solid #000; padding-top: 2pt; }
        .partner h2 { font-size: \(Print.headingPt)pt; line-height: 1.2; margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 6pt; }
        .partner h2 .score { white-space: nowrap; }
        .bar { display: block; width: 100%; height: auto; margin: 1.5pt 0; }
        .bar text { font: bold 38px "Noto Sans", "DejaVu Sans", Arial, sans-serif; text-anchor: middle; fill: #000; stroke: #fff; stroke-width: 8px; paint-order: stroke; }
        .partner p { margin: 0 0 1pt; overflow-wrap: break-word; }
        .more { margin-top: 4pt; }
        footer { margin-top: 4pt; border-top: 0.75pt solid #000; padding-top: 2pt; }
        a { color: inherit; text-decoration: none; }
        """

    /// The brief as one self-contained HTML document (no external assets) that prints on
    /// `pages` A4 pages at 9 pt body text.
    public func html() -> String {
        let h = BriefText.escapeHTML
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(h(BriefText.label(.title, language))): \(h(need.title.text(language)))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            \(Self.patternDefinitions)\(htmlPages())</body>
            </html>

            """
    }

    /// The brief's pages, each a `<section class="page">` (CSS breaks a page after each):
    /// the first with the need, the last with the stamp. For a dossier, which puts one
    /// brief per page in a document of its own.
    func htmlPages() -> String {
        let l = language
        let h = BriefText.escapeHTML
        let plan = layout()
        var out = "<section class=\"page brief\" data-need=\"\(h(need.id))\">\n"
        out += "<h1>\(h(BriefText.label(.title, l))): \(h(need.title.text(l)))</h1>\n"
        if let p = preparedLine { out += "<p class=\"prepared\">\(h(p))</p>\n" }
        out += "<dl class=\"need\">\n"
        for f in needFacts { out += "<dt>\(h(f.label))</dt><dd>\(h(f.text))</dd>\n" }
        if let x = excludedLine { out += "<dt>\(h(x.label))</dt><dd>\(h(x.text))</dd>\n" }
        out += "</dl>\n"
        out += legend()
        if entries.isEmpty { out += "<p>\(h(BriefText.label(.noPartner, l)))</p>\n" }
        else if let v = verdict { out += "<p class=\"verdict\"><strong>\(h(v))</strong></p>\n" }
        for (i, page) in plan.pages.enumerated() {
            if i > 0 {
                out += "</section>\n<section class=\"page brief\" data-need=\"\(h(need.id))\">\n"
                out += "<p class=\"continued\"><b>\(h(need.title.text(l)))</b> (\(l == .vi ? "tiếp" : "continued"))</p>\n"
            }
            if page.isEmpty { continue }
            out += "<div class=\"partners\">\n"
            for block in page { out += block.html }
            out += "</div>\n"
        }
        if !plan.omitted.isEmpty {
            let names = plan.omitted.map { "\($0.entry.rank). \($0.partner.name.text(l)) (\(BriefText.score($0.entry.score, l)))" }.joined(separator: "; ")
            let head = l == .vi ? "Không đủ chỗ trên \(pages) trang (chữ 9 pt): " : "Not printed, no room on \(pages) page\(pages == 1 ? "" : "s") at 9 pt: "
            let tail = pages < Self.pageRange.upperBound ? (l == .vi ? " (brief --pages 2 in cả)" : " (brief --pages 2 prints them)") : (l == .vi ? " (bản Markdown có đủ)" : " (the Markdown brief has them all)")
            out += "<p class=\"more\">\(h(head + names + tail))</p>\n"
        }
        out += "<footer>" + (comparison.map { "\(h($0))<br>" } ?? "") + "\(h(stamp))</footer>\n</section>\n"
        return out
    }

    /// A partner's entry in the HTML brief: its lines, which the page layout measures.
    func block(_ entry: RankedPartner, _ partner: Partner, _ e: Explanation) -> PrintBlock {
        let l = language
        let h = BriefText.escapeHTML
        var lines: [(label: String, text: String)] = []
        lines.append((BriefText.label(.why, l), BriefText.clipAtWord(MeetingBrief.why(e, l, limit: 2), 115)))
        if let past = pastProjectsText(partner.id) { lines.append((BriefText.label(.pastProjects, l), BriefText.clipAtWord(past, 110))) }
        lines.append((BriefText.label(.eligibility, l), eligibility(partner)))
        lines.append((BriefText.label(.counterpartToRaise, l), counterpartToRaise(partner, compact: true)))
        let ask = ask(partner, compact: true)
        lines.append((BriefText.label(.askFor, l), ask.text))
        lines.append((BriefText.label(.apply, l), BriefText.clipAtWord(ask.window, 90)))
        let contact = partner.contacts.first.map(BriefText.contact) ?? BriefText.label(.none, l)
        lines.append((BriefText.label(.contacts, l), BriefText.clipAtWord(contact, 70)))
        let sourceLine = MeetingBrief.printedSources(partner, l)

        var html = "<section class=\"partner\">\n"
        html += "<h2><span>\(entry.rank). \(h(partner.name.text(l)))</span><span class=\"score\">\(h(BriefText.score(entry.score, l)))</span></h2>\n"
        html += MeetingBrief.bar(e, l) + "\n"
        for line in lines { html += "<p><b>\(h(line.label)):</b> \(h(line.text))</p>\n" }
        html += "<p class=\"sources\">\(h(sourceLine))</p>\n</section>\n"
        let heading = "\(entry.rank). \(partner.name.text(l))  \(BriefText.score(entry.score, l))"
        return PrintBlock(entry: entry, partner: partner, html: html, heading: heading, lines: lines.map { "\($0.label): \($0.text)" } + [sourceLine])
    }
}

/// A partner's entry as printed: its HTML and the text whose lines the layout counts.
struct PrintBlock {
    var entry: RankedPartner
    var partner: Partner
    var html: String
    var heading: String
    var lines: [String]
}
