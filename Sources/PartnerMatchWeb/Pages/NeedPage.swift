import Foundation
import PartnerMatchCore

/// A need's page: its facts, the rule picker, the match-strength verdict, the ranked
/// partners (stacked score bar, reasons, largest shortfall), two rules side by side, the
/// excluded partners and why, and links to the printable brief and the CSV.
struct NeedPage: Sendable {
    let desk: Desk
    let layout: Layout
    var l: Lang { layout.lang }

    /// The choices of the page's form.
    struct Choice: Sendable {
        var rule: RuleInfo
        var compare: RuleInfo?
        var top: Int
        static let tops = [5, 10, 20, 50]
    }

    func render(_ need: Need, _ choice: Choice, notice: String?) throws -> String {
        let lists = ListPages(desk: desk, layout: layout)
        let catalog = try desk.catalog(choice.rule, for: need)
        let ranking = catalog.rank(need, top: choice.top, explain: true, showExcluded: true)
        let path = "/needs/" + HTML.path(need.id)
        let ruleParams: [(String, String?)] = [("rule", choice.rule.name == desk.defaultRule.name ? nil : choice.rule.name)]
        var b = "<h1>\(HTML.text(need.title.text(l.language)))</h1>\n"
        let other = l.language == .vi ? need.title.en : need.title.vi
        b += "<p class=\"sub\">" + (other.map { HTML.text($0) + " · " } ?? "") + "<span class=\"muted\">\(HTML.text(need.id))</span></p>\n"
        if let notice { b += "<p class=\"notice\">\(HTML.text(notice))</p>\n" }

        b += "<div class=\"actions\">"
        b += "<a href=\"\(layout.link(path + "/brief", ruleParams))\">\(l.h("Printable brief (A4)", "Bản tóm tắt để in (A4)"))</a>"
        b += "<a href=\"\(layout.link(path + "/ranking.csv", ruleParams + [("top", String(choice.top))]))\" download>\(l.h("Download the ranking (CSV)", "Tải bảng xếp hạng (CSV)"))</a>"
        if desk.dossier != nil { b += "<a href=\"\(layout.link(path + "/dossier", ruleParams))\">\(l.h("Meeting dossier", "Hồ sơ cuộc họp"))</a>" }
        if desk.allowWrites { b += "<a href=\"\(layout.link(path + "/edit"))\">\(l.h("Edit this need", "Sửa nhu cầu này"))</a>" }
        b += "</div>\n"

        b += facts(need, lists)
        b += picker(need, choice)

        // The verdict on the partners shown.
        if ranking.entries.isEmpty {
            let warning = RankingNotes(ranking: ranking, need: need, catalog: catalog).allExcluded
            b += "<p class=\"verdict none\"><strong>\(l.h("No eligible partner.", "Không có đối tác đủ điều kiện."))</strong> \(HTML.text(warning?.message.text(l.language) ?? ""))</p>\n"
        } else if let v = ranking.verdict(names: { catalog.partner(id: $0)?.name.text(l.language) ?? $0 }, l.language) {
            b += "<p class=\"verdict none\"><strong>\(l.h("Match strength:", "Mức phù hợp:"))</strong> \(HTML.text(v))</p>\n"
        } else {
            let strong = ranking.entries.filter { $0.strength == .strong }.count
            b += "<p class=\"verdict\"><strong>\(l.h("Match strength:", "Mức phù hợp:"))</strong> \(HTML.text(l.t("\(strong) strong \(strong == 1 ? "match" : "matches") among the \(ranking.entries.count) partners shown.", "\(strong) đối tác phù hợp mạnh trong \(ranking.entries.count) đối tác được hiển thị.")))</p>\n"
        }

        // Two rules side by side first, when asked for: it is what the reader came for.
        if let compare = choice.compare { b += try sideBySide(need, choice.rule, compare, top: choice.top) }

        b += "<h2>\(HTML.text(l.t("Ranked partners under rule \(choice.rule.name) \(choice.rule.rule.version)", "Xếp hạng đối tác theo quy tắc \(choice.rule.name) \(choice.rule.rule.version)")))</h2>\n"
        // The bars' fill patterns (colour and a mark per feature, as the printed brief).
        b += MeetingBrief.patternDefinitions
        b += "<div class=\"legend\" aria-label=\"\(l.h("Colours of the score bar", "Màu của thanh điểm"))\">"
        for f in catalog.rule.features.used { b += "<span><svg class=\"swatch\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"url(#pm-\(f.rawValue))\"/></svg>\(HTML.text(f.name(l.language)))</span>" }
        b += "</div>\n<ol class=\"ranking\">\n"
        for e in ranking.entries {
            let name = catalog.partner(id: e.partnerID)?.name.text(l.language) ?? e.partnerID
            b += "<li><div class=\"entry-head\"><span class=\"name\">\(e.rank). <a href=\"\(layout.link("/partners/" + HTML.path(e.partnerID)))\">\(HTML.text(name))</a></span>"
            b += "<span class=\"right\"><span class=\"badge \(e.strength.rawValue)\">\(HTML.text(e.strength.name(l.language)))</span> <span class=\"score\">\(HTML.text(l.score(e.score)))</span></span></div>\n"
            if let x = e.explanation {
                b += MeetingBrief.bar(x, l.language) + "\n"
                let reasons = MeetingBrief.reasons(x, l.language)
                if !reasons.isEmpty { b += "<p class=\"reasons\"><b>\(l.h("Why:", "Lý do:"))</b> \(HTML.text(reasons.joined(separator: "; ")))</p>\n" }
                let gap = RankingRenderer.shortfall(e, l.language)
                if !gap.isEmpty { b += "<p class=\"short\"><b>\(l.h("Short of:", "Còn thiếu:"))</b> \(HTML.text(gap))</p>\n" }
            }
            b += "</li>\n"
        }
        b += "</ol>\n"

        b += "<h2>\(l.h("Excluded partners and why", "Đối tác bị loại và lý do"))</h2>\n"
        if ranking.excluded.isEmpty {
            b += "<p class=\"empty\">\(l.h("No partner is excluded by this rule's filters.", "Không đối tác nào bị loại bởi các bộ lọc của quy tắc này."))</p>\n"
        } else {
            b += "<table><thead><tr><th>\(l.h("Partner", "Đối tác"))</th><th>\(l.h("Why excluded", "Lý do bị loại"))</th></tr></thead><tbody>\n"
            for x in ranking.excluded {
                let name = catalog.partner(id: x.partnerID)?.name.text(l.language) ?? x.partnerID
                b += "<tr><td><a href=\"\(layout.link("/partners/" + HTML.path(x.partnerID)))\">\(HTML.text(name))</a></td><td>\(HTML.text(RankingRenderer.exclusionText(x, l.language)))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        let stamp = l.t("Rule \(ranking.ruleName) \(ranking.ruleVersion) · catalog sha256:\(ranking.shortHash) · \(ranking.entries.count) shown, \(ranking.excludedCount) of \(ranking.partnerCount) excluded",
                        "Quy tắc \(ranking.ruleName) \(ranking.ruleVersion) · danh mục sha256:\(ranking.shortHash) · hiển thị \(ranking.entries.count), loại \(ranking.excludedCount)/\(ranking.partnerCount)")
        b += "<p class=\"muted\">\(HTML.text(stamp))</p>\n"
        return layout.page(title: need.title.text(l.language), body: b)
    }

    func facts(_ n: Need, _ lists: ListPages) -> String {
        var rows: [(String, String)] = []
        rows.append((l.t("Province", "Tỉnh"), lists.provinceName(n.province) + (n.commune.map { " · " + $0 } ?? "")))
        rows.append((l.t("Applicant", "Đơn vị đề xuất"), n.applicant.name(l.language)))
        rows.append((l.t("Instrument sought", "Hình thức cần"), n.instrument.name(l.language)))
        rows.append((l.t("Budget", "Ngân sách"), BriefText.usd(n.budgetUSD, l.language) + (n.budgetInput.map { " (\($0))" } ?? "")))
        if let c = n.counterpartUSD { rows.append((l.t("Counterpart funds", "Vốn đối ứng"), BriefText.usd(c, l.language))) }
        rows.append((l.t("Sectors", "Lĩnh vực"), n.sectors.map { "\($0.code) \(lists.sectorName($0.code)) \(l.number($0.share, decimals: 1))%" }.joined(separator: "; ")))
        if !n.themes.isEmpty {
            rows.append((l.t("Themes", "Chủ đề"), n.themes.map { id in desk.reference.themes.theme(id).map { l.language == .vi ? $0.vi : $0.en } ?? id }.joined(separator: ", ")))
        }
        if let s = n.stage { rows.append((l.t("Stage", "Giai đoạn"), s.name(l.language))) }
        if let d = n.date { rows.append((l.t("Date", "Ngày"), BriefText.date(d, l.language))) }
        if let d = n.description { rows.append((l.t("Description", "Mô tả"), d.text(l.language))) }
        return "<dl class=\"facts\">" + rows.map { "<dt>\(HTML.text($0.0))</dt><dd>\(HTML.text($0.1))</dd>" }.joined() + "</dl>\n"
    }

    /// The rule picker: a plain GET form, so that it works without JavaScript.
    func picker(_ need: Need, _ choice: Choice) -> String {
        func options(_ selected: String?, none: String? = nil) -> String {
            var s = none.map { "<option value=\"\"\(selected == nil ? " selected" : "")>\(HTML.text($0))</option>" } ?? ""
            for r in desk.rules {
                s += "<option value=\"\(HTML.attr(r.name))\"\(r.name == selected ? " selected" : "")>\(HTML.text("\(r.name) \(r.rule.version)"))</option>"
            }
            return s
        }
        let tops = Choice.tops.map { "<option value=\"\($0)\"\($0 == choice.top ? " selected" : "")>\($0)</option>" }.joined()
        return """
        <form class="inline" method="get" action="/needs/\(HTML.attr(HTML.path(need.id)))">
        <label>\(l.h("Rule", "Quy tắc"))<select name="rule">\(options(choice.rule.name))</select></label>
        <label>\(l.h("Side by side with", "So sánh với"))<select name="compare">\(options(choice.compare?.name, none: l.t("(no second rule)", "(không so sánh)")))</select></label>
        <label>\(l.h("Partners shown", "Số đối tác"))<select name="top">\(tops)</select></label>
        <input type="hidden" name="lang" value="\(l.code)">
        <button type="submit">\(l.h("Rank", "Xếp hạng"))</button>
        </form>
        """
    }

    /// Two rules side by side: each partner in the first `top` of either, with its rank
    /// and score under both (`RuleSideBySide`, as `rank --rule A --rule B` and `serve`).
    func sideBySide(_ need: Need, _ a: RuleInfo, _ b: RuleInfo, top: Int) throws -> String {
        let ca = try desk.catalog(a, for: need), cb = try desk.catalog(b, for: need)
        let rankings = [ca.rank(need, top: max(ca.partners.count, 1)), cb.rank(need, top: max(cb.partners.count, 1))]
        let names = RuleSideBySide.uniqueNames(rankings.map(\.ruleName), arguments: [a.name, b.name])
        let view = RuleSideBySide(rankings: rankings, names: names, top: top)
        var s = "<h2>\(HTML.text(l.t("Side by side: \(names[0]) and \(names[1])", "So sánh: \(names[0]) và \(names[1])")))</h2>\n"
        s += "<p class=\"muted\">\(l.h("Each partner in the first \(top) under either rule; a dash where the rule's filters exclude it.", "Mỗi đối tác nằm trong \(top) đầu theo một trong hai quy tắc; dấu gạch khi bộ lọc của quy tắc loại đối tác đó."))</p>\n"
        s += "<table><thead><tr><th>\(l.h("Partner", "Đối tác"))</th>"
        for n in names { s += "<th class=\"num\">\(HTML.text(n)): \(l.h("rank", "hạng"))</th><th class=\"num\">\(l.h("score", "điểm"))</th>" }
        s += "<th class=\"num\" title=\"\(l.h("▲ ranks higher, ▼ lower under the second rule", "▲ hạng cao hơn, ▼ thấp hơn theo quy tắc thứ hai"))\">\(HTML.text(l.t("Change under \(names[1])", "Thay đổi theo \(names[1])")))</th></tr></thead><tbody>\n"
        for row in view.rows {
            let name = ca.partner(id: row.partnerID)?.name.text(l.language) ?? row.partnerID
            s += "<tr><td><a href=\"\(layout.link("/partners/" + HTML.path(row.partnerID)))\">\(HTML.text(name))</a></td>"
            for p in row.placements {
                s += p.map { "<td class=\"num\">\($0.rank)</td><td class=\"num\">\(HTML.text(l.score($0.score)))</td>" } ?? "<td class=\"num\">–</td><td class=\"num\">–</td>"
            }
            if let ra = row.placements[0]?.rank, let rb = row.placements[1]?.rank {
                let d = ra - rb
                s += "<td class=\"num\">\(d == 0 ? "=" : (d > 0 ? "▲ \(d)" : "▼ \(-d)"))</td>"
            } else {
                s += "<td class=\"num\">–</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }
}
