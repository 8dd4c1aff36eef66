import Foundation

/// Text and tables for the evidence commands.
public struct EvidenceViews: Sendable {
    public let reference: ReferenceData
    public let language: Language

    public init(reference: ReferenceData, language: Language = .en) {
        self.reference = reference
        self.language = language
    }

    public static func usd(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e9 { return String(format: "%.2fB", v / 1e9) }
        if a >= 1e6 { return String(format: "%.2fM", v / 1e6) }
        if a >= 1e3 { return String(format: "%.1fk", v / 1e3) }
        return String(format: "%.0f", v)
    }

    static func money(_ v: Double) -> Table.Cell { .number((v * 100).rounded() / 100, usd(v)) }

    /// `FILE: 2935 activities: 2935 new, 0 updated, 0 unchanged` and what else happened.
    public static func importLine(file: String, activities: Int, inserted: Int, updated: Int, unchanged: Int, duplicates: Int, skipped: Int, country: String?, warnings: EvidenceWarnings,
                                  skippedRows: Int = 0, keptRows: String? = nil) -> String {
        var s = "\(file): \(activities) activities: \(inserted) new, \(updated) updated, \(unchanged) unchanged"
        if duplicates > 0 { s += "; \(duplicates) already known from another source (linked, counted once)" }
        if let keptRows { s += "; \(skippedRows) rows skipped (not \(keptRows))" }
        if let country, skipped > 0 { s += "; \(skipped) skipped (recipient country not \(country))" }
        s += "\n"
        for l in warnings.lines { s += "  warning: \(l)\n" }
        return s
    }

    public func sectorName(_ code: String) -> String {
        reference.sectors.name(of: code, language: language) ?? "(not in the taxonomy)"
    }

    public func provinceName(_ id: String) -> String {
        reference.provinces.unit(id: id)?.name ?? id
    }

    /// The sections of `partners profile`, each a titled table.
    public func profileSections(_ p: EvidenceProfile) -> [(String, Table)] {
        func l(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }
        var out: [(String, Table)] = []
        var years = Table(columns: [.init("year", l("Year", "Năm")), .init("activities", l("Activities", "Hoạt động"), alignRight: true), .init("value_usd", l("Value USD", "Giá trị USD"), alignRight: true)])
        for y in p.byYear { years.rows.append([.text(String(y.year)), .number(Double(y.activities), String(y.activities)), EvidenceViews.money(y.valueUSD)]) }
        out.append((l("Activities and value by year", "Hoạt động và giá trị theo năm"), years))
        for (title, rows) in [(l("Sectors by value (5-digit)", "Ngành theo giá trị (5 chữ số)"), p.sectors), (l("Sector categories by value (3-digit)", "Nhóm ngành theo giá trị (3 chữ số)"), p.categories)] {
            var t = Table(columns: [.init("code", l("Code", "Mã")), .init("name", l("Name", "Tên")), .init("share", l("Share", "Tỷ trọng"), alignRight: true), .init("value_usd", l("Value USD", "Giá trị USD"), alignRight: true), .init("activities", l("Activities", "Hoạt động"), alignRight: true)])
            for r in rows {
                t.rows.append([.text(r.code), .text(sectorName(r.code)), .number((r.share * 10000).rounded() / 10000, String(format: "%.1f%%", r.share * 100)), EvidenceViews.money(r.valueUSD), .number(Double(r.activities), String(r.activities))])
            }
            out.append((title, t))
        }
        var tickets = Table(columns: [.init("instrument", l("Instrument", "Hình thức")), .init("count", l("Count", "Số lượng"), alignRight: true), .init("p10", "p10", alignRight: true), .init("p50", "p50", alignRight: true), .init("p90", "p90", alignRight: true)])
        for r in p.tickets { tickets.rows.append([.text(r.instrument), .number(Double(r.count), String(r.count)), EvidenceViews.money(r.p10), EvidenceViews.money(r.p50), EvidenceViews.money(r.p90)]) }
        out.append((l("Ticket sizes (USD per activity)", "Quy mô tài trợ (USD mỗi hoạt động)"), tickets))
        var provinces = Table(columns: [.init("province", l("Province", "Tỉnh")), .init("name", l("Name", "Tên")), .init("activities", l("Activities", "Hoạt động"), alignRight: true), .init("value_usd", l("Value USD", "Giá trị USD"), alignRight: true)])
        for r in p.provinces { provinces.rows.append([.text(r.province), .text(provinceName(r.province)), .number(Double(r.activities), String(r.activities)), EvidenceViews.money(r.valueUSD)]) }
        out.append((l("Provinces", "Tỉnh"), provinces))
        var latest = Table(columns: [.init("identifier", l("Identifier", "Mã hoạt động")), .init("date", l("Date", "Ngày")), .init("value_usd", l("Value USD", "Giá trị USD"), alignRight: true), .init("basis", l("Basis", "Cơ sở")), .init("instrument", l("Instrument", "Hình thức")), .init("title", l("Title", "Tên hoạt động"))])
        for r in p.latest {
            latest.rows.append([.text(r.identifier), .text(r.date ?? ""), r.valueUSD.map(EvidenceViews.money) ?? .null, .text(r.basis?.rawValue ?? ""), .text(r.instrument ?? ""), .text(r.title ?? "")])
        }
        out.append((l("Latest activities", "Hoạt động gần nhất"), latest))
        return out
    }

    public func profileText(partnerID: String, name: String, _ p: EvidenceProfile, format: OutputFormat) -> String {
        var s = format == .markdown ? "# \(name) (\(partnerID))\n\n" : "\(name) (\(partnerID))\n"
        if language == .vi {
            // The same facts, every word in Vietnamese.
            let span = p.firstYear.map { f in "\(f)-\(p.lastYear ?? f)" } ?? "không có hoạt động có ngày"
            let basis = ValueBasis.allCases.compactMap { b in p.basis[b.rawValue].map { "\($0) theo \(b.rawValue)" } }.joined(separator: ", ")
            s += "Bằng chứng\(p.until.map { " đến năm \($0)" } ?? ""): \(p.activities) hoạt động, \(span); giá trị USD \(EvidenceViews.usd(p.valueUSD)) trên \(p.withValue) hoạt động có giá trị (\(basis.isEmpty ? "không có" : basis))\n"
            if p.activities == 0 {
                s += "Chưa có bằng chứng nào gắn với đối tác này. Hãy nhập dữ liệu ('partnermatch evidence import') hoặc thêm bí danh cho tổ chức của đối tác ('partnermatch evidence unlinked').\n"
                return s
            }
        } else {
        let span = p.firstYear.map { f in "\(f)-\(p.lastYear ?? f)" } ?? "no dated activities"
        let basis = ValueBasis.allCases.compactMap { b in p.basis[b.rawValue].map { "\($0) from \(b.rawValue)" } }.joined(separator: ", ")
        s += "Evidence\(p.until.map { " up to \($0)" } ?? ""): \(p.activities) activities, \(span); value USD \(EvidenceViews.usd(p.valueUSD)) over \(p.withValue) activities with a value (\(basis.isEmpty ? "none" : basis))\n"
        if p.activities == 0 {
            s += "No evidence links to this partner. Import evidence ('partnermatch evidence import') or add an alias for its organisation ('partnermatch evidence unlinked').\n"
            return s
        }
        }
        for (title, table) in profileSections(p) where !table.rows.isEmpty {
            s += format == .markdown ? "\n## \(title)\n\n" : "\n\(title)\n"
            s += table.renderPlain(format == .markdown ? .markdown : .table)
        }
        return s
    }
}
