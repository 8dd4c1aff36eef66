/// A value of a need that its writer did not give and a command assumed, printed with
/// the result so that no default passes silently: "province national (not given)".
///
/// Ad-hoc needs (`rank` with flags, inline needs of `serve`) assume a province, an
/// applicant and an instrument when none is given; amounts assume a currency when none
/// is written and the rate of a year when the need has no date.
public struct AssumedDefault: Sendable, Hashable {
    /// The need's field: `province`, `applicant`, `instrument`, `currency`, `rateYear`.
    public var field: String
    /// The value assumed, as the user would write it.
    public var value: String
    /// Why, and what it implies: "not given; nationwide: partners that work only in
    /// some provinces are excluded".
    public var why: String
    /// `why` in Vietnamese, for `--lang vi` (the English when nil).
    public var whyVI: String?

    public init(field: String, value: String, why: String, whyVI: String? = nil) {
        self.field = field
        self.value = value
        self.why = why
        self.whyVI = whyVI
    }

    /// "applicant province (not given; ...)".
    public var text: String { "\(field) \(value) (\(why))" }

    /// `text` in `language`: the field's name and the reason in Vietnamese under vi.
    public func text(_ language: Language) -> String {
        guard language == .vi else { return text }
        let names = ["province": "tỉnh", "applicant": "đơn vị đề xuất", "instrument": "hình thức", "budget.currency": "ngân sách: đơn vị tiền",
                     "counterpart.currency": "vốn đối ứng: đơn vị tiền", "budget.rateYear": "ngân sách: năm tỷ giá", "counterpart.rateYear": "vốn đối ứng: năm tỷ giá"]
        return "\(names[field] ?? field) \(value) (\(whyVI ?? why))"
    }

    /// The line printed on stderr under a table: "assumed: applicant province (...);
    /// province national (...)"; nil when nothing was assumed.
    public static func line(_ assumed: [AssumedDefault], _ language: Language = .en) -> String? {
        assumed.isEmpty ? nil : (language == .vi ? "giả định: " : "assumed: ") + assumed.map { $0.text(language) }.joined(separator: "; ")
    }

    /// `[{"field":...,"value":...,"why":...}]`, for JSON outputs.
    public static func json(_ assumed: [AssumedDefault]) -> String {
        "[" + assumed.map { "{\"field\":\(JSONText.quote($0.field)),\"value\":\(JSONText.quote($0.value)),\"why\":\(JSONText.quote($0.why))}" }.joined(separator: ",") + "]"
    }

    /// The province of a need given without one: the whole country.
    public static let province = AssumedDefault(
        field: "province", value: Need.national,
        why: "not given; a nationwide need: partners that work only in some provinces are excluded",
        whyVI: "không nêu; coi là nhu cầu toàn quốc: các đối tác chỉ hoạt động ở một số tỉnh bị loại")
    /// The applicant of a need given without one.
    public static let applicant = AssumedDefault(
        field: "applicant", value: ApplicantKind.province.rawValue,
        why: "not given; partners that take applications only from others (ministry, commune, ngo, enterprise) are excluded",
        whyVI: "không nêu; các đối tác chỉ nhận đề xuất từ đơn vị khác (bộ, xã, tổ chức phi chính phủ, doanh nghiệp) bị loại")
    /// The instrument of a need given without one.
    public static let instrument = AssumedDefault(
        field: "instrument", value: SoughtInstrument.any.rawValue,
        why: "not given; every instrument is compatible",
        whyVI: "không nêu; mọi hình thức đều phù hợp")

    /// What an amount assumed: its currency when none was written, and the year of its
    /// rate when the need has no date or that year has no rate.
    /// - Parameter field: the need's field, `budget` or `counterpart`.
    public static func of(_ amount: AmountSyntax.Amount, field: String) -> [AssumedDefault] {
        var out: [AssumedDefault] = []
        if let why = amount.currencyInferred {
            out.append(AssumedDefault(field: field + ".currency", value: amount.currency, why: why, whyVI: amount.currencyInferredVI))
        }
        if amount.currency != "USD", let year = amount.rateYear, let rate = amount.rate {
            let rateText = "\(NumberFormat.grouped(rate, decimals: 3)) \(amount.currency)/USD"
            let rateTextVI = "\(NumberFormat.grouped(rate, language: .vi, decimals: 3)) \(amount.currency)/USD"
            if let requested = amount.requestedYear, requested != year {
                out.append(AssumedDefault(field: field + ".rateYear", value: String(year),
                                          why: "no \(amount.currency) rate for \(requested), the need's year; \(rateText) of \(year), the \(year < requested ? "latest" : "earliest")",
                                          whyVI: "không có tỷ giá \(amount.currency) năm \(requested), năm của nhu cầu; dùng \(rateTextVI) năm \(year), năm \(year < requested ? "gần nhất" : "sớm nhất") có tỷ giá"))
            } else if amount.requestedYear == nil {
                out.append(AssumedDefault(field: field + ".rateYear", value: String(year),
                                          why: "the need has no date; \(rateText), the latest rate",
                                          whyVI: "nhu cầu không có ngày; dùng \(rateTextVI), tỷ giá gần nhất"))
            }
        }
        return out
    }
}
