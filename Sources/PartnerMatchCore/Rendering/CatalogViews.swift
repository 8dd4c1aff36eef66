/// Tables and cards of partners and needs, for list and show commands.
public struct CatalogViews: Sendable {
    public let reference: ReferenceData
    public let language: Language

    public init(reference: ReferenceData, language: Language = .en) {
        self.reference = reference
        self.language = language
    }

    /// "grant USD 50k-90k; technical-assistance USD 1M-5M"
    public static func instrumentSummary(_ p: Partner, language: Language = .en) -> String {
        p.instruments.map { "\($0.instrument.rawValue) \(ticketText($0.ticket, language: language))" }.joined(separator: "; ")
    }

    /// "USD 9.5M-13.6M"
    public static func ticketText(_ t: TicketRange, language: Language = .en) -> String {
        let lo = NumberFormat.compactUSD(t.min, language: language)
        let hi = NumberFormat.compactUSD(t.max, language: language).replacingOccurrences(of: "USD ", with: "")
        return lo == "USD " + hi ? lo : "\(lo)-\(hi)"
    }

    public func provinceName(_ id: String) -> String {
        reference.provinces.unit(id: id)?.name ?? id
    }

    /// The partner list; with `sector`, a column of how strongly each funds it.
    public func partnersTable(_ partners: [Partner], sector: String? = nil) -> Table {
        var cols: [Table.Column] = [.init("id", "ID"), .init("name", language == .vi ? "Tên" : "Name", maxWidth: 50), .init("kind", "Kind"), .init("origin", "Origin")]
        if sector != nil { cols.append(.init("sector_weight", "Weight \(sector!)", alignRight: true)) }
        cols.append(.init("instruments", "Instruments"))
        var t = Table(columns: cols)
        for p in partners {
            var row: [Table.Cell] = [.text(p.id), .text(p.name.text(language)), .text(p.kind.rawValue), .text(p.origin)]
            if let sector {
                let w = PartnerFilter.sectorWeight(p, sector: sector, taxonomy: reference.sectors) ?? 0
                row.append(.number(w, NumberFormat.grouped(w, language: language, decimals: 2)))
            }
            row.append(.text(CatalogViews.instrumentSummary(p, language: language)))
            t.rows.append(row)
        }
        return t
    }

    public func needsTable(_ needs: [Need]) -> Table {
        var t = Table(columns: [
            .init("id", "ID"), .init("title", language == .vi ? "Tên dự án" : "Title", maxWidth: 50), .init("province", "Province"),
            .init("commune", "Commune"), .init("sectors", "Sectors"), .init("budget_usd", "Budget (USD)", alignRight: true),
            .init("instrument", "Instrument"), .init("stage", "Stage"),
        ])
        for n in needs {
            t.rows.append([
                .text(n.id), .text(n.title.text(language)), .text(provinceName(n.province)), n.commune.map { .text($0) } ?? .null,
                .text(SectorSyntax.format(n.sectors)), .number(n.budgetUSD, NumberFormat.grouped(n.budgetUSD, language: language)),
                .text(n.instrument.rawValue), n.stage.map { .text($0.rawValue) } ?? .null,
            ])
        }
        return t
    }

    func sectorLabel(_ code: String) -> String {
        "\(code) \(reference.sectors.name(of: code, language: language) ?? "(unknown)")"
    }

    func provenanceText(_ prov: Provenance?, _ p: Partner) -> String {
        guard let prov else { return "" }
        var s = prov.source.map { "[\($0)]" } ?? ""
        if prov.estimate { s += (s.isEmpty ? "" : " ") + (language == .vi ? "(ước tính" : "(estimate") + (prov.note.map { ": \($0)" } ?? "") + ")" }
        return s
    }

    /// A label of the card in the card's language.
    func label(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }

    /// A readable card of one partner for the terminal or Markdown: every label in the
    /// card's language, free text (notes, terms) from the bilingual data, each figure
    /// with its source, each instrument with its status for Viet Nam and its ceiling, and
    /// how fresh the facts are.
    public func partnerCard(_ p: Partner) -> String {
        let vi = language == .vi
        var out = "\(p.name.text(language))\n"
        let other = vi ? p.name.en : p.name.vi
        if let other, other != p.name.text(language) { out += "\(other)\n" }
        out += "\(label("id", "mã")): \(p.id)   \(label("kind", "loại")): \(p.kind.name(language))   \(label("origin", "xuất xứ")): \(p.origin)\n"
        if !p.aliases.isEmpty { out += "\(label("aliases", "tên khác")): \(p.aliases.joined(separator: ", "))\n" }
        if !p.iatiRefs.isEmpty { out += "\(label("IATI refs", "mã IATI")): \(p.iatiRefs.joined(separator: ", "))\n" }
        if let asOf = CatalogText.factsAsOf(p, language) { out += asOf + "\n" }
        out += "\n\(label("Instruments", "Hình thức và quy mô")):\n"
        for o in p.instruments {
            let name = vi ? o.instrument.name(.vi) : o.instrument.rawValue
            out += "  \(name): \(CatalogViews.ticketText(o.ticket, language: language)) (\(label("typical", "thường")) \(NumberFormat.compactUSD(o.ticket.typical, language: language)))"
            if let terms = o.terms { out += "; \(terms.text(language))" }
            out += " \(provenanceText(o.provenance, p))\n"
            if let st = o.status {
                out += "    \(label("status", "tình trạng")): \(CatalogText.status(st, language)) \(provenanceText(st.provenance, p))\n"
            }
            if let c = o.ceiling {
                out += "    \(label("ceiling", "mức trần")): \(CatalogText.ceiling(c, rates: reference.rates, language)) \(provenanceText(c.provenance, p))\n"
            }
        }
        out += "\n\(label("Sector priorities", "Ngành ưu tiên")):\n"
        for sp in p.sectorPriorities.sorted(by: { $0.weight > $1.weight }) {
            out += "  \(NumberFormat.grouped(sp.weight, language: language, decimals: 2))  \(sectorLabel(sp.sector)) \(provenanceText(sp.provenance, p))\n"
        }
        if !p.excludedSectors.isEmpty { out += "\(label("Excluded sectors", "Ngành không tài trợ")): \(p.excludedSectors.map(sectorLabel).joined(separator: "; "))\n" }
        if !p.themes.isEmpty {
            out += "\(label("Themes", "Chủ đề")): \(p.themes.map { id in reference.themes.theme(id).map { vi ? $0.vi : $0.en } ?? id }.joined(separator: ", "))\n"
        }
        let e = p.eligibility
        let applicants = e.applicantKinds.isEmpty ? label("any", "bất kỳ") : e.applicantKinds.map { vi ? $0.name(.vi) : $0.rawValue }.joined(separator: ", ")
        out += "\(label("Eligibility: applicants", "Điều kiện: đơn vị đề xuất")) \(applicants)"
        out += e.sovereignGuaranteeRequired ? label("; sovereign guarantee required", "; cần bảo lãnh của Chính phủ") : ""
        if let lenders = e.alongsideLoanFrom, !lenders.isEmpty { out += "; \(label("only beside a loan from", "chỉ đi kèm khoản vay của")) \(lenders.joined(separator: ", "))" }
        out += e.minCounterpartShare > 0 ? "; \(label("counterpart at least", "vốn đối ứng tối thiểu")) \(Int((e.minCounterpartShare * 100).rounded()))%" : ""
        out += " \(provenanceText(e.provenance, p))\n"
        let g = p.geography
        if g.isNationwide { out += "\(label("Geography", "Địa bàn")): \(label("nationwide", "toàn quốc"))\n" } else {
            let parts = g.provinces.map(provinceName) + g.regions.map { vi ? $0.name(.vi) : $0.rawValue } + g.areaFlags.map { vi ? $0.name(.vi) : $0.rawValue }
            out += "\(label("Geography", "Địa bàn")): \(parts.joined(separator: ", "))\n"
        }
        if let v = p.recentVolume {
            out += "\(label("Recent volume in Viet Nam", "Quy mô gần đây tại Việt Nam")): \(NumberFormat.compactUSD(v.usdPerYear, language: language)) \(label("a year", "mỗi năm")) (\(v.year)) \(provenanceText(v.provenance, p))\n"
        }
        if !p.applicationWindows.isEmpty {
            out += "\(label("Application windows", "Thời gian nhận hồ sơ")):\n"
            for w in p.applicationWindows {
                if vi { out += "  \(BriefText.window(w, .vi))\n"; continue }
                var s = "  \(w.kind.rawValue)"
                if let o = w.opens { s += " from \(o)" }
                if let c = w.closes { s += " to \(c)" }
                if let f = w.fiscalYear { s += "; fiscal year \(f)" }
                if let n = w.note { s += "; \(n.text(language))" }
                out += s + "\n"
            }
        }
        if !p.contacts.isEmpty {
            out += "\(label("Contacts", "Liên hệ")):\n"
            for c in p.contacts { out += "  \(([c.label] + [c.address, c.url, c.email, c.phone].compactMap { $0 }).joined(separator: " · "))\n" }
        }
        out += "\(label("Sources", "Nguồn")):\n"
        for s in p.sources { out += "  [\(s.id)] \(s.title) — \(s.url ?? s.document ?? "") (\(label("checked", "xem ngày")) \(s.checked))\n" }
        if let n = p.notes { out += "\n\(label("Notes", "Ghi chú")): \(n.text(language))\n" }
        return CatalogViews.trimLines(out)
    }

    static func trimLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }

    public func needCard(_ n: Need) -> String {
        var out = "\(n.title.text(language))\n"
        let other = language == .vi ? n.title.en : n.title.vi
        if let other, other != n.title.text(language) { out += "\(other)\n" }
        // Labels in the card's language; in English the codes as stored (scripts read them).
        let vi = language == .vi
        out += "id: \(n.id)   \(label("province", "tỉnh")): \(provinceName(n.province))"
        if let c = n.commune { out += "   \(label("commune", "xã/phường")): \(c)" }
        if let d = n.formerDistrict { out += "   \(label("former district", "huyện cũ")): \(d)" }
        out += "\n\(label("applicant", "đơn vị đề xuất")): \(vi ? n.applicant.name(.vi) : n.applicant.rawValue)   \(label("instrument sought", "hình thức cần")): \(vi ? n.instrument.name(.vi) : n.instrument.rawValue)"
        if let s = n.stage { out += "   \(label("stage", "giai đoạn")): \(s.name(language))" }
        if let d = n.date { out += "   \(label("date", "ngày")): \(vi ? BriefText.date(d, .vi) : d)" }
        out += "\n\(label("budget", "ngân sách")): USD \(NumberFormat.grouped(n.budgetUSD, language: language))"
        if let b = n.budgetInput { out += " (\(b))" }
        if let c = n.counterpartUSD { out += "   \(label("counterpart", "vốn đối ứng")): USD \(NumberFormat.grouped(c, language: language))" }
        out += "\n\(label("sectors", "lĩnh vực")):\n"
        for s in n.sectors { out += "  \(NumberFormat.grouped(s.share, language: language, decimals: 1))%  \(sectorLabel(s.code))\n" }
        if !n.themes.isEmpty {
            let names = vi ? n.themes.map { id in reference.themes.theme(id)?.vi ?? id } : n.themes
            out += "\(label("themes", "chủ đề")): \(names.joined(separator: ", "))\n"
        }
        if let b = n.beneficiaries {
            out += "\(label("beneficiaries", "người hưởng lợi")): \([b.count.map { NumberFormat.grouped(Double($0), language: language) }, b.description].compactMap { $0 }.joined(separator: " "))\n"
        }
        if let d = n.description { out += "\n\(d.text(language))\n" }
        return out
    }
}
