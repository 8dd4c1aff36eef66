import Foundation
import PartnerMatchCore

/// The searchable lists: needs (the home page) and partners.
struct ListPages: Sendable {
    let desk: Desk
    let layout: Layout
    var l: Lang { layout.lang }

    func provinceName(_ id: String) -> String {
        id == Need.national ? l.t("nationwide", "toàn quốc") : (desk.reference.provinces.unit(id: id)?.name ?? id)
    }

    func sectorName(_ code: String) -> String {
        desk.reference.sectors.name(of: code, language: l.language) ?? code
    }

    func searchForm(action: String, query: String, placeholder: String) -> String {
        """
        <form class="inline" method="get" action="\(HTML.attr(action))" role="search">
        <label>\(l.h("Search", "Tìm kiếm"))<input type="search" name="q" value="\(HTML.attr(query))" placeholder="\(HTML.attr(placeholder))" size="40"></label>
        <input type="hidden" name="lang" value="\(l.code)">
        <button type="submit">\(l.h("Search", "Tìm"))</button>
        </form>
        """
    }

    func needs(query: String, notice: String? = nil) -> String {
        let found = desk.searchNeeds(query)
        let total = desk.counts.needs
        var b = "<h1>\(l.h("Project needs", "Nhu cầu dự án"))</h1>\n"
        b += "<p class=\"sub\">\(l.h("Choose a need to see the partners most likely to fund it, and why.", "Chọn một nhu cầu để xem các đối tác có khả năng tài trợ nhất và lý do."))</p>\n"
        if let notice { b += "<p class=\"notice\">\(HTML.text(notice))</p>\n" }
        b += searchForm(action: "/needs", query: query, placeholder: l.t("title, province, sector… (with or without diacritics)", "tên, tỉnh, lĩnh vực… (có dấu hoặc không dấu)"))
        b += "<p class=\"muted\">" + (query.isEmpty
            ? HTML.text(l.t("\(total) needs", "\(total) nhu cầu"))
            : HTML.text(l.t("\(found.count) of \(total) needs match “\(query)”", "\(found.count)/\(total) nhu cầu khớp với “\(query)”"))) + "</p>\n"
        if !found.isEmpty {
            // The meeting dossier of the needs listed: a cover, then a page per need.
            let ids = query.isEmpty ? nil : found.map(\.id).joined(separator: ",")
            b += "<p><a href=\"\(layout.link("/dossier", [("needs", ids)]))\">\(l.h("Meeting dossier of these needs (printable)", "Hồ sơ cuộc họp cho các nhu cầu này (để in)"))</a></p>\n"
        }
        if found.isEmpty {
            b += "<p class=\"empty\">\(l.h("No need matches this search.", "Không có nhu cầu nào khớp với từ khóa này."))</p>\n"
        } else {
            b += "<table><thead><tr><th>\(l.h("Need", "Nhu cầu"))</th><th>\(l.h("Province", "Tỉnh"))</th><th>\(l.h("Sectors", "Lĩnh vực"))</th><th class=\"num\">\(l.h("Budget", "Ngân sách"))</th><th class=\"instr\">\(l.h("Instrument sought", "Hình thức cần"))</th></tr></thead><tbody>\n"
            for n in found {
                let sectors = n.sectors.map { "\(sectorName($0.code)) \(l.number($0.share))%" }.joined(separator: "; ")
                b += "<tr><td><a href=\"\(layout.link("/needs/" + HTML.path(n.id)))\">\(HTML.text(n.title.text(l.language)))</a><br><span class=\"muted\">\(HTML.text(n.id))</span></td>"
                b += "<td>\(HTML.text(provinceName(n.province)))\(n.commune.map { "<br><span class=\"muted\">\(HTML.text($0))</span>" } ?? "")</td>"
                b += "<td>\(HTML.text(sectors))</td><td class=\"num\">\(HTML.text(l.usd(n.budgetUSD)))</td><td>\(HTML.text(n.instrument.name(l.language)))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        return layout.page(title: l.t("Project needs", "Nhu cầu dự án"), body: b)
    }

    func partners(query: String) -> String {
        let all = desk.partners
        let found = query.trimmingCharacters(in: .whitespaces).isEmpty ? all : PartnerFilter.search(query, in: all)
        var b = "<h1>\(l.h("Partners", "Đối tác"))</h1>\n"
        b += "<p class=\"sub\">\(l.h("The partner programmes in the catalog, each with its instruments and ticket ranges.", "Các chương trình của đối tác trong danh mục, với hình thức và quy mô tài trợ."))</p>\n"
        b += searchForm(action: "/partners", query: query, placeholder: l.t("name, alias, id… (with or without diacritics)", "tên, tên khác, mã… (có dấu hoặc không dấu)"))
        b += "<p class=\"muted\">" + HTML.text(query.isEmpty ? l.t("\(all.count) partners", "\(all.count) đối tác") : l.t("\(found.count) of \(all.count) partners match “\(query)”", "\(found.count)/\(all.count) đối tác khớp với “\(query)”")) + "</p>\n"
        if found.isEmpty {
            b += "<p class=\"empty\">\(l.h("No partner matches this search.", "Không có đối tác nào khớp với từ khóa này."))</p>\n"
        } else {
            b += "<table><thead><tr><th>\(l.h("Partner", "Đối tác"))</th><th>\(l.h("Kind", "Loại"))</th><th>\(l.h("Origin", "Xuất xứ"))</th><th>\(l.h("Instruments and tickets", "Hình thức và quy mô"))</th></tr></thead><tbody>\n"
            for p in found {
                let offers = p.instruments.map { "\($0.instrument.name(l.language)) \(CatalogViews.ticketText($0.ticket, language: l.language))" }.joined(separator: "; ")
                b += "<tr><td><a href=\"\(layout.link("/partners/" + HTML.path(p.id)))\">\(HTML.text(p.name.text(l.language)))</a><br><span class=\"muted\">\(HTML.text(p.id))</span></td>"
                b += "<td>\(HTML.text(l.language == .vi ? p.kind.name(.vi) : p.kind.rawValue.replacingOccurrences(of: "-", with: " ")))</td><td>\(HTML.text(p.origin))</td><td>\(HTML.text(offers))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        return layout.page(title: l.t("Partners", "Đối tác"), body: b)
    }
}
