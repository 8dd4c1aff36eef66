/// `rank --all`: every stored need with its best partners, one row per need and partner
/// (a need no partner passes gets one row saying so), for a table or a spreadsheet.
public enum AllNeedsView {
    public static func table(_ rankings: [(need: Need, ranking: Ranking)], catalog: CompiledCatalog, language l: Language) -> Table {
        let vi = l == .vi
        var t = Table(columns: [
            .init("need_id", vi ? "Nhu cầu" : "Need"), .init("need_title", vi ? "Tên" : "Title", maxWidth: 36),
            .init("budget_usd", vi ? "Ngân sách (USD)" : "Budget (USD)", alignRight: true),
            .init("rank", "#", alignRight: true), .init("partner_id", vi ? "Mã đối tác" : "Partner id"),
            .init("partner_name", vi ? "Đối tác" : "Partner", maxWidth: 40), .init("score", vi ? "Điểm" : "Score", alignRight: true),
            .init("note", vi ? "Ghi chú" : "Note"),
        ])
        for (need, ranking) in rankings {
            let head: [Table.Cell] = [.text(need.id), .text(need.title.text(l)), .number(need.budgetUSD.rounded(), NumberFormat.grouped(need.budgetUSD, language: l))]
            if ranking.entries.isEmpty {
                let why = AllExcludedWarning(ranking, need: need, catalog: catalog)?.message.text(l) ?? (vi ? "không đối tác nào qua các bộ lọc" : "no partner passes the filters")
                t.rows.append(head + [.null, .null, .null, .null, .text(why)])
                continue
            }
            for e in ranking.entries {
                let score = (e.score * 10).rounded() / 10
                t.rows.append(head + [.number(Double(e.rank), String(e.rank)), .text(e.partnerID),
                                      .text(catalog.partner(id: e.partnerID)?.name.text(l) ?? e.partnerID),
                                      .number(score, NumberFormat.grouped(score, language: l, decimals: 1)), .text("")])
            }
        }
        return t
    }
}
