/// Names of the vocabularies in the two languages, for reasons and briefs.

extension Instrument {
    /// "concessional loans" / "vay ưu đãi": the plural used in reasons.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.grant, .en): return "grants"
        case (.grant, .vi): return "viện trợ không hoàn lại"
        case (.concessionalLoan, .en): return "concessional loans"
        case (.concessionalLoan, .vi): return "vay ưu đãi"
        case (.nonConcessionalLoan, .en): return "non-concessional loans"
        case (.nonConcessionalLoan, .vi): return "vay thương mại"
        case (.equity, .en): return "equity"
        case (.equity, .vi): return "đầu tư vốn cổ phần"
        case (.technicalAssistance, .en): return "technical assistance"
        case (.technicalAssistance, .vi): return "hỗ trợ kỹ thuật"
        case (.training, .en): return "training"
        case (.training, .vi): return "đào tạo"
        case (.inKind, .en): return "in-kind support"
        case (.inKind, .vi): return "hỗ trợ hiện vật"
        }
    }
}

extension SoughtInstrument {
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.grant, .en): return "a grant"
        case (.grant, .vi): return "viện trợ không hoàn lại"
        case (.loan, .en): return "a loan"
        case (.loan, .vi): return "khoản vay"
        case (.investment, .en): return "an investment"
        case (.investment, .vi): return "đầu tư"
        case (.technicalAssistance, .en): return "technical assistance"
        case (.technicalAssistance, .vi): return "hỗ trợ kỹ thuật"
        case (.any, .en): return "any instrument"
        case (.any, .vi): return "bất kỳ hình thức nào"
        }
    }
}

extension ApplicantKind {
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.ministry, .en): return "a ministry"
        case (.ministry, .vi): return "bộ, ngành"
        case (.province, .en): return "a province"
        case (.province, .vi): return "tỉnh"
        case (.commune, .en): return "a commune"
        case (.commune, .vi): return "xã"
        case (.ngo, .en): return "an NGO"
        case (.ngo, .vi): return "tổ chức phi chính phủ"
        case (.enterprise, .en): return "an enterprise"
        case (.enterprise, .vi): return "doanh nghiệp"
        }
    }
}

extension Region {
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.northernMidlandsAndMountains, .en): return "the Northern Midlands and Mountains"
        case (.northernMidlandsAndMountains, .vi): return "Trung du và miền núi phía Bắc"
        case (.redRiverDelta, .en): return "the Red River Delta"
        case (.redRiverDelta, .vi): return "Đồng bằng sông Hồng"
        case (.northCentralAndCentralCoast, .en): return "the North Central and Central Coast"
        case (.northCentralAndCentralCoast, .vi): return "Bắc Trung Bộ và duyên hải miền Trung"
        case (.centralHighlands, .en): return "the Central Highlands"
        case (.centralHighlands, .vi): return "Tây Nguyên"
        case (.southeast, .en): return "the Southeast"
        case (.southeast, .vi): return "Đông Nam Bộ"
        case (.mekongDelta, .en): return "the Mekong Delta"
        case (.mekongDelta, .vi): return "Đồng bằng sông Cửu Long"
        }
    }
}

extension AreaFlag {
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.mountainous, .en): return "mountainous"
        case (.mountainous, .vi): return "miền núi"
        case (.border, .en): return "border"
        case (.border, .vi): return "biên giới"
        case (.coastal, .en): return "coastal"
        case (.coastal, .vi): return "ven biển"
        case (.poor, .en): return "poor"
        case (.poor, .vi): return "nghèo"
        case (.delta, .en): return "delta"
        case (.delta, .vi): return "đồng bằng"
        case (.urban, .en): return "urban"
        case (.urban, .vi): return "đô thị"
        }
    }
}

extension Feature {
    /// "Sector fit" / "Phù hợp ngành".
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.sectorFit, .en): return "Sector fit"
        case (.sectorFit, .vi): return "Phù hợp ngành"
        case (.scaleFit, .en): return "Scale fit"
        case (.scaleFit, .vi): return "Phù hợp quy mô"
        case (.instrumentFit, .en): return "Instrument fit"
        case (.instrumentFit, .vi): return "Phù hợp hình thức"
        case (.themeFit, .en): return "Theme fit"
        case (.themeFit, .vi): return "Phù hợp chủ đề"
        case (.geographyFit, .en): return "Geography fit"
        case (.geographyFit, .vi): return "Phù hợp địa bàn"
        case (.cofinancing, .en): return "Co-financing"
        case (.cofinancing, .vi): return "Vốn đối ứng"
        case (.presence, .en): return "Presence in Viet Nam"
        case (.presence, .vi): return "Hiện diện tại Việt Nam"
        case (.sectorEvidence, .en): return "Funded this sector"
        case (.sectorEvidence, .vi): return "Đã tài trợ ngành này"
        case (.ticketEvidence, .en): return "Past ticket sizes"
        case (.ticketEvidence, .vi): return "Quy mô dự án trước đây"
        case (.provinceEvidence, .en): return "Worked in this province"
        case (.provinceEvidence, .vi): return "Đã hoạt động tại tỉnh"
        }
    }
}

/// Amounts in reasons: `USD 9.5-13.6M`, `USD 850k-2M`; decimal comma in Vietnamese.
enum _Money {
    static func amount(_ usd: Double, _ language: Language) -> String {
        NumberFormat.compactUSD(usd, language: language)
    }

    static func range(_ low: Double, _ high: Double, _ language: Language) -> String {
        let a = NumberFormat.compactUSD(low, language: language)
        let b = NumberFormat.compactUSD(high, language: language)
        if a == b { return a }
        let suffix = { (s: String) -> String in s.last.map { $0.isLetter ? String($0) : "" } ?? "" }
        if suffix(a) == suffix(b) {
            return String(a.dropLast(suffix(a).count)) + "-" + b.dropFirst(4)
        }
        return a + "-" + b.dropFirst(4)
    }

    /// A factor such as 2.5 as "2.5" / "2,5".
    static func factor(_ x: Double, _ language: Language) -> String {
        NumberFormat.grouped(x, language: language, decimals: x < 10 ? 1 : 0)
    }

    static func percent(_ share: Double, _ language: Language) -> String {
        NumberFormat.grouped(share * 100, language: language, decimals: 1) + "%"
    }
}

extension FilterKind {
    /// "status" / "tình trạng": the filter's name as a reader sees it.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (_, .en): rawValue
        case (.status, .vi): "tình trạng"
        case (.instrument, .vi): "hình thức"
        case (.budget, .vi): "quy mô"
        case (.applicant, .vi): "đơn vị đề xuất"
        case (.province, .vi): "địa bàn"
        case (.excludedSector, .vi): "ngành loại trừ"
        }
    }
}

extension NeedStage {
    /// The stage as a reader sees it: the code in English, a word in Vietnamese.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (_, .en): rawValue
        case (.idea, .vi): "ý tưởng"
        case (.concept, .vi): "đề xuất sơ bộ"
        case (.feasibility, .vi): "nghiên cứu khả thi"
        case (.approved, .vi): "đã phê duyệt"
        case (.underImplementation, .vi): "đang thực hiện"
        case (.completed, .vi): "đã hoàn thành"
        }
    }
}
