/// Text of catalog facts in English or Vietnamese, shared by `partners show` and the
/// brief: an instrument's status and ceiling, and how fresh a partner's facts are.
public enum CatalogText {
    /// `2025-03` -> "2025-03" (ISO, for cards) or, with `long`, "March 2025" / "3/2025";
    /// full and year-only dates likewise.
    public static func date(_ iso: String, _ l: Language, long: Bool) -> String {
        guard long else { return iso }
        let p = iso.split(separator: "-").compactMap { Int($0) }
        if p.count == 2, (1...12).contains(p[1]) {
            return l == .vi ? "\(p[1])/\(p[0])" : "\(BriefText.monthsEN[p[1] - 1]) \(p[0])"
        }
        return BriefText.date(iso, l)
    }

    /// "active, last commitment 2025-03, as of 2026-11-30" /
    /// "đang hoạt động, cam kết gần nhất 2025-03, tính đến 2026-11-30".
    public static func status(_ s: InstrumentStatus, _ l: Language, longDates: Bool = false) -> String {
        var out = s.state.name(l)
        if let last = s.lastCommitment {
            out += (l == .vi ? ", cam kết gần nhất " : ", last commitment ") + date(last, l, long: longDates)
        } else {
            out += l == .vi ? ", chưa rõ cam kết gần nhất" : ", no commitment known"
        }
        if let closed = s.closedSince, s.state == .closed {
            out += (l == .vi ? ", đóng từ " : ", closed since ") + date(closed, l, long: longDates)
        }
        out += (l == .vi ? ", tính đến " : ", as of ") + date(s.asOf, l, long: longDates)
        return out
    }

    /// "JPY 10,000,000 (2025) = USD 66,820 at 149.655 JPY/USD": the ceiling in its own
    /// currency, then in USD at the rate of its year when there is one.
    public static func ceiling(_ c: Ceiling, rates: RateTable, _ l: Language) -> String {
        var out = "\(c.currency) \(NumberFormat.grouped(c.amount, language: l)) (\(c.year))"
        if c.currency.uppercased() != "USD", let r = rates.rate(c.currency, year: c.year), r.year == c.year, r.perUSD > 0 {
            out += " = USD \(NumberFormat.grouped(c.amount / r.perUSD, language: l))"
            out += (l == .vi ? " theo tỷ giá " : " at ") + "\(NumberFormat.grouped(r.perUSD, language: l, decimals: 4)) \(c.currency)/USD"
        }
        return out
    }

    /// "Facts as of 2026-11-30", or with sources checked on different days, the oldest
    /// day (every fact was checked on or after it) and the newest: "Facts as of 2021-06-30
    /// (oldest source checked; newest 2026-11-30)". Nil without a dated source.
    public static func factsAsOf(_ p: Partner, _ l: Language, longDates: Bool = false) -> String? {
        guard let r = DataCheck.checkedRange(p) else { return nil }
        let oldest = date(r.oldest, l, long: longDates), newest = date(r.newest, l, long: longDates)
        let head = l == .vi ? "Thông tin tính đến" : "Facts as of"
        if r.oldest == r.newest { return "\(head) \(oldest)" }
        return l == .vi ? "\(head) \(oldest) (nguồn cũ nhất; mới nhất \(newest))" : "\(head) \(oldest) (oldest source checked; newest \(newest))"
    }
}

extension InstrumentStatus.State {
    /// "active" / "đang hoạt động".
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.active, .en): return "active"
        case (.active, .vi): return "đang hoạt động"
        case (.dormant, .en): return "dormant"
        case (.dormant, .vi): return "tạm ngừng"
        case (.closed, .en): return "closed"
        case (.closed, .vi): return "đã đóng"
        }
    }
}

extension PartnerKind {
    /// "embassy-small-grants" / "quỹ nhỏ của đại sứ quán".
    public func name(_ language: Language) -> String {
        guard language == .vi else { return rawValue }
        switch self {
        case .bilateralAgency: return "cơ quan song phương"
        case .multilateralBank: return "ngân hàng đa phương"
        case .developmentFund: return "quỹ phát triển"
        case .embassySmallGrants: return "quỹ viện trợ nhỏ của đại sứ quán"
        case .technicalCooperationAgency: return "cơ quan hợp tác kỹ thuật"
        case .decentralisedCooperation: return "hợp tác phi tập trung"
        case .ngo: return "tổ chức phi chính phủ"
        case .privateInvestor: return "nhà đầu tư tư nhân"
        }
    }
}
