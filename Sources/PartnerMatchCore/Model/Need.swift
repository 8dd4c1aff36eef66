/// A project need or proposal of a province, a commune or an organisation.
public struct Need: Codable, Sendable, Hashable, Identifiable {
    /// Stable id: letters, digits, `-`, `_` and `.` (`sla-2026-tea-01`).
    public var id: String
    public var title: LocalizedText
    /// Province id from the gazetteer (`son-la`); input may use any spelling. `national`
    /// (`Need.national`) for a need of the whole country, such as a past national programme.
    public var province: String
    /// The commune, ward or special zone (since 1 July 2025).
    public var commune: String?
    /// The former district, for records from before 1 July 2025.
    public var formerDistrict: String?
    public var applicant: ApplicantKind
    /// DAC purpose codes with percent shares summing to 100.
    public var sectors: [SectorShare]
    /// The budget asked for, in USD.
    public var budgetUSD: Double
    /// The budget as it was written, when it was not USD ("VND 50 tỷ at 25,000 VND/USD").
    public var budgetInput: String?
    public var instrument: SoughtInstrument
    /// Counterpart funds the applicant brings, in USD.
    public var counterpartUSD: Double?
    /// Theme ids from the theme vocabulary.
    public var themes: [String]
    public var beneficiaries: Beneficiaries?
    public var stage: NeedStage?
    /// ISO 8601 date the need was recorded (`2026-03-20`).
    public var date: String?
    public var description: LocalizedText?

    public init(
        id: String, title: LocalizedText, province: String, commune: String? = nil,
        formerDistrict: String? = nil, applicant: ApplicantKind, sectors: [SectorShare],
        budgetUSD: Double, budgetInput: String? = nil, instrument: SoughtInstrument,
        counterpartUSD: Double? = nil, themes: [String] = [], beneficiaries: Beneficiaries? = nil,
        stage: NeedStage? = nil, date: String? = nil, description: LocalizedText? = nil
    ) {
        self.id = id
        self.title = title
        self.province = province
        self.commune = commune
        self.formerDistrict = formerDistrict
        self.applicant = applicant
        self.sectors = sectors
        self.budgetUSD = budgetUSD
        self.budgetInput = budgetInput
        self.instrument = instrument
        self.counterpartUSD = counterpartUSD
        self.themes = themes
        self.beneficiaries = beneficiaries
        self.stage = stage
        self.date = date
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case id, title, province, commune, formerDistrict, applicant, sectors, budgetUSD, budgetInput
        case instrument, counterpartUSD, themes, beneficiaries, stage, date, description
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(LocalizedText.self, forKey: .title)
        province = try c.decode(String.self, forKey: .province)
        commune = try c.decodeIfPresent(String.self, forKey: .commune)
        formerDistrict = try c.decodeIfPresent(String.self, forKey: .formerDistrict)
        applicant = try c.decode(ApplicantKind.self, forKey: .applicant)
        sectors = try c.decode([SectorShare].self, forKey: .sectors)
        budgetUSD = try c.decode(Double.self, forKey: .budgetUSD)
        budgetInput = try c.decodeIfPresent(String.self, forKey: .budgetInput)
        instrument = try c.decodeIfPresent(SoughtInstrument.self, forKey: .instrument) ?? .any
        counterpartUSD = try c.decodeIfPresent(Double.self, forKey: .counterpartUSD)
        themes = try c.decodeIfPresent([String].self, forKey: .themes) ?? []
        beneficiaries = try c.decodeIfPresent(Beneficiaries.self, forKey: .beneficiaries)
        stage = try c.decodeIfPresent(NeedStage.self, forKey: .stage)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        description = try c.decodeIfPresent(LocalizedText.self, forKey: .description)
    }

    /// The province of a need of the whole country: no single province. It resolves to no
    /// gazetteer unit, so geography fit gives only nationwide partners their credit.
    public static let national = "national"

    /// The sector with the largest share (the first on a tie): the need's main sector.
    public var mainSector: String? {
        var best: SectorShare?
        for s in sectors where best == nil || s.share > best!.share { best = s }
        return best?.code
    }
}

/// One DAC purpose code of a need with its percent share.
public struct SectorShare: Codable, Sendable, Hashable {
    public var code: String
    /// Percent of the budget, in (0, 100].
    public var share: Double

    public init(code: String, share: Double) {
        self.code = code
        self.share = share
    }

    enum CodingKeys: String, CodingKey { case code, share }

    /// A share is a number, or text as people write it: `"70%"`, `"12,5 %"`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        if let v = try? c.decode(Double.self, forKey: .share) {
            share = v
        } else if let text = try? c.decode(String.self, forKey: .share) {
            guard let v = SectorShare.percent(text) else {
                throw DecodingError.dataCorruptedError(forKey: .share, in: c, debugDescription: "\"\(text)\" is not a share; expected a percent such as 70 or \"70%\"")
            }
            share = v
        } else {
            share = try c.decode(Double.self, forKey: .share)
        }
    }

    /// `70`, `70%`, `70 %`, `12,5%` as a number of percent; nil otherwise.
    public static func percent(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        if t.filter({ $0 == "," }).count == 1 && !t.contains(".") { t = t.replacingOccurrences(of: ",", with: ".") }
        guard let v = Double(t), v.isFinite else { return nil }
        return v
    }
}

/// Who benefits from a need.
public struct Beneficiaries: Codable, Sendable, Hashable {
    public var count: Int?
    public var description: String?

    public init(count: Int? = nil, description: String? = nil) {
        self.count = count
        self.description = description
    }
}
