/// Formatting shared by the renderers: numbers, amounts, dates, escaping, labels.
public enum BriefText {
    /// "1.234.567" under Vietnamese, "1,234,567" under English.
    static func number(_ v: Double, _ l: Language, decimals: Int = 0) -> String {
        NumberFormat.grouped(v, language: l, decimals: decimals)
    }

    /// A score to one decimal: "82.4" / "82,4".
    public static func score(_ v: Double, _ l: Language) -> String {
        let s = String(format1: v)
        // A decimal comma in Vietnamese; on the bytes (`serve` writes this per answer).
        return l == .vi ? String(decoding: s.utf8.map { $0 == 0x2E ? 0x2C : $0 }, as: UTF8.self) : s
    }

    /// "USD 2.500.000" (vi) / "USD 2,500,000" (en).
    public static func usd(_ v: Double, _ l: Language) -> String { "USD " + number(v, l) }

    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `2017-03-20` -> "20/3/2017" (vi) or "20 March 2017" (en); `03-20` -> "20/3" or
    /// "20 March"; anything else as written.
    public static func date(_ iso: String, _ l: Language) -> String {
        let parts = iso.split(separator: "-").map { Int($0) }
        guard parts.allSatisfy({ $0 != nil }) else { return iso }
        let p = parts.map { $0! }
        switch p.count {
        case 3 where (1...12).contains(p[1]):
            return l == .vi ? "\(p[2])/\(p[1])/\(p[0])" : "\(p[2]) \(monthsEN[p[1] - 1]) \(p[0])"
        case 2 where (1...12).contains(p[0]):
            return l == .vi ? "\(p[1])/\(p[0])" : "\(p[1]) \(monthsEN[p[0] - 1])"
        default:
            return iso
        }
    }

    public static func window(_ w: ApplicationWindow, _ l: Language) -> String {
        var s: String
        switch w.kind {
        case .rolling: s = l == .vi ? "nhận hồ sơ quanh năm" : "rolling, any time"
        case .annual:
            let range = [w.opens, w.closes].compactMap { $0.map { date($0, l) } }.joined(separator: "–")
            s = (l == .vi ? "hằng năm " : "every year ") + range
        case .dated:
            let range = [w.opens, w.closes].compactMap { $0.map { date($0, l) } }.joined(separator: "–")
            s = (l == .vi ? "đợt " : "call ") + range
        }
        if let f = w.fiscalYear { s += l == .vi ? " (năm tài khóa \(fiscalYearVI(f)))" : " (fiscal year \(f))" }
        if let n = w.note { s += "; \(n.text(l))" }
        return s
    }

    /// "April-March" -> "tháng 4 - tháng 3", "calendar" -> "theo năm dương lịch"; other
    /// values as written.
    static func fiscalYearVI(_ f: String) -> String {
        if f.lowercased() == "calendar" { return "theo năm dương lịch" }
        let months = f.split(separator: "-").map { m in monthsEN.firstIndex { $0.lowercased() == m.lowercased() } }
        guard months.count == 2, let a = months[0], let b = months[1] else { return f }
        return "tháng \(a + 1) - tháng \(b + 1)"
    }

    /// "grants USD 30,000–90,000 (terms) — active, last commitment March 2025, as of 30
    /// November 2026; ceiling JPY 10,000,000 (2025) = USD 66,820 at 149.655 JPY/USD".
    /// `compact` (the one-page HTML) leaves out the terms and the ceiling's conversion.
    public static func offer(_ o: InstrumentOffer, _ l: Language, rates: RateTable, compact: Bool = false) -> String {
        var s = "\(o.instrument.name(l)) \(usd(o.ticket.min, l))–\(number(o.ticket.max, l))"
        if !compact, let t = o.terms { s += " (\(t.text(l)))" }
        if let st = o.status { s += " — " + CatalogText.status(st, l, longDates: true) }
        if let c = o.ceiling {
            s += (l == .vi ? "; mức trần " : "; ceiling ")
            s += compact ? "\(c.currency) \(number(c.amount, l)) (\(c.year))" : CatalogText.ceiling(c, rates: rates, l)
        }
        return s
    }

    static func contact(_ c: Contact) -> String {
        ([c.label] + [c.address, c.phone, c.email, c.url].compactMap { $0 }).joined(separator: ", ")
    }

    /// "Title <https://...>, checked 30 November 2026"; with `hostOnly`, a URL is reduced to
    /// its host ("Title (worldbank.org), ..."), which prints whole where a URL would be cut.
    static func source(_ s: Source, _ l: Language, hostOnly: Bool = false) -> String {
        if hostOnly {
            let location = s.url.map(host) ?? s.document
            return s.title + (location.map { " (\($0))" } ?? "") + (l == .vi ? ", xem ngày " : ", checked ") + date(s.checked, l)
        }
        let location = s.url ?? s.document
        return s.title + (location.map { " <\($0)>" } ?? "") + (l == .vi ? ", xem ngày " : ", checked ") + date(s.checked, l)
    }

    /// Escapes `& < > " '`: the text can stand in element content and in a double- or
    /// single-quoted attribute alike.
    public static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Markdown table cells cannot hold `|` or line breaks.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Labels in both languages.
    static func label(_ key: Label, _ l: Language) -> String {
        switch (key, l) {
        case (.title, .en): return "Partner shortlist"
        case (.title, .vi): return "Danh sách đối tác đề xuất"
        case (.need, .en): return "Need"
        case (.need, .vi): return "Nhu cầu"
        case (.budget, .en): return "Budget"
        case (.budget, .vi): return "Ngân sách"
        case (.counterpart, .en): return "counterpart"
        case (.counterpart, .vi): return "vốn đối ứng"
        case (.sought, .en): return "Sought"
        case (.sought, .vi): return "Hình thức"
        case (.sectors, .en): return "Sectors"
        case (.sectors, .vi): return "Ngành"
        case (.themes, .en): return "Themes"
        case (.themes, .vi): return "Chủ đề"
        case (.applicant, .en): return "Applicant"
        case (.applicant, .vi): return "Đơn vị đề xuất"
        case (.score, .en): return "Score"
        case (.score, .vi): return "Điểm"
        case (.partner, .en): return "Partner"
        case (.partner, .vi): return "Đối tác"
        case (.why, .en): return "Why"
        case (.why, .vi): return "Lý do"
        case (.instruments, .en): return "Instruments"
        case (.instruments, .vi): return "Hình thức và quy mô"
        case (.windows, .en): return "Applications"
        case (.windows, .vi): return "Thời gian nhận hồ sơ"
        case (.contacts, .en): return "Contacts"
        case (.contacts, .vi): return "Liên hệ"
        case (.sources, .en): return "Sources"
        case (.sources, .vi): return "Nguồn"
        case (.rule, .en): return "Rule"
        case (.rule, .vi): return "Quy tắc"
        case (.catalog, .en): return "catalog"
        case (.catalog, .vi): return "danh mục"
        case (.considered, .en): return "partners considered"
        case (.considered, .vi): return "đối tác được xem xét"
        case (.excluded, .en): return "excluded by filters"
        case (.excluded, .vi): return "bị loại bởi bộ lọc"
        case (.none, .en): return "none listed"
        case (.none, .vi): return "chưa có"
        case (.pastProjects, .en): return "Past projects"
        case (.pastProjects, .vi): return "Dự án trước đây"
        case (.noPastProject, .en): return "none in the need's sectors"
        case (.noPastProject, .vi): return "chưa có dự án trong các ngành của nhu cầu"
        case (.noPartner, .en): return "No partner passes the rule's filters."
        case (.noPartner, .vi): return "Không có đối tác nào đạt các bộ lọc của quy tắc."
        case (.eligibility, .en): return "Eligibility"
        case (.eligibility, .vi): return "Điều kiện"
        case (.counterpartToRaise, .en): return "Counterpart to raise"
        case (.counterpartToRaise, .vi): return "Vốn đối ứng tỉnh cần huy động"
        case (.askFor, .en): return "Ask for"
        case (.askFor, .vi): return "Đề nghị"
        case (.apply, .en): return "Apply"
        case (.apply, .vi): return "Nộp hồ sơ"
        case (.excludedHead, .en): return "Excluded"
        case (.excludedHead, .vi): return "Bị loại"
        case (.legend, .en): return "Bars: points by feature"
        case (.legend, .vi): return "Thanh điểm: điểm theo tiêu chí"
        }
    }

    enum Label {
        case title, need, budget, counterpart, sought, sectors, themes, applicant, score, partner, why
        case instruments, windows, contacts, sources, rule, catalog, considered, excluded, none, noPartner
        case pastProjects, noPastProject, eligibility, counterpartToRaise, askFor, apply, excludedHead, legend
    }

    /// Why a filter excludes, as a reader says it: "no compatible instrument".
    static func exclusionReason(_ f: FilterKind, _ l: Language) -> String {
        switch (f, l) {
        case (.status, .en): return "window closed for Viet Nam"
        case (.status, .vi): return "đã đóng với Việt Nam"
        case (.instrument, .en): return "no compatible instrument"
        case (.instrument, .vi): return "không có hình thức phù hợp"
        case (.budget, .en): return "budget outside the ticket range"
        case (.budget, .vi): return "ngân sách ngoài khoảng tài trợ"
        case (.applicant, .en): return "does not take this applicant"
        case (.applicant, .vi): return "không nhận đơn vị đề xuất này"
        case (.province, .en): return "does not work in the province"
        case (.province, .vi): return "không hoạt động tại tỉnh"
        case (.excludedSector, .en): return "excludes the sector"
        case (.excludedSector, .vi): return "loại trừ ngành này"
        }
    }

    /// A need's stored conversion note ("VND 50,000,000,000 at 25,000 VND/USD (2025)") in
    /// `l`: read again at the rate of the need's year and written in Vietnamese when that
    /// gives back the same note; any other text as written.
    static func conversionNote(_ note: String, need: Need, rates: RateTable, _ l: Language) -> String {
        guard l == .vi, let a = AmountSyntax.reconvert(note: note, rates: rates, year: AmountSyntax.year(ofDate: need.date)),
              a.conversionNote == note, let vi = a.conversionNote(.vi) else { return note }
        return vi
    }

    /// `s` in at most about `n` characters, cut after a whole word with "…"; a first word
    /// longer than `n` is kept whole (never cut inside a word).
    static func clipAtWord(_ s: String, _ n: Int) -> String {
        guard s.count > n else { return s }
        let head = s.prefix(n)
        var cut = head.lastIndex(where: { $0 == " " }).map { s[..<$0] } ?? s.prefix { $0 != " " }
        while let last = cut.last, ",;:–-(".contains(last) { cut.removeLast() }
        return cut.count >= s.count ? s : String(cut) + "…"
    }

    /// The host of a URL without `www.` ("worldbank.org"), for a printed source line.
    static func host(_ url: String) -> String {
        var rest = Substring(url)
        if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : String(host)
    }
}

extension String {
    /// One decimal, rounded half away from zero, without Foundation's locale machinery.
    init(format1 v: Double) {
        let r = (v * 10).rounded() / 10
        guard r.isFinite, abs(r) < 1e15 else { self = NumberFormat.grouped(r); return }
        let whole = Int(r.rounded(.towardZero))
        let tenth = Int((abs(r) * 10).rounded()) % 10
        self = (r < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}
