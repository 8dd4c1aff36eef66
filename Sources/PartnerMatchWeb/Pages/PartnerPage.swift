import Foundation
import PartnerMatchCore

/// A partner's page: instruments with tickets, status and ceilings; eligibility,
/// geography, sector priorities and themes; windows and contacts; the sources with the
/// dates they were checked; and what it has funded, from imported evidence, as charts by
/// year, sector and ticket size (or a note saying there is no evidence).
struct PartnerPage: Sendable {
    let desk: Desk
    let layout: Layout
    var l: Lang { layout.lang }

    /// "[src-id]" linked to the source's row, plus the estimate note.
    func provenance(_ p: Provenance?) -> String {
        guard let p else { return "" }
        var s = p.source.map { " <a class=\"src\" href=\"#source-\(HTML.attr($0))\">[\(HTML.text($0))]</a>" } ?? ""
        if p.estimate { s += " <span class=\"muted\">(\(l.h("estimate", "ước tính"))\(p.note.map { ": " + HTML.text($0) } ?? ""))</span>" }
        return s
    }

    func render(_ p: Partner) throws -> String {
        let lists = ListPages(desk: desk, layout: layout)
        let lg = l.language
        var b = "<h1>\(HTML.text(p.name.text(lg)))</h1>\n"
        let other = lg == .vi ? p.name.en : p.name.vi
        b += "<p class=\"sub\">" + (other.flatMap { $0 == p.name.text(lg) ? nil : HTML.text($0) + " · " } ?? "") + "<span class=\"muted\">\(HTML.text(p.id))</span></p>\n"

        var facts: [(String, String)] = [
            (l.t("Kind", "Loại"), HTML.text(lg == .vi ? p.kind.name(.vi) : p.kind.rawValue.replacingOccurrences(of: "-", with: " "))),
            (l.t("Origin", "Xuất xứ"), HTML.text(p.origin)),
        ]
        if !p.aliases.isEmpty { facts.append((l.t("Also known as", "Tên khác"), HTML.text(p.aliases.joined(separator: ", ")))) }
        if let asOf = CatalogText.factsAsOf(p, lg, longDates: true) { facts.append((l.t("Facts", "Dữ liệu"), HTML.text(asOf))) }
        if let v = p.recentVolume {
            facts.append((l.t("Recent volume in Viet Nam", "Quy mô gần đây tại Việt Nam"), HTML.text("\(l.usd(v.usdPerYear)) \(l.t("a year", "mỗi năm")) (\(v.year))") + provenance(v.provenance)))
        }
        b += "<dl class=\"facts\">" + facts.map { "<dt>\(HTML.text($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"

        b += "<h2>\(l.h("Instruments, tickets and status", "Hình thức, quy mô và tình trạng"))</h2>\n"
        b += "<table><thead><tr><th class=\"instr\">\(l.h("Instrument", "Hình thức"))</th><th>\(l.h("Ticket", "Quy mô"))</th><th>\(l.h("Typical", "Thường gặp"))</th><th>\(l.h("Status for Viet Nam", "Tình trạng tại Việt Nam"))</th>"
        // Terms and ceilings only when some instrument states them.
        let hasTerms = p.instruments.contains { $0.terms != nil || $0.ceiling != nil }
        if hasTerms { b += "<th>\(l.h("Terms and ceiling", "Điều kiện và mức trần"))</th>" }
        b += "</tr></thead><tbody>\n"
        for o in p.instruments {
            b += "<tr><td>\(HTML.text(o.instrument.name(lg)))</td><td>\(HTML.text(CatalogViews.ticketText(o.ticket, language: lg)))\(provenance(o.provenance))</td><td>\(HTML.text(l.usd(o.ticket.typical)))</td>"
            b += "<td>" + (o.status.map { HTML.text(CatalogText.status($0, lg, longDates: true)) + provenance($0.provenance) } ?? l.h("not stated", "chưa nêu")) + "</td>"
            guard hasTerms else { b += "</tr>\n"; continue }
            b += "<td>"
            var terms: [String] = []
            if let t = o.terms { terms.append(HTML.text(t.text(lg))) }
            if let c = o.ceiling { terms.append(l.h("Ceiling: ", "Mức trần: ") + HTML.text(CatalogText.ceiling(c, rates: desk.reference.rates, lg)) + provenance(c.provenance)) }
            b += terms.joined(separator: "<br>") + "</td></tr>\n"
        }
        b += "</tbody></table>\n"

        b += "<h2>\(l.h("Eligibility and focus", "Điều kiện và trọng tâm"))</h2>\n"
        let e = p.eligibility
        var elig = e.applicantKinds.isEmpty ? l.t("any applicant", "mọi đơn vị đề xuất") : e.applicantKinds.map { $0.name(lg) }.joined(separator: ", ")
        if e.sovereignGuaranteeRequired { elig += l.t("; sovereign guarantee required", "; cần bảo lãnh của Chính phủ") }
        if e.minCounterpartShare > 0 { elig += l.t("; counterpart at least ", "; vốn đối ứng tối thiểu ") + "\(Int((e.minCounterpartShare * 100).rounded()))%" }
        var focus: [(String, String)] = [(l.t("Applicants", "Đơn vị đề xuất"), HTML.text(elig) + provenance(e.provenance))]
        let g = p.geography
        let places = g.isNationwide ? l.t("nationwide", "toàn quốc") : (g.provinces.map(lists.provinceName) + g.regions.map { $0.name(lg) } + g.areaFlags.map { $0.name(lg) }).joined(separator: ", ")
        focus.append((l.t("Geography", "Địa bàn"), HTML.text(places)))
        let priorities = p.sectorPriorities.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.sector < $1.sector }
        if !priorities.isEmpty {
            focus.append((l.t("Sector priorities", "Ngành ưu tiên"), priorities.map { "\(HTML.text($0.sector + " " + lists.sectorName($0.sector))) (\(HTML.text(l.number($0.weight, decimals: 2))))\(provenance($0.provenance))" }.joined(separator: "; ")))
        }
        if !p.excludedSectors.isEmpty {
            focus.append((l.t("Does not fund", "Không tài trợ"), HTML.text(p.excludedSectors.map { $0 + " " + lists.sectorName($0) }.joined(separator: "; "))))
        }
        if !p.themes.isEmpty {
            focus.append((l.t("Themes", "Chủ đề"), HTML.text(p.themes.map { id in desk.reference.themes.theme(id).map { lg == .vi ? $0.vi : $0.en } ?? id }.joined(separator: ", "))))
        }
        if !p.applicationWindows.isEmpty {
            focus.append((l.t("Application windows", "Thời gian nhận hồ sơ"), HTML.text(p.applicationWindows.map { BriefText.window($0, lg) }.joined(separator: "; "))))
        }
        if !p.contacts.isEmpty {
            focus.append((l.t("Contacts", "Liên hệ"), p.contacts.map { c in HTML.text(([c.label] + [c.address, c.url, c.email, c.phone].compactMap { $0 }).joined(separator: " · ")) }.joined(separator: "<br>")))
        }
        if let n = p.notes { focus.append((l.t("Notes", "Ghi chú"), HTML.text(n.text(lg)))) }
        b += "<dl class=\"facts\">" + focus.map { "<dt>\(HTML.text($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"

        b += try evidence(p)

        b += "<h2>\(l.h("Sources", "Nguồn"))</h2>\n<table><thead><tr><th>\(l.h("Id", "Mã"))</th><th>\(l.h("Source", "Nguồn"))</th><th>\(l.h("Checked on", "Ngày kiểm tra"))</th></tr></thead><tbody>\n"
        for s in p.sources {
            let location = s.url.map { u -> String in
                // Only web addresses become links; anything else is shown as text.
                let lower = u.lowercased()
                return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? "<a href=\"\(HTML.attr(u))\" rel=\"noreferrer\">\(HTML.text(u))</a>" : HTML.text(u)
            } ?? HTML.text(s.document ?? "")
            b += "<tr id=\"source-\(HTML.attr(s.id))\"><td class=\"id\">\(HTML.text(s.id))</td><td>\(HTML.text(s.title))<br><span class=\"muted\">\(location)</span></td><td>\(HTML.text(BriefText.date(s.checked, lg)))</td></tr>\n"
        }
        b += "</tbody></table>\n"
        return layout.page(title: p.name.text(lg), body: b)
    }

    /// The bands of the ticket-size chart, in USD.
    static let ticketBands: [(upTo: Double, en: String, vi: String)] = [
        (100_000, "under 100k", "dưới 100 nghìn"),
        (1_000_000, "100k–1M", "100 nghìn–1 triệu"),
        (10_000_000, "1M–10M", "1–10 triệu"),
        (100_000_000, "10M–100M", "10–100 triệu"),
        (.infinity, "100M and more", "từ 100 triệu"),
    ]

    func evidence(_ p: Partner) throws -> String {
        let lg = l.language
        var b = "<h2>\(l.h("What it has funded (evidence)", "Những gì đã tài trợ (bằng chứng)"))</h2>\n"
        let evidence = try desk.evidence(partnerID: p.id)
        guard evidence.profile.activities > 0 else {
            return b + "<p class=\"empty\">\(l.h("No evidence has been imported for this partner yet, so there is nothing to chart. The ranking uses the catalog's stated priorities instead. Import IATI or tabular exports with “partnermatch evidence import”.", "Chưa nhập bằng chứng nào cho đối tác này nên chưa có biểu đồ. Việc xếp hạng dùng các ưu tiên nêu trong danh mục. Nhập dữ liệu IATI hoặc bảng tính bằng lệnh “partnermatch evidence import”."))</p>\n"
        }
        let profile = evidence.profile
        let span = [profile.firstYear, profile.lastYear].compactMap { $0.map(String.init) }.joined(separator: "–")
        b += "<p>" + HTML.text(l.t("\(profile.activities) past projects (\(profile.withValue) with a value), USD \(l.number(profile.valueUSD)) in all", "\(profile.activities) dự án trước đây (\(profile.withValue) dự án có giá trị), tổng cộng USD \(l.number(profile.valueUSD))") + (span.isEmpty ? "" : ", \(span)") + ".") + "</p>\n"
        b += "<div class=\"charts\">\n"
        // By year: every year of the span, so that gaps show as gaps.
        if let first = profile.firstYear, let last = profile.lastYear {
            let byYear = Dictionary(profile.byYear.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            let bars = (first...last).map { y in
                Charts.Bar(label: String(y), value: byYear[y]?.valueUSD ?? 0, caption: l.usd(byYear[y]?.valueUSD ?? 0) + " · " + l.t("\(byYear[y]?.activities ?? 0) projects", "\(byYear[y]?.activities ?? 0) dự án"))
            }
            let title = l.t("Value committed by year (USD)", "Giá trị cam kết theo năm (USD)")
            b += "<figure><figcaption>\(HTML.text(title))</figcaption>\(Charts.columns(bars, title: title))</figure>\n"
        }
        let sectors = profile.categories.prefix(8).map { row in
            Charts.Bar(label: row.code + " " + (desk.reference.sectors.name(of: row.code, language: lg) ?? ""), value: row.valueUSD,
                       caption: l.usd(row.valueUSD) + " (\(l.number(row.share * 100))%)")
        }
        if !sectors.isEmpty {
            let title = l.t("By sector (largest 8, USD)", "Theo lĩnh vực (8 lớn nhất, USD)")
            b += "<figure><figcaption>\(HTML.text(title))</figcaption>\(Charts.rows(Array(sectors), title: title))</figure>\n"
        }
        let values = evidence.values
        if !values.isEmpty {
            var counts = Array(repeating: 0, count: PartnerPage.ticketBands.count)
            for v in values { counts[PartnerPage.ticketBands.firstIndex { v < $0.upTo } ?? counts.count - 1] += 1 }
            let bars = zip(PartnerPage.ticketBands, counts).map { band, n in
                Charts.Bar(label: "USD " + (lg == .vi ? band.vi : band.en), value: Double(n), caption: l.t("\(n) projects", "\(n) dự án"))
            }
            let title = l.t("Projects by ticket size", "Số dự án theo quy mô")
            b += "<figure><figcaption>\(HTML.text(title))</figcaption>\(Charts.rows(bars, title: title, colour: "#e08a1e"))</figure>\n"
        }
        b += "</div>\n"
        if !profile.latest.isEmpty {
            b += "<h3>\(l.h("Latest projects", "Dự án gần đây nhất"))</h3>\n<table><thead><tr><th>\(l.h("Start", "Bắt đầu"))</th><th>\(l.h("Project", "Dự án"))</th><th class=\"num\">\(l.h("Value", "Giá trị"))</th></tr></thead><tbody>\n"
            for a in profile.latest {
                b += "<tr><td>\(HTML.text(a.date ?? ""))</td><td>\(HTML.text(a.title ?? a.identifier))</td><td class=\"num\">\(HTML.text(a.valueUSD.map { l.usd($0) } ?? "–"))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        return b
    }
}
